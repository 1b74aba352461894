"""What the shop's POS sends to open or change a return over the link, read and checked (issue 15).

A return's PUT names the original sale in ``returnOf`` (its ``receiptNumber`` or its ``uniqueReceiptId``, and
``searchEngage`` to look in the customer's purchases in Engage) and lines that each name one line of the original
(``originalLine``) and how many units come back (a negative whole ``quantity``). Every field is checked and every
problem named at once (SaleProblem ``InvalidReturn``), with the same field checks as a sale's (pos_sale_input.py).

Separate from session_returns.py (the return's session and use cases): reading a body is pure (no journal, no
till, no original sale yet), as pos_sale_input.py is for a sale.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from pos_engage.core import texts
from pos_engage.core.till.pos_sale_input import (
    LINE_ID,
    MAX_LINES,
    SaleProblem,
    _Errors,
    _integer,
    _text,
    body_lines,
)

_BODY_KEYS = {"returnOf", "lines", "currency", "customerKey"}
_RETURN_OF_KEYS = {"receiptNumber", "uniqueReceiptId", "searchEngage"}
_LINE_KEYS = {"lineId", "originalLine", "quantity", "sku", "lineTotal"}


@dataclass(frozen=True)
class ReturnLineRequest:
    """A return line as the POS sent it: which line of the original, how many units (negative)."""

    line_id: str
    original_line: int
    quantity: int                       # negative
    sku: str | None                     # if sent, must be the original line's
    line_total: int | None              # if sent, must be the refund (negative)


@dataclass(frozen=True)
class ReturnRequest:
    """A return PUT's body."""

    by: str                             # receiptNumber | uniqueReceiptId
    number: str
    search_engage: bool
    currency: str | None
    lines: tuple[ReturnLineRequest, ...]
    customer_key: str | None


# ---------------------------------------------------------------------- reading what the POS sends


def _return_line(raw: Any, where: str, errors: _Errors) -> ReturnLineRequest | None:
    if not isinstance(raw, dict):
        errors.add(where, texts.tr("must be an object"))
        return None
    before = len(errors.items)
    for key in set(raw) - _LINE_KEYS:
        errors.add(f"{where}.{key}", texts.tr("is not a field of a return line (the rest comes from the original "
                                              "sale's line)"))
    line_id = raw.get("lineId")
    if not isinstance(line_id, str) or not LINE_ID.fullmatch(line_id):
        errors.add(f"{where}.lineId", texts.tr("must be 1 to 64 letters, digits or . _ : / -"))
    original = raw.get("originalLine")
    if isinstance(original, bool) or not isinstance(original, int) or not 0 <= original < MAX_LINES:
        errors.add(f"{where}.originalLine", texts.tr("must be the index (0, 1, ...) of a line in returnOf.lines"))
    quantity = raw.get("quantity")
    if isinstance(quantity, Decimal) and quantity.is_finite() and quantity == quantity.to_integral_value():
        quantity = int(quantity)
    if isinstance(quantity, bool) or not isinstance(quantity, int) or not -100_000 <= quantity < 0:
        errors.add(f"{where}.quantity", texts.tr("must be a negative whole number: the units that come back"))
    sku = _text(raw.get("sku"), f"{where}.sku", errors, max_length=64, required=False)
    total = None
    if "lineTotal" in raw:
        total = _integer(raw.get("lineTotal"), f"{where}.lineTotal", errors, high=0)
    if len(errors.items) > before:
        return None
    return ReturnLineRequest(line_id, original, quantity, sku, total)


def parse_return(body: Any) -> ReturnRequest:
    """A return PUT's body, every field checked (SaleProblem ``InvalidReturn`` listing them all)."""
    if not isinstance(body, dict):
        raise SaleProblem(texts.tr("The sale must be a JSON object"), code="InvalidReturn")
    errors = _Errors()
    for key in set(body) - _BODY_KEYS:
        errors.add(key, texts.tr("is not a field of a return"))
    of = body.get("returnOf")
    by, number, search = "receiptNumber", "", False
    if not isinstance(of, dict):
        errors.add("returnOf", texts.tr("must name the original sale: {\"receiptNumber\": ...} or "
                                        "{\"uniqueReceiptId\": ...}"))
    else:
        for key in set(of) - _RETURN_OF_KEYS:
            errors.add(f"returnOf.{key}", texts.tr("is not a field of returnOf"))
        named = [key for key in ("receiptNumber", "uniqueReceiptId") if of.get(key) is not None]
        if len(named) != 1:
            errors.add("returnOf", texts.tr("must name the original sale by receiptNumber or uniqueReceiptId "
                                            "(one of them)"))
        else:
            by = named[0]
            number = _text(of[by], f"returnOf.{by}", errors, max_length=100) or ""
        search = of.get("searchEngage", False)
        if not isinstance(search, bool):
            errors.add("returnOf.searchEngage", texts.tr("must be true or false"))
    currency = body.get("currency")
    if currency is not None and not isinstance(currency, str):
        errors.add("currency", texts.tr("must be an ISO 4217 code in capitals, such as SEK or EUR"))
    raw_lines = body_lines(body, errors)
    lines: list[ReturnLineRequest] = []
    ids: dict[str, int] = {}
    originals: dict[int, str] = {}
    for index, raw in enumerate(raw_lines):
        line = _return_line(raw, f"lines[{index}]", errors)
        if line is None:
            continue
        if line.line_id in ids:
            errors.add(f"lines[{index}].lineId", texts.tr("{line} is used by another line of this sale",
                                                          line=line.line_id))
        elif line.original_line in originals:
            errors.add(f"lines[{index}].originalLine",
                       texts.tr("is returned by line {line} already: one return line per line of the original",
                                line=originals[line.original_line]))
        ids[line.line_id] = index
        originals.setdefault(line.original_line, line.line_id)
        lines.append(line)
    key = body.get("customerKey")
    if key is not None:
        key = _text(key, "customerKey", errors, max_length=200)
    if search is True and key is None:
        errors.add("customerKey", texts.tr("is needed to look in the customer's purchases in Engage "
                                           "(searchEngage)"))
    errors.raise_if_any(texts.tr("The return cannot be taken"), code="InvalidReturn")
    return ReturnRequest(by, number, search, currency, tuple(lines), key)
