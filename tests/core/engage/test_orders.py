"""Client + simulator: v3 orders (job, 302, versionTag, action), v2 communication, bulk contacts."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest

from pos_engage.core.domain import (
    CommunicationItem,
    Delivery,
    JobState,
    MatchKey,
    MatchKeyType,
    NewContact,
    Order,
    OrderCommunication,
    OrderLine,
)
from pos_engage.core.errors import EngageNotFound, EngageValidationError, InputError

CET = timezone(timedelta(hours=1))


def make_order(order_id: str, contact: MatchKey) -> Order:
    return Order(order_id=order_id, contact=contact, store_external_id="1", status="Created", currency="SEK",
                 created_at=datetime(2026, 11, 23, 12, 0, tzinfo=CET),
                 lines=(OrderLine("1002", "Wool jacket", 1, Decimal("1299")),),
                 delivery=Delivery("Click and collect"))


async def test_order_create_job_redirect_version_tag_and_action(client, showcase, sim_state):
    job = await client.create_order(make_order("ord-1", MatchKey(showcase["Anna"]["id"])))
    status, stored = await client.order_job_status(job.job_id)
    assert status.state is JobState.PENDING and stored is None
    status, stored = await client.order_job_status(job.job_id)  # 302 followed to the order
    assert status.state is JobState.DONE and stored.order_id == "ord-1" and stored.version_tag
    assert (await client.get_order("ord-1")).version_tag == stored.version_tag
    await client.order_action("ord-1", "ConfirmOrder", stored.version_tag)
    assert [(a["orderId"], a["action"]) for a in sim_state.received.order_actions] == [("ord-1", "ConfirmOrder")]
    listed = await client.list_orders(showcase["Anna"]["id"])
    assert [o.order_id for o in listed] == ["ord-1"]


async def test_action_with_a_stale_version_tag_is_not_found(client, showcase):
    job = await client.create_order(make_order("ord-2", MatchKey(showcase["Anna"]["id"])))
    await client.order_job_status(job.job_id)
    _, first = await client.order_job_status(job.job_id)
    job = await client.replace_order(make_order("ord-2", MatchKey(showcase["Anna"]["id"])))
    await client.order_job_status(job.job_id)
    _, second = await client.order_job_status(job.job_id)
    assert first.version_tag != second.version_tag
    with pytest.raises(EngageNotFound):
        await client.order_action("ord-2", "ConfirmOrder", first.version_tag)


async def test_a_failed_order_job_reports_engages_message(client, showcase, sim_state):
    sim_state.faults.update({"order_job_failure": "InvalidOrder"})
    job = await client.create_order(make_order("ord-3", MatchKey(showcase["Anna"]["id"])))
    await client.order_job_status(job.job_id)
    status, stored = await client.order_job_status(job.job_id)
    assert status.state is JobState.FAILED and stored is None
    assert status.error_code == "InvalidOrder" and status.error_message


async def test_an_embedded_action_without_a_contact_is_discarded_and_visible(client, sim_state):
    job = await client.create_order(make_order("ord-4", MatchKey("nobody@example.se", MatchKeyType.EMAIL)),
                                    action={"action": "ConfirmOrder", "language": "sv-SE"})
    await client.order_job_status(job.job_id)
    _, stored = await client.order_job_status(job.job_id)
    assert stored.raw["discardedActions"][0]["reason"] == "OrderHasNoContact"
    assert sim_state.received.order_actions == []


async def test_v2_order_communication_is_counted_every_time(client, showcase, sim_state):
    communication = OrderCommunication(
        order_number="W-100", contact=MatchKey(showcase["Anna"]["email"], MatchKeyType.EMAIL),
        order_status="Confirmed", payment_status="Paid", created_date=datetime(2026, 11, 23, 9, tzinfo=CET),
        store_id="1", currency="SEK", items=(CommunicationItem("1001", "T-shirt", 1, Decimal("199")),))
    await client.send_order_communication(communication)
    await client.send_order_communication(communication)
    assert [c["orderNumber"] for c in sim_state.received.communications] == ["W-100", "W-100"]


async def test_bulk_contacts_batch_and_status(client, showcase):
    contacts = [NewContact(first_name="Bulk", email=f"bulk{i}@example.se") for i in range(3)]
    contacts.append(NewContact(first_name="Dup", email=showcase["Anna"]["email"]))
    batch_id = await client.bulk_create_contacts(contacts)
    status = await client.bulk_status(batch_id)
    assert (status["status"], status["succeededCount"], status["failedCount"]) == ("Completed", 3, 1)


async def test_bulk_over_4000_is_refused_before_sending(client, recorder):
    contacts = [NewContact(email=f"b{i}@example.se") for i in range(4001)]
    with pytest.raises(InputError):
        await client.bulk_create_contacts(contacts)
    assert recorder.requests == []


async def test_order_communication_with_a_wrong_sign_is_rejected_by_engage(client, recorder, showcase):
    communication = OrderCommunication(
        order_number="W-101", contact=MatchKey(showcase["Anna"]["email"], MatchKeyType.EMAIL),
        order_status="Confirmed", payment_status="Paid", created_date=datetime(2026, 11, 23, 9, tzinfo=CET),
        store_id="1", currency="SEK", items=(CommunicationItem("1001", "T-shirt", 1, Decimal("199")),))
    object.__setattr__(communication.items[0], "quantity", -1)  # past the client's check: Engage's own rule
    with pytest.raises(EngageValidationError) as caught:
        await client.send_order_communication(communication)
    assert caught.value.status == 422 and caught.value.code == "InvalidOrder"
