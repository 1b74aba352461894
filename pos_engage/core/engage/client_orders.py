"""Engage's order and bulk calls: stored v3 orders and their jobs, v2 order communication, bulk contacts.

A base class of EngageClient, using its request helpers (``_send``, ``_read``, ``_parsed``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from pos_engage.core.domain import (
    JobState,
    NewContact,
    Order,
    OrderCommunication,
    OrderJob,
    OrderJobStatus,
    StoredOrder,
)
from pos_engage.core.domain.checks import require_text
from pos_engage.core.engage import responses, wire
from pos_engage.core.engage.urls import segment
from pos_engage.core.errors import EngageBadResponse, InputError

if TYPE_CHECKING:
    from pos_engage.core.engage.client import _Answer

BULK_LIMIT = 4000  # contacts per bulk request (engage-api.md 8)


class OrdersAndBulk:
    """Order and bulk calls; mixed into EngageClient."""

    # ------------------------------------------------------------------ orders

    async def create_order(self, order: Order, *, action: Mapping[str, Any] | None = None) -> OrderJob:
        """Create or replace a stored order (asynchronous in Engage: returns the job to poll)."""
        if not isinstance(order, Order):
            raise InputError("create_order needs an Order")
        return await self.create_order_body(wire.order_to_json(order, action=action))

    async def create_order_body(self, body: Mapping[str, Any]) -> OrderJob:
        answer = await self._send("POST", "/api/v3/orders", body=dict(body), expected=responses.ORDER_JOB)
        return self._job(answer)

    async def replace_order(self, order: Order, *, action: Mapping[str, Any] | None = None) -> OrderJob:
        """Replace the whole order (asynchronous: returns the job to poll)."""
        return await self.replace_order_body(order.order_id, wire.order_to_json(order, action=action))

    async def replace_order_body(self, order_id: str, body: Mapping[str, Any]) -> OrderJob:
        answer = await self._send("PUT", f"/api/v3/orders/{segment(order_id, 'orderId')}", body=dict(body),
                                  expected=responses.ORDER_JOB)
        return self._job(answer)

    def _job(self, answer: _Answer) -> OrderJob:
        payload = answer.json() or {}
        location = answer.headers.get("location", "")
        job_id = (payload.get("jobId") if isinstance(payload, Mapping) else None) or location.rstrip("/").split("/")[-1]
        if not job_id:
            raise EngageBadResponse("Engage accepted the order but named no job to follow", status=answer.status)
        return OrderJob(job_id=str(job_id), location=location or f"/api/v3/orders/jobs/{job_id}")

    async def order_job_status(self, job_id: str) -> tuple[OrderJobStatus, StoredOrder | None]:
        """Pending, failed (with Engage's message), or done: then the 302 is followed to the stored order."""
        answer = await self._read(f"/api/v3/orders/jobs/{segment(job_id, 'jobId')}", expected=responses.JOB_STATUS)
        if 300 <= answer.status < 400:  # only a redirect to Engage's own address gets here (check_answer)
            location = answer.headers.get("location", "")
            target = self._same_origin(location)
            order_answer = await self._read(target)
            stored = self._parsed(order_answer, wire.stored_order_from_json, "order")
            return OrderJobStatus(JobState.DONE, order_id=stored.order_id), stored
        return self._parsed(answer, wire.job_status_from_json, "order job"), None

    def _same_origin(self, location: str) -> str:
        """Follow a redirect only within Engage: the API key must never go to another host."""
        target = responses.same_origin(self.base_url, location) if location else None
        if target is None:  # check_answer already refused these; kept so the key can never leave by mistake
            raise EngageBadResponse(f"Engage redirected to another address ({location or 'none'}); not followed")
        return target

    async def get_order(self, order_id: str) -> StoredOrder:
        answer = await self._read(f"/api/v3/orders/{segment(order_id, 'orderId')}")
        return self._parsed(answer, wire.stored_order_from_json, "order")

    async def list_orders(self, contact_id: str) -> tuple[StoredOrder, ...]:
        answer = await self._read("/api/v3/orders", params={"contactId": require_text(contact_id, "contactId")},
                                  expected=responses.OBJECT_OR_LIST)

        def parse(payload: Any) -> tuple[StoredOrder, ...]:
            items = payload.get("items", []) if isinstance(payload, Mapping) else payload
            return tuple(wire.stored_order_from_json(i) for i in items or [])

        return self._parsed(answer, parse, "orders")

    async def order_action(self, order_id: str, action: str, version_tag: str, *, language: str = "sv-SE",
                           data: Mapping[str, Any] | None = None) -> None:
        """Trigger the order communication for the current version (a stale versionTag is 404)."""
        body = {"action": require_text(action, "action"), "versionTag": require_text(version_tag, "versionTag"),
                "language": language, "data": dict(data or {})}
        await self._send("POST", f"/api/v3/orders/{segment(order_id, 'orderId')}/action", body=body,
                         expected=responses.ACCEPTED)

    async def send_order_communication(self, order: OrderCommunication) -> None:
        """v2 order event: triggers emails, stores nothing, dedups nothing. Never resend blindly."""
        if not isinstance(order, OrderCommunication):
            raise InputError("send_order_communication needs an OrderCommunication")
        await self.send_order_communication_body(wire.communication_to_json(order))

    async def send_order_communication_body(self, body: Mapping[str, Any]) -> None:
        await self._send("POST", "/api/v2/orders", body=dict(body), expected=responses.ACCEPTED)

    # ------------------------------------------------------------------ bulk

    async def bulk_create_contacts(self, contacts: Sequence[NewContact], *, contact_type: str | None = None) -> str:
        """Up to 4,000 contacts in one request; returns Engage's batch id."""
        if not contacts:
            raise InputError("no contacts to send")
        if len(contacts) > BULK_LIMIT:
            raise InputError(f"at most {BULK_LIMIT} contacts per bulk request, got {len(contacts)}")
        return await self.bulk_create_bodies([wire.new_contact_to_json(c) for c in contacts],
                                             contact_type=contact_type)

    async def bulk_create_bodies(self, bodies: Sequence[Mapping[str, Any]], *, contact_type: str | None = None) -> str:
        """Journaled registrations' bodies (each a single create's, without contactType), up to 4,000 at once."""
        if not bodies:
            raise InputError("no contacts to send")
        if len(bodies) > BULK_LIMIT:
            raise InputError(f"at most {BULK_LIMIT} contacts per bulk request, got {len(bodies)}")
        params = {"contactType": contact_type} if contact_type else None
        answer = await self._send("POST", "/api/v2/contacts/bulk", params=params, body=[dict(b) for b in bodies],
                                  expected=responses.BATCH)
        return self._parsed(answer, wire.contact_id_from_json, "bulk batch id")

    async def bulk_status(self, batch_id: str) -> dict[str, Any]:
        answer = await self._read("/api/v2/contacts/bulk/status", params={"batchId": require_text(batch_id, "batchId")},
                                  expected=responses.ANY_READ)
        return self._parsed(answer, lambda p: dict(p) if isinstance(p, Mapping) else {"status": p}, "bulk status")

