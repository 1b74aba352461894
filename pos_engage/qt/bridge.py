"""TillBridge: the one async seam between the window and the till's use cases.

Every slot runs a use case on the qasync loop, wraps its awaits in try/finally (busy off, errors to a signal)
and announces the outcome with a past-tense signal. Views never await anything themselves.

The window's own basket is a sale session (core/till/till_sale.py on core/till/session.py), as the POS's sale is:
its lines, customer, offers, payments, void and commit go through the session's use cases, so the rules of a sale
(stacking, currency, offline policy, redeem at commit, one transaction, a commit answered once) are the same at
both doors. ``basket`` and ``customer`` are what the current session holds.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from dataclasses import dataclass
from decimal import Decimal

from PySide6.QtCore import QObject, QTimer, Signal
from qasync import asyncSlot

from pos_engage.core.domain import NewContact, Promotion, RewardVoucher
from pos_engage.core.errors import InputError, PosEngageError
from pos_engage.core.office.health import Connectivity, Figures, OnlineMonitor
from pos_engage.core.till.basket import Basket, BasketLine
from pos_engage.core.till.inbox import Inbox, InboxBasket
from pos_engage.core.till.outcomes import ExistingContact
from pos_engage.core.till.service import ConsentEvidence, Customer, TillService
from pos_engage.qt.texts import shown

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class StatusSnapshot:
    """What the status bar shows: Engage's state, the queue's figures and its oldest entry's age."""

    connectivity: Connectivity
    figures: Figures
    oldest_age: float | None
    detail: str | None


