"""The sale sessions of the POS link (issue 16): the open sales of this till by the POS's id, and the use cases on them.

The POS owns the basket, the payment and the slip; the companion owns the customer and the offers (one sale's state
is sale_session.py's). Every rule is the till's own: identifying, applying and removing offers, voiding and
committing go through TillService and the journal's offer ledger, exactly as at the window; :class:`SaleSessions`
only takes the POS's basket (read and checked by pos_sale_input.py), orders the changes under each session's lock
and tells the listeners. Money is an integer in minor units at this door (pos_money.py converts it).

Parts of it by concept: identifying the customer (session_customer.py), voiding and committing
(session_ending.py: committing is the POS's, the total it charged must equal ``toPay``).

Both transports use this: the HTTP link (pos_engage.link) and the inbox's answer and commit files. A return
(``returnOf``) is handed to session_returns.py, imported where it is needed, since it builds on these modules.
"""

from __future__ import annotations

import logging
import time
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from pos_engage.core import texts
from pos_engage.core.errors import InputError
from pos_engage.core.journal.errors import JournalError
from pos_engage.core.journal.offer_ledger import OfferAlreadyUsed
from pos_engage.core.till import pos_json
from pos_engage.core.till.basket import Basket
from pos_engage.core.till.offer_rules import OfflineRules
from pos_engage.core.till.offline_copies import OfflineCopies
from pos_engage.core.till.pos_sale_input import (
    SALE_ID,
    SaleProblem,
    parse_basket,
)
from pos_engage.core.till.sale_session import SaleSession, offer_title
from pos_engage.core.till.session_customer import SessionCustomer
from pos_engage.core.till.session_ending import SessionEnding

log = logging.getLogger(__name__)
KEEP_CLOSED = 500                        # committed and voided sessions answered (a retry, a late GET)


