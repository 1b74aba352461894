"""Cash rounding: what a customer can really pay in notes and coins.

Sweden and Norway have no coin below one krona, so cash is paid in whole kronor; Denmark's smallest coin is 50 øre.
What remains to pay in cash is rounded to the nearest step, half a step up (away from zero, so a refund of 29.50
gives back 30, as a sale of 29.50 takes 30): 29.69 SEK is paid with 30.00 and 29.30 with 29.00. Card, Swish and
gift vouchers are paid to the öre. The euro has no rule of its own: Finland, the Netherlands, Belgium, Ireland
and Italy round cash to 0.05 and Germany does not, so a store sets ``till.cash_rounding`` (``0.05``); the same
setting switches the rounding off (``0``) or sets another step for any currency.

How the rounding is booked: the receipt Engage receives carries the sale as it is priced (its lines, its total, and
a Cash payment of the amount the cash paid of the sale, so the payments add up to the total as Engage's do). The
rounding is the store's, as the change is: it is not a purchase, earns no points and refunds nothing. The cashier
is shown it ("Cash rounding +0.31") with the amount to take.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

# The smallest coin in circulation, where it is more than the currency's minor unit (ISO 4217 code -> step).
STEPS: dict[str, Decimal] = {"SEK": Decimal("1.00"), "NOK": Decimal("1.00"), "DKK": Decimal("0.50")}


def cash_step(currency: str, configured: str = "") -> Decimal | None:
    """The step cash is rounded to in this currency: ``configured`` when the store set one (``0``: none), else the
    currency's own (STEPS); None when cash is paid to the minor unit. The setting is checked when the
    configuration is read (config.py); here an unreadable one falls back to the currency's rule."""
    text = str(configured or "").strip().replace(",", ".")
    if text:
        try:
            step = Decimal(text)
        except InvalidOperation:
            step = None
        else:
            return step if step > 0 else None
    return STEPS.get(currency.upper())


def round_cash(amount: Decimal, step: Decimal | None) -> Decimal:
    """``amount`` to the nearest multiple of ``step``, half a step away from zero; unchanged without a step. Keeps
    two decimals, as the till's amounts have."""
    if step is None:
        return amount
    return ((amount / step).quantize(Decimal(1), rounding=ROUND_HALF_UP) * step).quantize(Decimal("0.01"))
