"""Delivering one journal entry: the right client call per kind, the contact id a dependency supplied, and the
check made before resending a call whose earlier outcome is unknown (Part A decision 10)."""

from __future__ import annotations

from typing import Any

from pos_engage.core.engage import wire
from pos_engage.core.engage.client import EngageClient
from pos_engage.core.errors import EngageNotFound, InputError
from pos_engage.core.journal.entry import EntryKind, EntryStatus, JournalEntry

NOT_DONE = object()


class CannotDeliver(InputError):
    """The entry cannot be sent as it stands (a dependency never delivered, an unreadable payload)."""


class OutcomeUnknown(CannotDeliver):
    """Sent before, outcome unknown, and nothing to check it against: a person must decide."""


def _contact_from(dependency: JournalEntry | None) -> str | None:
    if dependency is None or dependency.kind is not EntryKind.REGISTER_CONTACT:
        return None
    if dependency.status is EntryStatus.DELIVERED and dependency.result:
        return dependency.result.get("contactId")
    return None


def _contact_id(entry: JournalEntry, dependency: JournalEntry | None) -> str:
    contact_id = (entry.payload or {}).get("contactId") or _contact_from(dependency)
    if not contact_id:
        raise CannotDeliver(f"entry {entry.id} is for a contact whose registration (entry {entry.depends_on}) was "
                            "not delivered by the API: correct and retry that registration, or resolve this one")
    return contact_id


def prepared_payload(entry: JournalEntry, dependency: JournalEntry | None) -> dict[str, Any]:
    """The payload as it will be sent: a receipt after an offline registration names the new contact id."""
    payload = dict(entry.payload or {})
    if not payload:
        raise CannotDeliver(f"entry {entry.id} has no content left (pruned); it cannot be sent")
    contact_id = _contact_from(dependency)
    if entry.kind is EntryKind.RECEIPT and contact_id:
        receipt = dict(payload["receipt"])
        receipt["contact"] = wire.match_key_to_json(wire.contact_match_key(contact_id))
        payload["receipt"] = receipt
    return payload


async def deliver(client: EngageClient, entry: JournalEntry, dependency: JournalEntry | None) -> dict | None:
    """Send the entry; returns what later entries may need (a registration's contact id)."""
    payload = prepared_payload(entry, dependency)
    kind = entry.kind
    if kind is EntryKind.REGISTER_CONTACT:
        registration = await client.register_body(payload["contact"], store_external_id=payload["storeExternalId"],
                                                  source=payload.get("source") or "POS")
        return {"contactId": registration.contact.id, "created": registration.created}
    if kind is EntryKind.UPDATE_CONTACT:
        await client.update_contact_body(_contact_id(entry, dependency), payload["changes"])
    elif kind is EntryKind.UPGRADE_CONTACT:
        await client.upgrade_to_member(_contact_id(entry, dependency))
    elif kind is EntryKind.REDEEM_PROMOTION:
        await client.redeem_promotion(payload["assignmentId"])
    elif kind is EntryKind.REDEEM_VOUCHER:
        await client.redeem_reward_voucher(payload["voucherId"])
    elif kind is EntryKind.RECEIPT:
        await client.post_receipt_body(payload["receipt"])
    elif kind is EntryKind.ORDER_CREATE:
        job = await client.create_order_body(payload["order"])
        return {"jobId": job.job_id}
    elif kind is EntryKind.ORDER_ACTION:
        await client.order_action(payload["orderId"], payload["action"], payload["versionTag"],
                                  language=payload.get("language") or "sv-SE", data=payload.get("data"))
    elif kind is EntryKind.ORDER_COMMUNICATION:
        await client.send_order_communication_body(payload["order"])
    else:  # pragma: no cover - every kind is handled above
        raise CannotDeliver(f"unknown entry kind {kind}")
    return None


def key_of_registration(entry: JournalEntry):
    return wire.key_of_new_contact((entry.payload or {})["contact"])


async def check_done(client: EngageClient, entry: JournalEntry) -> Any:
    """Before resending a call whose outcome is unknown: did it take effect? Returns its result, or NOT_DONE."""
    payload = entry.payload or {}
    kind = entry.kind
    if kind is EntryKind.REGISTER_CONTACT:
        try:
            contact_id = await client.identify(wire.key_of_new_contact(payload["contact"]))
        except EngageNotFound:
            return NOT_DONE
        return {"contactId": contact_id, "created": False}
    if kind is EntryKind.REDEEM_PROMOTION:
        promotions = await client.list_promotions(payload["contactId"])
        found = next((p for p in promotions if p.id == payload["assignmentId"]), None)
        return None if found is not None and found.redeemed else NOT_DONE
    if kind is EntryKind.REDEEM_VOUCHER:
        page = await client.list_reward_vouchers(payload["contactId"], available_only=False)
        found = next((v for v in page.items if v.id == payload["voucherId"]), None)
        return None if found is not None and found.redeemed else NOT_DONE
    if kind in (EntryKind.ORDER_ACTION, EntryKind.ORDER_COMMUNICATION):
        raise OutcomeUnknown(
            "The till stopped or lost the connection while sending this order message; Engage has no way to tell "
            "whether the customer got it. Check with the customer, then resolve it (if sent) or retry it.")
    return NOT_DONE  # safe to repeat: receipts (deduplicated), updates, upgrades, order replacement
