"""Weighed articles in the window's own basket (session 12): a store without a POS that sells loose goods rings up
0.352 kg at 89.00 per kg. The cashier types the weight in the quantity field (a decimal comma or point), the price
per kilogram, and gets one weighed line: weight × price rounded half up to the cent, shown as a receipt prints it;
+ / − do not apply to it and say so; it can be removed; a weight of 0, a negative one or one with more than 3
decimals is refused in words beside the basket; the receipt that reaches Engage carries the exact line total.
With the real window, bridge and in-process simulator (offscreen)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from pos_engage.qt.bridge_weighed import weighed_total
from tests.qt.test_window import add_line, showcase


def weigh(qtbot, window, sku: str, name: str, weight: str, price: str) -> None:
    """What a cashier types for a weighed article: its number, its name, the weight, the price per kilogram."""
    basket = window.basket
    basket.sku.setText(sku)
    basket.article.setText(name)
    basket.quantity.setFocus()
    basket.quantity.selectAll()
    qtbot.keyClicks(basket.quantity, weight)   # through the field's validator, as typed
    basket.price.setText(price)
    qtbot.keyClick(basket.price, Qt.Key.Key_Return)


def article_cell(window, row: int) -> str:
    return window.basket.table.item(row, 1).text()


@pytest.mark.parametrize("weight", ["0,352", "0.352"])
def test_a_weight_and_a_price_per_kilo_make_one_weighed_line(qtbot, window, weight):
    weigh(qtbot, window, "2001", "Bananas", weight, "89")
    (line,) = window.bridge.basket.lines
    assert (line.quantity, line.unit_price, line.line_total) == (Decimal("0.352"), Decimal("89"), Decimal("31.33"))
    assert line.is_weighed and window.bridge.basket.total == Decimal("31.33")
    assert article_cell(window, 0) == "Bananas\n0.352 × 89.00"   # as a receipt prints it
    buttons = window.basket.table.cellWidget(0, 2)
    assert buttons.count.text() == "0.352" and buttons.remove.isVisibleTo(buttons)
    assert not buttons.plus.isVisibleTo(buttons) and not buttons.minus.isVisibleTo(buttons)
    assert window.basket.table.item(0, 6).text() == "31.33"
    assert window.basket.quantity.text() == "1"   # the next article starts at one again


def test_the_line_total_is_rounded_half_up_to_the_cent():
    assert weighed_total(Decimal("0.352"), Decimal("89.00")) == Decimal("31.33")   # 31.328
    # An exact half cent goes up, as a scale's label prints it (Decimal's default would round 11.125 to 11.12).
    assert weighed_total(Decimal("0.125"), Decimal("89.00")) == Decimal("11.13")
    assert weighed_total(Decimal("0.250"), Decimal("0.10")) == Decimal("0.03")


def test_the_weighed_line_is_shown_in_swedish_with_a_decimal_comma(qtbot, window):
    from pos_engage.qt import i18n

    i18n.current = "sv"
    try:
        weigh(qtbot, window, "2001", "Bananer", "0,352", "89,00")
        assert article_cell(window, 0) == "Bananer\n0,352 × 89,00"
        assert window.basket.table.cellWidget(0, 2).count.text() == "0,352"
    finally:
        i18n.current = "en"


@pytest.mark.parametrize(("weight", "said"), [
    ("0,000", "A weight of 0"), ("0.", "A weight of 0"), ("-0,5", "cannot be negative"),
    ("0,3521", "at most 3 decimals")])
def test_a_weight_that_cannot_be_sold_is_refused_in_words_beside_the_basket(qtbot, window, weight, said):
    weigh(qtbot, window, "2002", "Sweets", weight, "129")
    assert window.bridge.basket.lines == []
    assert said in window.basket.refusal() and window.basket.sale_status.isVisible()
    assert window.customer.message.text() == ""   # not under the customer, across the window
    assert window.basket.sku.text() == "2002" and window.basket.quantity.text() == weight   # nothing typed is lost
    weigh(qtbot, window, "2002", "Sweets", "0,2", "129")   # typed again right: the refusal goes
    assert window.bridge.basket.lines[0].line_total == Decimal("25.80")
    assert window.basket.refusal() == ""


def test_plus_and_minus_on_a_weighed_line_say_why_they_do_nothing_and_delete_removes_it(qtbot, window):
    add_line(qtbot, window, "1001", "T-shirt", "100")
    weigh(qtbot, window, "2001", "Bananas", "0,352", "89")
    table = window.basket.table
    table.setFocus()
    table.setCurrentCell(1, 1)
    qtbot.keyClick(table, Qt.Key.Key_Plus)
    assert window.bridge.basket.lines[1].quantity == Decimal("0.352")
    assert "not changed with + / −" in window.basket.refusal() and window.basket.sale_status.isVisible()
    qtbot.keyClick(table, Qt.Key.Key_Minus)
    assert len(window.bridge.basket.lines) == 2   # − did not take it away either
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert [line.name for line in window.bridge.basket.lines] == ["T-shirt"]
    assert window.basket.refusal() == ""


def test_the_entrys_minus_and_plus_do_not_count_a_typed_weight(qtbot, window):
    basket = window.basket
    assert basket.price.placeholderText() == "Price"
    basket.quantity.setText("0,352")
    assert basket.price.placeholderText() == "Price per kg"   # what the price is, once a weight is typed
    basket.quantity_plus.click()
    assert basket.quantity.text() == "0,352"
    assert "count whole articles only" in basket.refusal()
    basket.quantity.setText("2")
    basket.quantity_plus.click()
    assert basket.quantity.text() == "3"


def finish_and_book(qtbot, window, till) -> dict:
    anna = showcase(till)["Anna"]
    with qtbot.waitSignal(window.bridge.identified, timeout=10_000):
        window.customer.input.setText(anna["email"])
        qtbot.keyClick(window.customer.input, Qt.Key.Key_Return)
    weigh(qtbot, window, "2001", "Bananas", "0,352", "89")
    add_line(qtbot, window, "1001", "T-shirt", "100")
    with qtbot.waitSignal(window.bridge.sale_delivered, timeout=15_000) as blocker:
        qtbot.keyClick(window, Qt.Key.Key_F9)
    return till.sim_state.received.receipts[blocker.args[0]]


def test_the_receipt_that_reaches_engage_carries_the_weighed_lines_exact_total(qtbot, window, till):
    booked = finish_and_book(qtbot, window, till)
    bananas, shirt = booked["items"]
    assert bananas["grossPaidPrice"] == 31.33 and bananas["articleName"] == "Bananas"
    assert shirt["grossPaidPrice"] == 100 and shirt["quantity"] == 1
    assert booked["totalGrossPrice"] == 131.33


def test_the_receipt_that_reaches_engage_carries_the_weighed_lines_fraction(qtbot, window, till):
    bananas, _shirt = finish_and_book(qtbot, window, till)["items"]
    assert bananas["quantity"] == 0.352


def test_a_percent_offer_on_a_weighed_line_is_shown_under_its_weight_and_reaches_engage(qtbot, window, till):
    from tests.qt.test_window import apply_first, identified, scan

    anna = showcase(till)["Anna"]
    identified(qtbot, window, lambda: scan(qtbot, window.customer.input, anna["cardNumber"]))
    weigh(qtbot, window, "2001", "Bananas", "0,352", "89")
    apply_first(qtbot, window, "20 %")
    name, weight, offer = article_cell(window, 0).split("\n")
    assert (name, weight) == ("Bananas", "0.352 × 89.00") and offer.startswith("↳ ") and "−6.27" in offer
    assert window.bridge.basket.total == Decimal("25.06")   # 31.33 less 20 %, rounded half up: 6.27
    with qtbot.waitSignal(window.bridge.sale_delivered, timeout=15_000) as blocker:
        qtbot.keyClick(window, Qt.Key.Key_F9)
    (bananas,) = till.sim_state.received.receipts[blocker.args[0]]["items"]
    assert bananas["grossPaidPrice"] == 25.06


def test_enter_in_the_weight_goes_to_the_price_per_kilo_and_enter_there_adds_the_line(qtbot, window):
    """Keyboard only, as a cashier weighing loose goods: the count field is skipped by Enter after the name (most
    articles are one), so the weight is reached with a click or Tab; Enter there goes on to the price."""
    basket = window.basket
    window.show()
    qtbot.waitExposed(window)
    basket.sku.setFocus()
    qtbot.keyClicks(basket.sku, "2001")
    qtbot.keyClick(basket.sku, Qt.Key.Key_Return)
    qtbot.keyClicks(basket.article, "Bananas")
    qtbot.keyClick(basket.article, Qt.Key.Key_Return)
    assert basket.price.hasFocus()
    basket.quantity.setFocus()
    basket.quantity.selectAll()
    qtbot.keyClicks(basket.quantity, "0,352")
    qtbot.keyClick(basket.quantity, Qt.Key.Key_Return)
    assert basket.price.hasFocus()
    assert basket.price.placeholderText() == "Price per kg"
    qtbot.keyClicks(basket.price, "89")
    qtbot.keyClick(basket.price, Qt.Key.Key_Return)
    (line,) = window.bridge.basket.lines
    assert (line.quantity, line.line_total) == (Decimal("0.352"), Decimal("31.33"))
