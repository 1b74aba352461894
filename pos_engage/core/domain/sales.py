"""A finished sale as Engage books it: the receipt, its lines, discounts and payments.

Sign convention (engage-api.md 4.3): a RETURN line holds a positive quantity and price here and contributes
negatively to the total; the wire format turns the quantity negative. So ``Receipt.total_gross_price`` is always
the signed sum of the lines, which is what Engage validates.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from pos_engage.core.domain.checks import require_aware, require_money, require_text
from pos_engage.core.errors import InputError

CENT = Decimal("0.01")


class MatchKeyType(enum.StrEnum):
    """How Engage matches a receipt or order to a contact (compared case-insensitively on the wire)."""

    CONTACT_ID = "contactId"
    MEMBER_NUMBER = "memberNumber"
    EMAIL = "email"
    MOBILE_PHONE = "mobilePhone"
    EXTERNAL_ID = "externalId"
    SOCIAL_SECURITY_NUMBER = "socialSecurityNumber"
    CARD_ID = "cardId"
    MEMBER_NUMBER_WITH_CARD_NUMBER_AS_FALLBACK = "memberNumberWithCardNumberAsFallback"

    @classmethod
    def parse(cls, text: str) -> MatchKeyType:
        folded = text.strip().lower()
        for member in cls:
            if member.value.lower() == folded:
                return member
        raise InputError(f"unknown matchKeyType {text!r}", field="matchKeyType")


@dataclass(frozen=True)
class MatchKey:
    """Who the sale belongs to: a contact id once known, else the key the customer gave (deferred matching)."""

    value: str
    type: MatchKeyType = MatchKeyType.CONTACT_ID
    contact_type: str | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "value", require_text(self.value, "matchKey", max_length=100))
        if not isinstance(self.type, MatchKeyType):
            object.__setattr__(self, "type", MatchKeyType.parse(str(self.type)))


class ItemType(enum.StrEnum):
    PURCHASE = "PURCHASE"
    RETURN = "RETURN"
    ADJUSTMENT = "ADJUSTMENT"


@dataclass(frozen=True)
class Discount:
    """A discount on a line; ``value`` is negative (money taken off)."""

    value: Decimal
    description: str = ""
    type: str = ""

    def __post_init__(self) -> None:
        value = require_money(self.value, "discount value")
        if value > 0:
            raise InputError("a discount's value is negative (the amount taken off)", field="discounts")
        object.__setattr__(self, "value", value)


@dataclass(frozen=True)
class ReceiptItem:
    """One line. ``gross_paid_price`` is the line total actually paid, after discounts, incl. VAT."""

    sku: str
    article_name: str
    quantity: int
    gross_paid_price: Decimal
    tax_percent: Decimal
    type: ItemType = ItemType.PURCHASE
    article_number: str = ""
    article_group: str = ""
    discounts: tuple[Discount, ...] = ()
    extra_data: tuple[tuple[str, str], ...] = ()
    awards_bonus: bool = True

    def __post_init__(self) -> None:
        object.__setattr__(self, "sku", require_text(self.sku, "sku", max_length=64))
        object.__setattr__(self, "article_name", require_text(self.article_name, "articleName"))
        object.__setattr__(self, "article_number", self.article_number or self.sku)
        if isinstance(self.quantity, bool) or not isinstance(self.quantity, int) or self.quantity <= 0:
            raise InputError("quantity must be a whole number above 0 (a return is type RETURN)", field="quantity")
        price = require_money(self.gross_paid_price, "grossPaidPrice")
        if price < 0:
            raise InputError(
                "grossPaidPrice is the positive amount paid; a return is type RETURN", field="grossPaidPrice"
            )
        object.__setattr__(self, "gross_paid_price", price.quantize(CENT))
        tax = require_money(self.tax_percent, "taxPercent")
        if not 0 <= tax <= 100:
            raise InputError("taxPercent must be between 0 and 100", field="taxPercent")
        object.__setattr__(self, "tax_percent", tax)
        if not isinstance(self.type, ItemType):
            object.__setattr__(self, "type", ItemType(str(self.type).upper()))

    @property
    def tax_amount(self) -> Decimal:
        """VAT included in the paid price: gross - gross / (1 + rate)."""
        rate = self.tax_percent / 100
        return (self.gross_paid_price - self.gross_paid_price / (1 + rate)).quantize(CENT)

    @property
    def signed_total(self) -> Decimal:
        """What this line adds to the receipt total (negative for a return)."""
        return -self.gross_paid_price if self.type is ItemType.RETURN else self.gross_paid_price


@dataclass(frozen=True)
class Payment:
    """A tender line; negative for money paid back on a return."""

    type: str
    value: Decimal
    description: str = ""

    def __post_init__(self) -> None:
        object.__setattr__(self, "type", require_text(self.type, "payment type", max_length=50))
        object.__setattr__(self, "value", require_money(self.value, "payment value").quantize(CENT))


@dataclass(frozen=True)
class Receipt:
    """A finalised sale. ``unique_receipt_id`` is the idempotency key: Engage books it once."""

    unique_receipt_id: str
    receipt_number: str
    created_date: datetime
    store_external_id: str
    currency: str
    contact: MatchKey
    items: tuple[ReceiptItem, ...]
    payments: tuple[Payment, ...] = ()
    used_promotions: tuple[str, ...] = ()
    used_bonus_checks: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        require_text(self.unique_receipt_id, "uniqueReceiptId", max_length=100)
        require_text(self.receipt_number, "receiptNumber", max_length=100)
        require_aware(self.created_date, "createdDate")
        require_text(self.store_external_id, "storeExternalId", max_length=100)
        currency = require_text(self.currency, "currency", max_length=3).upper()
        if len(currency) != 3:
            raise InputError("currency must be an ISO 4217 code such as SEK", field="currency")
        object.__setattr__(self, "currency", currency)
        if not isinstance(self.contact, MatchKey):
            raise InputError("contact must be a MatchKey", field="contact")
        object.__setattr__(self, "items", tuple(self.items))
        object.__setattr__(self, "payments", tuple(self.payments))
        if not self.items:
            raise InputError("a receipt needs at least one line", field="items")

    @property
    def total_gross_price(self) -> Decimal:
        return sum((item.signed_total for item in self.items), Decimal("0.00"))