class SaleSessions(SessionCustomer, SessionEnding):
    """The open sales of this till, by the POS's id, and the use cases on them (identifying the customer, an offer
    code she shows: SessionCustomer).

    ``listeners`` are called (synchronously, on the loop) after every change with the session: the window's bridge
    redraws, the inbox rewrites the answer file. A listener's failure is its own (logged, never the sale's)."""

    def __init__(self, till, *, clock: Callable[[], float] = time.time) -> None:
        self.till = till                      # TillService
        self.clock = clock
        self._sessions: OrderedDict[str, SaleSession] = OrderedDict()
        self._ended: OrderedDict[str, None] = OrderedDict()   # the ended sales held, oldest first (_close)
        self._open_now: dict[str, SaleSession] = {}   # the open ones (open_sessions: asked at every change shown)
        self.listeners: list[Callable[[SaleSession], None]] = []
        # The customerKey each sale's PUT last carried: a POS sends the key it scanned with every basket, and only a
        # new one is looked up (else the POS's next article undid the customer the cashier picked or changed in the
        # window, and took that customer's offers off the sale).
        self._scanned: dict[str, str] = {}
        self._rules: tuple = (None, None, 0)   # (the till's settings, their offline rules, percents per line)
        self.offline_copies = OfflineCopies(self)   # customers taken while Engage was down, looked up again
        # The open sales with a customer (the POS's and the till's own), by identity: whose offers another sale's
        # change may make applicable or not (_notify).
        self._customers_shown: dict[int, SaleSession] = {}
        # The sales of a till that stopped are gone (they are kept in memory only): what they reserved is free.
        try:
            till.journal.release_orphaned_reservations()
        except JournalError as busy:   # another program holds the journal: those offers wait out their time limit
            log.warning("the offers of a stopped till's sales are not released now (%s): they are free again "
                        "after their reservation's time limit", busy)

    # -------------------------------------------------------------- reading

    def get(self, pos_sale_id: str) -> SaleSession:
        session = self._sessions.get(pos_sale_id)
        if session is None:
            self._refuse_forgotten(pos_sale_id)
            raise SaleProblem(texts.tr("No sale {sale} at this till", sale=pos_sale_id), code="SaleNotFound",
                              kind="not_found")
        return session

    def _refuse_forgotten(self, pos_sale_id: str) -> None:
        """A sale this till committed whose session it no longer holds (a restart, many sales later) is a 409
        SaleCommitted naming its receipt, not a 404: a POS that asks again after losing the answer (its commit's
        key lost too) must learn that it was committed, never that the sale is unknown (it would sell it again)."""
        if not SALE_ID.fullmatch(pos_sale_id or ""):
            return
        config = self.till.config
        unique_id = f"{config.store_external_id}-{config.till_id}-{pos_sale_id}"
        if self.till.journal.sale_committed(unique_id):
            raise SaleProblem(texts.tr("Sale {sale} was committed at this till (receipt {receipt}); the till no "
                                       "longer keeps its state", sale=pos_sale_id, receipt=unique_id),
                              code="SaleCommitted", kind="conflict", extra={"uniqueReceiptId": unique_id})

    def holds(self, pos_sale_id: str) -> bool:
        """Whether this till holds the sale's session (open, or closed and still answered)."""
        return pos_sale_id in self._sessions

    def open_sessions(self) -> list[SaleSession]:
        return list(self._open_now.values())

    def _hold(self, session: SaleSession) -> None:
        """A new sale of the POS's, open: answered by its posSaleId from now on."""
        self._sessions[session.pos_sale_id] = session
        self._open_now[session.pos_sale_id] = session

    def state(self, session: SaleSession) -> dict[str, Any]:
        """The sale's state, computed once per version: the POS's answer, its long polls, the answer file and the
        window all read the same state (read it, never change it: once encoded, :meth:`state_json` keeps only its
        bytes, and this dict is read back from them). Besides the version, what the state is made of is compared
        too (by identity, cheap), so a change that did not grow the version is never answered stale."""
        key, state, encoded = self._answer(session)
        if state is None:   # only its JSON was kept (state_json): read back once, the same values
            state = pos_json.decoded(encoded)
            session._answered = (key, state, encoded)
        return state

    def state_json(self, session: SaleSession) -> bytes:
        """:meth:`state` as the UTF-8 JSON the link answers, encoded once per version too. An ended sale keeps only
        the bytes: a 20-line state is ~80 dicts and lists that every session kept would hold for the garbage
        collector to walk (they were most of the till's heap after a few hundred sales, and its full collections
        the slowest answers); :meth:`state` reads them back from the bytes when it is asked."""
        key, state, encoded = self._answer(session)
        if encoded is None:
            encoded = pos_json.dumps(state)
            # An open sale keeps its dict too: the window reads it after the POS's answer (or the answer file) was
            # encoded, and a state read back from JSON has plain text where core's sentences kept their templates
            # (the cashier saw a Swedish card say why in English). Only the few open sales keep one.
            session._answered = (key, state if session.status == "open" else None, encoded)
        return encoded

    def _answer(self, session: SaleSession) -> tuple[tuple, dict[str, Any], bytes | None]:
        till = self.till.config.till
        if self._rules[0] is not till:   # read once per settings (a new configuration is a new object)
            self._rules = (till, OfflineRules.of(till), max(0, int(till.percent_promotions_per_line)))
        _, rules, per_line = self._rules
        basket = session.basket
        key = (session.version, session.status, rules, per_line, session.customer, session.lines,
               tuple(basket.lines), tuple(basket.discounts), basket.currency, tuple(session.messages),
               session.receipt)
        answered = session._answered
        if answered is not None and answered[0] == key:
            return answered
        held = None
        if session.customer is not None and session.status == "open":
            offers = (*session.customer.promotions, *session.customer.vouchers)
            held = self.till.journal.held_elsewhere([offer.id for offer in offers], basket.unique_id)
        session._answered = (key, session.state(rules, per_line, held), None)
        return session._answered

    def _notify(self, session: SaleSession) -> None:
        session.changed()
        self._tell(session)
        # An offer this sale took or gave back (applied, removed, voided, committed, another customer) is one the
        # other open sales of the same customer list with whether they can take it: their state changed too, so
        # their version grows and whoever waits on them hears it (a POS integrator's review: another sale's GET
        # said "applicable" for an offer this one held, and its long poll never woke).
        held = frozenset(d.source_id for d in session.basket.discounts) if session.status == "open" else frozenset()
        moved = held ^ session._offers_held
        session._offers_held = held
        if session.status == "open" and session.customer is not None:
            self._customers_shown[id(session)] = session
        else:
            self._customers_shown.pop(id(session), None)
        if moved:
            for other in list(self._customers_shown.values()):
                if other is not session and other.status == "open" and other.customer is not None and any(
                        offer.id in moved for offer in (*other.customer.promotions, *other.customer.vouchers)):
                    other.changed()
                    self._tell(other)

    def _tell(self, session: SaleSession) -> None:
        for listener in list(self.listeners):
            try:
                listener(session)
            except Exception:  # a redraw or a file write must not undo the sale's change
                import logging

                logging.getLogger(__name__).exception("a listener of sale %s failed", session.pos_sale_id)

    def _close(self, session: SaleSession, status: str) -> None:
        """The sale ended (committed or voided). The POS's retries and late reads of the last KEEP_CLOSED ended
        sales are answered; the oldest beyond them is forgotten now, one for each sale that ends, so that no request
        pays for forgetting many at once (freeing a hundred sessions of 20 lines took ~3 ms: every hundredth new
        sale's answer, when they were forgotten in steps)."""
        session.status, session.closed_at = status, self.clock()
        if self._sessions.get(session.pos_sale_id) is not session:
            return
        self._open_now.pop(session.pos_sale_id, None)
        self._ended[session.pos_sale_id] = None
        while len(self._ended) > KEEP_CLOSED:
            oldest, _ = self._ended.popitem(last=False)
            self._sessions.pop(oldest, None)
            self._scanned.pop(oldest, None)

    @staticmethod
    def _open(session: SaleSession) -> None:
        if session.status == "committed":
            raise SaleProblem(texts.tr("Sale {sale} is committed already", sale=session.pos_sale_id),
                              code="SaleCommitted", kind="conflict")
        if session.status == "voided":
            raise SaleProblem(texts.tr("Sale {sale} was voided", sale=session.pos_sale_id), code="SaleVoided",
                              kind="conflict")

    # -------------------------------------------------------------- the POS's basket

    def receipt_id_of(self, pos_sale_id: str) -> str:
        """The uniqueReceiptId a new sale of this posSaleId gets (store-till-posSaleId), refused (409 SaleIdUsed)
        when this till committed a sale under it before (its receipt journaled, or only its id: a sale without a
        customer): the session that committed it was forgotten since (a restart, or many sales later), and a second
        sale under that id would be dropped as a repeat, by the journal and by Engage alike, or counted twice,
        while the POS was told it was committed."""
        config = self.till.config
        unique_id = f"{config.store_external_id}-{config.till_id}-{pos_sale_id}"
        if self.till.journal.sale_committed(unique_id):
            raise SaleProblem(texts.tr("Sale {sale} was committed at this till before: a new sale needs a posSaleId "
                                       "of its own", sale=pos_sale_id), code="SaleIdUsed", kind="conflict")
        return unique_id

    async def put(self, pos_sale_id: str, body: Any) -> SaleSession:
        """Open the sale or replace its basket; applied offers are spread again over the new lines."""
        if not SALE_ID.fullmatch(pos_sale_id or ""):
            raise SaleProblem(texts.tr("posSaleId must be 1 to 64 letters, digits or . _ -"), code="InvalidSaleId")
        from pos_engage.core.till import session_returns  # issue 15: a return (returnOf) is session_returns.py's

        if session_returns.is_return(body, self._sessions.get(pos_sale_id)):
            return await session_returns.put(self, pos_sale_id, body)
        basket = parse_basket(body)
        session_returns.refuse_without_original(basket)
        existing = self._sessions.get(pos_sale_id)
        session = existing or SaleSession(pos_sale_id, Basket(currency=basket.currency,
                                                              unique_id=self.receipt_id_of(pos_sale_id)))
        async with session.lock:
            self._open(session)
            if session.basket.discounts and basket.currency != session.currency:
                raise SaleProblem(texts.tr("The sale's currency cannot change while offers are applied ({old} "
                                           "to {new}): remove them first", old=session.currency,
                                           new=basket.currency), code="CurrencyChange", kind="conflict")
            # The customer is looked up before anything changes: a key no customer has (422) leaves the sale as it
            # was (a new one unopened), rather than its basket replaced without its version growing.
            found = code = None
            if basket.customer_key and basket.customer_key not in (self._scanned.get(pos_sale_id),
                                                                   session.customer_key):
                # An offer code the POS scanned as its key is no customer: it is used once the basket is taken
                # (its currency and lines are what the offer's rules judge), said in messages whatever comes of it.
                code = self.till.offer_code(basket.customer_key, session.customer)
                if code is None:
                    found = await self._find(basket.customer_key)
            if existing is None:
                if pos_sale_id in self._sessions:   # the same new sale's PUT sent twice (a POS that timed out):
                    return await self.put(pos_sale_id, body)   # this one replaces that one's basket, as a PUT does
                self._hold(session)
            # What the state is made of, before: a PUT that changes none of it (the POS sent its sale again as it
            # was) leaves the version as it is, so no long poll wakes and no answer file is rewritten for nothing.
            before = _made_of(session)
            if existing is None or basket.lines != session.lines or basket.currency != session.currency:
                session.lines = basket.lines
                session.basket.currency = basket.currency
                session.basket.lines = [line.basket_line(basket.currency) for line in basket.lines]
                before = None
            session.messages = []
            if found is not None:
                self._attach_found(session, found, basket.customer_key)
            try:   # the basket is taken: whatever comes of the offers, its version grows and the POS is told
                if code is not None:
                    session.messages.append(self.till._use(session.basket, session.customer, code,
                                                           self._code_applier(session)).message)
                self._apply_asked(session, basket.offers)
            finally:
                if basket.customer_key:
                    self._scanned[pos_sale_id] = basket.customer_key
                if before != _made_of(session):
                    self._notify(session)
        return session

    # -------------------------------------------------------------- the offers (the customer: session_customer.py)

    async def apply(self, pos_sale_id: str | SaleSession, offer_id: str) -> SaleSession:
        session = pos_sale_id if isinstance(pos_sale_id, SaleSession) else self.get(pos_sale_id)
        async with session.lock:
            self._apply(session, offer_id)
            session.taken_off.discard(offer_id)   # applied by itself: a PUT naming it keeps it from now on
        return session

    def _apply_asked(self, session: SaleSession, offers: tuple[str, ...]) -> None:
        """The offers a PUT asks for (``offers``), each applied by the rules of POST .../offers/{offerId} unless
        applied already; one that cannot be is said in the sale's messages and left off, and the rest are applied
        (the state's ``applied`` and ``totals`` say what was: a POS that charged more off is told at its commit,
        TotalsDiffer). Those applied and not asked for stay (the cashier's in the window)."""
        for offer_id in offers:
            if offer_id in session.taken_off:   # taken off since it was last applied by itself: it stays off
                offer = session.offer(offer_id)
                session.messages.append(texts.tr("'{offer}' was taken off this sale, so the sale's offers do not "
                                                 "apply it again: apply it by itself to have it back",
                                                 offer=offer_title(offer) if offer is not None else offer_id))
                continue
            try:
                self._apply(session, offer_id)
            except SaleProblem as refused:
                session.messages.append(texts.tr("Offer {offer} was not applied: {reason}", offer=offer_id,
                                                 reason=texts.message_of(refused)))

    def _apply(self, session: SaleSession, offer_id: str) -> None:
        """The rules of applying an offer, for the POS's sale (under its lock) and the till's own (till_sale)."""
        self._open(session)
        offer = session.offer(offer_id)
        if offer is None:
            if session.customer is None:   # its own code: OfferNotFound is a 404, this a 409 (identify first)
                raise SaleProblem(texts.tr("Identify the customer before applying an offer"), code="NoCustomer",
                                  kind="conflict")
            raise SaleProblem(texts.tr("Offer {offer} is not one of this customer's offers", offer=offer_id),
                              code="OfferNotFound", kind="not_found")
        if any(d.source_id == offer_id for d in session.basket.discounts):
            return   # applied already: the same answer (a POS that retries)
        try:
            self.till.apply(session.basket, offer, session.customer)
        except OfferAlreadyUsed as used:
            raise SaleProblem(texts.message_of(used), code="OfferAlreadyUsed", kind="conflict") from used
        except InputError as refused:
            raise SaleProblem(texts.message_of(refused), code="OfferNotApplicable") from refused
        self._notify(session)

    async def remove_offer(self, pos_sale_id: str | SaleSession, offer_id: str) -> SaleSession:
        session = pos_sale_id if isinstance(pos_sale_id, SaleSession) else self.get(pos_sale_id)
        async with session.lock:
            self._remove_offer(session, offer_id)
        return session

    def _remove_offer(self, session: SaleSession, offer_id: str) -> None:
        self._open(session)
        if any(d.source_id == offer_id for d in session.basket.discounts):
            self.till.remove_offer(session.basket, offer_id)
            session.taken_off.add(offer_id)
            self._notify(session)


def _made_of(session: SaleSession) -> tuple:
    """What a PUT may change of a sale besides its lines (SaleSessions.put compares them before and after): its
    currency, customer, the offers applied and its messages."""
    return (session.basket.currency, session.customer, [d.source_id for d in session.basket.discounts],
            session.messages)
