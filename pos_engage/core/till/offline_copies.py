"""The customers the POS's sales took while Engage did not answer, looked up again once it answers.

A customer identified while Engage is down is an offline copy: no contact, the offers this till last saw for her
(those the store's offline policy allows). Kept as it is, the sale's state shows the POS the copy to its end, and the
receipt is matched by her key only. So once Engage answers again she is looked up again by her key
(Identifying.identify_again), once, in the background: when the online monitor says Engage answers again, and at
the sale's next change after she was taken (Engage may answer again without the monitor ever having said it was
down: a key refused, a contact not found). Found, she replaces the copy on the sale (:meth:`OfflineCopies._replace`):
her contact and her real offers in the state the POS reads; a key that now finds no one, or several, keeps the
copy; a customer changed, or a sale ended, meanwhile is left as it is.

Only the POS's sales (those with a posSaleId): the till's own sale in the window is the window's bridge's
(qt/bridge_customer.py), which also redraws the card.
"""

from __future__ import annotations

import asyncio
import logging
from typing import TYPE_CHECKING

from pos_engage.core import texts
from pos_engage.core.engage.online import Connectivity
from pos_engage.core.till.outcomes import Customer, Found, IdentifyOutcome

if TYPE_CHECKING:
    from pos_engage.core.till.sale_session import SaleSession
    from pos_engage.core.till.session import SaleSessions

log = logging.getLogger(__name__)


def is_copy(customer: Customer | None) -> bool:
    """An offline copy that a lookup may replace (one registered offline waits for her registration instead)."""
    return customer is not None and customer.offline and customer.registration_entry is None


class OfflineCopies:
    """Watches the POS's sales of ``sessions`` (a listener of theirs) and the online monitor, if the till has one."""

    def __init__(self, sessions: SaleSessions) -> None:
        self.sessions = sessions
        # By posSaleId: the sale, the copy on it, and the sale's version when she was taken or last asked for
        self._waiting: dict[str, tuple[SaleSession, Customer, int]] = {}
        self._asking: dict[str, asyncio.Task] = {}
        sessions.listeners.append(self.changed)
        monitor = getattr(getattr(sessions.till, "client", None), "monitor", None)   # none: a till without Engage
        self._monitor = monitor
        if monitor is not None:
            monitor.subscribe(self._engage_state)

    def changed(self, session: SaleSession) -> None:
        """A sale changed (SaleSessions' listener): a copy just taken is remembered; asked for at a later change."""
        sale_id = session.pos_sale_id
        if sale_id is None:
            return
        if session.status != "open" or not is_copy(session.customer):
            self._waiting.pop(sale_id, None)
            return
        waiting = self._waiting.get(sale_id)
        if waiting is None or waiting[0] is not session or waiting[1] is not session.customer:
            self._waiting[sale_id] = (session, session.customer, session.version)
        elif session.version > waiting[2]:
            self._ask(sale_id)

    def _engage_state(self, state: Connectivity) -> None:
        if state is Connectivity.ONLINE:
            for sale_id in list(self._waiting):
                self._ask(sale_id)

    def _ask(self, sale_id: str) -> None:
        """One lookup per sale at a time, none while the monitor says Engage is down (its "online" asks then)."""
        if sale_id in self._asking or (self._monitor is not None and self._monitor.offline):
            return
        session, copy, _ = self._waiting[sale_id]
        self._waiting[sale_id] = (session, copy, session.version)
        task = asyncio.ensure_future(self._look_up(sale_id, session, copy))
        self._asking[sale_id] = task
        task.add_done_callback(lambda done: self._asked(sale_id, done))

    def _asked(self, sale_id: str, task: asyncio.Task) -> None:
        self._asking.pop(sale_id, None)
        if not task.cancelled() and task.exception() is not None:
            log.error("the customer of sale %s was not looked up again", sale_id, exc_info=task.exception())

    async def _look_up(self, sale_id: str, session: SaleSession, copy: Customer) -> None:
        outcome = await self.sessions.till.identify_again(copy)
        if outcome.found is Found.OFFLINE:
            return   # still no answer: the sale's next change, or "online", asks again
        waiting = self._waiting.get(sale_id)
        if waiting is not None and waiting[1] is copy:
            del self._waiting[sale_id]   # answered: not asked again for this copy
        if outcome.found is Found.FOUND and outcome.customer is not copy:
            await self._replace(session, copy, outcome)

    async def _replace(self, session: SaleSession, copy: Customer, outcome: IdentifyOutcome) -> None:
        """She replaces the copy, if the sale is still open with the copy on it (under the sale's lock, as every
        change): her key is the same, so the offers applied stay but any Engage no longer holds for her (used
        elsewhere meanwhile), taken off now rather than refused at the commit; the messages say so."""
        sessions = self.sessions
        async with session.lock:
            if session.status != "open" or session.customer is not copy:
                return
            found = outcome.customer
            held = {offer.id for offer in (*found.promotions, *found.vouchers)}
            for discount in [d for d in session.basket.discounts if d.source_id not in held]:
                sessions.till.remove_offer(session.basket, discount.source_id)
                session.messages.append(texts.tr("'{offer}' was taken off: Engage no longer holds it for the "
                                                 "customer", offer=discount.description))
            session.customer = found
            if outcome.message:
                session.messages.append(outcome.message)
            sessions._notify(session)

    async def settled(self) -> None:
        """Wait for the lookups running now (a test, a till closing)."""
        while self._asking:
            await asyncio.gather(*self._asking.values(), return_exceptions=True)
