"""An offer applied in the real window and saved with the basket as an order (F6, New order) is the order's
(issue 12): the order redeems it once, the sale the basket was closes holding nothing, and the same offer is
refused on the next sale in the window. Before the fix the closed sale kept its reservation and the next sale
could apply and redeem the offer a second time (the order's redemption bypassed the ledger), and the customer's
cards still showed the order's offer, ticked, on a basket without it."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import Qt

from tests.qt.test_orders_panel import create_order, open_orders
from tests.qt.test_window import add_line, apply_first, identified, scan, showcase


def test_an_offer_saved_with_an_order_is_the_orders_and_is_not_used_again(qtbot, window, till):
    anna = showcase(till)["Anna"]
    identified(qtbot, window, lambda: scan(qtbot, window.customer.input, anna["cardNumber"]))
    add_line(qtbot, window, "1002", "Wool jacket", "1299")
    promotion = apply_first(qtbot, window, "20 %")
    before = window.bridge.sale
    panel = open_orders(qtbot, window)
    view = create_order(qtbot, window, panel)
    assert view.order.total == Decimal("1039.20")   # the order carries the discounted price
    assert before.status == "voided" and window.bridge.sale is not before
    uses = {(u.sale_id, u.status) for u in till.journal.offer_uses(promotion.id)}
    assert uses == {(before.basket.unique_id, "released"), (view.order.order_id, "committed")}
    qtbot.waitUntil(lambda: [r["assignmentId"] for r in till.sim_state.received.redemptions] == [promotion.id],
                    timeout=15_000)

    # The next sale, the customer still on screen: her cards no longer show the offer, and the offer from a card
    # drawn before the order cannot go on the sale (nor could it past the ledger: tests/core/till/test_order_offers).
    panel.close()
    add_line(qtbot, window, "1004", "Socks", "49.50")
    offers = window.customer.offers
    cards = [offers.item(row) for row in range(offers.count())]
    assert cards and promotion.id not in {card.data(Qt.ItemDataRole.UserRole).id for card in cards}
    assert all(card.checkState() == Qt.CheckState.Unchecked for card in cards)
    with qtbot.waitSignal(window.bridge.failed, timeout=5000) as failed:
        assert not window.bridge.apply_offer(promotion)
    assert "not one of this customer's offers" in failed.args[0]
    assert window.bridge.basket.discounts == []
    with qtbot.waitSignal(window.bridge.sale_delivered, timeout=15_000):
        qtbot.keyClick(window, Qt.Key.Key_F9)
    assert [r["assignmentId"] for r in till.sim_state.received.redemptions] == [promotion.id]
