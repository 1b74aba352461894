"""Returns against the original sale: find it, pick lines and quantities, refund what was paid, give back.

The original sale and what each picked line refunds are return_pricing.py's; finding the original (this till's
journal, or the customer's purchase history in Engage) is return_finder.py's, which :class:`ReturnDesk` inherits.
This module journals the return: its receipt, the returned quantities and what a full return gives back.

The return receipt (engage-api.md 4.3, as Voyado documents it): lines of type RETURN with a **negative quantity
and a positive grossPaidPrice** (wire/sales.py), a negative totalGrossPrice and negative payments; root
``extraData`` names the original (``originalUniqueReceiptId``, ``originalReceiptNumber``). Engage itself links
nothing, so these are for the retailer's own reports.

A sale returned in full (every line, over all its returns) gives back what it used: each voucher is reactivated
in Engage (v2 ``reactivate``, entry kind reactivate_voucher) unless it has expired since, and each promotion is
assigned again when the retailer says so (``till.returns_reinstate_promotions``, false by default). Both are
journal entries written with the return's receipt, like any other call; each waits for the sale's redemption
it undoes. A sale found in Engage's history gives nothing back from this till (its own till's journal holds
which vouchers it used).

A return without the original is possible with a manager's approval (people.verify), and audited.

While a POS is linked its returns are the POS's (a sale session with ``returnOf``, through the link): a refund the
till books on its own the POS would never hear of (its drawer, its totals, its slip), so a desk told that a POS is
linked (``pos_linked``: the window's) refuses every return, with or without the original, before anything is
written (:meth:`ReturnDesk.refuse_while_linked`). It refuses as well on a till set up for a linked POS
(``pos_link.enabled`` "on": :func:`pos_link_set_up`) before the POS has opened a sale since the start: the POS is
where its returns are made from the start, not from its first call. The link's own desk (session_returns.py) is not
told: it is the POS's.

The POS link's returns (session_returns.py: a sale session whose lines reference the original's) use the same
desk: :func:`price_returns` is the one rule for what each picked line refunds, for the window's return, for the
state the POS reads and inside the return's transaction; :meth:`ReturnDesk.commit` takes the POS's payments, its
receipt fields (``finish_receipt``) and the total it charged (``expect_total``: another return that came first
refuses it with :class:`ReturnChanged`, nothing written).
"""

from __future__ import annotations

import json
import logging
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal
from typing import Any, Protocol

from pos_engage.core import texts
from pos_engage.core.config import Config, group_exchange_rate
from pos_engage.core.domain import (
    ItemType,
    MatchKey,
    MatchKeyType,
    Payment,
    Receipt,
    ReceiptItem,
    RewardVoucher,
)
from pos_engage.core.engage import wire
from pos_engage.core.engage.client import EngageClient
from pos_engage.core.errors import EngageError, InputError
from pos_engage.core.journal import payloads
from pos_engage.core.journal.entry import NewEntry
from pos_engage.core.journal.store import Journal
from pos_engage.core.till.basket import BasketLine
from pos_engage.core.till.outcomes import Customer
from pos_engage.core.till.payment_methods import payment_methods
from pos_engage.core.till.return_finder import OriginalFinder
from pos_engage.core.till.return_pricing import OriginalLine, OriginalSale, RefundLine, ReturnPick, price_returns
from pos_engage.core.till.return_quote import given_in_cash

log = logging.getLogger(__name__)


class Approver(Protocol):
    """Who approved a return without the original (core/office/people.Person)."""

    @property
    def actor(self) -> str: ...

    @property
    def is_manager(self) -> bool: ...



@dataclass(frozen=True)
class ReturnOutcome:
    """A journaled return: its receipt id, the (negative) total, each line's refund, what is given back."""

    return_id: str
    total: Decimal
    refunds: tuple[RefundLine, ...]
    entry_ids: tuple[int, ...]
    full: bool = False
    given_back: tuple[str, ...] = ()     # what Engage is asked to give back, in the cashier's words
    kept: tuple[str, ...] = ()           # what is not given back, and why
    posted: bool = True
    message: str = ""


class ReturnChanged(InputError):
    """The refund is no longer what the POS charged (another return of the sale came first): nothing written."""

    def __init__(self, message: str, *, total: Decimal) -> None:
        super().__init__(message, field="total")
        self.total = total


