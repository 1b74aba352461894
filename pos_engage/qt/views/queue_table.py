"""The queue view's table of journal entries: the model's columns the view refers to, the table set up over the
JournalModel (the plain words first, then what the entry is, when, its status and who made it where, before the
amount and the customer; one whole row selected at a time, compact rows) and its column widths (each what it needs to
be read, up to a cap). What a manager must see of every entry, what it is, when, its status and who, is whole and in
sight from 800 px wide: at 800×600 who rang an entry up was reached only by scrolling sideways, and when it was made
never showed. "What to do" gets the room those leave (its short words whole, "Sent to Engage."; a longer one is
elided, whole in its tooltip and in the details below), the amount and the customer in sight only where they leave
it what its words need; the rest scroll sideways. In a strip narrower than 800 px the most of the must-see columns,
left to right, that leave "What to do" its least. A text longer than its column is the cell's tooltip, whole (the
model's), and the selected entry's details below. The table is moved through as a list (EntryTable): no key but Left
and Right scrolls it sideways, so the columns a manager must see stay in sight from the first entry to the last.
A click on a column's header sorts the entries by it (the model sorts; the view keeps the selected entry).
"""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QStyledItemDelegate, QTableView

from pos_engage.qt.models.journal_model import (
    AMOUNT,
    ATTEMPTS,
    CREATED,
    CUSTOMER,
    DEFAULT_SORT,
    ENTRY,
    KIND,
    NEXT_TRY,
    PAGE,
    STATUS,
    WHAT_TO_DO,
    WHO,
    JournalModel,
)

# Not the attempts' count: the details list each attempt under "Attempts:" ("Attempts: 0" then "Attempts:" and
# "Not tried yet" said it twice, helper R16's store review).
SUMMARY_COLUMNS = (CREATED, KIND, CUSTOMER, AMOUNT, NEXT_TRY)
# Left to right. What is after MUST_SEE and SEEN_WITH_ROOM scrolls sideways (the details below repeat it, the entry's
# number first).
ORDER = (WHAT_TO_DO, KIND, CREATED, STATUS, WHO, AMOUNT, CUSTOMER, ENTRY, ATTEMPTS, NEXT_TRY)
# What it is, when, its status and who made it where: whole and in sight at 800 px, "What to do" taking what is left.
MUST_SEE = (KIND, CREATED, STATUS, WHO)
# In sight when they leave "What to do" what its words need, up to WHAT_TO_DO_WHOLE, and at least WHAT_TO_DO_WIDTH
# (at 1024 px the amount often does); the masked customer ("***b3b2") tells the least.
SEEN_WITH_ROOM = (AMOUNT, CUSTOMER)

# What "What to do" gets beside the columns a manager must see when there is room: "Waiting to be sent." whole,
# "Engage rejected the total: …" begun.
WHAT_TO_DO_WIDTH = 200
# What it may want before the amount and the customer are in sight: its longest words whole at 1024 px.
WHAT_TO_DO_WHOLE = 480
# The least it gets at 800 px: "Sent to Engage." whole (in Swedish "Skickad till E…": what, when, status and who
# leave it 139 px); a longer text is elided there, whole in the cell's tooltip and the details.
WHAT_TO_DO_LEAST = 120
# The most a column takes to be read whole (what it needs, up to this): the masked customer the least; the status
# whole ("väntar på nytt försök" was cut at 170 px), the kind ("promotion rede…", "inlösen av erbju…" at 170 px) and
# who made it where ("Omar Said · POS link") too; the rest 170 px.
CAPS = {CUSTOMER: 110, STATUS: 230, KIND: 230, WHO: 260}
OTHERS_CAP = 170


class WhenInFewWords(QStyledItemDelegate):
    """When the entry was made, in the list, without what every row shares: today's as "00:39", this year's as
    "11-27 23:10", an older one whole ("2025-12-30 16:02"). The model's "2026-11-28 00:39" took 160 px, the room who
    made the entry needed at 800 px; the details below say it whole."""

    def displayText(self, value, locale) -> str:  # Qt override: camelCase
        text = str(value or "")
        now = datetime.now()
        if text.startswith(f"{now:%Y-%m-%d} "):
            return text[11:]
        if text.startswith(f"{now:%Y}-"):
            return text[5:]
        return text


# The keys that move along a row: the only ones that scroll the table sideways (to the entry's number, its attempts
# and its next try, right of what a manager must see).
SIDEWAYS = (Qt.Key.Key_Left, Qt.Key.Key_Right)


