"""Delivering one journal entry: the right client call per kind, the contact id a dependency supplied, and the
check made before resending a call whose earlier outcome is unknown (Part A decision 10)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from pos_engage.core import texts
from pos_engage.core.domain import Contact, JobState, OrderJob, StoredOrder
from pos_engage.core.engage import wire
from pos_engage.core.engage.client import EngageClient
from pos_engage.core.errors import (
    EngageConflict,
    EngageNotFound,
    EngageUnavailable,
    InputError,
    PromotionAlreadyRedeemed,
)
from pos_engage.core.journal import registrations
from pos_engage.core.journal.entry import EntryKind, EntryStatus, JournalEntry

NOT_DONE = object()
ORDER_WRITES = frozenset({EntryKind.ORDER_CREATE, EntryKind.ORDER_UPDATE})


class CannotDeliver(InputError):
    """The entry cannot be sent as it stands (a dependency never delivered, an unreadable payload)."""

    code = "NotSendable"


class OrderJobFailed(CannotDeliver):
    """Engage took the order change but its job failed: Engage's message says why. A person fixes and retries."""

    code = "OrderJobFailed"


class ActionDiscarded(CannotDeliver):
    """Engage stored the order but dropped the order action embedded in it: no email went to the customer."""

    code = "OrderActionDiscarded"


@dataclass(frozen=True)
class JobPolling:
    """How an order job is followed: waits between polls (the last repeats) and how long before giving up
    for now (the change is then sent again later: a full replace, safe to repeat)."""

    schedule: tuple[float, ...] = (0.5, 1.0, 2.0, 4.0, 8.0)
    timeout: float = 120.0
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep
    clock: Callable[[], float] = time.monotonic


async def follow_order_job(client: EngageClient, job: OrderJob, polling: JobPolling) -> StoredOrder:
    """Poll the job with backoff until it redirects to the stored order (whose versionTag an action needs)."""
    deadline = polling.clock() + polling.timeout
    for attempt in range(10_000):
        status, stored = await client.order_job_status(job.job_id)
        if status.state is JobState.DONE and stored is not None:
            return stored
        if status.state is JobState.FAILED:
            raise OrderJobFailed(f"Engage could not process the order change (job {job.job_id}): "
                                 f"{status.error_code or 'error'}: {status.error_message}")
        wait = polling.schedule[min(attempt, len(polling.schedule) - 1)]
        if polling.clock() + wait > deadline:
            break
        await polling.sleep(wait)
    raise EngageUnavailable(f"Engage has not finished order job {job.job_id} in {polling.timeout:.0f} s; "
                            "the change is sent again later", code="OrderJobPending")


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


async def _write_order(client: EngageClient, kind: EntryKind, body: dict[str, Any], polling: JobPolling) -> dict:
    """Create (POST) or replace (PUT) the order, follow its job to the stored order, keep its versionTag."""
    if kind is EntryKind.ORDER_CREATE:
        job = await client.create_order_body(body)
    else:
        job = await client.replace_order_body(body["orderId"], body)
    stored = await follow_order_job(client, job, polling)
    discarded = stored.raw.get("discardedActions") or []
    embedded = (body.get("action") or {}).get("action")
    if embedded and any((d or {}).get("action") == embedded for d in discarded if isinstance(d, dict)):
        reason = next((d.get("reason") for d in discarded if isinstance(d, dict) and d.get("reason")), "no reason")
        raise ActionDiscarded(f"Engage stored order {stored.order_id} but discarded its action {embedded!r} "
                              f"({reason}): the customer got no email. Fix the order's contact, then retry.")
    return {"jobId": job.job_id, "orderId": stored.order_id, "versionTag": stored.version_tag}


