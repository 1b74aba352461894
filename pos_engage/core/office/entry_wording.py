"""How the manager's queue words a journal entry (design.md §1): what happened and what to do, in plain words, with
personal data masked: the customer, the amount, why it waits or was refused, Engage's own message.

Read-only, for every door that shows the queue (the queue view, the window's journal message, the command line);
kept apart from queue.py, whose ManagerActions change things.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pos_engage.core import texts
from pos_engage.core.journal.entry import EntryKind, EntryStatus, JournalEntry
from pos_engage.core.office.entry_description import short_key, who_and_where, who_at_a_glance


@dataclass(frozen=True)
class EntryView:
    """One row of the queue as a manager reads it."""

    id: int
    kind: str
    customer: str
    amount: str
    status: str
    attempts: int
    next_attempt_at: float | None
    created_at: float
    explanation: str
    rung_up: str   # who rang it up and where, short ("Anna Berg · window"; "unknown": not recorded): who_at_a_glance
    rung_up_in_full: str = ""   # the same in a sentence, staff number and all (who_and_where; "" when it says none)
    amount_value: float | None = None   # the amount as a number, for sorting by it (amount_value); None: no amount


# The statuses in the order a manager deals with them (the queue sorted by status): what needs a person first, then
# what is still on its way, then what is done with.
STATUS_ORDER = (EntryStatus.NEEDS_ATTENTION, EntryStatus.CONFLICT, EntryStatus.WAITING_RETRY, EntryStatus.PENDING,
                EntryStatus.IN_FLIGHT, EntryStatus.DELIVERED, EntryStatus.EXPORTED, EntryStatus.RESOLVED)


# A receipt booked to the store's catch-all contact (config: till.anonymous_contact, the externalId a sale without a
# customer is sent to): a walk-in, said so; its masked id ("****-in") read as some customer's.
WALK_IN = texts.tr("Walk-in customer")
NO_CUSTOMER = texts.tr("no customer")


def customer_of(entry: JournalEntry, *, walk_in: str = "") -> str | texts.Text:
    """Whose entry it is, masked; ``walk_in``: the configured catch-all contact's externalId (till.anonymous_contact,
    "" when none), whose receipts are a walk-in customer's. A receipt naming no contact says so."""
    payload = entry.payload or {}
    if entry.kind is EntryKind.RECEIPT:
        contact = (payload.get("receipt") or {}).get("contact") or {}
        key = str(contact.get("matchKey") or "")
        if walk_in and key == walk_in:
            return WALK_IN
        return short_key(key) if key else NO_CUSTOMER
    if entry.kind is EntryKind.REGISTER_CONTACT:
        contact = payload.get("contact") or {}
        return short_key(str(contact.get("email") or contact.get("mobilePhone") or ""))
    if entry.kind in (EntryKind.ORDER_COMMUNICATION, EntryKind.ORDER_CREATE, EntryKind.ORDER_UPDATE):
        contact = (payload.get("order") or {}).get("contact") or {}
        return short_key(str(contact.get("matchKey", "")))
    if entry.kind is EntryKind.MARKETING_ORDER:
        order = payload.get("order") or {}
        return short_key(str(order.get("email") or order.get("phone") or ""))
    if entry.kind is EntryKind.ORDER_ACTION:
        return texts.tr("order {order}", order=payload.get("orderId", ""))
    return short_key(str(payload.get("contactId", "")))


def _total(entry: JournalEntry) -> tuple[float | None, str]:
    """The entry's total and its currency, as its payload holds them (None: it has no amount)."""
    payload = entry.payload or {}
    body = payload.get("receipt") or payload.get("order") or {}
    total = body.get("totalGrossPrice", body.get("totalCost", (body.get("lineItems") or {}).get("subTotal")))
    currency = body.get("currency") or body.get("currencyCode") or ""
    return (total if isinstance(total, (int, float)) and not isinstance(total, bool) else None), currency


