"""Client + simulator: identify, read, register (idempotent), update, upgrade; each named error."""

from __future__ import annotations

import pytest

from pos_engage.core.domain import ContactKey, ContactUpdate, KeyKind, NewContact
from pos_engage.core.errors import (
    EngageNotFound,
    EngageValidationError,
    MultipleMatches,
)


async def test_identify_by_email_mobile_member_and_card_number_finds_the_same_contact(client, showcase):
    anna = showcase["Anna"]
    keys = [ContactKey.email(anna["email"].upper()), ContactKey.mobile("070-123 45 67"),
            ContactKey.custom(anna["memberNumber"]), ContactKey.custom(anna["cardNumber"])]
    assert {await client.identify(key) for key in keys} == {anna["id"]}


async def test_identify_unknown_email_is_contact_not_found(client):
    with pytest.raises(EngageNotFound) as caught:
        await client.identify(ContactKey.email("nobody@example.se"))
    assert caught.value.code == "ContactNotFound"
    assert caught.value.status == 404


async def test_a_shared_mobile_number_is_multiple_matches(client, showcase):
    assert showcase["Karin"]["mobilePhone"] == showcase["Lars"]["mobilePhone"]
    with pytest.raises(MultipleMatches) as caught:
        await client.identify(ContactKey.mobile(showcase["Karin"]["mobilePhone"]))
    assert caught.value.code == "MultipleMatches"


async def test_engage_rejects_an_invalid_email_with_a_field_error(client):
    # The domain check is bypassed on purpose: this proves Engage's own 400 reaches the right field.
    with pytest.raises(EngageValidationError) as caught:
        await client.identify(ContactKey(KeyKind.EMAIL, "not-an-email"))
    assert caught.value.code == "InvalidEmailAddress"
    assert "email" in caught.value.field_errors


async def test_engage_rejects_a_mobile_without_country_code(client):
    with pytest.raises(EngageValidationError) as caught:
        await client.identify(ContactKey(KeyKind.MOBILE, "0701234567"))
    assert caught.value.code == "InvalidPhoneNumber"
    assert "mobile_phone" in caught.value.field_errors


async def test_get_contact_reads_attributes_type_and_preferences(client, showcase):
    contact = await client.get_contact(showcase["Anna"]["id"])
    assert (contact.first_name, contact.last_name, contact.is_member) == ("Anna", "Andersson", True)
    assert contact.member_number == showcase["Anna"]["memberNumber"]
    assert contact.card_number == showcase["Anna"]["cardNumber"]
    assert contact.extra["memberLevel"] == "Gold"  # the tenant's own attributes kept aside, not lost


async def test_get_unknown_contact_is_not_found(client):
    with pytest.raises(EngageNotFound):
        await client.get_contact("00000000-0000-4000-8000-000000000000")


async def test_register_creates_a_member_with_source_and_store(client, sim_state):
    registration = await client.register(
        NewContact(first_name="Sigrid", last_name="Ek", email="Sigrid.Ek@Example.se", mobile_phone="0705551234"),
        store_external_id="42")
    assert registration.created
    assert registration.contact.email == "sigrid.ek@example.se"
    assert registration.contact.mobile_phone == "+46705551234"
    assert registration.contact.member_number
    assert sim_state.received.registrations[-1]["source"] == "POS"
    assert sim_state.received.registrations[-1]["storeExternalId"] == "42"


async def test_registering_twice_adopts_the_existing_contact(client, sim_state):
    new = NewContact(first_name="Sigrid", email="sigrid@example.se")
    first = await client.register(new, store_external_id="1")
    second = await client.register(new, store_external_id="1")
    assert not second.created
    assert second.contact.id == first.contact.id
    assert len([r for r in sim_state.received.registrations if r["email"] == "sigrid@example.se"]) == 1


async def test_registration_validation_errors_come_back_per_field(client):
    new = NewContact(first_name="Sigrid", email="sigrid@example.se")
    object.__setattr__(new, "email", "sigrid@")  # past the client's own check, to see Engage's answer
    with pytest.raises(EngageValidationError) as caught:
        await client.register(new, store_external_id="1")
    assert caught.value.status == 400
    assert caught.value.code == "InvalidEmailAddress"
    assert "email" in caught.value.field_errors


async def test_update_sends_only_changed_fields(client, recorder, showcase):
    anna = await client.get_contact(showcase["Anna"]["id"])
    update = ContactUpdate.between(anna, {"first_name": "Anna", "last_name": "Lind", "zip_code": anna.zip_code})
    updated = await client.update_contact(anna.id, update)
    assert updated.last_name == "Lind"
    sent = recorder.requests[-1]
    assert sent.method == "PATCH"
    assert sent.json() == {"lastName": "Lind"}


async def test_upgrade_a_newsletter_contact_to_member(client, showcase):
    erik = await client.get_contact(showcase["Erik"]["id"])
    assert not erik.is_member and not erik.member_number
    upgraded = await client.upgrade_to_member(erik.id)
    assert upgraded.is_member
    assert upgraded.member_number
