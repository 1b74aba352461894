"""A return over the POS link: a sale session whose lines reference the original sale's (issue 15).

The POS opens it like any sale, ``PUT /v1/sales/{posSaleId}`` (or a file in the inbox's ``sales/``), with
``returnOf`` naming the original by its ``receiptNumber`` (the slip's number) or its ``uniqueReceiptId`` (the
slip's barcode), and lines that each name one line of the original (``originalLine``, its index in the state's
``returnOf.lines``; for a sale the POS made over the link, the position of the line in that sale's ``lines``) and
how many units come back (a negative whole ``quantity``). The companion finds the original in this till's journal,
or in the customer's purchase history in Engage when the POS asks (``searchEngage`` with a ``customerKey``), and
answers the state: each line's refund (``lineTotal``, negative) and a negative ``toPay``. The POS refunds that
and commits: the same commit body and rules as a sale (its total and payments equal ``toPay``, else 409).

Nothing here decides a return: finding the original, what each line refunds (what was paid for it, its share of
every discount included), what remains to return, the return receipt naming the original (``extraData``) and what
a full return gives back (voucher reactivation, a promotion per the store's rule, journaled with the receipt in one
transaction) are returns.py's ReturnDesk, the window's own. This module maps the POS's request (read and checked
by pos_return_input.py) onto it and its answers and refusals onto the POS link's state and problems (each wrong
line named by its field).

A return without the original needs a manager's approval (ReturnDesk.commit_without_original), which the link
cannot give: a sale with a negative line and no ``returnOf`` is refused (``ReturnNeedsManager``), and such a
return is made in the companion's window. A return session holds returns only; an exchange is a return, then a
sale. A weighed line (a fractional quantity) cannot be returned against the original yet.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from pos_engage.core import texts
from pos_engage.core.domain import Payment
from pos_engage.core.engage.wire.sales import receipt_passthrough
from pos_engage.core.errors import InputError, PosEngageError
from pos_engage.core.till.basket import Basket, BasketLine
from pos_engage.core.till.offer_rules import OfflineRules
from pos_engage.core.till.outcomes import Customer
from pos_engage.core.till.pos_commit_input import PosCommit, parse_commit, totals_differ
from pos_engage.core.till.pos_json import plain
from pos_engage.core.till.pos_money import from_minor, to_minor
from pos_engage.core.till.pos_return_input import ReturnLineRequest, ReturnRequest, parse_return
from pos_engage.core.till.pos_sale_input import (
    PosBasket,
    PosLine,
    SaleProblem,
    _Errors,
)
from pos_engage.core.till.return_pricing import OriginalSale, RefundLine, ReturnPick, price_returns
from pos_engage.core.till.returns import ReturnChanged, ReturnDesk
from pos_engage.core.till.sale_session import SaleSession, customer_json, with_commit


def is_return(body: Any, existing: SaleSession | None) -> bool:
    """Whether a PUT opens or changes a return (its body names ``returnOf``, or the sale is one)."""
    return isinstance(existing, ReturnSession) or (isinstance(body, dict) and "returnOf" in body)


def refuse_without_original(basket: PosBasket) -> None:
    """A sale's negative line is a return without the original: the manager approves those, in the window."""
    errors = [{"field": f"lines[{index}].quantity",
               "reason": texts.tr("a return names the original sale (returnOf, originalLine)")}
              for index, line in enumerate(basket.lines) if line.quantity < 0]
    if errors:
        raise SaleProblem(texts.tr("A return without the original sale needs a manager's approval: make it in the "
                                   "companion's window, or name the original sale with returnOf"),
                          code="ReturnNeedsManager", errors=errors)


# ---------------------------------------------------------------------- the session