def amount_of(entry: JournalEntry) -> str:
    total, currency = _total(entry)
    return f"{total:.2f} {currency}".strip() if total is not None else ""


def amount_value(entry: JournalEntry) -> float | None:
    """The amount as a number: the queue sorts by it ("1 200,00" after "900,00", whatever the language writes)."""
    return _total(entry)[0]


_FIELD_WORDS = {"email": texts.tr("the email address"), "mobilePhone": texts.tr("the mobile number"),
                "mobile_phone": texts.tr("the mobile number"), "first_name": texts.tr("the first name"),
                "firstName": texts.tr("the first name"), "totalGrossPrice": texts.tr("the total")}


# The codes the till itself gives an entry it cannot send (core/journal: delivery.CannotDeliver and its kinds, an
# unreadable payload; the marketing sink's): their stored text is the till's own English, never Engage's message.
_OWN_CODES = ("NotSendable", "UnreadableEntry", "OrderJobFailed", "OrderActionDiscarded")
# What the replayer adds to Engage's message (replayer._after_failure): said in the manager's words instead.
_OUTCOME_UNKNOWN = " (an earlier attempt's outcome is unknown)"
# EngageError.describe(): "<HTTP status>: <Engage's code>: <Engage's message>" when Engage answered; a stored text
# without a status is the till's own (no connection, a timeout).
_ENGAGE_ANSWERED = re.compile(r"(?P<status>\d{3}): ")
_ORDER_JOB = re.compile(r"Engage could not process the order change \(job [^)]*\): (?P<engage>.*)", re.S)
_MARKETING_REFUSED = "the marketing platform refused this order: "


def _status_of(error: str) -> int | None:
    """The HTTP status Engage answered with, as EngageError.describe() stores it first; None: Engage did not answer."""
    answered = _ENGAGE_ANSWERED.match(error)
    return int(answered["status"]) if answered else None


def engage_message(code: str | None, error: str | None, *, marketing: bool = False) -> str:
    """The words of Engage (or, ``marketing``, of the marketing platform) in a stored error (an entry's last_error
    or an attempt's), as stored; "" when the text is the till's own (in English: the details explain it instead, in
    the manager's language)."""
    code, error = code or "", error or ""
    if marketing:
        return error.removeprefix(_MARKETING_REFUSED) if code == "Refused" else ""
    if code == "OrderJobFailed":
        job = _ORDER_JOB.fullmatch(error)
        return job["engage"] if job else ""
    if code in _OWN_CODES:
        return ""
    error = error.removesuffix(_OUTCOME_UNKNOWN)
    return error if _ENGAGE_ANSWERED.match(error) else ""


# The kinds whose delivery gives something back (core/journal/give_backs.GIVE_BACKS) and the redemptions they follow.
_GIVE_BACKS = (EntryKind.REACTIVATE_VOUCHER, EntryKind.REINSTATE_PROMOTION)
_REDEMPTIONS = (EntryKind.REDEEM_PROMOTION, EntryKind.REDEEM_VOUCHER)
_CONTACT_CHANGES = (EntryKind.UPDATE_CONTACT, EntryKind.UPGRADE_CONTACT)
_ORDER_MESSAGES = (EntryKind.ORDER_ACTION, EntryKind.ORDER_COMMUNICATION)


