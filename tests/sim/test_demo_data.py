"""The demo tenant: enough realistic data to train on, and the same data from the same seed."""

from __future__ import annotations

from datetime import UTC, datetime

from pos_engage.sim.data import card_number
from pos_engage.sim.state import SimState

NOW = datetime(2026, 11, 23, 12, tzinfo=UTC)


def test_at_least_fifty_contacts_members_and_contacts_swedish_and_norwegian():
    state = SimState(seed=3, now=NOW)
    contacts = list(state.contacts.values())
    assert len(contacts) >= 50
    types = {c["meta"]["contactType"] for c in contacts}
    assert types == {"Member", "Contact"}
    mobiles = [c["attributes"]["mobilePhone"] for c in contacts]
    assert any(m.startswith("+46") for m in mobiles) and any(m.startswith("+47") for m in mobiles)
    names = " ".join(c["attributes"]["lastName"] for c in contacts)
    assert any(ch in names for ch in "åäöøæ")
    members = [c for c in contacts if c["meta"]["contactType"] == "Member"]
    assert all(c["attributes"]["memberNumber"] and c["attributes"]["cardNumber"] for c in members)


def test_cards_and_member_numbers_resolve_through_custom_key():
    state = SimState(seed=3, now=NOW)
    for contact in state.contacts.values():
        attributes = contact["attributes"]
        if "cardNumber" in attributes:
            assert state.find("customKey", attributes["cardNumber"]) == {contact["id"]}
            assert state.find("customKey", attributes["memberNumber"]) == {contact["id"]}


def test_promotions_of_every_value_type_some_expired_some_redeemed():
    state = SimState(seed=3, now=NOW)
    promotions = list(state.promotions.values())
    assert {p["redemptionChannels"][0]["valueType"] for p in promotions} == {"PERCENT", "MONEY", "MANUAL",
                                                                             "EXTERNALOFFER"}
    assert any(p["redeemed"] for p in promotions)
    assert any(datetime.fromisoformat(p["expiresOn"]) < NOW for p in promotions)
    assert state.vouchers and any(state.transactions.values())


def test_same_seed_same_data_other_seed_other_data():
    first, again, other = SimState(seed=5, now=NOW), SimState(seed=5, now=NOW), SimState(seed=6, now=NOW)
    assert first.contacts == again.contacts and first.promotions == again.promotions
    assert first.contacts.keys() != other.contacts.keys()


def test_card_numbers_carry_a_valid_check_digit():
    number = card_number(1)
    digits = [int(d) for d in number]
    assert len(number) == 13
    assert (sum(d * (3 if i % 2 else 1) for i, d in enumerate(digits[:-1])) + digits[-1]) % 10 == 0
