"""The basket: lines (purchases and returns), promotions applied as line discounts, payments, and the receipt
it becomes. Totals are computed one way only, so what the screen shows is what Engage receives.

Engage's rule (engage-api.md 3.5, 4.4): promotions and vouchers are discounts on the lines, never tender;
a whole-receipt discount is spread over the lines; ``grossPaidPrice`` is what was paid after discounts.

Stacking (what a retailer expects, issue 12): at most ``percent_promotions_per_line`` percent promotions on a line
(1 by default), percentages first and then fixed amounts (money promotions and vouchers, which combine up to the
total), a line never below zero, and an offer in another currency than the sale's is not applicable.

Payments (tender), split or not, are basket_payments.py's (BasketPayments, a part of Basket).
"""

from __future__ import annotations

import functools
import uuid
from dataclasses import dataclass, field, replace
from datetime import datetime
from decimal import Decimal

from pos_engage.core import texts
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
from pos_engage.core.till.basket_payments import CENT, BasketPayments
from pos_engage.core.till.payment_methods import PAYMENT_METHODS


@dataclass(frozen=True)
class BasketLine:
    """One article on the sale: a negative quantity is a return.

    A line the POS rang up carries its own ``line_total`` (what the POS charges for the whole line, positive,
    after its own discounts) and ``line_id``: the total is then the line's price, never rebuilt from a rounded
    unit price (3 for 100.00 stays 100.00). Only such a line may have a fractional quantity (weighed goods)."""

    sku: str
    name: str
    quantity: int | Decimal        # negative: returned; a Decimal only for weighed goods with a line total
    unit_price: Decimal            # incl. VAT, before discounts (informative when line_total is given)
    tax_percent: Decimal = Decimal("25")
    line_total: Decimal | None = None
    line_id: str = ""

    def __post_init__(self) -> None:
        require_text(self.sku, "sku", max_length=64)
        require_text(self.name, "name")
        weighed = isinstance(self.quantity, Decimal) and self.line_total is not None
        if isinstance(self.quantity, bool) or not (isinstance(self.quantity, int) or weighed) \
                or self.quantity == 0 or (weighed and not self.quantity.is_finite()):
            raise InputError(texts.tr("The quantity must be a whole number other than 0 (negative for a return)"),
                             field="quantity")
        if require_money(self.unit_price, "unit price") < 0:
            raise InputError(texts.tr("The unit price cannot be negative; a return has a negative quantity"),
                             field="price")
        if self.line_total is not None and require_money(self.line_total, "line total") < 0:
            raise InputError(texts.tr("The line total cannot be negative; a return has a negative quantity"),
                             field="lineTotal")

    @classmethod
    def priced(cls, line_id: str, sku: str, name: str, quantity: int | Decimal, line_total: Decimal,
               tax_percent: Decimal) -> BasketLine:
        """A line as the POS rang it up: its own id and total (the unit price is only shown)."""
        unit = (line_total / abs(Decimal(quantity))).quantize(CENT) if quantity else Decimal(0)
        return cls(sku, name, quantity, unit, tax_percent, line_total=line_total, line_id=line_id)

    @classmethod
    def checked(cls, line_id: str, sku: str, name: str, quantity: int | Decimal, line_total: Decimal,
                tax_percent: Decimal, cents: int | None = None) -> BasketLine:
        """:meth:`priced` for a line pos_sale_input.py has checked already, by rules at least as strict as
        ``__post_init__``'s (sku and name single-line text within their lengths, the quantity a number other
        than 0, the line total a finite amount of 0 or more), built without checking them a second time: a
        20-line PUT spent a quarter of its time there. tests/core/till/test_pos_lines.py holds the two equal."""
        line = object.__new__(cls)
        # The fields straight into the instance's dict: what the frozen __init__ ends with, in one call. Its
        # ``gross`` and ``cents`` too, which a sale's state asks of every new line (computed on first use, they
        # were a tenth of a new 20-line sale's first answer).
        if cents is None:
            gross = line_total.quantize(CENT)
            cents = int(gross.scaleb(2))
        else:   # the caller's line total is in cents already (``cents`` of them)
            gross = line_total
        line.__dict__.update(sku=sku, name=name, quantity=quantity,
                             unit_price=(line_total / abs(Decimal(quantity))).quantize(CENT),
                             tax_percent=tax_percent, line_total=line_total, line_id=line_id,
                             gross=gross, cents=cents)
        return line

    @property
    def is_return(self) -> bool:
        return self.quantity < 0

    @property
    def is_weighed(self) -> bool:
        return not isinstance(self.quantity, int)

    @functools.cached_property
    def gross(self) -> Decimal:
        """Before the companion's discounts, positive for purchases and returns alike (kept: a sale's state asks
        each line's several times, and the line never changes)."""
        if self.line_total is not None:
            return self.line_total.quantize(CENT)
        return (self.unit_price * abs(self.quantity)).quantize(CENT)

    @functools.cached_property
    def cents(self) -> int:
        """:attr:`gross` in whole cents: what the discounts are worked out in (Basket.line_cuts)."""
        return int(self.gross.scaleb(2))


