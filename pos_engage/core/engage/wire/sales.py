"""Receipts on the wire, both ways: exact when the till builds one, passed through when the POS built it.

**A receipt the till built** (its own basket, ``Basket.to_receipt``) is written by :func:`receipt_to_json`.

**A receipt the POS built** (``POST /v1/receipts``, ``pos-engage receipt submit``, a receipt file in the inbox, a
committed POS-link sale) passes through (issue 16, Fidelity): :func:`read_receipt` checks the POS's JSON against
Engage's receipt model (``Receipt`` and its parts in Voyado's swagger, :data:`MODELS`) and Engage's rules, and
keeps it **as it is**: every field it carries reaches Engage unchanged, fields Engage's model does not name too
(Engage ignores them; a tenant may map them). What the companion adds (:class:`ReceiptAdditions`: the customer,
the offers applied as line discounts, ``usedPromotions``/``usedBonusChecks``) is added, never substituted; the
line's ``grossPaidPrice`` and ``totalGrossPrice`` then fall by the discounts added, as Engage wants (4.4: what
was actually paid). What contradicts Engage's rules is refused with the field and the reason
(:class:`~pos_engage.core.errors.InputError` with ``field`` a path such as ``items[2].quantity``), never changed:

- a field of the wrong JSON type (money as text, a list that is an object, a bool for a number);
- a PURCHASE with a quantity of 0 or below, or a negative grossPaidPrice (a return is type RETURN);
- a line discount above 0 (a discount is the negative amount taken off);
- ``totalGrossPrice`` not the signed sum of the lines (to 0.01, Engage's own check);
- payments that do not add up to ``totalGrossPrice`` (to the cent; a receipt without payments is not checked);
- text that cannot be written as UTF-8 at all (a lone surrogate).

Text Engage accepts passes unchanged: a tab in an article's name, right-to-left marks, emoji. Only an XML file
cannot carry some characters (U+0001...); the XML export names the field then (core/export/xml_export.py).

Line totals are the POS's: ``grossPaidPrice`` is never rebuilt from a unit price (3 for 100.00 stays 100.00).

**Deliberate deviation from the swagger**: ``ReceiptItem.quantity`` is typed ``int`` there, but weighed goods
are sold in fractions (0.348 kg), so a fractional quantity is accepted and passed on as the POS wrote it
(issue 16 decides it; Voyado's field definitions only say "quantity", and the XML import reads a decimal).

Only a required field the POS left out is added, and only where Engage can take it from the receipt itself
(:data:`DERIVED`): ``receiptNumber`` (= ``uniqueReceiptId``), ``paymentMethods`` (none), a line's ``type``
(PURCHASE), ``articleNumber`` (= ``sku``) and ``taxAmount`` (from ``grossPaidPrice`` and ``taxPercent``), and
``totalGrossPrice`` (the sum of the lines). The caller may add receipt fields it knows (``ReceiptAdditions.
defaults``: the store, the time, a new uniqueReceiptId), again only where the POS left them out.
"""

from __future__ import annotations

import copy
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any

from pos_engage.core import texts
from pos_engage.core.domain import Discount, ItemType, MatchKey, MatchKeyType, Payment, Receipt, ReceiptItem
from pos_engage.core.engage.wire.common import format_time, match_key_to_json, money, parse_time, payment_to_json
from pos_engage.core.errors import InputError

CENT = Decimal("0.01")

