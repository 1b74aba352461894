"""The queue's list with one more column: who rang each entry up and where ("Anna Berg (1001) · window", "nobody
signed in · POS link (HTTP)", "unknown" for an entry journaled before the till recorded it), in core's words
(core/office/entry_description.who_short) from what the journal recorded with the entry.

A proxy over the queue's JournalModel, so the rows, their paging and their filters stay the model's: the column is
read for every row loaded but not yet asked, in one query (Journal.sources, without the payloads), the first time
one of them is drawn; an entry's who and where never change, so what was read is kept until the model reloads.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QIdentityProxyModel, QModelIndex, QObject, Qt

from pos_engage.core.office.entry_description import who_short
from pos_engage.qt.models.journal_model import COLUMNS, JournalModel
from pos_engage.qt.texts import shown

WHO = len(COLUMNS)   # after the model's own columns
HEADER = QT_TRANSLATE_NOOP("QueueView", "Rung up by")


class WhoColumn(QIdentityProxyModel):
    def __init__(self, model: JournalModel, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.setSourceModel(model)
        self.journal_model = model
        self._words: dict[int, str] = {}
        model.modelReset.connect(self._forget)

    # -------------------------------------------------------------- the extra column (Qt overrides: camelCase)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else self.sourceModel().columnCount() + 1

    def index(self, row: int, column: int, parent: QModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column == WHO and not parent.isValid():
            return self.createIndex(row, column) if 0 <= row < self.rowCount() else QModelIndex()
        return super().index(row, column, parent)

    def sibling(self, row: int, column: int, index: QModelIndex) -> QModelIndex:
        return self.index(row, column)

    def mapToSource(self, index: QModelIndex) -> QModelIndex:
        # The column is this proxy's own: there is no cell of the model behind it.
        return QModelIndex() if index.column() == WHO else super().mapToSource(index)

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if index.isValid() and index.column() == WHO:
            return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemNeverHasChildren
        return super().flags(index)

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if section == WHO and orientation == Qt.Orientation.Horizontal:
            return QCoreApplication.translate("QueueView", HEADER) if role == Qt.ItemDataRole.DisplayRole else None
        return self.journal_model.headerData(section, orientation, role)   # as data(): not through the base

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or index.column() != WHO:
            # The model's own cell, asked of it (not of QIdentityProxyModel.data: its None, handed back through a
            # Python override, was freed once too often and crashed the interpreter at exit).
            return self.journal_model.data(self.mapToSource(index), role)
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return None
        entry_id = self.journal_model.entry_id(index.row())
        if entry_id is None:
            return None
        if entry_id not in self._words:
            self._read_loaded()
        return self._words.get(entry_id)

    # -------------------------------------------------------------- ours

    def who(self, row: int) -> str | None:
        """The column's text for a row (tests, the details)."""
        return self.data(self.index(row, WHO))

    def _forget(self) -> None:
        self._words.clear()

    def _read_loaded(self) -> None:
        """Every loaded row not read yet, in one query."""
        model = self.journal_model
        ids = [i for i in (model.entry_id(row) for row in range(model.rowCount())) if i is not None
               and i not in self._words]
        for entry_id, (rung_by, origin) in model.journal.sources(ids).items():
            self._words[entry_id] = shown(who_short(rung_by, origin))
