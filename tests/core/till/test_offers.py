"""Offers at the till: the ledger (an offer used in a committed sale is never offered, applied or committed again
here; two sales never share a redemption), stacking rules, currency, and the offline rules per offer."""

from __future__ import annotations

import random
import threading
from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pos_engage.core.config import Config, TillSettings
from pos_engage.core.domain import MatchKey, Money, Promotion, RedemptionChannel, RewardVoucher, ValueType
from pos_engage.core.engage.client import EngageClient
from pos_engage.core.engage.online import OnlineMonitor
from pos_engage.core.engage.wire.loyalty import promotion_from_json
from pos_engage.core.errors import InputError
from pos_engage.core.journal import payloads
from pos_engage.core.journal.entry import EntryKind
from pos_engage.core.journal.offer_ledger import OfferAlreadyUsed, OfferToCommit
from pos_engage.core.journal.replayer import Replayer
from pos_engage.core.journal.store import Journal
from pos_engage.core.till.basket import Basket, BasketLine
from pos_engage.core.till.service import TillService
from tests.core.conftest import sale


@pytest.fixture
async def till(journal, recorder):
    monitor = OnlineMonitor()
    async with EngageClient("https://engage.test", "sim-demo-key", transport=recorder, monitor=monitor) as client:
        replayer = Replayer(journal, client, monitor=monitor, rate_per_second=None, schedule=(0.0,),
                            rng=random.Random(1))
        yield TillService(Config(store_external_id="12", till_id="3"), client, journal, replayer)


def jacket() -> Basket:
    return Basket([BasketLine("1002", "Wool jacket", 1, Decimal("1299"))])


def of_type(customer, value_type: str) -> Promotion:
    return next(p for p in customer.promotions if p.pos_channel.value_type.value == value_type)


def promotion(pid: str, value_type: ValueType, *, percent=None, amount=None, code=None) -> Promotion:
    return Promotion(pid, f"t-{pid}", pid, channels=(RedemptionChannel("POS", value_type, percent=percent,
                                                                       amount=amount, code=code),))


# ---------------------------------------------------------------------- the ledger


async def test_an_offer_used_in_a_committed_sale_is_neither_offered_nor_applied_again(till, showcase):
    anna = (await till.identify(showcase["Anna"]["email"])).customer
    offer = of_type(anna, "PERCENT")
    basket = jacket()
    till.apply(basket, offer, anna)
    till.finish_sale(basket, anna)  # queued: Engage does not know of the use yet
    again = (await till.identify(showcase["Anna"]["email"])).customer
    assert offer.id not in {p.id for p in again.promotions}
    with pytest.raises(OfferAlreadyUsed, match=f"already used in sale {basket.unique_id}"):
        till.apply(jacket(), offer, anna)


async def test_an_offer_in_another_open_sale_is_refused_and_free_again_when_that_sale_is_voided(till, showcase):
    anna = (await till.identify(showcase["Anna"]["email"])).customer
    offer = of_type(anna, "MONEY")
    first, second = jacket(), jacket()
    till.apply(first, offer, anna)
    with pytest.raises(OfferAlreadyUsed, match="another open sale"):
        till.apply(second, offer, anna)
    assert second.discounts == []
    till.void(first)
    till.apply(second, offer, anna)
    assert [d.source_id for d in second.discounts] == [offer.id]


async def test_removing_an_offer_frees_it_for_another_sale(till, showcase):
    anna = (await till.identify(showcase["Anna"]["email"])).customer
    offer = anna.vouchers[0]
    first, second = jacket(), jacket()
    till.apply(first, offer, anna)
    till.remove_offer(first, offer.id)
    till.apply(second, offer, anna)
    assert first.discounts == [] and len(second.discounts) == 1


async def test_a_second_commit_naming_the_offer_is_refused_and_journals_nothing(till, journal, showcase):
    anna = (await till.identify(showcase["Anna"]["email"])).customer
    offer = of_type(anna, "PERCENT")
    first, second = jacket(), jacket()
    till.apply(first, offer, anna)
    second.apply_promotion(offer)  # as if a second window put it on its basket without asking the ledger
    done = till.finish_sale(first, anna)
    before = journal.count()
    with pytest.raises(OfferAlreadyUsed, match=f"already used in sale {done.receipt_id}"):
        till.finish_sale(second, anna)
    assert journal.count() == before  # neither its receipt nor its redemption


async def test_two_sales_never_share_one_redemption_entry(journal):
    entries = journal.record([payloads.promotion_redemption("a-1", contact_id="c", sale_id="s-1"),
                              payloads.promotion_redemption("a-1", contact_id="c", sale_id="s-2"),
                              payloads.voucher_redemption("v-1", contact_id="c", sale_id="s-1"),
                              payloads.voucher_redemption("v-1", contact_id="c", sale_id="s-2")])
    assert len({e.id for e in entries}) == 4
    again = journal.record([payloads.promotion_redemption("a-1", contact_id="c", sale_id="s-1")])
    assert again[0].id == entries[0].id  # the same sale twice (a double click) is one entry