def _spread(amount: int, room: list[int], per: int = 1) -> list[tuple[int, int]]:
    """Split ``amount / per`` cents (at most ``sum(room)``) over lines in proportion to their room (in cents), in
    whole cents, no line given more than its room. Largest remainder: each line first takes its share rounded
    down, then the cents left over go one each to the lines whose shares were cut the most (rounding each share
    half-up instead can hand out more than the amount, and a last line "taking the difference" can then go
    negative); an amount with a fraction of a cent (``per`` > 1) hands out the cent it began.
    In whole numbers, so every share and what was cut off it are exact (one ``divmod`` each)."""
    base = sum(room) * per
    if amount <= 0 or base <= 0:
        return []
    indexes = [i for i, r in enumerate(room) if r > 0]
    shares = {i: divmod(amount * room[i], base) for i in indexes}
    cuts = {i: shares[i][0] for i in indexes}
    left = amount - per * sum(cuts.values())
    for i in sorted(indexes, key=lambda i: shares[i][1], reverse=True):
        if left <= 0:
            break
        if cuts[i] < room[i]:
            cuts[i] += 1
            left -= per
    return [(i, cuts[i]) for i in indexes if cuts[i]]


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
class Basket(BasketPayments):
    """The sale being rung up: lines, promotions applied as line discounts, and payments taken so far."""

    lines: list[BasketLine] = field(default_factory=list)
    discounts: list[AppliedDiscount] = field(default_factory=list)
    currency: str = "SEK"
    unique_id: str | None = None   # a receipt from the POS keeps its own uniqueReceiptId
    payments: list[Payment] = field(default_factory=list)   # parts paid so far; the rest is paid on finishing
    percent_promotions_per_line: int = 1   # stacking: percent promotions one line may carry
    cash_step: Decimal | None = None       # what cash is rounded to (cash_rounding.cash_step); None: to the cent
    cash_rounded: Decimal = Decimal("0.00")   # what the store rounded by when cash paid the rest (add_payment)
    methods: tuple[str, ...] = PAYMENT_METHODS   # the tenders this till takes (payment_methods(config))

    def sale_id(self, store: str, till: str, now: datetime) -> str:
        """The sale's uniqueReceiptId, fixed the first time it is asked (an applied offer is reserved for it)."""
        if self.unique_id is None:
            self.unique_id = f"{store}-{till}-{now:%Y%m%d%H%M%S}-{uuid.uuid4().hex[:6]}"
        return self.unique_id

    def add(self, line: BasketLine) -> None:
        self.lines.append(line)

    def remove(self, index: int) -> None:
        del self.lines[index]

    def clear(self) -> None:
        self.lines.clear()
        self.discounts.clear()
        self.remove_payments()

    # -------------------------------------------------------------- discounts

    def apply_promotion(self, promotion: Promotion) -> AppliedDiscount:
        refused = self._promotion_refusal(promotion, self.percent_promotions_per_line)
        if refused is not None:
            raise refused
        channel = promotion.pos_channel
        applied = AppliedDiscount(promotion.id, promotion.promotion_id, promotion.heading or promotion.name,
                                  "promotion",
                                  percent=channel.percent if channel.value_type is ValueType.PERCENT else None,
                                  amount=channel.amount.amount if channel.value_type is ValueType.MONEY else None)
        self.discounts.append(applied)
        return applied

    def apply_voucher(self, voucher: RewardVoucher) -> AppliedDiscount:
        refused = self._voucher_refusal(voucher)
        if refused is not None:
            raise refused
        applied = AppliedDiscount(voucher.id, voucher.voucher_number, voucher.name, "voucher",
                                  amount=voucher.value.amount)
        self.discounts.append(applied)
        return applied

    def refusal(self, offer: Promotion | RewardVoucher, per_line: int | None = None) -> InputError | None:
        """Why :meth:`apply_promotion` or :meth:`apply_voucher` would refuse the offer now (None: it would be
        applied), without applying it: a sale's state asks it of each of the customer's offers on every change (a
        trial apply on a copy of the basket was a fifth of an applied offer's answer). ``per_line``: the percent
        promotions a line may carry, when not the basket's own."""
        if isinstance(offer, Promotion):
            return self._promotion_refusal(offer, self.percent_promotions_per_line if per_line is None else per_line)
        return self._voucher_refusal(offer)

    def _promotion_refusal(self, promotion: Promotion, per_line: int) -> InputError | None:
        channel = promotion.pos_channel
        title = promotion.heading or promotion.name   # as the offer list names it to the cashier
        if channel is None:
            return InputError(texts.tr("'{name}' cannot be used in a store", name=title))
        if any(d.source_id == promotion.id for d in self.discounts):
            return InputError(texts.tr("'{name}' is already applied", name=title))
        if channel.value_type is ValueType.PERCENT:
            percent = channel.percent
            if percent is None or not 0 <= percent <= 100:
                return InputError(texts.tr("'{name}' has no usable percentage ({value})", name=title, value=percent))
            percents = [d for d in self.discounts if d.percent is not None]
            if len(percents) >= per_line:
                return InputError((texts.tr("One percent promotion per line: '{other}' is already applied; remove "
                                            "it to use '{name}'", other=percents[-1].description, name=title)
                                   if per_line == 1 else
                                   texts.tr("At most {count} percent promotions per line: '{other}' is already "
                                            "applied; remove it to use '{name}'", count=per_line,
                                            other=percents[-1].description, name=title))
                                  if percents else
                                  texts.tr("This store allows no percent promotions on a line"))
        elif channel.value_type is ValueType.MONEY:
            if channel.amount is None or channel.amount.amount < 0:
                return InputError(texts.tr("'{name}' has no usable amount", name=title))
            return self._currency_refusal(channel.amount.currency, title)
        return None

    def _voucher_refusal(self, voucher: RewardVoucher) -> InputError | None:
        if any(d.source_id == voucher.id for d in self.discounts):
            return InputError(texts.tr("Voucher {number} is already applied", number=voucher.voucher_number))
        if voucher.value.amount < 0:
            return InputError(texts.tr("Voucher {number} has no value", number=voucher.voucher_number))
        return self._currency_refusal(voucher.value.currency, voucher.name or voucher.voucher_number)

    def _currency_refusal(self, currency: str, name: str) -> InputError | None:
        if currency.upper() != self.currency.upper():
            return InputError(texts.tr("'{name}' is worth {currency}, and this sale is in {sale}: it cannot be "
                                       "used here", name=name, currency=currency.upper(), sale=self.currency.upper()))
        return None

    def release(self, source_id: str) -> None:
        self.discounts = [d for d in self.discounts if d.source_id != source_id]

    def line_discounts(self) -> list[list[tuple[AppliedDiscount, Decimal]]]:
        """Per line, the discounts it carries (negative amounts). Percentages apply to each purchase line;
        fixed amounts are spread over purchase lines in proportion to their price (the last line takes the
        rounding), never below zero. Returns are never discounted. :meth:`line_cuts` in money."""
        return [[(discount, Decimal(cut).scaleb(-2)) for discount, cut in cuts] for cuts in self.line_cuts()]

    def line_cuts(self) -> list[list[tuple[AppliedDiscount, int]]]:
        """:meth:`line_discounts` in whole cents (negative): the one place the discounts are worked out. In whole
        numbers, every step exact: a sale's state works them out on each change (in Decimal they were a quarter of
        an applied offer's answer), and the same rounding as in money (half up for a percentage of a line)."""
        per_line: list[list[tuple[AppliedDiscount, int]]] = [[] for _ in self.lines]
        if not self.discounts:
            return per_line
        remaining = [0 if line.quantity < 0 else line.cents for line in self.lines]
        percents_on = [0 for _ in self.lines]
        # Percentages of the price first, then fixed amounts off what is left (the order applied does not matter).
        for discount in sorted(self.discounts, key=lambda d: d.percent is None):
            if discount.percent is not None:
                # percent = top / bottom: a line's cut is gross * top / (100 * bottom), rounded half up
                top, bottom = max(discount.percent, Decimal(0)).as_integer_ratio()
                half, whole = 100 * bottom, 200 * bottom
                most = self.percent_promotions_per_line
                for index, line in enumerate(self.lines):
                    if line.quantity < 0 or percents_on[index] >= most:   # a return, or a line with its share
                        continue
                    percents_on[index] += 1
                    cut = min(remaining[index], (2 * line.cents * top + half) // whole)
                    if cut:
                        per_line[index].append((discount, -cut))
                        remaining[index] -= cut
            elif discount.amount and discount.amount > 0:
                amount, per = discount.amount.scaleb(2).as_integer_ratio()   # cents, a fraction of one kept
                room = sum(remaining)
                if amount > room * per:
                    amount, per = room, 1
                for index, cut in _spread(amount, remaining, per):
                    per_line[index].append((discount, -cut))
                    remaining[index] -= cut
        return per_line

    def idle_discounts(self) -> list[AppliedDiscount]:
        """The applied offers with a value (a percentage, an amount) that take nothing off this basket (a voucher
        after the lines it covered were removed, another fixed amount covering them all). An offer with no value
        (a coffee on us, handed over) is used by being applied: never idle."""
        if not self.discounts:
            return []
        taking = {discount.source_id for cuts in self.line_cuts() for discount, cut in cuts if cut}
        return [d for d in self.discounts
                if (d.percent is not None or (d.amount or 0) > 0) and d.source_id not in taking]

    def paid(self, index: int, per_line=None) -> Decimal:
        """What the line costs after its discounts (positive; a return's refund)."""
        per_line = per_line or self.line_discounts()
        return self.lines[index].gross + sum((cut for _, cut in per_line[index]), Decimal(0))

    @property
    def total(self) -> Decimal:
        cents = 0
        for line, cuts in zip(self.lines, self.line_cuts(), strict=True):
            paid = line.cents + sum(cut for _, cut in cuts)
            cents += -paid if line.quantity < 0 else paid
        return Decimal(cents).scaleb(-2)

    @property
    def discount_total(self) -> Decimal:
        return Decimal(-sum(cut for line in self.line_cuts() for _, cut in line)).scaleb(-2)

    # -------------------------------------------------------------- receipt

    def to_receipt(self, *, contact: MatchKey, store: str, till: str, created: datetime,
                   payment_type: str = "Card", unique_id: str | None = None) -> Receipt:
        if not self.lines:
            raise InputError(texts.tr("The basket is empty"))
        payments = self.final_payments(payment_type)
        per_line = self.line_discounts()
        items = []
        for index, line in enumerate(self.lines):
            items.append(ReceiptItem(
                # A weighed line's quantity is its weight (0.352 kg), as Engage takes it; the POS link's finisher
                # puts the POS's own quantity on the wire as it sent it.
                sku=line.sku, article_name=line.name, quantity=abs(line.quantity),
                gross_paid_price=self.paid(index, per_line), tax_percent=line.tax_percent,
                type=ItemType.RETURN if line.is_return else ItemType.PURCHASE,
                discounts=tuple(Discount(cut, d.description, d.kind) for d, cut in per_line[index])))
        unique_id = unique_id or self.unique_id or f"{store}-{till}-{created:%Y%m%d%H%M%S}-{uuid.uuid4().hex[:6]}"
        return Receipt(
            # Its number is the id less this store's and till's prefix ("store-till-"; either may hold a "-").
            unique_receipt_id=unique_id, receipt_number=unique_id.removeprefix(f"{store}-{till}-"),
            created_date=created,
            store_external_id=store, currency=self.currency, contact=contact, items=tuple(items),
            payments=payments,
            used_promotions=tuple(d.template_id for d in self.discounts if d.kind == "promotion"),
            used_bonus_checks=tuple(d.template_id for d in self.discounts if d.kind == "voucher"),
        )

    def copy(self) -> Basket:
        return replace(self, lines=list(self.lines), discounts=list(self.discounts), payments=list(self.payments))
