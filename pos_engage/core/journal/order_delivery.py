"""Delivering order changes: following Engage's order job to the stored order, and the order's message.

Separate from dispatch.py because an order change is the one delivery that is asynchronous at Engage: a create
or replace returns a job, polled with backoff (:class:`JobPolling`) until it redirects to the stored order, whose
versionTag the order's action (its message to the customer) then needs; a stale versionTag is read again once.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from pos_engage.core.domain import JobState, OrderJob, StoredOrder
from pos_engage.core.engage.client import EngageClient
from pos_engage.core.errors import EngageNotFound, EngageUnavailable
from pos_engage.core.journal.delivery import CannotDeliver
from pos_engage.core.journal.entry import EntryKind


class OrderJobFailed(CannotDeliver):
    """Engage took the order change but its job failed: Engage's message says why. A person fixes and retries."""

    code = "OrderJobFailed"


class ActionDiscarded(CannotDeliver):
    """Engage stored the order but dropped the order action embedded in it: no email went to the customer."""

    code = "OrderActionDiscarded"


@dataclass(frozen=True)
class JobPolling:
    """How an order job is followed: waits between polls (the last repeats) and how long before giving up
    for now (the change is then sent again later: a full replace, safe to repeat)."""

    schedule: tuple[float, ...] = (0.5, 1.0, 2.0, 4.0, 8.0)
    timeout: float = 120.0
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep
    clock: Callable[[], float] = time.monotonic


async def follow_order_job(client: EngageClient, job: OrderJob, polling: JobPolling) -> StoredOrder:
    """Poll the job with backoff until it redirects to the stored order (whose versionTag an action needs)."""
    deadline = polling.clock() + polling.timeout
    for attempt in range(10_000):
        status, stored = await client.order_job_status(job.job_id)
        if status.state is JobState.DONE and stored is not None:
            return stored
        if status.state is JobState.FAILED:
            raise OrderJobFailed(f"Engage could not process the order change (job {job.job_id}): "
                                 f"{status.error_code or 'error'}: {status.error_message}")
        wait = polling.schedule[min(attempt, len(polling.schedule) - 1)]
        if polling.clock() + wait > deadline:
            break
        await polling.sleep(wait)
    raise EngageUnavailable(f"Engage has not finished order job {job.job_id} in {polling.timeout:.0f} s; "
                            "the change is sent again later", code="OrderJobPending")


async def _write_order(client: EngageClient, kind: EntryKind, body: dict[str, Any], polling: JobPolling) -> dict:
    """Create (POST) or replace (PUT) the order, follow its job to the stored order, keep its versionTag."""
    if kind is EntryKind.ORDER_CREATE:
        job = await client.create_order_body(body)
    else:
        job = await client.replace_order_body(body["orderId"], body)
    stored = await follow_order_job(client, job, polling)
    discarded = stored.raw.get("discardedActions") or []
    embedded = (body.get("action") or {}).get("action")
    if embedded and any((d or {}).get("action") == embedded for d in discarded if isinstance(d, dict)):
        reason = next((d.get("reason") for d in discarded if isinstance(d, dict) and d.get("reason")), "no reason")
        raise ActionDiscarded(f"Engage stored order {stored.order_id} but discarded its action {embedded!r} "
                              f"({reason}): the customer got no email. Fix the order's contact, then retry.")
    return {"jobId": job.job_id, "orderId": stored.order_id, "versionTag": stored.version_tag}


async def _order_action(client: EngageClient, payload: dict[str, Any]) -> dict:
    """The order's communication for its current version. A 404 means the versionTag is stale (the order
    changed again) or the order is gone: read the order again and retry once with its current versionTag.
    A 404 is a refusal, so this is not a repeat of a call that may have taken effect."""
    order_id, action, tag = payload["orderId"], payload["action"], payload.get("versionTag")
    language, data = payload.get("language") or "sv-SE", payload.get("data")
    if not tag:  # its order went by file: wait until Engage has imported it, then use that version
        try:
            tag = (await client.get_order(order_id)).version_tag
        except EngageNotFound:
            tag = None
        if not tag:
            raise EngageUnavailable(f"order {order_id} went by file and Engage has not imported it yet; its "
                                    "message is sent once it has", code="OrderNotImportedYet")
    try:
        await client.order_action(order_id, action, tag, language=language, data=data)
        return {"versionTag": tag}
    except EngageNotFound:
        fresh = await client.get_order(order_id)  # a 404 here: the order itself is missing
        if not fresh.version_tag or fresh.version_tag == tag:
            raise
    await client.order_action(order_id, action, fresh.version_tag, language=language, data=data)
    return {"versionTag": fresh.version_tag, "retriedWithVersionTag": True}