# Voyado's receipt models, derived from ../shared/voyado-swagger.json (models Receipt and every model and enum it
# reaches); tests/core/engage/test_receipt_fidelity.py re-derives them from the file when present and fails if
# they drift apart. Each field: (type, is_list, required); a type is str/int/float/bool, a model or an enum.
MODELS: dict[str, dict[str, tuple[str, bool, bool]]] = {
    "Receipt": {
        "contact": ("ReceiptContact", False, True),
        "uniqueReceiptId": ("str", False, True),
        "receiptNumber": ("str", False, True),
        "createdDate": ("str", False, True),
        "storeExternalId": ("str", False, True),
        "currency": ("str", False, True),
        "totalGrossPrice": ("float", False, True),
        "paymentMethods": ("ReceiptPaymentMethod", True, True),
        "items": ("ReceiptItem", True, True),
        "exchangeRateToGroupCurrency": ("float", False, False),
        "taxDetails": ("ReceiptTaxDetail", True, False),
        "usedBonusChecks": ("ReceiptUsedBonusCheck", True, False),
        "usedPromotions": ("ReceiptUsedPromotion", True, False),
        "extraData": ("ReceiptExtraDataItem", True, False),
    },
    "ReceiptContact": {
        "matchKey": ("str", False, True),
        "matchKeyType": ("ReceiptContactMatchKeyType", False, True),
        "contactType": ("str", False, False),
    },
    "ReceiptPaymentMethod": {
        "type": ("str", False, True),
        "value": ("float", False, True),
        "description": ("str", False, False),
        "extraData": ("ReceiptExtraDataItem", True, False),
    },
    "ReceiptItem": {
        "type": ("ReceiptItemType", False, True),
        "sku": ("str", False, True),
        "quantity": ("int", False, True),
        "grossPaidPrice": ("float", False, True),
        "taxAmount": ("float", False, True),
        "taxPercent": ("float", False, True),
        "articleNumber": ("str", False, True),
        "articleName": ("str", False, True),
        "packQuantity": ("float", False, False),
        "extraData": ("ReceiptExtraDataItem", True, False),
        "articleGroup": ("str", False, False),
        "marginPercent": ("float", False, False),
        "awardsBonus": ("bool", False, False),
        "discounts": ("ReceiptItemDiscount", True, False),
    },
    "ReceiptItemDiscount": {
        "value": ("float", False, True),
        "type": ("str", False, False),
        "description": ("str", False, False),
    },
    "ReceiptTaxDetail": {
        "description": ("str", False, False),
        "value": ("float", False, False),
        "percent": ("float", False, False),
        "totalIncludingTax": ("float", False, False),
        "totalExcludingTax": ("float", False, False),
    },
    "ReceiptUsedBonusCheck": {
        "checkNumber": ("str", False, False),
    },
    "ReceiptUsedPromotion": {
        "promotionId": ("str", False, False),
        "couponId": ("str", False, False),
    },
    "ReceiptExtraDataItem": {
        "name": ("str", False, False),
        "value": ("str", False, False),
    },
}
ENUMS: dict[str, tuple[str, ...]] = {
    "ReceiptContactMatchKeyType": ("Email", "SocialSecurityNumber", "MobilePhone", "CardId", "ExternalId",
                                   "MemberNumber", "ContactId", "MemberNumberWithCardNumberAsFallback"),
    "ReceiptItemType": ("PURCHASE", "RETURN", "ADJUSTMENT"),
}
_FOLDED_ENUMS = {kind: frozenset(member.lower() for member in members) for kind, members in ENUMS.items()}
# Weighed goods (see the module's docstring): int in the swagger, any finite number here.
FRACTIONS_ACCEPTED = {("ReceiptItem", "quantity")}
# Voyado's own receipt example sends marginPercent as the text "25.00" (engage-api.md 4.2): accepted there only.
NUMBERS_AS_TEXT_ACCEPTED = {("ReceiptItem", "marginPercent")}
# Required fields added when the POS left them out, because the receipt itself says what they are.
DERIVED = ("receiptNumber", "paymentMethods", "totalGrossPrice", "items[].type", "items[].articleNumber",
           "items[].taxAmount")
# Deeper than any receipt goes: a POS's JSON nested past this is refused, not walked.
MAX_DEPTH = 32


# ------------------------------------------------------------------ the till's own receipts


def _quantity_json(quantity: int | Decimal) -> int | float:
    return quantity if isinstance(quantity, int) else float(quantity)


def _item_to_json(item: ReceiptItem) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": item.type.value,
        "sku": item.sku,
        "articleNumber": item.article_number,
        "articleName": item.article_name,
        # Returns: negative quantity, positive price (engage-api.md 4.3).
        "quantity": _quantity_json(-item.quantity if item.type is ItemType.RETURN else item.quantity),
        "grossPaidPrice": money(item.gross_paid_price),
        "taxAmount": money(item.tax_amount),
        "taxPercent": money(item.tax_percent),
        "awardsBonus": item.awards_bonus,
    }
    if item.article_group:
        body["articleGroup"] = item.article_group
    if item.discounts:
        body["discounts"] = [
            {"value": money(d.value), "type": d.type, "description": d.description} for d in item.discounts
        ]
    if item.extra_data:
        body["extraData"] = [{"name": n, "value": v} for n, v in item.extra_data]
    return body


