"""ReturnsBridge: the return dialog's calls that wait on Engage, on the qasync loop (design.md principle 5).

Finding a sale in this till's journal is a local lookup and is called directly; the customer's purchase history
and the return itself (which may read the customer's vouchers first) run here, with busy on and off around them
and every expected problem turned into a message. A journaled return is sent at once (its receipt, and what a
full return gives back) within the interactive timeout; what does not go in that time stays in the journal.

The bridge is the window's door to returns: every return it journals records the window and who is signed in at
the till (TillService.journaling), as the POS link's doors record theirs, so the manager's queue names them.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence

from PySide6.QtCore import QObject, Signal
from qasync import asyncSlot

from pos_engage.core.errors import PosEngageError
from pos_engage.core.till.basket import BasketLine
from pos_engage.core.till.outcomes import Customer
from pos_engage.core.till.return_pricing import OriginalSale, ReturnPick
from pos_engage.core.till.returns import Approver, ReturnDesk, ReturnOutcome
from pos_engage.core.till.sale_commit import Origin
from pos_engage.core.till.service import TillService
from pos_engage.qt.texts import shown


class ReturnsBridge(QObject):
    found = Signal(object)        # FindOutcome
    returned = Signal(object)     # ReturnOutcome (journaled: safe)
    failed = Signal(str)          # a message for the cashier
    busy_changed = Signal(bool)

    def __init__(self, service: TillService, desk: ReturnDesk, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.service, self.desk = service, desk
        self.busy = False

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.busy_changed.emit(busy)

    @asyncSlot(object, str)
    async def find_in_history(self, customer: Customer, number: str) -> None:
        self._set_busy(True)
        try:
            self.found.emit(await self.desk.find_in_history(customer, number))
        except PosEngageError as problem:
            self.failed.emit(shown(problem))
        finally:
            self._set_busy(False)

    @asyncSlot(object, object, str, object, str)
    async def commit(self, original: OriginalSale, picks: Sequence[ReturnPick], return_id: str,
                     customer: Customer | None, payment_type: str) -> None:
        self._set_busy(True)
        try:
            with self.service.journaling(Origin.WINDOW):
                outcome = await self.desk.commit(original, list(picks), return_id=return_id, customer=customer,
                                                 payment_type=payment_type)
            self.returned.emit(outcome)
            await self._send(outcome.entry_ids)
        except PosEngageError as problem:
            self.failed.emit(shown(problem))
        finally:
            self._set_busy(False)

    def commit_without_original(self, lines: Sequence[BasketLine], *, approver: Approver, reason: str,
                                return_id: str, customer: Customer | None = None,
                                payment_type: str = "Card") -> ReturnOutcome:
        """A return without the original (ReturnDesk.commit_without_original: local, nothing waits on Engage),
        journaled as the window's; refused as the desk refuses it (PosEngageError)."""
        with self.service.journaling(Origin.WINDOW):
            return self.desk.commit_without_original(lines, approver=approver, reason=reason, return_id=return_id,
                                                     customer=customer, payment_type=payment_type)

    @asyncSlot(object)
    async def send(self, entry_ids: tuple[int, ...]) -> None:
        """A return journaled without waiting on Engage (one without the original) goes now too."""
        self._set_busy(True)
        try:
            await self._send(tuple(entry_ids))
        finally:
            self._set_busy(False)

    async def _send(self, entry_ids: tuple[int, ...]) -> None:
        """The return goes now if Engage answers in time; otherwise it waits in the journal like any sale."""
        if not entry_ids:
            return
        delivery = asyncio.ensure_future(self.service.deliver_now(entry_ids))
        delivery.add_done_callback(lambda task: task.cancelled() or task.exception())  # failures stay journaled
        await asyncio.wait({delivery}, timeout=self.service.config.engage.timeout_interactive)
