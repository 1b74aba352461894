"""Money at the POS door: an integer in the sale currency's minor units (öre, cents), a Decimal inside the till.

:func:`to_minor` / :func:`from_minor` are the only conversions between the two, for the POS's sale and its
return alike (session.py, sale_session.py, session_returns.py, the window's linked panel). Kept apart from the
parsing and the session because every one of them needs the same exponent rule, and nothing else of each other.
"""

from __future__ import annotations

from decimal import Decimal

# Minor units per currency: ISO 4217's exponent. Three-decimal currencies (KWD, BHD...) are not sold in: the
# till computes in hundredths.
ZERO_DECIMALS = frozenset(("BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "VND",
                           "VUV", "XAF", "XOF", "XPF"))
THREE_DECIMALS = frozenset(("BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"))


def exponent(currency: str) -> int:
    return 0 if currency in ZERO_DECIMALS else 2


_QUANTUM = {0: Decimal(1), 2: Decimal("0.01")}


def from_minor(amount: int, currency: str) -> Decimal:
    places = exponent(currency)
    return Decimal(amount).scaleb(-places).quantize(_QUANTUM[places])


def to_minor(amount: Decimal, currency: str) -> int:
    return int((amount.scaleb(exponent(currency))).to_integral_value())


def cents_to_minor(cents: int, currency: str) -> int:
    """An amount in cents (the basket's, Basket.line_cuts) in ``currency``'s minor units, rounded as to_minor
    rounds it (in a currency of two decimals, the same number)."""
    return int(Decimal(cents).scaleb(exponent(currency) - 2).to_integral_value())


def _money_value(amount: Decimal) -> float:
    return float(amount.quantize(Decimal("0.01")))