class EntryTable(QTableView):
    """A list of whole rows, moved through as a list: Home and End go to the first and the last entry (as Ctrl+Home
    and Ctrl+End do), and no key but Left and Right, nor a click, scrolls it sideways. Qt moved the current cell to
    the row's last column on End and Ctrl+End, and scrolled to the current cell on every move (also on a click on a
    column half in sight, then on every arrow and page key): at 800 px the plain words, what the entry is and when
    scrolled out of sight. Tab leaves the table for the details and the buttons (Qt's table went to the next cell:
    the selection stepped down a row, out of sight, and the buttons were never reached)."""

    def __init__(self) -> None:
        super().__init__()
        self.setTabKeyNavigation(False)
        self._sideways = False

    def moveCursor(self, action, modifiers) -> QModelIndex:  # Qt override: camelCase
        current = self.currentIndex()
        last = self.model().rowCount() - 1 if self.model() is not None else -1
        if action in (self.CursorAction.MoveHome, self.CursorAction.MoveEnd) and current.isValid() and last >= 0:
            row = 0 if action is self.CursorAction.MoveHome else last
            return self.model().index(row, current.column())
        return super().moveCursor(action, modifiers)

    def focusInEvent(self, event) -> None:  # Qt override: camelCase
        # Qt makes the first row current, unselected, when the table gets the keyboard with none current: the
        # details stayed empty and the first Down selected the second entry, the first one (the only conflict of a
        # filter, say) passed over. The current entry is selected, its details shown below.
        super().focusInEvent(event)
        model, selection = self.model(), self.selectionModel()
        if model is not None and model.rowCount() and not selection.hasSelection():
            current = self.currentIndex()
            self.selectRow(current.row() if current.isValid() else 0)

    def keyPressEvent(self, event) -> None:  # Qt override: camelCase
        self._sideways = event.key() in SIDEWAYS
        try:
            super().keyPressEvent(event)
        finally:
            self._sideways = False

    def scrollTo(self, index: QModelIndex, hint=QAbstractItemView.ScrollHint.EnsureVisible) -> None:  # Qt: camelCase
        # Up and down as Qt does; sideways only on Left and Right.
        across = self.horizontalScrollBar().value()
        super().scrollTo(index, hint)
        if not self._sideways:
            self.horizontalScrollBar().setValue(across)


def entry_table(model: JournalModel, name: str) -> QTableView:
    """The table over ``model``, named ``name`` for screen readers."""
    table = EntryTable()
    table.setModel(model)
    table.setAccessibleName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    header = table.horizontalHeader()
    # The plain words first, then what, when, status and who; the amount and the masked customer after them.
    for place, column in enumerate(ORDER):
        header.moveSection(header.visualIndex(column), place)
    # Sized by widen_what_to_do: stretched, it got what the other columns left, 40 px at 1024 px wide.
    header.setSectionResizeMode(WHAT_TO_DO, QHeaderView.ResizeMode.Interactive)
    header.setMinimumSectionSize(60)
    # Widths measured on the rows in sight and a page more, not on every row loaded (Qt's default, 1,000: a sort by
    # amount loads 2,000 rows, and measuring them took 290 ms of the click).
    header.setResizeContentsPrecision(PAGE)
    # A click on a column's header sorts by it (the model's sort: by value, its first click in the model's initial
    # order), a second turns it round, a third takes the sort off: back to the queue's own order, newest first, as it
    # opens (no indicator: its room in the header, on a column a manager must see, was what "What to do" needed at
    # 800 px). The view sorts (QueueView._on_sort_chosen), keeping the selected entry: Qt's own sorting would lose it.
    header.setSectionsClickable(True)
    header.setSortIndicatorShown(True)
    header.setSortIndicatorClearable(True)
    header.setSortIndicator(-1, DEFAULT_SORT[1])
    table.when_delegate = WhenInFewWords(table)   # kept: the view does not own its delegates
    table.setItemDelegateForColumn(CREATED, table.when_delegate)
    table.setWordWrap(False)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(32)  # more rows on screen than a touch row's height
    return table


def fit_columns(table: QTableView) -> None:
    """Sized once to the rows loaded, not re-measured on every layout pass: each column its words' width or its
    header's, up to its cap. Room for the sort indicator only in the sorted column's header, where it is drawn (Qt
    adds it to every header's width once the indicator is shown: 26 px more for each column a manager must see, and
    "What to do" lost it at 800 px)."""
    header = table.horizontalHeader()
    header.setSortIndicatorShown(False)
    plain = {column: header.sectionSizeHint(column) for column in (*range(8), WHO)}
    header.setSortIndicatorShown(True)
    for column in plain:
        words = header.sectionSizeHint(column) if column == header.sortIndicatorSection() else plain[column]
        width = max(table.sizeHintForColumn(column), words)
        # Each at most what it needs to be read; "What to do" gets the rest.
        table.setColumnWidth(column, min(width, CAPS.get(column, OTHERS_CAP)))


def widen_what_to_do(table: QTableView, model: JournalModel) -> None:
    """"What to do" gets the room the columns a manager must see leave (at 1024 px: "Engage did not answer; it will
    be tried again by itself." whole), and the amount and the customer are in sight beside them while "What to do"
    keeps what its words need (up to WHAT_TO_DO_WHOLE), at least WHAT_TO_DO_WIDTH. At 800 px the must-see columns
    are whole and in sight, "What to do" at least WHAT_TO_DO_LEAST; in a narrower strip the most of them, left to
    right, that leave it that much, the next beginning at the right edge. The entry's number, the attempts and the
    next try scroll sideways."""
    width = table.viewport().width()
    must_see = sum(table.columnWidth(c) for c in MUST_SEE)
    # Its words whole where the window is wide enough ("Engage did not answer; it will be tried again by itself."
    # at 1024 px) before the amount and the customer are in sight.
    wanted = max(WHAT_TO_DO_WIDTH, min(table.sizeHintForColumn(WHAT_TO_DO), WHAT_TO_DO_WHOLE))
    for count in range(len(SEEN_WITH_ROOM), -1, -1):
        room = width - must_see - sum(table.columnWidth(c) for c in SEEN_WITH_ROOM[:count])
        if room >= wanted:
            table.setColumnWidth(WHAT_TO_DO, room)
            return
    for count in range(len(MUST_SEE), -1, -1):
        room = width - sum(table.columnWidth(c) for c in MUST_SEE[:count])
        if room >= WHAT_TO_DO_LEAST:
            table.setColumnWidth(WHAT_TO_DO, room)
            return
    table.setColumnWidth(WHAT_TO_DO, WHAT_TO_DO_LEAST)
