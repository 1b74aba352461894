"""The customer card against the simulator over real loopback HTTP: customers sharing a key listed to pick from
(masked), a card handed out at registration that then identifies her, and her points from Engage's point accounts.
"""

from __future__ import annotations

import random

import pytest

from pos_engage.core.config import Config
from pos_engage.core.domain import ContactKey, NewContact
from pos_engage.core.engage.client import EngageClient, Timeouts
from pos_engage.core.engage.online import OnlineMonitor
from pos_engage.core.errors import InputError
from pos_engage.core.journal.entry import EntryStatus
from pos_engage.core.journal.replayer import Replayer
from pos_engage.core.till.outcomes import Found
from pos_engage.core.till.service import TillService
from pos_engage.sim.data import card_number
from pos_engage.sim.state import DEMO_API_KEY

SHARED_ACROSS_TYPES = "070 888 88 88"     # Maja Lind (Member) and Nils Lind (newsletter Contact)


@pytest.fixture
async def till(journal, sim_server):
    monitor = OnlineMonitor()
    timeouts = Timeouts(interactive=2.0, background=2.0, connect=1.0)
    async with EngageClient(sim_server.base_url, DEMO_API_KEY, timeouts=timeouts, monitor=monitor) as client:
        replayer = Replayer(journal, client, monitor=monitor, rate_per_second=None, schedule=(0.0,),
                            rng=random.Random(1))
        yield TillService(Config(store_external_id="12", till_id="3"), client, journal, replayer)


def lind(sim_state, first: str) -> dict:
    return next(c for c in sim_state.contacts.values() if c["attributes"]["firstName"] == first
                and c["attributes"]["lastName"] == "Lind")


# ---------------------------------------------------------------------- several customers share a key

async def test_customers_sharing_a_mobile_are_listed_masked_to_pick_from(till, sim_state):
    outcome = await till.identify(SHARED_ACROSS_TYPES)
    assert outcome.found is Found.MULTIPLE and outcome.customer is None
    several = outcome.several
    assert not several.unlisted and "pick" in outcome.message
    by_type = {c.contact_type: c for c in several.candidates}
    assert set(by_type) == {"Member", "Contact"}
    maja, nils = by_type["Member"], by_type["Contact"]
    assert (maja.contact_id, nils.contact_id) == (lind(sim_state, "Maja")["id"], lind(sim_state, "Nils")["id"])
    assert (maja.initials, maja.email, maja.city) == ("M. L.", "m***@example.se", "Stockholm")
    assert maja.member_number.startswith("***") and not nils.member_number
    # Masked until chosen: nothing of the name, the email's local part or the whole member number.
    shown = repr(several)
    for secret in ("Maja", "Nils", "maja.lind", "nils.lind", lind(sim_state, "Maja")["attributes"]["memberNumber"]):
        assert secret not in shown


async def test_picking_one_identifies_her_and_caches_her_own_key_not_the_shared_one(till, sim_state):
    listed = await till.identify(SHARED_ACROSS_TYPES)
    maja = next(c for c in listed.several.candidates if c.is_member)
    picked = await till.pick(maja)
    assert picked.found is Found.FOUND and picked.customer.contact.first_name == "Maja"
    assert picked.customer.key == ContactKey.email("maja.lind@example.se")
    assert till.journal.cached_contact(ContactKey.email("maja.lind@example.se")) == maja.contact_id
    # The shared mobile is never cached: the next customer with it is asked to pick again.
    assert till.journal.cached_contact(ContactKey.mobile("0708888888")) is None
    again = await till.identify(SHARED_ACROSS_TYPES)
    assert again.found is Found.MULTIPLE and len(again.several.candidates) == 2
    # Her points and offers come with her, as with any identification.
    assert picked.customer.points is not None and picked.customer.points.lines


