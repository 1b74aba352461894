"""TillService: the cashier's use cases. Each returns an outcome saying what happened; none touches the UI.

The use cases are split by concept: identifying the customer (identification.py's Identifying), committing the
sale (sale_commit.py's SaleCommitting); TillService combines them with registering (registration.py), the offers
applied to the open sale (here) and delivery on demand.

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
import dataclasses
import logging
import time
from collections.abc import Callable
from datetime import datetime

from pos_engage.core import texts
from pos_engage.core.config import Config
from pos_engage.core.domain import NewContact, Promotion, RewardVoucher
from pos_engage.core.engage.client import EngageClient
from pos_engage.core.errors import InputError
from pos_engage.core.journal.entry import EntryStatus
from pos_engage.core.journal.replayer import Replayer, ReplayReport
from pos_engage.core.journal.store import Journal
from pos_engage.core.till import codes, scan
from pos_engage.core.till.basket import AppliedDiscount, Basket
from pos_engage.core.till.codes import CodeOutcome
from pos_engage.core.till.identification import Identifying, OfferApplier
from pos_engage.core.till.loyalty import PointsReader
from pos_engage.core.till.offer_rules import OfflineRules, offline_refusal
from pos_engage.core.till.outcomes import ConsentEvidence, Customer, ExistingContact, RegisterOutcome
from pos_engage.core.till.registration import Registration
from pos_engage.core.till.sale_commit import Origin, SaleCommitting, journaling_from

log = logging.getLogger(__name__)


class TillService(Identifying, SaleCommitting):
    def __init__(self, config: Config, client: EngageClient, journal: Journal, replayer: Replayer, *,
                 clock: Callable[[], float] = time.time) -> None:
        self.config = config
        self.client = client
        self.journal = journal
        self.replayer = replayer
        self.clock = clock
        # Who is at the till: the person signed in ("Anna Berg (1001)"), or the till itself ("till 3") when it is
        # shared, as the audit names them. The window sets it as people sign in and out; None while nobody is (a
        # headless serve). Every sale journaled records it (sale_commit).
        self.at_till: str | None = None
        self._offers: dict[str, tuple[tuple[Promotion, ...], tuple[RewardVoucher, ...], float]] = {}
        self._background: set[asyncio.Future] = set()   # redemptions still running past the commit's deadline
        self.registration = Registration(lambda: self.config, client, journal, self._offers_for)
        self.points = PointsReader(client)

    def journaling(self, origin: Origin):
        """For a door (the POS link's HTTP or folders, the window's returns): what is journaled inside records
        ``origin`` and who is at the till now, whichever use case writes it (``with till.journaling(...):``)."""
        return journaling_from(origin, self.at_till)

    # ------------------------------------------------------------------ register, update, upgrade

    async def register(self, contact: NewContact, *, consent: ConsentEvidence | None = None) -> RegisterOutcome:
        """Look up, then create (never a second contact), or journal it when Engage is down: registration.py.
        The customer comes with her points, as an identified one does."""
        return await self._with_points(await self.registration.register(contact, consent=consent))

    async def confirm_registration(self, existing: ExistingContact, *, accepted: bool) -> RegisterOutcome:
        """The cashier's answer about a customer Engage already holds (a RegisterOutcome's ``existing``), with
        her points."""
        return await self._with_points(await self.registration.confirm(existing, accepted=accepted))

    async def _with_points(self, outcome: RegisterOutcome) -> RegisterOutcome:
        """The outcome's customer with her points (registration's steps bring her contact and offers): a customer
        Engage already held ("Keep as Engage has it") has points to show. Asked with the points' own short
        deadline (PointsReader); not while her registration waits for Engage."""
        customer = outcome.customer
        if customer is None or customer.contact is None or customer.points is not None or outcome.queued:
            return outcome
        points = await self.points.points_of(customer.contact.id)
        return dataclasses.replace(outcome, customer=dataclasses.replace(customer, points=points))

    async def update_details(self, customer: Customer, values: dict[str, str]) -> RegisterOutcome:
        """Send only what changed; offline, the change waits in the journal (in order, per contact)."""
        return await self.registration.update_details(customer, values)

    async def upgrade_to_member(self, customer: Customer) -> RegisterOutcome:
        """A newsletter Contact becomes a Member (a member number follows from Engage)."""
        return await self.registration.upgrade_to_member(customer)

    # ------------------------------------------------------------------ offers at the till

    def _sale_id(self, basket: Basket) -> str:
        if basket.unique_id is not None:   # fixed already: the clock and its zone are not asked (each apply asks)
            return basket.unique_id
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
            if customer.without_engage:
                refusal = offline_refusal(OfflineRules.of(till), offer, basket.discount_total, basket.currency)
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
    async def deliver_now(self, entry_ids: tuple[int, ...] | None = None) -> ReplayReport:
        """Try to send right away: ``entry_ids`` (a finished sale's, a queued registration) before the backlog,
        which background delivery sends in turn; without ids, the next batch of what is due."""
        if entry_ids:
            return await self.replayer.replay_entries(entry_ids)
        return await self.replayer.replay_once()

    def status_of(self, entry_ids: tuple[int, ...]) -> str:
        """'sent' when every entry of a sale is delivered, 'not_sent' when it has none (a sale without a customer
        where no catch-all contact is configured: counted at the till, nothing for Engage), else 'queued'."""
        if not entry_ids:
            return "not_sent"
        statuses = set(self.journal.statuses(entry_ids).values())   # read without the payloads
        return "sent" if statuses == {EntryStatus.DELIVERED} else "queued"
