"""TillBridge's customer calls: identify (or an offer code), pick among customers sharing a key, register and
answer Engage's "already a customer", change a customer's details or make them a member, and load their last
purchases. Each runs its use case on the qasync loop inside busy on/off and says what went wrong through
``failed``; the customer found becomes the sale's (the POS's sale in linked mode, which LinkBridge sets). It also
tells the customer panel, after every change of a sale, which of the customer's offers the sale on screen can
take now and why not (the sale's state, as the POS reads it), so a card that cannot be used looks it before a tap.
While a linked window waits for the POS's sale (``offers_wait``: none is open, at its start or between two sales)
no card can be used, and each says why: a customer identified then holds her offers until the POS opens the sale.

A customer taken while Engage did not answer (an offline copy) is looked up again by core once Engage answers
(core/till/offline_copies.py, for the till's own sale and the POS's alike) and put on her sale; the panel then shows
her contact and real offers (``found_again``: an outcome the panel did not ask for, which completes the card and
leaves the identify field, where the cashier may be typing the next key, as it is: CustomerPanel.show_found_again).

A mixin of TillBridge (it uses the bridge's signals, service, sales and busy count); its texts keep TillBridge's
translation context.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QObject, QTimer
from qasync import asyncSlot

from pos_engage.core.domain import NewContact
from pos_engage.core.errors import PosEngageError
from pos_engage.core.till.outcomes import ExistingContact, Found
from pos_engage.core.till.sale_commit import Origin
from pos_engage.core.till.service import ConsentEvidence, Customer
from pos_engage.qt.texts import shown

# The texts, in TillBridge's translation context (lupdate reads these literals; _tr looks them up).
TEXTS = (
    QT_TRANSLATE_NOOP("TillBridge", "Identify the customer first"),
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("TillBridge", text)


@dataclass(frozen=True)
class OfferStates:
    """Which of the customer's offers the sale on screen can take now: ``why_not`` holds, by offer id, why an offer
    cannot be applied now (core's SaleSession.why_not, in the cashier's words); an offer not in it can be (an
    applied one always can: it can be taken off). ``sale`` is the sale's session (a new sale is another object)."""

    sale: object | None = None
    why_not: Mapping[str, str] = field(default_factory=dict)
    applied: frozenset[str] = frozenset()


def offer_states_of(session, state: Mapping) -> OfferStates:
    """The offers of ``session`` as ``state`` (its SaleSessions.state, or the JSON the POS was answered) says."""
    if session is None or session.customer is None:
        return OfferStates(session)
    return OfferStates(session, {offer["offerId"]: offer["whyNot"] for offer in state["offers"]
                                 if not offer["applicable"]},
                       frozenset(applied["offerId"] for applied in state["applied"]))


