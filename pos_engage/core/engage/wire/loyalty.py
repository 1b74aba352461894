"""Promotions, reward vouchers and purchase history on the wire."""

from __future__ import annotations

from collections.abc import Mapping

from pos_engage.core.domain import (
    Money,
    Page,
    Promotion,
    RedemptionChannel,
    RewardVoucher,
    Transaction,
    TransactionLine,
    ValueType,
)
from pos_engage.core.domain.checks import parse_money
from pos_engage.core.engage.wire.common import boolean, get, parse_time, text

_VALUE_TYPES = {member.value: member for member in ValueType}
# ISO 4217's code for "no currency": an amount Engage sends without one is never taken for the till's own (a NOK
# promotion read as SEK would give a discount in the wrong money); the basket refuses it as another currency.
NO_CURRENCY = "XXX"


def _currency_of(value: object, local_values: object) -> str:
    """The currency of a MONEY value: its own, else the one local value Engage lists for it (the multichannel
    model sends the value as a bare string with ``localValues``), else unknown."""
    if isinstance(value, Mapping) and text(get(value, "currency")):
        return text(get(value, "currency"))
    currencies = {text(get(v, "currency")) for v in local_values or [] if isinstance(v, Mapping)} - {""}
    return currencies.pop() if len(currencies) == 1 else NO_CURRENCY


def _channel_from_json(payload: Mapping) -> RedemptionChannel:
    # An unknown value type is shown to the cashier as a manual instruction rather than dropped.
    value_type = _VALUE_TYPES.get(text(get(payload, "valueType")).upper(), ValueType.MANUAL)
    value = get(payload, "value")
    percent = amount = code = None
    if value_type is ValueType.PERCENT and value is not None:
        percent = parse_money(value, "value")
    elif value_type is ValueType.MONEY and value is not None:
        currency = _currency_of(value, get(payload, "localValues"))
        if isinstance(value, dict):
            amount = Money(parse_money(get(value, "amount"), "amount"), currency)
        else:
            amount = Money(parse_money(value, "value"), currency)
    elif value is not None:
        code = text(value)
    return RedemptionChannel(
        type=text(get(payload, "type")).upper(),
        value_type=value_type,
        percent=percent,
        amount=amount,
        code=code,
        instruction=get(payload, "instruction") or None,
    )


def promotion_from_json(payload: Mapping) -> Promotion:
    return Promotion(
        id=text(get(payload, "id", "assignmentId")),
        promotion_id=text(get(payload, "promotionId")),
        name=text(get(payload, "name")),
        heading=text(get(payload, "heading")),
        description=text(get(payload, "description")),
        expires_on=parse_time(get(payload, "expiresOn")),
        redeemed=boolean(get(payload, "redeemed")),
        redeemed_on=parse_time(get(payload, "redeemedOn")),
        channels=tuple(_channel_from_json(c) for c in get(payload, "redemptionChannels", default=[]) or []),
    )


def promotions_from_json(payload: object) -> tuple[Promotion, ...]:
    if not isinstance(payload, list):
        raise ValueError("the promotions answer is not a list")
    return tuple(promotion_from_json(p) for p in payload if isinstance(p, dict))


def voucher_from_json(payload: Mapping) -> RewardVoucher:
    value = get(payload, "value", default={}) or {}
    points = get(payload, "points")
    return RewardVoucher(
        id=text(get(payload, "id")),
        voucher_number=text(get(payload, "voucherNumber", "checkNumber")),
        name=text(get(payload, "name")),
        value=Money(parse_money(get(value, "amount", default=0), "amount"),
                    _currency_of(value, get(payload, "localValues"))),
        expires_on=parse_time(get(payload, "expiresOn")),
        redeemed=boolean(get(payload, "redeemed")),
        redeemed_on=parse_time(get(payload, "redeemedOn")),
        points=parse_money(points, "points") if points is not None else None,
    )


def page_from_json(payload: object, item_parser) -> Page:
    if not isinstance(payload, dict):
        raise ValueError("the paged answer is not an object")
    items = tuple(item_parser(i) for i in get(payload, "items", default=[]) or [] if isinstance(i, dict))
    return Page(
        items=items,
        offset=int(get(payload, "offset", default=0) or 0),
        count=int(get(payload, "count", default=len(items)) or 0),
        total_count=int(get(payload, "totalCount", default=len(items)) or 0),
    )


def transaction_from_json(payload: Mapping) -> Transaction:
    return Transaction(
        id=text(get(payload, "id")),
        transaction_number=text(get(payload, "transactionNumber")),
        created_date=parse_time(get(payload, "createdDate")),
        store_name=text(get(payload, "storeName")),
        number_of_items=int(get(payload, "numberOfItems", default=0) or 0),
        net_price_sum=parse_money(get(payload, "netPriceSum", default=0), "netPriceSum"),
        currency=text(get(payload, "localCurrency", "groupCurrency")) or "SEK",
        external_id=text(get(payload, "externalId")),
        lines=tuple(_line_from_json(line) for line in get(payload, "lineItems", default=[]) or []
                    if isinstance(line, Mapping)),
    )


def _line_from_json(payload: Mapping) -> TransactionLine:
    """A history line: Engage's lineItems are untyped (engage-api.md 4.5); what is missing stays unknown."""
    quantity = get(payload, "quantity", default=0)
    price, tax = get(payload, "grossPaidPrice"), get(payload, "taxPercent")
    return TransactionLine(
        sku=text(get(payload, "sku", "articleNumber")),
        name=text(get(payload, "articleName", "name")),
        quantity=int(quantity) if isinstance(quantity, (int, float)) and not isinstance(quantity, bool) else 0,
        gross_paid_price=parse_money(price, "grossPaidPrice") if price is not None else None,
        tax_percent=parse_money(tax, "taxPercent") if tax is not None else None,
        type=text(get(payload, "type")).upper() or "PURCHASE",
    )
