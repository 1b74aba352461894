"""The store manager's queue says who rang each sale up and where it came from: the cashier signs in at the real
window (IT's staff list), rings a sale up with F9, and the queue's list and details name her and the window; in a
shared till the till is named. The list's extra column passes Qt's model tester. Offscreen, against the simulator."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QAbstractItemModelTester

from pos_engage.core.journal import payloads
from pos_engage.core.journal.entry import Origin, Source
from pos_engage.core.office.queue import ManagerActions
from pos_engage.core.pin import hash_pin
from pos_engage.qt.models.journal_model import JournalModel
from pos_engage.qt.views.queue_table import WHO
from pos_engage.qt.views.queue_view import QueueView
from tests.core.conftest import sale
from tests.qt.test_sign_in import sign_in_with_the_keypad, staff
from tests.qt.test_window import add_line

__all__ = ["staff"]


def queue_over(qtbot, journal, tmp_path) -> QueueView:
    record = {"value": hash_pin("4826")}
    view = QueueView(JournalModel(journal), ManagerActions(journal, till="3", pin_store=lambda: record["value"]),
                     export_folder=tmp_path / "exports", store="12", till="3", ask_pin=lambda: "4826")
    qtbot.addWidget(view)
    view.show()
    return view


def ring_up(qtbot, window) -> str:
    add_line(qtbot, window, "1001", "T-shirt", "199")
    # Until it is sent too: the window closing while the sale is being delivered is not this test's.
    with qtbot.waitSignal(window.bridge.sale_delivered, timeout=15_000) as blocker:
        qtbot.keyClick(window, Qt.Key.Key_F9)
    return blocker.args[0]


def test_the_queue_names_the_cashier_who_rang_the_sale_up_in_the_window(qtbot, staff, window, till):
    dialog = window.sign_in_dialog
    assert till.service.at_till is None   # nobody signed in yet: nobody is at the till
    sign_in_with_the_keypad(qtbot, dialog, "2002", "246810")
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5_000)
    assert till.service.at_till == "Omar Said (2002)"
    receipt_id = ring_up(qtbot, window)

    window.open_queue()   # the manager's queue, as the window opens it
    view = window.queue_view
    row = next(r for r in range(view.model.rowCount())
               if till.journal.get(view.model.entry_id(r)).idempotency_key == f"receipt:{receipt_id}")
    assert view.table.model().who(row) == "Omar Said · window"   # the staff number in the tooltip and below
    header = view.table.model().headerData(WHO, Qt.Orientation.Horizontal)
    assert header == "Who · where" and not view.table.isColumnHidden(WHO)
    view.table.selectRow(row)
    assert "Rung up by Omar Said (2002), in this till's window" in view.details.toPlainText()


def test_a_shared_till_names_the_till_and_an_old_entry_reads_unknown(qtbot, window, till):
    assert not window.people.sign_in_required and till.service.at_till == window.cashier
    old = till.journal.record([payloads.receipt(sale("12-3-pos-old"))])[0]   # journaled before it was recorded
    receipt_id = ring_up(qtbot, window)
    window.open_queue()
    view = window.queue_view
    words = {till.journal.get(view.model.entry_id(r)).id: view.table.model().who(r)
             for r in range(view.model.rowCount())}
    new = till.journal.by_key(f"receipt:{receipt_id}")
    assert words[new.id] == f"{window.cashier} · window" and words[old.id] == "unknown"
    view.table.selectRow(next(r for r in range(view.model.rowCount()) if view.model.entry_id(r) == old.id))
    assert "Who rang it up and where is not recorded" in view.details.toPlainText()


@pytest.mark.parametrize("count", [3, 450])   # within a page, and over two pages (the rows read as they load)
def test_the_who_column_passes_the_model_tester(qtbot, till, tmp_path, count):
    entries = [replace(payloads.receipt(sale(f"12-3-pos-{n}")), source=Source(Origin.POS_HTTP, f"Person {n % 7}"))
               for n in range(count)]
    till.journal.record(entries)
    view = queue_over(qtbot, till.journal, tmp_path)
    proxy = view.table.model()
    QAbstractItemModelTester(proxy, QAbstractItemModelTester.FailureReportingMode.Fatal)
    while proxy.canFetchMore(proxy.index(-1, -1)):
        proxy.fetchMore(proxy.index(-1, -1))
    assert proxy.rowCount() == count and proxy.columnCount() == WHO + 1
    newest = view.model.entry_id(0)
    assert proxy.who(0) == f"Person {(newest - 1) % 7} · POS link"
    assert proxy.who(count - 1) == "Person 0 · POS link"
