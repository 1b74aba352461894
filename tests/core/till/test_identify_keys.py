"""Every key a customer brings, identified through TillService against the simulator (a real Engage API on the
ASGI transport): a personnummer in each written form, a henkilötunnus with each century sign, the demo card, and
what is refused before anything is sent (a wrong check digit, an impossible date, a product barcode, a misread
card). The simulator finds contacts only by the exact value it holds, so a found contact proves the till sent the
normal form (12 digits for Sweden, the written form for Finland)."""

from __future__ import annotations

import json
import random
from datetime import date
from decimal import Decimal

import pytest

from pos_engage.core import config_files
from pos_engage.core.config import Config
from pos_engage.core.domain import KeyKind
from pos_engage.core.engage.client import EngageClient
from pos_engage.core.engage.online import OnlineMonitor
from pos_engage.core.journal.replayer import Replayer
from pos_engage.core.till.basket import Basket, BasketLine
from pos_engage.core.till.outcomes import Found
from pos_engage.core.till.service import TillService
from tests.core.domain.test_personal_numbers import finnish, swedish

ANNA_SSN = "198112189876"            # Skatteverket's example, given to the demo's Anna here
CENTENARIAN = swedish(date(1921, 3, 14), 123)
COORDINATION = "197010632391"        # Skatteverket's samordningsnummer example
# One henkilötunnus per century sign (DVV: + 1800s; - and U-Y 1900s; A-F 2000s).
FINNISH = {sign: finnish(born, 300 + index, sign) for index, (sign, born) in enumerate(
    [("+", date(1899, 12, 31)), ("-", date(1952, 10, 13)), ("U", date(1960, 1, 2)), ("V", date(1971, 2, 3)),
     ("W", date(1982, 3, 4)), ("X", date(1993, 4, 5)), ("Y", date(1994, 5, 1)), ("A", date(2001, 6, 7)),
     ("B", date(2005, 7, 8)), ("C", date(2010, 8, 9)), ("D", date(2015, 9, 10)), ("E", date(2020, 10, 11)),
     ("F", date(2024, 11, 12))])}


@pytest.fixture
async def till(journal, recorder):
    monitor = OnlineMonitor()
    async with EngageClient("https://engage.test", "sim-demo-key", transport=recorder, monitor=monitor) as client:
        replayer = Replayer(journal, client, monitor=monitor, rate_per_second=None, schedule=(0.0,),
                            rng=random.Random(1))
        yield TillService(Config(store_external_id="12", till_id="3"), client, journal, replayer)


@pytest.fixture
def people(sim_state, showcase) -> dict[str, str]:
    """Personal numbers given to demo contacts (the demo data holds none): number -> contact id."""
    contacts = [c for c in sim_state.contacts.values() if c["meta"]["contactType"] == "Member"]
    numbers = [ANNA_SSN, CENTENARIAN, COORDINATION, *FINNISH.values()]
    anna = showcase["Anna"]["id"]
    others = [c for c in contacts if c["id"] != anna]
    given = {}
    for number, contact in zip(numbers, [sim_state.contacts[anna], *others], strict=False):
        sim_state.update_contact(contact, {"socialSecurityNumber": number})
        given[number] = contact["id"]
    assert len(given) == len(numbers)
    return given


def lookups(recorder) -> list[dict[str, str]]:
    return [dict(r.url.params) for r in recorder.requests if r.url.path == "/api/v3/contacts/id"]


@pytest.mark.parametrize(("typed", "held"), [
    ("19811218-9876", ANNA_SSN), ("198112189876", ANNA_SSN), ("811218-9876", ANNA_SSN), ("8112189876", ANNA_SSN),
    ("  811218 - 9876 ", ANNA_SSN),
    (f"{CENTENARIAN[2:8]}+{CENTENARIAN[8:]}", CENTENARIAN),       # + : a hundred years or older
    (CENTENARIAN, CENTENARIAN),
    ("701063-2391", COORDINATION), ("7010632391", COORDINATION), ("19701063-2391", COORDINATION),
])
async def test_a_swedish_personnummer_in_every_form_finds_its_contact(till, recorder, people, typed, held):
    outcome = await till.identify(typed)
    assert outcome.found is Found.FOUND, outcome.message
    assert outcome.customer.contact.id == people[held]
    assert outcome.key.kind is KeyKind.SOCIAL_SECURITY_NUMBER
    assert lookups(recorder) == [{"socialSecurityNumber": held}]


