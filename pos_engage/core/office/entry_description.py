"""What a queue entry is and where it came from, in a store manager's words, read from what the journal holds.

The queue's row says "receipt" or "promotion redemption"; the manager needs "Receipt 2003 — 874.29 SEK, Card — from
the POS (sale pos-2003)" to find the slip, and "Offer '50 kr off' for receipt 2003" to know which redemption waits.
Everything here is read from the entry (its payload, kind, sale id, and who rang it up and where it came from, as
recorded with it: entry.Source) and, for a redemption, from its sale's receipt in the same journal. Where a recorded
entry came from is said once, in who_and_where's line ("Rung up by Anna Berg (1001), in this till's window"): its
description then says only what finds the sale (the POS's sale id when it is not the receipt's number), since the
details showed "— rung up in this till's window" and "..., in this till's window" one under the other. Only an
entry journaled before the till recorded its origin (migration 0010_who_rang_up) has its origin read from its
receipt id (the window's own numbers end in <time>-<hex>), in the description; who rang it up is then unknown, and
said so. A shared till (nobody signs in: the till itself is recorded, "till 3") is said as such, not as a person.
The audit trail is told in the same words ("no manager action yet" rather than a dash), so "who did what" reads as
a sentence.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from pos_engage.core import texts
from pos_engage.core.domain.checks import mask
from pos_engage.core.journal.entry import EntryKind, JournalEntry, Origin
from pos_engage.core.journal.payloads import receipt_key
from pos_engage.core.journal.store import Journal
from pos_engage.core.office.audit_reasons import reason_words
from pos_engage.core.till.payment_methods import METHOD_WORDS

__all__ = ["NO_MANAGER_ACTION", "Origin", "audit_lines", "describe", "receipt_number", "sale_number", "short_key",
           "who_and_where", "who_at_a_glance", "who_short"]

# Only for an entry journaled before its origin was recorded: the window's own receipts (a sale rung up in its
# basket, a return) are numbered store-till-<time>-<6 hex> (core/till/basket.py, returns.py); a POS link sale is
# store-till-<the POS's sale id>.
_WINDOW_SALE = re.compile(r"\d{14}-[0-9a-f]{6}")

# Stars past a personal number's (ten) tell nothing: a contact id's 32 only pushed the rest out of sight.
_LONG_STARS = re.compile(r"\*{11,}")

NO_MANAGER_ACTION = texts.tr("No manager action yet")

# The audit's action names (core/journal and core/office/people write them) as a manager says them.
_ACTION_WORDS = {"retry": texts.tr("sent again"), "resolve": texts.tr("closed without sending"),
                 "correct": texts.tr("corrected"), "reveal": texts.tr("personal data shown"),
                 "export": texts.tr("exported to a file")}


# Where a sale was rung up, as recorded (entry.Origin): the end of "Rung up by Anna Berg (1001), ...".
_WHERE = {Origin.WINDOW: texts.tr("in this till's window"),
          Origin.INBOX_BASKET: texts.tr("in this till's window, from a basket file the POS left"),
          Origin.RECEIPT_FILE: texts.tr("in this till's window, from a receipt file the POS left"),
          Origin.POS_LINK: texts.tr("at the POS, through the POS link"),
          Origin.POS_HTTP: texts.tr("at the POS, through the POS link (HTTP)"),
          Origin.POS_FOLDER: texts.tr("at the POS, through the POS link's folders"),
          Origin.COMMAND_LINE: texts.tr("at the command line (receipt submit)")}
# The same in a word or two, for the journal's list at the command line.
_WHERE_SHORT = {Origin.WINDOW: texts.tr("window"), Origin.INBOX_BASKET: texts.tr("basket file"),
                Origin.RECEIPT_FILE: texts.tr("receipt file"), Origin.POS_LINK: texts.tr("POS link"),
                Origin.POS_HTTP: texts.tr("POS link (HTTP)"), Origin.POS_FOLDER: texts.tr("POS link (folders)"),
                Origin.COMMAND_LINE: texts.tr("command line")}
# For the queue's list: which door, not how the POS link was reached (HTTP or folders: the cell's tooltip and the
# details say it); at 1024 px "Omar Said (2002) · POS link (HTTP)" showed only the name.
_WHERE_AT_A_GLANCE = _WHERE_SHORT | {Origin.POS_HTTP: _WHERE_SHORT[Origin.POS_LINK],
                                     Origin.POS_FOLDER: _WHERE_SHORT[Origin.POS_LINK]}
_POS_ORIGINS = (Origin.POS_LINK, Origin.POS_HTTP, Origin.POS_FOLDER)
# Who is recorded: a person as the audit names one, "Anna Berg (1001)" (people.Person.actor: a staff number is
# [A-Za-z0-9._-]{1,20}), or a shared till as "till 3" (people.shared_till).
_STAFF_NUMBER = re.compile(r" \([A-Za-z0-9._-]{1,20}\)$")
_SHARED_TILL = re.compile(r"till (\S+)")
# What a sale's entries say when they were journaled before who and where was recorded.
NOT_RECORDED = texts.tr("Who rang it up and where is not recorded (journaled before this version)")
UNKNOWN = texts.tr("unknown")
_SALE_KINDS = (EntryKind.RECEIPT, EntryKind.REDEEM_PROMOTION, EntryKind.REDEEM_VOUCHER)
# A sale's entries and a return's (a receipt; the offers a return in full gives back) are rung up; the rest are not.
_RUNG_UP_KINDS = (*_SALE_KINDS, EntryKind.REACTIVATE_VOUCHER, EntryKind.REINSTATE_PROMOTION)


def who_and_where(entry: JournalEntry) -> texts.Text | None:
    """Who made the entry and where, in a sentence worded for its kind ("Rung up by Anna Berg (1001), in this till's
    window" for a sale or a return, "Registered by ..." for a registration, "Changed by ..." for a contact's update
    or upgrade, "Made by ..." for an order); for a sale's entry journaled before that was recorded, that it is not;
    None for another entry that does not say."""
    if entry.origin is None:
        return NOT_RECORDED if entry.kind in _SALE_KINDS else None
    where = _WHERE[entry.origin]
    if entry.origin is Origin.COMMAND_LINE and not entry.rung_by:   # no till, so nobody at one: no person
        return texts.tr("Submitted at the command line (receipt submit); no person is recorded")
    shared = _SHARED_TILL.fullmatch(entry.rung_by or "")
    if shared:   # "Rung up by till 1, in this till's window" read as if the till were a person
        return _at_a_shared_till(entry.kind, where, shared.group(1))
    if entry.kind in _RUNG_UP_KINDS:
        return (texts.tr("Rung up by {who}, {where}", who=entry.rung_by, where=where) if entry.rung_by
                else texts.tr("Rung up {where}; nobody was signed in at the till", where=where))
    if entry.kind is EntryKind.REGISTER_CONTACT:
        return (texts.tr("Registered by {who}, {where}", who=entry.rung_by, where=where) if entry.rung_by
                else texts.tr("Registered {where}; nobody was signed in at the till", where=where))
    if entry.kind in (EntryKind.UPDATE_CONTACT, EntryKind.UPGRADE_CONTACT):
        return (texts.tr("Changed by {who}, {where}", who=entry.rung_by, where=where) if entry.rung_by
                else texts.tr("Changed {where}; nobody was signed in at the till", where=where))
    return (texts.tr("Made by {who}, {where}", who=entry.rung_by, where=where) if entry.rung_by
            else texts.tr("Made {where}; nobody was signed in at the till", where=where))


def _at_a_shared_till(kind: EntryKind, where: texts.Text, till: str) -> texts.Text:
    if kind in _RUNG_UP_KINDS:
        return texts.tr("Rung up {where}; till {till} is shared, nobody signs in", where=where, till=till)
    if kind is EntryKind.REGISTER_CONTACT:
        return texts.tr("Registered {where}; till {till} is shared, nobody signs in", where=where, till=till)
    if kind in (EntryKind.UPDATE_CONTACT, EntryKind.UPGRADE_CONTACT):
        return texts.tr("Changed {where}; till {till} is shared, nobody signs in", where=where, till=till)
    return texts.tr("Made {where}; till {till} is shared, nobody signs in", where=where, till=till)


def who_short(rung_by: str | None, origin: Origin | None) -> texts.Text:
    """The same for the journal's list at the command line: "Anna Berg (1001) · window", "nobody signed in · POS link
    (HTTP)", or "unknown" for an entry that does not say (journaled before it was recorded)."""
    if origin is None:
        return UNKNOWN
    return texts.tr("{who} · {where}", who=rung_by or texts.tr("nobody signed in"), where=_WHERE_SHORT[origin])


