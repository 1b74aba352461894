"""Amounts at the till as the cashier reads and types them: money in the shop's format, an amount typed with a
decimal comma and spaces between thousands, and the quick-cash amounts offered for what remains."""

from __future__ import annotations

from typing import TYPE_CHECKING

from pos_engage.qt import i18n

if TYPE_CHECKING:
    from decimal import Decimal

# Decimal is imported where used, not here: the window is drawn before decimal loads (see pos_engage.window).

def money(value: Decimal, currency: str = "", *, signed: bool = False) -> str:
    return i18n.money(value, currency, signed=signed)


def quick_cash(remaining: Decimal) -> list[Decimal]:
    """Exact, then the next two round notes above what remains (51.60 → 51.60, 60, 100)."""
    from decimal import Decimal

    if remaining <= 0:
        return []
    amounts = [remaining]
    for step in (10, 20, 50, 100, 500):   # round amounts a customer pays with (Swedish notes and coins)
        above = (remaining // step + 1) * step
        if above not in amounts and above > remaining and len(amounts) < 3:
            amounts.append(Decimal(above))
    return amounts[:3]


def parse_amount(text: str):
    """An amount as a cashier types it: a decimal comma or point, spaces (thin or not) between thousands."""
    from decimal import Decimal

    cleaned = text.strip().replace(",", ".")
    for space in (" ", "\u202f", "\u2009", "\u00a0"):
        cleaned = cleaned.replace(space, "")
    return Decimal(cleaned.replace(i18n.MINUS, "-"))