def new_return_id(config: Config, now: datetime | None = None) -> str:
    """The return's uniqueReceiptId, fixed when the return is started (a double click journals it once)."""
    now = now or datetime.now().astimezone()
    return f"{config.store_external_id}-{config.till_id}-{now:%Y%m%d%H%M%S}-{uuid.uuid4().hex[:6]}"


def pos_link_set_up(config: Config) -> bool:
    """This till is set up for a linked POS: IT turned the link on (``pos_link.enabled`` "on"). The demo's own
    setting ("demo", the default: the link is served in the demo for trying it) sets up no POS."""
    return config.pos_link.enabled == "on"


class ReturnDesk(OriginalFinder):
    """The cashier's returns: find the original, then journal the return against it (or, approved, without)."""

    def __init__(self, config: Config, client: EngageClient, journal: Journal, *,
                 clock: Callable[[], float] = time.time, pos_linked: Callable[[], bool] | None = None) -> None:
        self.config = config
        self.client = client
        self.journal = journal
        self.clock = clock
        # A door beside the POS (the window) tells whether a POS is linked now, asked at each return: a POS may link
        # (or stop) while a return is open. None: the POS's own desk (the link's), whose returns are the POS's.
        self.pos_linked = pos_linked

    def refuse_while_linked(self) -> None:
        """Refused (InputError, nothing written) at a door beside the POS while a POS is linked, or on a till set
        up for one before it has called: the POS makes its returns through the link, and a refund booked here it
        would never hear of. Asked before a return is started and again when it is journaled."""
        if self.pos_linked is None:
            return
        if self.pos_linked():
            raise InputError(texts.tr("Returns are made at the POS while it is linked: a refund booked here the POS "
                                      "would never hear of"))
        if pos_link_set_up(self.config):
            raise InputError(texts.tr("Make the return at the POS: this till is set up to work with a linked POS, "
                                      "and a refund booked here the POS would never hear of"))

    # ------------------------------------------------------------------ the return

    async def commit(self, original: OriginalSale, picks: Sequence[ReturnPick], *, return_id: str,
                     customer: Customer | None = None, payment_type: str = "Card",
                     payments: Sequence[Payment] | None = None, expect_total: Decimal | None = None,
                     finish_receipt: Callable[[dict], dict] | None = None) -> ReturnOutcome:
        """Journal the return of ``picks`` against ``original``: its receipt, the returned quantities and, when the
        sale is now returned in full, what it gives back. Refused with what is wrong, nothing written (a line
        returned beyond what was bought or already returned, a line without a price, an empty return).

        The POS link's return (session_returns.py): ``payments`` are the POS's (negative, adding up to the
        refund), ``expect_total`` the (negative) total it charged: a refund that differs from it now (another
        return came first) is refused with :class:`ReturnChanged`; ``finish_receipt`` adds the POS's receipt
        fields to the receipt's JSON (receipt number, date, payments' own fields)."""
        self.refuse_while_linked()
        picks = self._checked_picks(original, picks, payment_type if payments is None else
                                     payment_methods(self.config)[0])
        full = self._full_after(original, picks)
        gives, kept = await self._give_backs(original, return_id) if full else ([], self._partial_note(original))
        with self.journal.write_transaction("record the return") as db:
            repeat = self._already_journaled(db, original, return_id)
            if repeat is not None:  # a double click, or a retry after an error: journaled once
                return repeat
            current = {line.index: line for line in self._with_returned(original.original_id,
                                                                        list(original.lines), db)}
            if full and not self._full_after(replace(original, lines=tuple(current.values())), picks):
                gives = []  # another return of this sale came first: this one does not complete it
            refunds: list[RefundLine] = []
            for priced in price_returns(replace(original, lines=tuple(current.values())), picks):
                if isinstance(priced, InputError):
                    raise priced
                refunds.append(priced)
            total = -sum((r.refund for r in refunds), Decimal("0.00"))
            paid = total if payments is None else sum((p.value for p in payments), Decimal("0.00"))
            if (expect_total is not None and total != expect_total) or paid != total:
                raise ReturnChanged(texts.tr("The refund is now {total} {currency}: another return of this sale "
                                             "came first", total=f"{-total:.2f}", currency=original.currency),
                                    total=total)
            receipt, posted = self._receipt(original, refunds, current, return_id, customer, payment_type,
                                            payments)
            extra = [("originalUniqueReceiptId", original.original_id),
                     ("originalReceiptNumber", original.receipt_number)]
            entries: list[NewEntry] = []
            if posted:
                entry = payloads.receipt(receipt, exchange_rate=group_exchange_rate(self.config, receipt.currency),
                                         extra_data=extra)
                if finish_receipt is not None:
                    entry = replace(entry, payload={**entry.payload,
                                                    "receipt": finish_receipt(entry.payload["receipt"])})
                entries.append(entry)
            entries += gives
            ids = self.journal._insert_entries(db, entries, return_id)
            db.executemany("INSERT OR IGNORE INTO returned_lines (original_id, line, return_id, quantity, refund, at) "
                           "VALUES (?, ?, ?, ?, ?, ?)",
                           [(original.original_id, r.line, return_id, r.quantity, str(r.refund), self.clock())
                            for r in refunds])
        total = receipt.total_gross_price
        log.info("return %s of sale %s journaled: %s %s, %d entries%s", return_id, original.original_id, total,
                 receipt.currency, len(ids), ", in full" if full else "")
        given = tuple(self._words(entry) for entry in gives)
        # An Amount, so the window writes it as its language writes money (249,00 in Swedish); the currency apart.
        # The window's return (no payments from a POS): the cashier hands a cash refund back in the coins there are
        cash = self._in_cash(-total, receipt.currency, payment_type) if payments is None else None
        message = texts.tr("Refund {total} {currency}", total=texts.Amount(-total), currency=receipt.currency) \
            if cash is None else texts.tr("Refund {total} {currency}: give back {cash} in cash",
                                          total=texts.Amount(-total), currency=receipt.currency, cash=cash)
        if not posted:   # one Text, so the window shows it in its language (a str joined to it would not be)
            message = texts.tr("{refund} (no customer: counted, not sent to Engage)", refund=message)
        return ReturnOutcome(return_id, total, tuple(refunds), tuple(ids), full=full, given_back=given,
                             kept=tuple(kept), posted=posted, message=message)

    def _already_journaled(self, db: Any, original: OriginalSale, return_id: str) -> ReturnOutcome | None:
        rows = db.execute("SELECT line, quantity, refund FROM returned_lines WHERE return_id = ? AND original_id = ? "
                          "ORDER BY line", (return_id, original.original_id)).fetchall()
        if not rows:
            return None
        names = {line.index: line.name for line in original.lines}
        refunds = tuple(RefundLine(r["line"], names.get(r["line"], "?"), r["quantity"], Decimal(r["refund"]))
                        for r in rows)
        ids = tuple(row[0] for row in db.execute("SELECT id FROM entries WHERE sale_id = ? ORDER BY id",
                                                 (return_id,)))
        total = -sum((r.refund for r in refunds), Decimal("0.00"))
        return ReturnOutcome(return_id, total, refunds, ids, message=texts.tr(
            "This return was saved already: refund {total} {currency}", total=texts.Amount(-total),
            currency=original.currency))

    def _checked_picks(self, original: OriginalSale, picks: Sequence[ReturnPick],
                       payment_type: str) -> list[ReturnPick]:
        if payment_type not in payment_methods(self.config):
            raise InputError(f"unknown payment method {payment_type!r}", field="payment")
        by_line: dict[int, int] = {}
        for pick in picks:
            if isinstance(pick.quantity, bool) or not isinstance(pick.quantity, int) or pick.quantity < 0:
                raise InputError(texts.tr("A quantity to return is a whole number of 0 or more"), field="quantity")
            if pick.quantity:
                by_line[pick.line] = by_line.get(pick.line, 0) + pick.quantity
        if not by_line:
            raise InputError(texts.tr("Pick at least one line and how many come back"), field="quantity")
        merged = [ReturnPick(index, quantity) for index, quantity in sorted(by_line.items())]
        for priced in price_returns(original, merged):   # the lines, what remains, a price: checked once more,
            if isinstance(priced, InputError):           # against the journal, inside the return's transaction
                raise priced
        return merged

    @staticmethod
    def _full_after(original: OriginalSale, picks: Sequence[ReturnPick]) -> bool:
        """Whether the sale is returned in full with these picks: every line bought, every unit. A weighed line
        never comes back against the original, so a sale with one keeps what it used."""
        asked = {pick.line: pick.quantity for pick in picks}
        return all(not line.weighed and line.returned + asked.get(line.index, 0) >= line.quantity
                   for line in original.lines if line.returnable_type)

    def _partial_note(self, original: OriginalSale) -> list[str]:
        if not original.offers:
            return []
        weighed = [line.name for line in original.lines if line.returnable_type and line.weighed]
        if weighed:
            return [texts.tr("The offers used on this sale stay used: it is never returned in full here, since "
                             "'{name}' was sold by weight (a manager can give them back in Engage)",
                             name=weighed[0])]
        return [texts.tr("The offers used on this sale are given back only when the whole sale is returned")]

    def _receipt(self, original: OriginalSale, refunds: list[RefundLine], lines: dict[int, OriginalLine],
                 return_id: str, customer: Customer | None, payment_type: str,
                 payments: Sequence[Payment] | None = None) -> tuple[Receipt, bool]:
        """The return's receipt, booked to the original's customer (else the one identified now, else the
        tenant's catch-all contact; else it is counted, not sent)."""
        types, posted = self.config.engage.match_key_types, True
        if original.contact_id:
            contact = wire.contact_match_key(original.contact_id, types)
        elif customer is not None:
            contact = customer.match_key_with(types)
        elif self.config.till.anonymous_contact:
            contact = MatchKey(self.config.till.anonymous_contact, MatchKeyType.parse(types.external_id))
        else:
            contact, posted = MatchKey(return_id, MatchKeyType.EXTERNAL_ID), False
        items = tuple(ReceiptItem(sku=lines[r.line].sku, article_name=lines[r.line].name, quantity=r.quantity,
                                  gross_paid_price=r.refund, tax_percent=lines[r.line].tax_percent,
                                  type=ItemType.RETURN) for r in refunds)
        total = -sum((r.refund for r in refunds), Decimal("0.00"))
        prefix = f"{self.config.store_external_id}-{self.config.till_id}-"   # either may hold a "-"
        return Receipt(unique_receipt_id=return_id, receipt_number=return_id.removeprefix(prefix),
                       created_date=datetime.now().astimezone(), store_external_id=self.config.store_external_id,
                       currency=original.currency, contact=contact, items=items,
                       payments=(Payment(payment_type, total),) if payments is None else tuple(payments)), posted

    async def _give_backs(self, original: OriginalSale, return_id: str) -> tuple[list[NewEntry], list[str]]:
        """The entries that give back what a sale returned in full used, and what is kept (with why)."""
        if original.source != "journal":
            return [], [texts.tr("This sale was made at another till: a voucher or promotion it used is not given "
                                 "back from here (a manager can do it in Engage)")]
        entries: list[NewEntry] = []
        kept: list[str] = []
        vouchers = [o for o in original.offers if o.kind == "voucher"]
        promotions = [o for o in original.offers if o.kind == "promotion"]
        held: dict[str, RewardVoucher] = {}
        if vouchers and original.contact_id:
            try:
                page = await self.client.list_reward_vouchers(original.contact_id, available_only=False)
                held = {v.id: v for v in page.items}
            except EngageError as problem:
                log.info("vouchers of %s not read for return %s: %s", original.contact_id, return_id, problem)
        now = datetime.now().astimezone()
        for offer in vouchers:
            voucher = held.get(offer.offer_id)
            if voucher is not None and voucher.expires_on is not None and voucher.expires_on <= now:
                kept.append(texts.tr("Voucher {number} expired on {day}: it is not given back (the refund is what "
                                     "the customer paid)", number=voucher.voucher_number,
                                     day=f"{voucher.expires_on:%Y-%m-%d}"))
                continue
            redeemed_on = voucher.redeemed_on.isoformat() if voucher is not None and voucher.redeemed_on else None
            entries.append(payloads.voucher_reactivation(
                offer.offer_id, contact_id=original.contact_id, return_id=return_id,
                original_id=original.original_id, redeemed_on=redeemed_on, depends_on=offer.entry_id))
        if promotions and not self.config.till.returns_reinstate_promotions:
            kept.append(texts.tr("The promotions used on this sale stay used (the store's rule)"))
        elif promotions:
            known: dict[str, list[str]] | None = None
            if original.contact_id:
                try:
                    held_promotions = await self.client.list_promotions(original.contact_id)
                    known = {}
                    for promotion in held_promotions:
                        known.setdefault(promotion.promotion_id, []).append(promotion.id)
                except EngageError as problem:
                    log.info("promotions of %s not read for return %s: %s", original.contact_id, return_id, problem)
            for offer in promotions:
                if not offer.template_id:
                    kept.append(texts.tr("A promotion of this sale cannot be given back: the till no longer knows "
                                         "which one it was"))
                    continue
                entries.append(payloads.promotion_reinstatement(
                    offer.template_id, contact_id=original.contact_id, assignment_id=offer.offer_id,
                    return_id=return_id, original_id=original.original_id,
                    known_assignments=None if known is None else known.get(offer.template_id, []),
                    depends_on=offer.entry_id))
        return entries, kept

    @staticmethod
    def _words(entry: NewEntry) -> str:
        if entry.payload.get("voucherId"):
            return texts.tr("voucher {id} is reactivated", id=entry.payload["voucherId"])
        return texts.tr("promotion {id} is given again", id=entry.payload.get("promotionId"))

    # ------------------------------------------------------------------ without the original

    def commit_without_original(self, lines: Sequence[BasketLine], *, approver: Approver, reason: str,
                                return_id: str, customer: Customer | None = None,
                                payment_type: str = "Card") -> ReturnOutcome:
        """A return the original sale cannot be found for: at the prices typed, approved by a manager (their
        code checked by the caller: people.verify), with a reason, audited with the return in one transaction."""
        self.refuse_while_linked()
        if not getattr(approver, "is_manager", False):
            raise InputError(texts.tr("A return without the original sale needs a manager's approval"), field="by")
        reason = " ".join((reason or "").split())
        if not reason:
            raise InputError(texts.tr("Say why the original sale cannot be found"), field="reason")
        if not lines:
            raise InputError(texts.tr("Add the articles that come back"), field="quantity")
        if payment_type not in payment_methods(self.config):
            raise InputError(f"unknown payment method {payment_type!r}", field="payment")
        refunds, fake = [], {}
        for index, line in enumerate(lines):
            quantity = abs(line.quantity)
            refunds.append(RefundLine(index, line.name, quantity, line.gross))
            fake[index] = OriginalLine(index, line.sku, line.name, quantity, line.gross, line.tax_percent)
        original = OriginalSale(return_id, "", "", self.config.currency, None, tuple(fake.values()))
        receipt, posted = self._receipt(original, refunds, fake, return_id, customer, payment_type)
        with self.journal.write_transaction("record the return") as db:
            ids = self.journal._insert_entries(
                db, [payloads.receipt(receipt, exchange_rate=group_exchange_rate(self.config, receipt.currency),
                                      extra_data=[("returnWithoutOriginal", "true")])] if posted else [], return_id)
            db.execute("INSERT INTO audit (at, entry_id, action, actor, till, reason, detail) VALUES (?, ?, ?, ?, ?, "
                       "?, ?)", (self.clock(), ids[0] if ids else None, "return-without-original", approver.actor,
                                 self.config.till_id, reason,
                                 json.dumps({"return": return_id, "total": str(receipt.total_gross_price),
                                             "lines": len(refunds)})))
        refund, cash = -receipt.total_gross_price, self._in_cash(-receipt.total_gross_price, receipt.currency,
                                                                 payment_type)
        message = texts.tr("Refund {total} {currency}, approved by {who}", total=texts.Amount(refund),
                           currency=receipt.currency, who=approver.actor) if cash is None else \
            texts.tr("Refund {total} {currency}, approved by {who}: give back {cash} in cash",
                     total=texts.Amount(refund), currency=receipt.currency, who=approver.actor, cash=cash)
        return ReturnOutcome(return_id, receipt.total_gross_price, tuple(refunds), tuple(ids), posted=posted,
                             message=message)

    def _in_cash(self, refund: Decimal, currency: str, payment_type: str) -> texts.Amount | None:
        """What a refund given back in cash is in the coins there are (cash_rounding.py), when that is not the
        refund itself (None otherwise): the receipt books the refund as priced, the cashier hands back this."""
        given = given_in_cash(refund, currency, payment_type, self.config)   # the rule the dialog showed before
        return None if given is None else texts.Amount(given)
