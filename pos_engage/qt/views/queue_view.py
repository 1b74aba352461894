"""The store manager's queue: what is waiting, what needs attention and what to do, with the actions that
fix it. Every action that changes the journal asks for a manager's code (with IT's staff directory: the
manager's staff number and code) and is audited under that manager's name; personal data stays masked unless a
manager's code is given, and each entry shown unmasked is an audit row ("reveal") naming who saw it."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from pos_engage.core.errors import PosEngageError
from pos_engage.core.office.entries import KIND_LABELS, EntryKind, EntryStatus, sources_of
from pos_engage.core.office.queue import ManagerActions, masked_payload
from pos_engage.qt.models.journal_model import JournalModel, status_word
from pos_engage.qt.queue_bridge import QueueBridge, export_message
from pos_engage.qt.texts import shown
from pos_engage.qt.views.sign_in_dialog import Code, ask_code, split_code

STATUS_FILTERS = (
    (QT_TRANSLATE_NOOP("QueueView", "All"), ()),
    (QT_TRANSLATE_NOOP("QueueView", "Needs attention or conflict"), (EntryStatus.NEEDS_ATTENTION,
                                                                     EntryStatus.CONFLICT)),
    (QT_TRANSLATE_NOOP("QueueView", "Waiting to be sent"), (EntryStatus.PENDING, EntryStatus.WAITING_RETRY,
                                                            EntryStatus.IN_FLIGHT)),
    (QT_TRANSLATE_NOOP("QueueView", "Sent"), (EntryStatus.DELIVERED,)),
    (QT_TRANSLATE_NOOP("QueueView", "Exported to a file"), (EntryStatus.EXPORTED,)),
    (QT_TRANSLATE_NOOP("QueueView", "Resolved"), (EntryStatus.RESOLVED,)),
)


# The model's columns (models/journal_model.COLUMNS) the view refers to.
CUSTOMER, WHAT_TO_DO = 3, 8
SUMMARY_COLUMNS = (1, 2, 3, 4, 6, 7)   # created, kind, customer, amount, attempts, next try


def ask_pin_dialog(parent: QWidget, staff_number: bool = False) -> str | Code | None:
    """A manager's approval: (staff number, code) with IT's staff directory, else the till's manager PIN."""
    answer = ask_code(parent, staff_number=staff_number)
    if answer is None:
        return None
    return answer if staff_number else answer[1]


def ask_corrections_dialog(parent: QWidget, contact: dict) -> dict | None:
    """The registration's email and mobile, editable; returns only what was changed."""
    changes = {}
    for field, label in (("email", parent.tr("Email")), ("mobilePhone", parent.tr("Mobile"))):
        value, ok = QInputDialog.getText(parent, parent.tr("Correct registration"), label,
                                         text=str(contact.get(field) or ""))
        if not ok:
            return None
        if value.strip() != str(contact.get(field) or ""):
            changes[field] = value.strip()
    return changes or None


def ask_reason_dialog(parent: QWidget) -> str | None:
    reason, ok = QInputDialog.getText(parent, parent.tr("Resolve"), parent.tr("Why is it closed without sending?"))
    return reason if ok else None


WHAT_TO_DO_WIDTH = 260   # "Engage rejected the total: correct it and retry" begins readably


