"""The basket: discounts on lines, returns, totals equal to what the receipt says."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos_engage.core.domain import MatchKey, Money, Promotion, RedemptionChannel, RewardVoucher, ValueType
from pos_engage.core.errors import InputError
from pos_engage.core.till.basket import Basket, BasketLine

NOW = datetime(2026, 11, 23, 12, tzinfo=timezone(timedelta(hours=1)))


def promotion(pid: str, value_type: ValueType, **value) -> Promotion:
    return Promotion(pid, f"tmpl-{pid}", pid, heading=f"offer {pid}",
                     channels=(RedemptionChannel("POS", value_type, **value),))


def test_percent_promotion_is_a_line_discount_and_the_receipt_agrees():
    basket = Basket([BasketLine("1", "Jacket", 1, Decimal("1299")), BasketLine("2", "Socks", 2, Decimal("49.50"))])
    basket.apply_promotion(promotion("p20", ValueType.PERCENT, percent=Decimal("20")))
    assert basket.total == Decimal("1118.40")
    receipt = basket.to_receipt(contact=MatchKey("c1"), store="1", till="2", created=NOW)
    assert receipt.total_gross_price == basket.total
    assert [i.gross_paid_price for i in receipt.items] == [Decimal("1039.20"), Decimal("79.20")]
    assert receipt.items[0].discounts[0].value == Decimal("-259.80")
    assert receipt.used_promotions == ("tmpl-p20",)
    assert receipt.payments[0].value == basket.total  # a discount is never tender


def test_money_promotion_is_spread_over_lines():
    basket = Basket([BasketLine("1", "A", 1, Decimal("100")), BasketLine("2", "B", 1, Decimal("200"))])
    basket.apply_promotion(promotion("m50", ValueType.MONEY, amount=Money(Decimal("50"), "SEK")))
    per_line = basket.line_discounts()
    assert [cut for line in per_line for _, cut in line] == [Decimal("-16.67"), Decimal("-33.33")]
    assert basket.total == Decimal("250.00")


def test_a_discount_never_takes_a_line_below_zero_and_returns_are_not_discounted():
    basket = Basket([BasketLine("1", "A", 1, Decimal("30")), BasketLine("9", "Returned", -1, Decimal("100"))])
    basket.apply_voucher(RewardVoucher("v1", "123", "Voucher", Money(Decimal("100"), "SEK")))
    assert basket.total == Decimal("-100.00")  # the 30 kr line is free; the return refunds in full
    receipt = basket.to_receipt(contact=MatchKey("c1"), store="1", till="2", created=NOW)
    assert receipt.used_bonus_checks == ("123",)
    assert receipt.items[1].type.value == "RETURN" and receipt.items[1].discounts == ()


def test_manual_and_external_offers_carry_no_amount():
    basket = Basket([BasketLine("1", "A", 1, Decimal("30"))])
    basket.apply_promotion(promotion("coffee", ValueType.MANUAL, code="COFFEE", instruction="Give a coffee"))
    assert basket.total == Decimal("30.00")
    receipt = basket.to_receipt(contact=MatchKey("c1"), store="1", till="2", created=NOW)
    assert receipt.used_promotions == ("tmpl-coffee",)


def test_the_same_offer_twice_and_release():
    basket = Basket([BasketLine("1", "A", 1, Decimal("100"))])
    offer = promotion("p", ValueType.PERCENT, percent=Decimal("10"))
    basket.apply_promotion(offer)
    with pytest.raises(InputError, match="already applied"):
        basket.apply_promotion(offer)
    basket.release("p")
    assert basket.total == Decimal("100.00")


@pytest.mark.parametrize("bad", [lambda: BasketLine("1", "A", 0, Decimal("1")),
                                 lambda: BasketLine("1", "A", 1, Decimal("-1")),
                                 lambda: BasketLine("1", "A", 1, 9.99),
                                 lambda: BasketLine("", "A", 1, Decimal("1"))])
def test_bad_lines_are_refused(bad):
    with pytest.raises(InputError):
        bad()


prices = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("5000"), places=2)


@given(st.lists(st.tuples(prices, st.integers(-3, 5).filter(bool)), min_size=1, max_size=8),
       st.integers(0, 100), st.decimals(min_value=Decimal("0"), max_value=Decimal("2000"), places=2))
def test_totals_always_match_the_receipt_engage_validates(lines, percent, amount):
    basket = Basket([BasketLine(str(i), "Item", q, p) for i, (p, q) in enumerate(lines)])
    basket.apply_promotion(promotion("pp", ValueType.PERCENT, percent=Decimal(percent)))
    basket.apply_promotion(promotion("mm", ValueType.MONEY, amount=Money(amount, "SEK")))
    receipt = basket.to_receipt(contact=MatchKey("c1"), store="1", till="2", created=NOW)
    assert receipt.total_gross_price == basket.total
    assert all(item.gross_paid_price >= 0 for item in receipt.items)
    assert sum((i.gross_paid_price for i in receipt.items if i.type.value == "PURCHASE"), Decimal(0)) >= 0
