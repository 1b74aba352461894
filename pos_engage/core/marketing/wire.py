"""Orders on the marketing platform's wire: the only module that knows its field names.

One order: ``externalOrderId`` (sending it again updates the order), ``externalCustomerId``, ``totalCost``,
``status`` (INITIALIZED | IN_PROGRESS | DELIVERED | CANCELLED | ABANDONED_SHOPPING_CART), ``date``, an ``email``
or a ``phone``, and ``items`` of ``externalItemId``, ``name``, ``quantity``, ``cost``, ``url``, ``imageUrl``.
"""

from __future__ import annotations

from typing import Any

from pos_engage.core.domain.order_life import TillOrder
from pos_engage.core.errors import InputError

MAX_ORDERS_PER_REQUEST = 1000
REQUIRED = ("externalOrderId", "externalCustomerId", "totalCost", "status", "date")


def _link(template: str, sku: str) -> str:
    return template.replace("{sku}", sku) if template else ""


def order_json(order: TillOrder, status: str, *, product_url: str = "", image_url: str = "") -> dict[str, Any]:
    """This version of the order for the platform. Refuses one with neither email nor phone, before sending."""
    if not order.email and not order.mobile_phone:
        raise InputError(f"order {order.order_id}: the marketing platform needs the customer's email or mobile "
                         "number; add one to the order", field="email")
    body: dict[str, Any] = {
        "externalOrderId": order.order_id,
        "externalCustomerId": order.contact_id or order.email or order.mobile_phone,
        "totalCost": float(order.total),
        "currency": order.currency,
        "status": status,
        "date": order.changed_at.isoformat(),
        "items": [{"externalItemId": item.sku, "name": item.name, "quantity": item.kept,
                   "cost": float(item.unit_price), "url": _link(product_url, item.sku),
                   "imageUrl": _link(image_url, item.sku)} for item in order.items],
    }
    if order.email:
        body["email"] = order.email
    if order.mobile_phone:
        body["phone"] = order.mobile_phone
    return body


def problems_of(body: Any) -> str | None:
    """What the platform would refuse in an order already journaled (checked again before each batch)."""
    if not isinstance(body, dict):
        return "the order is not an object"
    missing = [name for name in REQUIRED if body.get(name) in (None, "")]
    if missing:
        return f"missing {', '.join(missing)}"
    if not body.get("email") and not body.get("phone"):
        return "neither email nor phone: the platform needs one of them"
    return None


def batch_json(orders: list[dict[str, Any]]) -> dict[str, Any]:
    if not 1 <= len(orders) <= MAX_ORDERS_PER_REQUEST:
        raise InputError(f"a request carries 1 to {MAX_ORDERS_PER_REQUEST} orders, not {len(orders)}")
    return {"orders": orders}


def rejected_from(payload: Any) -> dict[int, str]:
    """The platform's per-order refusals in a 400 answer: index in the request -> its message."""
    errors = payload.get("errors") if isinstance(payload, dict) else None
    found: dict[int, str] = {}
    for error in errors or []:
        if isinstance(error, dict) and isinstance(error.get("index"), int):
            found[error["index"]] = str(error.get("message") or "refused")
    return found
