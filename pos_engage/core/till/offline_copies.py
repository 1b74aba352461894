"""Customers a sale took while Engage did not answer, looked up again once it answers: the POS's sales and the
till's own alike.

A customer identified while Engage is down is an offline copy: no contact, the offers this till last saw for her
(those the store's offline policy allows). Kept as it is, the sale shows the copy to its end (the POS reads it in the
state, the cashier on the card), and the receipt is matched by her key only. So once Engage answers again she is
looked up again by her key (Identifying.identify_again), once, in the background: when the online monitor says
Engage answers again, and at the sale's next change after she was taken (Engage may answer again without the monitor
ever having said it was down: a key refused, a contact not found). None is asked while the monitor says Engage is
down, and one sale has one lookup at a time.

Found, she replaces the copy on the sale, under the sale's lock, if the sale is still open with the copy on it and
not being committed: her contact, member number and real offers; a key that now finds no one, or several, keeps the
copy. The offers applied stay as they are, even one Engage no longer holds for her (used elsewhere meanwhile): the
POS may have charged the total with it already, and a commit of a total that changed by itself would be refused
after the customer paid. Such an offer is said in the sale's messages; kept, it is refused by Engage at the commit
and left to the manager, as any offer used elsewhere meanwhile (TillService.keep_refused).

``found`` callbacks hear each replacement with the lookup's outcome: the window redraws the card of its own sale
(qt/bridge_customer.py); the POS reads the new state (its version grew). :meth:`close` ends the lookups still
running (the till closing, before its journal and client).
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable
from typing import TYPE_CHECKING

from pos_engage.core import texts
from pos_engage.core.engage.online import Connectivity
from pos_engage.core.till.outcomes import Customer, Found, IdentifyOutcome

if TYPE_CHECKING:
    from pos_engage.core.till.sale_session import SaleSession
    from pos_engage.core.till.session import SaleSessions

log = logging.getLogger(__name__)

KEEP_WAITING = 100   # sales whose copy waits for Engage: far more than a till has open


def is_copy(customer: Customer | None) -> bool:
    """An offline copy that a lookup may replace (one registered offline waits for her registration instead)."""
    return customer is not None and customer.offline and customer.registration_entry is None


class OfflineCopies:
    """Watches the sales of ``sessions`` (a listener of theirs) and the online monitor, if the till has one."""

    def __init__(self, sessions: SaleSessions) -> None:
        self.sessions = sessions
        # By the sale's identity: the sale, the copy on it, and the sale's version when she was taken or last asked
        self._waiting: dict[int, tuple[SaleSession, Customer, int]] = {}
        self._asking: dict[int, asyncio.Task] = {}
        self.found: list[Callable[[SaleSession, IdentifyOutcome], None]] = []
        # Whether a sale may not change now although open (the till's own sale being committed: TillSales)
        self.busy: list[Callable[[SaleSession], bool]] = []
        sessions.listeners.append(self.changed)
        monitor = getattr(getattr(sessions.till, "client", None), "monitor", None)   # none: a till without Engage
        self._monitor = monitor
        if monitor is not None:
            monitor.subscribe(self._engage_state)

    def changed(self, session: SaleSession) -> None:
        """A sale changed (SaleSessions' listener): a copy just taken is remembered; asked for at a later change."""
        key = id(session)
        if session.status != "open" or not is_copy(session.customer):
            self._waiting.pop(key, None)
            return
        waiting = self._waiting.get(key)
        if waiting is None or waiting[0] is not session or waiting[1] is not session.customer:
            self._waiting[key] = (session, session.customer, session.version)
            while len(self._waiting) > KEEP_WAITING:   # sales left open and never ended (a window's, abandoned)
                del self._waiting[next(iter(self._waiting))]
        elif session.version > waiting[2]:
            self._ask(key)

    def _engage_state(self, state: Connectivity) -> None:
        if state is Connectivity.ONLINE:
            for key in list(self._waiting):
                self._ask(key)

    def _ask(self, key: int) -> None:
        if key in self._asking or (self._monitor is not None and self._monitor.offline):
            return
        session, copy, _ = self._waiting[key]
        self._waiting[key] = (session, copy, session.version)
        task = asyncio.ensure_future(self._look_up(key, session, copy))
        self._asking[key] = task
        task.add_done_callback(lambda done: self._asked(key, done))

    def _asked(self, key: int, task: asyncio.Task) -> None:
        self._asking.pop(key, None)
        if not task.cancelled() and task.exception() is not None:
            log.error("a customer taken offline was not looked up again", exc_info=task.exception())

    async def _look_up(self, key: int, session: SaleSession, copy: Customer) -> None:
        outcome = await self.sessions.till.identify_again(copy)
        if outcome.found is Found.OFFLINE:
            return   # still no answer: the sale's next change, or "online", asks again
        if outcome.found is Found.FOUND and outcome.customer is not copy and not await self._replace(session, copy,
                                                                                                    outcome):
            return   # the sale is being committed: asked again at its next change, if it stays open
        waiting = self._waiting.get(key)
        if waiting is not None and waiting[1] is copy:
            del self._waiting[key]   # answered: not asked again for this copy

    async def _replace(self, session: SaleSession, copy: Customer, outcome: IdentifyOutcome) -> bool:
        """She replaces the copy if the sale is still open with the copy on it (under its lock, as every change);
        False when the sale may not change now (being committed)."""
        sessions = self.sessions
        if session.lock.locked() or any(busy(session) for busy in self.busy):
            return False
        async with session.lock:
            if session.status != "open" or session.customer is not copy:
                return True   # ended, or another customer since: nothing to replace
            found = outcome.customer
            held = {offer.id for offer in (*found.promotions, *found.vouchers)}
            for discount in session.basket.discounts:
                if discount.source_id not in held:
                    session.messages.append(texts.tr(
                        "Engage no longer holds '{offer}' for the customer (used elsewhere meanwhile?): it stays "
                        "applied unless it is taken off; kept, Engage refuses it after the sale and the manager "
                        "sees it", offer=discount.description))
            session.customer = found
            # What was said when she was taken offline is no longer so: the new message says she is found
            session.messages = [m for m in session.messages if not sessions.till.said_offline(m)]
            if outcome.message:
                session.messages.append(outcome.message)
            sessions._notify(session)
        for heard in list(self.found):
            try:
                heard(session, outcome)
            except Exception:   # a redraw must not undo the sale's change
                log.exception("a listener of a customer found again failed")
        return True

    async def settled(self) -> None:
        """Wait for the lookups running now (a test)."""
        while self._asking:
            await asyncio.gather(*self._asking.values(), return_exceptions=True)

    async def close(self) -> None:
        """End the lookups still running, before the till's client and journal close: a lookup answered after them
        would write to a closed journal. Nothing is lost: the copy stays on its sale, matched by her key."""
        running = list(self._asking.values())
        for task in running:
            task.cancel()
        for task in running:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        self._waiting.clear()