async def _order_action(client: EngageClient, payload: dict[str, Any]) -> dict:
    """The order's communication for its current version. A 404 means the versionTag is stale (the order
    changed again) or the order is gone: read the order again and retry once with its current versionTag.
    A 404 is a refusal, so this is not a repeat of a call that may have taken effect."""
    order_id, action, tag = payload["orderId"], payload["action"], payload.get("versionTag")
    language, data = payload.get("language") or "sv-SE", payload.get("data")
    if not tag:  # its order went by file: wait until Engage has imported it, then use that version
        try:
            tag = (await client.get_order(order_id)).version_tag
        except EngageNotFound:
            tag = None
        if not tag:
            raise EngageUnavailable(f"order {order_id} went by file and Engage has not imported it yet; its "
                                    "message is sent once it has", code="OrderNotImportedYet")
    try:
        await client.order_action(order_id, action, tag, language=language, data=data)
        return {"versionTag": tag}
    except EngageNotFound:
        fresh = await client.get_order(order_id)  # a 404 here: the order itself is missing
        if not fresh.version_tag or fresh.version_tag == tag:
            raise
    await client.order_action(order_id, action, fresh.version_tag, language=language, data=data)
    return {"versionTag": fresh.version_tag, "retriedWithVersionTag": True}


# ---------------------------------------------------------------------- redemptions

REDEMPTIONS = frozenset({EntryKind.REDEEM_PROMOTION, EntryKind.REDEEM_VOUCHER})
# When Engage's redeemedOn has whole seconds only, a redemption up to a second either side of our attempts may be
# ours (the stamp was cut, not rounded, or rounded up): widened by this much. Sub-second stamps are compared as is.
WHOLE_SECOND_SLACK = 1.0
# Otherwise: the periods' own stamps are SQLite's wall clock, to the millisecond (cut, not rounded), and the till's
# clock and Engage's differ a little even when both are synchronised. A till whose clock is off by more takes its
# own lost answer for another's use: a conflict a person looks at, never a double use passed over.
CLOCK_SLACK = 0.25


class RedeemedElsewhere(PromotionAlreadyRedeemed):
    """Engage holds the offer as redeemed, and not by this till's attempts for this sale: a conflict."""

    code = "RedeemedElsewhere"


class RedeemedWhileAnswerLost(PromotionAlreadyRedeemed):
    """Engage holds the offer as redeemed at a moment one of this till's attempts was out and got no answer. Most
    likely that attempt did it; but another till redeeming the same offer at that moment looks exactly the same
    from here (Engage tells when, never which receipt), so a person decides: a conflict, never a silent 'ours'."""

    code = "RedeemedWhileAnswerLost"


def _offer_words(entry: JournalEntry) -> tuple[str, str]:
    payload = entry.payload or {}
    if entry.kind is EntryKind.REDEEM_PROMOTION:
        return texts.tr("promotion {id}", id=payload.get("assignmentId", "?")), payload.get("saleId") or "?"
    return texts.tr("voucher {id}", id=payload.get("voucherId", "?")), payload.get("saleId") or "?"


async def redeem(client: EngageClient, entry: JournalEntry) -> None:
    """Redeem the entry's offer. Engage's "already used" names this till's sale that gave the discount, so the
    manager sees both sides of the conflict."""
    payload = entry.payload or {}
    try:
        if entry.kind is EntryKind.REDEEM_PROMOTION:
            await client.redeem_promotion(payload["assignmentId"])
        else:
            await client.redeem_reward_voucher(payload["voucherId"])
    except EngageConflict as refused:
        offer, sale = _offer_words(entry)
        raise type(refused)(texts.tr("Engage refused {offer} for sale {sale} ({reason}): it was used by another "
                                     "sale, not this one, while sale {sale} gave its discount",
                                     offer=offer, sale=sale, reason=refused.describe()),
                            status=refused.status, code=refused.code) from refused


def _timestamp(value: Any) -> float | None:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def attempt_periods(result: dict[str, Any] | None, now: float) -> list[tuple[float, float]]:
    """The periods this entry was out with a sender, as the journal keeps them (an open one: up to now)."""
    periods = []
    for pair in (result or {}).get("periods") or []:
        if isinstance(pair, list) and len(pair) == 2 and _timestamp(pair[0]) is not None:
            start = _timestamp(pair[0])
            end = _timestamp(pair[1])
            periods.append((start, end if end is not None and end >= start else now))
    return periods


