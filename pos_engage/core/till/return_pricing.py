"""What a return picks from and what each picked line refunds: the original sale's lines and :func:`price_returns`.

The refund of a line is what was paid for it: its ``grossPaidPrice`` already carries its share of every discount
(percent promotions, money promotions, vouchers: basket.py). Returning ``q`` of ``n`` units refunds
``round(paid * (returned + q) / n) - refunded so far``: the refunds of one line add up to exactly what was paid,
the rounding remainder going with the last unit.

:func:`price_returns` is the one rule for what each picked line refunds: for the window's return, for the state the
POS reads (session_returns.py) and inside the return's transaction (returns.py's ReturnDesk). Kept apart from the
desk because it is pure (values in, refunds out: no journal, no Engage) and every one of those reads it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal

from pos_engage.core import texts
from pos_engage.core.errors import InputError

CENT = Decimal("0.01")


@dataclass(frozen=True)
class OriginalLine:
    """One line of the original sale, with what has been returned of it already."""

    index: int
    sku: str
    name: str
    quantity: int
    paid: Decimal | None          # the line's grossPaidPrice (after its discounts); None: Engage holds no price
    tax_percent: Decimal
    returned: int = 0
    refunded: Decimal = Decimal("0.00")
    discounts: tuple[str, ...] = ()   # what the line's discounts were called, for the cashier
    returnable_type: bool = True      # a PURCHASE line (a return's or an adjustment's line cannot be returned)
    measured: Decimal | None = None   # a weighed line's fractional quantity (0.512 kg); ``quantity`` is then 0

    @property
    def weighed(self) -> bool:
        """Sold by weight: no whole units to count back, so it cannot be returned against the original (a
        manager's return without the original takes it), and the sale is never returned in full while it stays."""
        return self.measured is not None

    @property
    def returnable(self) -> int:
        return max(self.quantity - self.returned, 0) if self.returnable_type and not self.weighed else 0

    @property
    def unit_paid(self) -> Decimal | None:
        return None if self.paid is None or not self.quantity else (self.paid / self.quantity).quantize(CENT)

    def refund_for(self, quantity: int) -> Decimal:
        """What returning ``quantity`` more units pays back: the line's refunds add up to what was paid for it, the
        rounding remainder going with the last unit."""
        if self.paid is None:
            raise InputError(texts.tr("Engage holds no price for '{name}' on this sale: return it without the "
                                      "original sale (a manager approves the refund)", name=self.name))
        after = self.returned + quantity
        if after >= self.quantity:
            return self.paid - self.refunded
        return max((self.paid * after / self.quantity).quantize(CENT, ROUND_HALF_UP) - self.refunded, Decimal(0))


@dataclass(frozen=True)
class UsedOffer:
    """An offer the original sale used: a voucher (reactivated on a full return) or a promotion."""

    offer_id: str
    kind: str                     # "voucher" | "promotion"
    template_id: str              # a promotion's template (promotionId); a voucher's number
    entry_id: int | None          # its redemption entry in this journal


@dataclass(frozen=True)
class OriginalSale:
    """A sale a return can be made against."""

    original_id: str              # its uniqueReceiptId, or engage:<transaction id> for a sale Engage names only
    receipt_number: str
    created: str
    currency: str
    contact_id: str | None
    lines: tuple[OriginalLine, ...]
    offers: tuple[UsedOffer, ...] = ()
    source: str = "journal"       # journal | engage

    @property
    def returnable(self) -> bool:
        return any(line.returnable for line in self.lines)

    def describe(self) -> str:
        """One line for a list to pick from."""
        total = sum((line.paid or Decimal(0) for line in self.lines if line.returnable_type), Decimal("0.00"))
        # The count's word whole for the translator ("1 line", "3 lines"; core's texts have no plural forms).
        lines = texts.tr("1 line") if len(self.lines) == 1 else texts.tr("{count} lines", count=len(self.lines))
        return texts.tr("Receipt {number}, {when}: {lines}, {total} {currency}", number=self.receipt_number,
                        when=self.created[:16].replace("T", " "), lines=lines, total=texts.Amount(total),
                        currency=self.currency)



@dataclass(frozen=True)
class ReturnPick:
    """``quantity`` units of the original's line ``line`` come back."""

    line: int
    quantity: int


@dataclass(frozen=True)
class RefundLine:
    line: int
    name: str
    quantity: int
    refund: Decimal



def price_returns(original: OriginalSale, picks: Sequence[ReturnPick]) -> list[RefundLine | InputError]:
    """Each pick in turn: its refund as the return books it, or what is wrong with it (a line the sale does not
    have, one that was not bought, more than what remains, a line without a price). A line picked twice refunds
    its units in order, so the refunds of one line still add up to exactly what was paid for it."""
    lines = {line.index: line for line in original.lines}
    priced: list[RefundLine | InputError] = []
    for pick in picks:
        line = lines.get(pick.line)
        if isinstance(pick.quantity, bool) or not isinstance(pick.quantity, int) or pick.quantity < 0:
            priced.append(InputError(texts.tr("A quantity to return is a whole number of 0 or more"),
                                     field="quantity"))
        elif line is None:
            priced.append(InputError(texts.tr("The sale has no line {line}", line=pick.line + 1), field="line"))
        elif pick.quantity and not line.returnable_type:
            priced.append(InputError(texts.tr("'{name}' was not bought on this receipt (a returned or adjusted "
                                              "line)", name=line.name), field="line"))
        elif pick.quantity and line.weighed:
            priced.append(InputError(texts.tr("'{name}' was sold by weight: return it without the original sale "
                                              "(a manager approves the refund)", name=line.name), field="quantity"))
        elif pick.quantity > line.returnable:
            priced.append(InputError(texts.tr("'{name}': {bought} bought, {returned} returned already; {asked} "
                                              "more cannot come back", name=line.name, bought=line.quantity,
                                              returned=line.returned, asked=pick.quantity), field="quantity"))
        else:
            try:
                refund = line.refund_for(pick.quantity)
            except InputError as no_price:
                priced.append(no_price)
                continue
            priced.append(RefundLine(pick.line, line.name, pick.quantity, refund))
            lines[pick.line] = replace(line, returned=line.returned + pick.quantity,
                                       refunded=line.refunded + refund)
    return priced