def who_at_a_glance(rung_by: str | None, origin: Origin | None) -> texts.Text:
    """The same in as few words as tell the queue's rows apart: "Anna Berg · window", "nobody signed in · POS link",
    "till 3 · window" (a shared till), or "unknown". The staff number, how the POS link was reached and that a till
    is shared are left to the cell's tooltip and the details (who_and_where)."""
    if origin is None:
        return UNKNOWN
    shared = _SHARED_TILL.fullmatch(rung_by or "")
    who = (texts.tr("till {till}", till=shared.group(1)) if shared
           else _STAFF_NUMBER.sub("", rung_by) if rung_by else texts.tr("nobody signed in"))
    return texts.tr("{who} · {where}", who=who, where=_WHERE_AT_A_GLANCE[origin])


def short_key(value: str) -> str:
    """A customer's key masked as everywhere else (checks.mask), but short: a long key (a contact id, a long card
    number) keeps three stars and its last four characters, readable in a narrow column."""
    return _LONG_STARS.sub("***", mask(value))


def describe(entry: JournalEntry, journal: Journal | None = None, *, till: str | None = None) -> texts.Text | None:
    """What the entry is, in one line; None for a kind with nothing more to say than its label. ``journal``: where
    a redemption's receipt is looked up (its number and the offer's name). ``till``: this till's id, which a POS
    sale's receipt id holds before the POS's sale id (an id may hold '-', so it is not found by splitting)."""
    payload = entry.payload or {}
    if entry.kind is EntryKind.RECEIPT:
        body = payload.get("receipt") or {}
        return _receipt(body, entry.sale_id, _origin(body, till, entry.origin, said_by_who=entry.origin is not None))
    if entry.kind in (EntryKind.REDEEM_PROMOTION, EntryKind.REDEEM_VOUCHER):
        return _redemption(entry, payload, journal, till)
    # An order by the id the till's Orders window shows it under ("1-1-20261128025833-08fc"): the queue's row said
    # only "order", so the manager could not tell which of a customer's orders waits.
    if entry.kind in (EntryKind.ORDER_CREATE, EntryKind.ORDER_UPDATE):
        order = str((payload.get("order") or {}).get("orderId") or "")
        return texts.tr("Order {order}", order=order) if order else None
    if entry.kind is EntryKind.ORDER_ACTION and payload.get("orderId"):
        return texts.tr("Message for order {order}", order=str(payload["orderId"]))
    return None


