"""Delivering one journal entry: the right client call per kind, the contact id a dependency supplied, and the
check made before resending a call whose earlier outcome is unknown (Part A decision 10).

This module routes each kind and delivers contacts (registrations adopt a contact Engage already holds, never
create it twice); orders (order_delivery.py), redemptions (redemptions.py) and give-backs (give_backs.py) each
have their own module, and what they share (refusals, NOT_DONE, the contact id) is in delivery.py."""

from __future__ import annotations

from typing import Any

from pos_engage.core.domain import Contact
from pos_engage.core.engage import wire
from pos_engage.core.engage.client import EngageClient
from pos_engage.core.journal import registrations
from pos_engage.core.journal.delivery import NOT_DONE, CannotDeliver, OutcomeUnknown, _contact_from, _contact_id
from pos_engage.core.journal.entry import EntryKind, EntryStatus, JournalEntry
from pos_engage.core.journal.give_backs import GIVE_BACKS, check_given_back, give_back
from pos_engage.core.journal.order_delivery import JobPolling, _order_action, _write_order
from pos_engage.core.journal.redemptions import REDEMPTIONS, check_redeemed, redeem

ORDER_WRITES = frozenset({EntryKind.ORDER_CREATE, EntryKind.ORDER_UPDATE})


def prepared_payload(entry: JournalEntry, dependency: JournalEntry | None) -> dict[str, Any]:
    """The payload as it will be sent: a receipt or an order after an offline registration names the new
    contact id; an order action takes the versionTag its order change came back with."""
    payload = dict(entry.payload or {})
    if not payload:
        raise CannotDeliver(f"entry {entry.id} has no content left (pruned); it cannot be sent")
    contact_id = _contact_from(dependency)
    field = {EntryKind.RECEIPT: "receipt", EntryKind.ORDER_CREATE: "order", EntryKind.ORDER_UPDATE: "order",
             EntryKind.ORDER_COMMUNICATION: "order"}.get(entry.kind)
    if field and contact_id:
        body = dict(payload[field])
        body["contact"] = wire.match_key_to_json(wire.contact_match_key(contact_id))
        payload[field] = body
    if entry.kind is EntryKind.ORDER_ACTION and not payload.get("versionTag"):
        tag = (dependency.result or {}).get("versionTag") if dependency is not None else None
        if dependency is not None and dependency.status is EntryStatus.EXPORTED:
            return payload  # the order went by file: the action asks Engage for the imported version's tag
        if dependency is None or dependency.status is not EntryStatus.DELIVERED or not tag:
            raise CannotDeliver(f"entry {entry.id} is the message for an order change (entry {entry.depends_on}) "
                                "that Engage has not confirmed: retry or resolve that change first")
        payload["versionTag"] = tag
    return payload


async def deliver(client: EngageClient, entry: JournalEntry, dependency: JournalEntry | None, *,
                  polling: JobPolling | None = None) -> dict | None:
    """Send the entry; returns what later entries may need (a registration's contact id, an order's
    versionTag)."""
    payload = prepared_payload(entry, dependency)
    kind = entry.kind
    if kind is EntryKind.REGISTER_CONTACT:
        return await _register(client, payload)
    if kind is EntryKind.UPDATE_CONTACT:
        await client.update_contact_body(_contact_id(entry, dependency), payload["changes"])
    elif kind is EntryKind.UPGRADE_CONTACT:
        await client.upgrade_to_member(_contact_id(entry, dependency))
    elif kind in REDEMPTIONS:
        await redeem(client, entry)
    elif kind is EntryKind.RECEIPT:
        await client.post_receipt_body(payload["receipt"])
    elif kind in ORDER_WRITES:
        return await _write_order(client, kind, payload["order"], polling or JobPolling())
    elif kind is EntryKind.ORDER_ACTION:
        return await _order_action(client, payload)
    elif kind is EntryKind.ORDER_COMMUNICATION:
        await client.send_order_communication_body(payload["order"])
    elif kind in GIVE_BACKS:
        return await give_back(client, entry, dependency)
    else:  # pragma: no cover - every kind is handled above
        raise CannotDeliver(f"unknown entry kind {kind}")
    return None