@dataclass
class ReturnSession(SaleSession):
    """A sale session that returns lines of ``original``: one refund per line, as ReturnDesk prices them."""

    original: OriginalSale | None = None
    requests: tuple[ReturnLineRequest, ...] = ()
    refunds: tuple[RefundLine, ...] = ()

    def offer(self, offer_id: str):
        raise SaleProblem(texts.tr("A return takes no offers: what it refunds is what was paid"),
                          code="ReturnTakesNoOffers", kind="conflict")

    @property
    def to_pay(self) -> int:
        return -sum((to_minor(refund.refund, self.currency) for refund in self.refunds), 0)

    def picks(self) -> list[ReturnPick]:
        return [ReturnPick(request.original_line, -request.quantity) for request in self.requests]

    def state(self, rules: OfflineRules | None = None, per_line: int = 1,
              held: dict[str, str] | None = None) -> dict[str, Any]:
        """The sale's state (the same shape as a sale's) with each line's refund and ``returnOf``; a return takes
        no offers, so ``held`` (SaleSession.state's) is not asked."""
        currency, original = self.currency, self.original
        lines = []
        for request, refund in zip(self.requests, self.refunds, strict=True):
            minor = to_minor(refund.refund, currency)
            source = original.lines[refund.line] if original is not None else None
            lines.append({"lineId": request.line_id, "originalLine": request.original_line,
                          "sku": source.sku if source else "", "name": refund.name, "quantity": request.quantity,
                          "refund": minor, "lineTotalBefore": -minor, "discountTotal": 0, "lineTotal": -minor,
                          "discounts": []})
        customer = customer_json(self.customer)
        to_pay = self.to_pay
        return {
            "posSaleId": self.pos_sale_id, "version": self.version, "status": self.status, "currency": currency,
            "customer": customer, "offers": [], "applied": [], "lines": lines,
            "totals": {"before": to_pay, "discounts": 0, "toPay": to_pay},
            "messages": list(self.messages), "receipt": self.receipt,
            "returnOf": _original_json(original) if original is not None else None,
        }


def _original_json(original: OriginalSale) -> dict[str, Any]:
    currency = original.currency
    return {"uniqueReceiptId": original.original_id, "receiptNumber": original.receipt_number,
            "createdDate": original.created or None, "source": original.source, "currency": currency,
            # A weighed line's quantity is what was weighed (0.512), a JSON number as in a sale's state, not the
            # 0 whole units OriginalLine counts it as.
            "lines": [{"originalLine": line.index, "sku": line.sku, "name": line.name,
                       "quantity": plain(line.measured) if line.weighed else line.quantity,
                       "paid": to_minor(line.paid, currency) if line.paid is not None else None,
                       "returned": line.returned, "returnable": line.returnable} for line in original.lines]}


def _desk(till) -> ReturnDesk:
    return ReturnDesk(till.config, till.client, till.journal)


# ---------------------------------------------------------------------- finding the original and pricing


async def _find(desk: ReturnDesk, request: ReturnRequest, customer: Customer | None) -> OriginalSale:
    where = f"returnOf.{request.by}"
    try:
        outcome = desk.find(request.number)
    except InputError as refused:
        raise SaleProblem(texts.message_of(refused), code="InvalidReturn",
                          errors=[{"field": where, "reason": texts.message_of(refused)}]) from refused

    def named(sales) -> list[OriginalSale]:
        return [sale for sale in sales if request.by == "receiptNumber" or sale.original_id == request.number]

    sales = named(outcome.sales)
    if not sales and request.search_engage and customer is not None:
        outcome = await desk.find_in_history(customer, request.number)
        if outcome.unreachable:
            raise PosEngageError(outcome.message)   # 503 with Retry-After: the POS asks again
        sales = named(outcome.sales)
    if not sales:
        detail = outcome.message or texts.tr("No sale has that number")
        raise SaleProblem(detail, code="OriginalNotFound", errors=[{"field": where, "reason": detail}])
    if len(sales) > 1:
        raise SaleProblem(outcome.message, code="SeveralSales", errors=[{"field": where, "reason": texts.tr(
            "name the sale by its uniqueReceiptId (see candidates)")}],
            extra={"candidates": [{"uniqueReceiptId": sale.original_id, "receiptNumber": sale.receipt_number,
                                   "createdDate": sale.created, "description": sale.describe()}
                                  for sale in sales]})
    original = sales[0]
    if not original.returnable:
        raise SaleProblem(texts.tr("Nothing of receipt {number} is left that can be returned here: its lines are "
                                   "returned already, or weighed (a weighed article is not returned by units)",
                                   number=original.receipt_number), code="NothingLeftToReturn", kind="conflict",
                          errors=[{"field": where, "reason": texts.tr("nothing is left to return")}])
    if request.currency is not None and request.currency != original.currency:
        raise SaleProblem(texts.tr("The original sale was in {currency}", currency=original.currency),
                          code="InvalidReturn", errors=[{"field": "currency", "reason": texts.tr(
                              "the original sale was in {currency}", currency=original.currency)}])
    return original


