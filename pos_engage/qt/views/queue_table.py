"""The queue view's table of journal entries: the model's columns the view refers to, the table set up over the
JournalModel (the plain words first, then the status and what the entry is, who rang it up before the customer;
one whole row selected at a time, compact rows) and its column widths (each what it needs to be read, up to a cap;
"What to do" the room the columns a manager must see leave, never less than WHAT_TO_DO_WIDTH; in a narrow window
the most of them that leave it that much, whole; the rest scroll sideways). Who rang an entry up and where is one
of those a manager must see: at 1024 px it was off the right edge, and cut to "Omar Said (2002…" once scrolled to,
so that where the entry came from (the window, the POS link) never showed. A text longer than its column is the
cell's tooltip, whole (the model's), and the selected entry's details below.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from pos_engage.qt.models.journal_model import WHO, JournalModel

# The model's columns (models/journal_model.COLUMNS, then WHO: who rang the entry up) the view refers to.
ENTRY, CREATED, KIND, CUSTOMER, AMOUNT, STATUS, ATTEMPTS, NEXT_TRY, WHAT_TO_DO = range(WHO)
SUMMARY_COLUMNS = (CREATED, KIND, CUSTOMER, AMOUNT, ATTEMPTS, NEXT_TRY)
# Left to right: at 1024 px the status was cut at the right edge behind the date and the entry number. What is after
# MUST_SEE scrolls sideways (the details below repeat it, the entry's number first). Who rang it up and where before
# the masked customer ("*********…" tells the least): in a narrow window it is the one that scrolls first.
ORDER = (WHAT_TO_DO, STATUS, KIND, AMOUNT, WHO, CUSTOMER, ENTRY, CREATED, ATTEMPTS, NEXT_TRY)
MUST_SEE = (STATUS, KIND, AMOUNT, WHO, CUSTOMER)

# The least "What to do" gets: "Waiting to be sent." whole, "Engage rejected the total: …" begun. It was 260 px; at
# 1024 px an entry that needs attention, a promotion redemption and "Omar Said · window" left it 245 px beside the
# columns a manager must see, so that who rang it up was cut at the right edge.
WHAT_TO_DO_WIDTH = 200
# The most a column takes to be read whole (what it needs, up to this): the masked customer the least; the status
# whole ("väntar på nytt försök" was cut at 170 px), the kind ("promotion rede…", "inlösen av erbju…" at 170 px) and
# who rang it up and where ("Omar Said · POS link") too; the rest 170 px.
CAPS = {CUSTOMER: 110, STATUS: 230, KIND: 230, WHO: 260}
OTHERS_CAP = 170


def entry_table(model: JournalModel, name: str) -> QTableView:
    """The table over ``model``, named ``name`` for screen readers."""
    table = QTableView()
    table.setModel(model)
    table.setAccessibleName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    header = table.horizontalHeader()
    # The plain words first and wide, the status beside them; the masked customer narrow.
    for place, column in enumerate(ORDER):
        header.moveSection(header.visualIndex(column), place)
    # Sized by widen_what_to_do: stretched, it got what the other columns left, 40 px at 1024 px wide.
    header.setSectionResizeMode(WHAT_TO_DO, QHeaderView.ResizeMode.Interactive)
    header.setMinimumSectionSize(60)
    table.setWordWrap(False)
    table.setTextElideMode(Qt.TextElideMode.ElideRight)
    table.verticalHeader().hide()
    table.verticalHeader().setDefaultSectionSize(32)  # more rows on screen than a touch row's height
    return table


def fit_columns(table: QTableView) -> None:
    """Sized once to the rows loaded, not re-measured on every layout pass."""
    for column in (*range(8), WHO):
        table.resizeColumnToContents(column)
        # Each at most what it needs to be read; "What to do" gets the rest.
        table.setColumnWidth(column, min(table.columnWidth(column), CAPS.get(column, OTHERS_CAP)))


def widen_what_to_do(table: QTableView, model: JournalModel) -> None:
    """The plain words get the room the columns a manager must see leave (at 1024 px: "Engage did not answer; it will
    be tried again by itself." whole, where all eight others left it 260 px), at least WHAT_TO_DO_WIDTH. In a window
    too narrow for them all, the most of them, left to right, that leave it that much are whole in sight and the next
    begins at the right edge (at 800 px the customer was cut to "Cu"); the entry's number, the date, the attempts and
    the next try scroll sideways inside the table."""
    width = table.viewport().width()
    for count in range(len(MUST_SEE), -1, -1):
        room = width - sum(table.columnWidth(c) for c in MUST_SEE[:count])
        if room >= WHAT_TO_DO_WIDTH:
            table.setColumnWidth(WHAT_TO_DO, room)
            return
    table.setColumnWidth(WHAT_TO_DO, WHAT_TO_DO_WIDTH)