async def _existing(client: EngageClient, body: dict[str, Any]) -> Contact | None:
    try:
        return await registrations.find_existing(client, body)
    except registrations.SeveralContactsMatch as problem:
        key = {"mobile_phone": "mobile number", "social_security_number": "personal number"}.get(problem.field or "",
                                                                                               "email address")
        raise CannotDeliver(f"Several customers in Engage share this registration's {key}: it was not sent, as it "
                            "could only add one more. Merge them in Engage, or correct the registration, then retry "
                            "it") from None


async def _register(client: EngageClient, payload: dict[str, Any]) -> dict:
    """A queued registration: look up first, create only when Engage holds no such contact; a contact found (now,
    or by the 409 of a create another till made meanwhile) is adopted, never created again."""
    body = payload["contact"]
    existing = await _existing(client, body)
    if existing is None:
        registration = await client.register_body(body, store_external_id=payload["storeExternalId"],
                                                  source=payload.get("source") or "POS")
        if registration.created:
            return {"contactId": registration.contact.id, "created": True,
                    "preferences": registrations.preferences_json(registration.contact)}
        existing = registration.contact
    return await _adopt(client, existing, body)


async def _adopt(client: EngageClient, existing: Contact, body: dict[str, Any]) -> dict:
    """Adopt the contact Engage already holds. Nobody can be asked here, so nothing Engage holds is overwritten:
    the form fills only the fields Engage has empty, adds the consents the customer ticked (given at the till,
    with evidence), and makes a newsletter Contact the Member the form registered. The fields that differ are
    named in the result ("notApplied") for a person to look at; their values stay in the payload, not here.
    Repeating this after a lost answer is harmless: the second time there is nothing left to fill."""
    fill, differ = registrations.gaps(existing, body)
    upgrade = registrations.wants_membership(body) and not existing.is_member
    if fill:
        await client.update_contact_body(existing.id, fill)
    if upgrade:
        await client.upgrade_to_member(existing.id)
    final = await client.get_contact(existing.id) if fill or upgrade else existing  # what Engage now holds
    return {"contactId": existing.id, "created": False, "adopted": True, "filled": sorted(fill),
            "upgraded": upgrade, "notApplied": differ, "preferences": registrations.preferences_json(final)}


def key_of_registration(entry: JournalEntry):
    return wire.key_of_new_contact((entry.payload or {})["contact"])


async def check_done(client: EngageClient, entry: JournalEntry) -> Any:
    """Before resending a call whose outcome is unknown: did it take effect? Returns its result, or NOT_DONE."""
    payload = entry.payload or {}
    kind = entry.kind
    if kind is EntryKind.REGISTER_CONTACT:
        existing = await _existing(client, payload["contact"])
        return NOT_DONE if existing is None else await _adopt(client, existing, payload["contact"])
    if kind in REDEMPTIONS:
        return await check_redeemed(client, entry)
    if kind in GIVE_BACKS:
        return await check_given_back(client, entry)
    if kind in (EntryKind.ORDER_ACTION, EntryKind.ORDER_COMMUNICATION):
        raise OutcomeUnknown(
            "The till stopped or lost the connection while sending this order message; Engage has no way to tell "
            "whether the customer got it. Check with the customer, then resolve it (if sent) or retry it.")
    return NOT_DONE  # safe to repeat: receipts (deduplicated), updates, upgrades, order replacement


def can_be_asked(kind: EntryKind) -> bool:
    """Whether check_done really asks Engage for this kind. For the others (a receipt, an update, an order's full
    replace) Engage has nothing to ask, so NOT_DONE means "safe to send again by API", not "Engage has not got
    it": such an entry whose last attempt may have reached Engage must never also go by file."""
    return kind is EntryKind.REGISTER_CONTACT or kind in REDEMPTIONS or kind in GIVE_BACKS
