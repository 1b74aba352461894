"""An offline rule's limit in money is said with its currency, as every amount the till shows: the card said
"Engage is offline, and this store then takes at most 200.00 off a sale", 200.00 of nothing. The limit is an
Amount (texts.Amount): "50.00 SEK" as it is, and as the till's language writes money on screen
(tests/qt/test_offline_amount_swedish_s9.py). Through the till's own use case against the simulator, and the
rule itself for a sale's currency that no offer carries (a percent promotion)."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from pos_engage.core import texts
from pos_engage.core.config import TillSettings
from pos_engage.core.domain import RedemptionChannel, ValueType
from pos_engage.core.domain.promotions import Promotion
from pos_engage.core.errors import InputError
from pos_engage.core.till.offer_rules import OfflineRules, offline_refusal
from tests.core.till.test_offers import jacket, offline_anna
from tests.core.till.test_offers import till as till  # the fixture: TillService against the simulator


async def test_the_sales_offline_limit_says_its_currency(till, showcase):
    customer = await offline_anna(till, showcase)
    voucher = customer.vouchers[0]                      # 100 SEK, under the voucher limit, over the sale's
    assert voucher.value.currency == "SEK" and voucher.value.amount == Decimal("100")
    till.config = replace(till.config, till=TillSettings(offline_redemption="allow_up_to", offline_max=50.0,
                                                         offline_voucher_max=1000.0))
    basket = jacket()
    with pytest.raises(InputError) as refused:
        till.apply(basket, voucher, customer)
    assert str(refused.value) == "Engage is offline, and this store then takes at most 50.00 SEK off a sale"
    limit = texts.message_of(refused.value).values["limit"]
    assert isinstance(limit, texts.Amount) and (limit.value, limit.currency) == (Decimal("50"), "SEK")
    assert basket.discounts == []


async def test_the_voucher_limit_says_its_currency(till, showcase):
    customer = await offline_anna(till, showcase)
    till.config = replace(till.config, till=TillSettings(offline_voucher_max=50.0))
    with pytest.raises(InputError) as refused:
        till.apply(jacket(), customer.vouchers[0], customer)
    assert str(refused.value) == "Engage is offline, and this store then takes vouchers worth at most 50.00 SEK"


def test_a_percent_promotion_over_the_sales_limit_says_the_sales_currency():
    """A percent has no currency of its own: the sale's is said (the caller's ``currency``)."""
    percent = Promotion("p", "t-p", "20 %", channels=(RedemptionChannel("POS", ValueType.PERCENT,
                                                                        percent=Decimal("20")),))
    rules = OfflineRules.of(TillSettings(offline_redemption="allow_up_to", offline_max=200.0))
    refusal = offline_refusal(rules, percent, Decimal("259.80"), "EUR")
    assert refusal == "Engage is offline, and this store then takes at most 200.00 EUR off a sale"
    assert offline_refusal(rules, percent, Decimal("200.00"), "EUR") is None   # at the limit: allowed
