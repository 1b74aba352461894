"""What a queue entry is and where it came from, in a store manager's words, read from what the journal holds.

The queue's row says "receipt" or "promotion redemption"; the manager needs "Receipt 2003 — 874.29 SEK, Card — from
the POS (sale pos-2003)" to find the slip, and "Offer '50 kr off' for receipt 2003" to know which redemption waits.
Everything here is read from the entry (its payload, kind and sale id) and, for a redemption, from its sale's
receipt in the same journal; nothing is guessed beyond that. Who rang a sale up is not here: the journal does not
record it. The audit trail is told in the same words ("no manager action yet" rather than a dash), so "who did
what" reads as a sentence.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import datetime
from typing import Any

from pos_engage.core import texts
from pos_engage.core.domain.checks import mask
from pos_engage.core.journal.entry import EntryKind, JournalEntry
from pos_engage.core.journal.payloads import receipt_key
from pos_engage.core.journal.store import Journal
from pos_engage.core.till.payment_methods import METHOD_WORDS

__all__ = ["NO_MANAGER_ACTION", "audit_lines", "describe", "short_key"]

# The window's own receipts (a sale rung up in its basket, a return) are numbered store-till-<time>-<6 hex>
# (core/till/basket.py, returns.py); a POS link sale is store-till-<the POS's sale id>.
_WINDOW_SALE = re.compile(r"\d{14}-[0-9a-f]{6}")

# Stars past a personal number's (ten) tell nothing: a contact id's 32 only pushed the rest out of sight.
_LONG_STARS = re.compile(r"\*{11,}")

NO_MANAGER_ACTION = texts.tr("No manager action yet")

# The audit's action names (core/journal and core/office/people write them) as a manager says them.
_ACTION_WORDS = {"retry": texts.tr("sent again"), "resolve": texts.tr("closed without sending"),
                 "correct": texts.tr("corrected"), "reveal": texts.tr("personal data shown"),
                 "export": texts.tr("exported to a file")}


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
        return _receipt(payload.get("receipt") or {}, entry.sale_id, till)
    if entry.kind in (EntryKind.REDEEM_PROMOTION, EntryKind.REDEEM_VOUCHER):
        return _redemption(entry, payload, journal, till)
    return None


def _receipt(body: Mapping[str, Any], sale_id: str | None, till: str | None) -> texts.Text:
    number = str(body.get("receiptNumber") or body.get("uniqueReceiptId") or sale_id or "")
    total = body.get("totalGrossPrice")
    amount = texts.Amount(total, body.get("currency") or "") if isinstance(total, (int, float)) else "?"
    methods = [str(p.get("type")) for p in body.get("paymentMethods") or [] if p.get("type")]
    payment = texts.Listing(METHOD_WORDS.get(m, m) for m in methods) if methods else texts.tr("no payment")
    origin = _origin(body, till)
    original = _extra(body, "originalReceiptNumber")
    if original:
        return texts.tr("Return {number} of receipt {original} — {amount}, {payment} — {origin}", number=number,
                        original=original, amount=amount, payment=payment, origin=origin)
    return texts.tr("Receipt {number} — {amount}, {payment} — {origin}", number=number, amount=amount,
                    payment=payment, origin=origin)


def _origin(body: Mapping[str, Any], till: str | None) -> texts.Text:
    """Where the receipt was made: this till's window, or the POS (through the POS link, or a receipt file)."""
    unique_id = str(body.get("uniqueReceiptId") or "")
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
    if _WINDOW_SALE.fullmatch(sale):
        return texts.tr("rung up in this till's window")
    if sale:
        return texts.tr("from the POS (sale {sale})", sale=sale)
    return texts.tr("from the POS (receipt id {id})", id=unique_id or "?")


def _extra(body: Mapping[str, Any], name: str) -> str:
    return next((str(x.get("value")) for x in body.get("extraData") or [] if x.get("name") == name), "")


def _redemption(entry: JournalEntry, payload: Mapping[str, Any], journal: Journal | None,
                till: str | None) -> texts.Text:
    sale_id = str(payload.get("saleId") or entry.sale_id or "")
    receipt_entry = journal.by_key(receipt_key(sale_id)) if journal is not None and sale_id else None
    body = ((receipt_entry.payload or {}).get("receipt") or {}) if receipt_entry is not None else {}
    voucher = entry.kind is EntryKind.REDEEM_VOUCHER
    name = _offer_name(body, "voucher" if voucher else "promotion")
    if body:
        where = texts.tr("for receipt {number}, {origin}", number=body.get("receiptNumber") or sale_id,
                         origin=_origin(body, till))
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
        lines.append(texts.tr("{when}  {what} by {who}: {why}", when=when, what=what, who=row["actor"],
                              why=row.get("reason") or "") if row.get("reason") else
                     texts.tr("{when}  {what} by {who}", when=when, what=what, who=row["actor"]))
    return lines
