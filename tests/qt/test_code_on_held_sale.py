"""An offer code scanned into the real window goes through the sale session's own rule (issue 12): while the sale
waits for the cashier's answer about an offer Engage refused, a code selects nothing, so the receipt that is
rebuilt when the cashier removes the refused offer carries no discount the ledger never took. Before the fix the
window applied the code straight onto the held basket."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.qt.test_refused_offer import used_at_another_till
from tests.qt.test_window import add_line, apply_first, identified, scan, showcase


def test_a_code_scanned_while_the_sale_waits_for_the_cashier_is_not_applied(qtbot, window, till):
    anna = showcase(till)["Anna"]
    identified(qtbot, window, lambda: scan(qtbot, window.customer.input, anna["cardNumber"]))
    add_line(qtbot, window, "1002", "Wool jacket", "1299")
    promotion = apply_first(qtbot, window, "20 %")
    used_at_another_till(till, promotion.id)
    with qtbot.waitSignal(window.bridge.offers_refused, timeout=10_000) as refused:
        qtbot.keyClick(window, Qt.Key.Key_F9)
    sale = refused.args[0]
    outcome = identified(qtbot, window, lambda: scan(qtbot, window.customer.input, "PARTNER-2026"))
    assert outcome.code.applied is None and "being committed" in outcome.code.message
    assert [d.source_id for d in window.bridge.basket.discounts] == [promotion.id]
    box = window.basket.refused_box
    qtbot.waitUntil(box.isVisible, timeout=5000)
    button = next(b for b in box.buttons() if b.text() == "Remove it")
    with qtbot.waitSignal(window.bridge.sale_delivered, timeout=15_000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    booked = till.sim_state.received.receipts[sale.receipt_id]
    assert booked["totalGrossPrice"] == 1299.0 and not booked.get("usedPromotions")
