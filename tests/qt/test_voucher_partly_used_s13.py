"""The till's own basket: a voucher worth more than the sale says, beside the basket, what is lost before it is
spent (Engage redeems it whole), and the words go once the sale takes all of it. The real window, bridge and
in-process simulator (offscreen)."""

from __future__ import annotations

from tests.qt.test_window import add_line, identified, scan, showcase


def test_a_voucher_the_basket_takes_only_part_of_is_said_beside_the_basket(qtbot, window, till):
    anna = showcase(till)["Anna"]
    outcome = identified(qtbot, window, lambda: scan(qtbot, window.customer.input, anna["cardNumber"]))
    voucher = next(v for v in outcome.customer.vouchers if v.value.amount == 100)
    add_line(qtbot, window, "1004", "Socks", "60")
    assert window.bridge.apply_offer(voucher)
    said = window.basket.sale_status.text()
    assert "is worth 100.00" in said and "the rest, 40.00" in said and "is lost" in said, said
    add_line(qtbot, window, "1001", "Jacket", "899")   # now the sale takes all of it
    assert "is lost" not in window.basket.sale_status.text()
