"""An offer code scanned into the customer input of the real window (issue 15): it selects the identified
customer's offer, shown applied, and the sale redeems it once; before a customer is identified it says so."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.qt.test_window import add_line, identified, scan, showcase


def test_a_scanned_code_selects_the_customers_offer_and_the_sale_redeems_it_once(qtbot, window, till):
    anna = showcase(till)["Anna"]
    identified(qtbot, window, lambda: scan(qtbot, window.customer.input, anna["cardNumber"]))
    add_line(qtbot, window, "1002", "Wool jacket", "1299")
    outcome = identified(qtbot, window, lambda: scan(qtbot, window.customer.input, "PARTNER-2026"))
    offer = outcome.code.offer
    assert [d.source_id for d in window.bridge.basket.discounts] == [offer.id]
    assert "selected the offer" in window.customer.message.text()
    checked = [window.customer.offers.item(row) for row in range(window.customer.offers.count())
               if window.customer.offers.item(row).checkState() == Qt.CheckState.Checked]
    assert [item.data(Qt.ItemDataRole.UserRole).id for item in checked] == [offer.id]
    assert window.bridge.customer.contact.id == anna["id"]  # still Anna, her other offers untouched
    with qtbot.waitSignal(window.bridge.sale_delivered, timeout=15_000):
        qtbot.keyClick(window, Qt.Key.Key_F9)
    assert [r["assignmentId"] for r in till.sim_state.received.redemptions] == [offer.id]


def test_a_code_before_the_customer_is_identified_says_so(qtbot, window, till):
    identified(qtbot, window, lambda: scan(qtbot, window.customer.input, "PARTNER-2026"))
    assert "identify the customer first" in window.customer.message.text()
    assert window.customer.message.property("tone") == "warning" and window.bridge.basket.discounts == []
