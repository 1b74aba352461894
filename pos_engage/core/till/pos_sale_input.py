"""What the shop's POS sends over the link, read and checked: a sale's basket (PUT) and its commit.

Every field is checked and every problem named at once (:class:`SaleProblem` ``InvalidSale`` / ``InvalidCommit``
with one ``errors`` item per field), before the session or the till sees anything. Money is an integer in minor
units here (pos_money.py converts it); a line's price is the POS's line total, never a unit price rebuilt here. A
weighed line's fractional quantity goes to Engage as the POS gave it. Fields of Engage's receipt model that the POS
sends (``articleGroup``, ``marginPercent``, ``extraData``, ``taxDetails``...) are checked for their type only and
pass through to the receipt unchanged.

Separate from session.py (the use cases) and sale_session.py (one sale's state): reading a body is pure (no lock,
no journal, no till), and the return's parser (session_returns.py) reuses these same field checks.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from pos_engage.core import texts
from pos_engage.core.config_checks import CURRENCIES
from pos_engage.core.domain.checks import CONTROL_CHARACTERS
from pos_engage.core.engage.wire.receipt_checks import pack_refusal, rate_refusal
from pos_engage.core.errors import InputError
from pos_engage.core.till.basket import BasketLine
from pos_engage.core.till.pos_money import THREE_DECIMALS, exponent, from_minor

SALE_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
LINE_ID = re.compile(r"[A-Za-z0-9._:/-]{1,64}")
MAX_LINES = 1000
MAX_AMOUNT = 10**11                      # a billion kronor in öre: more is a POS bug, not a sale
MAX_PASSED_TEXT = 4000                   # a text of Engage's model passed through (articleGroup, extraData values)
_CONTROL = re.compile("[\x00-\x1f\x7f]")
# The basket's own rule for its texts (domain CONTROL_CHARACTERS, C1 controls too): a sku holding one is refused
# here, naming the line's field; a name's screen copy has them replaced (Engage still gets the POS's name as it is).

# Engage's receipt model (voyado-swagger.json): the fields a POS may send that pass through unchanged.
ITEM_FIELDS = {"articleGroup": "text", "marginPercent": "number", "packQuantity": "pack", "extraData": "extra",
               "awardsBonus": "bool"}
RECEIPT_FIELDS = {"taxDetails": "taxDetails", "extraData": "extra", "exchangeRateToGroupCurrency": "rate",
                  "usedPromotions": "usedPromotions", "usedBonusChecks": "usedBonusChecks"}
PAYMENT_FIELDS = {"description": "text", "extraData": "extra"}
# A passed-through number that must also be one of its kind (receipt_checks says why not).
_NUMBER_REFUSALS = {"rate": rate_refusal, "pack": pack_refusal}
_OBJECTS = {"taxDetails": {"description": "text", "value": "number", "percent": "number",
                           "totalIncludingTax": "number", "totalExcludingTax": "number"},
            "usedPromotions": {"promotionId": "text", "couponId": "text"},
            "usedBonusChecks": {"checkNumber": "text"},
            "extra": {"name": "text", "value": "text"}}


class SaleProblem(InputError):
    """What the POS must change (``kind`` invalid), a sale it named that is not here (not_found), or a state that
    does not allow it (conflict). ``code`` is stable; ``errors`` names each field and why."""

    def __init__(self, message: str, *, code: str, kind: str = "invalid", errors: list[dict] | None = None,
                 extra: dict | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.kind = kind
        self.errors = errors or []
        self.extra = extra or {}



# ---------------------------------------------------------------------- reading what the POS sends


class _Errors:
    """Collects every field's problem so the POS hears them all at once."""

    def __init__(self) -> None:
        self.items: list[dict] = []

    def add(self, where: str, reason: str) -> None:
        self.items.append({"field": where, "reason": reason})

    def raise_if_any(self, message: str, code: str = "InvalidSale") -> None:
        if self.items:
            first = self.items[0]
            raise SaleProblem(f"{message}: {first['field']} {first['reason']}" if len(self.items) == 1 else
                              texts.tr("{message}: {count} fields are wrong (see errors)", message=message,
                                       count=len(self.items)), code=code, errors=self.items)