class QueueView(QWidget):
    def __init__(self, model: JournalModel, actions: ManagerActions, *, export_folder: Path, store: str, till: str,
                 on_changed: Callable[[], None] = lambda: None,
                 ask_pin: Callable[[], str | Code | None] | None = None,
                 ask_reason: Callable[[], str | None] | None = None,
                 ask_corrections: Callable[[dict], dict | None] | None = None,
                 long_actions: QueueBridge | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Offline queue"))
        self.model, self.actions = model, actions
        self.export_folder, self.store, self.till = export_folder, store, till
        self.on_changed = on_changed
        staff_number = actions.people.has_directory
        self.ask_pin = ask_pin or (lambda: ask_pin_dialog(self, staff_number))
        self.ask_reason = ask_reason or (lambda: ask_reason_dialog(self))
        self.ask_corrections = ask_corrections or (lambda contact: ask_corrections_dialog(self, contact))
        self.long_actions = long_actions
        self.unmasked = False
        self.revealed_to = None        # the manager who unmasked personal data (core/office/people.Person)
        self.revealed: set[int] = set()  # entries shown unmasked, each audited once

        # Narrower buttons than the till's (still 44 px high): two to a row in a strip beside the POS, so that the
        # entries keep the room. Set on this window only: drawing the till does not match the rule.
        self.setStyleSheet("QPushButton { padding: 4px 6px; }")
        layout = QVBoxLayout(self)
        # Unsent sales outside this journal (one set aside as damaged, one lost) are named above everything else.
        self.trouble = QLabel()
        self.trouble.setObjectName("journalTrouble")
        self.trouble.setWordWrap(True)
        self.trouble.setStyleSheet("color: #b00020; font-weight: bold;")
        self.trouble.setAccessibleName(self.tr("Unsent sales outside the queue"))
        layout.addWidget(self.trouble)
        filters = QHBoxLayout()
        self.status_filter = QComboBox()
        self.status_filter.setAccessibleName(self.tr("Show entries"))
        for label, _ in STATUS_FILTERS:
            self.status_filter.addItem(self.tr(label))
        self.kind_filter = QComboBox()
        self.kind_filter.setAccessibleName(self.tr("Kind of entry"))
        self.kind_filter.addItem(self.tr("Every kind"), None)
        for kind in EntryKind:
            self.kind_filter.addItem(shown(KIND_LABELS[kind]), kind)
        for combo in (self.status_filter, self.kind_filter):  # may be narrower than their longest item
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)
            filters.addWidget(combo, 1)
        layout.addLayout(filters)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.summary.setObjectName("queueSummary")
        self.summary.setAccessibleName(self.tr("Queue summary"))
        layout.addWidget(self.summary)

        splitter = QSplitter(Qt.Orientation.Vertical)
        self.table = QTableView()
        self.table.setModel(model)
        self.table.setAccessibleName(self.tr("Journal entries"))
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        header = self.table.horizontalHeader()
        # The plain words first and wide; the masked customer narrow (its whole value is the tooltip).
        header.moveSection(WHAT_TO_DO, 0)
        # Sized by _widen_what_to_do: stretched, it got what the other columns left, 40 px at 1024 px wide.
        header.setSectionResizeMode(WHAT_TO_DO, QHeaderView.ResizeMode.Interactive)
        header.setMinimumSectionSize(60)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(32)  # more rows on screen than a touch row's height
        details_part = QWidget()
        details_layout = QVBoxLayout(details_part)
        details_layout.setContentsMargins(0, 0, 0, 0)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setAccessibleName(self.tr("Entry details"))
        self.raw_button = QPushButton(self.tr("Show the raw data"))
        self.raw_button.setCheckable(True)
        self.raw_button.setAccessibleName(self.tr("Show the raw data"))
        details_layout.addWidget(self.details, 1)
        splitter.addWidget(self.table)
        splitter.addWidget(details_part)
        splitter.setStretchFactor(0, 3)
        splitter.setStretchFactor(1, 1)
        layout.addWidget(splitter, 1)

        self.retry_button = QPushButton(self.tr("Retry now"))
        self.resolve_button = QPushButton(self.tr("Resolve…"))
        self.unmask_button = QPushButton(self.tr("Show personal data"))
        self.export_button = QPushButton(self.tr("Export queue to files"))
        self.export_selected_button = QPushButton(self.tr("Export selected"))
        self.correct_button = QPushButton(self.tr("Correct registration…"))
        self.send_all_button = QPushButton(self.tr("Send all now"))
        self.upload_button = QPushButton(self.tr("Upload files"))
        self.cancel_button = QPushButton(self.tr("Stop"))
        self.cancel_button.setEnabled(False)
        # The selected entry's buttons, then the whole queue's; as many to a row as the window's width takes.
        self.entry_buttons = (self.retry_button, self.resolve_button, self.correct_button, self.unmask_button,
                              self.export_selected_button, self.raw_button)
        self.queue_buttons = (self.export_button, self.send_all_button, self.upload_button, self.cancel_button)
        for button in (*self.entry_buttons, *self.queue_buttons):
            button.setAccessibleName(button.accessibleName() or button.text())
        # In a box that never holds the window wider: _arrange_buttons puts fewer to a row when it narrows.
        self.button_box = QWidget()
        self.button_box.setMinimumWidth(1)
        self.button_grid = QGridLayout(self.button_box)
        self.button_grid.setContentsMargins(0, 0, 0, 0)
        self._button_columns = 0
        self.message = QLabel()
        self.message.setObjectName("queueMessage")
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Result"))
        layout.addWidget(self.button_box)
        layout.addWidget(self.message)
        self._arrange_buttons(self.width())

        self.status_filter.currentIndexChanged.connect(self._on_filter_changed)
        self.kind_filter.currentIndexChanged.connect(self._on_filter_changed)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self.show_details())
        self.raw_button.toggled.connect(lambda _on: self.show_details())
        self.retry_button.clicked.connect(self.retry_selected)
        self.resolve_button.clicked.connect(self.resolve_selected)
        self.unmask_button.clicked.connect(self.unmask)
        self.export_button.clicked.connect(self.export_all)
        self.export_selected_button.clicked.connect(self.export_selected)
        self.correct_button.clicked.connect(self.correct_selected)
        self.send_all_button.clicked.connect(self.send_all)
        self.upload_button.clicked.connect(self.upload)
        if long_actions is not None:
            self.cancel_button.clicked.connect(long_actions.cancel)
            long_actions.progressed.connect(self._on_long_actions_progressed)
            long_actions.files_progressed.connect(self._on_long_actions_files_progressed)
            long_actions.finished.connect(self._on_long_actions_finished)
            long_actions.busy_changed.connect(self._on_long_actions_busy_changed)
        else:
            for button in (self.send_all_button, self.upload_button, self.cancel_button):
                button.hide()
            self.queue_buttons = (self.export_button,)   # only what this view can do (no long actions here)
            self._button_columns = 0   # laid out again without them
            self._arrange_buttons(self.width())
        self.refresh()
        self._enable_entry_buttons(None)

    # -------------------------------------------------------------- layout

    def resizeEvent(self, event) -> None:  # Qt override: camelCase
        self._arrange_buttons(event.size().width())
        super().resizeEvent(event)
        if hasattr(self, "table"):
            self._widen_what_to_do()

    def _arrange_buttons(self, width: int) -> None:
        # As many to a row as fit, each column as wide as its widest button (not every column as wide as the widest
        # of all: at 800 px that made four rows of buttons and left the table three rows of entries).
        buttons = (*self.entry_buttons, *self.queue_buttons)
        hints = [button.sizeHint().width() for button in buttons]
        columns = 1
        for count in range(6, 1, -1):
            needed = sum(max(hints[c::count]) for c in range(count)) + 8 * (count - 1) + 24
            if needed <= width:
                columns = count
                break
        if columns == self._button_columns:
            return
        self._button_columns = columns
        for button in (*self.entry_buttons, *self.queue_buttons):
            self.button_grid.removeWidget(button)
        for index, button in enumerate((*self.entry_buttons, *self.queue_buttons)):
            self.button_grid.addWidget(button, index // columns, index % columns)

    def _enable_entry_buttons(self, entry) -> None:
        """Only what can be done to this entry is offered: checked before anyone is asked for a code."""
        status = entry.status if entry is not None else None
        self.retry_button.setEnabled(status in sources_of(EntryStatus.PENDING) and status is not EntryStatus.IN_FLIGHT
                                     and status is not EntryStatus.PENDING)
        self.resolve_button.setEnabled(status in sources_of(EntryStatus.RESOLVED))
        self.correct_button.setEnabled(entry is not None and entry.kind is EntryKind.REGISTER_CONTACT
                                       and status is EntryStatus.NEEDS_ATTENTION)
        self.export_selected_button.setEnabled(status in sources_of(EntryStatus.EXPORTED))
        self.unmask_button.setEnabled(not self.unmasked)

    # -------------------------------------------------------------- state

    def _widen_what_to_do(self) -> None:
        """The plain words get the room the other columns leave, and never less than WHAT_TO_DO_WIDTH (the other
        columns then scroll sideways inside the table)."""
        others = sum(self.table.columnWidth(c) for c in range(self.model.columnCount()) if c != WHAT_TO_DO)
        self.table.setColumnWidth(WHAT_TO_DO, max(WHAT_TO_DO_WIDTH, self.table.viewport().width() - others))

    def refresh(self) -> None:
        selected = self.selected_id() if hasattr(self, "table") else None
        self.model.refresh()
        for column in range(8):  # sized once to the rows loaded, not re-measured on every layout pass
            self.table.resizeColumnToContents(column)
            # Each at most what it needs to be read; "What to do" (stretched) gets the rest, the masked customer
            # the least.
            self.table.setColumnWidth(column, min(self.table.columnWidth(column), 110 if column == CUSTOMER else 170))
        self._widen_what_to_do()
        if selected is not None:  # keep the manager's place after an action
            for row in range(self.model.rowCount()):
                if self.model.entry_id(row) == selected:
                    self.table.selectRow(row)
                    break
        lines = self.actions.troubles().lines()
        self.trouble.setText("\n".join(shown(line) for line in lines))
        self.trouble.setVisible(bool(lines))
        figures = self.model.journal.figures()
        oldest = figures.oldest_age(time.time())
        age = self.tr(", oldest {0} min").format(int(oldest // 60)) if oldest else ""
        self.summary.setText(self.tr("{0} waiting{1} · {2} need attention · {3} conflicts · {4} exported").format(
            figures.pending, age, figures.needs_attention, figures.conflicts, figures.exported))

    def _on_filter_changed(self) -> None:
        statuses = STATUS_FILTERS[self.status_filter.currentIndex()][1]
        kind = self.kind_filter.currentData()  # Qt hands the enum back as its plain value
        self.model.set_filter(tuple(statuses), (EntryKind(kind),) if kind else ())

    def selected_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.entry_id(index.row()) if index.isValid() else None

    def show_details(self) -> None:
        entry_id = self.selected_id()
        if entry_id is None:
            self.details.clear()
            self._enable_entry_buttons(None)
            return
        journal = self.model.journal
        entry = journal.get(entry_id)
        self._enable_entry_buttons(entry)
        payload = entry.payload if self.unmasked else masked_payload(entry)
        if self.unmasked and entry_id not in self.revealed:  # who saw which customer's data: audited
            self.actions.people.revealed(self.revealed_to, entry_id)
            self.revealed.add(entry_id)
        attempts = [f"{datetime.fromtimestamp(a['at']):%Y-%m-%d %H:%M:%S}  {a['outcome']}  {a['error'] or ''}"
                    for a in journal.attempts_of(entry_id)]
        audit = [f"{datetime.fromtimestamp(a['at']):%Y-%m-%d %H:%M}  {a['action']} by {a['actor']}: {a['reason'] or ''}"
                 for a in journal.audit_log(entry_id)]
        row = self.table.currentIndex().row()
        cell = lambda column: self.model.data(self.model.index(row, column)) or ""  # noqa: E731
        summary = [f"{shown(entry.label)} #{entry.id} — {status_word(entry.status)}", cell(WHAT_TO_DO), "",
                   *(f"{self.model.headerData(column, Qt.Orientation.Horizontal)}: {cell(column)}"
                     for column in SUMMARY_COLUMNS if cell(column)),
                   "", self.tr("Attempts:"), *(attempts or ["-"]), "", self.tr("Audit:"), *(audit or ["-"])]
        # The raw JSON is for IT and Engage's support, behind a toggle; shown unmasked, it is what was asked for.
        raw = (["", json.dumps(payload, indent=2, ensure_ascii=False)]
               if self.raw_button.isChecked() or self.unmasked else [])
        self.details.setPlainText("\n".join([*summary, *raw]))

    # -------------------------------------------------------------- actions

    def _guarded(self, action: Callable[[str, str | None], str]) -> None:
        """Ask for a manager's code, then run ``action(code, staff number)``; core checks and audits it."""
        answer = self.ask_pin()
        if answer is None:
            return
        by, pin = split_code(answer)
        try:
            self.message.setText(action(pin, by))
        except PosEngageError as problem:
            self.message.setText(shown(problem))
            return
        self.refresh()
        self.on_changed()

    def retry_selected(self) -> None:
        entry_id = self.selected_id()
        if entry_id is None:
            return

        def retry(pin: str, by: str | None) -> str:
            self.actions.retry(entry_id, pin=pin, by=by, reason="retry from the queue view")
            return self.tr("Entry {0} will be sent again").format(entry_id)

        self._guarded(retry)

    def resolve_selected(self) -> None:
        entry_id = self.selected_id()
        if entry_id is None:
            return
        reason = self.ask_reason()
        if reason is None:
            return

        def resolve(pin: str, by: str | None) -> str:
            self.actions.resolve(entry_id, pin=pin, by=by, reason=reason)
            return self.tr("Entry {0} closed: {1}").format(entry_id, reason)

        self._guarded(resolve)

    def hideEvent(self, event) -> None:  # Qt override: camelCase
        """Closing the queue masks personal data again: the window is kept for the next opening, perhaps by
        another person, who must give a manager's code (and be audited) to see it."""
        if self.unmasked:
            self.unmasked, self.revealed_to, self.revealed = False, None, set()
            self.show_details()  # the text shown so far goes too
        super().hideEvent(event)

    def unmask(self) -> None:
        entry_id = self.selected_id()

        def show(pin: str, by: str | None) -> str:
            self.revealed_to = self.actions.reveal(entry_id, pin=pin, by=by)
            self.unmasked = True
            if entry_id is not None:
                self.revealed.add(entry_id)
            return self.tr("Personal data shown until this window closes")

        self._guarded(show)
        self.show_details()

    def correct_selected(self) -> None:
        """Fix what Engage rejected in a registration, then send it again; what waited for it follows."""
        entry_id = self.selected_id()
        if entry_id is None:
            return
        entry = self.model.journal.get(entry_id)
        if entry.kind is not EntryKind.REGISTER_CONTACT:
            self.message.setText(self.tr("Only a registration can be corrected"))
            return
        changes = self.ask_corrections(dict((entry.payload or {}).get("contact") or {}))
        if not changes:
            return

        def correct(pin: str, by: str | None) -> str:
            self.actions.correct(entry_id, changes, pin=pin, by=by)
            return self.tr("Registration {0} corrected; it will be sent again").format(entry_id)

        self._guarded(correct)

    def send_all(self) -> None:
        def start(pin: str, by: str | None) -> str:
            self.actions.approve("send-all", pin=pin, by=by, purpose="send all now")
            self.long_actions.send_all()
            return self.tr("Sending…")

        self._guarded(start)

    def upload(self) -> None:
        def start(pin: str, by: str | None) -> str:
            self.actions.approve("upload", pin=pin, by=by, purpose="upload files")
            self.long_actions.upload()
            return self.tr("Uploading…")

        self._guarded(start)

    def _on_long_actions_progressed(self, delivered: int, waiting: int) -> None:
        self.message.setText(self.tr("{0} sent, {1} still waiting…").format(delivered, waiting))

    def _on_long_actions_files_progressed(self, done: int, total: int) -> None:
        self.message.setText(self.tr("File {0} of {1}…").format(done, total))

    def _on_long_actions_finished(self, summary: str) -> None:
        self.message.setText(summary)
        self.refresh()
        self.on_changed()

    def _on_long_actions_busy_changed(self, busy: bool) -> None:
        self.cancel_button.setEnabled(busy)
        for button in (self.send_all_button, self.upload_button, self.export_button):
            button.setEnabled(not busy)

    def export_selected(self) -> None:
        """Just this entry by file (with what must travel with it); it is then never sent by API."""
        entry_id = self.selected_id()
        if entry_id is None:
            return

        def export(pin: str, by: str | None) -> str:
            result = self.actions.export(self.export_folder, store=self.store, pin=pin, by=by, only={entry_id},
                                         reason=f"entry {entry_id} exported from the queue view")
            why = "; ".join(reason for _, reason in result.skipped)
            return export_message(result, self.export_folder) + (f" ({why})" if why else "")

        self._guarded(export)

    def export_all(self) -> None:
        def export(pin: str, by: str | None) -> str:
            if self.long_actions is not None:  # in the till: with progress and Stop
                manager = self.actions.verify(pin, by=by, purpose="export the queue")
                self.long_actions.export(self.store, self.till, manager.actor)
                return self.tr("Exporting…")
            result = self.actions.export(self.export_folder, store=self.store, pin=pin, by=by,
                                         reason="exported from the queue view")
            return export_message(result, self.export_folder)

        self._guarded(export)
