"""Receipts on the wire, both ways: exact when sending, checked field by field when read from a file."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from pos_engage.core.domain import Discount, ItemType, MatchKey, MatchKeyType, Payment, Receipt, ReceiptItem
from pos_engage.core.domain.checks import parse_money
from pos_engage.core.engage.wire.common import (
    boolean,
    format_time,
    get,
    match_key_to_json,
    money,
    parse_time,
    payment_to_json,
    required,
    text,
)
from pos_engage.core.errors import InputError


def _item_to_json(item: ReceiptItem) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": item.type.value,
        "sku": item.sku,
        "articleNumber": item.article_number,
        "articleName": item.article_name,
        # Returns: negative quantity, positive price (engage-api.md 4.3).
        "quantity": -item.quantity if item.type is ItemType.RETURN else item.quantity,
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


def _item_from_json(payload: Mapping) -> ReceiptItem:
    item_type = ItemType(text(get(payload, "type") or "PURCHASE").upper())
    quantity = required(payload, "quantity")
    if isinstance(quantity, bool) or not isinstance(quantity, int):
        raise InputError("quantity must be a whole number", field="quantity")
    discounts = tuple(
        Discount(parse_money(get(d, "value"), "discounts.value"), text(get(d, "description")), text(get(d, "type")))
        for d in get(payload, "discounts", default=[]) or []
    )
    extra = tuple((text(get(e, "name")), text(get(e, "value"))) for e in get(payload, "extraData", default=[]) or [])
    return ReceiptItem(
        sku=text(required(payload, "sku")),
        article_name=text(required(payload, "articleName")),
        article_number=text(get(payload, "articleNumber")),
        article_group=text(get(payload, "articleGroup")),
        # Both return conventions are in use (docs vs integrators): the sign lives in the type here.
        quantity=abs(quantity),
        gross_paid_price=abs(parse_money(required(payload, "grossPaidPrice"), "grossPaidPrice")),
        tax_percent=parse_money(get(payload, "taxPercent", default=0), "taxPercent"),
        type=item_type,
        discounts=discounts,
        extra_data=extra,
        awards_bonus=boolean(get(payload, "awardsBonus", default=True)),
    )


def receipt_from_json(payload: object) -> Receipt:
    """A receipt from a file or the POS: checked field by field, the total checked against the lines."""
    if not isinstance(payload, dict):
        raise InputError("a receipt is a JSON object")
    contact = required(payload, "contact")
    if not isinstance(contact, dict):
        raise InputError("contact must be an object with matchKey and matchKeyType", field="contact")
    items = required(payload, "items")
    if not isinstance(items, list):
        raise InputError("items must be a list", field="items")
    created = parse_time(required(payload, "createdDate"))
    if created is None:
        raise InputError("createdDate is not an ISO 8601 time", field="createdDate")
    receipt = Receipt(
        unique_receipt_id=text(required(payload, "uniqueReceiptId")),
        receipt_number=text(get(payload, "receiptNumber") or required(payload, "uniqueReceiptId")),
        created_date=created,
        store_external_id=text(required(payload, "storeExternalId")),
        currency=text(required(payload, "currency")),
        contact=MatchKey(
            text(required(contact, "matchKey")),
            MatchKeyType.parse(text(required(contact, "matchKeyType"))),
            get(contact, "contactType") or None,
        ),
        items=tuple(_item_from_json(i) for i in items),
        payments=tuple(
            Payment(text(get(p, "type")), parse_money(get(p, "value"), "paymentMethods.value"),
                    text(get(p, "description")))
            for p in get(payload, "paymentMethods", default=[]) or []
        ),
        used_promotions=tuple(text(get(p, "promotionId")) for p in get(payload, "usedPromotions", default=[]) or []),
        used_bonus_checks=tuple(text(get(c, "checkNumber")) for c in get(payload, "usedBonusChecks", default=[]) or []),
    )
    stated = get(payload, "totalGrossPrice")
    if stated is not None and abs(parse_money(stated, "totalGrossPrice") - receipt.total_gross_price) > Decimal("0.01"):
        raise InputError(
            f"totalGrossPrice {stated} does not equal the sum of the lines ({receipt.total_gross_price})",
            field="totalGrossPrice",
        )
    return receipt
