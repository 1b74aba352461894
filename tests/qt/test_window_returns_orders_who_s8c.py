"""Returns and orders made in the window record who made them and where, as its sales do: the cashier signs in at
the real window (IT's staff list), sells, returns a line with F7 (and one without the original, a manager
approving), makes an order with F6 and moves it on; every entry each journals names her and the window. Offscreen,
against the simulator, on the till's real journal."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt

from pos_engage.core.domain.order_life import OrderStage
from pos_engage.core.journal.entry import EntryKind
from pos_engage.core.till.sale_commit import Origin
from tests.qt.test_orders_panel import create_order, move, open_orders
from tests.qt.test_returns import open_returns, return_without_the_original, sold
from tests.qt.test_sign_in import sign_in_with_the_keypad, staff
from tests.qt.test_window import add_line, identified, scan, showcase

__all__ = ["staff"]

OMAR = "Omar Said (2002)"


def signed_in_as_omar(qtbot, window, till) -> None:
    dialog = window.sign_in_dialog
    sign_in_with_the_keypad(qtbot, dialog, "2002", "246810")
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5_000)
    assert till.service.at_till == OMAR


def recorded(till, entry_ids) -> list[tuple]:
    return [(till.journal.get(i).rung_by, till.journal.get(i).origin) for i in entry_ids]


@dataclass(frozen=True)
class Manager:
    actor: str = "Anna Berg (1001)"
    is_manager: bool = True


def test_a_return_made_in_the_window_names_the_cashier_and_the_window(qtbot, staff, window, till):
    signed_in_as_omar(qtbot, window, till)
    booked = sold(qtbot, window, till)
    dialog = open_returns(qtbot, window)
    qtbot.keyClicks(dialog.number, booked["receiptNumber"])
    qtbot.keyClick(dialog.number, Qt.Key.Key_Return)
    for row in range(dialog.lines.rowCount()):   # the whole sale
        dialog.lines.cellWidget(row, 4).setValue(dialog.lines.cellWidget(row, 4).maximum())
    with qtbot.waitSignal(dialog.bridge.returned, timeout=10_000) as blocker:
        qtbot.mouseClick(dialog.return_button, Qt.MouseButton.LeftButton)
    outcome = blocker.args[0]
    assert outcome.full and len(outcome.entry_ids) >= 1
    assert recorded(till, outcome.entry_ids) == [(OMAR, Origin.WINDOW)] * len(outcome.entry_ids)
    qtbot.waitUntil(lambda: not dialog.bridge.busy, timeout=10_000)

    # Without the original, with the dialog's own button (through the bridge, the window's door to the desk)
    return_without_the_original(qtbot, dialog, Manager)
    assert "approved by" in dialog.message.text()
    newest = till.journal.entries(kinds=[EntryKind.RECEIPT], limit=1, newest_first=True)[0]
    assert newest.payload["receipt"]["items"][0]["sku"] == "1004"   # the return without the original
    assert recorded(till, [newest.id]) == [(OMAR, Origin.WINDOW)]
    sent = newest.payload["receipt"]["uniqueReceiptId"]
    qtbot.waitUntil(lambda: sent in till.sim_state.received.receipts and not dialog.bridge.busy, timeout=10_000)
    dialog.close()


def test_an_order_made_and_moved_in_the_window_names_the_cashier_and_the_window(qtbot, staff, window, till):
    signed_in_as_omar(qtbot, window, till)
    anna = showcase(till)["Anna"]
    identified(qtbot, window, lambda: scan(qtbot, window.customer.input, anna["cardNumber"]))
    add_line(qtbot, window, "1002", "Wool jacket", "1299")
    panel = open_orders(qtbot, window)
    view = create_order(qtbot, window, panel)
    move(qtbot, window, panel, OrderStage.IN_PROGRESS)
    entries = till.journal.order_entries(view.order.order_id)
    assert len({e.idempotency_key.rsplit(":", 1)[-1] for e in entries}) == 2   # two changes, each journaled
    assert {(e.rung_by, e.origin) for e in entries} == {(OMAR, Origin.WINDOW)}
