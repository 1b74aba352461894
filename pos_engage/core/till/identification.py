"""Identifying the customer at the till: a key typed or scanned, the customer with her offers and points.

The sale never waits for Engage: when Engage is down or refuses this till, the customer is attached by the key and
matched later (Found.OFFLINE, with the offers this till last saw for her); a known key costs no lookup (the
journal's contact cache). The same input takes an offer code (scan.read); several customers sharing a key are
listed, masked, for the cashier to pick (candidates.py).

A customer found offline is a copy: no contact, the offers last seen, the offline rules. Once Engage answers again
she is looked up once more by the same key (:meth:`Identifying.identify_again`, asked by whoever holds the sale)
and the copy replaced by her contact, her offers and points; a key that now finds no one, or several, keeps the
copy (the sale is matched later by its key, as before).

A mixin of TillService (service.py), kept apart from committing the sale: it only reads (Engage, the cache) and
never writes a journal entry.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime

from pos_engage.core import texts
from pos_engage.core.config import Config
from pos_engage.core.domain import ContactKey, Promotion, RewardVoucher
from pos_engage.core.engage.client import EngageClient
from pos_engage.core.errors import (
    EngageAuthError,
    EngageError,
    EngageNotFound,
    EngageUnavailable,
    InputError,
    MultipleMatches,
)
from pos_engage.core.journal.store import Journal
from pos_engage.core.till import candidates, codes, scan
from pos_engage.core.till.basket import AppliedDiscount, Basket
from pos_engage.core.till.codes import CodeOutcome
from pos_engage.core.till.loyalty import PointsReader
from pos_engage.core.till.outcomes import Customer, Found, IdentifyOutcome

log = logging.getLogger(__name__)

# Applies the offer a code selected to the sale, by the sale session's rule (raises InputError when refused).
OfferApplier = Callable[[Promotion | RewardVoucher], AppliedDiscount]


class Identifying:
    """TillService's identify and pick; uses its ``config``, ``client``, ``journal``, ``clock``, ``points``, the
    offers it last saw per contact (``_offers``), ``_unused`` and ``_use``."""

    config: Config
    client: EngageClient
    journal: Journal
    clock: Callable[[], float]
    points: PointsReader
    _offers: dict[str, tuple[tuple[Promotion, ...], tuple[RewardVoucher, ...], float]]
    _unused: Callable[..., tuple[tuple[Promotion, ...], tuple[RewardVoucher, ...]]]
    _use: Callable[..., CodeOutcome]

    def _read(self, raw: str, scanned: bool) -> scan.Classified | scan.Code:
        return scan.read(raw, scanned=scanned, default_country_code=self.config.default_country_code,
                         card_patterns=self.config.till.card_patterns, cards=self.config.till.cards)

    def offer_code(self, raw: str, customer: Customer | None = None) -> scan.Code | None:
        """``raw`` as an offer code, as :meth:`identify` reads it (None: a customer's key, or nothing usable),
        without asking Engage."""
        try:
            read = self._read(raw, False)
        except InputError:
            return self._own_code(raw, customer)
        return read if isinstance(read, scan.Code) else None

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

    async def identify_again(self, customer: Customer) -> IdentifyOutcome:
        """An offline copy of a customer looked up again by her key (Engage may answer again): Found.FOUND with her
        contact, offers and points, to replace the copy on the sale (the same key: the offers applied stay);
        Found.OFFLINE while Engage still does not answer (ask again later); Found.NOT_FOUND or Found.MULTIPLE when
        the key no longer finds exactly one customer (the copy stays, matched later as before; no need to ask
        again). A customer that is no offline copy, or one registered offline (the sale's receipt waits for that
        registration), is answered as she is (FOUND, the same customer)."""
        key = customer.key
        if not customer.offline or customer.registration_entry is not None:
            return IdentifyOutcome(Found.FOUND, customer, key)
        for cached in (self.journal.cached_contact(key), None):
            try:
                contact_id = cached or await self.client.identify(key)
                contact = await self.client.get_contact(contact_id)
            except EngageNotFound:
                if cached:   # the cached id is stale (contact deleted or merged): ask by the key itself
                    self.journal.forget_contact(key)
                    continue
                return IdentifyOutcome(Found.NOT_FOUND, key=key)
            except MultipleMatches:
                return IdentifyOutcome(Found.MULTIPLE, key=key)
            except EngageError as problem:   # down, refusing this till, or any answer but hers: later
                log.info("%s not looked up again yet: %s", key.masked(), type(problem).__name__)
                return IdentifyOutcome(Found.OFFLINE, customer, key)
            if cached is None:
                self.journal.cache_contact(key, contact_id)
            outcome = await self._identified(key, contact, from_cache=cached is not None)
            log.info("identified %s again by %s once Engage answered, %d promotions", contact.id, key.masked(),
                     len(outcome.customer.promotions))
            return replace(outcome, message=texts.tr("Engage answers again: the customer is found, with the offers "
                                                     "Engage holds for them"))
        return IdentifyOutcome(Found.NOT_FOUND, key=key)

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

    @staticmethod
    def said_offline(message: object) -> bool:
        """Whether ``message`` is what identifying a customer offline says ("... attached by card and will be matched
        later", :meth:`_offline`): once she is found again it is no longer so (offline_copies.py takes it back)."""
        return getattr(message, "template", "").endswith("the customer is attached by {kind} and will be matched "
                                                         "later")

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
