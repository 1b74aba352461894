"""Checking a receipt the POS built against Engage's rules, and its checked view.

Separate from the entry points (sales.py) because it is the one set of rules a POS's receipt must pass; it
refuses, never changes. What contradicts Engage's rules is refused with the field and the reason
(:class:`~pos_engage.core.errors.InputError` with ``field`` a path such as ``items[2].quantity``):

- a field of the wrong JSON type (money as text, a list that is an object, a bool for a number), text that cannot
  be written as UTF-8 at all (a lone surrogate), a number too large: receipt_shape.py, checked first;
- a PURCHASE with a quantity of 0 or below, or a negative grossPaidPrice (a return is type RETURN);
- a line discount above 0 (a discount is the negative amount taken off);
- ``totalGrossPrice`` not the signed sum of the lines (to 0.01, Engage's own check);
- payments that do not add up to ``totalGrossPrice`` (to the cent; a receipt without payments is not checked);
- an ``exchangeRateToGroupCurrency`` that is no rate (0, negative, absurdly small or large: Engage would count the
  sale as nothing, or less than nothing, in the group's currency) and a ``packQuantity`` of 0 or below.

Text Engage accepts passes unchanged: a tab in an article's name, right-to-left marks, emoji. Only an XML file
cannot carry some characters (U+0001...); the XML export names the field then (core/export/xml_export.py).

Line totals are the POS's: ``grossPaidPrice`` is never rebuilt from a unit price (3 for 100.00 stays 100.00).

Only a required field the POS left out is added (``_derive``), and only where Engage can take it from the receipt
itself (receipt_model.DERIVED): ``receiptNumber`` (= ``uniqueReceiptId``), ``paymentMethods`` (none), a line's
``type`` (PURCHASE), ``articleNumber`` (= ``sku``) and ``taxAmount`` (from ``grossPaidPrice`` and ``taxPercent``),
and ``totalGrossPrice`` (the sum of the lines).
"""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from pos_engage.core import texts
from pos_engage.core.domain import Discount, ItemType, MatchKey, MatchKeyType, Payment, Receipt, ReceiptItem
from pos_engage.core.domain.checks import CONTROL_CHARACTERS
from pos_engage.core.domain.sales import RATE_HIGH, RATE_LOW, check_receipt_fields
from pos_engage.core.engage.wire.common import parse_time
from pos_engage.core.engage.wire.receipt_shape import TOO_LARGE, _decimal, _is_number, _missing, _refuse, _small_enough
from pos_engage.core.errors import InputError

CENT = Decimal("0.01")


def rate_refusal(value: Any) -> str | None:
    """Why ``exchangeRateToGroupCurrency`` (a number, by the shape checks) is no rate; None when it is one."""
    if RATE_LOW <= _decimal(value) <= RATE_HIGH:
        return None
    return texts.tr("is one unit of the sale's currency in the group's currency: a number from 0.000001 to "
                    "1000000 ({rate} given)", rate=value)


def pack_refusal(value: Any) -> str | None:
    """Why ``packQuantity`` (a number) cannot be a line's; None when it can."""
    return None if _decimal(value) > 0 else texts.tr("a line's packQuantity is above 0 ({quantity} given)",
                                                      quantity=value)


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
    pack = item.get("packQuantity")
    if pack is not None and (type(pack) is str or pack <= 0):
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
    if item.get("packQuantity") is not None and (why := pack_refusal(item["packQuantity"])):
        raise _refuse(f"{where}.packQuantity", why)
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
    if body.get("exchangeRateToGroupCurrency") is not None \
            and (why := rate_refusal(body["exchangeRateToGroupCurrency"])):
        raise _refuse("exchangeRateToGroupCurrency", why)
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
