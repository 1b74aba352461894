"""A weighed article in the window's own basket (loose fruit, sweets by weight): the weight the cashier typed, as a
Swedish or an English cashier types it (0,352 or 0.352), and the price per unit become one line whose total is the
weight times that price, rounded to the cent.

The line is core's weighed line (a Decimal quantity with its own ``line_total``, as a POS's weighed line is), built
with the unit price the cashier typed: ``BasketLine.priced`` would work the unit price back from the rounded total
(0.352 × 89.00 = 31.33, and 31.33 / 0.352 shows as 89.01). What is checked here, before core's own checks, is what
only a typed weight can get wrong: nothing weighed, a negative weight, more decimals than a scale shows. The
window's entry (views/basket_entry) calls ``weighed_line``; the texts keep BasketPanel's translation context.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from PySide6.QtCore import QCoreApplication

from pos_engage.core.errors import InputError
from pos_engage.core.till.basket import BasketLine
from pos_engage.qt import i18n

translate = QCoreApplication.translate

CENT = Decimal("0.01")
GRAMS = 3   # a scale shows a kilogram to the gram: more decimals than that were typed wrong


def weight_text(weight: Decimal) -> str:
    """A weight as the language writes it, to the gram: 0,352 in Swedish, 0.352 in English, 1,500 for 1.5 (a
    POS's finer weight with all its decimals, never rounded on screen), a return's with a real minus sign."""
    _group, mark = i18n.GROUPING.get(i18n.current, i18n.GROUPING["en"])
    places = max(GRAMS, -weight.as_tuple().exponent)
    return (i18n.MINUS if weight < 0 else "") + f"{abs(weight):.{places}f}".replace(".", mark)


def parse_weight(text: str) -> Decimal:
    """The weight typed (a decimal comma or point), refused in plain words when it cannot be sold."""
    example = weight_text(Decimal("0.352"))
    try:
        weight = Decimal(text.strip().replace(",", ".").replace(i18n.MINUS, "-"))
    except InvalidOperation:
        weight = None
    if weight is None or not weight.is_finite():   # not a number, or NaN or Infinity typed
        raise InputError(translate("BasketPanel", "The weight is not a number: type it as the scale shows it, "
                                                  "like {0}").format(example), field="quantity")
    if weight < 0:
        raise InputError(translate("BasketPanel", "A weight cannot be negative: type what the scale shows, like "
                                                  "{0}").format(example), field="quantity")
    if weight == 0:
        raise InputError(translate("BasketPanel", "A weight of 0 is nothing to sell: type what the scale shows, "
                                                  "like {0}").format(example), field="quantity")
    if -weight.as_tuple().exponent > GRAMS:
        raise InputError(translate("BasketPanel", "A weight has at most 3 decimals (grams), like {0}").format(
            example), field="quantity")
    return weight


def weighed_total(weight: Decimal, unit_price: Decimal) -> Decimal:
    """Weight × price per unit, rounded half up to the cent, as tills and scales print it (0.352 × 89.00 =
    31.328 → 31.33; an exact half cent goes up, 0.5 öre is never rounded to the even cent as Decimal's default
    would): the customer pays what the scale's label says."""
    return (weight * unit_price).quantize(CENT, rounding=ROUND_HALF_UP)


def weighed_line(sku: str, name: str, weight_typed: str, unit_price: Decimal, tax_percent: Decimal) -> BasketLine:
    """The line for ``weight_typed`` of an article at ``unit_price`` per unit (core checks the rest: an SKU, a
    price that is not negative)."""
    weight = parse_weight(weight_typed)
    return BasketLine(sku, name, weight, unit_price, tax_percent, line_total=weighed_total(weight, unit_price))
