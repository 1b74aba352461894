"""The queue as a table: rows loaded a page at a time (fetchMore), newest first, so a million entries open at
once; filters by status and kind; refreshed when the journal changes.

Each page continues after the last id loaded (keyset) along an index already in that order, and the totals come
from the journal's counters: no filter sorts or counts the history (the "Sent" filter sorted every delivered
entry: 2.1 s on a million).

The last column says who made each entry and where in a few words (core's EntryView.rung_up: "Anna Berg ·
POS link"), its tooltip the whole sentence with the staff number (EntryView.rung_up_in_full), both read with the
entry's own row: nothing more is asked of the journal for it."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QAbstractTableModel, QCoreApplication, QModelIndex, Qt

from pos_engage.core.office.entries import EntryKind, EntryStatus
from pos_engage.core.office.queue import EntryView, Journal, view_of
from pos_engage.qt import i18n
from pos_engage.qt.texts import shown

PAGE = 200
COLUMNS = (QT_TRANSLATE_NOOP("JournalModel", "Entry"), QT_TRANSLATE_NOOP("JournalModel", "Created"),
           QT_TRANSLATE_NOOP("JournalModel", "Kind"), QT_TRANSLATE_NOOP("JournalModel", "Customer"),
           QT_TRANSLATE_NOOP("JournalModel", "Amount"), QT_TRANSLATE_NOOP("JournalModel", "Status"),
           QT_TRANSLATE_NOOP("JournalModel", "Attempts"), QT_TRANSLATE_NOOP("JournalModel", "Next try"),
           QT_TRANSLATE_NOOP("JournalModel", "What to do"))
# Who made the entry and where, after the columns above; its header is the words the queue's list gave it
# (QueueView). Worded for every kind: "Rung up by" read wrong over a registration or an order (session 9); the cell
# says who and where ("Omar Said · window", "till 1 · POS link"), its tooltip and the details the sentence for the
# kind ("Registered by …", "Made by …").
WHO = len(COLUMNS)
WHO_HEADER = QT_TRANSLATE_NOOP("QueueView", "Who · where")


# What the manager reads for each entry status (EntryStatus values).
STATUS_WORDS = {"pending": QT_TRANSLATE_NOOP("JournalModel", "pending"),
                "in_flight": QT_TRANSLATE_NOOP("JournalModel", "being sent"),
                "delivered": QT_TRANSLATE_NOOP("JournalModel", "delivered"),
                "waiting_retry": QT_TRANSLATE_NOOP("JournalModel", "waiting to retry"),
                "needs_attention": QT_TRANSLATE_NOOP("JournalModel", "needs attention"),
                "conflict": QT_TRANSLATE_NOOP("JournalModel", "conflict"),
                "exported": QT_TRANSLATE_NOOP("JournalModel", "sent by file"),
                "resolved": QT_TRANSLATE_NOOP("JournalModel", "resolved")}


def status_word(status: str) -> str:
    """An entry's status as the manager reads it, in the till's language."""
    return QCoreApplication.translate("JournalModel", STATUS_WORDS[status])


def _in_the_tills_language(view: EntryView) -> EntryView:
    """Core's words in a row translated once, as the row is loaded (not on every paint); its amount as the language
    writes amounts (1 299,00 SEK in Swedish: core gives 1299.00 SEK)."""
    return replace(view, kind=shown(view.kind), customer=shown(view.customer), explanation=shown(view.explanation),
                   amount=_amount(view.amount), rung_up=shown(view.rung_up),
                   rung_up_in_full=shown(view.rung_up_in_full))


def _amount(text: str) -> str:
    from decimal import Decimal, InvalidOperation

    figure, _, currency = text.partition(" ")
    try:
        return i18n.money(Decimal(figure), currency) if figure else text
    except InvalidOperation:
        return text


def _time(stamp: float | None) -> str:
    return "" if not stamp else datetime.fromtimestamp(stamp).strftime("%Y-%m-%d %H:%M")


class JournalModel(QAbstractTableModel):
    """``walk_in``: the store's catch-all contact (config till.anonymous_contact, "" when none): its receipts' rows
    say "Walk-in customer", not its masked id (core's customer_of)."""

    def __init__(self, journal: Journal, parent=None, *, walk_in: str = "") -> None:
        super().__init__(parent)
        self.journal = journal
        self.walk_in = walk_in
        self.statuses: tuple[EntryStatus, ...] = ()
        self.kinds: tuple[EntryKind, ...] = ()
        self._rows: list[EntryView] = []
        self._total = journal.count()

    # -------------------------------------------------------------- Qt model interface

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else WHO + 1

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            if section == WHO:
                return QCoreApplication.translate("QueueView", WHO_HEADER)
            return self.tr(COLUMNS[section]) if 0 <= section < WHO else None
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return (row.rung_up_in_full or row.rung_up) if index.column() == WHO else row.explanation
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return (str(row.id), _time(row.created_at), row.kind, row.customer, row.amount, status_word(row.status),
                str(row.attempts), _time(row.next_attempt_at), row.explanation, row.rung_up)[index.column()]

    def canFetchMore(self, parent: QModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: QModelIndex = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid():
            return
        entries = self.journal.entries(statuses=self.statuses, kinds=self.kinds, limit=PAGE, newest_first=True,
                                       after=self._rows[-1].id if self._rows else None)
        if not entries:
            self._total = len(self._rows)
            return
        views = [_in_the_tills_language(view_of(e, self.journal.dependency_of(e), walk_in=self.walk_in))
                 for e in entries]
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(views) - 1)
        self._rows.extend(views)
        self.endInsertRows()

    # -------------------------------------------------------------- ours

    def set_filter(self, statuses: tuple[EntryStatus, ...] = (), kinds: tuple[EntryKind, ...] = ()) -> None:
        self.statuses, self.kinds = statuses, kinds
        self.refresh()

    def refresh(self) -> None:
        """Reload from the first page (after an action, or when the journal changed)."""
        self.beginResetModel()
        self._rows = []
        self._total = self.journal.count(statuses=self.statuses, kinds=self.kinds)
        self.endResetModel()
        if self.canFetchMore():
            self.fetchMore()

    def entry_id(self, row: int) -> int | None:
        return self._rows[row].id if 0 <= row < len(self._rows) else None

    def who(self, row: int) -> str | None:
        """Who rang the row's entry up and where, as the column reads it."""
        return self._rows[row].rung_up if 0 <= row < len(self._rows) else None

    @property
    def total(self) -> int:
        return self._total
