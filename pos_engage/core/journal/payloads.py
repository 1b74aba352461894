"""Journal entries built from validated domain objects: Engage's exact body, an idempotency key, a lane.

Idempotency keys never hold an email or number in clear: a registration's key carries a digest of it, and
pruning retires that key along with the payload.
"""

from __future__ import annotations

import hashlib
import json
import uuid
from typing import Any

from pos_engage.core.domain import ContactKey, ContactUpdate, NewContact, Order, OrderCommunication, Receipt
from pos_engage.core.engage import wire
from pos_engage.core.journal.entry import EntryKind, NewEntry


def _digest(key: ContactKey) -> str:
    return hashlib.sha256(f"{key.kind.value}:{key.value}".encode()).hexdigest()[:24]


def registration(contact: NewContact, *, store_external_id: str, source: str = "POS",
                 country: str | None = None) -> NewEntry:
    """A new contact. The same form twice (a double click) journals it once; a second, different form for the same
    key is a second entry (its details are not lost), in the key's lane so it follows the first. Delivery looks the
    contact up before creating, so the second one adopts what the first created (dispatch, registrations.py).
    ``country``: the till's country, the countryCode of a contact without a mobile (wire.new_contact_to_json)."""
    body = wire.new_contact_to_json(contact, country=country)
    form = hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()[:12]
    key = _digest(contact.key())
    return NewEntry(EntryKind.REGISTER_CONTACT,
                    {"contact": body, "storeExternalId": store_external_id, "source": source},
                    idempotency_key=f"register:{key}:{form}", lane=f"register:{key}")


def contact_update(contact_id: str | None, update: ContactUpdate, *, depends_on: int | None = None,
                   depends_on_index: int | None = None) -> NewEntry:
    """Changed fields only. Without a contact id it must depend on the registration that will supply one."""
    if contact_id is None and depends_on is None and depends_on_index is None:
        raise ValueError("an update needs a contact id or the registration it follows")
    return NewEntry(EntryKind.UPDATE_CONTACT, {"contactId": contact_id, "changes": wire.contact_update_to_json(update)},
                    idempotency_key=f"update:{uuid.uuid4().hex}", depends_on=depends_on,
                    depends_on_index=depends_on_index, lane=f"contact:{contact_id}" if contact_id else None)


def upgrade_to_member(contact_id: str | None, *, depends_on: int | None = None,
                      depends_on_index: int | None = None) -> NewEntry:
    return NewEntry(EntryKind.UPGRADE_CONTACT, {"contactId": contact_id},
                    idempotency_key=f"upgrade:{contact_id or uuid.uuid4().hex}", depends_on=depends_on,
                    depends_on_index=depends_on_index, lane=f"contact:{contact_id}" if contact_id else None)


def _redemption_key(prefix: str, offer_id: str, sale_id: str | None) -> str:
    # The sale is part of the key: a second sale using the same offer is a second entry (that Engage will refuse
    # and the manager sees), never merged into the first sale's redemption.
    return f"{prefix}:{offer_id}:{sale_id}" if sale_id else f"{prefix}:{offer_id}"


def promotion_redemption(assignment_id: str, *, contact_id: str | None, promotion_id: str = "",
                         sale_id: str | None = None, depends_on: int | None = None,
                         depends_on_index: int | None = None) -> NewEntry:
    """Redeem an assignment for one sale (keyed by both: the same sale twice is one entry, two sales are two).

    ``contact_id`` may be unknown (a customer registered offline): the redemption itself needs only the
    assignment; the contact comes from the registration it depends on, for the check before a resend."""
    return NewEntry(EntryKind.REDEEM_PROMOTION,
                    {"assignmentId": assignment_id, "contactId": contact_id, "promotionId": promotion_id,
                     "saleId": sale_id},
                    idempotency_key=_redemption_key("redeem", assignment_id, sale_id), depends_on=depends_on,
                    depends_on_index=depends_on_index)


def voucher_redemption(voucher_id: str, *, contact_id: str | None, sale_id: str | None = None,
                       depends_on: int | None = None, depends_on_index: int | None = None) -> NewEntry:
    return NewEntry(EntryKind.REDEEM_VOUCHER, {"voucherId": voucher_id, "contactId": contact_id, "saleId": sale_id},
                    idempotency_key=_redemption_key("voucher", voucher_id, sale_id), depends_on=depends_on,
                    depends_on_index=depends_on_index)


def receipt_key(unique_receipt_id: str) -> str:
    """The idempotency key a receipt is journaled under: its uniqueReceiptId, which Engage also drops repeats by."""
    return f"receipt:{unique_receipt_id}"