async def test_two_members_sharing_a_mobile_cannot_be_listed_so_another_key_is_asked_for(till, showcase):
    outcome = await till.identify(showcase["Karin"]["mobilePhone"])
    assert outcome.found is Found.MULTIPLE and outcome.several.candidates == () and outcome.several.unlisted
    assert "email" in outcome.message


async def test_the_simulator_answers_a_shared_key_as_engage_does(sim_server, sim_state):
    import httpx

    headers = {"apikey": DEMO_API_KEY, "Content-Type": "application/json"}
    async with httpx.AsyncClient(base_url=sim_server.base_url, headers=headers) as raw:
        several = await raw.get("/api/v3/contacts/id", params={"mobilePhone": "+46708888888"})
        member = await raw.get("/api/v3/contacts/id", params={"mobilePhone": "+46708888888", "contactType": "Member"})
        family = await raw.get("/api/v3/contacts/id", params={"mobilePhone": "+46709999999", "contactType": "Member"})
    assert (several.status_code, several.json()["errorCode"]) == (409, "MultipleMatches")
    assert (member.status_code, member.json()) == (200, lind(sim_state, "Maja")["id"])
    assert (family.status_code, family.json()["errorCode"]) == (409, "MultipleMatches")


# ---------------------------------------------------------------------- a card at registration

async def test_a_card_given_at_registration_then_identifies_her(till, sim_state):
    card = card_number(777)
    outcome = await till.register(NewContact(first_name="Tove", last_name="Ek", email="tove.ek@example.se",
                                             card_number=card))
    assert outcome.created and outcome.customer.contact.card_number == card
    stored = sim_state.contacts[outcome.customer.contact.id]["attributes"]
    assert stored["cardNumber"] == card and "mobilePhone" not in stored
    scanned = await till.identify(card, scanned=True)
    assert scanned.found is Found.FOUND and scanned.customer.contact.id == outcome.customer.contact.id


async def test_a_card_of_another_customer_is_refused_on_the_card_field(till, sim_state, showcase):
    before = len(sim_state.contacts)
    outcome = await till.register(NewContact(first_name="Tove", last_name="Ek", email="tove.ek@example.se",
                                             card_number=showcase["Anna"]["cardNumber"]))
    assert outcome.customer is None and set(outcome.field_errors) == {"card_number"}
    assert "another customer" in outcome.field_errors["card_number"]
    assert len(sim_state.contacts) == before   # never a duplicate


async def test_her_own_card_finds_her_instead_of_registering_again(till, sim_state, showcase):
    before = len(sim_state.contacts)
    anna = showcase["Anna"]
    outcome = await till.register(NewContact(first_name="Anna", last_name="Andersson", email=anna["email"],
                                             card_number=anna["cardNumber"]))
    assert outcome.customer is not None and outcome.customer.contact.id == anna["id"] and not outcome.created
    assert len(sim_state.contacts) == before


async def test_a_new_card_for_a_customer_engage_holds_is_a_change_to_confirm(till, sim_state, showcase):
    erik = showcase["Erik"]    # a newsletter Contact without a card
    card = card_number(778)
    asked = await till.register(NewContact(first_name="Erik", last_name="Svensson", email=erik["email"],
                                           card_number=card))
    assert asked.existing is not None and asked.existing.update.card_number == card
    assert ("card_number", "", card) in asked.existing.changes()
    done = await till.confirm_registration(asked.existing, accepted=True)
    assert done.customer.contact.card_number == card and done.customer.contact.is_member
    assert (await till.identify(card)).customer.contact.id == erik["id"]


@pytest.mark.parametrize(("card", "why"), [("7350000000017", "check digit"), ("5901234123457", "product barcode"),
                                           ("99887766554433", "not a card number this store uses")])
async def test_a_card_this_store_does_not_use_is_refused_before_engage_is_asked(till, sim_state, card, why):
    before = len(sim_state.contacts)
    outcome = await till.register(NewContact(first_name="Tove", email="tove.ek@example.se", card_number=card))
    assert set(outcome.field_errors) == {"card_number"} and why in outcome.field_errors["card_number"]
    assert len(sim_state.contacts) == before


