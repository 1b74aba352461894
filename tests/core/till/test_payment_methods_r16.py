"""The tenders are the till's (till.payment_methods), by its currency when the file lists none: Swish is Swedish,
so a Finnish (EUR) or Danish (DKK) till does not offer it; a store may list its own (MobilePay), which the till
shows as written. A bad list is refused naming the key, as every setting is (review R16)."""

from __future__ import annotations

import json
from dataclasses import replace
from decimal import Decimal

import pytest

from pos_engage.core import config_files
from pos_engage.core.config import Config
from pos_engage.core.errors import InputError
from pos_engage.core.till.basket import BasketLine
from pos_engage.core.till.payment_methods import for_currency, method_word, payment_methods
from pos_engage.core.till.session import SaleSessions
from pos_engage.core.till.till_sale import TillSales
from pos_engage.sim.state import SimState
from tests.core.till.test_commit import tenant, till_on

__all__ = ["tenant"]


def load(tmp_path, body: dict) -> Config:
    target = tmp_path / "config.json"
    target.write_text(json.dumps(body), encoding="utf-8")
    return config_files.load([target], env={})


@pytest.mark.parametrize(("currency", "methods"), [
    ("SEK", ("Card", "Cash", "Swish", "GiftVoucher")),
    ("EUR", ("Card", "Cash", "GiftVoucher")),
    ("DKK", ("Card", "Cash", "GiftVoucher")),
    ("NOK", ("Card", "Cash", "GiftVoucher")),
])
def test_left_out_the_tenders_follow_the_currency(tmp_path, currency, methods):
    assert payment_methods(load(tmp_path, {"currency": currency, "till": {"language": "sv"}})) == methods
    assert payment_methods(load(tmp_path, {"currency": currency})) == methods
    assert for_currency(currency) == methods


def test_a_store_lists_its_own_in_its_order_and_the_first_is_the_default(tmp_path):
    config = load(tmp_path, {"currency": "DKK", "till": {"payment_methods": ["Cash", "Card", "MobilePay"]}})
    assert payment_methods(config) == ("Cash", "Card", "MobilePay")
    assert str(method_word("MobilePay")) == "MobilePay"   # no word of the till's: as the store wrote it
    assert str(method_word("GiftVoucher")) == "Gift voucher"


@pytest.mark.parametrize(("value", "said"), [
    ([], "must hold at least one payment type — not an empty list"),
    (["Card", "Cash", "Card"], "configuration.till.payment_methods[2]: must name each item once — not 'Card' twice"),
    (["Card", ""], "configuration.till.payment_methods[1]: must be an Engage payment type"),
    (["Card", "Mobile\nPay"], "configuration.till.payment_methods[1]: must be an Engage payment type"),
    (["X" * 51], "configuration.till.payment_methods[0]: must be an Engage payment type"),
    ("Card", "configuration.till.payment_methods: must be a list of texts"),
])
def test_a_bad_list_is_refused_naming_the_key(tmp_path, value, said):
    with pytest.raises(config_files.InvalidConfiguration) as caught:
        load(tmp_path, {"till": {"payment_methods": value}})
    assert len(caught.value.problems) == 1 and said in caught.value.problems[0], caught.value.problems
    assert caught.value.problems[0].startswith("configuration.till.payment_methods")


async def test_a_finnish_tills_basket_takes_no_swish_and_a_danish_one_takes_mobilepay(tenant, tmp_path):
    async with till_on(tenant, tmp_path / "fi.sqlite3", "till-fi") as till:
        # A Finnish till, as its file is loaded (the helper makes a SEK one): its currency's tenders.
        till.config = replace(till.config, currency="EUR", till=replace(till.config.till,
                                                                        payment_methods=for_currency("EUR")))
        sales = TillSales(SaleSessions(till))
        sale = sales.open()
        sales.add_line(sale, BasketLine("1004", "Socks", 1, Decimal("9.95")))
        assert sale.basket.methods == ("Card", "Cash", "GiftVoucher")
        with pytest.raises(InputError):
            sales.take_payment(sale, "Swish", None)
        assert sale.basket.payments == []
    async with till_on(tenant, tmp_path / "dk.sqlite3", "till-dk",
                       payment_methods=("Card", "Cash", "MobilePay")) as till:
        sales = TillSales(SaleSessions(till))
        sale = sales.open()
        sales.add_line(sale, BasketLine("1004", "Socks", 1, Decimal("49")))
        assert sales.take_payment(sale, "MobilePay", None) == 0
        assert [(p.type, p.value) for p in sale.basket.final_payments("Card")] == [("MobilePay", Decimal("49.00"))]


async def test_a_return_is_refunded_by_the_tills_tenders_only(tmp_path):
    from tests.core.till.test_returns import Staff, new_return_id
    from tests.core.till.test_returns import till_on as returns_till_on

    async with returns_till_on(SimState(seed=7, api_keys=("till-a",)), tmp_path / "r.sqlite3",
                               payment_methods=("Card", "Cash", "MobilePay")) as till:
        lines = [BasketLine("1004", "Socks 3-pack", 1, Decimal("99"))]
        boss = Staff("Boss (1)", True)
        with pytest.raises(InputError, match="unknown payment method 'Swish'"):
            till.desk.commit_without_original(lines, approver=boss, reason="no slip", payment_type="Swish",
                                              return_id=new_return_id(till.service.config))
        back = till.desk.commit_without_original(lines, approver=boss, reason="no slip", payment_type="MobilePay",
                                                 return_id=new_return_id(till.service.config))
        assert back.total == Decimal("-99.00")
