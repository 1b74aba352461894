"""Countries and currencies (issue 15): VAT rates per country when the configuration sets none, and the exchange
rate to the group currency on every receipt of a till whose currency is not the group's (checked against the
simulator, which checks the receipt against Voyado's Receipt model)."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest

from pos_engage.core import config, config_files
from pos_engage.core.config import Config
from pos_engage.core.engage.client import EngageClient
from pos_engage.core.journal.replayer import Replayer
from pos_engage.core.journal.store import Journal
from pos_engage.core.till.basket import Basket, BasketLine
from pos_engage.core.till.return_pricing import ReturnPick
from pos_engage.core.till.returns import ReturnDesk, new_return_id
from pos_engage.core.till.service import TillService
from pos_engage.sim.state import DEMO_API_KEY, SimState
from pos_engage.sim.transport import SimTransport


@pytest.mark.parametrize(("country", "rates"), [
    ("SE", (25.0, 12.0, 6.0, 0.0)), ("NO", (25.0, 15.0, 12.0, 0.0)), ("DK", (25.0, 0.0)),
    ("FI", (25.5, 14.0, 10.0, 0.0)),
])
def test_a_till_gets_its_countrys_vat_rates_unless_it_sets_its_own(country, rates):
    assert config_files.validate({"country": country}, "test").till.vat_rates == rates
    own = config_files.validate({"country": country, "till": {"vat_rates": [24, 0]}}, "test")
    assert own.till.vat_rates == (24.0, 0.0)


def test_a_country_without_a_table_keeps_the_default_rates():
    assert config_files.validate({"country": "DE"}, "test").till.vat_rates == config.TillSettings().vat_rates


def test_the_exchange_rate_is_sent_only_when_the_currencies_differ():
    assert config.group_exchange_rate(Config(currency="NOK", group_currency="SEK",
                                             exchange_rate_to_group_currency=0.97)) == 0.97
    assert config.group_exchange_rate(Config(currency="SEK", group_currency="SEK")) is None
    assert config.group_exchange_rate(Config(currency="NOK")) is None  # no group currency configured


@pytest.mark.parametrize(("value", "words"), [("true", "must be true or false"), (1, "must be true or false")])
def test_a_yes_no_setting_takes_json_true_or_false_only(value, words):
    with pytest.raises(config_files.InvalidConfiguration, match=words):
        config_files.validate({"till": {"returns_reinstate_promotions": value}}, "test")
    assert config_files.validate({"till": {"returns_reinstate_promotions": True}},
                                 "test").till.returns_reinstate_promotions


@pytest.mark.parametrize("group", ["SEK", "NOK"])
async def test_a_norwegian_tills_receipts_and_returns_carry_the_rate_to_a_swedish_group(tmp_path, group):
    tenant = SimState(seed=7)
    settings = Config(store_external_id="31", till_id="2", currency="NOK", country="NO", default_country_code="+47",
                      group_currency=group, exchange_rate_to_group_currency=0.9712)
    async with EngageClient("https://engage.test", DEMO_API_KEY, transport=SimTransport(tenant)) as client:
        with Journal.open(tmp_path / "j.sqlite3") as journal:
            till = TillService(settings, client, journal, Replayer(journal, client, rate_per_second=None,
                                                                    schedule=(0.0,), rng=random.Random(1)))
            ola = (await till.identify("ola.nordmann@example.no")).customer
            basket = Basket([BasketLine("1003", "Jeans slim", 1, Decimal("899"), Decimal("25"))], currency="NOK")
            sale = await till.commit(basket, ola)
            desk = ReturnDesk(settings, client, journal)
            back = await desk.commit(desk.find(sale.receipt_id).sales[0], [ReturnPick(0, 1)],
                                     return_id=new_return_id(settings))
            await till.deliver_now()
    for receipt_id in (sale.receipt_id, back.return_id):
        booked = tenant.received.receipts[receipt_id]
        assert booked["currency"] == "NOK"
        if group == "SEK":
            assert booked["exchangeRateToGroupCurrency"] == 0.9712
        else:
            assert "exchangeRateToGroupCurrency" not in booked