def ours(redeemed_on: datetime | None, result: dict[str, Any] | None, now: float) -> bool:
    """Whether Engage's redemption time falls within one of this entry's own attempts. Nothing to compare (no
    time from Engage, no attempt kept, a stamp without an offset): not ours, so a person looks."""
    if redeemed_on is None or redeemed_on.tzinfo is None:
        return False
    slack = WHOLE_SECOND_SLACK if redeemed_on.microsecond == 0 else CLOCK_SLACK
    stamp = redeemed_on.timestamp()
    return any(start - slack <= stamp <= end + slack for start, end in attempt_periods(result, now))


async def check_redeemed(client: EngageClient, entry: JournalEntry) -> Any:
    """Before resending a redemption whose outcome is unknown: NOT_DONE when Engage still holds the offer unused;
    done when it was redeemed by one of our own attempts; otherwise RedeemedElsewhere (a conflict)."""
    payload = entry.payload or {}
    contact_id = payload.get("contactId")
    if not contact_id:
        raise OutcomeUnknown(texts.tr("This redemption may have reached Engage, and the contact it belongs to is "
                                      "not known yet to check: look the offer up in Engage, then resolve or retry"))
    if entry.kind is EntryKind.REDEEM_PROMOTION:
        promotions = await client.list_promotions(contact_id)
        found = next((p for p in promotions if p.id == payload["assignmentId"]), None)
    else:
        page = await client.list_reward_vouchers(contact_id, available_only=False)
        found = next((v for v in page.items if v.id == payload["voucherId"]), None)
    if found is None or not found.redeemed:
        return NOT_DONE
    offer, sale = _offer_words(entry)
    periods = attempt_periods(entry.result, time.time())
    if ours(found.redeemed_on, entry.result, time.time()):
        # Only an attempt whose answer was lost brings us here (a check runs only then), and another till's use
        # of the same offer inside that attempt's period is indistinguishable: the issue's promise is "exactly
        # once, or a person is told", so a person is told.
        raise RedeemedWhileAnswerLost(
            texts.tr("Engage shows {offer} redeemed at {when}, while this till's attempt for sale {sale} was out "
                     "and got no answer (from {start} to {until}): most likely sale {sale} used it, but another "
                     "till using it at that moment would look the same. Check in Engage that only sale {sale} used "
                     "it, then resolve this entry; if another sale used it too, sale {sale} gave its discount twice",
                     offer=offer, sale=sale, when=found.redeemed_on.isoformat() if found.redeemed_on else "?",
                     start=_clock_words(periods[0][0] if periods else None),
                     until=_clock_words(periods[-1][1] if periods else None)),
            status=409, code=RedeemedWhileAnswerLost.code)
    raise RedeemedElsewhere(
        texts.tr("Engage shows {offer} redeemed at {when}, outside this till's attempts for sale {sale} (from "
                 "{start} to {until}): another sale used it, and sale {sale} gave its discount too",
                 offer=offer, sale=sale,
                 when=found.redeemed_on.isoformat() if found.redeemed_on else texts.tr("an unknown time"),
                 start=_clock_words(periods[0][0] if periods else None),
                 until=_clock_words(periods[-1][1] if periods else None)),
        status=409, code=RedeemedElsewhere.code)


def _clock_words(value: Any) -> str:
    stamp = _timestamp(value)
    if stamp is None:
        return "?"
    return datetime.fromtimestamp(stamp, UTC).astimezone().isoformat(timespec="milliseconds")


async def _existing(client: EngageClient, body: dict[str, Any]) -> Contact | None:
    try:
        return await registrations.find_existing(client, body)
    except registrations.SeveralContactsMatch as problem:
        key = "mobile number" if problem.field == "mobile_phone" else "email address"
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


# ---------------------------------------------------------------------- returns: what a full return gives back

GIVE_BACKS = frozenset({EntryKind.REACTIVATE_VOUCHER, EntryKind.REINSTATE_PROMOTION})
# Engage's answer to reactivating a voucher that is not redeemed: ASSUMPTION (not documented; the simulator's).
NOT_REDEEMED = "RewardVoucherNotRedeemed"


