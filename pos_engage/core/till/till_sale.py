"""The till's own basket as a sale session (issue 16): for a store without a POS integration the cashier types the
articles and takes the payment in the companion's window, and that sale is one more session of
:class:`~pos_engage.core.till.session.SaleSessions`, beside the POS's.

The session keeps its rules in one place: identifying (another customer takes the offers of the one before off the
sale), applying and removing offers (the customer's own, the stacking, currency and offline rules, the ledger's
reservation), voiding, and committing through TillService (the receipt and its redemptions journaled in one
transaction; a sale committed once answers the same again). What only a till that rings up the sale itself needs is
added here as use cases of the same session: lines from a typed article, quantity and price (each with its own
``lineId`` and ``lineTotal``, as the POS's lines have), + / − on a line, removing a line, payments taken by the
cashier (cash above what remains is change; cash is rounded to the coins there are), and the cashier's answer
about offers Engage refused at commit (remove them, or keep them for the manager), which the POS never has to give:
it has charged already.

A till sale is named ``till-<n>`` here; its session has no ``pos_sale_id`` (the POS did not open it), so the POS
link, the answer files and linked mode's redraw pass it by, and a POS cannot reach it: only the window drives it.
Every change grows the session's version, as a change of the POS's sale does.

The window's changes are synchronous (a tap gives its answer at once); while the sale is being committed (its lock
held across the wait for Engage) a change is refused rather than slipped in under the commit.
"""

from __future__ import annotations

import itertools
from collections import OrderedDict
from dataclasses import dataclass, field, replace
from decimal import Decimal

from pos_engage.core import texts
from pos_engage.core.errors import InputError, PosEngageError
from pos_engage.core.till.basket import Basket, BasketLine
from pos_engage.core.till.cash_rounding import cash_step
from pos_engage.core.till.outcomes import Customer, IdentifyOutcome, SaleOutcome
from pos_engage.core.till.payment_methods import payment_methods
from pos_engage.core.till.pos_money import to_minor
from pos_engage.core.till.pos_sale_input import PosLine, SaleProblem
from pos_engage.core.till.sale_commit import Origin, ReceiptFinisher
from pos_engage.core.till.sale_session import SaleSession
from pos_engage.core.till.session import SaleSessions

PREFIX = "till"
KEEP = 20   # the till's last sales remembered (a double F9 answered, a late answer about refused offers)


def pos_line(line: BasketLine, currency: str) -> PosLine:
    """The session's view of a line the till rang up: its id and its total (signed as its quantity), in minor
    units, from the typed unit price and quantity."""
    total = to_minor(line.gross, currency)
    return PosLine(line.line_id, line.sku, line.name, None, line.quantity, -total if line.is_return else total,
                   line.tax_percent, (), {})


@dataclass
class TillSale:
    """One of the till's own sales: its session, and what only the till's door keeps about it."""

    name: str
    session: SaleSession
    line_numbers: itertools.count = field(default_factory=lambda: itertools.count(1))
    held: tuple[SaleOutcome, str] | None = None   # refused offers waiting for the cashier: (outcome, method)
    outcome: SaleOutcome | None = None            # committed: what the commit answered
    origin: Origin = Origin.WINDOW                # journaled as: the window's basket, or the inbox's basket file


