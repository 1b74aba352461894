"""The queue view's table of journal entries: the model's columns the view refers to, the table set up over the
JournalModel (the plain words first, one whole row selected at a time, compact rows) and its column widths (each
what it needs to be read, up to a cap; "What to do" the room the others leave, never less than WHAT_TO_DO_WIDTH).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView

from pos_engage.qt.models.journal_model import JournalModel

# The model's columns (models/journal_model.COLUMNS) the view refers to.
CUSTOMER, WHAT_TO_DO = 3, 8
SUMMARY_COLUMNS = (1, 2, 3, 4, 6, 7)   # created, kind, customer, amount, attempts, next try

WHAT_TO_DO_WIDTH = 260   # "Engage rejected the total: correct it and retry" begins readably


def entry_table(model: JournalModel, name: str) -> QTableView:
    """The table over ``model``, named ``name`` for screen readers."""
    table = QTableView()
    table.setModel(model)
    table.setAccessibleName(name)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    header = table.horizontalHeader()
    # The plain words first and wide; the masked customer narrow (its whole value is the tooltip).
    header.moveSection(WHAT_TO_DO, 0)
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
    for column in range(8):
        table.resizeColumnToContents(column)
        # Each at most what it needs to be read; "What to do" (stretched) gets the rest, the masked customer
        # the least.
        table.setColumnWidth(column, min(table.columnWidth(column), 110 if column == CUSTOMER else 170))


def widen_what_to_do(table: QTableView, model: JournalModel) -> None:
    """The plain words get the room the other columns leave, and never less than WHAT_TO_DO_WIDTH (the other
    columns then scroll sideways inside the table)."""
    others = sum(table.columnWidth(c) for c in range(model.columnCount()) if c != WHAT_TO_DO)
    table.setColumnWidth(WHAT_TO_DO, max(WHAT_TO_DO_WIDTH, table.viewport().width() - others))
