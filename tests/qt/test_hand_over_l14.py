"""The partner offer's instruction is what the cashier must act on once the sale is finished (give the customer
the code): the finished sale says it, in Engage's words with the code, and keeps saying it when the receipt has
been sent, though the offer's card went with the customer. The real window against the in-process simulator."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.qt.test_window import add_line, apply_first, identified, scan, showcase


def test_a_finished_sale_says_what_to_hand_over_for_the_partner_offer_applied(qtbot, window, till):
    anna = showcase(till)["Anna"]
    identified(qtbot, window, lambda: scan(qtbot, window.customer.input, anna["cardNumber"]))
    add_line(qtbot, window, "1004", "Socks", "99")
    partner = apply_first(qtbot, window, "PARTNER-2026")
    with (qtbot.waitSignal(window.bridge.sale_recorded, timeout=15_000) as recorded,
          qtbot.waitSignal(window.bridge.sale_delivered, timeout=15_000) as delivered):
        qtbot.keyClick(window, Qt.Key.Key_F9)
    assert [act.offer_id for act in recorded.args[0].hand_over] == [partner.id]
    assert delivered.args[1] == "sent"
    assert window.customer.offers.count() == 0          # the card went with the customer
    said = window.basket.sale_status.text()
    assert "sent to Engage" in said
    assert ("10 % at our partner: Give the customer the code printed on the receipt. (code PARTNER-2026)"
            in said.splitlines()[-1])


def test_a_sale_with_only_discounts_says_nothing_more(qtbot, window, till):
    anna = showcase(till)["Anna"]
    identified(qtbot, window, lambda: scan(qtbot, window.customer.input, anna["cardNumber"]))
    add_line(qtbot, window, "1004", "Socks", "99")
    apply_first(qtbot, window, "20 %")
    with qtbot.waitSignal(window.bridge.sale_delivered, timeout=15_000):
        qtbot.keyClick(window, Qt.Key.Key_F9)
    assert len(window.basket.sale_status.text().splitlines()) == 1
