"""Checking a receipt the POS built against Engage's receipt model and rules, and its checked view.

Separate from the entry points (sales.py) because it is the one set of rules a POS's receipt must pass; it
refuses, never changes. What contradicts Engage's rules is refused with the field and the reason
(:class:`~pos_engage.core.errors.InputError` with ``field`` a path such as ``items[2].quantity``):

- a field of the wrong JSON type (money as text, a list that is an object, a bool for a number);
- a PURCHASE with a quantity of 0 or below, or a negative grossPaidPrice (a return is type RETURN);
- a line discount above 0 (a discount is the negative amount taken off);
- ``totalGrossPrice`` not the signed sum of the lines (to 0.01, Engage's own check);
- payments that do not add up to ``totalGrossPrice`` (to the cent; a receipt without payments is not checked);
- text that cannot be written as UTF-8 at all (a lone surrogate).

Text Engage accepts passes unchanged: a tab in an article's name, right-to-left marks, emoji. Only an XML file
cannot carry some characters (U+0001...); the XML export names the field then (core/export/xml_export.py).

Line totals are the POS's: ``grossPaidPrice`` is never rebuilt from a unit price (3 for 100.00 stays 100.00).

Only a required field the POS left out is added (``_derive``), and only where Engage can take it from the receipt
itself (receipt_model.DERIVED): ``receiptNumber`` (= ``uniqueReceiptId``), ``paymentMethods`` (none), a line's
``type`` (PURCHASE), ``articleNumber`` (= ``sku``) and ``taxAmount`` (from ``grossPaidPrice`` and ``taxPercent``),
and ``totalGrossPrice`` (the sum of the lines).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from decimal import Decimal, InvalidOperation
from typing import Any

from pos_engage.core import texts
from pos_engage.core.domain import Discount, ItemType, MatchKey, MatchKeyType, Payment, Receipt, ReceiptItem
from pos_engage.core.domain.checks import CONTROL_CHARACTERS, encodes_as_utf8
from pos_engage.core.domain.sales import check_receipt_fields
from pos_engage.core.engage.wire.common import parse_time
from pos_engage.core.engage.wire.receipt_model import ENUMS, FRACTIONS_ACCEPTED, MODELS, NUMBERS_AS_TEXT_ACCEPTED
from pos_engage.core.errors import InputError

CENT = Decimal("0.01")

_FOLDED_ENUMS = {kind: frozenset(member.lower() for member in members) for kind, members in ENUMS.items()}
# Deeper than any receipt goes: a POS's JSON nested past this is refused, not walked.
MAX_DEPTH = 32


def _refuse(where: str, problem: str) -> InputError:
    """A refusal naming the field by its place in the receipt (``items[2].quantity``) and saying why."""
    return InputError(texts.tr("{field}: {problem}", field=where, problem=problem), field=where)


def _missing(where: str) -> InputError:
    return InputError(texts.tr("{field} is missing", field=where), field=where)


# Engage's amounts are .NET decimals (at most about 7.9e28), and the till works a line out to the cent in 28
# digits: a number from 10**26 up is refused as too large (a POS's bug, never a sale), never left to fail halfway
# through a computation (a 500 over the link).
TOO_LARGE = 10**26


def _small_enough(value: Any) -> bool:
    """A number (int, float, Decimal, or numeric text) below :data:`TOO_LARGE`; what is not a number is the type
    checks' to refuse."""
    try:
        return abs(Decimal(value) if isinstance(value, str) else value) < TOO_LARGE
    except (TypeError, ArithmeticError):
        return True


def _is_number(value: Any) -> bool:
    """A JSON number: json.loads gives int or float; the POS link reads fractions as Decimal (link/pos_json)."""
    if isinstance(value, Decimal):
        return value.is_finite()
    if isinstance(value, bool):
        return False
    # An int is finite however large (math.isfinite would overflow turning 10**400 into a float); TOO_LARGE
    # refuses the large ones by name.
    return isinstance(value, int) or (isinstance(value, float) and math.isfinite(value))


# Values _plain_json passes as they are, without a call for each (most of a receipt).
_PLAIN = frozenset({str, int, float, bool, type(None)})


