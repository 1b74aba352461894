"""The queue's 'Rung up by' is a column of the JournalModel itself, read with each entry's own row (EntryView.rung_up,
core's who_at_a_glance): the table shows the model, with no proxy over it, and the column passes Qt's model tester with
the rows loaded a page at a time. On a real journal, offscreen."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester

from pos_engage.core.journal import payloads
from pos_engage.core.journal.entry import Origin, Source
from pos_engage.core.office.entry_wording import view_of
from pos_engage.qt.models.journal_model import PAGE, WHO, JournalModel
from pos_engage.qt.views.queue_table import ORDER, entry_table
from tests.core.conftest import sale


def test_who_rang_each_entry_up_is_the_models_own_last_column(qtbot, till):
    journal = till.journal
    journal.record([payloads.receipt(sale("12-3-pos-old"))])   # recorded nothing: unknown
    journal.record([replace(payloads.receipt(sale(f"12-3-pos-{n}")), source=Source(Origin.POS_FOLDER, f"Person {n}"))
                    for n in range(PAGE + 5)])                  # over a page
    journal.record([replace(payloads.receipt(sale("12-3-pos-w")), source=Source(Origin.WINDOW))])
    model = JournalModel(journal)
    QAbstractItemModelTester(model, QAbstractItemModelTester.FailureReportingMode.Fatal)
    table = entry_table(model, "Queue")
    qtbot.addWidget(table)
    assert table.model() is model and WHO in ORDER
    assert model.columnCount() == WHO + 1 and model.headerData(WHO, Qt.Orientation.Horizontal) == "Who · where"
    assert model.who(0) == "nobody signed in · window"
    assert model.data(model.index(1, WHO)) == f"Person {PAGE + 4} · POS link"
    # The tooltip says it whole (session 8e): how the POS link was reached.
    assert model.data(model.index(1, WHO), Qt.ItemDataRole.ToolTipRole) == \
        f"Rung up by Person {PAGE + 4}, at the POS, through the POS link's folders"
    while model.canFetchMore():
        model.fetchMore()
    assert model.rowCount() == PAGE + 7 and model.who(PAGE + 6) == "unknown"
    assert model.headerData(WHO + 1, Qt.Orientation.Horizontal) is None


def test_the_row_core_gives_says_who_and_where(till):
    entry = till.journal.record([replace(payloads.receipt(sale("12-3-pos-1")),
                                         source=Source(Origin.POS_HTTP, "Anna Berg (1001)"))])[0]
    assert view_of(entry).rung_up == "Anna Berg · POS link"
    assert view_of(entry).rung_up_in_full == "Rung up by Anna Berg (1001), at the POS, through the POS link (HTTP)"
