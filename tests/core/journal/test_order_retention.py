"""Orders have an end too: past the retention (from their last change) and with nothing left to send, a closed
order is deleted and a delivered one keeps only what a return needs (no email, mobile or address)."""

from __future__ import annotations

import json

import pytest

from pos_engage.core.domain import ContactKey
from pos_engage.core.journal.entry import EntryKind, NewEntry

DAY = 86400.0


def save(journal, order_id: str, stage: str, *, email: str = "buyer@example.se") -> int:
    entry = NewEntry(EntryKind.ORDER_COMMUNICATION, {"order": {"orderNumber": order_id}},
                     idempotency_key=f"order-communication:{order_id}:1", lane=f"order:{order_id}")
    body = {"orderId": order_id, "stage": stage, "email": email, "mobilePhone": "+46701112233",
            "billingAddress": {"firstName": "Bo", "street": "Storgatan 1"}, "items": [{"sku": "1"}]}
    (saved,) = journal.save_order(order_id, stage=stage, changes=1, body=body, entries=[entry],
                                  key=ContactKey.email(email), contact_id="c-1")
    return saved.id


def order_row(journal, order_id: str):
    return journal.connection.execute("SELECT * FROM orders WHERE order_id = ?", (order_id,)).fetchone()


@pytest.mark.parametrize("stage", ["cancelled", "returned"])
def test_a_closed_order_past_the_retention_is_deleted(journal, clock, stage):
    entry = save(journal, "o-1", stage)
    journal.resolve(entry, actor="t", reason="sent")
    clock.advance(31 * DAY)
    assert journal.prune_orders(30) == 1
    assert order_row(journal, "o-1") is None


def test_a_delivered_order_keeps_what_a_return_needs(journal, clock):
    journal.resolve(save(journal, "o-2", "delivered"), actor="t", reason="sent")
    clock.advance(31 * DAY)
    assert journal.prune_orders(30) == 1
    row = order_row(journal, "o-2")
    body = json.loads(row["body"])
    assert body["email"] == "" and body["mobilePhone"] == "" and body["billingAddress"] is None
    assert body["items"] == [{"sku": "1"}] and row["contact_id"] == "c-1" and row["key_hash"] is None
    assert journal.prune_orders(30) == 0  # once is enough


def test_young_orders_and_orders_still_being_sent_are_kept(journal, clock):
    journal.resolve(save(journal, "young", "cancelled"), actor="t", reason="sent")
    save(journal, "queued", "cancelled")  # its message has not reached Engage
    clock.advance(10 * DAY)
    journal.resolve(save(journal, "other", "delivered", email="x@example.se"), actor="t", reason="sent")
    clock.advance(25 * DAY)
    assert journal.prune_orders(30) == 1  # only "young" (35 days): "other" is 25 days old, "queued" still open
    assert order_row(journal, "young") is None
    assert json.loads(order_row(journal, "queued")["body"])["email"] == "buyer@example.se"
    assert json.loads(order_row(journal, "other")["body"])["email"] == "x@example.se"