def _integer(value: Any, where: str, errors: _Errors, *, low: int = -MAX_AMOUNT, high: int = MAX_AMOUNT) -> int | None:
    if isinstance(value, Decimal) and value.is_finite() and value == value.to_integral_value():
        # 297.00 or 1e3: a whole number, written as a decimal (a serialiser's habit): said so, not "a fraction"
        errors.add(where, texts.tr("must be an integer in minor units (öre, cents) written without a decimal point "
                                   "or an exponent ({whole}, not {written})", whole=int(value), written=str(value)))
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        shown = "text" if isinstance(value, str) else "a fraction" if isinstance(value, Decimal) else \
            "missing" if value is None else type(value).__name__
        errors.add(where, texts.tr("must be an integer in minor units (öre, cents), not {shown}", shown=shown))
        return None
    if not low <= value <= high:
        errors.add(where, texts.tr("must be between {low} and {high}", low=low, high=high))
        return None
    return value


def _text(value: Any, where: str, errors: _Errors, *, max_length: int = 200, required: bool = True,
          single_line: bool = True, controls: re.Pattern = _CONTROL) -> str | None:
    if value is None and not required:
        return None
    if not isinstance(value, str) or (required and not value.strip()):
        errors.add(where, texts.tr("must be a non-empty text") if required else texts.tr("must be a text"))
        return None
    if len(value) > max_length:
        errors.add(where, texts.tr("is longer than {limit} characters", limit=max_length))
        return None
    if single_line and controls.search(value):
        errors.add(where, texts.tr("holds a control character"))
        return None
    return value


def _number(value: Any, where: str, errors: _Errors) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        errors.add(where, texts.tr("must be a number"))
        return None
    return Decimal(value)


def _pass_through(value: Any, kind: str, where: str, errors: _Errors) -> Any:
    """One of Engage's own fields, checked for its type only, returned as it came."""
    if kind == "text":
        if not isinstance(value, str):
            errors.add(where, texts.tr("must be a text"))
        elif len(value) > MAX_PASSED_TEXT:
            errors.add(where, texts.tr("is longer than {limit} characters", limit=MAX_PASSED_TEXT))
        return value
    if kind in ("number", "rate", "pack"):   # a rate or a pack's quantity: a number that can be one (receipt_checks)
        number = _number(value, where, errors)
        refusal = _NUMBER_REFUSALS.get(kind)
        why = refusal(number) if number is not None and refusal is not None else None
        if why:
            errors.add(where, why)
        return value
    if kind == "bool":
        if not isinstance(value, bool):
            errors.add(where, texts.tr("must be true or false"))
        return value
    shape = _OBJECTS[kind]
    if not isinstance(value, list) or len(value) > 200:
        errors.add(where, texts.tr("must be a list (at most 200 items)"))
        return value
    for index, item in enumerate(value):
        if not isinstance(item, dict):
            errors.add(f"{where}[{index}]", texts.tr("must be an object"))
            continue
        for name, inner in item.items():
            if name not in shape:
                errors.add(f"{where}[{index}].{name}", texts.tr("is not a field of Engage's {kind}", kind=kind))
            elif inner is not None:
                _pass_through(inner, shape[name], f"{where}[{index}].{name}", errors)
    return value


@dataclass(frozen=True)
class PosLine:
    """A line as the POS rang it up: what the till computes with, and the POS's own fields for the receipt."""

    line_id: str
    sku: str
    name: str                          # exactly as the POS wrote it (Engage gets this)
    article_number: str | None
    quantity: int | Decimal            # negative: a return
    line_total: int                    # minor units, the sign of the quantity
    vat_percent: Decimal
    pos_discounts: tuple[dict, ...]    # {amount (minor, taken off), description, type}
    extra: dict                        # Engage receipt item fields passed through

    def basket_line(self, currency: str) -> BasketLine:
        # The screen's copy; Engage gets the POS's name as it is.
        shown = CONTROL_CHARACTERS.sub(" ", self.name).strip() or self.sku
        total = abs(self.line_total)
        # In a currency of two decimals the POS's minor units are the basket's cents (its gross, as they are).
        return BasketLine.checked(self.line_id, self.sku, shown, self.quantity, from_minor(total, currency),
                                  self.vat_percent, total if exponent(currency) == 2 else None)


@dataclass(frozen=True)
class PosBasket:
    """A PUT's body: the currency, the lines, the key the POS scanned (if any), and the offers it asks to have
    applied (``offers``: a POS that writes files has no other way to apply one, e.g. its sale sent again after the
    till restarted)."""

    currency: str
    lines: tuple[PosLine, ...]
    customer_key: str | None
    offers: tuple[str, ...] = ()