def _plain_json(value: Any, converted: list | None = None) -> Any:
    """The body as the journal stores it: a Decimal read by the POS link becomes the JSON number it was (a float's
    shortest repr holds every digit a POS writes: 33.333 stays 33.333). ``converted``: each Decimal changed is
    appended to it (so the caller knows whether the copy still equals the original)."""
    if isinstance(value, Decimal):
        if converted is not None:
            converted.append(value)
        return int(value) if value == value.to_integral_value() and value.as_tuple().exponent >= 0 else float(value)
    if isinstance(value, dict):
        return {name: inner if type(inner) in _PLAIN else _plain_json(inner, converted)
                for name, inner in value.items()}
    if isinstance(value, list):
        return [inner if type(inner) in _PLAIN else _plain_json(inner, converted) for inner in value]
    return value


def _decimal(value: Any) -> Decimal:
    """A JSON number (or numeric text where accepted) exactly as written: str(float) is its shortest repr."""
    try:
        return Decimal(str(value))
    except InvalidOperation:  # shape checks ran first; a caller's own bug shows as this
        raise InputError(texts.tr("{value} is not a number", value=repr(value))) from None


def _encodable_at_once(value: Any, depth: int = 0) -> bool:
    """What :func:`_encodable` checks (depth, every text and name), walked without naming each place (a receipt
    has hundreds of values); only a receipt that breaks a rule is walked again by it, to name the field."""
    if depth > MAX_DEPTH:
        return False
    if isinstance(value, str):
        return value.isascii() or encodes_as_utf8(value)
    inner_depth = depth + 1
    if isinstance(value, dict):
        for name in value:
            if inner_depth > MAX_DEPTH or (isinstance(name, str) and not (name.isascii() or encodes_as_utf8(name))):
                return False
        value = value.values()
    elif not isinstance(value, list):
        return True
    for inner in value:
        if isinstance(inner, dict | list):
            if not _encodable_at_once(inner, inner_depth):
                return False
        elif inner_depth > MAX_DEPTH or (isinstance(inner, str) and not (inner.isascii() or encodes_as_utf8(inner))):
            return False
    return True


def _encodable(value: Any, where: str, depth: int = 0) -> None:
    """Every text anywhere in the POS's JSON (names too, fields Engage ignores too) can be sent as UTF-8."""
    if depth > MAX_DEPTH:
        raise _refuse(where or "receipt", texts.tr("nested deeper than {depth} levels", depth=MAX_DEPTH))
    if isinstance(value, str):
        if not encodes_as_utf8(value):
            raise _refuse(where or "receipt", texts.tr("holds a lone surrogate (a broken character) that cannot "
                                                       "be sent"))
    elif isinstance(value, dict):
        for name, inner in value.items():
            _encodable(name, where or "receipt", depth + 1)
            _encodable(inner, f"{where}.{name}" if where else str(name), depth + 1)
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            _encodable(inner, f"{where}[{index}]", depth + 1)


def _value_problem(model: str, name: str, kind: str, value: Any) -> str | None:
    """Why one JSON value does not fit its swagger type, or None."""
    if kind in ENUMS:
        folded = value.strip().lower() if isinstance(value, str) else None
        if folded in _FOLDED_ENUMS[kind]:
            return None
        return texts.tr("must be one of {members}", members=", ".join(ENUMS[kind]))
    if kind == "str":
        return None if isinstance(value, str) else texts.tr("must be text")
    if kind == "int":
        if (model, name) in FRACTIONS_ACCEPTED:
            problem = None if _is_number(value) else texts.tr("must be a number")
        else:
            problem = None if isinstance(value, int) and not isinstance(value, bool) else \
                texts.tr("must be a whole number")
        return problem or _size_problem(value)
    if kind == "float":
        if _is_number(value) or ((model, name) in NUMBERS_AS_TEXT_ACCEPTED and _numeric_text(value)):
            return _size_problem(value)
        return texts.tr("must be a number (a JSON number, not text)")
    if kind == "bool":
        return None if isinstance(value, bool) else texts.tr("must be true or false")
    raise KeyError(kind)


def _size_problem(value: Any) -> str | None:
    return None if _small_enough(value) else texts.tr("is too large a number (at most 10^26)")


def _numeric_text(value: Any) -> bool:
    try:
        return isinstance(value, str) and Decimal(value).is_finite()
    except InvalidOperation:
        return False


