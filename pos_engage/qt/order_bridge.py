"""OrderBridge: the Orders panel's use cases (OrderDesk) on the qasync loop.

A change is saved to the journal first (instant, never waits for Engage); then delivery is tried for a
moment and the panel is told how far each change got. Errors become messages, never exceptions in Qt.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable

from PySide6.QtCore import QObject, Signal
from qasync import asyncSlot

from pos_engage.core.domain import Address
from pos_engage.core.domain.order_life import OrderStage
from pos_engage.core.errors import PosEngageError
from pos_engage.core.till.basket import Basket
from pos_engage.core.till.orders import OrderDesk, OrderView
from pos_engage.core.till.outcomes import Customer
from pos_engage.qt.texts import shown

log = logging.getLogger(__name__)


class OrderBridge(QObject):
    listed = Signal(object)          # list[OrderView] for the customer
    changed = Signal(object)         # OrderView: saved (and, a moment later, how far it got)
    created = Signal(object)         # OrderView of a new order (the basket it came from can be cleared)
    failed = Signal(str)
    busy_changed = Signal(bool)

    def __init__(self, desk: OrderDesk, deliver: Callable[[], Awaitable[None]], *, wait_seconds: float = 4.0,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.desk = desk
        self.deliver = deliver
        self.wait_seconds = wait_seconds
        self.busy = False

    @property
    def marketing_on(self) -> bool:
        return self.desk.marketing_on

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.busy_changed.emit(busy)

    async def _after_change(self, view: OrderView) -> None:
        """Tell the panel it is saved, try to deliver for a moment (never cancelled halfway), tell it again."""
        self.changed.emit(view)
        delivery = asyncio.ensure_future(self.deliver())
        delivery.add_done_callback(_log_failure)
        await asyncio.wait({delivery}, timeout=self.wait_seconds)
        self.changed.emit(self.desk.view(view.order.order_id))

    def refreshed(self, views: list[OrderView]) -> list[OrderView]:
        """The same orders as the journal has them now (after background delivery); no call to Engage."""
        try:
            return [view if view.engage_raw is not None else self.desk.view(view.order.order_id) for view in views]
        except PosEngageError as problem:
            self.failed.emit(shown(problem))
            return views

    @asyncSlot(object)
    async def load(self, customer: Customer | None) -> None:
        if customer is None:
            self.listed.emit([])
            return
        self._set_busy(True)
        try:
            self.listed.emit(await self.desk.list_for(customer))
        except PosEngageError as problem:
            self.failed.emit(shown(problem))
        finally:
            self._set_busy(False)

    @asyncSlot(object, object, object, str, str)
    async def create(self, basket: Basket, customer: Customer | None, contact: Address, delivery_method: str,
                     payment_method: str) -> None:
        self._set_busy(True)
        try:
            view = self.desk.create(basket, customer, contact, delivery_method=delivery_method,
                                    payment_method=payment_method)
            self.created.emit(view)
            await self._after_change(view)
        except PosEngageError as problem:
            self.failed.emit(shown(problem))
        finally:
            self._set_busy(False)

    @asyncSlot(object, str)
    async def move(self, view: OrderView, stage: str) -> None:
        """A new status; an order Engage listed but this till never changed is taken over first."""
        self._set_busy(True)
        try:
            if view.engage_raw is not None:
                self.desk.adopt(view.engage_raw)
            await self._after_change(self.desk.change_stage(view.order.order_id, OrderStage(stage)))
        except PosEngageError as problem:
            self.failed.emit(shown(problem))
        finally:
            self._set_busy(False)

    @asyncSlot(object, object)
    async def return_lines(self, view: OrderView, returns: dict[str, int]) -> None:
        self._set_busy(True)
        try:
            if view.engage_raw is not None:
                self.desk.adopt(view.engage_raw)
            await self._after_change(self.desk.return_lines(view.order.order_id, returns))
        except PosEngageError as problem:
            self.failed.emit(shown(problem))
        finally:
            self._set_busy(False)


def _log_failure(task: asyncio.Future) -> None:
    if not task.cancelled() and task.exception() is not None:
        log.error("order delivery failed: %s", task.exception())
