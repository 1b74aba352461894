"""What the cashier must do for the customer once the sale is finished: an applied offer that is no discount but
an act (a partner's code to give, a coffee from the drawer: Engage's EXTERNALOFFER, MANUAL and SWIPE value types),
said in Engage's words (the channel's instruction, else the promotion's description) with its code.

The offer's card says it while the sale is open; the card goes with the customer when the sale is finished, which is
when the cashier must act on it. So the finished sale says it (SaleOutcome.hand_over), and the window keeps it in
view with the last sale's news.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from pos_engage.core import texts
from pos_engage.core.domain import ValueType

if TYPE_CHECKING:
    from pos_engage.core.till.basket import Basket
    from pos_engage.core.till.outcomes import Customer

# The value types that take nothing off the sale: the offer is something the cashier does or gives.
ACTS = frozenset({ValueType.EXTERNALOFFER, ValueType.MANUAL, ValueType.SWIPE})


@dataclass(frozen=True)
class HandOver:
    """One applied offer's act: which offer (its assignment id), and what the cashier reads."""

    offer_id: str
    text: texts.Text


def hand_overs(basket: Basket, customer: Customer | None) -> tuple[HandOver, ...]:
    """The acts of the promotions applied to this sale, in the order they were applied."""
    if customer is None:
        return ()
    promotions = {promotion.id: promotion for promotion in customer.promotions}
    found = []
    for discount in basket.discounts:
        promotion = promotions.get(discount.source_id) if discount.kind == "promotion" else None
        channel = promotion.pos_channel if promotion is not None else None
        if channel is None or channel.value_type not in ACTS:
            continue
        offer, what, code = promotion.heading or promotion.name, channel.instruction or promotion.description, \
            channel.code
        if what and code:
            text = texts.tr("{offer}: {what} (code {code})", offer=offer, what=what, code=code)
        elif what:
            text = texts.tr("{offer}: {what}", offer=offer, what=what)
        elif code:
            text = texts.tr("{offer}: give the customer the code {code}", offer=offer, code=code)
        else:
            continue   # Engage says nothing to do: nothing to say
        found.append(HandOver(promotion.id, text))
    return tuple(found)
