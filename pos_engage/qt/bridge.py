"""TillBridge: the one async seam between the window and the till's use cases.

Every slot runs a use case on the qasync loop, wraps its awaits in try/finally (busy off, errors to a signal)
and announces the outcome with a past-tense signal. Views never await anything themselves.

The window's own basket is a sale session (core/till/till_sale.py on core/till/session.py), as the POS's sale is:
its lines, customer, offers, payments, void and commit go through the session's use cases, so the rules of a sale
(stacking, currency, offline policy, redeem at commit, one transaction, a commit answered once) are the same at
both doors. ``basket`` and ``customer`` are what the current session holds.

This module holds the bridge itself: its signals (views connect to them here), the sale on screen, busy and the
status bar's snapshot, and the connection test. Its calls for the customer are in bridge_customer.py, for the
sale (basket, inbox, finishing) in bridge_sale.py: mixins of TillBridge.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass

from PySide6.QtCore import QObject, QTimer, Signal
from qasync import asyncSlot

from pos_engage.core.errors import PosEngageError
from pos_engage.core.office.entries import JournalError
from pos_engage.core.office.health import Connectivity, Figures, OnlineMonitor
from pos_engage.core.till.basket import Basket
from pos_engage.core.till.inbox import Inbox, InboxBasket
from pos_engage.core.till.service import Customer, TillService
from pos_engage.qt.bridge_customer import CustomerCalls
from pos_engage.qt.bridge_sale import SaleCalls
from pos_engage.qt.texts import shown

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class StatusSnapshot:
    """What the status bar shows: Engage's state, the queue's figures and its oldest entry's age; and, once the
    journal was found damaged, what the cashier must do (``journal_problem``: the figures are then the last ones
    read, or None, and nothing is read from the journal any more)."""

    connectivity: Connectivity
    figures: Figures | None
    oldest_age: float | None
    detail: str | None
    journal_problem: str | None = None


class TillBridge(CustomerCalls, SaleCalls, QObject):
    busy_changed = Signal(bool)
    identified = Signal(object)          # IdentifyOutcome: the answer to the cashier's lookup
    found_again = Signal(object)         # IdentifyOutcome: an offline copy found again in the background
    registered = Signal(object)          # RegisterOutcome
    basket_changed = Signal(object)      # Basket
    payment_taken = Signal(object)       # Decimal: change to give back (cash above what remained)
    sale_recorded = Signal(object)       # SaleOutcome (journaled: safe)
    sale_delivered = Signal(str, str)    # receipt id, "sent" | "queued" | "not_sent" (nothing for Engage)
    status_changed = Signal(object)      # StatusSnapshot
    inbox_loaded = Signal(str)           # a basket arrived from the POS (the message says which file)
    failed = Signal(str)                 # a message for the cashier
    # A change to the till's own sale refused (a line, a payment, finishing): said beside the basket, where the
    # cashier who pressed it is looking, not under the customer.
    sale_refused = Signal(str)
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
        self._pos_offers = None   # its offers as the state LinkBridge drew says (CustomerCalls.pos_sale_drawn)
        self._offer_followers: list = []   # follow_offers' panels, told when a POS sale is drawn
        self._busy = 0
        self._latest_lookup = 0   # the cashier's lookups asked for, numbered: only the latest one answers
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
        self._figures: Figures | None = None          # the queue's figures as last read
        self._journal_problem: str | None = None      # the journal was found damaged: what the window says
        self._engage_check: asyncio.Future | None = None   # find_out_engage's question, until it is answered
        monitor.subscribe(lambda _state: None if self._stopped else self.refresh_status())
        self.sessions.offline_copies.found.append(self._on_found_again)   # CustomerCalls: her card redrawn

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

    def shutdown(self) -> None:
        """Stop the periodic status refresh (before the journal closes) and a start's question to Engage."""
        if self._engage_check is not None:
            self._engage_check.cancel()
        self._status_timer.stop()
        self._inbox_timer.stop()
        self._stopped = True
        found = self.sessions.offline_copies.found
        if self._on_found_again in found:
            found.remove(self._on_found_again)

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

    def find_out_engage(self, ping) -> asyncio.Future:
        """At start: ask Engage in the background (OnlineMonitor.find_out, ``ping`` the client's cheapest call), the
        status bar saying "Checking Engage…" at once and online or offline once it knows. Nothing waits for it;
        the question is returned for whoever wants the answer (the metrics' first write)."""
        self._engage_check = self.monitor.find_out(ping)
        self._engage_check.add_done_callback(_log_unexpected)
        self.refresh_status()
        return self._engage_check

    def refresh_status(self) -> None:
        if self._stopped or self._journal_problem is not None:   # a damaged journal is said once, then left
            return
        journal = self.service.journal
        try:
            figures = journal.figures()
        except JournalError as problem:
            if journal.damage is None:   # not the file (another program holds it a moment): the next second tells
                log.warning("the status bar's figures were not read: %s", problem)
                return
            figures = self._figures
        self._figures = figures
        # Damage met by any part of the till since (a sale's write, the replayer's claim) is said here too.
        damage = journal.damage
        if damage is not None:
            self._journal_problem = shown(damage)
            log.error("the journal %s is damaged (%s): the till records nothing more until it restarts",
                      journal.path, damage.detail)
        self.status_changed.emit(StatusSnapshot(
            self.monitor.state, figures, None if figures is None else figures.oldest_age(time.time()),
            self.monitor.auth_problem or self.monitor.last_error, self._journal_problem))

    # -------------------------------------------------------------- Engage's connection (settings)

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


def _log_unexpected(check: asyncio.Future) -> None:
    """A failure of the start's question that the client did not report (a bug) is logged, not lost with it."""
    if not check.cancelled() and check.exception() is not None:
        log.error("Engage's state was not found out at start", exc_info=check.exception())
