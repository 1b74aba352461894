"""One sale of the POS link (issue 16): the POS's basket and the companion's customer and offers, versioned.

The POS owns the basket (its lines, with its own line ids and line totals), the payment and the slip; the companion
owns the customer and the offers. A :class:`SaleSession` holds both, with a ``version`` that grows with every change
so either side can wait for the other (long polling: :meth:`SaleSession.wait_for_change`). It answers what either
side reads: the state (``GET /v1/sales/{posSaleId}``, the answer file, the window), why an offer cannot be applied
now, and the receipt the POS commits (its own fields added to the one TillService builds).

Separate from session.py, whose SaleSessions changes it (the use cases, under the session's lock): this module only
reads and renders one sale, and the return's session (session_returns.py) builds on it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from pos_engage.core import texts
from pos_engage.core.domain import Promotion, RewardVoucher
from pos_engage.core.engage.wire.sales import receipt_passthrough
from pos_engage.core.errors import InputError
from pos_engage.core.till import partly_used
from pos_engage.core.till.basket import Basket
from pos_engage.core.till.offer_rules import OfflineRules, offline_refusal
from pos_engage.core.till.outcomes import Customer
from pos_engage.core.till.pos_commit_input import PosCommit
from pos_engage.core.till.pos_json import plain
from pos_engage.core.till.pos_money import _money_value, cents_to_minor, exponent, from_minor, to_minor
from pos_engage.core.till.pos_sale_input import PosLine


@dataclass
class SaleSession:
    """One sale. Change it only through :class:`SaleSessions` (its lock orders the POS's and the window's
    changes; every change grows ``version`` and wakes whoever waits)."""

    pos_sale_id: str | None
    basket: Basket
    lines: tuple[PosLine, ...] = ()
    customer: Customer | None = None
    customer_key: str | None = None
    status: str = "open"                 # open | committed | voided
    version: int = 1
    messages: list[str] = field(default_factory=list)
    receipt: dict | None = None
    commit_fingerprint: str | None = None
    closed_at: float | None = None
    lock: asyncio.Lock = field(default_factory=asyncio.Lock, repr=False)
    _changed: asyncio.Event = field(default_factory=asyncio.Event, repr=False)
    _answered: tuple | None = field(default=None, repr=False, compare=False)   # SaleSessions.state's last
    # The customer as the state shows her, and her offers but for whether they apply now (_offer_json's bases),
    # made once per customer: (customer, customer_json, bases). A state is read, never changed, so they are shared.
    _shown: tuple = field(default_factory=lambda: (None, None, {}), repr=False, compare=False)
    _line_fields: tuple = field(default_factory=lambda: (None, []), repr=False, compare=False)
    # The offers taken off this sale (the cashier in the window, the POS's DELETE) since they were last applied by
    # themselves: a PUT's ``offers`` does not apply them again (SaleSessions._apply_asked), or a POS that sends its
    # whole sale with every article would put back at once what the cashier took off.
    taken_off: set = field(default_factory=set, repr=False, compare=False)
    # The offers this sale held (applied, open) when it last told of a change: SaleSessions._notify tells the other
    # sales of the customer of those it took or gave back since.
    _offers_held: frozenset = field(default=frozenset(), repr=False, compare=False)

    @property
    def currency(self) -> str:
        return self.basket.currency

    def changed(self) -> None:
        self.version += 1
        self._changed.set()
        self._changed = asyncio.Event()

    async def wait_for_change(self, after_version: int, seconds: float) -> None:
        """Return once ``version`` is above ``after_version``, or after ``seconds``."""
        deadline = asyncio.get_running_loop().time() + max(0.0, seconds)
        while self.version <= after_version:
            left = deadline - asyncio.get_running_loop().time()
            if left <= 0:
                return
            try:
                await asyncio.wait_for(self._changed.wait(), left)
            except TimeoutError:
                return

    # -------------------------------------------------------------- what either side reads

    def offer(self, offer_id: str) -> Promotion | RewardVoucher | None:
        if self.customer is None:
            return None
        return next((o for o in (*self.customer.promotions, *self.customer.vouchers) if o.id == offer_id), None)

    def why_not(self, offer: Promotion | RewardVoucher, rules: OfflineRules, per_line: int,
                trial: Basket | None = None, held: dict[str, str] | None = None) -> str | None:
        """Why this offer cannot be applied now (None: it can): another sale used or holds it (``held``, the offer
        ledger's word), else the basket's rules (Basket.refusal), and for a customer without Engage the offline
        limits, by trying it on a copy of the basket (``trial``: one made for trying several offers, left with the
        basket's own discounts again)."""
        if any(d.source_id == offer.id for d in self.basket.discounts):
            return None
        if held and offer.id in held:
            return held[offer.id]
        if self.customer is None or not self.customer.without_engage:
            refused = self.basket.refusal(offer, per_line)
            return None if refused is None else texts.message_of(refused)
        trial = trial or self.basket.copy()
        trial.percent_promotions_per_line = per_line
        try:
            trial.apply_promotion(offer) if isinstance(offer, Promotion) else trial.apply_voucher(offer)
        except InputError as refused:
            return texts.message_of(refused)
        try:
            return offline_refusal(rules, offer, trial.discount_total, trial.currency)
        finally:
            trial.discounts = list(self.basket.discounts)

    def state(self, rules: OfflineRules | None = None, per_line: int = 1,
              held: dict[str, str] | None = None) -> dict[str, Any]:
        """What ``GET /v1/sales/{posSaleId}`` answers (and the answer file holds); ``held``: the customer's offers
        another sale used or holds, with why (OfferLedger.held_elsewhere)."""
        currency, basket = self.currency, self.basket
        # The discounts are worked out once, in whole cents (Basket.line_cuts), and the total summed from them. In
        # a currency of two decimals a cent is its minor unit, and the state's amounts are those numbers as they
        # are; another's are rounded from them as to_minor rounds (cents_to_minor).
        per_line_cuts = basket.line_cuts()
        lines, applied = [], {d.source_id: [] for d in basket.discounts}
        total = 0
        cents = exponent(currency) == 2
        if self._line_fields[0] is not self.lines:   # what a line shows of the POS's, made once per basket
            self._line_fields = (self.lines, [
                {"lineId": pos.line_id, "sku": pos.sku, "name": pos.name,
                 "quantity": pos.quantity if type(pos.quantity) is int else plain(pos.quantity),
                 "lineTotalBefore": pos.line_total,
                 # The POS's own line discounts as it sent them (already out of lineTotalBefore): the window
                 # shows them beside the offers', so the cashier sees each line's whole discount.
                 "posDiscounts": [dict(discount) for discount in pos.pos_discounts]} for pos in self.lines])
        for pos, fields, line, cuts in zip(self.lines, self._line_fields[1], basket.lines, per_line_cuts,
                                           strict=True):
            # Basket.total's sum, inlined: this loop is most of a state's time (a 20-line sale, each answer).
            returned = line.quantity < 0
            discounts = []
            if not cuts:
                paid, cut = line.cents, 0
            else:
                taken = 0
                for discount, amount in cuts:
                    taken += amount
                    minor = -amount if cents else cents_to_minor(-amount, currency)
                    discounts.append({"offerId": discount.source_id, "title": discount.description,
                                      "amount": minor})
                    applied[discount.source_id].append({"lineId": pos.line_id, "amount": minor})
                paid = line.cents + taken
                cut = discounts[0]["amount"] if len(cuts) == 1 else \
                    -taken if cents else cents_to_minor(-taken, currency)
            total += -paid if returned else paid
            shown = fields.copy()
            shown["discountTotal"] = cut
            shown["lineTotal"] = (-1 if returned else 1) * (paid if cents else cents_to_minor(paid, currency))
            shown["discounts"] = discounts
            lines.append(shown)
        before = sum((pos.line_total for pos in self.lines), 0)
        to_pay = (total if cents else cents_to_minor(total, currency)) if self.lines else 0
        offers = []
        if self._shown[0] is not self.customer:
            self._shown = (self.customer, customer_json(self.customer), {})
        customer, bases = self._shown[1], self._shown[2]
        if self.customer is not None:
            if rules is None:
                from pos_engage.core.config import TillSettings

                rules = OfflineRules.of(TillSettings())
            # Only the offers of a customer without Engage are tried on a copy (the offline limits weigh the discount).
            trial = self.basket.copy() if self.status == "open" and self.customer.without_engage else None
            # A closed sale takes nothing more: its offers are listed, none of them applicable.
            closed = None if self.status == "open" else (
                texts.tr("The sale is committed: nothing more can be applied") if self.status == "committed"
                else texts.tr("The sale was voided: nothing can be applied"))
            for offer in (*self.customer.promotions, *self.customer.vouchers):
                reason = self.why_not(offer, rules, per_line, trial, held) if closed is None else closed
                offers.append(_offer_json(offer, reason, bases))
        return {
            "posSaleId": self.pos_sale_id, "version": self.version, "status": self.status, "currency": currency,
            "customer": customer, "offers": offers,
            "applied": [{"offerId": d.source_id, "kind": d.kind, "title": d.description,
                         "discounts": applied[d.source_id]} for d in self.basket.discounts],
            "lines": lines,
            "totals": {"before": before, "discounts": before - to_pay, "toPay": to_pay},
            "messages": [*self.messages, *self._partly_used(per_line_cuts)], "receipt": self.receipt,
        }

    def _partly_used(self, cuts) -> list[str]:
        """While the sale is open: what each offer it takes only part of loses (partly_used.py), so the POS and
        the cashier can ask the customer before the commit."""
        return partly_used.notes(self.basket, cuts) if self.status == "open" else []

    # -------------------------------------------------------------- the receipt the POS commits

    def receipt_finisher(self, commit: PosCommit) -> Callable[[dict], dict]:
        """Adds the POS's fields to the receipt TillService builds (its lines are this session's, in order)."""
        lines, currency = self.lines, self.currency

        def finish(receipt: dict) -> dict:
            body = with_commit(receipt, commit, currency)
            items = []
            for pos, item in zip(lines, body["items"], strict=True):
                item = dict(item)
                item["articleName"] = pos.name
                if pos.article_number:
                    item["articleNumber"] = pos.article_number
                # The POS's quantity as it is, a return negative (Engage's convention); weighed goods keep their
                # fraction (issue 16, Fidelity: accepted although the swagger types it int, see wire/sales.py).
                item["quantity"] = plain(pos.quantity)
                ours = item.get("discounts", [])
                theirs = [{"value": -_money_value(from_minor(d["amount"], currency)), "type": d["type"],
                           "description": d["description"]} for d in pos.pos_discounts]
                if theirs or ours:
                    item["discounts"] = theirs + ours
                item.update({k: plain(v) for k, v in pos.extra.items()})
                items.append(item)
            body["items"] = items
            for key, value in commit.extra.items():
                if key in ("usedPromotions", "usedBonusChecks"):
                    body[key] = plain(value) + body.get(key, [])   # the POS's own, then the companion's
                else:
                    body[key] = plain(value)
            # Checked against Engage's receipt model and rules before it is journaled (issue 16, Fidelity): a
            # pass-through field of the wrong type is refused now, naming it, not stuck in the queue later.
            return receipt_passthrough(body)

        return finish


def with_commit(receipt: dict, commit: PosCommit, currency: str) -> dict:
    """A copy of the receipt with what the POS's commit says of it (a sale's or a return's): its number, its
    time, and its payments as Engage's, each with its own extra fields."""
    body = dict(receipt)
    body["receiptNumber"] = commit.receipt_number
    body["createdDate"] = commit.created_date
    body["paymentMethods"] = [
        {"type": p["method"], "value": _money_value(from_minor(p["amount"], currency)),
         **{k: plain(v) for k, v in p.items() if k not in ("method", "amount")}} for p in commit.payments]
    return body


def customer_json(customer: Customer | None) -> dict[str, Any] | None:
    """The customer as a sale's state shows her to the POS: what the cashier may see, the key masked."""
    if customer is None:
        return None
    contact = customer.contact
    return {"name": customer.name, "memberNumber": contact.member_number if contact else None,
            "contactType": contact.contact_type if contact else None, "key": customer.key.masked(),
            "offline": customer.offline}


def _offer_json(offer: Promotion | RewardVoucher, why_not: str | None,
                bases: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """An offer as the state lists it. ``bases``: what never changes of the customer's offers, by offer id,
    filled as they are first shown (a state lists every offer on every change)."""
    base = bases.get(offer.id)
    if base is None:
        base = bases[offer.id] = _offer_base(offer)
    return {**base, "applicable": why_not is None, "whyNot": why_not}


def offer_title(offer: Promotion | RewardVoucher) -> str:
    """What the state's ``offers`` and the cashier's list call the offer."""
    return (offer.heading or offer.name) if isinstance(offer, Promotion) else (offer.name or offer.voucher_number)


def _offer_base(offer: Promotion | RewardVoucher) -> dict[str, Any]:
    if isinstance(offer, Promotion):
        channel = offer.pos_channel
        amount = channel.amount if channel is not None else None
        currency = amount.currency.upper() if amount is not None else None
        return {"offerId": offer.id, "kind": "promotion", "title": offer_title(offer),
                "percent": float(channel.percent) if channel is not None and channel.percent is not None else None,
                "value": to_minor(amount.amount, currency) if amount is not None else None,
                "currency": currency, "expiresOn": offer.expires_on.isoformat() if offer.expires_on else None,
                # What the cashier hands over or says for an offer with no percent and no value (a coffee, a
                # partner's code), as the window's card shows it: the POS has no other way to know.
                "instruction": (channel.instruction or channel.code or None) if channel is not None else None}
    currency = offer.value.currency.upper()
    return {"offerId": offer.id, "kind": "voucher", "title": offer_title(offer), "percent": None,
            "value": to_minor(offer.value.amount, currency), "currency": currency,
            "expiresOn": offer.expires_on.isoformat() if offer.expires_on else None, "instruction": None}