class TillSales:
    """The window's sales on :class:`SaleSessions`: one open at a time (``current``), the next one opened as the
    last is committed or voided."""

    def __init__(self, sessions: SaleSessions) -> None:
        self.sessions = sessions
        self.till = sessions.till
        self._numbers = itertools.count(1)
        self._sales: OrderedDict[str, TillSale] = OrderedDict()
        self.current = self.open()
        # A customer found again in the background waits while a sale's refused offers wait for the cashier
        sessions.offline_copies.busy.append(self._held)

    # -------------------------------------------------------------- opening

    def open(self, basket: Basket | None = None) -> SaleSession:
        """A new till sale, empty or with a basket the POS dropped in the inbox (its lines get ids if they have
        none); it becomes ``current``."""
        origin = Origin.WINDOW if basket is None else Origin.INBOX_BASKET
        basket = basket if basket is not None else Basket(currency=self.till.config.currency)
        basket.cash_step = cash_step(basket.currency, self.till.config.till.cash_rounding)
        basket.methods = payment_methods(self.till.config)   # the tenders the window offers (no Swish in Finland)
        numbers = itertools.count(1)
        basket.lines = [line if line.line_id else replace(line, line_id=f"L{next(numbers)}") for line in basket.lines]
        session = SaleSession(None, basket, lines=tuple(pos_line(line, basket.currency) for line in basket.lines))
        name = f"{PREFIX}-{next(self._numbers)}"
        self._sales[name] = TillSale(name, session, itertools.count(len(basket.lines) + 1), origin=origin)
        while len(self._sales) > KEEP:
            self._sales.popitem(last=False)
        self.current = session
        return session

    def sale(self, session: SaleSession) -> TillSale:
        sale = self._find(session)
        if sale is None:
            raise SaleProblem(texts.tr("That sale is not one of this till's"), code="SaleNotFound", kind="not_found")
        return sale

    def _find(self, session: SaleSession) -> TillSale | None:
        return next((sale for sale in reversed(self._sales.values()) if sale.session is session), None)

    def _held(self, session: SaleSession) -> bool:
        """Whether ``session`` is one of these sales, committed but held for the cashier's answer about a refused
        offer (nothing may change it meanwhile)."""
        sale = self._find(session)
        return sale is not None and sale.held is not None

    def name(self, session: SaleSession) -> str:
        return self.sale(session).name

    def _free(self, session: SaleSession) -> None:
        if session.lock.locked() or self.sale(session).held is not None:
            raise SaleProblem(texts.tr("The sale is being committed: wait for it"), code="SaleBusy", kind="conflict")
        self.sessions._open(session)

    def _lines_changed(self, session: SaleSession) -> None:
        session.lines = tuple(pos_line(line, session.currency) for line in session.basket.lines)
        self.sessions._notify(session)

    # -------------------------------------------------------------- the basket

    def add_line(self, session: SaleSession, line: BasketLine) -> BasketLine:
        """A typed article: its own line id, its total from the unit price and quantity."""
        self._free(session)
        line = replace(line, line_id=f"L{next(self.sale(session).line_numbers)}")
        session.basket.add(line)
        self._lines_changed(session)
        return line

    def step_quantity(self, session: SaleSession, index: int, step: int) -> None:
        """+ / − on a line; a line that reaches nothing is removed. A weighed line's quantity is the scale's."""
        self._free(session)
        if not 0 <= index < len(session.basket.lines):
            return
        line = session.basket.lines[index]
        if line.is_weighed:
            raise InputError(texts.tr("A weighed line's quantity is the scale's"), field="quantity")
        quantity = line.quantity + step
        if quantity == 0:
            session.basket.remove(index)
        else:   # a line with the POS's total keeps its price per article
            total = None if line.line_total is None else \
                (line.line_total / abs(line.quantity) * abs(quantity)).quantize(Decimal("0.01"))
            session.basket.lines[index] = replace(line, quantity=quantity, line_total=total)
        self._lines_changed(session)

    def remove_line(self, session: SaleSession, index: int) -> None:
        self._free(session)
        if 0 <= index < len(session.basket.lines):
            session.basket.remove(index)
            self._lines_changed(session)

    # -------------------------------------------------------------- the customer and the offers

    def set_customer(self, session: SaleSession, customer: Customer | None, key: str | None = None) -> None:
        """The cashier identified, registered or updated the customer: another customer takes the offers of the
        one before off the sale (the session's rule); the same one, updated, keeps them."""
        self._free(session)
        self.sessions._attach(session, customer, key)
        self.sessions._notify(session)

    def apply(self, session: SaleSession, offer_id: str) -> None:
        self._free(session)
        self.sessions._apply(session, offer_id)

    def remove_offer(self, session: SaleSession, offer_id: str) -> None:
        self._free(session)
        self.sessions._remove_offer(session, offer_id)

    async def identify(self, session: SaleSession, raw: str, *, scanned: bool = False) -> IdentifyOutcome:
        """What the cashier typed or scanned into the customer input. A key is looked up (the caller attaches the
        customer it finds, :meth:`set_customer`); an offer code selects the sale's customer's offer, which is
        applied by the session's own rule (SaleSessions._apply): only while the sale is open and not being
        committed, only the customer's own offer, reserved in the ledger, the version grown and heard. ``session``
        is the till's own sale, or in linked mode the POS's sale on screen."""
        def apply(offer_id: str) -> None:
            if session.pos_sale_id is None:
                self.apply(session, offer_id)
            else:   # the POS's sale: its commit holds the lock across the wait for Engage; nothing slips in under it
                if session.lock.locked():
                    raise SaleProblem(texts.tr("The sale is being committed: wait for it"), code="SaleBusy",
                                      kind="conflict")
                self.sessions._apply(session, offer_id)

        return await self.till.identify(raw, scanned=scanned, basket=session.basket, customer=session.customer,
                                        apply_offer=self.sessions._code_applier(session, apply))

    # -------------------------------------------------------------- payments

    def take_payment(self, session: SaleSession, method: str, amount: Decimal | None) -> Decimal:
        """Part of the payment; returns the change to give back (cash above what remains)."""
        self._free(session)
        change = session.basket.add_payment(method, amount)
        self.sessions._notify(session)
        return change

    def clear_payments(self, session: SaleSession) -> None:
        self._free(session)
        session.basket.remove_payments()
        self.sessions._notify(session)

    # -------------------------------------------------------------- ending the sale

    def void(self, session: SaleSession) -> None:
        """Nothing is journaled; the offers the sale reserved are free again."""
        if session.status != "open" or self.sale(session).held is not None:
            return
        self._free(session)
        self.till.void(session.basket)
        self._close(session, "voided")

    def became_order(self, session: SaleSession) -> SaleSession:
        """Saved as an order instead: the sale is over, and the next one opens for the same customer (her orders
        are on screen). The order took the lines and offers (OrderDesk.create took the offers in the ledger and
        released this sale's reservations in the order's transaction); anything this sale still reserves is
        released here, so a closed sale never holds an offer. The customer comes without the offers this till has
        used now, the order's among them."""
        customer, key = session.customer, session.customer_key
        if session.status == "open":
            self.till.void(session.basket)
            session.basket.discounts.clear()
            self._close(session, "voided")
        following = self.open()
        if customer is not None:
            promotions, vouchers = self.till._unused(customer.promotions, customer.vouchers)
            self.set_customer(following, replace(customer, promotions=promotions, vouchers=vouchers), key)
        return following

    async def commit(self, session: SaleSession, payment_type: str, *,
                     finish_receipt: ReceiptFinisher | None = None) -> SaleOutcome:
        """What remains is paid by ``payment_type``; the receipt and its redemptions are journaled in one
        transaction (TillService.commit). Committed already: the same outcome again, nothing journaled twice.
        Offers Engage refuses come back in the outcome's ``refused`` and the sale waits for :meth:`resolve`."""
        sale = self.sale(session)
        if sale.outcome is not None:
            return sale.outcome
        if sale.held is not None:
            return sale.held[0]
        if session.lock.locked():
            raise SaleProblem(texts.tr("The sale is being committed: wait for it"), code="SaleBusy", kind="conflict")
        async with session.lock:
            self.sessions._open(session)
            if not session.basket.lines:
                raise InputError(texts.tr("The basket is empty"))
            # The rule the POS's commit follows: an offer with a value that takes nothing off this sale (a voucher
            # after lines were removed) is not spent on it; the total is the same without it.
            if self.sessions._take_off_idle(session):
                self.sessions._notify(session)
            # Recorded with the sale (who is at the till is TillService's): a receipt file's fields make it one.
            origin = Origin.RECEIPT_FILE if finish_receipt is not None else sale.origin
            outcome = await self.till.commit(session.basket, session.customer, payment_type=payment_type,
                                             finish_receipt=finish_receipt, origin=origin)
            if outcome.refused:
                sale.held = (outcome, payment_type)
                self.sessions._notify(session)
                return outcome
            self._committed(session, outcome)
        return outcome

    def resolve(self, session: SaleSession, *, remove: bool, cashier: str) -> SaleOutcome | None:
        """The cashier's answer about the offers Engage refused: taken off the sale (the receipt is rebuilt, the
        customer pays the difference) or kept (the manager sees the conflict). Answered once; if taking them
        off fails, they are kept and the problem is raised."""
        sale = self.sale(session)
        held, sale.held = sale.held, None
        if held is None:
            return None
        outcome, payment_type = held
        try:
            final = (self.till.remove_refused(session.basket, session.customer, outcome, payment_type=payment_type,
                                              cashier=cashier)
                     if remove else self.till.keep_refused(outcome))
        except PosEngageError:
            self._committed(session, self.till.keep_refused(outcome))
            raise
        self._committed(session, final)
        return final

    def _committed(self, session: SaleSession, outcome: SaleOutcome) -> None:
        self.sale(session).outcome = outcome
        session.receipt = {"uniqueReceiptId": outcome.receipt_id, "journalEntries": list(outcome.entry_ids),
                           "posted": outcome.posted, "refusedOffers": [r.offer_id for r in outcome.refused]}
        if outcome.message:
            session.messages.append(outcome.message)
        self._close(session, "committed")

    def _close(self, session: SaleSession, status: str) -> None:
        session.status, session.closed_at = status, self.sessions.clock()
        self.sessions._notify(session)
