"""Offers worth a fixed amount (a voucher, an amount off) that a sale takes only part of.

Engage redeems an offer whole, so what the sale does not take of it is lost once the sale is committed: the
customer should hear so first. Said to a POS in the sale's state (sale_session) and beside the till's own basket
(the window). An offer that takes nothing is Basket.idle_discounts' (taken off at the commit).
"""

from __future__ import annotations

from decimal import Decimal

from pos_engage.core import texts
from pos_engage.core.till.basket import AppliedDiscount, Basket

Cuts = list[list[tuple[AppliedDiscount, int]]]


def partly_used(basket: Basket, cuts: Cuts | None = None) -> list[tuple[AppliedDiscount, Decimal, Decimal]]:
    """(offer, what it takes off, what is left of it) for each such offer. ``cuts``: Basket.line_cuts, if the
    caller has them already."""
    fixed = [d for d in basket.discounts if d.percent is None and (d.amount or 0) > 0]
    if not fixed:
        return []
    taken: dict[str, int] = {}
    for line in basket.line_cuts() if cuts is None else cuts:
        for discount, cut in line:
            taken[discount.source_id] = taken.get(discount.source_id, 0) - cut
    found = []
    for discount in fixed:
        worth, used = int((discount.amount * 100).to_integral_value()), taken.get(discount.source_id, 0)
        if 0 < used < worth:
            found.append((discount, Decimal(used).scaleb(-2), Decimal(worth - used).scaleb(-2)))
    return found


def notes(basket: Basket, cuts: Cuts | None = None) -> list[str]:
    """:func:`partly_used` in words, one sentence each: what is lost, and what to do to keep it."""
    currency = basket.currency
    return [texts.tr("'{offer}' is worth {worth}; this sale takes {used} off it and the rest, {left}, is lost when "
                     "the sale is committed. Take it off to keep it for a larger purchase",
                     offer=discount.description, worth=texts.Amount(used + left, currency),
                     used=texts.Amount(used, currency), left=texts.Amount(left, currency))
            for discount, used, left in partly_used(basket, cuts)]