def receipt_to_json(receipt: Receipt) -> dict[str, Any]:
    """Engage's JSON for ``receipt``: the POS's own JSON (with what the companion added) when it came from the
    POS (``receipt.source_json``, see :func:`read_receipt`), else built from the till's receipt."""
    if receipt.source_json is not None:
        return copy.deepcopy(dict(receipt.source_json))
    body: dict[str, Any] = {
        "contact": match_key_to_json(receipt.contact),
        "uniqueReceiptId": receipt.unique_receipt_id,
        "receiptNumber": receipt.receipt_number,
        "createdDate": format_time(receipt.created_date),
        "storeExternalId": receipt.store_external_id,
        "currency": receipt.currency,
        "totalGrossPrice": money(receipt.total_gross_price),
        "paymentMethods": [payment_to_json(p) for p in receipt.payments],
        "items": [_item_to_json(i) for i in receipt.items],
    }
    if receipt.used_promotions:
        body["usedPromotions"] = [{"promotionId": p} for p in receipt.used_promotions]
    if receipt.used_bonus_checks:
        body["usedBonusChecks"] = [{"checkNumber": c} for c in receipt.used_bonus_checks]
    return body


# ------------------------------------------------------------------ the POS's receipts: checks


def _refuse(where: str, problem: str) -> InputError:
    """A refusal naming the field by its place in the receipt (``items[2].quantity``) and saying why."""
    return InputError(texts.tr("{field}: {problem}", field=where, problem=problem), field=where)


def _missing(where: str) -> InputError:
    return InputError(texts.tr("{field} is missing", field=where), field=where)


def _is_number(value: Any) -> bool:
    """A JSON number: json.loads gives int or float; the POS link reads fractions as Decimal (link/pos_json)."""
    if isinstance(value, Decimal):
        return value.is_finite()
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _plain_json(value: Any) -> Any:
    """The body as the journal stores it: a Decimal read by the POS link becomes the JSON number it was (a float's
    shortest repr holds every digit a POS writes: 33.333 stays 33.333)."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() and value.as_tuple().exponent >= 0 else float(value)
    if isinstance(value, dict):
        return {name: _plain_json(inner) for name, inner in value.items()}
    if isinstance(value, list):
        return [_plain_json(inner) for inner in value]
    return value


def _decimal(value: Any) -> Decimal:
    """A JSON number (or numeric text where accepted) exactly as written: str(float) is its shortest repr."""
    try:
        return Decimal(str(value))
    except InvalidOperation:  # shape checks ran first; a caller's own bug shows as this
        raise InputError(texts.tr("{value} is not a number", value=repr(value))) from None


def _encodes(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _encodable_at_once(value: Any, depth: int = 0) -> bool:
    """What :func:`_encodable` checks (depth, every text and name), walked without naming each place (a receipt
    has hundreds of values); only a receipt that breaks a rule is walked again by it, to name the field."""
    if depth > MAX_DEPTH:
        return False
    if isinstance(value, str):
        return value.isascii() or _encodes(value)
    inner_depth = depth + 1
    if isinstance(value, dict):
        for name in value:
            if inner_depth > MAX_DEPTH or (isinstance(name, str) and not (name.isascii() or _encodes(name))):
                return False
        value = value.values()
    elif not isinstance(value, list):
        return True
    for inner in value:
        if isinstance(inner, dict | list):
            if not _encodable_at_once(inner, inner_depth):
                return False
        elif inner_depth > MAX_DEPTH or (isinstance(inner, str) and not (inner.isascii() or _encodes(inner))):
            return False
    return True


def _encodable(value: Any, where: str, depth: int = 0) -> None:
    """Every text anywhere in the POS's JSON (names too, fields Engage ignores too) can be sent as UTF-8."""
    if depth > MAX_DEPTH:
        raise _refuse(where or "receipt", texts.tr("nested deeper than {depth} levels", depth=MAX_DEPTH))
    if isinstance(value, str):
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise _refuse(where or "receipt", texts.tr("holds a lone surrogate (a broken character) that cannot "
                                                           "be sent")) from None
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
            return None if _is_number(value) else texts.tr("must be a number")
        return None if isinstance(value, int) and not isinstance(value, bool) else texts.tr("must be a whole number")
    if kind == "float":
        if _is_number(value) or ((model, name) in NUMBERS_AS_TEXT_ACCEPTED and _numeric_text(value)):
            return None
        return texts.tr("must be a number (a JSON number, not text)")
    if kind == "bool":
        return None if isinstance(value, bool) else texts.tr("must be true or false")
    raise KeyError(kind)


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