def test_a_card_number_is_never_taken_as_a_mobile():
    with pytest.raises(InputError) as refused:
        NewContact(first_name="Tove", mobile_phone=card_number(1))
    assert refused.value.field in ("mobile_phone", "mobilePhone")


async def test_the_simulator_refuses_a_card_another_contact_holds(sim_server, showcase):
    import httpx

    headers = {"apikey": DEMO_API_KEY, "Content-Type": "application/json"}
    async with httpx.AsyncClient(base_url=sim_server.base_url, headers=headers) as raw:
        taken = await raw.post("/api/v3/contacts", params={"source": "POS", "storeExternalId": "12"},
                               json={"firstName": "X", "email": "x.y@example.se",
                                     "cardNumber": showcase["Anna"]["cardNumber"]})
        letters = await raw.post("/api/v3/contacts", params={"source": "POS", "storeExternalId": "12"},
                                 json={"firstName": "X", "email": "x.y@example.se", "cardNumber": "ABC123"})
    assert (taken.status_code, taken.json()["errorCode"]) == (409, "ApprovedContactWithKeyExists")
    assert (letters.status_code, list(letters.json()["errors"])) == (422, ["cardNumber"])


# ---------------------------------------------------------------------- points

async def test_points_come_from_the_point_accounts_with_the_level_from_the_contact(till, showcase):
    outcome = await till.identify(showcase["Anna"]["email"])
    points = outcome.customer.points
    assert not points.unavailable and [(p.balance, p.pending) for p in points.lines] == [(1250, 40)]
    assert outcome.customer.contact.level == "Gold"


async def test_a_registration_that_finds_her_brings_her_points_as_identifying_her_does(till, showcase):
    """Core's use case, whichever door registers: the window, or another caller of TillService."""
    anna = showcase["Anna"]
    found = await till.register(NewContact(first_name="Anna", last_name="Andersson", email=anna["email"],
                                           card_number=anna["cardNumber"]))
    assert [(p.balance, p.pending) for p in found.customer.points.lines] == [(1250, 40)]
    asked = await till.register(NewContact(first_name="Lisa", last_name="Ek", email=anna["email"]))
    kept = await till.confirm_registration(asked.existing, accepted=False)   # "Keep as Engage has it"
    assert [(p.balance, p.pending) for p in kept.customer.points.lines] == [(1250, 40)]


async def test_several_accounts_are_named_by_their_kind(till, showcase):
    points = (await till.identify(showcase["Ola"]["email"])).customer.points
    assert sorted(p.name for p in points.lines) == ["Bonus points", "Climate points"]


async def test_a_contact_without_points_shows_none(till, showcase):
    points = (await till.identify(showcase["Erik"]["email"])).customer.points
    assert points.lines == () and not points.unavailable


async def test_point_accounts_failing_never_block_identify(till, sim_state, showcase):
    sim_state.point_accounts_failure = 503
    outcome = await till.identify(showcase["Anna"]["email"])
    assert outcome.found is Found.FOUND and outcome.customer.contact.first_name == "Anna"
    assert outcome.customer.promotions and outcome.customer.points.unavailable


async def test_a_card_registered_while_engage_was_down_is_hers_once_delivered(till, sim_state, showcase):
    erik = showcase["Erik"]    # Engage holds her without a card: the delivery finds her by email and fills it
    card = card_number(779)
    sim_state.faults.update({"down": True})
    queued = await till.register(NewContact(first_name="Erik", email=erik["email"], card_number=card))
    assert queued.queued
    sim_state.faults.update({"down": False})
    await till.deliver_now()
    entry = till.journal.get(queued.customer.registration_entry)
    assert entry.status is EntryStatus.DELIVERED and "cardNumber" in entry.result["filled"]
    assert sim_state.contacts[erik["id"]]["attributes"]["cardNumber"] == card
    assert (await till.identify(card)).customer.contact.id == erik["id"]
