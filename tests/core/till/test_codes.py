"""Codes through the one input (issue 15): a promotion's code or a voucher's number selects the identified
customer's offer, applied through the ledger and redeemed once against the simulator; no customer, an unknown
code, a key instead of a code, control characters and an endless scan each get their own message."""

from __future__ import annotations

import contextlib
import random
from decimal import Decimal

import pytest

from pos_engage.core.config import Config
from pos_engage.core.engage.client import EngageClient, Timeouts
from pos_engage.core.engage.online import OnlineMonitor
from pos_engage.core.journal.entry import EntryStatus
from pos_engage.core.journal.offer_ledger import OfferAlreadyUsed
from pos_engage.core.journal.replayer import Replayer
from pos_engage.core.journal.store import Journal
from pos_engage.core.till import scan
from pos_engage.core.till.basket import Basket, BasketLine
from pos_engage.core.till.outcomes import Found
from pos_engage.core.till.service import TillService
from pos_engage.sim.state import SimState
from pos_engage.sim.transport import SimTransport

ANNA = "anna.andersson@example.se"


@pytest.fixture
def tenant() -> SimState:
    return SimState(seed=7, api_keys=("till-a",))


@contextlib.asynccontextmanager
async def till_on(tenant: SimState, path):
    monitor = OnlineMonitor(probe_interval=0.0)
    async with EngageClient("https://engage.test", "till-a", transport=SimTransport(tenant), monitor=monitor,
                            timeouts=Timeouts(interactive=3.0, background=3.0, connect=1.0)) as client:
        with Journal.open(path) as journal:
            replayer = Replayer(journal, client, monitor=monitor, rate_per_second=None, schedule=(0.0,),
                                rng=random.Random(1))
            till = TillService(Config(store_external_id="12", till_id="till-a"), client, journal, replayer)
            try:
                yield till
            finally:
                await till.redemptions_settled()


def jacket() -> Basket:
    return Basket([BasketLine("1002", "Wool jacket", 1, Decimal("1299"))])


def code_of(tenant: SimState, contact_id: str, value_type: str) -> tuple[str, str]:
    """(assignment id, code) of the contact's active promotion of that value type, read from the simulator."""
    for promotion in tenant.promotions.values():
        channel = promotion["redemptionChannels"][0]
        if (promotion["contactId"] == contact_id and channel["valueType"] == value_type
                and not promotion["redeemed"]):
            return promotion["id"], channel["value"]
    raise AssertionError(f"no {value_type} promotion")


async def test_a_code_selects_the_customers_offer_and_it_is_redeemed_once(tenant, tmp_path):
    async with till_on(tenant, tmp_path / "j.sqlite3") as till:
        anna = (await till.identify(ANNA)).customer
        assignment, code = code_of(tenant, anna.contact.id, "EXTERNALOFFER")
        assert code == "PARTNER-2026"
        basket = jacket()
        # Scanned, with a symbology prefix and the scanner's Enter, in lower case: the same code.
        outcome = await till.identify("]C1partner-2026\r\n", scanned=True, basket=basket, customer=anna)
        assert outcome.found is Found.CODE
        assert outcome.code.applied is not None and outcome.code.offer.id == assignment
        assert [d.source_id for d in basket.discounts] == [assignment]
        # The same code again in this sale: already applied, said, not applied twice.
        again = till.use_code(basket, anna, "PARTNER-2026")
        assert again.applied is None and again.message == f"'{outcome.code.applied.description}' is already applied"
        # In another open sale: the ledger holds it for the first.
        other = till.use_code(jacket(), anna, "PARTNER-2026")
        assert other.applied is None and "another open sale" in other.message
        sale = await till.commit(basket, anna)
        assert till.journal.get(sale.entry_ids[1]).status is EntryStatus.DELIVERED
        await till.deliver_now()
        assert [r["assignmentId"] for r in tenant.received.redemptions] == [assignment]
        # After the sale: the code no longer selects anything, and nothing is redeemed again.
        later = (await till.identify(ANNA)).customer
        after = till.use_code(jacket(), later, "PARTNER-2026")
        assert after.applied is None and "not a code of any offer" in after.message
        with pytest.raises(OfferAlreadyUsed):
            till.apply(jacket(), after.offer or outcome.code.offer, later)
        assert len(tenant.received.redemptions) == 1


async def test_a_voucher_number_selects_the_voucher(tenant, tmp_path):
    async with till_on(tenant, tmp_path / "j.sqlite3") as till:
        anna = (await till.identify(ANNA)).customer
        voucher = anna.vouchers[0]
        basket = jacket()
        outcome = till.use_code(basket, anna, voucher.voucher_number)
        assert outcome.offer == voucher and basket.discounts[0].kind == "voucher"
        assert basket.total == Decimal("1299") - voucher.value.amount


async def test_a_code_without_a_customer_says_to_identify_first(tenant, tmp_path):
    async with till_on(tenant, tmp_path / "j.sqlite3") as till:
        outcome = await till.identify("PARTNER-2026")
        assert outcome.found is Found.CODE and outcome.customer is None
        assert "identify the customer first" in outcome.message
        assert tenant.received.redemptions == []


async def test_an_unknown_code_and_a_key_are_told_apart(tenant, tmp_path):
    async with till_on(tenant, tmp_path / "j.sqlite3") as till:
        anna = (await till.identify(ANNA)).customer
        basket = jacket()
        unknown = till.use_code(basket, anna, "SUMMER-1999")
        assert unknown.applied is None and "'SUMMER-1999' is not a code of any offer Anna" in unknown.message
        key = till.use_code(basket, anna, ANNA)
        assert key.applied is None and "not an offer code" in key.message and ANNA not in key.message
        assert basket.discounts == []


@pytest.mark.parametrize(("raw", "words"), [
    ("PARTNER\x07-2026", "holds control characters inside it"),
    ("P" * 2000, "2000 characters were scanned or typed"),
    ("PARTNER 2026 !!", "is not a card number, an email address or a mobile number"),
])
async def test_bad_codes_get_a_clear_message_and_apply_nothing(tenant, tmp_path, raw, words):
    async with till_on(tenant, tmp_path / "j.sqlite3") as till:
        anna = (await till.identify(ANNA)).customer
        basket = jacket()
        outcome = await till.identify(raw, basket=basket, customer=anna)
        assert outcome.found is Found.INVALID and words in outcome.message
        assert basket.discounts == [] and len(outcome.message) < 300


def test_keys_are_tried_before_codes():
    assert isinstance(scan.read("anna@example.se"), scan.Classified)
    assert isinstance(scan.read("0701234567"), scan.Classified)
    with pytest.raises(scan.NotAKey):  # shaped like a personnummer: never a code, scanned or typed
        scan.read("811218-9875", scanned=True)
    assert scan.read("COFFEE") == scan.Code("COFFEE")
    assert scan.Code("PARTNER-2026").matches("partner-2026")
    assert not scan.Code("PARTNER-2026").matches(None)


async def test_the_issues_barcode_without_a_customer_is_not_called_an_offer_code(tenant, tmp_path):
    # 5701234567892: a barcode's length, no valid product code (its GS1 digit is wrong), no card of this store.
    async with till_on(tenant, tmp_path / "j.sqlite3") as till:
        for scanned in (True, False):
            outcome = await till.identify("5701234567892", scanned=scanned)
            assert outcome.found is Found.CODE and outcome.customer is None
            assert "no card of this store and no product barcode" in outcome.message
            assert "identify the customer first" in outcome.message and "is an offer code" not in outcome.message
        assert "is an offer code" in (await till.identify("PARTNER-2026")).message
        assert tenant.received.registrations == []