def _check_shape(model: str, body: Any, where: str) -> None:
    """``body`` fits swagger model ``model``: each field Engage names has its type (a field it does not name passes
    as it is). Required fields are checked later, after what may be derived is added."""
    if not isinstance(body, dict):
        raise _refuse(where or "receipt", texts.tr("must be a JSON object"))
    for name, (kind, is_list, _required) in MODELS[model].items():
        value = body.get(name)
        if value is None:
            continue
        at = f"{where}.{name}" if where else name
        if is_list and not isinstance(value, list):
            raise _refuse(at, texts.tr("must be a list"))
        for index, element in enumerate(value if is_list else [value]):
            here = f"{at}[{index}]" if is_list else at
            if kind in MODELS:
                _check_shape(kind, element, here)
            elif element is None:
                raise _refuse(here, texts.tr("must not be null"))
            else:
                problem = _value_problem(model, name, kind, element)
                if problem:
                    raise _refuse(here, problem)


def _fits_predicate(model: str, name: str, kind: str) -> Any:
    """A test of one value (not None) of field ``name`` that is True exactly when :func:`_value_problem` finds
    nothing, with the field's rule decided once instead of at every value."""
    if kind in ENUMS:
        folded = _FOLDED_ENUMS[kind]
        return lambda value: isinstance(value, str) and value.strip().lower() in folded
    if kind == "str":
        return lambda value: isinstance(value, str)
    if kind == "int" and (model, name) not in FRACTIONS_ACCEPTED:
        return lambda value: isinstance(value, int) and not isinstance(value, bool) and -TOO_LARGE < value < TOO_LARGE
    if kind in ("int", "float"):
        text_too = kind == "float" and (model, name) in NUMBERS_AS_TEXT_ACCEPTED
        return lambda value: ((type(value) is int or math.isfinite(value) if type(value) in (int, float)
                               else _is_number(value)) or (
            text_too and _numeric_text(value))) and _small_enough(value)
    if kind == "bool":
        return lambda value: isinstance(value, bool)
    raise KeyError(kind)


# Each model's fields as _shape_fits walks them: (name, is_list, the model of its values or None, the test of a
# value that is not a model).
_FITS: dict[str, tuple[tuple[str, bool, str | None, Any], ...]] = {
    model: tuple((name, is_list, kind if kind in MODELS else None,
                  None if kind in MODELS else _fits_predicate(model, name, kind))
                 for name, (kind, is_list, _required) in fields.items())
    for model, fields in MODELS.items()}


def _shape_fits(model: str, body: Any) -> bool:
    """Whether :func:`_check_shape` finds nothing, asked without naming each place; only a receipt it would
    refuse is walked again by it, to name the field."""
    if not isinstance(body, dict):
        return False
    for name, is_list, inner_model, fits in _FITS[model]:
        value = body.get(name)
        if value is None:
            continue
        if is_list:
            if not isinstance(value, list):
                return False
        else:
            value = (value,)
        if inner_model is not None:
            for element in value:
                if not _shape_fits(inner_model, element):
                    return False
        else:
            for element in value:
                if element is None or not fits(element):
                    return False
    return True


def _present(body: Mapping, name: str) -> bool:
    value = body.get(name)
    return value is not None and not (isinstance(value, str) and not value.strip())


def _require(body: Mapping, name: str, where: str = "") -> Any:
    at = f"{where}.{name}" if where else name
    if not _present(body, name):
        raise _missing(at)
    return body[name]


def _signed_line_total(item: Mapping) -> Decimal:
    """What a line adds to totalGrossPrice, as Engage sums it: a RETURN takes its price off whichever sign it was
    written with (both conventions are in use, engage-api.md 4.3)."""
    price = _decimal(item["grossPaidPrice"])
    return -abs(price) if str(item["type"]).strip().upper() == "RETURN" else price


def _number_json(value: Decimal) -> int | float:
    """A computed amount as a JSON number (whole amounts stay whole, as most POSes write them)."""
    return int(value) if value == value.to_integral_value() else float(value)


def _derive(body: dict) -> bool:
    """Required fields the POS left out that the receipt itself gives (DERIVED); nothing present is touched.
    Whether anything was added."""
    added = False
    if not _present(body, "receiptNumber") and _present(body, "uniqueReceiptId"):
        body["receiptNumber"] = body["uniqueReceiptId"]
        added = True
    if body.get("paymentMethods") is None:
        body["paymentMethods"] = []
        added = True
    items = body.get("items")
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict):
            continue
        if not _present(item, "type"):
            item["type"] = "PURCHASE"
            added = True
        if not _present(item, "articleNumber") and _present(item, "sku"):
            item["articleNumber"] = item["sku"]
            added = True
        # Only from figures the rules take (a tax of 0..100 %, a price below TOO_LARGE): anything else is refused
        # by them, naming the field, rather than failing here.
        if item.get("taxAmount") is None and _is_number(item.get("grossPaidPrice")) \
                and _is_number(item.get("taxPercent")) and 0 <= item["taxPercent"] <= 100 \
                and _small_enough(item["grossPaidPrice"]):
            gross, rate = abs(_decimal(item["grossPaidPrice"])), _decimal(item["taxPercent"]) / 100
            item["taxAmount"] = _number_json((gross - gross / (1 + rate)).quantize(CENT) if rate > -1 else Decimal(0))
            added = True
    if body.get("totalGrossPrice") is None and isinstance(items, list) and items and all(
            isinstance(i, dict) and _is_number(i.get("grossPaidPrice")) for i in items):
        body["totalGrossPrice"] = _number_json(sum((_signed_line_total(i) for i in items), Decimal(0)))
        added = True
    return added


