"""Committing a sale at the till: the receipt and its redemptions journaled in one transaction, then redeemed.

Offers (issue 12): an applied offer is reserved in the journal's offer ledger for the open sale; committing takes
it for good in the same transaction that journals the receipt, so an offer is never used by two sales at this
till. Online, ``commit`` redeems right away within the redeem deadline and hands a refusal back to the cashier
while the receipt waits (:meth:`SaleCommitting.remove_refused` / :meth:`SaleCommitting.keep_refused`); offline
(or past the deadline) the redemption is queued like everything else.

Who rang it up and where from (entry.Source): every entry of the sale records the person signed in at the till
(TillService.at_till, which the window sets as people sign in and out; None in a headless ``serve``) and its origin
on its own row, in the same INSERT. The origin is what the caller says (the window's TillSales: its basket, or a
basket or receipt file from the inbox), else what the door that took the sale said (``journaling_from``: the POS
link over HTTP or its folders), else the POS link (SaleSessions, the one caller that says nothing).

A mixin of TillService (service.py), kept apart from identifying and from reserving offers: this is the one part
of the till's use cases that writes the sale to the journal and sends to Engage while the customer waits.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from pos_engage.core import texts
from pos_engage.core.config import Config, group_exchange_rate, rate_unknown
from pos_engage.core.domain import MatchKey, MatchKeyType, Receipt
from pos_engage.core.engage.client import EngageClient
from pos_engage.core.engage.retry import Decision, decide
from pos_engage.core.errors import EngageConflict, EngageError, InputError
from pos_engage.core.journal import payloads, redemptions
from pos_engage.core.journal.claims import Settlement
from pos_engage.core.journal.entry import (
    EntryStatus,
    JournalEntry,
    NewEntry,
    Origin,
    Source,
    journaling_from,
    source_or,
)
from pos_engage.core.journal.offer_ledger import OfferToCommit
from pos_engage.core.journal.store import Journal
from pos_engage.core.till.basket import Basket
from pos_engage.core.till.hand_over import HandOver, hand_overs
from pos_engage.core.till.outcomes import Customer, RefusedOffer, SaleOutcome
from pos_engage.core.till.pos_named_customer import as_the_pos_named, pos_contact

# The doors say where a sale comes from with these (they may not import the journal): Origin, journaling_from.
__all__ = ["MAX_REDEEM_DEADLINE", "Origin", "ReceiptFinisher", "SaleCommitting", "journaling_from"]

log = logging.getLogger(__name__)

# Adds a POS's own fields to a receipt's JSON (Engage's v3 receipt), returning the JSON to journal.
ReceiptFinisher = Callable[[dict], dict]

# The longest the till waits at commit for Engage to confirm redemptions (the customer is at the till).
MAX_REDEEM_DEADLINE = 1.5


def require_rate(config: Config, currency: str, fields: Mapping[str, Any]) -> None:
    """Refused (InputError naming the field) when a sale or receipt in ``currency`` carries no
    exchangeRateToGroupCurrency among its ``fields`` while the till knows no rate for it (config.rate_unknown):
    Engage would count it in the group's currency as it is. The one rule of every door (a POS link commit,
    POST /v1/receipts, receipt submit, a sale the till journals)."""
    if rate_unknown(config, currency) and "exchangeRateToGroupCurrency" not in fields:
        raise InputError(texts.tr("A sale in {currency} on a till in {till} needs exchangeRateToGroupCurrency: one "
                                  "{currency} in {group}", currency=currency.upper(), till=config.currency,
                                  group=config.group_currency or config.currency),
                         field="exchangeRateToGroupCurrency")


@dataclass(frozen=True)
class _PreparedSale:
    receipt: Receipt
    entries: list[NewEntry]
    offers: list[OfferToCommit]
    posted: bool
    hand_over: tuple[HandOver, ...] = ()


def _after_failure(entry: JournalEntry, error: EngageError, now: float) -> Settlement:
    """A redemption sent at commit failed: retried by the replayer (checked first when the outcome is unknown)."""
    decision = decide(error, entry.call_kind)
    code, message = error.code or type(error).__name__, error.describe()
    if decision in (Decision.RETRY, Decision.CHECK_FIRST, Decision.WAIT_FOR_IT):
        return Settlement(entry.id, EntryStatus.WAITING_RETRY, error_code=code, error=message, next_attempt_at=now,
                          check_first=decision is Decision.CHECK_FIRST or error.outcome_unknown)
    return Settlement(entry.id, EntryStatus.NEEDS_ATTENTION, error_code=code, error=message)


class SaleCommitting:
    """TillService's commit and what follows it; uses its ``config``, ``client``, ``journal``, the redemptions
    still running past a commit's deadline (``_background``) and ``_sale_id``."""

    config: Config
    client: EngageClient
    journal: Journal
    at_till: str | None
    _background: set[asyncio.Future]
    _sale_id: Callable[[Basket], str]

    def _source(self, origin: Origin | None) -> Source:
        """Who rang the sale up (whoever is signed in at the till now) and where it came from: ``origin`` when the
        caller says, else what the door journaling now said, else the POS link (module docstring)."""
        if origin is None:
            return source_or(Origin.POS_LINK, self.at_till)
        return Source(Origin(origin), self.at_till)

    def _prepare(self, basket: Basket, customer: Customer | None, payment_type: str,
                 finish_receipt: ReceiptFinisher | None = None, origin: Origin | None = None) -> _PreparedSale:
        """The receipt and the entries that deliver it, with the offers they take. A sale without a customer is
        posted only to the tenant's catch-all contact when one is configured (anything else matches nobody).

        ``finish_receipt``: a sale the POS rang up adds its own fields to the receipt's JSON (the POS link's
        receipt number, payments and pass-through fields); what the companion adds stays as it is."""
        store, till = self.config.store_external_id, self.config.till_id
        sale_id = self._sale_id(basket)
        posted = True
        named = pos_contact(finish_receipt)   # the customer the POS's own receipt names (pos_named_customer.py)
        if customer is not None:
            contact = (as_the_pos_named(customer, named) if named else None) or \
                customer.match_key_with(self.config.engage.match_key_types)
        elif named is not None:   # posted to whom the POS named; the companion's receipt names nobody
            contact = MatchKey(sale_id, MatchKeyType.EXTERNAL_ID)  # built for its totals only, never sent
        elif self.config.till.anonymous_contact:
            contact = MatchKey(self.config.till.anonymous_contact,
                               MatchKeyType.parse(self.config.engage.match_key_types.external_id))
        else:
            posted = False
            contact = MatchKey(sale_id, MatchKeyType.EXTERNAL_ID)  # built for its totals only, never sent
        receipt = basket.to_receipt(contact=contact, store=store, till=till, created=datetime.now().astimezone(),
                                    payment_type=payment_type, unique_id=sale_id)
        entries = [payloads.receipt(receipt, depends_on=customer.registration_entry if customer else None,
                                    exchange_rate=group_exchange_rate(self.config, basket.currency))] \
            if posted else []
        if finish_receipt is not None and entries:
            companion = entries[0].payload["receipt"]
            if customer is None and named is not None:
                companion = {name: value for name, value in companion.items() if name != "contact"}
            entries[0] = replace(entries[0], payload={"receipt": finish_receipt(companion)})
        if entries:   # a sale in a currency whose rate the till does not know (an inbox file, a POS's sale)
            require_rate(self.config, basket.currency, entries[0].payload["receipt"])
        # Offline the contact id is the one this till last saw for the customer's key; after an offline
        # registration it comes from that registration (the redemption waits for it).
        contact_id = None
        if customer is not None:
            contact_id = customer.contact.id if customer.contact else self.journal.cached_contact(customer.key)
        registration = customer.registration_entry if customer is not None and not contact_id else None
        offers = []
        for discount in basket.discounts:
            offers.append(OfferToCommit(discount.source_id, discount.kind, len(entries)))
            entries.append(payloads.promotion_redemption(discount.source_id, contact_id=contact_id,
                                                         promotion_id=discount.template_id, sale_id=sale_id,
                                                         depends_on=registration)
                           if discount.kind == "promotion" else
                           payloads.voucher_redemption(discount.source_id, contact_id=contact_id, sale_id=sale_id,
                                                       depends_on=registration))
        source = self._source(origin)   # on each entry's own row: a redemption in the queue says it too
        return _PreparedSale(receipt, [replace(entry, source=source) for entry in entries], offers, posted,
                             hand_overs(basket, customer))

    def _outcome(self, prepared: _PreparedSale, entries: list, **extra) -> SaleOutcome:
        receipt = prepared.receipt
        if not prepared.posted:
            extra.setdefault("message", texts.tr("Sale without a customer: counted, not sent to Engage (no "
                                                 "catch-all contact is configured)"))
        log.info("sale %s journaled: total %s %s, %d entries%s", receipt.unique_receipt_id, receipt.total_gross_price,
                 receipt.currency, len(entries), "" if prepared.posted else " (anonymous: not posted)")
        return SaleOutcome(receipt.unique_receipt_id, receipt.total_gross_price, tuple(e.id for e in entries),
                           posted=prepared.posted, hand_over=prepared.hand_over, **extra)

    def finish_sale(self, basket: Basket, customer: Customer | None, *, payment_type: str = "Card",
                    finish_receipt: ReceiptFinisher | None = None, origin: Origin | None = None) -> SaleOutcome:
        """Journal the receipt and its redemptions in one transaction; delivery happens after (deliver_now).
        ``origin``: where the sale comes from (module docstring: the door's, else the POS link, when not said).

        Refused (OfferAlreadyUsed, nothing journaled) when another sale at this till used one of its offers."""
        prepared = self._prepare(basket, customer, payment_type, finish_receipt, origin)
        committed = self.journal.commit_sale(prepared.entries, sale_id=prepared.receipt.unique_receipt_id,
                                             offers=prepared.offers, anonymous=not prepared.posted)
        return self._outcome(prepared, committed.entries)

    async def commit(self, basket: Basket, customer: Customer | None, *, payment_type: str = "Card",
                     finish_receipt: ReceiptFinisher | None = None, origin: Origin | None = None) -> SaleOutcome:
        """Commit the sale; online, its offers are redeemed before the customer leaves.

        Journal first: the receipt (held back) and the redemptions (in flight, so no replayer sends them too) are
        written in one transaction, then the redemptions are sent with a short deadline (till.redeem_deadline, at
        most 1.5 s). An offer Engage refuses in that time (used elsewhere) comes back in ``refused`` and the receipt
        waits for the cashier: :meth:`remove_refused` or :meth:`keep_refused`. Past the deadline the sale goes on;
        an answer still to come is settled when it comes (or checked after a crash, like any unknown outcome).
        ``origin``: as :meth:`finish_sale`'s."""
        prepared = self._prepare(basket, customer, payment_type, finish_receipt, origin)
        monitor = self.client.monitor
        if not prepared.offers or (monitor is not None and monitor.offline):  # journal only, as finish_sale does
            committed = self.journal.commit_sale(prepared.entries, sale_id=prepared.receipt.unique_receipt_id,
                                                 offers=prepared.offers, anonymous=not prepared.posted)
            return self._outcome(prepared, committed.entries)
        committed = self.journal.commit_sale(
            prepared.entries, sale_id=prepared.receipt.unique_receipt_id, offers=prepared.offers,
            send_now=[offer.entry_index for offer in prepared.offers], hold=0 if prepared.posted else None)
        receipt_entry = committed.entries[0].id if prepared.posted else None
        # In hand before any await: a delivery round that takes the lease over meanwhile leaves them to us.
        self.journal.hold_sends(committed.taken)
        refused = await self._redeem_now([e for e in committed.entries if e.id in committed.taken], basket)
        if refused:
            return self._outcome(prepared, committed.entries, refused=tuple(refused), held_receipt=receipt_entry,
                                 message=texts.tr("Engage refused an offer: used elsewhere. Remove it from the "
                                                  "sale, or keep it (the manager is told)") if len(refused) == 1
                                 else texts.tr("Engage refused {count} offers: used elsewhere. Remove them "
                                               "from the sale, or keep them (the manager is told)",
                                               count=len(refused)))
        # Nothing taken: this sale was committed already (a double click), and that commit decides about the hold.
        if receipt_entry is not None and committed.taken:
            self.journal.release_held(receipt_entry)
        return self._outcome(prepared, committed.entries)

    async def _redeem_now(self, entries: list[JournalEntry], basket: Basket) -> list[RefusedOffer]:
        """Send the redemptions at once; wait at most the redeem deadline. Those still unanswered go on in the
        background and settle themselves (never cancelled halfway: the entry would be left in flight)."""
        if not entries:
            return []
        deadline = min(max(float(self.config.till.redeem_deadline), 0.0), MAX_REDEEM_DEADLINE)
        names = {d.source_id: d.description for d in basket.discounts}
        tasks = [asyncio.ensure_future(self._redeem_one(entry, names)) for entry in entries]
        done, pending = await asyncio.wait(tasks, timeout=deadline)
        for task in pending:
            self._background.add(task)
            task.add_done_callback(self._background.discard)
        return [task.result() for task in tasks if task in done and task.result() is not None]

    async def _redeem_one(self, entry: JournalEntry, names: dict[str, str]) -> RefusedOffer | None:
        try:
            return await self._send_redemption(entry, names)
        finally:  # settled, or cancelled (the till closing): a later deliverer may recover it now
            self.journal.release_send(entry.id)

    async def _send_redemption(self, entry: JournalEntry, names: dict[str, str]) -> RefusedOffer | None:
        offer_id = (entry.payload or {}).get("assignmentId") or (entry.payload or {}).get("voucherId") or ""
        refusal = None
        try:
            await redemptions.redeem(self.client, entry)
        except EngageConflict as refused:
            settlement = Settlement(entry.id, EntryStatus.CONFLICT, error_code=refused.code, error=refused.describe())
            refusal = RefusedOffer(offer_id, names.get(offer_id, offer_id), entry.id, refused.describe())
        except EngageError as error:
            settlement = _after_failure(entry, error, self.journal.clock())
        except (KeyError, TypeError, ValueError) as problem:
            settlement = Settlement(entry.id, EntryStatus.NEEDS_ATTENTION, error_code="UnreadableEntry",
                                    error=f"entry {entry.id} cannot be read: {problem!r}")
        else:
            settlement = Settlement(entry.id, EntryStatus.DELIVERED)
        # Not strict: if another deliverer took the entry meanwhile (start-up recovery in another process), its
        # outcome stands and it checks with Engage before anything is sent again; this answer is only logged.
        if self.journal.settle([settlement], strict=False):
            log.warning("redemption entry %s was taken by another deliverer before its answer (%s) came",
                        entry.id, settlement.status)
            return None
        return refusal

    async def redemptions_settled(self) -> None:
        """Wait for the redemptions still running past a commit's deadline (closing the till, tests)."""
        while self._background:
            await asyncio.wait(set(self._background))

    def remove_refused(self, basket: Basket, customer: Customer | None, sale: SaleOutcome, *,
                       payment_type: str = "Card", cashier: str = "cashier") -> SaleOutcome:
        """The cashier takes the offers Engage refused off the sale: the held receipt is rebuilt without them (the
        customer pays the difference by ``payment_type``) and goes; their redemptions are closed, audited."""
        for refused in sale.refused:
            basket.release(refused.offer_id)
        prepared = self._prepare(basket, customer, payment_type)
        if sale.held_receipt is not None:
            self.journal.replace_held(sale.held_receipt, prepared.entries[0].payload)
        from pos_engage.core.office import audit_reasons

        # The till's own reason, by its code: the queue's history says it in the manager's language.
        reason = audit_reasons.own(audit_reasons.OFFER_REFUSED_REMOVED, sale=sale.receipt_id)
        for refused in sale.refused:
            self.journal.resolve(refused.entry_id, actor=cashier, till=self.config.till_id, reason=reason,
                                 detail=audit_reasons.detail_of(reason))
        gone = {refused.entry_id for refused in sale.refused}
        receipt = prepared.receipt
        return SaleOutcome(receipt.unique_receipt_id, receipt.total_gross_price,
                           tuple(i for i in sale.entry_ids if i not in gone),
                           message=texts.tr("The refused offers were removed: the total is now {total}",
                                            total=f"{receipt.total_gross_price:.2f}"),
                           hand_over=prepared.hand_over)   # what is left applied: a removed offer is not given

    def keep_refused(self, sale: SaleOutcome) -> SaleOutcome:
        """The store honours the refused offers anyway: the receipt goes as it is; each stays a conflict for the
        manager, naming this sale."""
        if sale.held_receipt is not None:
            self.journal.release_held(sale.held_receipt)
        return replace(sale, held_receipt=None,
                       message=texts.tr("Sale saved with the offers Engage refused: the manager sees the conflict"))
