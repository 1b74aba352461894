"""A finished sale as Engage books it: the receipt, its lines, discounts and payments.

Sign convention (engage-api.md 4.3): a RETURN line holds a positive quantity and price here and contributes
negatively to the total; the wire format turns the quantity negative. So ``Receipt.total_gross_price`` is always
the signed sum of the lines, which is what Engage validates. An ADJUSTMENT line keeps its own sign (a price
correction may take money off).

Quantities may be fractional (weighed goods: 0.348 kg). Voyado's swagger types ``ReceiptItem.quantity`` as an
int, but a store sells by weight and the POS link's contract (issue 16) decides that fractions are accepted: a
deliberate deviation, documented in ``wire/sales.py`` too.

Free text (an article's name and group) is kept as the POS wrote it: a tab, a right-to-left mark or an emoji is
text Engage accepts. Identifiers (sku, ids, keys) stay single-line and free of control characters.
"""

from __future__ import annotations

import enum
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from pos_engage.core import texts
from pos_engage.core.domain.checks import bounded_text, require_aware, require_money, require_text
from pos_engage.core.errors import InputError

CENT = Decimal("0.01")
# exchangeRateToGroupCurrency, one unit of the sale's currency in the group's: the world's currencies are within
# 10**-5 .. 10**5 of each other (wire/receipt_checks refuses a rate outside; the POS link's OpenAPI says so).
RATE_LOW, RATE_HIGH = Decimal("0.000001"), Decimal("1000000")


def require_free_text(value: object, field: str, *, max_length: int = 200) -> str:
    """Text a person reads (an article's name): not empty, any characters JSON and Engage carry, so a tab or a
    right-to-left mark passes as it is. Only a lone surrogate is refused: it cannot be written as UTF-8 at all."""
    text = bounded_text(value, field, max_length=max_length)
    require_encodable(text, field)
    return text


def require_encodable(text: str, field: str) -> str:
    """``text`` can be sent as UTF-8 (JSON read from a file may hold a lone surrogate such as \\ud800)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise InputError(texts.tr("{field} holds a lone surrogate (a broken character) that cannot be sent",
                                  field=field), field=field) from None
    return text


def require_quantity(value: object, field: str = "quantity") -> int | Decimal:
    """A whole number, or a Decimal for weighed goods; never a float (binary rounding) nor a bool."""
    if isinstance(value, bool) or not isinstance(value, (int, Decimal)):
        raise InputError(texts.tr("{field} must be a number of articles (a Decimal for weighed goods)",
                                  field=field), field=field)
    if isinstance(value, Decimal) and not value.is_finite():
        raise InputError(texts.tr("{field} must be a finite number", field=field), field=field)
    return value


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
    quantity: int | Decimal         # a Decimal for weighed goods (0.348 kg)
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
        object.__setattr__(self, "article_name", require_free_text(self.article_name, "articleName"))
        require_encodable(self.article_group, "articleGroup")
        object.__setattr__(self, "article_number", self.article_number or self.sku)
        if not isinstance(self.type, ItemType):
            object.__setattr__(self, "type", ItemType(str(self.type).upper()))
        if require_quantity(self.quantity) <= 0:
            raise InputError(texts.tr("quantity must be above 0 (a return is type RETURN)"), field="quantity")
        price = require_money(self.gross_paid_price, "grossPaidPrice")
        if price < 0 and self.type is not ItemType.ADJUSTMENT:  # a price correction may take money off
            raise InputError(
                texts.tr("grossPaidPrice is the positive amount paid; a return is type RETURN"), field="grossPaidPrice"
            )
        object.__setattr__(self, "gross_paid_price", price.quantize(CENT))
        tax = require_money(self.tax_percent, "taxPercent")
        if not 0 <= tax <= 100:
            raise InputError("taxPercent must be between 0 and 100", field="taxPercent")
        object.__setattr__(self, "tax_percent", tax)

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
    # The Engage JSON this receipt was read from, when the POS built it (POST /v1/receipts, `receipt submit`, a
    # receipt file, a committed POS-link sale), with what the companion added: wire.receipt_to_json sends exactly
    # this, so every field the POS carried reaches Engage unchanged. The fields above are the checked view of it.
    # Never mutated; not part of equality (two readings of one sale are the same receipt).
    source_json: Mapping[str, Any] | None = field(default=None, compare=False, repr=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "currency", check_receipt_fields(
            self.unique_receipt_id, self.receipt_number, self.created_date, self.store_external_id, self.currency))
        if not isinstance(self.contact, MatchKey):
            raise InputError("contact must be a MatchKey", field="contact")
        object.__setattr__(self, "items", tuple(self.items))
        object.__setattr__(self, "payments", tuple(self.payments))
        if not self.items:
            raise InputError("a receipt needs at least one line", field="items")

    @property
    def total_gross_price(self) -> Decimal:
        return sum((item.signed_total for item in self.items), Decimal("0.00"))


def check_receipt_fields(unique_receipt_id: object, receipt_number: object, created_date: object,
                         store_external_id: object, currency: object) -> str:
    """What a :class:`Receipt` checks of its own fields, in its order (its lines and payments check themselves);
    the currency as the receipt keeps it. Also asked by a reader that checks a receipt's JSON without building
    the receipt (wire/receipt_checks.py)."""
    require_text(unique_receipt_id, "uniqueReceiptId", max_length=100)
    require_text(receipt_number, "receiptNumber", max_length=100)
    require_aware(created_date, "createdDate")
    require_text(store_external_id, "storeExternalId", max_length=100)
    code = require_text(currency, "currency", max_length=3).upper()
    if len(code) != 3:
        raise InputError("currency must be an ISO 4217 code such as SEK", field="currency")
    return code
