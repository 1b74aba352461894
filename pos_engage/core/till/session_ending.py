"""Ending a sale session (issue 16): the POS voids it, or commits it once it took the money.

Committing is the POS's: the total it charged and its payments must equal the session's ``toPay`` (else
SaleProblem ``TotalsDiffer``, a conflict, with both figures, and nothing is journaled). The receipt and every
redemption are journaled in one transaction before the answer (TillService.commit). An offer Engage refuses at
that moment (used elsewhere) is kept on the receipt the POS has already charged and left to the manager as a
conflict (TillService.keep_refused): the customer has paid what the POS showed.

A part of SaleSessions (session.py), kept apart by concept: its ``till``, ``get``, ``_open``, ``_close`` and
``_notify`` are the sessions' own.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pos_engage.core import texts
from pos_engage.core.domain import Payment
from pos_engage.core.errors import InputError
from pos_engage.core.journal.offer_ledger import OfferAlreadyUsed
from pos_engage.core.till.pos_commit_input import parse_commit, totals_differ
from pos_engage.core.till.pos_money import from_minor, to_minor
from pos_engage.core.till.pos_sale_input import SaleProblem
from pos_engage.core.till.sale_commit import require_rate
from pos_engage.core.till.sale_session import SaleSession


class SessionEnding:
    """Voiding and committing, for SaleSessions (which provides ``till``, ``get``, ``_open``, ``_close`` and
    ``_notify``)."""

    till: Any
    get: Callable[[str], SaleSession]
    _open: Callable[[SaleSession], None]
    _close: Callable[[SaleSession, str], None]
    _notify: Callable[[SaleSession], None]

    async def void(self, pos_sale_id: str) -> SaleSession:
        session = self.get(pos_sale_id)
        async with session.lock:
            if session.status == "voided":
                return session
            self._open(session)
            self.till.void(session.basket)
            session.basket.discounts.clear()
            self._close(session, "voided")
            self._notify(session)
        return session

    def _take_off_idle(self, session: SaleSession) -> list[str]:
        """Before the sale is committed, the applied offers that take nothing off it (Basket.idle_discounts) are
        taken off: redeemed, they would be spent for nothing. They stay the customer's; the messages say so."""
        idle = session.basket.idle_discounts()
        for discount in idle:
            self.till.remove_offer(session.basket, discount.source_id)
            session.messages.append(texts.tr("'{offer}' takes nothing off this sale, so it was not used: it is still "
                                             "the customer's", offer=discount.description))
        return [d.source_id for d in idle]

    async def commit(self, pos_sale_id: str, body: Any) -> SaleSession:
        """The POS took the money: journal the receipt and its redemptions in one transaction, then answer.

        The same commit again answers the same (nothing is journaled twice); another commit of a committed sale,
        or one whose figures differ from ``toPay``, is a conflict and nothing is journaled."""
        session = self.get(pos_sale_id)
        from pos_engage.core.till import session_returns  # issue 15: a return is committed by session_returns.py

        if isinstance(session, session_returns.ReturnSession):
            return await session_returns.commit(self, session, body)
        commit = parse_commit(body)
        async with session.lock:
            if session.status == "committed" and session.commit_fingerprint == commit.fingerprint:
                return session
            self._open(session)
            if not session.lines:
                raise SaleProblem(texts.tr("The sale has no lines"), code="EmptySale", kind="conflict")
            currency = session.currency
            try:   # asked before anything changes, to name the field (a POS integrator's review: a EUR sale)
                require_rate(self.till.config, currency, commit.extra)
            except InputError as missing:
                needs = texts.message_of(missing)
                raise SaleProblem(needs, code="InvalidCommit",
                                  errors=[{"field": missing.field, "reason": needs}]) from missing
            to_pay = to_minor(session.basket.total, currency)
            paid = sum(p["amount"] for p in commit.payments)
            if commit.total != to_pay or paid != to_pay:
                raise totals_differ(commit.total, paid, to_pay, currency, session.version)
            idle = self._take_off_idle(session)
            session.basket.payments = [Payment(p["method"], from_minor(p["amount"], currency))
                                       for p in commit.payments]
            try:
                outcome = await self.till.commit(session.basket, session.customer,
                                                 finish_receipt=session.receipt_finisher(commit))
            except (OfferAlreadyUsed, InputError) as refused:
                session.basket.payments = []
                if idle:   # the sale stays open without them: the POS's next read shows it
                    self._notify(session)
                if isinstance(refused, OfferAlreadyUsed):
                    raise SaleProblem(texts.message_of(refused), code="OfferAlreadyUsed",
                                      kind="conflict") from refused
                raise SaleProblem(texts.message_of(refused), code="InvalidCommit") from refused
            if outcome.refused:
                outcome = self.till.keep_refused(outcome)
            if outcome.message:
                session.messages.append(outcome.message)
            self._close(session, "committed")
            session.commit_fingerprint = commit.fingerprint
            session.receipt = {"uniqueReceiptId": outcome.receipt_id, "journalEntries": list(outcome.entry_ids),
                               "delivered": bool(outcome.entry_ids) and self.till.status_of(outcome.entry_ids)
                               == "sent", "posted": outcome.posted,
                               "refusedOffers": [r.offer_id for r in outcome.refused]}
            self._notify(session)
        return session