def _priced(original: OriginalSale, requests: tuple[ReturnLineRequest, ...], *,
            on_commit: bool = False) -> tuple[RefundLine, ...]:
    """Each line's refund (ReturnDesk's rule), or every wrong line named by its field."""
    picks = [ReturnPick(request.original_line, -request.quantity) for request in requests]
    errors = _Errors()
    indices = {line.index for line in original.lines}
    refunds: list[RefundLine] = []
    for index, (request, priced) in enumerate(zip(requests, price_returns(original, picks), strict=True)):
        at = f"lines[{index}]"
        if isinstance(priced, InputError):
            if priced.field == "line" and request.original_line not in indices:
                # price_returns names the window's line numbers (from 1); the POS sent an index (from 0).
                errors.add(f"{at}.originalLine", texts.tr(
                    "the original sale has no line {line} (the index of a line in returnOf.lines: 0 to {last})",
                    line=request.original_line, last=max(indices, default=0)))
                continue
            errors.add(f"{at}.quantity" if priced.field == "quantity" else f"{at}.originalLine",
                       texts.message_of(priced))
            continue
        line = original.lines[request.original_line]
        if request.sku is not None and request.sku != line.sku:
            errors.add(f"{at}.sku", texts.tr("is {sku} on that line of the original sale", sku=line.sku))
        refund = to_minor(priced.refund, original.currency)
        if request.line_total is not None and request.line_total != -refund:
            errors.add(f"{at}.lineTotal", texts.tr("must be {total}: what was paid for those units (or leave it "
                                                   "out)", total=-refund))
        refunds.append(priced)
    if errors.items:
        try:
            errors.raise_if_any(texts.tr("The return cannot be taken"), code="InvalidReturn")
        except SaleProblem as problem:
            if on_commit and all(item["field"].endswith(".quantity") for item in errors.items):
                problem.code, problem.kind = "NothingLeftToReturn", "conflict"   # another return came first
            raise
    return tuple(refunds)


def _basket_of(session: ReturnSession, original: OriginalSale, requests: tuple[ReturnLineRequest, ...],
               refunds: tuple[RefundLine, ...]) -> None:
    """The session's basket and lines as the window's linked mode reads them: the returned articles, negative."""
    currency = original.currency
    session.basket.currency = currency
    session.basket.lines = [
        BasketLine.priced(request.line_id, original.lines[refund.line].sku or "?", refund.name, request.quantity,
                          refund.refund, original.lines[refund.line].tax_percent)
        for request, refund in zip(requests, refunds, strict=True)]
    session.lines = tuple(
        PosLine(request.line_id, original.lines[refund.line].sku, refund.name, None, request.quantity,
                -to_minor(refund.refund, currency), original.lines[refund.line].tax_percent, (), {})
        for request, refund in zip(requests, refunds, strict=True))
    session.original, session.requests, session.refunds = original, requests, refunds


# ---------------------------------------------------------------------- the use cases (SaleSessions' hooks)