class TillBridge(QObject):
    busy_changed = Signal(bool)
    identified = Signal(object)          # IdentifyOutcome
    registered = Signal(object)          # RegisterOutcome
    basket_changed = Signal(object)      # Basket
    payment_taken = Signal(object)       # Decimal: change to give back (cash above what remained)
    sale_recorded = Signal(object)       # SaleOutcome (journaled: safe)
    sale_delivered = Signal(str, str)    # receipt id, "sent" | "queued"
    status_changed = Signal(object)      # StatusSnapshot
    inbox_loaded = Signal(str)           # a basket arrived from the POS (the message says which file)
    failed = Signal(str)                 # a message for the cashier
    offers_refused = Signal(object)      # SaleOutcome: Engage refused offers at commit; remove or keep them
    purchases_loaded = Signal(str, object, str)   # contact id, the last purchases (tuple), what went wrong ("")

    def __init__(self, service: TillService, monitor: OnlineMonitor, parent: QObject | None = None, *,
                 inbox: Inbox | None = None, cashier: str = "", sessions=None) -> None:
        super().__init__(parent)
        self.service = service
        self.inbox = inbox
        self.inbox_item: InboxBasket | None = None
        self.cashier = cashier
        self.monitor = monitor
        from pos_engage.core.till.session import SaleSessions
        from pos_engage.core.till.till_sale import TillSales

        # The till's own sales are sessions of the same SaleSessions the POS link serves (start_linked_mode).
        self.sales = TillSales(sessions if sessions is not None else SaleSessions(service))
        self.pos_sale = None   # linked mode: the POS's sale on screen (LinkBridge sets it), whose customer is shown
        self._busy = 0
        self._delivering = 0  # sales being sent after they were final: the window stays usable meanwhile
        self._status_timer = QTimer(self)
        self._status_timer.setInterval(1000)
        self._status_timer.timeout.connect(self.refresh_status)
        self._status_timer.start()
        self._inbox_timer = QTimer(self)
        self._inbox_timer.setInterval(1000)
        self._inbox_timer.timeout.connect(self.poll_inbox)
        if inbox is not None:
            self._inbox_timer.start()
        self._stopped = False
        monitor.subscribe(lambda _state: None if self._stopped else self.refresh_status())

    # -------------------------------------------------------------- the sale on screen

    @property
    def sessions(self):
        return self.sales.sessions

    @property
    def sale(self):
        """The till's own sale session now open."""
        return self.sales.current

    @property
    def basket(self) -> Basket:
        return self.sales.current.basket

    @property
    def customer(self) -> Customer | None:
        """The customer of the sale on screen: the POS's in linked mode, else the till's own sale's."""
        if self.pos_sale is not None:
            return self.pos_sale.customer if self.pos_sale.status == "open" else None
        return self.sales.current.customer

    @property
    def held_sale(self) -> tuple | None:
        """(SaleOutcome, payment method) whose refused offers wait for the cashier's answer, or None."""
        return self.sales.sale(self.sales.current).held

    def _change(self, use_case, *args):
        """Run one of the session's use cases for the window: True (or its answer), or False with the problem
        said (failed)."""
        try:
            answer = use_case(self.sales.current, *args)
        except InputError as problem:
            self.failed.emit(shown(problem))
            return False
        self.basket_changed.emit(self.basket)
        return True if answer is None else answer

    def _set_customer(self, customer: Customer) -> None:
        """The till's own sale has this customer now (another one takes the offers of the one before off)."""
        if self.pos_sale is not None:   # linked mode: LinkBridge puts it on the POS's sale
            return
        had_offers = bool(self.basket.discounts)
        self.sales.set_customer(self.sales.current, customer, customer.key.value if customer.key else None)
        if had_offers:
            self.basket_changed.emit(self.basket)

    def shutdown(self) -> None:
        """Stop the periodic status refresh (before the journal closes)."""
        self._status_timer.stop()
        self._inbox_timer.stop()
        self._stopped = True

    # -------------------------------------------------------------- busy and status

    def _enter(self) -> None:
        self._busy += 1
        if self._busy == 1:
            self.busy_changed.emit(True)

    def _leave(self) -> None:
        self._busy -= 1
        if self._busy == 0:
            self.busy_changed.emit(False)

    @property
    def busy(self) -> bool:
        """A slot is running, or a finished sale is still being sent (which never disables the window)."""
        return self._busy > 0 or self._delivering > 0

    def refresh_status(self) -> None:
        if self._stopped:
            return
        figures = self.service.journal.figures()
        self.status_changed.emit(StatusSnapshot(self.monitor.state, figures, figures.oldest_age(time.time()),
                                                self.monitor.auth_problem or self.monitor.last_error))

    # -------------------------------------------------------------- customer

    @asyncSlot(str, bool)
    async def identify(self, text: str, scanned: bool = False) -> None:
        self._enter()
        try:
            # The same input takes an offer code: it selects the identified customer's offer for this sale, applied
            # by the sale session's own rule (refused while the sale is being committed or waits for the cashier).
            linked = self.pos_sale is not None and self.pos_sale.status == "open"
            outcome = await self.sales.identify(self.pos_sale if linked else self.sale, text, scanned=scanned)
            if outcome.code is not None:
                if outcome.code.applied is not None:
                    self.basket_changed.emit(self.basket)
            elif outcome.customer is not None:
                self._set_customer(outcome.customer)
            self.identified.emit(outcome)
        except PosEngageError as problem:
            self.failed.emit(shown(problem))
        finally:
            self._leave()

    @asyncSlot(object)
    async def pick_candidate(self, candidate) -> None:
        """The cashier picked one of the customers sharing a key (identify listed them): she becomes the sale's
        customer like any identified one. Engage failing meanwhile is said; the list stays to pick again."""
        self._enter()
        try:
            outcome = await self.service.pick(candidate)
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
        """A registration step: its customer becomes the sale's, its outcome goes to the dialog."""
        self._enter()
        try:
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
        if self.customer is None:
            self.failed.emit(self.tr("Identify the customer first"))
            return
        self._enter()
        try:
            outcome = await use_case(self.customer, *args)
            if outcome.customer is not None:
                self._set_customer(outcome.customer)   # the same customer, updated: the offers stay
            self.registered.emit(outcome)
        except PosEngageError as problem:
            self.failed.emit(shown(problem))
        finally:
            self._leave()

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

    connection_tested = Signal(bool, str)   # ok, what Engage (or the network) said

    @asyncSlot(str, str)
    async def test_connection(self, base_url: str, api_key: str) -> None:
        """A real, authenticated call to the address and key being set up (settings dialog)."""
        from pos_engage.core.errors import EngageError
        from pos_engage.core.office import connection
        self._enter()
        try:
            await connection.try_connection(base_url, api_key)
            self.connection_tested.emit(True, self.tr("Engage at {0} answers and accepts the key").format(base_url))
        except (EngageError, PosEngageError) as problem:
            self.connection_tested.emit(False, shown(problem))
        finally:
            self._leave()

    # -------------------------------------------------------------- basket

    def add_line(self, line: BasketLine) -> None:
        """A typed article becomes a line of the sale (its own line id, its total from price and quantity)."""
        self._change(self.sales.add_line, line)

    def take_payment(self, method: str, amount: Decimal | None) -> bool:
        """Part of the payment; cash above what remains is change to give back (payment_taken says how much).
        Returns whether it was taken."""
        change = self._change(self.sales.take_payment, method, amount)
        if change is False:
            return False
        self.payment_taken.emit(change)
        return True

    def change_quantity(self, index: int, step: int) -> None:
        """+ / − on a basket line; a line that reaches nothing is removed."""
        self._change(self.sales.step_quantity, index, step)

    def clear_payments(self) -> None:
        self._change(self.sales.clear_payments)

    def remove_line(self, index: int) -> None:
        self._change(self.sales.remove_line, index)

    def apply_offer(self, offer: Promotion | RewardVoucher) -> bool:
        if self.customer is None:
            self.failed.emit(self.tr("Identify the customer first"))
            return False
        return self._change(self.sales.apply, offer.id)

    def release_offer(self, source_id: str) -> None:
        self._change(self.sales.remove_offer, source_id)   # free in the till's ledger for another sale

    def poll_inbox(self) -> None:
        """Take the next basket the POS dropped, when the till is free for it."""
        if self.inbox is None or self._stopped or self.basket.lines or self.inbox_item is not None:
            return
        try:
            item, rejected = self.inbox.take()
        except OSError as problem:
            self.failed.emit(self.tr("The POS inbox cannot be read: {0}").format(problem))
            return
        for message in rejected:
            self.failed.emit(shown(message))
        if item is not None:
            before = self.sale
            self.inbox_item = item
            with contextlib.suppress(InputError):   # being committed: that commit decides
                self.sales.void(before)   # empty: only offers it held, if any, are freed
            self.sales.open(item.basket)
            if before.customer is not None:   # the customer identified already is this basket's
                self.sales.set_customer(self.sale, before.customer, before.customer_key)
            self.basket_changed.emit(self.basket)
            self.inbox_loaded.emit(self.tr("Basket from the POS ({0}): identify the customer, then finish").format(
                item.path.name))

    def new_sale(self, *, voided: bool = True) -> None:
        """Void: reservations are released (nothing was redeemed), the basket and customer cleared."""
        if self.inbox_item is not None and self.inbox is not None:
            if voided:
                self.inbox.voided(self.inbox_item, f"new sale started by {self.cashier or 'the cashier'}")
            self.inbox_item = None
        if self.held_sale is not None:  # committed already: it goes as it is, the refused offers stay conflicts
            self.sales.resolve(self.sale, remove=False, cashier=self.cashier or "cashier")
        elif voided:
            try:
                self.sales.void(self.sale)  # its offers are free again (nothing was redeemed)
            except InputError as problem:   # being committed: that commit decides
                self.failed.emit(shown(problem))
                return
        self.sales.open()
        self.basket_changed.emit(self.basket)

    def basket_became_order(self) -> None:
        """The basket was saved as an order: it is done (its POS inbox file too), not voided; the customer stays
        identified (their orders are on screen)."""
        if self.inbox_item is not None and self.inbox is not None:
            self.inbox.finished(self.inbox_item)
            self.inbox_item = None
        self.sales.became_order(self.sale)   # the next sale, for the same customer without the order's offers
        self.basket_changed.emit(self.basket)
        self.refresh_status()

    # -------------------------------------------------------------- finishing

    @asyncSlot(str)
    async def finish(self, payment_type: str = "Card") -> None:
        if not self.basket.lines:
            self.failed.emit(self.tr("The basket is empty"))
            return
        if self.held_sale is not None:
            self.offers_refused.emit(self.held_sale[0])  # the cashier still has to answer about those offers
            return
        self._enter()
        try:
            # Online, its offers are redeemed now (a short deadline): one used elsewhere comes back to the cashier.
            # A receipt file from the POS is journaled as the POS wrote it, with what the till adds (issue 16).
            finish = self.inbox_item.finish_receipt if self.inbox_item is not None else None
            sale = await self.sales.commit(self.sale, payment_type, finish_receipt=finish)
        except PosEngageError as problem:  # not journaled: say so, keep the basket
            self.failed.emit(self.tr("The sale was NOT saved: {0}").format(shown(problem)))
            self._leave()
            return
        if sale.refused:   # the session holds it until the cashier answers (resolve_refused)
            self._leave()
            self.offers_refused.emit(sale)
            return
        await self._sale_done(sale)

    def resolve_refused(self, remove: bool) -> None:
        """The cashier's answer about the offers Engage refused: take them off the sale (the receipt is rebuilt,
        the customer pays the difference) or keep them (the manager sees the conflict). Answered once."""
        if self.held_sale is None:
            return
        try:
            final = self.sales.resolve(self.sale, remove=remove, cashier=self.cashier or "cashier")
        except PosEngageError as problem:   # kept instead (the session says so)
            self.failed.emit(shown(problem))
            final = self.sales.sale(self.sale).outcome
        self._enter()
        asyncio.ensure_future(self._sale_done(final)).add_done_callback(_log_failure)

    async def _sale_done(self, sale) -> None:
        """The sale is final: the next customer can be served while it is sent (called inside _enter)."""
        self.sale_recorded.emit(sale)
        if self.inbox_item is not None and self.inbox is not None:
            self.inbox.finished(self.inbox_item)
        self.new_sale(voided=False)
        self.refresh_status()
        # The sale's own entries go before any backlog; the window is free again at once (Find included) while
        # they are sent. Wait a moment for Engage, but never cancel a delivery halfway (its entries would stay in
        # flight): past the deadline it carries on in the background and the cashier sees "queued".
        self._delivering += 1
        self._leave()
        try:
            delivery = asyncio.ensure_future(self.service.deliver_now(sale.entry_ids))
            delivery.add_done_callback(_log_failure)
            await asyncio.wait({delivery}, timeout=self.service.config.engage.timeout_interactive)
            self.sale_delivered.emit(sale.receipt_id, self.service.status_of(sale.entry_ids))
        finally:
            self._delivering -= 1
            self.refresh_status()


def _log_failure(task: asyncio.Future) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.error("delivery after a sale failed: %s", task.exception())
