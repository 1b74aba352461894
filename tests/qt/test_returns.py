"""A return as a cashier makes it in the real window (F7): the sale's receipt number typed, one line picked, the
refund shown before it is made, the return booked in the simulator against the original; bad numbers and
a return without the original (a manager approves) in the same dialog."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from pos_engage.qt.views.return_dialog import ReturnDialog
from tests.qt.test_window import add_line, apply_first, identified, scan, showcase


def open_returns(qtbot, window) -> ReturnDialog:
    qtbot.keyClick(window, Qt.Key.Key_F7)
    qtbot.waitUntil(lambda: any(isinstance(w, ReturnDialog) and w.isVisible()
                                for w in QApplication.topLevelWidgets()), timeout=5000)
    return next(w for w in QApplication.topLevelWidgets() if isinstance(w, ReturnDialog) and w.isVisible())


def sold(qtbot, window, till) -> dict:
    anna = showcase(till)["Anna"]
    identified(qtbot, window, lambda: scan(qtbot, window.customer.input, anna["cardNumber"]))
    add_line(qtbot, window, "1002", "Wool jacket", "1299")
    add_line(qtbot, window, "1001", "T-shirt", "199", quantity=2)
    apply_first(qtbot, window, "20 %")
    with qtbot.waitSignal(window.bridge.sale_delivered, timeout=15_000) as blocker:
        qtbot.keyClick(window, Qt.Key.Key_F9)
    return till.sim_state.received.receipts[blocker.args[0]]


def one_t_shirt_picked(qtbot, window, till) -> ReturnDialog:
    """The return dialog over a sale just made (sold), its receipt found and one of its two T-shirts picked."""
    booked = sold(qtbot, window, till)
    dialog = open_returns(qtbot, window)
    qtbot.keyClicks(dialog.number, booked["receiptNumber"])
    qtbot.keyClick(dialog.number, Qt.Key.Key_Return)
    dialog.lines.cellWidget(1, 4).setValue(1)
    return dialog


def test_a_cashier_returns_one_t_shirt_of_a_discounted_sale(qtbot, window, till):
    booked = sold(qtbot, window, till)
    dialog = open_returns(qtbot, window)
    qtbot.keyClicks(dialog.number, booked["receiptNumber"])
    qtbot.keyClick(dialog.number, Qt.Key.Key_Return)
    assert dialog.lines.rowCount() == 2 and dialog.lines.item(1, 3).text() == "318.40"  # 2 x 199 less 20 %
    dialog.lines.cellWidget(1, 4).setValue(1)
    assert "159.20" in dialog.refund.text() and dialog.return_button.isEnabled()
    with qtbot.waitSignal(dialog.bridge.returned, timeout=10_000) as blocker:
        qtbot.mouseClick(dialog.return_button, Qt.MouseButton.LeftButton)
    outcome = blocker.args[0]
    qtbot.waitUntil(lambda: outcome.return_id in till.sim_state.received.receipts, timeout=10_000)
    returned = till.sim_state.received.receipts[outcome.return_id]
    assert returned["totalGrossPrice"] == -159.2
    assert {"name": "originalUniqueReceiptId", "value": booked["uniqueReceiptId"]} in returned["extraData"]
    assert "Refund 159.20" in dialog.message.text()
    assert dialog.lines.item(1, 2).text() == "1"  # shown as returned now; one T-shirt left to return
    assert dialog.lines.cellWidget(1, 4).maximum() == 1
    dialog.close()


def test_a_number_that_matches_nothing_is_said_in_the_warning_tone(qtbot, window, till):
    dialog = open_returns(qtbot, window)
    qtbot.keyClicks(dialog.number, "12345")
    qtbot.keyClick(dialog.number, Qt.Key.Key_Return)
    assert "No sale at this till has receipt number 12345" in dialog.message.text()
    assert dialog.message.property("tone") == "warning" and not dialog.return_button.isEnabled()
    assert not dialog.history_button.isEnabled()  # no customer identified: nothing to look up in Engage
    dialog.close()


@dataclass(frozen=True)
class Manager:
    actor: str = "Boss (1)"
    is_manager: bool = True


def return_without_the_original(qtbot, dialog, approve) -> None:
    """The dialog's return without the original: a pair of socks, 99,00, "receipt lost", its button clicked;
    ``approve`` stands for the manager's code the window asks for (its checks have tests of their own)."""
    dialog.approve = approve
    dialog.without.setChecked(True)
    dialog.free_sku.setText("1004")
    dialog.free_name.setText("Socks 3-pack")
    dialog.free_price.setText("99,00")
    dialog.free_reason.setText("receipt lost")
    qtbot.mouseClick(dialog.free_button, Qt.MouseButton.LeftButton)


def test_a_return_without_the_original_is_approved_and_audited(qtbot, window, till):
    dialog = open_returns(qtbot, window)
    return_without_the_original(qtbot, dialog, Manager)
    assert "approved by Boss (1)" in dialog.message.text()
    return_id = dialog.outcome.return_id
    qtbot.waitUntil(lambda: return_id in till.sim_state.received.receipts and not dialog.bridge.busy,
                    timeout=10_000)
    assert till.sim_state.received.receipts[return_id]["items"][0]["grossPaidPrice"] == 99.0
    rows = till.journal.connection.execute(
        "SELECT actor, reason FROM audit WHERE action = 'return-without-original'").fetchall()
    assert [(r["actor"], r["reason"]) for r in rows] == [("Boss (1)", "receipt lost")]
    dialog.free_price.setText("abc")
    qtbot.mouseClick(dialog.free_button, Qt.MouseButton.LeftButton)
    assert "unit price" in dialog.message.text() and dialog.message.property("tone") == "warning"
    dialog.close()
