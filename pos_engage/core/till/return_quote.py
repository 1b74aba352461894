"""What a return will refund, said before it is made: the refund, and, refunded in cash, what is handed back.

The return dialog shows it under the lines as the cashier picks them and changes how the refund is paid: the same
rule as the return itself (return_pricing.price_returns for each line's refund; cash_rounding.py for the coins
there are), so what the cashier reads before confirming is what the finished return says. Before this, a cash
refund read "Refund: 23.53 EUR" until it was made, and only then "give back 23.55 in cash".

Pure (values in, words out: no journal, no Engage); returns.py's ReturnDesk uses :func:`given_in_cash` too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from pos_engage.core import texts
from pos_engage.core.config import Config
from pos_engage.core.errors import InputError
from pos_engage.core.till.cash_rounding import cash_step, round_cash
from pos_engage.core.till.return_pricing import OriginalSale, ReturnPick, price_returns


def given_in_cash(refund: Decimal, currency: str, payment_type: str, config: Config) -> Decimal | None:
    """What a refund given back in cash is in the coins there are, when that is not the refund itself (None
    otherwise, and for any other tender): the receipt books the refund as priced, the cashier hands back this."""
    if payment_type != "Cash":
        return None
    given = round_cash(refund, cash_step(currency, config.till.cash_rounding))
    return None if given == refund else given


@dataclass(frozen=True)
class RefundQuote:
    """The refund of the lines picked so far: ``words`` for the cashier; ``ready`` when there is one to make."""

    total: Decimal
    known: bool                   # every line picked has a price (Engage may hold none for a line)
    words: str

    @property
    def ready(self) -> bool:
        return self.known and self.total > 0


def refund_quote(config: Config, original: OriginalSale | None, picks: Sequence[ReturnPick],
                 payment_type: str) -> RefundQuote:
    """The refund of ``picks`` against ``original`` paid by ``payment_type``, in words: nothing before a sale is
    found; with cash rounding, the amount to hand back and the rounding beside the refund."""
    if original is None:
        return RefundQuote(Decimal("0.00"), True, "")
    total, known = Decimal("0.00"), True
    for priced in price_returns(original, [pick for pick in picks if pick.quantity]):
        if isinstance(priced, InputError):
            known = False   # the dialog lets only what can come back be picked: a line without a price
            continue
        total += priced.refund
    if not known:
        return RefundQuote(total, False, texts.tr("Engage holds no price for a line picked"))
    refund = texts.Amount(total)
    cash = given_in_cash(total, original.currency, payment_type, config) if total else None
    if cash is None:
        return RefundQuote(total, True, texts.tr("Refund: {total} {currency}", total=refund,
                                                 currency=original.currency))
    # The rounding with its sign, as the basket says it ("Cash rounding +0.31"): more handed back, or less.
    rounding = {"total": refund, "currency": original.currency, "cash": texts.Amount(cash),
                "rounding": texts.Amount(abs(cash - total))}
    return RefundQuote(total, True, texts.tr("Refund: {total} {currency}. Give back {cash} in cash (cash rounding "
                                             "+{rounding})", **rounding) if cash > total else
                       texts.tr("Refund: {total} {currency}. Give back {cash} in cash (cash rounding "
                                "−{rounding})", **rounding))
