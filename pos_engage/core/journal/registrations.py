"""A registration never makes a second contact: which contact Engage already holds for a registration form, and
what the form would change on it.

One rule for both paths: the till, where the cashier is asked before anything changes in Engage, and the journal's
delivery of a registration queued while Engage was down, where nobody can be asked. Voyado itself advises the
lookup before a create (engage-api.md 2.5).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pos_engage.core import texts
from pos_engage.core.domain import Contact, ContactKey, ContactType, KeyKind
from pos_engage.core.engage import wire
from pos_engage.core.engage.client import EngageClient
from pos_engage.core.errors import EngageNotFound, InputError, MultipleMatches

# What the cashier types on the registration form, by Engage's attribute name. countryCode is not among them:
# the till works it out, so it is never a reason to change what Engage holds. The loyalty card handed out is (a
# customer Engage already holds gets the card, at the till when the cashier confirms, at delivery when hers is empty).
FORM_FIELDS = ("firstName", "lastName", "email", "mobilePhone", "zipCode", "cardNumber")
# The form's consent boxes. A box left unticked is not a withdrawal (the form cannot express one).
CONSENTS = ("acceptsEmail", "acceptsSms")
PREFERENCES = ("acceptsEmail", "acceptsSms", "acceptsPostal")
_DOMAIN = {engage: domain for domain, engage in wire.CONTACT_FIELDS.items()}


class SeveralContactsMatch(InputError):
    """Engage holds more than one contact for the registration's key: which one is meant cannot be decided here."""

    code = "SeveralContactsMatch"


def _engage_value(contact: Contact, name: str) -> str:
    return str(getattr(contact, _DOMAIN[name]) or "")


def _same(name: str, engage: str, form: str) -> bool:
    return engage.casefold() == form.casefold() if name == "email" else engage == form


async def find_existing(client: EngageClient, body: Mapping[str, Any]) -> Contact | None:
    """The contact Engage already holds for this registration body (Engage's create shape), or None.

    The email first: it is the key. Then the personal number, in the order Engage's ``any`` lookup tries them: it
    names one person, so a contact holding it is this customer whatever email she gave there (the email typed here
    is one of the changes the cashier confirms). Then the mobile number, which a family may share: a single contact
    with it is this customer only when one of the two has no email (a different email is another person sharing
    the number, and a new contact is right). Raises SeveralContactsMatch when the key names several contacts."""
    email, mobile = str(body.get("email") or ""), str(body.get("mobilePhone") or "")
    personal = str(body.get("socialSecurityNumber") or "")
    if email:
        found = await _one(client, ContactKey(KeyKind.EMAIL, email), "email")
        if found is not None:
            return found
    if personal:
        found = await _one(client, ContactKey(KeyKind.SOCIAL_SECURITY_NUMBER, personal), "social_security_number")
        if found is not None:
            return found
    if not mobile:
        return None
    try:
        found = await _one(client, ContactKey(KeyKind.MOBILE, mobile), "mobile_phone")
    except SeveralContactsMatch:
        if email:
            return None  # several people share the number; this one is new by her email
        raise
    if found is not None and email and found.email and found.email.casefold() != email.casefold():
        return None
    return found


async def _one(client: EngageClient, key: ContactKey, field: str) -> Contact | None:
    try:
        contact_id = await client.identify(key)
        return await client.get_contact(contact_id)
    except EngageNotFound:
        return None
    except MultipleMatches:
        raise SeveralContactsMatch(
            texts.tr("Several customers in Engage share {value}: nothing was registered, so no further duplicate "
                     "was made. Identify the customer by card or another key instead", value=key.masked()),
            field=field) from None


def form_changes(existing: Contact, body: Mapping[str, Any]) -> dict[str, Any]:
    """What the form holds that Engage does not, as a PATCH body: the fields filled in that differ, and the
    consents ticked that Engage does not have. A field left empty never clears what Engage holds."""
    changes: dict[str, Any] = {}
    for name in FORM_FIELDS:
        form = str(body.get(name) or "")
        if form and not _same(name, _engage_value(existing, name), form):
            changes[name] = form
    preferences = _merged_preferences(existing, body)
    if preferences is not None:
        changes["preferences"] = preferences
    return changes


def gaps(existing: Contact, body: Mapping[str, Any]) -> tuple[dict[str, Any], list[str]]:
    """For a delivery nobody can confirm: only the fields Engage holds empty, and the consents ticked (the customer
    gave them at the till, with evidence). Returns the PATCH body and the names of the fields that differ but were
    left as Engage has them (a cashier or the customer can change those later; nothing is overwritten unasked)."""
    fill: dict[str, Any] = {}
    differ: list[str] = []
    for name, value in form_changes(existing, body).items():
        if name == "preferences" or not _engage_value(existing, name):
            fill[name] = value
        else:
            differ.append(name)
    return fill, differ


def wants_membership(body: Mapping[str, Any]) -> bool:
    """The form registers a Member unless it says otherwise (Engage's own default for contactType)."""
    return (body.get("contactType") or ContactType.MEMBER) == ContactType.MEMBER


def preferences_json(contact: Contact) -> dict[str, bool]:
    prefs = contact.preferences
    return {"acceptsEmail": prefs.accepts_email, "acceptsSms": prefs.accepts_sms, "acceptsPostal": prefs.accepts_postal}


def _merged_preferences(existing: Contact, body: Mapping[str, Any]) -> dict[str, bool] | None:
    """Engage's preferences with the form's ticks added, or None when that changes nothing. All three are sent:
    Engage overwrites whatever is sent, so the untouched ones carry Engage's own values."""
    held = preferences_json(existing)
    asked = body.get("preferences") or {}
    merged = dict(held)
    for name in CONSENTS:
        if asked.get(name) is True:
            merged[name] = True
    return None if merged == held else merged