def _own_reason(entry: JournalEntry, dependency: JournalEntry | None) -> texts.Text:
    """Why the till could not send the entry, in the manager's words (the stored English stays in the record).

    Told by what the journal stores with the entry, never by its stored text (a rewording in core/journal, or a
    text in another language, gave the catch-all): its code, and for core/journal's one code "NotSendable"
    (delivery.CannotDeliver, whichever the reason) what makes each reason so: no content left, the entry it depends
    on not sent, the kind whose delivery refuses that way. Each is the only NotSendable of its kind and state in
    core/journal (dispatch, delivery, give_backs): a registration is refused so only when several customers share
    its key; a contact change only when its registration gave no contact id; an order message when the order change
    it follows is not confirmed, otherwise when the till cannot tell whether it was sent (dispatch.check_done)."""
    code = entry.last_error_code or ""
    if code == "UnreadableEntry":
        return texts.tr("This entry cannot be read, so it cannot be sent. Call IT; once they have looked at it, "
                        "resolve it.")
    if code == "OrderJobFailed":
        return texts.tr("Engage could not process this order change. Correct the order and retry, or resolve it.")
    if code == "OrderActionDiscarded":
        return texts.tr("Engage stored the order but not its message: the customer got no email. Fix the order's "
                        "contact, then retry.")
    kind, sent = entry.kind, (EntryStatus.DELIVERED, EntryStatus.EXPORTED)
    if not entry.payload or entry.pruned_at:
        return texts.tr("This entry's content has been cleared, so it cannot be sent: resolve it.")
    if (kind in _GIVE_BACKS and dependency is not None and dependency.kind in _REDEMPTIONS
            and dependency.status is not EntryStatus.DELIVERED):
        # core/journal/give_backs.py words it so: the same template, so the same translation.
        return texts.tr("The original sale's redemption (entry {entry}) is {status}, not delivered: Engage never "
                        "took the offer for that sale, so there is nothing to give back. Resolve this entry",
                        entry=dependency.id, status=dependency.status.value)
    if kind is EntryKind.REGISTER_CONTACT:
        return texts.tr("Several customers in Engage share this registration's email, mobile number or personal "
                        "number, so it was not sent. Merge them in Engage, or correct the registration, then retry "
                        "it.")
    if kind in _CONTACT_CHANGES and entry.depends_on is not None:
        return texts.tr("The customer's registration (entry {entry}) was not sent by the API: correct and retry "
                        "that registration, or resolve this entry.", entry=entry.depends_on)
    if kind is EntryKind.ORDER_ACTION and dependency is not None and (
            dependency.status not in sent
            or (dependency.status is EntryStatus.DELIVERED and not (dependency.result or {}).get("versionTag"))):
        return texts.tr("This is the message for an order change (entry {entry}) that Engage has not confirmed: "
                        "retry or resolve that change first.", entry=dependency.id)
    if kind in _ORDER_MESSAGES:
        return texts.tr("The till stopped or lost the connection while sending this order message, and Engage "
                        "cannot tell whether the customer got it. Check with the customer, then resolve it (if "
                        "sent) or retry it.")
    return texts.tr("The till cannot send this {kind} as it stands. Check it, then retry or resolve it; IT can "
                    "read why in its raw data.", kind=entry.label)