MAX_OFFERS = 50                         # offers a PUT asks to apply: far beyond any customer's
MAX_QUANTITY = 100_000                  # a line's units (or kilograms): far beyond any till's
_LINE_KEYS = {"lineId", "sku", "articleNumber", "name", "quantity", "lineTotal", "vatPercent", "posDiscounts"}


def _line(raw: Any, where: str, errors: _Errors) -> PosLine | None:
    if not isinstance(raw, dict):
        errors.add(where, texts.tr("must be an object"))
        return None
    before = len(errors.items)
    line_id = raw.get("lineId")
    if not isinstance(line_id, str) or not LINE_ID.fullmatch(line_id):
        errors.add(f"{where}.lineId", texts.tr("must be 1 to 64 letters, digits or . _ : / -"))
    # The usual line passes _text's checks at once; its field's name is spelled out only for a refusal.
    sku = raw.get("sku")
    if not (type(sku) is str and len(sku) <= 64 and sku.strip() and not CONTROL_CHARACTERS.search(sku)):
        sku = _text(sku, f"{where}.sku", errors, max_length=64, controls=CONTROL_CHARACTERS)
    name = raw.get("name")
    if not (type(name) is str and len(name) <= 200 and name.strip()):
        name = _text(name, f"{where}.name", errors, max_length=200, single_line=False)
    article_number = raw.get("articleNumber")
    if article_number is not None:
        article_number = _text(article_number, f"{where}.articleNumber", errors, max_length=100, required=False)
    quantity = raw.get("quantity")
    if isinstance(quantity, str):   # said as such: "a number other than 0" did not tell a POS that sent "1"
        errors.add(f"{where}.quantity", texts.tr("must be a JSON number, not text (1, or 0.512 for weighed goods)"))
        quantity = None
    elif isinstance(quantity, bool) or not isinstance(quantity, int | Decimal) or quantity == 0:
        errors.add(f"{where}.quantity", texts.tr("must be a number other than 0 (a fraction for weighed goods)"))
        quantity = None
    elif abs(quantity) > MAX_QUANTITY:   # said as such: "other than 0" confused a POS that sent 1e15
        errors.add(f"{where}.quantity", texts.tr("must be between {low} and {high}", low=-MAX_QUANTITY,
                                                 high=MAX_QUANTITY))
        quantity = None
    elif isinstance(quantity, Decimal) and quantity == quantity.to_integral_value():
        quantity = int(quantity)
    elif isinstance(quantity, Decimal) and quantity.as_tuple().exponent < -3:
        errors.add(f"{where}.quantity", texts.tr("has more than 3 decimals"))
    total = raw.get("lineTotal")
    if type(total) is not int or not -MAX_AMOUNT <= total <= MAX_AMOUNT:   # else _integer's checks pass
        total = _integer(total, f"{where}.lineTotal", errors)
    if total is not None and quantity is not None and ((quantity < 0 < total) or (total < 0 < quantity)):
        errors.add(f"{where}.lineTotal", texts.tr("has the sign of the quantity: negative for a return (money "
                                                  "paid back), else zero or more"))
    vat = raw.get("vatPercent")
    vat = Decimal(vat) if type(vat) is int or type(vat) is Decimal else \
        _number(vat, f"{where}.vatPercent", errors)
    if vat is not None and not 0 <= vat <= 100:
        errors.add(f"{where}.vatPercent", texts.tr("must be between 0 and 100"))
    discounts = []
    raw_discounts = raw.get("posDiscounts", [])
    if not isinstance(raw_discounts, list) or len(raw_discounts) > 50:
        errors.add(f"{where}.posDiscounts", texts.tr("must be a list (at most 50)"))
        raw_discounts = []
    for index, discount in enumerate(raw_discounts):
        at = f"{where}.posDiscounts[{index}]"
        if not isinstance(discount, dict) or set(discount) - {"amount", "description", "type"}:
            errors.add(at, texts.tr("must be an object with amount, description and type"))
            continue
        amount = _integer(discount.get("amount"), f"{at}.amount", errors, low=0)
        description = _text(discount.get("description", ""), f"{at}.description", errors, required=False)
        kind = _text(discount.get("type", ""), f"{at}.type", errors, required=False)
        discounts.append({"amount": amount, "description": description or "", "type": kind or ""})
    extra = {}
    for key, value in () if raw.keys() <= _LINE_KEYS else raw.items():   # the usual line: only the link's fields
        if key in _LINE_KEYS:
            continue
        if key not in ITEM_FIELDS:
            errors.add(f"{where}.{key}", texts.tr("is not a line field of the POS link nor of Engage's receipt "
                                                  "item"))
            continue
        extra[key] = _pass_through(value, ITEM_FIELDS[key], f"{where}.{key}", errors)
    if len(errors.items) > before:
        return None
    # The fields straight into a new line's dict, as the frozen __init__ leaves them (it sets each through
    # object.__setattr__: ~0.5 us a line, a tenth of reading a 20-line PUT).
    line = object.__new__(PosLine)
    line.__dict__.update(line_id=line_id, sku=sku, name=name, article_number=article_number, quantity=quantity,
                         line_total=total, vat_percent=vat, pos_discounts=tuple(discounts), extra=extra)
    return line


