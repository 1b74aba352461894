"""The queue's column of who made each entry and where was headed "Rung up by", wrong over a registration or an order
(session 9's screenshots): its header is worded for every kind ("Who · where", over "Omar Said · window"), and the
tooltip and the details say the sentence for the entry's own kind, each whole for translators ("Registered by …",
"Made by …", "Rung up by …"). Offscreen, in the queue the till's window opens."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, QTranslator

from pos_engage.core.domain import NewContact
from pos_engage.core.journal import payloads
from pos_engage.core.journal.entry import EntryKind, NewEntry, Origin, Source
from pos_engage.qt import i18n
from pos_engage.qt.views.queue_table import WHO
from tests.core.conftest import sale

OMAR = Source(Origin.WINDOW, "Omar Said (2002)")


def one_of_each(journal) -> None:
    journal.record([replace(payloads.receipt(sale("12-3-pos-5901")), source=OMAR)])
    journal.record([replace(payloads.registration(NewContact(first_name="Lisa", last_name="Lind",
                                                             email="lisa.lind@example.se"), store_external_id="12"),
                            source=OMAR)])
    journal.record([NewEntry(EntryKind.ORDER_CREATE, {"order": {"id": "o-1"}}, "order:o-1:1", source=OMAR)])


def test_the_header_fits_every_kind_and_the_tooltip_says_each_kinds_sentence(qtbot, window, till):
    one_of_each(till.journal)
    window.open_queue()
    view = window.queue_view
    model = view.model
    header = model.headerData(WHO, Qt.Orientation.Horizontal)
    assert header == "Who · where"
    tips = {till.journal.get(model.entry_id(row)).kind: model.data(model.index(row, WHO), Qt.ItemDataRole.ToolTipRole)
            for row in range(model.rowCount())}
    assert tips[EntryKind.RECEIPT] == "Rung up by Omar Said (2002), in this till's window"
    assert tips[EntryKind.REGISTER_CONTACT] == "Registered by Omar Said (2002), in this till's window"
    assert tips[EntryKind.ORDER_CREATE] == "Made by Omar Said (2002), in this till's window"
    assert {model.data(model.index(row, WHO)) for row in range(model.rowCount())} == {"Omar Said · window"}
    view.hide()


def test_the_header_in_swedish(qtbot, qapp, window, till, tmp_path, monkeypatch):
    monkeypatch.setattr("platformdirs.user_cache_dir", lambda *_args, **_kwargs: str(tmp_path))
    translator = QTranslator()
    assert translator.load(str(i18n.compiled("sv")))
    qapp.installTranslator(translator)
    try:
        window.open_queue()
        assert window.queue_view.model.headerData(WHO, Qt.Orientation.Horizontal) == "Vem · var"
        window.queue_view.hide()
    finally:
        qapp.removeTranslator(translator)
