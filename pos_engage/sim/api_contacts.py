"""Simulated contact endpoints: lookup, read, create (409 on a duplicate key), update, upgrade, count.

The simulated tenant's keys (ASSUMPTION, engage-api.md 2.1: each tenant configures its own): the email address is
the key of both contact types, Member and Contact, so no two contacts share one, whatever their type; a contact
without an email is keyed by its mobile number. A mobile number alone is not unique (a family may share one). A
loyalty card (``cardNumber``) is found by customKey and held by one contact only.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.routing import Route

from pos_engage.sim.http import answer, engage_route, json_body
from pos_engage.sim.rules import (
    CONTACT_TYPES,
    EMAIL_RE,
    GUID_RE,
    PHONE_RE,
    Rejected,
    contact_field_errors,
    is_personal_number,
)
from pos_engage.sim.state import SimState

LOOKUP_ORDER = ("email", "socialSecurityNumber", "mobilePhone", "customKey")


def contact_or_404(state: SimState, contact_id: str) -> dict:
    if not GUID_RE.match(contact_id):
        raise Rejected(400, "InvalidContactId", f"'{contact_id}' is not a contact id")
    contact = state.contacts.get(contact_id)
    if contact is None:
        raise Rejected(404, "ContactNotFound", "no contact with that id")
    return contact


def key_holders(state: SimState, attributes: dict, *, other_than: str | None = None) -> tuple[str, set[str]]:
    """The contacts already holding the key these attributes would have: (the key's name, their ids)."""
    email, mobile = attributes.get("email"), attributes.get("mobilePhone")
    if email:
        return "email", state.find("email", email) - {other_than}
    if mobile:
        # ASSUMPTION: an email-less contact is keyed by its mobile number, so it clashes only with another
        # email-less contact holding that number (family members sharing a number each have an email).
        holders = {i for i in state.find("mobilePhone", mobile) if not state.contacts[i]["attributes"].get("email")}
        return "mobilePhone", holders - {other_than}
    return "", set()


def card_holders(state: SimState, attributes: dict, *, other_than: str | None = None) -> set[str]:
    """The contacts a card number in these attributes would clash with: the card is found by customKey, which
    this tenant maps to member and card numbers both, so it may be neither another's card nor member number."""
    card = attributes.get("cardNumber")
    if not isinstance(card, str) or not card:
        return set()
    return (state.find("cardNumber", card) | state.find("customKey", card)) - {other_than}


def personal_holders(state: SimState, attributes: dict, *, other_than: str | None = None) -> set[str]:
    """The contacts already holding the personal number in these attributes."""
    personal = attributes.get("socialSecurityNumber")
    if not isinstance(personal, str) or not personal:
        return set()
    return state.find("socialSecurityNumber", personal) - {other_than}


def refuse_invalid_fields(body: dict, *, creating: bool) -> None:
    """Engage's answer to a create or update body it cannot take. The formats of the keys are 400 with the code
    the lookup uses for them (documented there, engage-api.md 2.2); anything else is 422 ValidationError."""
    errors = contact_field_errors(body, require_key=creating)
    preferences = body.get("preferences")
    if preferences is not None and (not isinstance(preferences, dict)
                                    or any(not isinstance(v, bool) for v in preferences.values())):
        errors["preferences"] = ["preferences must be an object of true/false values"]
    card = body.get("cardNumber")
    # ASSUMPTION (engage-api.md 11.13: the card attribute is the tenant's): a card number is 4 to 64 digits.
    if card not in (None, "") and (not isinstance(card, str) or not card.isdigit() or not 4 <= len(card) <= 64):
        errors["cardNumber"] = ["cardNumber must be 4 to 64 digits"]
    if not errors:
        return
    # ASSUMPTION: an invalid email or mobile number on create/update answers 400 InvalidEmailAddress /
    # InvalidPhoneNumber (the lookup's documented codes), with every field's message in "errors".
    email, mobile = body.get("email"), body.get("mobilePhone")
    if email and "email" in errors:
        raise Rejected(400, "InvalidEmailAddress", f"'{email}' is not a valid email address", errors)
    if mobile and "mobilePhone" in errors:
        raise Rejected(400, "InvalidPhoneNumber", f"'{mobile}' is not a valid mobile number", errors)
    if "socialSecurityNumber" in errors:
        raise Rejected(400, "InvalidSocialSecurityNumber", "the personal number is not valid", errors)
    # ASSUMPTION: other invalid fields (a missing key, a name too long) answer 422 ValidationError (wp's comments).
    raise Rejected(422, "ValidationError", "the contact has invalid fields", errors)


def routes(state: SimState) -> list[Route]:
    def lookup_attribute(name: str, value: str) -> str | None:
        """Validate a key the way Engage does; `any` stops at the first attribute the value validates as."""
        if name == "email":
            if not EMAIL_RE.match(value):
                raise Rejected(400, "InvalidEmailAddress", f"'{value}' is not a valid email address")
        elif name == "mobilePhone" and not PHONE_RE.match(value):
            raise Rejected(400, "InvalidPhoneNumber", f"'{value}' is not a valid mobile number")
        elif name == "socialSecurityNumber" and not is_personal_number(value):
            raise Rejected(400, "InvalidSocialSecurityNumber", "the personal number is not valid")
        return name

    @engage_route
    async def find_id(request: Request):
        params = request.query_params
        contact_type = params.get("contactType")
        if contact_type and contact_type not in CONTACT_TYPES:
            raise Rejected(400, "InvalidContactType", f"unknown contact type {contact_type}")
        given = [(name, params[name]) for name in LOOKUP_ORDER if params.get(name)]
        if params.get("any"):
            value = params["any"]
            # Engage's order (engage-api.md 2.2): the first attribute the value validates as.
            name = "email" if EMAIL_RE.match(value) else "socialSecurityNumber" if is_personal_number(value) \
                else "mobilePhone" if PHONE_RE.match(value) else "customKey"
            given = [(name, value)]
        if not given:
            raise Rejected(400, "InvalidSearchQuery", "give one of email, mobilePhone, customKey, any")
        name, value = given[0]
        lookup_attribute(name, value)
        ids = state.find(name, value)
        if contact_type:
            ids = {i for i in ids if state.contacts[i]["meta"]["contactType"] == contact_type}
        if not ids:
            raise Rejected(404, "ContactNotFound", "no contact matches that key")
        if len(ids) > 1:
            raise Rejected(409, "MultipleMatches", f"{len(ids)} contacts match that key")
        return answer(next(iter(ids)))  # a bare JSON string (engage-api.md 2.2)

    @engage_route
    async def get_contact(request: Request):
        return answer(contact_or_404(state, request.path_params["contact_id"]))

    @engage_route
    async def create(request: Request):
        body = await json_body(request)
        if not isinstance(body, dict) or not body:
            raise Rejected(400, "NoData", "the contact must be a JSON object")
        contact_type = body.get("contactType") or "Member"
        if contact_type not in CONTACT_TYPES:
            raise Rejected(400, "InvalidContactType", f"unknown contact type {contact_type}")
        refuse_invalid_fields(body, creating=True)
        key, holders = key_holders(state, body)
        if holders:
            # ASSUMPTION (Part A decision 8): a key some contact already holds is 409, not that contact's id, and
            # that whatever the existing contact's type: creating a Member over a newsletter Contact is refused
            # too (the way to make her a Member is updateContactType), so a duplicate can never appear here.
            raise Rejected(409, "ApprovedContactWithKeyExists", f"a contact with that {key} exists")
        if personal_holders(state, body):
            # ASSUMPTION: a personal number names one person: a contact holding it already is 409 like any key.
            raise Rejected(409, "ApprovedContactWithKeyExists", "a contact with that socialSecurityNumber exists")
        if card_holders(state, body):
            # ASSUMPTION: a card is a key of this tenant (customKey finds it): one held already is 409 like any key.
            raise Rejected(409, "ApprovedContactWithKeyExists", "a contact with that cardNumber exists")
        # v3 takes source/storeExternalId as query parameters and ignores them as headers (engage-api.md 2.5).
        contact = state.create_contact(body, contact_type=contact_type, source=request.query_params.get("source"),
                                       store=request.query_params.get("storeExternalId"))
        return answer(contact, 201)

    @engage_route
    async def update(request: Request):
        contact = contact_or_404(state, request.path_params["contact_id"])
        body = await json_body(request)
        if not isinstance(body, dict) or not body:
            raise Rejected(400, "NoData", "nothing to update")
        if "contactType" in body:
            # ASSUMPTION: PATCH cannot change the type (only updateContactType can); answered 400.
            raise Rejected(400, "InvalidContactType", "use updateContactType to change the contact type")
        refuse_invalid_fields(body, creating=False)
        key, holders = key_holders(state, {**contact["attributes"], **body}, other_than=contact["id"])
        if holders and (key in body or "email" in body):
            raise Rejected(409, "ApprovedContactWithKeyExists", f"another contact has that {key}")
        if "cardNumber" in body and card_holders(state, body, other_than=contact["id"]):
            raise Rejected(409, "ApprovedContactWithKeyExists", "another contact has that cardNumber")
        state.update_contact(contact, body)  # unknown fields are kept silently, as Engage does
        return answer(contact)

    @engage_route
    async def update_type(request: Request):
        """v3 updateContactType (engage-api.md 2.6, Part A 'upgrade to Member'): 200 with the contact; 404 for a
        contact that does not exist; 400 for a missing or unknown contactTypeId. The v3 route sets Member too."""
        contact = contact_or_404(state, request.path_params["contact_id"])
        target = request.query_params.get("contactTypeId", "")
        if not target:
            raise Rejected(400, "InvalidContactType", "contactTypeId is required")
        if target not in CONTACT_TYPES:
            raise Rejected(400, "InvalidContactType", f"unknown contact type {target}")
        # ASSUMPTION: asking for the type the contact already has is a 200 that changes nothing (not an error).
        if contact["meta"]["contactType"] != target:
            state.set_contact_type(contact, target)
        return answer(contact)

    @engage_route
    async def count(request: Request):
        return answer(len(state.contacts))

    return [
        Route("/api/v3/contacts/id", find_id, methods=["GET"]),
        Route("/api/v2/contacts/id", find_id, methods=["GET"]),
        Route("/api/v2/contacts/count", count, methods=["GET"]),
        Route("/api/v3/contacts", create, methods=["POST"]),
        Route("/api/v3/contacts/{contact_id}", get_contact, methods=["GET"]),
        Route("/api/v2/contacts/{contact_id}", get_contact, methods=["GET"]),
        Route("/api/v3/contacts/{contact_id}", update, methods=["PATCH"]),
        Route("/api/v3/contacts/{contact_id}/updateContactType", update_type, methods=["POST"]),
    ]
