"""The queue's 'Rung up by' column (a column of the JournalModel, session 8c) is read with each page of rows and put
into the till's language once, as the row's other words from core are (its kind, its customer, what to do):
drawing the table asks nothing of the journal, and a reload (refresh) says it again in the language installed then.
On a real journal, offscreen."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, QTranslator

from pos_engage.core.journal import payloads
from pos_engage.core.journal.entry import Origin, Source
from pos_engage.qt import i18n
from pos_engage.qt.models.journal_model import WHO, JournalModel
from pos_engage.qt.views.queue_table import KIND, entry_table
from tests.core.conftest import sale


def test_drawing_the_queue_asks_the_journal_nothing(qtbot, till):
    journal = till.journal
    journal.record([replace(payloads.receipt(sale(f"12-3-pos-{n}")), source=Source(Origin.POS_HTTP, f"Person {n}"))
                    for n in range(30)])
    model = JournalModel(journal)
    model.refresh()   # the first page, as the queue loads it
    table = entry_table(model, "Queue")
    qtbot.addWidget(table)
    table.resize(1400, 900)
    table.show()
    qtbot.waitExposed(table)
    statements = []
    journal._db.set_trace_callback(statements.append)
    try:
        for _ in range(3):
            table.viewport().repaint()
        words = [model.data(model.index(row, WHO), role) for row in range(model.rowCount())
                 for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole)]
    finally:
        journal._db.set_trace_callback(None)
    assert words[0] == "Person 29 · POS link" and len(words) == 60
    assert words[1] == "Rung up by Person 29, at the POS, through the POS link (HTTP)"   # the tooltip
    assert statements == []


def test_who_is_said_in_the_language_the_rows_were_loaded_in(qtbot, qapp, till, tmp_path, monkeypatch):
    # Compiled afresh from this checkout's .ts: the .qm cached for the user may come from another copy (i18n.compiled
    # takes any cached .qm newer than the .ts).
    monkeypatch.setattr("platformdirs.user_cache_dir", lambda *_args, **_kwargs: str(tmp_path))
    till.journal.record([replace(payloads.receipt(sale("12-3-pos-1")), source=Source(Origin.WINDOW))])
    model = JournalModel(till.journal)
    model.refresh()
    assert model.data(model.index(0, WHO)) == "nobody signed in · window"
    translator = QTranslator()
    assert translator.load(str(i18n.compiled("sv")))
    qapp.installTranslator(translator)
    try:
        assert model.data(model.index(0, WHO)) == "nobody signed in · window"   # loaded in English: kept
        model.refresh()   # reloaded (the queue refreshes when the journal changes): said again, as its kind is
        assert model.data(model.index(0, KIND)) == "kvitto"
        assert model.data(model.index(0, WHO)) == "ingen inloggad · fönstret"
    finally:
        qapp.removeTranslator(translator)