async def give_back(client: EngageClient, entry: JournalEntry, dependency: JournalEntry | None) -> dict:
    """Reactivate the voucher, or assign the promotion again, of a sale returned in full. Only what this till's
    sale really redeemed is given back: when the sale's redemption (the dependency) ended otherwise (Engage
    refused it: another sale used the offer), there is nothing of ours to give back."""
    payload = entry.payload or {}
    if dependency is not None and dependency.kind in REDEMPTIONS and dependency.status is not EntryStatus.DELIVERED:
        raise CannotDeliver(texts.tr("The original sale's redemption (entry {entry}) is {status}, not delivered: "
                                     "Engage never took the offer for that sale, so there is nothing to give back. "
                                     "Resolve this entry", entry=dependency.id, status=dependency.status.value))
    if entry.kind is EntryKind.REACTIVATE_VOUCHER:
        try:
            await client.reactivate_reward_voucher(payload["voucherId"])
        except EngageConflict as refused:
            if refused.code == NOT_REDEEMED:  # already active again (a person in Engage did it): what we want
                return {"alreadyActive": True}
            raise type(refused)(texts.tr("Engage would not give back voucher {id} for the return of sale {sale} "
                                         "({reason}): the customer did not get it back; the store decides",
                                         id=payload["voucherId"], sale=payload.get("originalId") or "?",
                                         reason=refused.describe()),
                                status=refused.status, code=refused.code) from refused
        return {"reactivated": True}
    contact_id = _contact_id(entry, None)
    await client.assign_promotion(contact_id, payload["promotionId"])
    return {"assigned": True}


async def check_given_back(client: EngageClient, entry: JournalEntry) -> Any:
    """Before sending again a give-back whose answer was lost. A voucher: active again means done; redeemed with
    the use the return saw means not done; redeemed by a later use means our reactivation took effect and the
    customer used it again (done: sending again would give it back twice). A promotion: an assignment of its
    template the contact did not hold at the return is ours."""
    payload = entry.payload or {}
    contact_id = payload.get("contactId")
    if not contact_id:
        raise OutcomeUnknown(texts.tr("This give-back may have reached Engage, and the customer it belongs to is "
                                      "not known to check: look in Engage, then resolve or retry it"))
    if entry.kind is EntryKind.REINSTATE_PROMOTION:
        known = set(payload.get("knownAssignments") or []) | {payload.get("assignmentId")}
        if payload.get("knownAssignments") is None:
            raise OutcomeUnknown(texts.tr("This promotion may have been given back already, and the till did not "
                                          "know the customer's promotions at the return to tell: look in Engage"))
        promotions = await client.list_promotions(contact_id)
        new = [p.id for p in promotions if p.promotion_id == payload["promotionId"] and p.id not in known]
        return {"assigned": True, "assignmentId": new[0], "checked": True} if new else NOT_DONE
    page = await client.list_reward_vouchers(contact_id, available_only=False)
    voucher = next((v for v in page.items if v.id == payload["voucherId"]), None)
    if voucher is None:
        raise OutcomeUnknown(texts.tr("Engage no longer lists voucher {id} for this customer: look in Engage, "
                                      "then resolve or retry", id=payload["voucherId"]))
    if not voucher.redeemed:
        return {"reactivated": True, "checked": True}
    seen = payload.get("redeemedOn")
    if seen is None:
        raise OutcomeUnknown(texts.tr("Voucher {id} is redeemed, and the till did not see its use at the return "
                                      "to tell it from a later one: look in Engage, then resolve or retry",
                                      id=payload["voucherId"]))
    then = _parsed_time(seen)
    if voucher.redeemed_on is not None and then is not None and voucher.redeemed_on == then:
        return NOT_DONE
    return {"reactivated": True, "usedAgain": True, "checked": True}


def _parsed_time(value: Any) -> datetime | None:
    try:
        return datetime.fromisoformat(str(value))
    except ValueError:
        return None