def test_two_tills_windows_committing_one_offer_at_once_only_one_takes_it(journal_path, clock):
    """Two connections on one journal, each committing a different sale with the same offer at the same moment:
    the check runs inside each write transaction, so exactly one sale takes the offer."""
    Journal.open(journal_path, clock=clock).close()
    barrier, results = threading.Barrier(2), {}

    def commit(sale_id: str) -> None:
        with Journal.open(journal_path, clock=clock) as own:
            barrier.wait()
            try:
                own.commit_sale([payloads.receipt(sale(sale_id)),
                                 payloads.promotion_redemption("a-9", contact_id="c", sale_id=sale_id)],
                                sale_id=sale_id, offers=[OfferToCommit("a-9", "promotion", 1)])
                results[sale_id] = "taken"
            except OfferAlreadyUsed as refused:
                results[sale_id] = str(refused)

    threads = [threading.Thread(target=commit, args=(s,)) for s in ("s-1", "s-2")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(results.values())[-1] == "taken" and list(results.values()).count("taken") == 1
    with Journal.open(journal_path, clock=clock) as journal:
        assert journal.count(kinds=[EntryKind.REDEEM_PROMOTION]) == 1 and journal.count() == 2
        assert [u.status for u in journal.offer_uses("a-9")] == ["committed"]


# ---------------------------------------------------------------------- stacking and currency


def test_at_most_one_percent_promotion_per_line_by_default():
    basket = jacket()
    basket.apply_promotion(promotion("p20", ValueType.PERCENT, percent=Decimal("20")))
    with pytest.raises(InputError, match="One percent promotion per line"):
        basket.apply_promotion(promotion("p15", ValueType.PERCENT, percent=Decimal("15")))
    basket.apply_promotion(promotion("m50", ValueType.MONEY, amount=Money(Decimal("50"), "SEK")))
    basket.apply_voucher(RewardVoucher("v1", "123", "Voucher", Money(Decimal("100"), "SEK")))
    # 20 % of 1299 first, then 50 and 100 off what is left: money and vouchers combine.
    assert basket.total == Decimal("1299") - Decimal("259.80") - 150


async def test_the_store_may_allow_two_percent_promotions(till, showcase):
    till.config = replace(till.config, till=TillSettings(percent_promotions_per_line=2))
    anna = (await till.identify(showcase["Anna"]["email"])).customer
    percents = [p for p in anna.promotions if p.pos_channel.value_type is ValueType.PERCENT][:2]
    basket = jacket()
    for offer in percents:
        till.apply(basket, offer, anna)
    assert len(basket.discounts) == 2


async def test_an_offer_in_another_currency_is_not_applicable(till, showcase, sim_state):
    anna = (await till.identify(showcase["Anna"]["email"])).customer
    nok = next(p for p in sim_state.promotions.values() if p["contactId"] == showcase["Ola"]["id"]
               and not p["redeemed"])  # Ola's 50 NOK off, shown here at a SEK till
    offer = promotion(nok["id"], ValueType.MONEY, amount=Money(Decimal("50"), "NOK"))
    basket = jacket()
    with pytest.raises(InputError, match="worth NOK, and this sale is in SEK"):
        till.apply(basket, offer, anna)
    with pytest.raises(InputError, match="worth NOK"):
        basket.apply_voucher(RewardVoucher("v", "1", "Voucher 50 NOK", Money(Decimal("50"), "NOK")))
    assert basket.discounts == []


async def test_the_norwegian_money_promotion_as_engage_lists_it_is_refused_at_a_swedish_till(till, showcase):
    ola = (await till.identify(showcase["Ola"]["email"])).customer
    money = of_type(ola, "MONEY")
    assert money.pos_channel.amount.currency == "NOK"
    with pytest.raises(InputError, match="NOK"):
        till.apply(jacket(), money, ola)


lines = st.lists(st.tuples(st.decimals(min_value=Decimal("0.01"), max_value=Decimal("5000"), places=2),
                           st.integers(min_value=-3, max_value=5).filter(bool)), min_size=1, max_size=6)
offers = st.lists(st.one_of(
    st.decimals(min_value=Decimal("0"), max_value=Decimal("100"), places=1).map(lambda p: ("percent", p)),
    st.decimals(min_value=Decimal("0"), max_value=Decimal("3000"), places=2).map(lambda a: ("money", a)),
    st.decimals(min_value=Decimal("0"), max_value=Decimal("3000"), places=2).map(lambda a: ("voucher", a))),
    max_size=6)


@settings(deadline=None, max_examples=150)
@given(lines=lines, offers=offers, per_line=st.integers(min_value=0, max_value=3))
def test_stacking_invariants(lines, offers, per_line):
    """Whatever is applied, in whatever order: no line below zero, never more discount than the purchases, no
    line with more percent promotions than allowed, and the receipt says what the basket says."""
    basket = Basket([BasketLine(f"s{i}", "A", qty, price) for i, (price, qty) in enumerate(lines)],
                    percent_promotions_per_line=per_line)
    for n, (kind, value) in enumerate(offers):
        try:
            if kind == "percent":
                basket.apply_promotion(promotion(f"p{n}", ValueType.PERCENT, percent=value))
            elif kind == "money":
                basket.apply_promotion(promotion(f"m{n}", ValueType.MONEY, amount=Money(value, "SEK")))
            else:
                basket.apply_voucher(RewardVoucher(f"v{n}", str(n), "V", Money(value, "SEK")))
        except InputError:
            assert kind == "percent"  # only the percent limit refuses here
    per_line_cuts = basket.line_discounts()
    purchases = sum((line.gross for line in basket.lines if not line.is_return), Decimal(0))
    for index, line in enumerate(basket.lines):
        assert basket.paid(index, per_line_cuts) >= 0
        assert sum(1 for d, _ in per_line_cuts[index] if d.percent is not None) <= per_line
        if line.is_return:
            assert per_line_cuts[index] == []
    assert Decimal(0) <= basket.discount_total <= purchases
    assert sum(1 for d in basket.discounts if d.percent is not None) <= per_line
    receipt = basket.to_receipt(contact=MatchKey("c"), store="1", till="1", created=datetime(2026, 11, 27, tzinfo=UTC))
    assert sum((i.gross_paid_price * (-1 if i.type.value == "RETURN" else 1) for i in receipt.items),
               Decimal(0)) == basket.total


# ---------------------------------------------------------------------- offline rules


async def offline_anna(till, showcase):
    anna = (await till.identify(showcase["Anna"]["email"])).customer
    return replace(anna, contact=None, offline=True)


@pytest.mark.parametrize(("rules", "value_type", "message"), [
    ({"offline_redemption": "denny"}, "PERCENT", "till.offline_redemption is 'denny'"),
    ({"offline_redemption": "deny"}, "MONEY", "uses no offers until Engage answers again"),
    ({"offline_redemption": "allow"}, r"EXTERNALOFFER", r"never uses partner offers \(external codes\) offline"),
    ({"offline_redemption": "allow_up_to"}, "MANUAL", r"never uses manual offers \(given by hand\) offline"),
    ({"offline_percent_max": 10.0}, "PERCENT", "at most 10 % off with a promotion"),
    ({"offline_max": 20.0}, "MONEY", r"at most 20\.00 SEK off a sale"),
])
async def test_offline_rules_refuse_with_the_rule_that_refused(till, showcase, rules, value_type, message):
    customer = await offline_anna(till, showcase)
    till.config = replace(till.config, till=TillSettings(**rules))
    basket = jacket()
    with pytest.raises(InputError, match=message):
        till.apply(basket, of_type(customer, value_type), customer)
    assert basket.discounts == []


async def test_offline_vouchers_up_to_their_limit(till, showcase):
    customer = await offline_anna(till, showcase)
    voucher = customer.vouchers[0]  # 100 SEK
    till.config = replace(till.config, till=TillSettings(offline_voucher_max=50.0))
    with pytest.raises(InputError, match=r"vouchers worth at most 50\.00"):
        till.apply(jacket(), voucher, customer)
    till.config = replace(till.config, till=TillSettings(offline_voucher_max=100.0))
    till.apply(jacket(), voucher, customer)


async def test_online_the_offline_rules_do_not_apply(till, showcase):
    anna = (await till.identify(showcase["Anna"]["email"])).customer
    till.config = replace(till.config, till=TillSettings(offline_redemption="deny"))
    basket = jacket()
    till.apply(basket, of_type(anna, "EXTERNALOFFER"), anna)
    assert len(basket.discounts) == 1


async def test_offline_the_cached_offers_leave_out_what_this_till_already_used(till, showcase, sim_state):
    anna = (await till.identify(showcase["Anna"]["email"])).customer
    offer, basket = of_type(anna, "MONEY"), jacket()
    till.apply(basket, offer, anna)
    till.finish_sale(basket, anna)
    sim_state.faults.update({"down": True})
    offline = await till.identify(showcase["Anna"]["email"])
    assert offline.customer.offline and offline.customer.promotions
    assert offer.id not in {p.id for p in offline.customer.promotions}


@pytest.mark.parametrize(("channel", "currency"), [
    ({"value": {"amount": 50, "currency": "NOK"}}, "NOK"),            # a Money object (swagger)
    ({"value": "50", "localValues": [{"currency": "NOK", "amount": 50}]}, "NOK"),   # the multichannel model's shape
    ({"value": "50"}, "XXX"),                                          # no currency at all: never taken for SEK
])
def test_a_money_promotion_from_engage_keeps_its_currency_and_another_is_refused(channel, currency):
    offer = promotion_from_json({"id": "a", "promotionId": "t", "name": "50 off", "redemptionChannels": [
        {"type": "POS", "valueType": "MONEY", **channel}]})
    assert offer.pos_channel.amount.currency == currency
    with pytest.raises(InputError, match=f"worth {currency}, and this sale is in SEK"):
        jacket().apply_promotion(offer)
