"""Keys that match on a real tenant: the matchKeyType of every kind of key, and a registration's countryCode,
compared with Voyado's own swagger (../shared/voyado-swagger.json, an oracle we did not write)."""

from __future__ import annotations

import json
from dataclasses import fields
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pos_engage.core.config import MatchKeyTypes
from pos_engage.core.domain import Contact, ContactKey, KeyKind, MatchKeyType, NewContact
from pos_engage.core.domain.order_life import OrderedItem, OrderStage, TillOrder
from pos_engage.core.engage import wire
from pos_engage.core.till.order_forms import contact_key_of
from pos_engage.core.till.outcomes import Customer

SWAGGER = Path(__file__).resolve().parents[3] / ".." / "shared" / "voyado-swagger.json"
pytestmark = pytest.mark.skipif(not SWAGGER.exists(), reason=f"Voyado's swagger is not beside the checkout ({SWAGGER})")
# Which configured type each kind of key a cashier gives is sent as.
KIND_SETTING = {KeyKind.EMAIL: "email", KeyKind.MOBILE: "mobile", KeyKind.CUSTOM_KEY: "card",
                KeyKind.SOCIAL_SECURITY_NUMBER: "social_security_number"}
KEYS = {KeyKind.EMAIL: ContactKey.email("anna.andersson@example.se"), KeyKind.MOBILE: ContactKey.mobile("+4791234567"),
        KeyKind.CUSTOM_KEY: ContactKey.custom("7350000000016"),
        KeyKind.SOCIAL_SECURITY_NUMBER: ContactKey(KeyKind.SOCIAL_SECURITY_NUMBER, "198001011234")}


@pytest.fixture(scope="module")
def swagger_enum() -> list[str]:
    enums = json.loads(SWAGGER.read_text(encoding="utf-8"))["enums"]
    receipt, order = enums["ReceiptContactMatchKeyType"], enums["OrderContactMatchKeyType"]
    assert receipt == order  # one list for receipts and orders in Voyado's own models
    return receipt


def test_every_default_is_a_value_of_voyados_enum_spelled_as_voyado_spells_it(swagger_enum):
    defaults = MatchKeyTypes()
    assert {f.name: getattr(defaults, f.name) for f in fields(defaults)} == {
        "card": "CardId", "member_number": "MemberNumber", "email": "Email", "mobile": "MobilePhone",
        "social_security_number": "SocialSecurityNumber", "external_id": "ExternalId", "contact_id": "ContactId"}
    assert all(getattr(defaults, f.name) in swagger_enum for f in fields(defaults))


def test_the_till_knows_every_match_key_type_voyado_has_and_no_other(swagger_enum):
    assert {t.value.lower() for t in MatchKeyType} == {name.lower() for name in swagger_enum}
    for name in swagger_enum:  # whatever a tenant configures from the enum is understood
        assert MatchKeyType.parse(name).value.lower() == name.lower()


@pytest.mark.parametrize("kind", list(KeyKind))
def test_each_kind_of_key_goes_on_the_wire_as_its_configured_type(swagger_enum, kind):
    sent = wire.match_key_to_json(wire.match_key_for(KEYS[kind]))
    configured = getattr(MatchKeyTypes(), KIND_SETTING[kind])
    assert sent == {"matchKey": KEYS[kind].value, "matchKeyType": MatchKeyType.parse(configured).value}
    assert sent["matchKeyType"].lower() == configured.lower()
    assert sent["matchKeyType"].lower() in {name.lower() for name in swagger_enum}


def test_a_card_identified_offline_is_a_card_never_a_member_number():
    customer = Customer(KEYS[KeyKind.CUSTOM_KEY], offline=True)
    assert wire.match_key_to_json(customer.match_key) == {"matchKey": "7350000000016", "matchKeyType": "cardId"}


def test_a_tenant_that_matches_cards_as_member_numbers_with_fallback_gets_that():
    types = MatchKeyTypes(card="MemberNumberWithCardNumberAsFallback")
    customer = Customer(KEYS[KeyKind.CUSTOM_KEY], offline=True)
    assert wire.match_key_to_json(customer.match_key_with(types))["matchKeyType"].lower() == \
        "membernumberwithcardnumberasfallback"
    found = Customer(KEYS[KeyKind.CUSTOM_KEY], Contact("c-9", "Member"))
    assert wire.match_key_to_json(found.match_key_with(types)) == {"matchKey": "c-9", "matchKeyType": "contactId"}


def test_an_order_names_its_customer_by_the_configured_types():
    now = datetime(2026, 11, 27, 12, tzinfo=timezone(timedelta(hours=1)))
    order = TillOrder("o-1", OrderStage.CREATED, (OrderedItem("1", "T-shirt", 1, 199, 25),), now, now,
                      mobile_phone="+4791234567")
    assert contact_key_of(order, MatchKeyTypes()).type is MatchKeyType.MOBILE_PHONE
    assert contact_key_of(order, MatchKeyTypes(mobile="ExternalId")).type is MatchKeyType.EXTERNAL_ID


# ---------------------------------------------------------------------- countryCode of a registration


@pytest.mark.parametrize(("mobile", "country"), [("+46701234567", "SE"), ("+4791234567", "NO"),
                                                 ("+4520123456", "DK"), ("+358401234567", "FI"),
                                                 ("+4915112345678", "DE"), ("+3547712345", "IS")])
def test_the_country_follows_the_mobiles_calling_code_whatever_the_tills_country(mobile, country):
    body = wire.new_contact_to_json(NewContact(first_name="Ny", mobile_phone=mobile), country="SE")
    assert body["countryCode"] == country


def test_without_a_mobile_the_country_is_the_tills():
    assert wire.new_contact_to_json(NewContact(email="ny@example.no"), country="NO")["countryCode"] == "NO"
    # Callers that give no country keep the contact's own (the form's) as before.
    assert wire.new_contact_to_json(NewContact(email="ny@example.se"))["countryCode"] == "SE"


@settings(deadline=None, max_examples=200)
@given(code=st.sampled_from(sorted(wire.CALLING_CODES)), digits=st.text("0123456789", min_size=6, max_size=10))
def test_the_longest_calling_code_wins(code, digits):
    # +358 (Finland) is not +35x, +354 (Iceland) not +35: whatever digits follow, the code's own country.
    assert wire.country_of_mobile(code + digits) == wire.CALLING_CODES[code]