async def put(sessions, pos_sale_id: str, body: Any) -> ReturnSession:
    """Open the return or replace its lines (SaleSessions.put, when the body names ``returnOf``), by a sale's
    rules: a refused PUT changes nothing (the customer is looked up, the original found and its lines priced before
    anything changes), and a ``customerKey`` is looked up only when the POS had not sent it before (the customer the
    cashier picked in the window stays when the POS sends its basket again)."""
    existing = sessions._sessions.get(pos_sale_id)
    if existing is not None and not isinstance(existing, ReturnSession):
        raise SaleProblem(texts.tr("Sale {sale} is a sale, not a return: open the return under a posSaleId of "
                                   "its own", sale=pos_sale_id), code="NotAReturn", kind="conflict")
    if existing is not None:
        sessions._open(existing)   # a committed or voided return says so, whatever the body (a sale's too)
    request = parse_return(body)
    session = existing or ReturnSession(pos_sale_id, Basket(unique_id=sessions.receipt_id_of(pos_sale_id)))
    async with session.lock:
        sessions._open(session)
        key = request.customer_key
        found = None
        if key is not None and key not in (sessions._scanned.get(pos_sale_id), session.customer_key):
            found = await sessions._find(key)
        original = await _find(_desk(sessions.till), request, found.customer if found else session.customer)
        refunds = _priced(original, request.lines)
        if existing is None and pos_sale_id in sessions._sessions:   # the same new return's PUT sent twice (a POS
            return await put(sessions, pos_sale_id, body)   # that timed out): this one replaces the first's lines
        _basket_of(session, original, request.lines, refunds)
        session.messages = []
        if found is not None:
            sessions._attach_found(session, found, key)
        if key is not None:
            sessions._scanned[pos_sale_id] = key
        if existing is None:
            sessions._hold(session)
        sessions._notify(session)
    return session


def _finisher(commit: PosCommit, currency: str) -> Callable[[dict], dict]:
    """The POS's receipt fields on the return's receipt: its number and time, its payments with their own
    fields, its receipt-level Engage fields (its extraData first, then the reference to the original)."""

    def finish(receipt: dict) -> dict:
        body = with_commit(receipt, commit, currency)
        for key, value in commit.extra.items():
            body[key] = plain(value) + body.get(key, []) if key == "extraData" else plain(value)
        return receipt_passthrough(body)   # checked by Engage's rules now, the field named, not stuck later

    return finish


async def commit(sessions, session: ReturnSession, body: Any) -> ReturnSession:
    """The POS paid the refund: ReturnDesk journals the return receipt and what it gives back in one transaction
    (SaleSessions.commit, for a return). The same rules as a sale's commit: total and payments equal ``toPay``,
    a retry answers the same."""
    commit_ = parse_commit(body)
    async with session.lock:
        if session.status == "committed" and session.commit_fingerprint == commit_.fingerprint:
            return session
        sessions._open(session)
        if not session.requests or session.original is None:
            raise SaleProblem(texts.tr("The sale has no lines"), code="EmptySale", kind="conflict")
        desk = _desk(sessions.till)
        original = desk.refreshed(session.original)     # another return of the sale may have come since
        refunds = _priced(original, session.requests, on_commit=True)
        if refunds != session.refunds:
            _basket_of(session, original, session.requests, refunds)
            sessions._notify(session)
        currency, to_pay = session.currency, session.to_pay
        paid = sum(p["amount"] for p in commit_.payments)
        if commit_.total != to_pay or paid != to_pay:
            raise totals_differ(commit_.total, paid, to_pay, currency, session.version)
        payments = [Payment(p["method"], from_minor(p["amount"], currency)) for p in commit_.payments]
        try:
            outcome = await desk.commit(original, session.picks(), return_id=session.basket.unique_id,
                                        customer=session.customer, payments=payments,
                                        expect_total=from_minor(to_pay, currency),
                                        finish_receipt=_finisher(commit_, currency))
        except ReturnChanged as changed:
            raise totals_differ(commit_.total, paid, to_minor(changed.total, currency), currency,
                                 session.version) from changed
        except InputError as refused:
            where = getattr(refused, "errors", None) or ([{"field": refused.field,
                                                           "reason": texts.message_of(refused)}]
                                                         if refused.field else [])
            raise SaleProblem(texts.message_of(refused), code="InvalidCommit", errors=where) from refused
        session.messages = [outcome.message, *outcome.given_back, *outcome.kept]
        session.original = desk.refreshed(original)   # the state's returnOf counts this return as returned
        sessions._close(session, "committed")
        session.commit_fingerprint = commit_.fingerprint
        session.receipt = {"uniqueReceiptId": outcome.return_id, "journalEntries": list(outcome.entry_ids),
                           "delivered": bool(outcome.entry_ids) and sessions.till.status_of(outcome.entry_ids)
                           == "sent", "posted": outcome.posted, "refusedOffers": [],
                           "givenBack": list(outcome.given_back), "kept": list(outcome.kept)}
        sessions._notify(session)
    return session


