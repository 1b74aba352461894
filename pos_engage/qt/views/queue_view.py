"""The store manager's queue: what is waiting, what needs attention and what to do, with the actions that
fix it. Every action that changes the journal asks for a manager's code (with IT's staff directory: the
manager's staff number and code) and is audited under that manager's name; personal data stays masked unless a
manager's code is given, and each entry shown unmasked is an audit row ("reveal") naming who saw it.

This module lays the window out (the journal's trouble, the filters, the summary, the table, the details, the
buttons), wires it and refreshes it, and sorts it by the header clicked (the model sorts; the selected entry stays
selected across a sort, a filter and a refresh, its details shown). The table is set up by queue_table, the
selected entry shown by queue_details, the manager's actions run by queue_actions, the manager asked by
queue_dialogs, and the height shared and Escape handled by queue_fit."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos_engage.core.office.entries import KIND_LABELS, EntryKind, EntryStatus
from pos_engage.core.office.queue import ManagerActions
from pos_engage.qt.models.journal_model import PAGE, SORTED_AT_MOST, JournalModel
from pos_engage.qt.queue_bridge import QueueBridge
from pos_engage.qt.texts import shown
from pos_engage.qt.views.queue_actions import QueueActions
from pos_engage.qt.views.queue_details import EntryDetails
from pos_engage.qt.views.queue_dialogs import ask_corrections_dialog, ask_pin_dialog, ask_reason_dialog
from pos_engage.qt.views.queue_fit import QueueFit, SharedSplitter
from pos_engage.qt.views.queue_table import (
    CUSTOMER,
    WHAT_TO_DO,
    WHAT_TO_DO_WIDTH,
    entry_table,
    fit_columns,
    widen_what_to_do,
)
from pos_engage.qt.views.sign_in_dialog import Code

# The window, the tests and the benchmarks import these from here (the table's columns and the dialogs included).
__all__ = ["CUSTOMER", "STATUS_FILTERS", "WHAT_TO_DO", "WHAT_TO_DO_WIDTH", "QueueView", "ask_corrections_dialog",
           "ask_pin_dialog", "ask_reason_dialog"]

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


class ResultLine(QLabel):
    """The result of the last action, taking no height while there is none: at 800×600 its empty line was the
    details' room (they showed three lines).

    A long action's result says how the queue and Engage stood when it ended ("0 delivered, … (Engage offline)"):
    ``stamp`` is that moment (the journal's figures, whether Engage was offline), and the view clears the line once
    either has changed (``outdated``). It stayed until the next action, and said "(Engage offline)" under entries
    Engage had since answered. Any other text is said until the next action, as before."""

    stamp: tuple | None = None

    def setText(self, text: str) -> None:  # Qt override: camelCase
        self.stamp = None
        super().setText(text)
        self.setVisible(bool(text))

    def outdated(self, now: tuple) -> bool:
        return self.stamp is not None and self.stamp != now


class QueueView(EntryDetails, QueueActions, QueueFit, QWidget):
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

        self.splitter = splitter = SharedSplitter(lambda: self.share_height())
        self.table = entry_table(model, self.tr("Journal entries"))
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
        self.message = ResultLine()
        self.message.setVisible(False)
        self.message.setObjectName("queueMessage")
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Result"))
        layout.addWidget(self.button_box)
        layout.addWidget(self.message)
        self._arrange_buttons(self.width())

        self.status_filter.currentIndexChanged.connect(self._on_filter_changed)
        self.kind_filter.currentIndexChanged.connect(self._on_filter_changed)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self.show_details())
        self.table.horizontalHeader().sortIndicatorChanged.connect(self._on_sort_chosen)
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
        self._set_up_fit()
        self.refresh()
        self._enable_entry_buttons(None)

    # -------------------------------------------------------------- layout

    def resizeEvent(self, event) -> None:  # Qt override: camelCase
        self._arrange_buttons(event.size().width())
        super().resizeEvent(event)
        if hasattr(self, "table"):
            widen_what_to_do(self.table, self.model)

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

    # -------------------------------------------------------------- state

    def refresh(self) -> None:
        """The entries again (after an action, or when the journal changed: the window refreshes an open queue by
        itself), the selected entry still selected, its details shown, the list where it was. A journal found
        damaged meanwhile is said where the queue's troubles are, the entries left as last read."""
        from pos_engage.core.office.entries import JournalDamaged

        try:
            self._refresh_from_the_journal()
        except JournalDamaged as damaged:
            self.trouble.setText(shown(damaged))
            self.trouble.setVisible(True)

    def _refresh_from_the_journal(self) -> None:
        self._keeping_the_selected_entry(self.model.refresh, scroll_back=True)
        lines = self.actions.troubles().lines()
        self.trouble.setText("\n".join(shown(line) for line in lines))
        self.trouble.setVisible(bool(lines))
        figures = self.model.journal.figures()
        if self.message.outdated(self._moment(figures)):
            self.message.setText("")
        oldest = figures.oldest_age(time.time())
        age = self.tr(", oldest {0} min").format(int(oldest // 60)) if oldest else ""
        # Each figure after its words: "1 conflicts" and "1 konflikter" read wrong, in either language.
        self._figures_words = self.tr("{0} waiting{1} · needs attention: {2} · conflicts: {3} · exported: {4}").format(
            figures.pending, age, figures.needs_attention, figures.conflicts, figures.exported)
        self._show_summary()

    def _moment(self, figures) -> tuple:
        """How the queue and Engage stand now, as a long action's result is stamped with (ResultLine)."""
        monitor = getattr(getattr(self.long_actions, "replayer", None), "monitor", None)
        return (figures, monitor.offline if monitor is not None else None)

    def _show_summary(self) -> None:
        """The queue's figures (as the last refresh read them); the sort chosen, if any (its header's indicator is
        out of sight at 800 px when it is the amount's or the customer's); and, when a sort took only the filter's
        newest entries (the model's SORTED_AT_MOST), that it did."""
        column = self.table.horizontalHeader().sortIndicatorSection()
        sorted_by = ""
        if column >= 0:
            name = self.model.headerData(column, Qt.Orientation.Horizontal)
            sorted_by = " · " + (self.tr("sorted by {0}, descending") if self.model.sort_order
                                 == Qt.SortOrder.DescendingOrder else self.tr("sorted by {0}, ascending")).format(name)
        among = self.model.sorted_among
        sorted_among = "" if among is None else "\n" + self.tr(
            "Sorted among the newest {0} of {1} entries: choose a filter to sort them all.").format(
            self.model.rowCount(), among)
        self.summary.setText(self._figures_words + sorted_by + sorted_among)

    def _on_sort_chosen(self, column: int, order) -> None:
        """A header clicked: the entries sorted by that column, the selected entry still selected and in sight."""
        self._keeping_the_selected_entry(lambda: self.model.sort(column, order), scroll_back=False,
                                         look_within=SORTED_AT_MOST)
        self._show_summary()

    def _keeping_the_selected_entry(self, reload: Callable[[], None], *, scroll_back: bool,
                                    look_within: int = 0) -> None:
        """``reload`` the model, then select the entry that was selected again, looked for in more pages up to a
        page more than were loaded (a new entry at the top moves the others down), or ``look_within`` rows (a sort
        moves it anywhere): its details and buttons stay its own. ``scroll_back``: the list where it was (a
        refresh) rather than only the entry in sight (a sort, which moved it)."""
        selected = self.selected_id() if hasattr(self, "table") else None
        loaded, scrolled = self.model.rowCount(), self.table.verticalScrollBar().value()
        reload()
        fit_columns(self.table)
        widen_what_to_do(self.table, self.model)
        if selected is None:
            return
        row = self.model.row_of(selected, within=max(loaded + PAGE, look_within))
        if row is None:
            # It left the list (a conflict retried is waiting, not in "Needs attention or conflict"): its details
            # and buttons go with it. They stayed, its old status ("#1402 — conflict") over no selected row.
            self.show_details()
            return
        self.table.selectRow(row)
        if scroll_back:
            self.table.verticalScrollBar().setValue(scrolled)
        self.table.scrollTo(self.model.index(row, 0))

    def _on_filter_changed(self) -> None:
        statuses = STATUS_FILTERS[self.status_filter.currentIndex()][1]
        kind = self.kind_filter.currentData()  # Qt hands the enum back as its plain value
        # The columns sized again to the rows now listed (_keeping_the_selected_entry): the widths fitted to "All"
        # (receipts, registrations) cut the kind of the conflicts listed next ("promotio…", "inlösen a…"), a column
        # a manager must read whole. The selected entry stays selected if the filter lists it.
        self._keeping_the_selected_entry(
            lambda: self.model.set_filter(tuple(statuses), (EntryKind(kind),) if kind else ()), scroll_back=False)
        self._show_summary()   # what a sort took of this filter

    # -------------------------------------------------------------- masking

    def hideEvent(self, event) -> None:  # Qt override: camelCase
        """Closing the queue masks personal data again: the window is kept for the next opening, perhaps by
        another person, who must give a manager's code (and be audited) to see it."""
        if self.unmasked:
            self.unmasked, self.revealed_to, self.revealed = False, None, set()
            self.show_details()  # the text shown so far goes too
        super().hideEvent(event)