def body_lines(body: dict, errors: _Errors) -> list:
    """The body's ``lines`` as sent (a sale's or a return's): not a list is a field error (and no lines), more
    than MAX_LINES is refused at once, before any line is read."""
    lines = body.get("lines", [])
    if not isinstance(lines, list):
        errors.add("lines", texts.tr("must be a list"))
        return []
    if len(lines) > MAX_LINES:
        raise SaleProblem(texts.tr("A sale has at most {limit} lines; this one has {count}", limit=MAX_LINES,
                                   count=len(lines)), code="TooManyLines",
                          errors=[{"field": "lines", "reason": texts.tr("at most {limit}", limit=MAX_LINES)}])
    return lines


def parse_basket(body: Any) -> PosBasket:
    """A PUT's body, every field checked (SaleProblem ``InvalidSale`` listing them all)."""
    errors = _Errors()
    if not isinstance(body, dict):
        raise SaleProblem(texts.tr("The sale must be a JSON object"), code="InvalidSale")
    for key in set(body) - {"currency", "lines", "customerKey", "offers"}:
        errors.add(key, texts.tr("is not a field of the sale"))
    currency = body.get("currency")
    if not isinstance(currency, str) or currency not in CURRENCIES:
        errors.add("currency", texts.tr("must be an ISO 4217 code in capitals, such as SEK or EUR"))
    elif currency in THREE_DECIMALS:
        errors.add("currency", texts.tr("has three decimals; the till sells in currencies with at most two"))
    if "lines" not in body:   # a PUT replaces the basket: one without lines would empty it, silently
        errors.add("lines", texts.tr("is required: the sale's whole basket (an empty list before its first "
                                     "article)"))
    lines = body_lines(body, errors)
    parsed, seen = [], set()
    for index, raw in enumerate(lines):
        line = _line(raw, f"lines[{index}]", errors)
        if line is None:
            continue
        if line.line_id in seen:
            errors.add(f"lines[{index}].lineId", texts.tr("{line} is used by another line of this sale",
                                                          line=line.line_id))
        seen.add(line.line_id)
        parsed.append(line)
    # The whole sale within what a commit's total may be: lines each within bounds added up beyond it made a sale
    # that could never be committed (its commit refused for the total the state asked for).
    if abs(sum(line.line_total for line in parsed)) > MAX_AMOUNT:
        errors.add("lines", texts.tr("add up to more than {limit} (minor units), more than a sale can be",
                                     limit=MAX_AMOUNT))
    key = body.get("customerKey")
    if key is not None:
        key = _text(key, "customerKey", errors, max_length=200)
    offers = body.get("offers", [])
    if not isinstance(offers, list) or len(offers) > MAX_OFFERS:
        errors.add("offers", texts.tr("must be a list of at most {count} offerIds", count=MAX_OFFERS))
        offers = []
    for index, offer in enumerate(offers):
        if not isinstance(offer, str) or not 1 <= len(offer) <= 100:
            errors.add(f"offers[{index}]", texts.tr("must be an offerId (1 to 100 characters)"))
        elif offers.index(offer) != index:
            errors.add(f"offers[{index}]", texts.tr("names an offer already in the list"))
    errors.raise_if_any(texts.tr("The sale cannot be taken"))
    return PosBasket(currency, tuple(parsed), key, tuple(offers))