class CustomerCalls:
    # Linked mode (LinkBridge.offers_wait): why no offer can be applied while no POS sale is open; None otherwise.
    _offers_waiting_for_pos: str | None = None

    def offers_wait(self, why: str | None) -> None:
        """Linked mode (LinkBridge): whenever no POS sale is open (``pos_sale`` None: before the POS's first, between
        two) the offers wait for one, ``why`` said on every card; None: they are the till's own sale's again."""
        self._offers_waiting_for_pos = why
        for tell_soon in list(self._offer_followers):
            tell_soon()

    def offer_states(self) -> OfferStates:
        """The offers of the sale on screen (the POS's in linked mode, else the till's own) as its state says."""
        if self.pos_sale is None and self._offers_waiting_for_pos:
            return self._offers_waiting()
        if self.pos_sale is not None:   # as the link bridge drew it (pos_sale_drawn): not read again
            drawn = self._pos_offers
            return drawn if drawn is not None and drawn.sale is self.pos_sale else OfferStates(self.pos_sale)
        session = self.sale
        if session is None or session.customer is None:
            return OfferStates(session)
        return offer_states_of(session, self.sessions.state(session))

    def _offers_waiting(self) -> OfferStates:
        """Every offer of the customer the till's own sale holds while the window waits for the POS's sale (she goes
        onto it once it opens: LinkBridge) cannot be applied yet, for the reason LinkBridge gave."""
        session = self.sale
        customer = session.customer if session is not None else None
        offers = [*customer.promotions, *customer.vouchers] if customer is not None else []
        return OfferStates(session, {offer.id: self._offers_waiting_for_pos for offer in offers})

    def pos_sale_drawn(self, session, state: Mapping) -> None:
        """LinkBridge drew the POS's sale ``session`` from ``state`` (SaleSessions.state): it is the sale on screen,
        whose customer is the window's (:attr:`customer`), and its offer cards are told what that same state says.
        Read once per change: once the POS's answer has encoded a state only its JSON is kept, and a second read,
        as the cards' own was, decodes it again."""
        self.pos_sale = session
        self._pos_offers = offer_states_of(session, state)
        for tell_soon in list(self._offer_followers):
            tell_soon()

    def follow_offers(self, listener: Callable[[OfferStates], None], owner: QObject) -> None:
        """Call ``listener`` with :meth:`offer_states` now and after every change of a sale (the POS's basket, an
        offer applied or taken off, a customer, a new sale), until ``owner`` (the panel) is gone. Told once the
        change's other listeners have run, and once for changes made together. A POS's sale is told when the link
        bridge has drawn it (:meth:`pos_sale_drawn`), from the state it drew."""
        pending = []

        def tell() -> None:
            pending.clear()
            if not self._stopped:   # shut down: the journal the sales are read from may be closed already
                listener(self.offer_states())

        def tell_soon() -> None:
            if not pending:
                pending.append(True)
                QTimer.singleShot(0, owner, tell)   # not called once the owner is deleted

        def changed(session) -> None:
            if session.pos_sale_id is None:   # the till's own sale (a POS's: pos_sale_drawn)
                tell_soon()

        listeners, followers = self.sessions.listeners, self._offer_followers
        listeners.append(changed)
        followers.append(tell_soon)

        def forget(*_owner) -> None:
            if changed in listeners:
                listeners.remove(changed)
            if tell_soon in followers:
                followers.remove(tell_soon)

        owner.destroyed.connect(forget)
        listener(self.offer_states())

    def _set_customer(self, customer: Customer) -> None:
        """The till's own sale has this customer now (another one takes the offers of the one before off)."""
        if self.pos_sale is not None:   # linked mode: LinkBridge puts it on the POS's sale
            return
        had_offers = bool(self.basket.discounts)
        self.sales.set_customer(self.sales.current, customer, customer.key.value if customer.key else None)
        if had_offers:
            self.basket_changed.emit(self.basket)

    # -------------------------------------------------------------- an offline copy, found again

    def _on_found_again(self, session, outcome) -> None:
        """Core found a customer taken offline again and put her on her sale (core/till/offline_copies.py): the
        till's own sale on screen shows her contact and real offers (``found_again``: not the answer to a lookup,
        so the identify field, where the cashier may be typing the next key, stays as it is). A POS's sale is
        redrawn by the link bridge from its state."""
        if not self._stopped and self.pos_sale is None and session is self.sale:
            self.found_again.emit(outcome)

    def _new_lookup(self) -> int:
        """A lookup the cashier asked for (a scan, Find, a pick): its number. Only the latest one's answer is the
        sale's customer and the panel's: a scanner does not wait for Engage, and an earlier scan answered last
        would put its customer on the sale while the field shows the later key."""
        self._latest_lookup += 1
        return self._latest_lookup

    def _superseded(self, lookup: int) -> bool:
        return lookup != self._latest_lookup

    @asyncSlot(str, bool)
    async def identify(self, text: str, scanned: bool = False) -> None:
        self._enter()
        lookup = self._new_lookup()
        try:
            # The same input takes an offer code: it selects the identified customer's offer for this sale, applied
            # by the sale session's own rule (refused while the sale is being committed or waits for the cashier).
            linked = self.pos_sale is not None and self.pos_sale.status == "open"
            outcome = await self.sales.identify(self.pos_sale if linked else self.sale, text, scanned=scanned)
            if outcome.code is not None:
                if outcome.code.applied is not None:   # applied already (the sale's): shown whatever came since
                    self.basket_changed.emit(self.basket)
                if self._superseded(lookup):
                    return
            elif self._superseded(lookup):
                return   # another scan since: its answer is the one that counts
            elif outcome.customer is not None:
                self._set_customer(outcome.customer)
            elif outcome.found is Found.NOT_FOUND:
                self._forget_unstarted_customer()
            self.identified.emit(outcome)
        except PosEngageError as problem:
            self.failed.emit(shown(problem))
        finally:
            self._leave()

    def _forget_unstarted_customer(self) -> None:
        """A lookup that found nobody: the customer before it comes off the till's own sale when that sale has
        nothing of hers yet (no line, no payment, no offer applied). The cashier was looking for someone else, and
        her card must not stay on screen as if she were the one found; nothing is lost (F12 would void such a sale
        without a question). A sale under way keeps its customer, never lost without a word: the panel says the
        sale is still hers (CustomerPanel.show_outcome). A POS's sale is the POS's: its customer stays."""
        basket = self.basket
        if self.pos_sale is not None or self.customer is None or basket.lines or basket.payments \
                or basket.discounts:
            return
        self.sales.set_customer(self.sale, None, None)

    @asyncSlot(object)
    async def pick_candidate(self, candidate) -> None:
        """The cashier picked one of the customers sharing a key (identify listed them): she becomes the sale's
        customer like any identified one. Engage failing meanwhile is said; the list stays to pick again."""
        self._enter()
        lookup = self._new_lookup()
        try:
            outcome = await self.service.pick(candidate)
            if self._superseded(lookup):
                return
            if outcome.customer is not None:
                self._set_customer(outcome.customer)
            self.identified.emit(outcome)
        except PosEngageError as problem:
            self.failed.emit(shown(problem))
        finally:
            self._leave()

    @asyncSlot(object, object)
    async def register(self, contact: NewContact, consent: ConsentEvidence | None) -> None:
        await self._registration(self.service.register(contact, consent=consent))

    @asyncSlot(object, bool)
    async def confirm_registration(self, existing: ExistingContact, accepted: bool) -> None:
        """The cashier's answer to "Engage already holds this customer: upgrade / save the changes?"."""
        await self._registration(self.service.confirm_registration(existing, accepted=accepted))

    async def _registration(self, call) -> None:
        """A registration step (or a change of the customer's details): its customer becomes the sale's, its outcome
        goes to the dialog; one queued (Engage down) refreshes the status bar's queue."""
        self._enter()
        try:
            with self.service.journaling(Origin.WINDOW):   # queued (Engage down): the journal says who, and where
                outcome = await call
            if outcome.customer is not None:
                self._set_customer(outcome.customer)
            self.registered.emit(outcome)
            if outcome.queued:
                self.refresh_status()
        except PosEngageError as problem:
            self.failed.emit(shown(problem))
        finally:
            self._leave()

    @asyncSlot(object)
    async def update_details(self, values: dict) -> None:
        await self._customer_change(self.service.update_details, values)

    @asyncSlot()
    async def upgrade_to_member(self) -> None:
        await self._customer_change(self.service.upgrade_to_member)

    async def _customer_change(self, use_case, *args) -> None:
        """A change of the identified customer (the same customer, updated: the offers stay), a step like a
        registration's."""
        if self.customer is None:
            self.failed.emit(_tr("Identify the customer first"))
            return
        await self._registration(use_case(self.customer, *args))

    @asyncSlot(str)
    async def load_purchases(self, contact_id: str) -> None:
        """The customer's last purchases, asked of Engage only when the cashier opens them (the card caches them
        for the sale)."""
        self._enter()
        try:
            page = await self.service.client.purchase_history(contact_id, count=5)
            self.purchases_loaded.emit(contact_id, tuple(page.items), "")
        except PosEngageError as problem:   # Engage's errors included: the card says it, the sale goes on
            self.purchases_loaded.emit(contact_id, (), shown(problem))
        finally:
            self._leave()
