"""TillBridge's sale calls: the window's own basket (lines, quantities, payments, offers), a basket the POS
dropped in the inbox, a new sale, and finishing: the commit (its offers redeemed), the cashier's answer about
offers Engage refused, and the delivery of the final sale while the next customer is served. Each goes through
the sale session's use cases (core/till/till_sale.py), so the rules of a sale are the POS link's too; a refused
change is said through ``failed``.

A mixin of TillBridge (it uses the bridge's signals, service, sales, inbox and busy count); its texts keep
TillBridge's translation context and its log keeps the bridge's logger.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from decimal import Decimal

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from qasync import asyncSlot

from pos_engage.core.domain import Promotion, RewardVoucher
from pos_engage.core.errors import InputError, PosEngageError
from pos_engage.core.till.basket import BasketLine
from pos_engage.qt.texts import shown

# The bridge's logger, as before the bridge was split: a log's readers find delivery failures where they were.
log = logging.getLogger("pos_engage.qt.bridge")

# The texts, in TillBridge's translation context (lupdate reads these literals; _tr looks them up).
TEXTS = (
    QT_TRANSLATE_NOOP("TillBridge", "Identify the customer first"),
    QT_TRANSLATE_NOOP("TillBridge", "The POS inbox cannot be read: {0}"),
    QT_TRANSLATE_NOOP("TillBridge", "Basket from the POS ({0}): identify the customer, then finish"),
    QT_TRANSLATE_NOOP("TillBridge", "The basket is empty"),
    QT_TRANSLATE_NOOP("TillBridge", "The sale was NOT saved: {0}"),
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("TillBridge", text)


class SaleCalls:
    def _change(self, use_case, *args, basket: bool = True):
        """Run one of the session's use cases for the window: True (or its answer), or False with the problem
        said: ``sale_refused`` for the basket's own calls, ``failed`` for the others (``basket`` False)."""
        try:
            answer = use_case(self.sales.current, *args)
        except InputError as problem:
            (self.sale_refused if basket else self.failed).emit(shown(problem))
            return False
        self.basket_changed.emit(self.basket)
        return True if answer is None else answer

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
            self.failed.emit(_tr("Identify the customer first"))
            return False
        return self._change(self.sales.apply, offer.id, basket=False)   # said where the offers are

    def release_offer(self, source_id: str) -> None:
        # Free in the till's ledger for another sale.
        self._change(self.sales.remove_offer, source_id, basket=False)

    def poll_inbox(self) -> None:
        """Take the next basket the POS dropped, when the till is free for it."""
        if self.inbox is None or self._stopped or self.basket.lines or self.inbox_item is not None:
            return
        try:
            item, rejected = self.inbox.take()
        except OSError as problem:
            self.failed.emit(_tr("The POS inbox cannot be read: {0}").format(problem))
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
            self.inbox_loaded.emit(_tr("Basket from the POS ({0}): identify the customer, then finish").format(
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
            self.sale_refused.emit(_tr("The basket is empty"))
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
            self.sale_refused.emit(_tr("The sale was NOT saved: {0}").format(shown(problem)))
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
            self.sale_refused.emit(shown(problem))
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
            if sale.entry_ids:   # none: nothing journaled for Engage (no customer, no catch-all contact)
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