def _shape_fits(model: str, body: Any) -> bool:
    """Whether :func:`_check_shape` finds nothing, asked without naming each place; only a receipt it would
    refuse is walked again by it, to name the field."""
    if not isinstance(body, dict):
        return False
    for name, (kind, is_list, _required) in MODELS[model].items():
        value = body.get(name)
        if value is None:
            continue
        if is_list and not isinstance(value, list):
            return False
        for element in value if is_list else (value,):
            if kind in MODELS:
                if not _shape_fits(kind, element):
                    return False
            elif element is None or (not (kind == "str" and isinstance(element, str))
                                     and _value_problem(model, name, kind, element) is not None):
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


def _derive(body: dict) -> None:
    """Required fields the POS left out that the receipt itself gives (DERIVED); nothing present is touched."""
    if not _present(body, "receiptNumber") and _present(body, "uniqueReceiptId"):
        body["receiptNumber"] = body["uniqueReceiptId"]
    if body.get("paymentMethods") is None:
        body["paymentMethods"] = []
    items = body.get("items")
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict):
            continue
        if not _present(item, "type"):
            item["type"] = "PURCHASE"
        if not _present(item, "articleNumber") and _present(item, "sku"):
            item["articleNumber"] = item["sku"]
        if item.get("taxAmount") is None and _is_number(item.get("grossPaidPrice")) \
                and _is_number(item.get("taxPercent")):
            gross, rate = abs(_decimal(item["grossPaidPrice"])), _decimal(item["taxPercent"]) / 100
            item["taxAmount"] = _number_json((gross - gross / (1 + rate)).quantize(CENT) if rate > -1 else Decimal(0))
    if body.get("totalGrossPrice") is None and isinstance(items, list) and items and all(
            isinstance(i, dict) and _is_number(i.get("grossPaidPrice")) for i in items):
        body["totalGrossPrice"] = _number_json(sum((_signed_line_total(i) for i in items), Decimal(0)))


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


def _view(body: dict, *, to_finish: bool) -> Receipt:
    """The checked view of a completed receipt body, and Engage's rules on it."""
    contact = body.get("contact") if to_finish and not _present(body, "contact") else _require(body, "contact")
    for name in ("uniqueReceiptId", "createdDate", "storeExternalId", "currency", "items"):
        _require(body, name)
    created = parse_time(body["createdDate"])
    if created is None:
        raise _refuse("createdDate", texts.tr("is not an ISO 8601 time with its offset"))
    if not body["items"]:
        raise _refuse("items", texts.tr("a receipt needs at least one line"))
    items = tuple(_item_view(item, f"items[{index}]") for index, item in enumerate(body["items"]))
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


# ------------------------------------------------------------------ the POS's receipts: what the companion adds


