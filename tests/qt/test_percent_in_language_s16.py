"""A percentage in the window is written as the till's language writes numbers (helper R16 saw a Finnish till's
VAT rate 25.5 % with a decimal point in the Swedish window): the VAT rates to pick, a line's rate and a percent
offer."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pos_engage.qt import i18n


@pytest.fixture
def swedish():
    before, i18n.current = i18n.current, "sv"
    try:
        yield
    finally:
        i18n.current = before


def test_a_rate_with_decimals_has_the_decimal_comma_in_swedish(swedish):
    assert i18n.percent(Decimal("25.5")) == "25,5 %"
    assert i18n.percent(Decimal("25")) == "25 %"
    assert i18n.percent(25.5) == "25,5 %"


def test_english_keeps_the_decimal_point():
    assert i18n.percent(Decimal("25.5")) == "25.5 %"


def test_the_vat_rates_to_pick_and_a_lines_rate_follow_the_language(qtbot, swedish):
    from pos_engage.core.till.basket import Basket, BasketLine
    from pos_engage.qt.views.basket_panel import BasketPanel

    panel = BasketPanel()
    qtbot.addWidget(panel)
    panel.set_vat_rates([Decimal("25.5"), Decimal("14"), Decimal("10")])
    assert [panel.vat.itemText(i) for i in range(panel.vat.count())] == ["25,5 %", "14 %", "10 %"]
    assert panel.vat.itemData(0) == "25.5"   # what the article is rung up with stays a number
    panel.show_basket(Basket([BasketLine("1001", "Coat", 1, Decimal("81"), tax_percent=Decimal("25.5"))],
                             currency="EUR"))
    assert panel.table.item(0, 4).text() == "25,5 %"
