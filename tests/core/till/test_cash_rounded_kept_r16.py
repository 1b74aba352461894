"""Once cash has paid the rest, by how much the store rounded stays known (Basket.cash_rounded) until the payments
are cleared or the sale ends: the window says it beside the payments, so the cashier sees why 30,00 was taken for a
29,69 sale (review R16). Core decides the figure; the view only shows it."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pos_engage.core.till.basket import Basket, BasketLine

KRONA = Decimal("1.00")


def sale(price: str, step: Decimal | None = KRONA) -> Basket:
    return Basket([BasketLine("1", "Soap", 1 if Decimal(price) > 0 else -1, abs(Decimal(price)))], cash_step=step)


@pytest.mark.parametrize(("price", "given", "rounded", "change"), [
    ("29.69", "50", "0.31", "20.00"),    # 30,00 taken: +0,31 the store's
    ("29.69", None, "0.31", "0.00"),     # the rest, exact
    ("29.69", "30", "0.31", "0.00"),
    ("29.30", "29", "-0.30", "0.00"),    # 29,00 taken: −0,30
    ("-29.69", None, "-0.31", "0.00"),   # a refund of 29,69 gives back 30,00
])
def test_cash_that_pays_the_rest_keeps_by_how_much_it_was_rounded(price, given, rounded, change):
    basket = sale(price)
    assert basket.cash_rounding == Decimal(rounded)   # as shown before paying
    assert basket.add_payment("Cash", None if given is None else Decimal(given)) == Decimal(change)
    assert basket.remaining == 0 and basket.cash_rounding == 0
    assert basket.cash_rounded == Decimal(rounded)   # kept once paid


def test_nothing_is_kept_without_rounding_or_by_another_tender_and_it_goes_with_the_payments():
    card = sale("29.69")
    card.add_payment("Card")
    assert card.cash_rounded == 0
    euro = sale("29.69", step=None)
    euro.add_payment("Cash", Decimal("50"))
    assert euro.cash_rounded == 0
    part = sale("29.69")
    part.add_payment("Cash", Decimal("10"))   # a part: whole coins, nothing rounded yet
    assert part.cash_rounded == 0
    part.add_payment("Cash", Decimal("20"))   # the rest (19,69) in cash: 20,00
    assert part.cash_rounded == Decimal("0.31")
    part.remove_payments()
    assert part.cash_rounded == 0
    paid = sale("29.69")
    paid.add_payment("Cash")
    paid.clear()   # the sale ended
    assert paid.cash_rounded == 0