@dataclass(frozen=True)
class ReceiptAdditions:
    """What the companion adds to a receipt the POS built, in Engage's JSON. Added, never substituted.

    - ``contact``: ``{matchKey, matchKeyType[, contactType]}`` of the customer identified at the companion; set
      when the POS's receipt names nobody. A POS receipt naming the same key keeps its own; another customer is
      refused (field ``contact``): the sale would be booked on someone the cashier did not identify.
    - ``line_discounts``: per line (its index in the POS's ``items``), the discounts of the offers applied, each
      ``{value (negative), type, description}``: appended to the line's own ``discounts``, and its
      ``grossPaidPrice`` (and ``totalGrossPrice``) fall by them.
    - ``used_promotions`` / ``used_bonus_checks``: ``{promotionId}`` / ``{checkNumber}`` entries appended (one
      the POS listed already is not listed twice).
    - ``extra_payments``: payments taken at the companion for what the POS left to pay (the inbox), appended.
    - ``payments_taken_again``: the cashier cleared the POS's payments and took them all again at the companion
      (the inbox, after an offer changed the total): these are the receipt's payments. None: the POS's stand.
    - ``defaults``: receipt fields the caller knows (storeExternalId, createdDate, uniqueReceiptId, currency)
      set only where the POS left them out.
    """

    contact: Mapping[str, Any] | None = None
    line_discounts: Mapping[int, Sequence[Mapping[str, Any]]] = field(default_factory=dict)
    used_promotions: Sequence[Mapping[str, Any]] = ()
    used_bonus_checks: Sequence[Mapping[str, Any]] = ()
    extra_payments: Sequence[Mapping[str, Any]] = ()
    payments_taken_again: Sequence[Mapping[str, Any]] | None = None
    defaults: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def of_companion(cls, companion: Mapping[str, Any], **more: Any) -> ReceiptAdditions:
        """What the companion's own receipt of the same sale adds (``receipt_to_json`` of ``Basket.to_receipt``,
        its lines in the POS's order and carrying only the companion's discounts): its contact, each line's
        discounts, usedPromotions and usedBonusChecks. ``more``: the other fields, e.g. ``extra_payments``."""
        items = companion.get("items") or []
        return cls(contact=companion.get("contact"),
                   line_discounts={i: tuple(item.get("discounts") or ()) for i, item in enumerate(items)
                                   if item.get("discounts")},
                   used_promotions=tuple(companion.get("usedPromotions") or ()),
                   used_bonus_checks=tuple(companion.get("usedBonusChecks") or ()), **more)

    def apply(self, body: dict) -> None:
        """Add to ``body`` (the POS's JSON, a copy), in place."""
        for name, value in self.defaults.items():
            if not _present(body, name):
                body[name] = value
        if self.contact is not None:
            self._add_contact(body)
        items = body.get("items") if isinstance(body.get("items"), list) else []
        added = Decimal(0)
        for index, discounts in sorted(self.line_discounts.items()):
            if not discounts:
                continue
            if not 0 <= index < len(items) or not isinstance(items[index], dict):
                raise _refuse(f"items[{index}]", texts.tr("the companion discounts a line the POS's receipt does not "
                                                          "have"))
            item = items[index]
            if str(item.get("type", "PURCHASE")).strip().upper() != "PURCHASE":
                raise _refuse(f"items[{index}]", texts.tr("only a PURCHASE line takes an offer's discount"))
            cut = sum((_decimal(d["value"]) for d in discounts), Decimal(0))
            if cut > 0:
                raise _refuse(f"items[{index}].discounts", texts.tr("a discount is the negative amount taken off"))
            item["discounts"] = [*(item.get("discounts") or []), *(dict(d) for d in discounts)]
            item["grossPaidPrice"] = _number_json(_decimal(item["grossPaidPrice"]) + cut)
            if "taxAmount" in item:  # the VAT of what is now paid; the POS's own figure otherwise
                del item["taxAmount"]
            added += cut
        if added and body.get("totalGrossPrice") is not None:
            body["totalGrossPrice"] = _number_json(_decimal(body["totalGrossPrice"]) + added)
        _append_new(body, "usedPromotions", self.used_promotions, "promotionId")
        _append_new(body, "usedBonusChecks", self.used_bonus_checks, "checkNumber")
        if self.payments_taken_again is not None:
            body["paymentMethods"] = [dict(p) for p in self.payments_taken_again]
        if self.extra_payments:
            body["paymentMethods"] = [*(body.get("paymentMethods") or []), *(dict(p) for p in self.extra_payments)]

    def _add_contact(self, body: dict) -> None:
        ours = dict(self.contact)
        theirs = body.get("contact")
        if not isinstance(theirs, dict) or not _present(theirs, "matchKey"):
            body["contact"] = ours
            return
        if str(theirs.get("matchKey")).strip().lower() != str(ours.get("matchKey")).strip().lower():
            raise _refuse("contact", texts.tr("the POS's receipt names another customer ({theirs}) than the one "
                                              "identified at the companion ({ours})",
                                              theirs=_masked(theirs.get("matchKey")),
                                              ours=_masked(ours.get("matchKey"))))