def receipt_number(body: Mapping[str, Any], sale_id: str | None = None) -> str:
    """The number a sale goes by wherever it is named, "Receipt <this>": the receipt's own number (receiptNumber,
    the slip's), else its receipt id, else the sale id it was journaled under. The queue's details say it, and the
    till's window says it of the sale just rung up (sale_number), so that the cashier and the manager name one sale
    alike (the window said "Sale 1-1-20261128023302-29d3a9" and the queue "Receipt 20261128023302-29d3a9")."""
    return str(body.get("receiptNumber") or body.get("uniqueReceiptId") or sale_id or "")


def sale_number(journal: Journal, receipt_id: str, *, store: str, till: str) -> str:
    """The number the sale with this receipt id goes by (receipt_number), read from its receipt as journaled. A sale
    nothing was journaled of (no customer and no catch-all contact: it is counted, never sent) has its receipt id
    less this store's and till's prefix, the number the till gives a receipt it makes (store-till-<number>)."""
    entry = journal.by_key(receipt_key(receipt_id))
    body = ((entry.payload or {}).get("receipt") or {}) if entry is not None else {}
    if body:
        return receipt_number(body, receipt_id)
    return receipt_id.removeprefix(f"{store}-{till}-")


def _receipt(body: Mapping[str, Any], sale_id: str | None, origin: texts.Text | None) -> texts.Text:
    number = receipt_number(body, sale_id)
    total = body.get("totalGrossPrice")
    amount = texts.Amount(total, body.get("currency") or "") if isinstance(total, (int, float)) else "?"
    methods = [str(p.get("type")) for p in body.get("paymentMethods") or [] if p.get("type")]
    payment = texts.Listing(METHOD_WORDS.get(m, m) for m in methods) if methods else texts.tr("no payment")
    original = _extra(body, "originalReceiptNumber")
    if original and origin:
        return texts.tr("Return {number} of receipt {original} — {amount}, {payment} — {origin}", number=number,
                        original=original, amount=amount, payment=payment, origin=origin)
    if original:
        return texts.tr("Return {number} of receipt {original} — {amount}, {payment}", number=number,
                        original=original, amount=amount, payment=payment)
    if origin:
        return texts.tr("Receipt {number} — {amount}, {payment} — {origin}", number=number, amount=amount,
                        payment=payment, origin=origin)
    return texts.tr("Receipt {number} — {amount}, {payment}", number=number, amount=amount, payment=payment)


