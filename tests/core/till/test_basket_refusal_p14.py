"""Basket.refusal says, without applying it, what applying the offer would say (a sale's state asks it of each of
the customer's offers on every change, instead of trying each on a copy of the basket): the same refusal in the
same words, or None where the offer would be applied, and the basket left as it was."""

from __future__ import annotations

from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from pos_engage.core import texts
from pos_engage.core.domain import Money, Promotion, RedemptionChannel, RewardVoucher, ValueType
from pos_engage.core.errors import InputError
from pos_engage.core.till.basket import Basket, BasketLine

OFFERS = (
    Promotion("p10", "t-p10", "p10", heading="Ten off", channels=(RedemptionChannel("POS", ValueType.PERCENT,
                                                                                     percent=Decimal("10")),)),
    Promotion("p20", "t-p20", "p20", heading="Twenty off", channels=(RedemptionChannel("POS", ValueType.PERCENT,
                                                                                        percent=Decimal("20")),)),
    Promotion("p30", "t-p30", "p30", heading="Thirty off", channels=(RedemptionChannel("POS", ValueType.PERCENT,
                                                                                        percent=Decimal("30")),)),
    Promotion("bad", "t-bad", "bad", heading="Broken", channels=(RedemptionChannel("POS", ValueType.PERCENT,
                                                                                    percent=Decimal("120")),)),
    Promotion("m50", "t-m50", "m50", heading="50 off", channels=(RedemptionChannel(
        "POS", ValueType.MONEY, amount=Money(Decimal("50"), "SEK")),)),
    Promotion("eur", "t-eur", "eur", heading="5 EUR off", channels=(RedemptionChannel(
        "POS", ValueType.MONEY, amount=Money(Decimal("5"), "EUR")),)),
    Promotion("web", "t-web", "web", heading="Web only", channels=(RedemptionChannel("ECOM", ValueType.PERCENT,
                                                                                      percent=Decimal("5")),)),
    Promotion("tea", "t-tea", "tea", heading="A tea", channels=(RedemptionChannel(
        "POS", ValueType.MANUAL, code="TEA", instruction="Give a tea"),)),
    RewardVoucher("v1", "111", "Voucher", Money(Decimal("100"), "SEK")),
    RewardVoucher("v2", "222", "Euro voucher", Money(Decimal("10"), "EUR")),
    RewardVoucher("v3", "333", "Empty voucher", Money(Decimal("-1"), "SEK")),
)


def applying(basket: Basket, offer, per_line: int) -> str | None:
    trial = basket.copy()
    trial.percent_promotions_per_line = per_line
    try:
        trial.apply_promotion(offer) if isinstance(offer, Promotion) else trial.apply_voucher(offer)
    except InputError as refused:
        return str(texts.message_of(refused))
    return None


@settings(deadline=None, max_examples=200)
@given(order=st.lists(st.sampled_from(OFFERS), max_size=8), per_line=st.integers(0, 3),
       basket_per_line=st.integers(0, 3))
def test_refusal_says_what_applying_would_and_changes_nothing(order, per_line, basket_per_line):
    basket = Basket([BasketLine("1", "Jacket", 1, Decimal("1299")), BasketLine("2", "Socks", 2, Decimal("49.50"))],
                    currency="SEK", percent_promotions_per_line=basket_per_line)
    for taken in order:
        before = list(basket.discounts)
        for offer in OFFERS:
            said = basket.refusal(offer, per_line)
            assert (None if said is None else str(texts.message_of(said))) == applying(basket, offer, per_line)
            said = basket.refusal(offer)   # the basket's own limit
            assert (None if said is None else str(texts.message_of(said))) == applying(basket, offer,
                                                                                       basket_per_line)
        assert basket.discounts == before
        try:
            basket.apply_promotion(taken) if isinstance(taken, Promotion) else basket.apply_voucher(taken)
        except InputError:
            assert basket.discounts == before