def _masked(key: Any) -> str:
    text = str(key)
    return text if len(text) <= 4 else "…" + text[-4:]


def _append_new(body: dict, name: str, entries: Sequence[Mapping[str, Any]], key: str) -> None:
    if not entries:
        return
    present = list(body.get(name) or [])
    known = {str(e.get(key)) for e in present if isinstance(e, dict)}
    for entry in entries:
        if str(entry.get(key)) not in known:
            present.append(dict(entry))
            known.add(str(entry.get(key)))
    body[name] = present


# ------------------------------------------------------------------ the POS's receipts: the entry points


@dataclass(frozen=True)
class RawReceipt:
    """A receipt the POS built, checked: ``body`` is the JSON Engage receives (the POS's, unchanged, plus what
    was added); ``receipt`` is its checked view (totals, lines, the contact), whose ``source_json`` is ``body``.
    Journal it with ``payloads.receipt(raw.receipt)``: the journal keeps ``body`` exactly."""

    body: dict[str, Any]
    receipt: Receipt


def read_receipt(payload: object, *, additions: ReceiptAdditions | None = None,
                 to_finish: bool = False) -> RawReceipt:
    """Check a receipt the POS built (Engage's v3 receipt JSON) and add what the companion adds.

    The POS's own fields are checked first (so a refusal names the POS's field), then ``additions`` are added,
    the derivable required fields filled in (:data:`DERIVED`), and Engage's rules checked on the whole. Raises
    InputError naming the field (``items[2].quantity``) and the reason; ``payload`` is never modified.
    ``to_finish``: a receipt the cashier finishes at the companion (an inbox file): it may leave the customer and
    part of the payment to the till; they are checked when it is finished (with its additions), not here."""
    if not isinstance(payload, dict):
        raise InputError(texts.tr("a receipt is a JSON object"), field="receipt")
    if not _encodable_at_once(payload):
        _encodable(payload, "")
    if not _shape_fits("Receipt", payload):
        _check_shape("Receipt", payload, "")
    body = _plain_json(payload)  # a copy: the caller's payload is never modified
    if additions is not None:
        additions.apply(body)
    _derive(body)
    if not _encodable_at_once(body):
        _encodable(body, "")
    if not _shape_fits("Receipt", body):
        _check_shape("Receipt", body, "")
    return RawReceipt(body, _view(body, to_finish=to_finish))


def receipt_passthrough(payload: object, *, additions: ReceiptAdditions | None = None) -> dict[str, Any]:
    """The JSON to journal and send for a receipt the POS built: ``payload`` as it is plus ``additions``, checked
    (:func:`read_receipt`). Every field of Engage's receipt model it carried reaches Engage unchanged.

    For ``POST /v1/receipts``: ``receipt_passthrough(body)`` (or ``read_receipt(body).receipt`` for
    ``payloads.receipt``). For a committed POS-link sale, build the POS's receipt (its lines with their own
    ``grossPaidPrice`` = line total before the offers, its ``discounts``, pass-through fields; its payments,
    ``totalGrossPrice`` before the offers) and add the companion's receipt of the same sale:
    ``receipt_passthrough(pos_body, additions=ReceiptAdditions.of_companion(companion_json))`` — a
    ``service.ReceiptFinisher``: :func:`finisher`."""
    return read_receipt(payload, additions=additions).body


def finisher(pos_body: Mapping[str, Any], **more: Any) -> Callable[[dict], dict]:
    """A ``TillService`` receipt finisher: the POS's receipt plus what the companion's receipt adds."""
    def finish(companion: dict) -> dict:
        return receipt_passthrough(dict(pos_body), additions=ReceiptAdditions.of_companion(companion, **more))
    return finish


def receipt_from_json(payload: object) -> Receipt:
    """A receipt from a file or the POS, checked (:func:`read_receipt`); ``receipt_to_json`` of it is the POS's
    JSON as it was, with only the derivable required fields it left out added."""
    return read_receipt(payload).receipt
