"""Promotions and reward vouchers a contact holds, and what each is worth at a till."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Generic, TypeVar

from pos_engage.core.domain.checks import require_money, require_text


@dataclass(frozen=True)
class Money:
    """An amount in a currency (ISO 4217)."""

    amount: Decimal
    currency: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "amount", require_money(self.amount, "amount"))
        object.__setattr__(self, "currency", require_text(self.currency, "currency", max_length=3).upper())


class ValueType(enum.StrEnum):
    """How a promotion's value is expressed for a channel."""

    PERCENT = "PERCENT"
    MONEY = "MONEY"
    EXTERNALOFFER = "EXTERNALOFFER"
    MANUAL = "MANUAL"
    SWIPE = "SWIPE"


@dataclass(frozen=True)
class RedemptionChannel:
    """One channel's terms: a percentage, an amount, or a code/instruction for the cashier."""

    type: str
    value_type: ValueType
    percent: Decimal | None = None
    amount: Money | None = None
    code: str | None = None
    instruction: str | None = None


@dataclass(frozen=True)
class Promotion:
    """A promotion assigned to one contact. ``id`` is the assignment to redeem, ``promotion_id`` the template."""

    id: str
    promotion_id: str
    name: str
    heading: str = ""
    description: str = ""
    expires_on: datetime | None = None
    redeemed: bool = False
    redeemed_on: datetime | None = None
    channels: tuple[RedemptionChannel, ...] = ()

    @property
    def pos_channel(self) -> RedemptionChannel | None:
        return next((c for c in self.channels if c.type.upper() == "POS"), None)

    def is_usable_at_pos(self, now: datetime) -> bool:
        """Offered to the cashier: not redeemed, not expired, and valid in a store."""
        if self.redeemed or self.pos_channel is None:
            return False
        return self.expires_on is None or self.expires_on > now


@dataclass(frozen=True)
class RewardVoucher:
    """A reward voucher (bonus check): a fixed amount off, used as a line discount, never as tender."""

    id: str
    voucher_number: str
    name: str
    value: Money
    expires_on: datetime | None = None
    redeemed: bool = False
    redeemed_on: datetime | None = None
    points: Decimal | None = None

    def is_usable(self, now: datetime) -> bool:
        return not self.redeemed and (self.expires_on is None or self.expires_on > now)


@dataclass(frozen=True)
class TransactionLine:
    """One line of a purchase in a contact's history, as far as Engage holds it (a price may be missing)."""

    sku: str
    name: str
    quantity: int                       # negative for a returned line
    gross_paid_price: Decimal | None    # the line's total paid, after discounts
    tax_percent: Decimal | None
    type: str = "PURCHASE"


@dataclass(frozen=True)
class Transaction:
    """One purchase in a contact's history."""

    id: str
    transaction_number: str
    created_date: datetime | None
    store_name: str
    number_of_items: int
    net_price_sum: Decimal
    currency: str
    external_id: str = ""               # the receipt's uniqueReceiptId when it came from a till
    lines: tuple[TransactionLine, ...] = ()


T = TypeVar("T")


@dataclass(frozen=True)
class Page(Generic[T]):
    """One page of a paged Engage listing."""

    items: tuple[T, ...]
    offset: int
    count: int
    total_count: int

    @property
    def has_more(self) -> bool:
        return self.offset + len(self.items) < self.total_count