@pytest.mark.parametrize("sign", sorted(FINNISH))
async def test_a_henkilotunnus_with_each_century_sign_finds_its_contact(till, recorder, people, sign):
    number = FINNISH[sign]
    outcome = await till.identify(number.lower())
    assert outcome.found is Found.FOUND, outcome.message
    assert outcome.customer.contact.id == people[number]
    assert lookups(recorder) == [{"socialSecurityNumber": number}]


async def test_a_personnummer_nobody_holds_is_not_found_by_its_own_word(till, people):
    outcome = await till.identify(swedish(date(1990, 6, 15), 456))
    assert outcome.found is Found.NOT_FOUND and outcome.message == "No customer with that personal number"


@pytest.mark.parametrize(("typed", "message"), [
    ("19811218-9875", "The personnummer's check digit is wrong: check the number"),
    ("811218-9875", "The personnummer's check digit is wrong: check the number"),
    ("19850230-1234", "The personnummer's date is impossible: check the number"),
    ("851301-1234", "The personnummer's date is impossible: check the number"),
    ("131052-308U", "The henkilötunnus's check character is wrong: check the number"),
    ("5701234567899", "'5701234567899': this is a product barcode, not a loyalty card"),
    ("7350000000017", "The check digit of card number '7350000000017' is wrong: scan the card again or type the "
                      "number"),
])
@pytest.mark.parametrize("scanned", [False, True])
async def test_what_cannot_be_a_customer_is_told_before_anything_is_sent(till, recorder, people, typed, message,
                                                                          scanned):
    if scanned and ("personnummer" in message or "henkilötunnus" in message):
        message = f"'{typed}' is not a loyalty card this store knows: scan again or type the number"
    outcome = await till.identify(typed, scanned=scanned)
    assert (outcome.found, outcome.message) == (Found.INVALID, message)
    assert recorder.requests == []


async def test_the_demo_card_still_finds_anna(till, showcase):
    outcome = await till.identify("7350000000016", scanned=True)
    assert outcome.found is Found.FOUND and outcome.customer.contact.id == showcase["Anna"]["id"]


async def test_offline_a_sale_by_personnummer_reaches_the_contact_and_is_masked(till, sim_state, people):
    sim_state.faults.update({"down": True})
    outcome = await till.identify("811218-9876")
    assert outcome.found is Found.OFFLINE
    assert outcome.customer.name == "**********76"
    assert outcome.customer.match_key.type.value == "socialSecurityNumber"
    sale = till.finish_sale(Basket([BasketLine("1001", "T-shirt", 1, Decimal("199"))]), outcome.customer)
    sim_state.faults.update({"down": False})
    await till.deliver_now()
    assert till.status_of(sale.entry_ids) == "sent"
    contact = sim_state.received.receipts[sale.receipt_id]["contact"]
    # Voyado's enum name, which Engage compares without regard to case (wire.match_key_for sends camelCase).
    assert (contact["matchKey"], contact["matchKeyType"].lower()) == (ANNA_SSN, "socialsecuritynumber")
    assert sim_state.received.receipt_contacts[sale.receipt_id] == people[ANNA_SSN]


async def test_a_tenants_own_cards_from_its_configuration_file(tmp_path, journal, recorder, sim_state, showcase):
    # The tenant's cards are Luhn-checked 16-digit numbers from 6001; card_patterns still works beside them.
    card = "6001000000000006"
    sim_state.index["customKey"][card].add(showcase["Anna"]["id"])
    path = tmp_path / "config.json"
    path.write_text(json.dumps({"till": {"cards": [{"prefix": "6001", "length": 16, "check": "luhn"}],
                                         "card_patterns": ["M-\\d{4}"]}}), encoding="utf-8")
    configured = config_files.load([path], env={})
    async with EngageClient("https://engage.test", "sim-demo-key", transport=recorder) as client:
        till = TillService(configured, client, journal, Replayer(journal, client, rate_per_second=None))
        assert (await till.identify(card, scanned=True)).customer.contact.id == showcase["Anna"]["id"]
        misread = await till.identify("6001000000000007", scanned=True)
        assert misread.found is Found.INVALID and "check digit of card number" in misread.message
        demo_card = await till.identify("7350000000016", scanned=True)   # not this tenant's: a product code
        assert demo_card.found is Found.INVALID and "product barcode" in demo_card.message
        assert (await till.identify("M-1234")).key.kind is KeyKind.CUSTOM_KEY