def _item_holds(item: Mapping) -> bool:
    """Whether :func:`_item_view` takes this line (of a body that fits the shape checks) without a refusal, asked
    without building the line's view: True only when it surely does. A line this finds wrong (or too unusual to
    judge quickly) is given to :func:`_item_view`, which names the field and the reason.

    It asks what _item_view and ReceiptItem ask: the required fields present, a PURCHASE's quantity above 0 and
    price not below it, any quantity not 0, each discount present and not above 0, the sku single-line text of
    at most 64 characters, the name at most 200, taxPercent within 0..100. tests/core/engage/test_receipt_rules.py
    checks that the two agree on generated lines."""
    for name in ("type", "sku", "quantity", "grossPaidPrice", "taxPercent", "articleName"):
        value = item.get(name)
        if value is None or (type(value) is str and not value.strip()):
            return False
    kind, quantity, price, tax = item["type"], item["quantity"], item["grossPaidPrice"], item["taxPercent"]
    # Numbers by the shape checks (int, float or a finite Decimal): compared as they are, which is how their
    # Decimal of the shortest repr compares with 0 and 100.
    if type(kind) is not str or not (type(quantity) in (int, float) or isinstance(quantity, Decimal)) \
            or not (type(price) in (int, float) or isinstance(price, Decimal)) \
            or not (type(tax) in (int, float) or isinstance(tax, Decimal)):
        return False
    purchase = kind.strip().upper() == "PURCHASE"
    if quantity == 0 or (purchase and (quantity < 0 or price < 0)) or not -TOO_LARGE < price < TOO_LARGE \
            or not 0 <= tax <= 100:
        return False
    for discount in item.get("discounts") or ():
        value = discount.get("value") if isinstance(discount, dict) else None
        if value is None or type(value) is str or value > 0:
            return False
    sku, name = item["sku"], item["articleName"]
    if type(sku) is not str or type(name) is not str:
        return False
    sku = sku.strip()
    return len(sku) <= 64 and len(name.strip()) <= 200 and not CONTROL_CHARACTERS.search(sku)


def _item_view(item: Mapping, where: str) -> ReceiptItem:
    """The checked view of one line; the line itself is sent as the POS wrote it."""
    for name in ("type", "sku", "quantity", "grossPaidPrice", "taxPercent", "articleName"):
        _require(item, name, where)
    kind = ItemType(str(item["type"]).strip().upper())
    quantity = _decimal(item["quantity"])
    if quantity == 0:
        raise _refuse(f"{where}.quantity", texts.tr("a line's quantity is not 0"))
    if kind is ItemType.PURCHASE and quantity < 0:
        raise _refuse(f"{where}.quantity", texts.tr("a PURCHASE has a quantity above 0 ({quantity} given); a return "
                                                    "is type RETURN", quantity=item["quantity"]))
    price = _decimal(item["grossPaidPrice"])
    if kind is ItemType.PURCHASE and price < 0:
        raise _refuse(f"{where}.grossPaidPrice", texts.tr("a PURCHASE's grossPaidPrice is the positive amount "
                                                          "paid ({price} given); a return is type RETURN",
                                                          price=item["grossPaidPrice"]))
    discounts = []
    for index, discount in enumerate(item.get("discounts") or []):
        value = _decimal(_require(discount, "value", f"{where}.discounts[{index}]"))
        if value > 0:
            raise _refuse(f"{where}.discounts[{index}].value",
                          texts.tr("a discount is the negative amount taken off ({value} given)",
                                   value=discount["value"]))
        discounts.append(Discount(value, _text(discount.get("description")), _text(discount.get("type"))))
    extra = tuple((_text(e.get("name")), _text(e.get("value"))) for e in item.get("extraData") or [])
    try:
        return ReceiptItem(
            sku=item["sku"], article_name=item["articleName"], article_number=_text(item.get("articleNumber")),
            article_group=_text(item.get("articleGroup")),
            quantity=int(abs(quantity)) if isinstance(item["quantity"], int) else abs(quantity),
            gross_paid_price=abs(price) if kind is ItemType.RETURN else price,
            tax_percent=_decimal(item["taxPercent"]), type=kind, discounts=tuple(discounts), extra_data=extra,
            awards_bonus=item.get("awardsBonus", True) is not False)
    except InputError as problem:
        raise _within(problem, where) from None


