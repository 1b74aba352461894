"""TillService: the cashier's use cases. Each returns an outcome saying what happened; none touches the UI.

The sale never waits for Engage: identification falls back to deferred matching when Engage is down, a
registration goes to the journal, and finishing a sale commits the receipt and its redemptions to the journal
before anything is sent.
"""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Callable
from datetime import datetime
from decimal import Decimal

from pos_engage.core import texts
from pos_engage.core.config import Config
from pos_engage.core.domain import (
    ContactKey,
    MatchKey,
    MatchKeyType,
    NewContact,
    Promotion,
    RewardVoucher,
)
from pos_engage.core.engage.client import EngageClient
from pos_engage.core.errors import (
    EngageAuthError,
    EngageError,
    EngageNotFound,
    EngageUnavailable,
    InputError,
    MultipleMatches,
)
from pos_engage.core.journal import payloads
from pos_engage.core.journal.entry import EntryStatus
from pos_engage.core.journal.replayer import Replayer, ReplayReport
from pos_engage.core.journal.store import Journal
from pos_engage.core.till import scan
from pos_engage.core.till.basket import AppliedDiscount, Basket
from pos_engage.core.till.outcomes import (
    ConsentEvidence,
    Customer,
    ExistingContact,
    Found,
    IdentifyOutcome,
    RegisterOutcome,
    SaleOutcome,
)
from pos_engage.core.till.registration import Registration

log = logging.getLogger(__name__)

class TillService:
    def __init__(self, config: Config, client: EngageClient, journal: Journal, replayer: Replayer, *,
                 clock: Callable[[], float] = time.time) -> None:
        self.config = config
        self.client = client
        self.journal = journal
        self.replayer = replayer
        self.clock = clock
        self._offers: dict[str, tuple[tuple[Promotion, ...], tuple[RewardVoucher, ...], float]] = {}
        self.registration = Registration(config, client, journal, self._offers_for)

    # ------------------------------------------------------------------ identify

    async def identify(self, raw: str, *, scanned: bool = False) -> IdentifyOutcome:
        try:
            classified = scan.classify(raw, scanned=scanned,
                                       default_country_code=self.config.default_country_code,
                                       card_patterns=self.config.till.card_patterns)
        except InputError as problem:
            return IdentifyOutcome(Found.INVALID, message=texts.message_of(problem))
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
                return IdentifyOutcome(Found.MULTIPLE, key=key,
                                       message=texts.tr("Several customers share that {kind}: ask for the email "
                                                        "address or the card instead", kind=classified.label))
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
        promotions, vouchers, fetched_at = await self._offers_for(contact.id)
        customer = Customer(key, contact, promotions, vouchers, promotions_fetched_at=fetched_at)
        log.info("identified %s by %s (%s), %d promotions", contact.id, key.masked(),
                 "cached" if cached else "lookup", len(promotions))
        return IdentifyOutcome(Found.FOUND, customer, key, from_cache=cached is not None)

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

    def apply(self, basket: Basket, offer: Promotion | RewardVoucher, customer: Customer) -> AppliedDiscount:
        """Reserve a promotion or voucher for this sale (redeemed when the sale is finished)."""
        applied = basket.apply_promotion(offer) if isinstance(offer, Promotion) else basket.apply_voucher(offer)
        if customer.offline or customer.contact is None:
            policy = self.config.till.offline_redemption
            value = basket.discount_total
            if policy == "deny" or (policy == "allow_up_to" and value > Decimal(str(self.config.till.offline_max))):
                basket.release(applied.source_id)
                raise InputError(texts.tr("Engage is offline: this store does not allow promotions then")
                                 if policy == "deny" else
                                 texts.tr("Engage is offline: discounts above {limit} are not allowed",
                                          limit=self.config.till.offline_max))
        return applied

    # ------------------------------------------------------------------ finishing a sale

    def finish_sale(self, basket: Basket, customer: Customer | None, *, payment_type: str = "Card") -> SaleOutcome:
        """Journal the receipt and its redemptions in one transaction. Delivery happens after (deliver_now)."""
        store, till = self.config.store_external_id, self.config.till_id
        contact = customer.match_key if customer else MatchKey(f"{store}-{till}-anonymous", MatchKeyType.EXTERNAL_ID)
        receipt = basket.to_receipt(contact=contact, store=store, till=till, created=datetime.now().astimezone(),
                                    payment_type=payment_type)
        entries = []
        if customer is not None and customer.contact is not None:
            for discount in basket.discounts:
                if discount.kind == "promotion":
                    entries.append(payloads.promotion_redemption(discount.source_id, contact_id=customer.contact.id,
                                                                 promotion_id=discount.template_id))
                else:
                    entries.append(payloads.voucher_redemption(discount.source_id, contact_id=customer.contact.id))
        depends_on = customer.registration_entry if customer else None
        entries.insert(0, payloads.receipt(receipt, depends_on=depends_on))
        recorded = self.journal.record(entries, sale_id=receipt.unique_receipt_id)
        log.info("sale %s journaled: total %s %s, %d entries", receipt.unique_receipt_id, receipt.total_gross_price,
                 receipt.currency, len(recorded))
        return SaleOutcome(receipt.unique_receipt_id, receipt.total_gross_price, tuple(e.id for e in recorded))

    async def deliver_now(self) -> ReplayReport:
        """Try to send what is due right away (a finished sale, a queued registration)."""
        return await self.replayer.replay_once()

    def status_of(self, entry_ids: tuple[int, ...]) -> str:
        """'sent' when every entry of a sale is delivered, else 'queued'."""
        statuses = {self.journal.get(i).status for i in entry_ids}
        return "sent" if statuses == {EntryStatus.DELIVERED} else "queued"
