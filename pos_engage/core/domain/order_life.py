"""An order's life at the till: its stages, the moves allowed between them, and returns of some lines.

    created ─▶ in_progress ─▶ ready_for_pickup ─▶ delivered ─▶ partially_returned ─▶ returned
       │            │    └──▶ shipped ──────────────┘    └───────────────────────────▶ returned
       └────────────┴──────────────────▶ cancelled (also from ready_for_pickup)

Each change makes a new version of the whole order (``changes`` counts them): Engage's v3 order is replaced as
a whole, and the number keeps two changes from being confused with one sent twice.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal

from pos_engage.core import texts
from pos_engage.core.domain.checks import require_aware, require_money, require_text
from pos_engage.core.domain.orders import Address, Delivery
from pos_engage.core.domain.sales import CENT, Payment
from pos_engage.core.errors import InputError


class OrderStage(enum.StrEnum):
    CREATED = "created"
    IN_PROGRESS = "in_progress"
    READY_FOR_PICKUP = "ready_for_pickup"
    SHIPPED = "shipped"
    DELIVERED = "delivered"
    CANCELLED = "cancelled"
    PARTIALLY_RETURNED = "partially_returned"
    RETURNED = "returned"


S = OrderStage
# What a person reads for each stage (the Orders panel, and the messages about an order).
STAGE_WORDS = {S.CREATED: texts.tr("Created"), S.IN_PROGRESS: texts.tr("In progress"),
               S.READY_FOR_PICKUP: texts.tr("Ready for pickup"), S.SHIPPED: texts.tr("Shipped"),
               S.DELIVERED: texts.tr("Delivered"), S.CANCELLED: texts.tr("Cancelled"),
               S.PARTIALLY_RETURNED: texts.tr("Partly returned"), S.RETURNED: texts.tr("Returned")}
# Status moves a person makes; returns (to partially_returned / returned) happen through return_lines.
NEXT_STAGES: dict[OrderStage, frozenset[OrderStage]] = {
    S.CREATED: frozenset({S.IN_PROGRESS, S.CANCELLED}),
    S.IN_PROGRESS: frozenset({S.READY_FOR_PICKUP, S.SHIPPED, S.CANCELLED}),
    S.READY_FOR_PICKUP: frozenset({S.DELIVERED, S.CANCELLED}),
    S.SHIPPED: frozenset({S.DELIVERED}),
    S.DELIVERED: frozenset(),
    S.PARTIALLY_RETURNED: frozenset(),
    S.CANCELLED: frozenset(),
    S.RETURNED: frozenset(),
}
RETURNABLE = frozenset({S.DELIVERED, S.PARTIALLY_RETURNED})


@dataclass(frozen=True)
class OrderedItem:
    """One ordered article; ``returned`` of its ``quantity`` came back."""

    sku: str
    name: str
    quantity: int
    unit_price: Decimal            # incl. VAT, after discounts
    tax_percent: Decimal = Decimal("25")
    returned: int = 0

    def __post_init__(self) -> None:
        require_text(self.sku, "sku", max_length=64)
        require_text(self.name, "name")
        if isinstance(self.quantity, bool) or not isinstance(self.quantity, int) or self.quantity <= 0:
            raise InputError(texts.tr("An ordered quantity is a whole number above 0 (returns come later)"),
                             field="quantity")
        price = require_money(self.unit_price, "unit price")
        if price < 0:
            raise InputError(texts.tr("The unit price cannot be negative"), field="price")
        object.__setattr__(self, "unit_price", price.quantize(CENT))
        if not 0 <= self.returned <= self.quantity:
            raise InputError(texts.tr("{sku}: the quantity returned must be between 0 and {quantity}", sku=self.sku,
                                      quantity=self.quantity), field="returned")

    @property
    def kept(self) -> int:
        return self.quantity - self.returned


@dataclass(frozen=True)
class TillOrder:
    """An order as the till knows it. ``order_id`` is the external order id: the same for the order's life."""

    order_id: str
    stage: OrderStage
    items: tuple[OrderedItem, ...]
    created_at: datetime
    changed_at: datetime
    currency: str = "SEK"
    contact_id: str | None = None          # Engage's id once known
    email: str = ""
    mobile_phone: str = ""
    delivery: Delivery | None = None
    billing_address: Address | None = None
    payments: tuple[Payment, ...] = ()
    changes: int = 1                       # versions journaled so far; the creation is change 1

    def __post_init__(self) -> None:
        require_text(self.order_id, "orderId", max_length=100)
        require_aware(self.created_at, "createdAt")
        require_aware(self.changed_at, "changedAt")
        object.__setattr__(self, "items", tuple(self.items))
        object.__setattr__(self, "payments", tuple(self.payments))
        if not self.items:
            raise InputError(texts.tr("An order needs at least one line"), field="lines")
        if not isinstance(self.stage, OrderStage):
            object.__setattr__(self, "stage", OrderStage(self.stage))

    @property
    def total(self) -> Decimal:
        """What the customer pays for what they keep."""
        return sum((i.unit_price * i.kept for i in self.items), Decimal("0.00"))

    @property
    def ordered_total(self) -> Decimal:
        return sum((i.unit_price * i.quantity for i in self.items), Decimal("0.00"))

    @property
    def returned_total(self) -> Decimal:
        return self.ordered_total - self.total

    def moved_to(self, stage: OrderStage, at: datetime) -> TillOrder:
        """The next version with a new status; a move the life-cycle does not allow is refused."""
        stage = OrderStage(stage)
        if stage not in NEXT_STAGES[self.stage]:
            allowed = texts.Listing(STAGE_WORDS[s] for s in sorted(NEXT_STAGES[self.stage]))
            raise InputError(texts.tr("Order {order} is {stage}; it can become: {allowed}", order=self.order_id,
                                      stage=STAGE_WORDS[self.stage], allowed=allowed) if allowed else
                             texts.tr("Order {order} is {stage}: it is closed", order=self.order_id,
                                      stage=STAGE_WORDS[self.stage]), field="stage")
        return replace(self, stage=stage, changed_at=at, changes=self.changes + 1)

    def with_returns(self, returns: dict[str, int], at: datetime) -> TillOrder:
        """The next version with some lines (or all) returned: ``returns`` is sku -> quantity coming back."""
        if self.stage not in RETURNABLE:
            raise InputError(texts.tr("Order {order} is {stage}: only a delivered order takes returns",
                                      order=self.order_id, stage=STAGE_WORDS[self.stage]), field="stage")
        wanted = {sku: qty for sku, qty in returns.items() if qty}
        if not wanted:
            raise InputError(texts.tr("Choose at least one line and quantity to return"), field="returns")
        items = []
        for item in self.items:
            qty = wanted.pop(item.sku, 0)
            if qty < 0 or qty > item.kept:
                raise InputError(texts.tr("{article}: at most {quantity} can be returned", article=item.name,
                                          quantity=item.kept), field="returns")
            items.append(replace(item, returned=item.returned + qty))
        if wanted:
            raise InputError(texts.tr("Not on this order: {articles}", articles=", ".join(sorted(wanted))),
                             field="returns")
        stage = OrderStage.RETURNED if all(i.kept == 0 for i in items) else OrderStage.PARTIALLY_RETURNED
        return replace(self, items=tuple(items), stage=stage, changed_at=at, changes=self.changes + 1)