def _origin(body: Mapping[str, Any], till: str | None, recorded: Origin | None, *,
            said_by_who: bool) -> texts.Text | None:
    """Where the receipt was made: this till's window, or the POS (through the POS link, or a receipt file), as
    recorded with it; read from its id only when it was journaled before that (``recorded`` None). When the entry's
    who line says where (``said_by_who``), only what finds the sale besides its number, or None."""
    unique_id = str(body.get("uniqueReceiptId") or "")
    if said_by_who:
        if recorded in _POS_ORIGINS:
            sale = _pos_sale(body, till, unique_id)
            if sale:
                return texts.tr("sale {sale}", sale=sale) if sale != receipt_number(body) else None
        if recorded in (*_POS_ORIGINS, Origin.COMMAND_LINE) and unique_id and unique_id != receipt_number(body):
            return texts.tr("receipt id {id}", id=unique_id)
        return None
    if recorded is Origin.WINDOW:
        return texts.tr("rung up in this till's window")
    if recorded in (Origin.INBOX_BASKET, Origin.RECEIPT_FILE):
        return texts.tr("from a file the POS left, finished in this till's window")
    if recorded is Origin.COMMAND_LINE:
        return texts.tr("submitted at the command line (receipt id {id})", id=unique_id or "?")
    sale = _pos_sale(body, till, unique_id)
    if recorded is None and _WINDOW_SALE.fullmatch(sale):
        return texts.tr("rung up in this till's window")
    if sale:
        return texts.tr("from the POS (sale {sale})", sale=sale)
    return texts.tr("from the POS (receipt id {id})", id=unique_id or "?")


def _pos_sale(body: Mapping[str, Any], till: str | None, unique_id: str) -> str:
    """The POS's sale id in a POS link receipt's id (store-till-posSaleId), or ""."""
    store = str(body.get("storeExternalId") or "")
    own = unique_id.removeprefix(f"{store}-") if store and unique_id.startswith(f"{store}-") else ""
    # What follows the till's id: split at the till's id when it is given, since an id such as "till-a" holds a '-'
    # of its own (split at the first '-', "1-till-a-pos-2003" was sale "a-pos-2003"); without it, the window's own
    # numbers are still told by their <time>-<hex> ending.
    if till:
        sale = own.removeprefix(f"{till}-") if own.startswith(f"{till}-") else ""
    else:
        ending = re.search(r"-(\d{14}-[0-9a-f]{6})$", own)
        sale = ending.group(1) if ending else own.partition("-")[2]
    return sale


