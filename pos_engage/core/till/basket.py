"""The basket: lines (purchases and returns), promotions applied as line discounts, payments, and the receipt
it becomes. Totals are computed one way only, so what the screen shows is what Engage receives.

Engage's rule (engage-api.md 3.5, 4.4): promotions and vouchers are discounts on the lines, never tender;
a whole-receipt discount is spread over the lines; ``grossPaidPrice`` is what was paid after discounts.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal

from pos_engage.core.domain import (
    Discount,
    ItemType,
    MatchKey,
    Payment,
    Promotion,
    Receipt,
    ReceiptItem,
    RewardVoucher,
    ValueType,
)
from pos_engage.core.domain.checks import require_money, require_text
from pos_engage.core.errors import InputError

CENT = Decimal("0.01")


@dataclass(frozen=True)
class BasketLine:
    sku: str
    name: str
    quantity: int                  # negative: returned
    unit_price: Decimal            # incl. VAT, before discounts
    tax_percent: Decimal = Decimal("25")

    def __post_init__(self) -> None:
        require_text(self.sku, "sku", max_length=64)
        require_text(self.name, "name")
        if isinstance(self.quantity, bool) or not isinstance(self.quantity, int) or self.quantity == 0:
            raise InputError("quantity must be a whole number other than 0 (negative for a return)", field="quantity")
        if require_money(self.unit_price, "unit price") < 0:
            raise InputError("the unit price cannot be negative; a return has a negative quantity", field="price")

    @property
    def is_return(self) -> bool:
        return self.quantity < 0

    @property
    def gross(self) -> Decimal:
        """Before discounts, positive for purchases and returns alike."""
        return (self.unit_price * abs(self.quantity)).quantize(CENT)


@dataclass(frozen=True)
class AppliedDiscount:
    """A promotion or voucher applied to the sale (reserved; redeemed when the sale is finished)."""

    source_id: str                 # promotion assignment id or voucher id
    template_id: str               # promotion template id for usedPromotions; voucher number for usedBonusChecks
    description: str
    kind: str                      # "promotion" | "voucher"
    percent: Decimal | None = None
    amount: Decimal | None = None


@dataclass
class Basket:
    lines: list[BasketLine] = field(default_factory=list)
    discounts: list[AppliedDiscount] = field(default_factory=list)
    currency: str = "SEK"
    unique_id: str | None = None   # a receipt from the POS keeps its own uniqueReceiptId

    def add(self, line: BasketLine) -> None:
        self.lines.append(line)

    def remove(self, index: int) -> None:
        del self.lines[index]

    def clear(self) -> None:
        self.lines.clear()
        self.discounts.clear()

    # -------------------------------------------------------------- discounts

    def apply_promotion(self, promotion: Promotion) -> AppliedDiscount:
        channel = promotion.pos_channel
        if channel is None:
            raise InputError(f"'{promotion.name}' cannot be used in a store")
        if any(d.source_id == promotion.id for d in self.discounts):
            raise InputError(f"'{promotion.name}' is already applied")
        applied = AppliedDiscount(promotion.id, promotion.promotion_id, promotion.heading or promotion.name,
                                  "promotion",
                                  percent=channel.percent if channel.value_type is ValueType.PERCENT else None,
                                  amount=channel.amount.amount if channel.value_type is ValueType.MONEY else None)
        self.discounts.append(applied)
        return applied

    def apply_voucher(self, voucher: RewardVoucher) -> AppliedDiscount:
        if any(d.source_id == voucher.id for d in self.discounts):
            raise InputError(f"voucher {voucher.voucher_number} is already applied")
        applied = AppliedDiscount(voucher.id, voucher.voucher_number, voucher.name, "voucher",
                                  amount=voucher.value.amount)
        self.discounts.append(applied)
        return applied

    def release(self, source_id: str) -> None:
        self.discounts = [d for d in self.discounts if d.source_id != source_id]

    def line_discounts(self) -> list[list[tuple[AppliedDiscount, Decimal]]]:
        """Per line, the discounts it carries (negative amounts). Percentages apply to each purchase line;
        fixed amounts are spread over purchase lines in proportion to their price (the last line takes the
        rounding), never below zero. Returns are never discounted."""
        per_line: list[list[tuple[AppliedDiscount, Decimal]]] = [[] for _ in self.lines]
        remaining = [line.gross if not line.is_return else Decimal(0) for line in self.lines]
        for discount in self.discounts:
            if discount.percent is not None:
                for index, line in enumerate(self.lines):
                    if line.is_return:
                        continue
                    cut = min(remaining[index], (line.gross * discount.percent / 100).quantize(CENT, ROUND_HALF_UP))
                    if cut:
                        per_line[index].append((discount, -cut))
                        remaining[index] -= cut
            elif discount.amount:
                base = sum(remaining, Decimal(0))
                total_cut = min(discount.amount, base)
                spread, indexes = Decimal(0), [i for i, r in enumerate(remaining) if r > 0]
                for position, index in enumerate(indexes):
                    if position == len(indexes) - 1:
                        cut = total_cut - spread
                    else:
                        cut = (total_cut * remaining[index] / base).quantize(CENT, ROUND_HALF_UP)
                    cut = min(cut, remaining[index])
                    if cut:
                        per_line[index].append((discount, -cut))
                        remaining[index] -= cut
                        spread += cut
        return per_line

    def paid(self, index: int, per_line=None) -> Decimal:
        """What the line costs after its discounts (positive; a return's refund)."""
        per_line = per_line or self.line_discounts()
        return self.lines[index].gross + sum((cut for _, cut in per_line[index]), Decimal(0))

    @property
    def total(self) -> Decimal:
        per_line = self.line_discounts()
        return sum(((-self.paid(i, per_line) if line.is_return else self.paid(i, per_line))
                    for i, line in enumerate(self.lines)), Decimal("0.00"))

    @property
    def discount_total(self) -> Decimal:
        return -sum((cut for line in self.line_discounts() for _, cut in line), Decimal("0.00"))

    # -------------------------------------------------------------- receipt

    def to_receipt(self, *, contact: MatchKey, store: str, till: str, created: datetime,
                   payment_type: str = "Card", unique_id: str | None = None) -> Receipt:
        if not self.lines:
            raise InputError("the basket is empty")
        per_line = self.line_discounts()
        items = []
        for index, line in enumerate(self.lines):
            items.append(ReceiptItem(
                sku=line.sku, article_name=line.name, quantity=abs(line.quantity),
                gross_paid_price=self.paid(index, per_line), tax_percent=line.tax_percent,
                type=ItemType.RETURN if line.is_return else ItemType.PURCHASE,
                discounts=tuple(Discount(cut, d.description, d.kind) for d, cut in per_line[index])))
        unique_id = unique_id or self.unique_id or f"{store}-{till}-{created:%Y%m%d%H%M%S}-{uuid.uuid4().hex[:6]}"
        return Receipt(
            unique_receipt_id=unique_id, receipt_number=unique_id.split("-", 2)[-1], created_date=created,
            store_external_id=store, currency=self.currency, contact=contact, items=tuple(items),
            payments=(Payment(payment_type, self.total),),
            used_promotions=tuple(d.template_id for d in self.discounts if d.kind == "promotion"),
            used_bonus_checks=tuple(d.template_id for d in self.discounts if d.kind == "voucher"),
        )

    def copy(self) -> Basket:
        return replace(self, lines=list(self.lines), discounts=list(self.discounts))
