"""TillService: the cashier's use cases. Each returns an outcome saying what happened; none touches the UI.

The sale never waits for Engage: identification falls back to deferred matching when Engage is down, a
registration goes to the journal, and finishing a sale commits the receipt and its redemptions to the journal
before anything is sent.

Offers (issue 12): an applied offer is reserved in the journal's offer ledger for the open sale; committing takes
it for good in the same transaction that journals the receipt, so an offer is never used by two sales at this
till. Online, ``commit`` redeems right away within the redeem deadline and hands a refusal back to the cashier
while the receipt waits; offline (or past the deadline) the redemption is queued like everything else. The
use cases a test drives: identify, apply, remove_offer, void, commit (or finish_sale: journal only),
remove_refused / keep_refused, deliver_now, redemptions_settled.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime

from pos_engage.core import texts
from pos_engage.core.config import Config, group_exchange_rate
from pos_engage.core.domain import (
    ContactKey,
    MatchKey,
    MatchKeyType,
    NewContact,
    Promotion,
    Receipt,
    RewardVoucher,
)
from pos_engage.core.engage.client import EngageClient
from pos_engage.core.engage.retry import Decision, decide
from pos_engage.core.errors import (
    EngageAuthError,
    EngageConflict,
    EngageError,
    EngageNotFound,
    EngageUnavailable,
    InputError,
    MultipleMatches,
)
from pos_engage.core.journal import payloads, redemptions
from pos_engage.core.journal.claims import Settlement
from pos_engage.core.journal.entry import EntryStatus, JournalEntry, NewEntry
from pos_engage.core.journal.offer_ledger import OfferToCommit
from pos_engage.core.journal.replayer import Replayer, ReplayReport
from pos_engage.core.journal.store import Journal
from pos_engage.core.till import candidates, codes, scan
from pos_engage.core.till.basket import AppliedDiscount, Basket
from pos_engage.core.till.codes import CodeOutcome
from pos_engage.core.till.loyalty import PointsReader
from pos_engage.core.till.offer_rules import OfflineRules, offline_refusal
from pos_engage.core.till.outcomes import (
    ConsentEvidence,
    Customer,
    ExistingContact,
    Found,
    IdentifyOutcome,
    RefusedOffer,
    RegisterOutcome,
    SaleOutcome,
)
from pos_engage.core.till.registration import Registration

log = logging.getLogger(__name__)

# Adds a POS's own fields to a receipt's JSON (Engage's v3 receipt), returning the JSON to journal.
ReceiptFinisher = Callable[[dict], dict]
# Applies the offer a code selected to the sale, by the sale session's rule (raises InputError when refused).
OfferApplier = Callable[[Promotion | RewardVoucher], AppliedDiscount]

# The longest the till waits at commit for Engage to confirm redemptions (the customer is at the till).
MAX_REDEEM_DEADLINE = 1.5


@dataclass(frozen=True)
class _PreparedSale:
    receipt: Receipt
    entries: list[NewEntry]
    offers: list[OfferToCommit]
    posted: bool


def _after_failure(entry: JournalEntry, error: EngageError, now: float) -> Settlement:
    """A redemption sent at commit failed: retried by the replayer (checked first when the outcome is unknown)."""
    decision = decide(error, entry.call_kind)
    code, message = error.code or type(error).__name__, error.describe()
    if decision in (Decision.RETRY, Decision.CHECK_FIRST, Decision.WAIT_FOR_IT):
        return Settlement(entry.id, EntryStatus.WAITING_RETRY, error_code=code, error=message, next_attempt_at=now,
                          check_first=decision is Decision.CHECK_FIRST or error.outcome_unknown)
    return Settlement(entry.id, EntryStatus.NEEDS_ATTENTION, error_code=code, error=message)


class TillService:
    def __init__(self, config: Config, client: EngageClient, journal: Journal, replayer: Replayer, *,
                 clock: Callable[[], float] = time.time) -> None:
        self.config = config
        self.client = client
        self.journal = journal
        self.replayer = replayer
        self.clock = clock
        self._offers: dict[str, tuple[tuple[Promotion, ...], tuple[RewardVoucher, ...], float]] = {}
        self._background: set[asyncio.Future] = set()   # redemptions still running past the commit's deadline
        self.registration = Registration(lambda: self.config, client, journal, self._offers_for)
        self.points = PointsReader(client)

    # ------------------------------------------------------------------ identify

    def _read(self, raw: str, scanned: bool) -> scan.Classified | scan.Code:
        return scan.read(raw, scanned=scanned, default_country_code=self.config.default_country_code,
                         card_patterns=self.config.till.card_patterns, cards=self.config.till.cards)

    async def identify(self, raw: str, *, scanned: bool = False, basket: Basket | None = None,
                       customer: Customer | None = None, apply_offer: OfferApplier | None = None) -> IdentifyOutcome:
        """The customer a key belongs to. The same input takes an offer code (scan.read): with ``customer`` and
        ``basket`` given it selects that customer's offer (:meth:`use_code`); without, the cashier is told to
        identify the customer first (Found.CODE). ``apply_offer``: how the selected offer is applied (a sale
        session's own rule, TillSales.identify); by default :meth:`apply` on ``basket``."""
        try:
            classified = self._read(raw, scanned)
        except InputError as problem:
            # A voucher printed in GS1's coupon range is a valid EAN-13: refused as a product barcode, unless it is
            # exactly one of the identified customer's own offers (then it is hers, whatever its shape).
            classified = self._own_code(raw, customer) if basket is not None else None
            if classified is None:
                return IdentifyOutcome(Found.INVALID, message=texts.message_of(problem))
        if isinstance(classified, scan.Code):
            used = (self._use(basket, customer, classified, apply_offer) if basket is not None
                    and customer is not None else codes.identify_first(classified))
            return IdentifyOutcome(Found.CODE, customer, message=used.message, code=used)
        key = classified.key
        cached = self.journal.cached_contact(key)
        contact_id = cached
        if contact_id is None:
            try:
                contact_id = await self.client.identify(key)
            except EngageNotFound:
                return IdentifyOutcome(Found.NOT_FOUND, key=key,
                                       message=texts.tr("No customer with that {kind}", kind=classified.label))
            except MultipleMatches:
                return await self._several(key, classified.label)
            except (EngageUnavailable, EngageAuthError) as problem:
                return self._offline(key, None, problem)
            self.journal.cache_contact(key, contact_id)
        try:
            contact = await self.client.get_contact(contact_id)
        except EngageNotFound:
            self.journal.forget_contact(key)  # the cached id is stale (contact deleted or merged)
            return await self.identify(raw, scanned=scanned) if cached else IdentifyOutcome(Found.NOT_FOUND, key=key)
        except (EngageUnavailable, EngageAuthError) as problem:
            return self._offline(key, contact_id, problem)
        outcome = await self._identified(key, contact, from_cache=cached is not None)
        log.info("identified %s by %s (%s), %d promotions", contact.id, key.masked(),
                 "cached" if cached else "lookup", len(outcome.customer.promotions))
        return outcome

    @staticmethod
    def _own_code(raw: str, customer: Customer | None) -> scan.Code | None:
        """The input as a code when it is exactly one of this customer's offers (codes.offer_with), else None."""
        if customer is None:
            return None
        code = scan.as_code(raw)
        return code if code is not None and codes.offer_with(code, customer) is not None else None

    async def _identified(self, key: ContactKey, contact, *, from_cache: bool = False) -> IdentifyOutcome:
        """The customer with her offers and points, asked of Engage together (the points never hold her up)."""
        (promotions, vouchers, fetched_at), points = await asyncio.gather(self._offers_for(contact.id),
                                                                          self.points.points_of(contact.id))
        promotions, vouchers = self._unused(promotions, vouchers)
        customer = Customer(key, contact, promotions, vouchers, promotions_fetched_at=fetched_at, points=points)
        return IdentifyOutcome(Found.FOUND, customer, key, from_cache=from_cache)

    async def _several(self, key: ContactKey, kind: str) -> IdentifyOutcome:
        """Several customers share the key: those Engage can name, masked, for the cashier to pick (candidates.py);
        else (or Engage failing meanwhile) the cashier asks for another key."""
        try:
            several = await candidates.several_matches(self.client, key)
        except EngageError as problem:
            log.info("the customers sharing %s could not be listed: %s", key.masked(), type(problem).__name__)
            several = candidates.SeveralMatches(key)
        if not several.candidates:
            message = texts.tr("Several customers share that {kind}: ask for the email address or the card "
                               "instead", kind=kind)
        elif several.unlisted:
            message = texts.tr("Several customers share that {kind}: ask which one is here and pick them below "
                               "(if none of them, ask for the email address or the card)", kind=kind)
        else:
            message = texts.tr("Several customers share that {kind}: ask which one is here and pick them below",
                               kind=kind)
        return IdentifyOutcome(Found.MULTIPLE, key=key, message=message, several=several)

    async def pick(self, candidate: candidates.Candidate) -> IdentifyOutcome:
        """The cashier picked one of the customers sharing a key (:meth:`identify` listed them). Her contact id is
        cached under her own email, never under the shared key: the next customer with that key is asked again
        rather than silently taken for her. Engage failing meanwhile raises (the list stays: pick again): offline,
        the shared key could not tell Engage later whose sale it was."""
        try:
            contact = await self.client.get_contact(candidate.contact_id)
        except EngageNotFound:
            return IdentifyOutcome(Found.NOT_FOUND, key=candidate.key,
                                   message=texts.tr("That customer is no longer in Engage: identify them again"))
        key = ContactKey.email(contact.email) if contact.email else candidate.key
        if key != candidate.key:
            self.journal.cache_contact(key, contact.id)
        log.info("identified %s by %s (picked among several)", contact.id, candidate.key.masked())
        return await self._identified(key, contact)

    async def _offers_for(self, contact_id: str):
        now = datetime.now().astimezone()
        try:
            promotions, vouchers = await asyncio.gather(self.client.list_promotions(contact_id),
                                                        self.client.list_reward_vouchers(contact_id))
        except EngageError:
            cached = self._offers.get(contact_id)
            return cached if cached else ((), (), None)
        usable = tuple(p for p in promotions if p.is_usable_at_pos(now))
        usable_vouchers = tuple(v for v in vouchers.items if v.is_usable(now))
        self._offers[contact_id] = (usable, usable_vouchers, self.clock())
        return self._offers[contact_id]

    def _offline(self, key: ContactKey, contact_id: str | None, problem: EngageError) -> IdentifyOutcome:
        promotions, vouchers, fetched_at = self._offers.get(contact_id or "", ((), (), None))
        promotions, vouchers = self._unused(promotions, vouchers)
        customer = Customer(key, None, promotions, vouchers, offline=True, promotions_fetched_at=fetched_at)
        by = scan.KIND_WORDS[key.kind]
        message = (texts.tr("Engage refused this till ({problem}): the customer is attached by {kind} and will be "
                            "matched later", problem=texts.message_of(problem), kind=by)
                   if isinstance(problem, EngageAuthError) else
                   texts.tr("Engage is not answering: the customer is attached by {kind} and will be matched later",
                            kind=by))
        return IdentifyOutcome(Found.OFFLINE, customer, key, message=message)

    # ------------------------------------------------------------------ register, update, upgrade

    async def register(self, contact: NewContact, *, consent: ConsentEvidence | None = None) -> RegisterOutcome:
        """Look up, then create (never a second contact), or journal it when Engage is down: registration.py."""
        return await self.registration.register(contact, consent=consent)

    async def confirm_registration(self, existing: ExistingContact, *, accepted: bool) -> RegisterOutcome:
        """The cashier's answer about a customer Engage already holds (a RegisterOutcome's ``existing``)."""
        return await self.registration.confirm(existing, accepted=accepted)

    async def update_details(self, customer: Customer, values: dict[str, str]) -> RegisterOutcome:
        """Send only what changed; offline, the change waits in the journal (in order, per contact)."""
        return await self.registration.update_details(customer, values)

    async def upgrade_to_member(self, customer: Customer) -> RegisterOutcome:
        """A newsletter Contact becomes a Member (a member number follows from Engage)."""
        return await self.registration.upgrade_to_member(customer)

    # ------------------------------------------------------------------ offers at the till

    def _sale_id(self, basket: Basket) -> str:
        return basket.sale_id(self.config.store_external_id, self.config.till_id, datetime.now().astimezone())

    def _unused(self, promotions: tuple[Promotion, ...],
                vouchers: tuple[RewardVoucher, ...]) -> tuple[tuple[Promotion, ...], tuple[RewardVoucher, ...]]:
        """The offers this till has not used in a committed sale (Engage may not know of that use yet)."""
        used = self.journal.used_offers([p.id for p in promotions] + [v.id for v in vouchers])
        if not used:
            return promotions, vouchers
        return tuple(p for p in promotions if p.id not in used), tuple(v for v in vouchers if v.id not in used)

    def apply(self, basket: Basket, offer: Promotion | RewardVoucher, customer: Customer) -> AppliedDiscount:
        """Reserve a promotion or voucher for this sale (redeemed when the sale is committed).

        Refused with the rule in plain words (InputError): an offer this till already used in a committed sale or
        holds in another open sale, an offer in another currency, more percent promotions on a line than the store
        allows, or (Engage offline) the store's offline rules."""
        till = self.config.till
        basket.percent_promotions_per_line = max(0, int(till.percent_promotions_per_line))
        applied = basket.apply_promotion(offer) if isinstance(offer, Promotion) else basket.apply_voucher(offer)
        try:
            if customer.offline or customer.contact is None:
                refusal = offline_refusal(OfflineRules.of(till), offer, basket.discount_total)
                if refusal is not None:
                    raise InputError(refusal)
            self.journal.reserve_offer(offer.id, applied.kind, self._sale_id(basket))
        except BaseException:
            basket.release(applied.source_id)
            raise
        return applied

    def use_code(self, basket: Basket, customer: Customer | None, raw: str, *, scanned: bool = False) -> CodeOutcome:
        """A code the customer shows selects her offer and applies it (:meth:`apply`: the ledger's rules hold, so
        an offer is redeemed once). A key instead of a code, no customer, an unknown code: said, nothing applied."""
        try:
            read = self._read(raw, scanned)
        except InputError as problem:
            return CodeOutcome(scan.clean(raw)[:scan.MAX_INPUT], message=texts.message_of(problem))
        if not isinstance(read, scan.Code):
            return CodeOutcome(read.key.masked(), message=texts.tr("That is a customer's {kind}, not an offer code",
                                                                   kind=read.label))
        return self._use(basket, customer, read)

    def _use(self, basket: Basket, customer: Customer | None, code: scan.Code,
             apply_offer: OfferApplier | None = None) -> CodeOutcome:
        if customer is None:
            return codes.identify_first(code)
        offer = codes.offer_with(code, customer)
        if offer is None:
            return codes.unknown(code, customer)
        try:
            applied = apply_offer(offer) if apply_offer is not None else self.apply(basket, offer, customer)
        except InputError as refused:
            return CodeOutcome(code.text, offer=offer, message=texts.message_of(refused))
        log.info("code selected offer %s for %s", offer.id, customer.contact.id if customer.contact else "?")
        return codes.selected(code, offer, applied)

    def remove_offer(self, basket: Basket, source_id: str) -> None:
        """The cashier takes an offer off the open sale: another sale may use it."""
        basket.release(source_id)
        if basket.unique_id:
            self.journal.release_offer(source_id, basket.unique_id, note="removed by the cashier")

    def void(self, basket: Basket) -> int:
        """The sale is abandoned: the offers it reserved are free again (nothing was redeemed)."""
        return self.journal.release_sale(basket.unique_id, note="sale voided") if basket.unique_id else 0

    # ------------------------------------------------------------------ committing a sale

    def _prepare(self, basket: Basket, customer: Customer | None, payment_type: str,
                 finish_receipt: ReceiptFinisher | None = None) -> _PreparedSale:
        """The receipt and the entries that deliver it, with the offers they take. A sale without a customer is
        posted only to the tenant's catch-all contact when one is configured (anything else matches nobody).

        ``finish_receipt``: a sale the POS rang up adds its own fields to the receipt's JSON (the POS link's
        receipt number, payments and pass-through fields); what the companion adds stays as it is."""
        store, till = self.config.store_external_id, self.config.till_id
        sale_id = self._sale_id(basket)
        posted = True
        if customer is not None:
            contact = customer.match_key_with(self.config.engage.match_key_types)
        elif self.config.till.anonymous_contact:
            contact = MatchKey(self.config.till.anonymous_contact,
                               MatchKeyType.parse(self.config.engage.match_key_types.external_id))
        else:
            posted = False
            contact = MatchKey(sale_id, MatchKeyType.EXTERNAL_ID)  # built for its totals only, never sent
        receipt = basket.to_receipt(contact=contact, store=store, till=till, created=datetime.now().astimezone(),
                                    payment_type=payment_type, unique_id=sale_id)
        entries = [payloads.receipt(receipt, depends_on=customer.registration_entry if customer else None,
                                    exchange_rate=group_exchange_rate(self.config))] \
            if posted else []
        if finish_receipt is not None and entries:
            entries[0] = replace(entries[0], payload={"receipt": finish_receipt(entries[0].payload["receipt"])})
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
        return _PreparedSale(receipt, entries, offers, posted)

    def _outcome(self, prepared: _PreparedSale, entries: list, **extra) -> SaleOutcome:
        receipt = prepared.receipt
        if not prepared.posted:
            extra.setdefault("message", texts.tr("Sale without a customer: counted, not sent to Engage (no "
                                                 "catch-all contact is configured)"))
        log.info("sale %s journaled: total %s %s, %d entries%s", receipt.unique_receipt_id, receipt.total_gross_price,
                 receipt.currency, len(entries), "" if prepared.posted else " (anonymous: not posted)")
        return SaleOutcome(receipt.unique_receipt_id, receipt.total_gross_price, tuple(e.id for e in entries),
                           posted=prepared.posted, **extra)

    def finish_sale(self, basket: Basket, customer: Customer | None, *, payment_type: str = "Card",
                    finish_receipt: ReceiptFinisher | None = None) -> SaleOutcome:
        """Journal the receipt and its redemptions in one transaction; delivery happens after (deliver_now).

        Refused (OfferAlreadyUsed, nothing journaled) when another sale at this till used one of its offers."""
        prepared = self._prepare(basket, customer, payment_type, finish_receipt)
        committed = self.journal.commit_sale(prepared.entries, sale_id=prepared.receipt.unique_receipt_id,
                                             offers=prepared.offers, anonymous=not prepared.posted)
        return self._outcome(prepared, committed.entries)

    async def commit(self, basket: Basket, customer: Customer | None, *, payment_type: str = "Card",
                     finish_receipt: ReceiptFinisher | None = None) -> SaleOutcome:
        """Commit the sale; online, its offers are redeemed before the customer leaves.

        Journal first: the receipt (held back) and the redemptions (in flight, so no replayer sends them too) are
        written in one transaction, then the redemptions are sent with a short deadline (till.redeem_deadline, at
        most 1.5 s). An offer Engage refuses in that time (used elsewhere) comes back in ``refused`` and the receipt
        waits for the cashier: :meth:`remove_refused` or :meth:`keep_refused`. Past the deadline the sale goes on;
        an answer still to come is settled when it comes (or checked after a crash, like any unknown outcome)."""
        prepared = self._prepare(basket, customer, payment_type, finish_receipt)
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
                                 message=texts.tr("Engage refused {count} offer(s): used elsewhere. Remove them "
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
        for refused in sale.refused:
            self.journal.resolve(refused.entry_id, actor=cashier, till=self.config.till_id,
                                 reason=f"Engage refused the offer (used elsewhere); the cashier removed it from "
                                        f"sale {sale.receipt_id} before the receipt was final")
        gone = {refused.entry_id for refused in sale.refused}
        receipt = prepared.receipt
        return SaleOutcome(receipt.unique_receipt_id, receipt.total_gross_price,
                           tuple(i for i in sale.entry_ids if i not in gone),
                           message=texts.tr("The refused offers were removed: the total is now {total}",
                                            total=f"{receipt.total_gross_price:.2f}"))

    def keep_refused(self, sale: SaleOutcome) -> SaleOutcome:
        """The store honours the refused offers anyway: the receipt goes as it is; each stays a conflict for the
        manager, naming this sale."""
        if sale.held_receipt is not None:
            self.journal.release_held(sale.held_receipt)
        return replace(sale, held_receipt=None,
                       message=texts.tr("Sale saved with the offers Engage refused: the manager sees the conflict"))

    async def deliver_now(self, entry_ids: tuple[int, ...] | None = None) -> ReplayReport:
        """Try to send right away: ``entry_ids`` (a finished sale's, a queued registration) before the backlog,
        which background delivery sends in turn; without ids, the next batch of what is due."""
        if entry_ids:
            return await self.replayer.replay_entries(entry_ids)
        return await self.replayer.replay_once()

    def status_of(self, entry_ids: tuple[int, ...]) -> str:
        """'sent' when every entry of a sale is delivered, else 'queued'."""
        statuses = set(self.journal.statuses(entry_ids).values())   # read without the payloads
        return "sent" if statuses == {EntryStatus.DELIVERED} else "queued"
