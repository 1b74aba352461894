"""Identifying a sale session's customer (issue 16): a key the POS or the cashier sends finds her (or her copy while
Engage does not answer), another customer takes the offers of the one before off the sale, and an offer code she
shows applies her offer by the session's own rule, at the link's door as at the window's.

A part of SaleSessions (session.py), kept apart by concept: its ``till``, ``get``, ``_open``, ``_apply`` and
``_notify`` are the sessions' own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pos_engage.core import texts
from pos_engage.core.domain import Promotion, RewardVoucher
from pos_engage.core.errors import InputError
from pos_engage.core.till.basket import AppliedDiscount
from pos_engage.core.till.outcomes import Customer, Found
from pos_engage.core.till.pos_sale_input import SaleProblem, _Errors, _text
from pos_engage.core.till.sale_session import SaleSession


class SessionCustomer:
    """The customer use cases of SaleSessions (which provides ``till``, ``get``, ``_open``, ``_apply`` and
    ``_notify``)."""

    till: Any
    get: Callable[[str], SaleSession]
    _open: Callable[[SaleSession], None]
    _apply: Callable[[SaleSession, str], None]
    _notify: Callable[[SaleSession], None]

    async def identify(self, pos_sale_id: str, key: Any) -> SaleSession:
        session = self.get(pos_sale_id)
        errors = _Errors()
        key = _text(key, "key", errors, max_length=200)
        errors.raise_if_any(texts.tr("The customer key cannot be taken"), code="InvalidKey")
        async with session.lock:
            self._open(session)
            await self._identify(session, key)
            self._notify(session)
        return session

    async def _identify(self, session: SaleSession, key: str) -> None:
        """A key finds the sale's customer; an offer code the customer shows (scanned like her card, the README's
        "offer codes are scanned like cards") applies her offer to the sale by the same rules as the window's."""
        outcome = await self._find(key, session)
        if outcome.found is Found.CODE:   # applied (_find refused any other): the code said which offer
            session.messages.append(outcome.message)
            return
        self._attach_found(session, outcome, key)

    def _code_applier(self, session: SaleSession, apply: Callable[[str], None] | None = None):
        """How an offer code's offer is applied to ``session``: one already applied is said, not applied again;
        else ``apply`` (the offer's id; by default the session's own rule, :meth:`_apply`, under its lock), and
        the discount it became is returned. The link's door and the window's (TillSales.identify) alike."""
        def apply_code(offer: Promotion | RewardVoucher) -> AppliedDiscount:
            if any(d.source_id == offer.id for d in session.basket.discounts):   # scanned twice: said, not again
                raise InputError(texts.tr("'{name}' is already applied", name=offer.heading or offer.name)
                                 if isinstance(offer, Promotion) else
                                 texts.tr("Voucher {number} is already applied", number=offer.voucher_number))
            (apply or (lambda offer_id: self._apply(session, offer_id)))(offer.id)
            return next(d for d in session.basket.discounts if d.source_id == offer.id)
        return apply_code

    def _attach_found(self, session: SaleSession, outcome, key: str) -> None:
        self._attach(session, outcome.customer, key)
        if outcome.message:
            session.messages.append(outcome.message)

    async def _find(self, key: str, session: SaleSession | None = None):
        """The till's identification of ``key``, found (or found offline); anything else is refused (SaleProblem)
        and changes no sale. With the ``session`` of an identified customer an offer code of hers is applied to it
        (Found.CODE); a code with no customer yet, or one that selects nothing, is refused saying why."""
        if session is not None and session.customer is not None:
            outcome = await self.till.identify(key, basket=session.basket, customer=session.customer,
                                               apply_offer=self._code_applier(session))
        else:
            outcome = await self.till.identify(key)
        if outcome.found is Found.CODE:
            if outcome.code is not None and outcome.code.applied is not None:
                return outcome
            no_customer = session is None or session.customer is None
            raise SaleProblem(outcome.message, code="NoCustomer" if no_customer else "OfferCodeNotUsable",
                              kind="conflict" if no_customer else "invalid",
                              errors=[{"field": "key", "reason": outcome.message}])
        if outcome.found not in (Found.FOUND, Found.OFFLINE) or outcome.customer is None:
            code = {Found.NOT_FOUND: "CustomerNotFound", Found.MULTIPLE: "SeveralCustomers"}.get(outcome.found,
                                                                                                  "InvalidKey")
            message = outcome.message
            if outcome.several is not None and outcome.several.candidates:   # the list is the window's (issue 14)
                # A headless till (pos-engage serve) has no window to pick her in: another key always works.
                message = texts.tr("Several customers share that key: ask for another (her email or card), or, at a "
                                   "till with its window open, type it there and pick the customer, which makes "
                                   "them this sale's customer")
            raise SaleProblem(message or texts.tr("No customer with that key"), code=code,
                              errors=[{"field": "key", "reason": message}])
        return outcome

    def _attach(self, session: SaleSession, customer: Customer | None, key: str | None) -> None:
        """Another customer: the offers of the one before leave the sale (they were theirs)."""
        same = (customer is not None and session.customer is not None
                and customer.key == session.customer.key)
        if not same:
            for discount in list(session.basket.discounts):
                self.till.remove_offer(session.basket, discount.source_id)
        session.customer, session.customer_key = customer, key

    async def set_customer(self, session: SaleSession, customer: Customer | None, key: str | None = None) -> None:
        """The cashier identified (or took off) the customer in the window."""
        async with session.lock:
            self._open(session)
            self._attach(session, customer, key)
            self._notify(session)
