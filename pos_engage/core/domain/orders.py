"""Orders: stored v3 orders (with their job and versionTag) and v2 order communication.

Orders are not transactions (engage-api.md 5): an order changes through its life and drives the customer's
order emails; the receipt for the same sale is sent separately.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from pos_engage.core.domain.checks import require_aware, require_money, require_text
from pos_engage.core.domain.sales import CENT, ItemType, MatchKey, Payment
from pos_engage.core.errors import InputError


@dataclass(frozen=True)
class OrderLine:
    """One ordered article; ``total_price`` is what the line costs after discounts, incl. VAT."""

    sku: str
    name: str
    quantity: int
    total_price: Decimal
    tax_percent: Decimal = Decimal("25")
    type: ItemType = ItemType.PURCHASE

    def __post_init__(self) -> None:
        require_text(self.sku, "sku", max_length=64)
        require_text(self.name, "name")
        if isinstance(self.quantity, bool) or not isinstance(self.quantity, int) or self.quantity <= 0:
            raise InputError("quantity must be a whole number above 0", field="quantity")
        price = require_money(self.total_price, "totalPrice")
        if price < 0:
            raise InputError("totalPrice is positive; a returned line is type RETURN", field="totalPrice")
        object.__setattr__(self, "total_price", price.quantize(CENT))
        object.__setattr__(self, "tax_percent", require_money(self.tax_percent, "taxPercent"))

    @property
    def signed_total(self) -> Decimal:
        return -self.total_price if self.type is ItemType.RETURN else self.total_price


@dataclass(frozen=True)
class Delivery:
    """How an order reaches the customer: the method and, once shipped, its tracking."""

    method: str
    tracking_number: str = ""
    tracking_uri: str = ""
    delivery_date: datetime | None = None


@dataclass(frozen=True)
class Address:
    """The customer's name and delivery address on an order, with the email and phone its messages go to."""

    first_name: str = ""
    last_name: str = ""
    street: str = ""
    zip_code: str = ""
    city: str = ""
    country_code: str = ""
    email: str = ""
    mobile_phone: str = ""


@dataclass(frozen=True)
class Order:
    """A stored order. ``order_id`` is the till's external id and stays the same for the order's whole life."""

    order_id: str
    contact: MatchKey
    store_external_id: str
    status: str
    currency: str
    created_at: datetime
    lines: tuple[OrderLine, ...]
    payments: tuple[Payment, ...] = ()
    external_status: str = ""
    last_changed_at: datetime | None = None
    delivery: Delivery | None = None
    billing_address: Address | None = None
    channel: str = "Store"

    def __post_init__(self) -> None:
        require_text(self.order_id, "orderId", max_length=100)
        require_text(self.store_external_id, "externalStoreId", max_length=100)
        require_text(self.status, "status", max_length=50)
        require_aware(self.created_at, "createdAt")
        if self.last_changed_at is not None:
            require_aware(self.last_changed_at, "lastChangedAt")
        object.__setattr__(self, "lines", tuple(self.lines))
        object.__setattr__(self, "payments", tuple(self.payments))
        if not self.lines:
            raise InputError("an order needs at least one line", field="lineItems")

    @property
    def sub_total(self) -> Decimal:
        return sum((line.signed_total for line in self.lines), Decimal("0.00"))


@dataclass(frozen=True)
class StoredOrder:
    """An order as Engage holds it, with the versionTag an action must quote."""

    order: Order | None
    order_id: str
    version_tag: str | None
    raw: dict


class JobState(enum.StrEnum):
    PENDING = "Pending"
    DONE = "Done"
    FAILED = "Failed"


@dataclass(frozen=True)
class OrderJob:
    """The answer to an asynchronous order write: where to ask how it went."""

    job_id: str
    location: str


@dataclass(frozen=True)
class OrderJobStatus:
    """Where Engage is with an order write it accepted (202): still working, done (with the order id) or failed."""

    state: JobState
    order_id: str | None = None
    error_code: str | None = None
    error_message: str | None = None


@dataclass(frozen=True)
class CommunicationItem:
    """A line of a v2 order communication."""

    sku: str
    description: str
    quantity: int
    gross_paid_price: Decimal
    tax_percent: Decimal = Decimal("25")
    type: ItemType = ItemType.PURCHASE

    def __post_init__(self) -> None:
        require_text(self.sku, "sku", max_length=64)
        require_text(self.description, "description")
        if isinstance(self.quantity, bool) or not isinstance(self.quantity, int) or self.quantity <= 0:
            raise InputError("quantity must be a whole number above 0", field="quantity")
        object.__setattr__(self, "gross_paid_price", require_money(self.gross_paid_price, "grossPaidPrice"))
        object.__setattr__(self, "tax_percent", require_money(self.tax_percent, "taxPercent"))

    @property
    def signed_total(self) -> Decimal:
        return -self.gross_paid_price if self.type is ItemType.RETURN else self.gross_paid_price


@dataclass(frozen=True)
class OrderCommunication:
    """A v2 order event (`POST /api/v2/orders`): triggers the order email; Engage stores nothing, dedups nothing."""

    order_number: str
    contact: MatchKey
    order_status: str
    payment_status: str
    created_date: datetime
    store_id: str
    currency: str
    items: tuple[CommunicationItem, ...]
    language: str = "sv-SE"
    payments: tuple[Payment, ...] = ()

    def __post_init__(self) -> None:
        require_text(self.order_number, "orderNumber", max_length=100)
        require_text(self.order_status, "orderStatus", max_length=50)
        require_text(self.payment_status, "paymentStatus", max_length=50)
        require_aware(self.created_date, "createdDate")
        require_text(self.store_id, "storeId", max_length=100)
        object.__setattr__(self, "items", tuple(self.items))
        if not self.items:
            raise InputError("an order needs at least one line", field="items")

    @property
    def total_gross_price(self) -> Decimal:
        return sum((item.signed_total for item in self.items), Decimal("0.00"))