def explain(entry: JournalEntry, dependency: JournalEntry | None = None) -> texts.Text:
    """What happened and what to do, in the words a store manager uses. Engage's own message is not part of it:
    a door shows it after, as Engage's (engage_message); the till's own stored reasons are said here instead."""
    status, code, error = entry.status, entry.last_error_code or "", entry.last_error or ""
    if entry.kind is EntryKind.MARKETING_ORDER:
        return _explain_marketing(status)
    if status is EntryStatus.DELIVERED:
        return texts.tr("Sent to Engage.")
    if status is EntryStatus.EXPORTED:
        return texts.tr("Sent by file ({file}); it will not be sent again.", file=entry.export_file)
    if status is EntryStatus.RESOLVED:
        return texts.tr("Closed without being sent; who and why are in the audit trail.")
    if status is EntryStatus.IN_FLIGHT:
        return texts.tr("Being sent right now.")
    if dependency is not None and dependency.status in (EntryStatus.NEEDS_ATTENTION, EntryStatus.CONFLICT):
        return texts.tr("Waits for entry {entry} ({kind}), which needs attention: fix that one first.",
                        entry=dependency.id, kind=dependency.label)
    if status is EntryStatus.CONFLICT:
        if "Redeemed" in code or "Expired" in code:
            return texts.tr("Engage says this promotion or voucher was already used or has expired. Check the "
                            "receipt; if the customer should not have had it, settle it in the store, then resolve "
                            "this entry.")
        return texts.tr("Engage disagrees with this change ({code}). Check it, then retry or resolve it.", code=code)
    if status is EntryStatus.NEEDS_ATTENTION:
        if code in _OWN_CODES:
            return _own_reason(entry, dependency)
        if error.endswith(_OUTCOME_UNKNOWN):
            return texts.tr("Engage refused this {kind}, and whether an earlier attempt reached Engage is not "
                            "known. Check it in Engage, then retry or resolve it.", kind=entry.label)
        return _refused(entry, error)
    if status is EntryStatus.WAITING_RETRY:
        if code in ("Unauthorized", "Forbidden", "EngageAuthError") or _status_of(error) in (401, 403):
            return texts.tr("Engage refused this till (its API key or its address): call IT. Everything is kept "
                            "and will be sent once that is fixed.")
        return texts.tr("Engage did not answer; it will be tried again by itself.")
    return texts.tr("Waiting to be sent.")


def _refused(entry: JournalEntry, error: str) -> texts.Text:
    """Engage refused the entry as it stands: say what the queue lets the manager do about it. Only a registration
    can be corrected here (ManagerActions.correct); a receipt or any other entry is sent as the till wrote it, so
    its cause is put right where Engage's reason points (Engage's settings, the till's configuration: IT) before a
    retry, or the entry is resolved with the reason (a refused entry is never exported: Engage would refuse the
    same file)."""
    what = next((words for field, words in _FIELD_WORDS.items() if field in error), None)
    if entry.kind is EntryKind.REGISTER_CONTACT:
        if what is not None:
            return texts.tr("Engage rejected {what}: correct it and retry.", what=what)
        return texts.tr("Engage refused this {kind}. Correct it and retry, or resolve it.", kind=entry.label)
    if what is not None:
        return texts.tr("Engage rejected {what} in this {kind}. Only a registration can be corrected here: retry "
                        "this once the cause Engage gives is put right (in Engage, or by IT), or resolve it with the "
                        "reason.", what=what, kind=entry.label)
    return texts.tr("Engage refused this {kind}. Only a registration can be corrected here: retry this once the "
                    "cause Engage gives is put right (in Engage, or by IT), or resolve it with the reason.",
                    kind=entry.label)


def _explain_marketing(status: EntryStatus) -> texts.Text:
    """The second orders platform's entries: the same states, its own name (its message is shown after, as its)."""
    if status is EntryStatus.DELIVERED:
        return texts.tr("Sent to the marketing platform.")
    if status is EntryStatus.NEEDS_ATTENTION:
        return texts.tr("The marketing platform cannot take this order. Correct it and retry, or resolve it.")
    if status is EntryStatus.WAITING_RETRY:
        return texts.tr("The marketing platform did not take it yet; it will be tried again by itself.")
    if status is EntryStatus.RESOLVED:
        return texts.tr("Closed without being sent; who and why are in the audit trail.")
    return texts.tr("Waiting to be sent to the marketing platform.")


def view_of(entry: JournalEntry, dependency: JournalEntry | None = None, *, walk_in: str = "") -> EntryView:
    """The entry's row; ``walk_in``: the configured catch-all contact (customer_of)."""
    return EntryView(entry.id, entry.label, customer_of(entry, walk_in=walk_in), amount_of(entry),
                     entry.status.value, entry.attempts,
                     entry.next_attempt_at if entry.status is EntryStatus.WAITING_RETRY else None, entry.created_at,
                     explain(entry, dependency), who_at_a_glance(entry.rung_by, entry.origin),
                     who_and_where(entry) or "", amount_value(entry))
