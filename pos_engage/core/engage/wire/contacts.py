"""Contacts on the wire: lookup keys, the contact object, registration and update bodies."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from pos_engage.core.domain import Contact, ContactKey, ContactUpdate, KeyKind, NewContact, Preferences
from pos_engage.core.engage.wire.common import boolean, get, parse_time, text
from pos_engage.core.errors import InputError

KEY_PARAMS = {
    KeyKind.EMAIL: "email",
    KeyKind.MOBILE: "mobilePhone",
    KeyKind.CUSTOM_KEY: "customKey",
    KeyKind.SOCIAL_SECURITY_NUMBER: "socialSecurityNumber",
}

# Domain attribute name -> Engage contact attribute.
CONTACT_FIELDS = {
    "first_name": "firstName",
    "last_name": "lastName",
    "email": "email",
    "mobile_phone": "mobilePhone",
    "member_number": "memberNumber",
    "zip_code": "zipCode",
    "city": "city",
    "country_code": "countryCode",
    # ASSUMPTION (engage-api.md 2.2, 11.13): a loyalty card is a contact attribute the tenant names; cardNumber
    # is the name Engage's XML uses for it (7.2) and the one this till sends. The lookup finds it by customKey.
    "card_number": "cardNumber",
}
_ENGAGE_TO_DOMAIN = {engage.lower(): domain for domain, engage in CONTACT_FIELDS.items()}
# A registration's personal number is sent (new_contact_to_json) and its refusal shown on the form's field, but it
# is no field of the contact the till reads back: nothing at the till shows or changes it once she is registered
# (it stays in Contact.extra as Engage sent it).
_FORM_ONLY = {"socialsecuritynumber": "social_security_number"}


def key_query(key: ContactKey, contact_type: str | None = None) -> dict[str, str]:
    """The lookup's query; ``contact_type`` narrows it to contacts of that type (documented, engage-api.md 2.2)."""
    query = {KEY_PARAMS[key.kind]: key.value}
    if contact_type:
        query["contactType"] = contact_type
    return query


def contact_id_from_json(payload: object) -> str:
    """The lookup answers a JSON string; tolerate {"id": ...} too (integrators disagree, engage-api.md 10)."""
    if isinstance(payload, str) and payload.strip():
        return payload.strip()
    if isinstance(payload, dict):
        found = get(payload, "id", "contactId")
        if isinstance(found, str) and found:
            return found
    raise ValueError("the contact lookup did not return a contact id")


def contact_from_json(payload: object) -> Contact:
    if not isinstance(payload, dict) or not get(payload, "id"):
        raise ValueError("the contact has no id")
    attributes = get(payload, "attributes", default={}) or {}
    meta = get(payload, "meta", default={}) or {}
    prefs = get(payload, "preferences", default={}) or {}
    known = {domain: text(get(attributes, engage)) for domain, engage in CONTACT_FIELDS.items()}
    extra = {k: v for k, v in attributes.items() if k.lower() not in _ENGAGE_TO_DOMAIN}
    return Contact(
        id=text(get(payload, "id")),
        contact_type=text(get(meta, "contactType") or get(attributes, "contactType") or "Member"),
        preferences=Preferences(
            accepts_email=boolean(get(prefs, "acceptsEmail")),
            accepts_sms=boolean(get(prefs, "acceptsSms")),
            accepts_postal=boolean(get(prefs, "acceptsPostal")),
        ),
        created_on=parse_time(get(meta, "createdOn")),
        modified_on=parse_time(get(meta, "modifiedOn")),
        extra=extra,
        **known,
    )


def _preferences_json(prefs: Preferences) -> dict[str, bool]:
    return {"acceptsEmail": prefs.accepts_email, "acceptsSms": prefs.accepts_sms, "acceptsPostal": prefs.accepts_postal}


# Calling code -> ISO 3166-1 alpha-2, for the countryCode of a registration with a mobile number. The Nordics and
# the neighbours a Nordic store sees; a code not listed leaves the till's own country. (+1 is several countries.)
CALLING_CODES = {
    "+46": "SE", "+47": "NO", "+45": "DK", "+358": "FI", "+354": "IS", "+298": "FO", "+299": "GL",
    "+49": "DE", "+44": "GB", "+353": "IE", "+31": "NL", "+32": "BE", "+352": "LU", "+33": "FR", "+41": "CH",
    "+43": "AT", "+34": "ES", "+351": "PT", "+39": "IT", "+48": "PL", "+420": "CZ", "+372": "EE", "+371": "LV",
    "+370": "LT",
}


def country_of_mobile(mobile: str) -> str | None:
    """The country a mobile number (E.164) belongs to by its calling code, or None when the table lacks it."""
    for length in (4, 3, 2):  # calling codes are 1 to 3 digits after '+': the longest match wins (+358 before +35)
        found = CALLING_CODES.get(mobile[:length])
        if found:
            return found
    return None


def new_contact_to_json(contact: NewContact, *, country: str | None = None) -> dict[str, Any]:
    """Flat attributes plus contactType and preferences (v3 create).

    countryCode follows the mobile's calling code (+47... is NO); without a mobile (or with a calling code the
    table lacks) it is ``country``, the till's configured country, when the caller gives it, else the contact's
    own ``country_code``."""
    body: dict[str, Any] = {"contactType": contact.contact_type}
    for domain in ("first_name", "last_name", "email", "mobile_phone", "zip_code", "card_number"):
        value = getattr(contact, domain)
        if value:
            body[CONTACT_FIELDS[domain]] = value
    if contact.social_security_number:
        body["socialSecurityNumber"] = contact.social_security_number
    found = country_of_mobile(contact.mobile_phone) if contact.mobile_phone else None
    country_code = found or country or contact.country_code
    if country_code:
        body["countryCode"] = country_code
    body["preferences"] = _preferences_json(contact.preferences)
    return body


def contact_update_to_json(update: ContactUpdate) -> dict[str, Any]:
    """Only the fields that changed: Engage overwrites whatever is present, even with ''."""
    body: dict[str, Any] = {}
    for domain, engage in CONTACT_FIELDS.items():
        value = getattr(update, domain, None)
        if value is not None:
            body[engage] = value
    if update.preferences is not None:
        body["preferences"] = _preferences_json(update.preferences)
    return body


def contact_after_update(contact: Contact, update: ContactUpdate) -> Contact:
    """What Engage holds after an update it confirmed without sending the contact back (an empty 200 or a 204):
    the contact with the changed fields, exactly as they were sent."""
    changed = {name: getattr(update, name) for name in CONTACT_FIELDS if getattr(update, name, None) is not None}
    if update.preferences is not None:
        changed["preferences"] = update.preferences
    return replace(contact, **changed)


def key_of_new_contact(body: dict) -> ContactKey:
    """The key a create body is found by again (email first, as Engage's `any` does)."""
    email, mobile = get(body, "email"), get(body, "mobilePhone")
    if email:
        return ContactKey(KeyKind.EMAIL, text(email))
    if mobile:
        return ContactKey(KeyKind.MOBILE, text(mobile))
    raise InputError("the registration has neither an email address nor a mobile number", field="email")


def field_name(engage_name: str) -> str:
    """An Engage attribute name as the domain field the form shows it on."""
    lower = engage_name.lower()
    return _ENGAGE_TO_DOMAIN.get(lower) or _FORM_ONLY.get(lower, engage_name)