def _within(problem: InputError, where: str) -> InputError:
    """A domain check's refusal, named by its place in the receipt (items[2].sku)."""
    at = f"{where}.{problem.field}" if problem.field else where
    return InputError(texts.tr("{field}: {problem}", field=at, problem=texts.message_of(problem)), field=at)


def _text(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _view(body: dict, *, to_finish: bool, view: bool = True) -> Receipt | None:
    """The checked view of a completed receipt body, and Engage's rules on it.

    ``view=False``: the rules only, the same refusals, and None instead of the view (a caller that sends the
    body as it is has no use for it): a line is then looked at quickly (:func:`_item_holds`) and only one that
    may break a rule is read into its view, to name the field and the reason."""
    contact = body.get("contact") if to_finish and not _present(body, "contact") else _require(body, "contact")
    for name in ("uniqueReceiptId", "createdDate", "storeExternalId", "currency", "items"):
        _require(body, name)
    created = parse_time(body["createdDate"])
    if created is None:
        raise _refuse("createdDate", texts.tr("is not an ISO 8601 time with its offset"))
    if not body["items"]:
        raise _refuse("items", texts.tr("a receipt needs at least one line"))
    if view:
        items = tuple(_item_view(item, f"items[{index}]") for index, item in enumerate(body["items"]))
    else:
        items = ()
        for index, item in enumerate(body["items"]):
            if not _item_holds(item):
                _item_view(item, f"items[{index}]")
    lines = sum((_signed_line_total(i) for i in body["items"]), Decimal(0))
    stated = _decimal(_require(body, "totalGrossPrice"))
    if abs(stated - lines) > CENT:  # Engage's own check, to 0.01 (engage-api.md Part A decision 5)
        raise _refuse("totalGrossPrice", texts.tr("{stated} is not the sum of the lines ({lines})",
                                                  stated=body["totalGrossPrice"], lines=lines))
    payments = []
    for index, payment in enumerate(body["paymentMethods"]):
        where = f"paymentMethods[{index}]"
        try:
            payments.append(Payment(_require(payment, "type", where), _decimal(_require(payment, "value", where)),
                                    _text(payment.get("description"))))
        except InputError as problem:
            raise _within(problem, where) from None
    paid = sum((_decimal(p["value"]) for p in body["paymentMethods"]), Decimal(0))
    if body["paymentMethods"] and not to_finish and abs(paid - stated) >= CENT / 2:
        raise _refuse("paymentMethods", texts.tr("the payments add up to {paid}, the receipt's total is {total}",
                                                 paid=paid, total=body["totalGrossPrice"]))
    try:
        if contact is None:  # to be finished at the till, which adds the customer; a stand-in for the view only
            key = MatchKey(body["uniqueReceiptId"], MatchKeyType.EXTERNAL_ID)
        else:
            key = MatchKey(_require(contact, "matchKey", "contact"),
                           MatchKeyType.parse(_require(contact, "matchKeyType", "contact")),
                           contact.get("contactType") or None)
        if not view:
            check_receipt_fields(body["uniqueReceiptId"], _text(body.get("receiptNumber")), created,
                                 body["storeExternalId"], body["currency"])
            return None
        return Receipt(
            unique_receipt_id=body["uniqueReceiptId"], receipt_number=_text(body.get("receiptNumber")),
            created_date=created, store_external_id=body["storeExternalId"], currency=body["currency"],
            contact=key, items=items, payments=tuple(payments),
            used_promotions=tuple(_text(p.get("promotionId")) for p in body.get("usedPromotions") or []),
            used_bonus_checks=tuple(_text(c.get("checkNumber")) for c in body.get("usedBonusChecks") or []),
            source_json=body)
    except InputError as problem:
        where = "contact" if problem.field in ("matchKey", "matchKeyType") else ""
        raise (_within(problem, where) if where else problem) from None