def receipt(sale: Receipt, *, depends_on: int | None = None, depends_on_index: int | None = None,
            exchange_rate: float | None = None, extra_data: list[tuple[str, str]] | None = None) -> NewEntry:
    """The receipt, keyed by its uniqueReceiptId. Its contact is the id when known, else the key the customer
    gave (deferred matching); after an offline registration, the registration's id replaces it when sent.
    ``exchange_rate``: exchangeRateToGroupCurrency, for a till whose currency is not the group's
    (config.group_exchange_rate); ``extra_data``: root extraData added to what the receipt carries (a return names
    its original sale)."""
    body = wire.receipt_to_json(sale)
    if exchange_rate is not None:
        body.setdefault("exchangeRateToGroupCurrency", exchange_rate)
    if extra_data:
        body["extraData"] = [*(body.get("extraData") or []), *({"name": n, "value": v} for n, v in extra_data)]
    return NewEntry(EntryKind.RECEIPT, {"receipt": body},
                    idempotency_key=receipt_key(sale.unique_receipt_id), depends_on=depends_on,
                    depends_on_index=depends_on_index)


def order_communication(order: OrderCommunication, *, change: int | None = None,
                        depends_on: int | None = None, depends_on_index: int | None = None) -> NewEntry:
    """A v2 order event, once per order change (or per status): a double click never sends two emails."""
    which = change if change is not None else order.order_status
    return NewEntry(EntryKind.ORDER_COMMUNICATION, {"order": wire.communication_to_json(order)},
                    idempotency_key=f"order-communication:{order.order_number}:{which}",
                    lane=f"order:{order.order_number}", depends_on=depends_on, depends_on_index=depends_on_index)


def order_write(order: Order, *, change: int, action: dict[str, Any] | None = None, depends_on: int | None = None,
                depends_on_index: int | None = None) -> NewEntry:
    """Version ``change`` of a stored (v3) order: the creation first, then full replacements, in the order's lane
    so a change never overtakes the creation."""
    kind = EntryKind.ORDER_CREATE if change == 1 else EntryKind.ORDER_UPDATE
    return NewEntry(kind, {"order": wire.order_to_json(order, action=action)},
                    idempotency_key=f"order:{order.order_id}:{change}", lane=f"order:{order.order_id}",
                    depends_on=depends_on, depends_on_index=depends_on_index)


def order_action(order_id: str, action: str, *, change: int, language: str, depends_on_index: int) -> NewEntry:
    """The order email for version ``change``: sent once that version's job is done (its versionTag)."""
    return NewEntry(EntryKind.ORDER_ACTION, {"orderId": order_id, "action": action, "language": language},
                    idempotency_key=f"order-action:{order_id}:{change}", lane=f"order:{order_id}",
                    depends_on_index=depends_on_index)


def marketing_order(body: dict[str, Any], *, order_id: str, change: int) -> NewEntry:
    """Version ``change`` of the order for the second orders platform (its own lane: never waits for Engage)."""
    return NewEntry(EntryKind.MARKETING_ORDER, {"order": body}, idempotency_key=f"marketing:{order_id}:{change}",
                    lane=f"marketing:{order_id}")


def voucher_reactivation(voucher_id: str, *, contact_id: str | None, return_id: str, original_id: str,
                         redeemed_on: str | None, depends_on: int | None = None) -> NewEntry:
    """Give back a voucher used on a sale returned in full, once per original sale (a second return of the same
    sale cannot reactivate it again). ``redeemed_on``: the use Engage showed when the return was made, so a check
    after a lost answer can tell that use from a later one (dispatch.check_reactivated)."""
    return NewEntry(EntryKind.REACTIVATE_VOUCHER,
                    {"voucherId": voucher_id, "contactId": contact_id, "returnId": return_id,
                     "originalId": original_id, "redeemedOn": redeemed_on},
                    idempotency_key=f"reactivate:{voucher_id}:{original_id}", depends_on=depends_on)


def promotion_reinstatement(promotion_id: str, *, contact_id: str | None, assignment_id: str, return_id: str,
                            original_id: str, known_assignments: list[str] | None,
                            depends_on: int | None = None) -> NewEntry:
    """Assign the promotion template of a sale returned in full again (till.returns_reinstate_promotions), once
    per original sale. ``known_assignments``: the contact's assignments of that template when the return was
    made; a new one found after a lost answer is ours (dispatch.check_reinstated)."""
    return NewEntry(EntryKind.REINSTATE_PROMOTION,
                    {"promotionId": promotion_id, "contactId": contact_id, "assignmentId": assignment_id,
                     "returnId": return_id, "originalId": original_id, "knownAssignments": known_assignments},
                    idempotency_key=f"reinstate:{assignment_id}:{original_id}", depends_on=depends_on)
