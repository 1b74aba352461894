"""Orders on the wire: v3 stored orders and their jobs, v2 order communication."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from pos_engage.core.domain import (
    CommunicationItem,
    ItemType,
    JobState,
    Order,
    OrderCommunication,
    OrderJobStatus,
    StoredOrder,
)
from pos_engage.core.engage.wire.common import (
    format_time,
    get,
    match_key_to_json,
    money,
    payment_to_json,
    text,
)


def order_to_json(order: Order, *, action: Mapping[str, Any] | None = None) -> dict[str, Any]:
    """A v3 order. The inner shapes are not documented (engage-api.md 11.10); this is Part A's assumption."""
    body: dict[str, Any] = {
        "orderId": order.order_id,
        "contact": match_key_to_json(order.contact),
        "externalStoreId": order.store_external_id,
        "status": order.status,
        "currencyCode": order.currency,
        "channel": order.channel,
        "createdAt": format_time(order.created_at),
        "lineItems": {
            "items": [
                {"type": line.type.value, "sku": line.sku, "name": line.name,
                 "quantity": -line.quantity if line.type is ItemType.RETURN else line.quantity,
                 "totalPrice": money(line.total_price), "taxPercent": money(line.tax_percent)}
                for line in order.lines
            ],
            "subTotal": money(order.sub_total),
        },
        "payments": {"items": [payment_to_json(p) for p in order.payments]},
    }
    if order.external_status:
        body["externalStatus"] = order.external_status
    if order.last_changed_at:
        body["lastChangedAt"] = format_time(order.last_changed_at)
    if order.delivery:
        delivery: dict[str, Any] = {"method": order.delivery.method}
        if order.delivery.tracking_number:
            delivery["trackingNumber"] = order.delivery.tracking_number
        if order.delivery.tracking_uri:
            delivery["trackingUri"] = order.delivery.tracking_uri
        if order.delivery.delivery_date:
            delivery["deliveryDate"] = format_time(order.delivery.delivery_date)
        body["delivery"] = delivery
    if order.billing_address:
        a = order.billing_address
        body["billingAddress"] = {
            "firstname": a.first_name, "lastname": a.last_name, "street": a.street, "zipCode": a.zip_code,
            "city": a.city, "countryCode": a.country_code, "email": a.email, "mobilePhone": a.mobile_phone,
        }
    if action:
        body["action"] = dict(action)
    return body


def stored_order_from_json(payload: object) -> StoredOrder:
    if not isinstance(payload, dict) or not get(payload, "orderId", "id"):
        raise ValueError("the order has no orderId")
    return StoredOrder(
        order=None,
        order_id=text(get(payload, "orderId", "id")),
        version_tag=get(payload, "versionTag") or None,
        raw=dict(payload),
    )


def job_status_from_json(payload: object) -> OrderJobStatus:
    if not isinstance(payload, dict):
        raise ValueError("the job status is not an object")
    raw_state = text(get(payload, "status")).lower()
    if raw_state in ("failed", "error"):
        error = get(payload, "error", default={}) or {}
        return OrderJobStatus(
            JobState.FAILED,
            error_code=text(get(error, "errorCode", "code") or get(payload, "errorCode")) or None,
            error_message=text(get(error, "message") or get(payload, "message")) or "the order job failed",
        )
    return OrderJobStatus(JobState.PENDING)


def communication_to_json(order: OrderCommunication) -> dict[str, Any]:
    def item(i: CommunicationItem) -> dict[str, Any]:
        return {
            "type": i.type.value, "sku": i.sku, "description": i.description,
            "quantity": -i.quantity if i.type is ItemType.RETURN else i.quantity,
            "grossPaidPrice": money(i.gross_paid_price), "taxPercent": money(i.tax_percent),
        }

    return {
        "contact": match_key_to_json(order.contact),
        "orderNumber": order.order_number,
        "orderStatus": order.order_status,
        "paymentStatus": order.payment_status,
        "createdDate": format_time(order.created_date),
        "storeId": order.store_id,
        "currency": order.currency,
        "language": order.language,
        "totalGrossPrice": money(order.total_gross_price),
        "items": [item(i) for i in order.items],
        "paymentMethods": [payment_to_json(p) for p in order.payments],
    }
