"""An order in its three outward forms: the till's own record (JSON in the journal), Engage's v3 order or v2
order event for one step of its life (with the tenant's status words), and the way back from an order Engage
already holds (a web order picked up in the store)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from pos_engage.core import texts
from pos_engage.core.config import MatchKeyTypes, OrderStatuses, StageMapping
from pos_engage.core.domain import (
    Address,
    CommunicationItem,
    ContactKey,
    Delivery,
    ItemType,
    KeyKind,
    MatchKey,
    Order,
    OrderCommunication,
    OrderLine,
    Payment,
)
from pos_engage.core.domain.checks import parse_money
from pos_engage.core.domain.order_life import OrderedItem, OrderStage, TillOrder
from pos_engage.core.engage import wire
from pos_engage.core.engage.wire.common import get as wire_get
from pos_engage.core.errors import InputError


def mapping_for(statuses: OrderStatuses, stage: OrderStage) -> StageMapping:
    return getattr(statuses, OrderStage(stage).value)


def contact_key_of(order: TillOrder, types: MatchKeyTypes | None = None) -> MatchKey:
    """Whom Engage matches the order to: its contact id once known, else the email or mobile given, typed as the
    tenant matches them (``config.engage.match_key_types``)."""
    if order.contact_id:
        return wire.contact_match_key(order.contact_id, types)
    if order.email:
        return wire.match_key_for(ContactKey(KeyKind.EMAIL, order.email), types)
    if order.mobile_phone:
        return wire.match_key_for(ContactKey(KeyKind.MOBILE, order.mobile_phone), types)
    raise InputError(texts.tr("An order needs the customer's email or mobile number"), field="email")


def _lines(order: TillOrder) -> list[tuple[OrderedItem, int, ItemType]]:
    """Ordered lines, then a return line for each article that came back (partial returns too)."""
    lines = [(item, item.quantity, ItemType.PURCHASE) for item in order.items]
    lines += [(item, item.returned, ItemType.RETURN) for item in order.items if item.returned]
    return lines


def engage_order(order: TillOrder, mapping: StageMapping, *, store: str, types: MatchKeyTypes | None = None) -> Order:
    """The v3 order for this version of the order (a full replacement of what Engage holds: so it carries all the
    record holds, the billing address's email and mobile included)."""
    return Order(
        order_id=order.order_id, contact=contact_key_of(order, types), store_external_id=store, status=mapping.status,
        currency=order.currency, created_at=order.created_at, external_status=mapping.external_status,
        last_changed_at=order.changed_at, delivery=order.delivery, billing_address=order.billing_address,
        payments=order.payments,
        lines=tuple(OrderLine(item.sku, item.name, quantity, item.unit_price * quantity, item.tax_percent, kind)
                    for item, quantity, kind in _lines(order)))


def order_event(order: TillOrder, mapping: StageMapping, *, store: str, language: str,
                types: MatchKeyTypes | None = None) -> OrderCommunication:
    """The v2 order event for this version: it triggers the tenant's order emails and is stored nowhere."""
    return OrderCommunication(
        order_number=order.order_id, contact=contact_key_of(order, types), order_status=mapping.status,
        payment_status=mapping.payment_status or mapping.status, created_date=order.created_at, store_id=store,
        currency=order.currency, language=language, payments=order.payments,
        items=tuple(CommunicationItem(item.sku, item.name, quantity, item.unit_price * quantity, item.tax_percent,
                                      kind) for item, quantity, kind in _lines(order)))


# ---------------------------------------------------------------------- the till's own record


def _money(value: Decimal) -> str:
    return f"{value:.2f}"


def to_record(order: TillOrder) -> dict[str, Any]:
    """The till's record of one version: everything the next version (a full replace in Engage) must send again."""
    delivery = order.delivery
    address = order.billing_address
    return {
        "orderId": order.order_id, "stage": order.stage.value, "currency": order.currency,
        "createdAt": order.created_at.isoformat(), "changedAt": order.changed_at.isoformat(),
        "contactId": order.contact_id, "email": order.email, "mobilePhone": order.mobile_phone,
        "changes": order.changes,
        "items": [{"sku": i.sku, "name": i.name, "quantity": i.quantity, "unitPrice": _money(i.unit_price),
                   "taxPercent": _money(i.tax_percent), "returned": i.returned} for i in order.items],
        "payments": [{"type": p.type, "value": _money(p.value), "description": p.description}
                     for p in order.payments],
        "delivery": None if delivery is None else {
            "method": delivery.method, "trackingNumber": delivery.tracking_number,
            "trackingUri": delivery.tracking_uri,
            "deliveryDate": delivery.delivery_date.isoformat() if delivery.delivery_date else None},
        "billingAddress": None if address is None else {
            "firstName": address.first_name, "lastName": address.last_name, "street": address.street,
            "zipCode": address.zip_code, "city": address.city, "countryCode": address.country_code,
            "email": address.email, "mobilePhone": address.mobile_phone},
    }


def from_record(record: dict[str, Any]) -> TillOrder:
    """A version back from its record. Records written before the billing address kept its email and mobile get
    the order's own: the first version sent exactly those (OrderDesk.create), so the next one sends them again."""
    delivery, address = record.get("delivery"), record.get("billingAddress")
    return TillOrder(
        order_id=record["orderId"], stage=OrderStage(record["stage"]), currency=record["currency"],
        created_at=datetime.fromisoformat(record["createdAt"]), changed_at=datetime.fromisoformat(record["changedAt"]),
        contact_id=record.get("contactId"), email=record.get("email", ""),
        mobile_phone=record.get("mobilePhone", ""), changes=record["changes"],
        items=tuple(OrderedItem(i["sku"], i["name"], i["quantity"], Decimal(i["unitPrice"]), Decimal(i["taxPercent"]),
                                i.get("returned", 0)) for i in record["items"]),
        payments=tuple(Payment(p["type"], Decimal(p["value"]), p.get("description") or "")
                       for p in record.get("payments", [])),
        delivery=_delivery(delivery) if delivery else None,
        billing_address=Address(address.get("firstName", ""), address.get("lastName", ""), address.get("street", ""),
                                address.get("zipCode", ""), address.get("city", ""), address.get("countryCode", ""),
                                address.get("email", record.get("email", "")),
                                address.get("mobilePhone", record.get("mobilePhone", ""))) if address else None)


def _delivery(raw: dict[str, Any]) -> Delivery:
    when = raw.get("deliveryDate")
    return Delivery(str(raw.get("method") or ""), str(raw.get("trackingNumber") or ""),
                    str(raw.get("trackingUri") or ""), datetime.fromisoformat(when) if when else None)


# ---------------------------------------------------------------------- back from Engage


def stage_from_engage(statuses: OrderStatuses, status: str, external_status: str) -> OrderStage:
    """Our stage for Engage's words: the step whose status and external status both match, else status alone."""
    stages = list(OrderStage)
    for stage in stages:
        mapping = mapping_for(statuses, stage)
        if mapping.status == status and mapping.external_status == external_status:
            return stage
    for stage in stages:
        if mapping_for(statuses, stage).status == status:
            return stage
    return OrderStage.IN_PROGRESS


def till_order_from_engage(raw: dict[str, Any], statuses: OrderStatuses, *, now: datetime) -> TillOrder:
    """An order Engage holds (a web order, or one made on another till) as the till can work with it.
    Raises InputError when it lacks what the till needs (lines with an article number and a quantity)."""
    items: dict[str, OrderedItem] = {}
    returned: dict[str, int] = {}
    line_items = (raw.get("lineItems") or {}).get("items") or []
    for index, line in enumerate(line_items):
        if not isinstance(line, dict) or not line.get("sku") or not isinstance(line.get("quantity"), int):
            raise InputError(f"Engage's order {raw.get('orderId')} line {index} has no article number or quantity")
        quantity = abs(line["quantity"])
        if str(line.get("type", "PURCHASE")).upper() == "RETURN":
            returned[line["sku"]] = returned.get(line["sku"], 0) + quantity
            continue
        total = parse_money(line.get("totalPrice", 0), "totalPrice")
        items[line["sku"]] = OrderedItem(line["sku"], line.get("name") or line["sku"], quantity,
                                         (total / quantity) if quantity else Decimal(0),
                                         parse_money(line.get("taxPercent", 25), "taxPercent"))
    if not items:
        raise InputError(f"Engage's order {raw.get('orderId')} has no lines the till can show")
    contact = raw.get("contact") or {}
    key_type = str(contact.get("matchKeyType", "")).lower()
    created = raw.get("createdAt")
    delivery = raw.get("delivery")
    address = raw.get("billingAddress")
    payments = (raw.get("payments") or {}).get("items") if isinstance(raw.get("payments"), dict) else None
    # The till's first change replaces this order whole: what Engage holds (the billing address, the payments,
    # the delivery's tracking) is carried, not dropped.
    return TillOrder(
        order_id=str(raw["orderId"]), stage=stage_from_engage(statuses, str(raw.get("status", "")),
                                                              str(raw.get("externalStatus", ""))),
        items=tuple(OrderedItem(i.sku, i.name, i.quantity, i.unit_price, i.tax_percent,
                                min(returned.get(sku, 0), i.quantity)) for sku, i in items.items()),
        created_at=datetime.fromisoformat(created) if created else now, changed_at=now,
        currency=str(raw.get("currencyCode") or "SEK"), contact_id=raw.get("contactId"),
        email=str(contact.get("matchKey", "")) if key_type == "email" else "",
        mobile_phone=str(contact.get("matchKey", "")) if key_type == "mobilephone" else "",
        delivery=_delivery(delivery) if isinstance(delivery, dict) and delivery.get("method") else None,
        billing_address=Address(
            *(str(wire_get(address, name) or "") for name in ("firstname", "lastname", "street", "zipCode", "city",
                                                              "countryCode", "email", "mobilePhone"))
        ) if isinstance(address, dict) else None,
        payments=tuple(Payment(str(p.get("type") or ""), parse_money(p.get("value", 0), "payments.value"),
                               str(p.get("description") or ""))
                       for p in payments or () if isinstance(p, dict) and p.get("type")))