def _extra(body: Mapping[str, Any], name: str) -> str:
    return next((str(x.get("value")) for x in body.get("extraData") or [] if x.get("name") == name), "")


def _redemption(entry: JournalEntry, payload: Mapping[str, Any], journal: Journal | None,
                till: str | None) -> texts.Text:
    sale_id = str(payload.get("saleId") or entry.sale_id or "")
    receipt_entry = journal.by_key(receipt_key(sale_id)) if journal is not None and sale_id else None
    body = ((receipt_entry.payload or {}).get("receipt") or {}) if receipt_entry is not None else {}
    voucher = entry.kind is EntryKind.REDEEM_VOUCHER
    name = _offer_name(body, "voucher" if voucher else "promotion")
    # Where is said by the redemption's own who line when it was recorded (the sale's, as its receipt's); an
    # older redemption is told by its receipt's origin, or by its receipt's id.
    recorded = entry.origin if entry.origin is not None else receipt_entry.origin if receipt_entry else None
    origin = _origin(body, till, recorded, said_by_who=entry.origin is not None) if body else None
    if body and origin:
        where = texts.tr("for receipt {number}, {origin}", number=receipt_number(body, sale_id),
                         origin=origin)
    elif body:
        where = texts.tr("for receipt {number}", number=receipt_number(body, sale_id))
    elif sale_id:
        where = texts.tr("for sale {sale} (its receipt is not in this journal)", sale=sale_id)
    else:
        where = texts.tr("not tied to a sale")
    if voucher:
        return (texts.tr("Voucher '{name}' {where}", name=name, where=where) if name
                else texts.tr("Voucher {where}", where=where))
    return (texts.tr("Offer '{name}' {where}", name=name, where=where) if name
            else texts.tr("Offer {where}", where=where))


def _offer_name(body: Mapping[str, Any], kind: str) -> str:
    """The offer's name as printed on the receipt's lines, when the receipt used exactly one offer of this kind
    (its discounts carry the name, not the offer's id: with two offers, which is which is not written down)."""
    used = body.get("usedPromotions" if kind == "promotion" else "usedBonusChecks") or []
    names = {str(d.get("description")) for item in body.get("items") or [] for d in item.get("discounts") or []
             if d.get("type") == kind and d.get("description")}
    return names.pop() if len(used) == 1 and len(names) == 1 else ""


def audit_lines(rows: list[dict[str, Any]]) -> list[texts.Text]:
    """Who did what to the entry (the journal's audit rows), or that no manager has acted on it yet."""
    if not rows:
        return [NO_MANAGER_ACTION]
    lines = []
    for row in rows:
        when = f"{datetime.fromtimestamp(row['at']):%Y-%m-%d %H:%M}"
        what = _ACTION_WORDS.get(row["action"], row["action"])
        who = actor_words(row["actor"])
        why = reason_words(row)   # the till's own reasons in the reader's language, a person's as typed
        lines.append(texts.tr("{when}  {what} by {who}: {why}", when=when, what=what, who=who, why=why) if why else
                     texts.tr("{when}  {what} by {who}", when=when, what=what, who=who))
    return lines


# How core/office/people records who approved without a person's code (English, in the audit rows, which are never
# rewritten): said in the till's language where the audit is read ("… av IT: Erik Ek, without a PIN" in Swedish).
_IT_ACTOR = re.compile(r"IT: (?P<name>.+), without a PIN")
_SINGLE_PIN_ACTOR = "manager (the till's PIN)"


def actor_words(actor: str) -> str | texts.Text:
    """An audit row's actor as the manager reads it: a person's name and number as recorded, IT without a code and
    the till's single manager PIN in the till's language."""
    it = _IT_ACTOR.fullmatch(actor or "")
    if it:
        return texts.tr("IT: {name}, without a PIN", name=it["name"])
    if actor == _SINGLE_PIN_ACTOR:
        return texts.tr("manager (the till's PIN)")
    return actor
