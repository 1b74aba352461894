"""The second orders platform's deliverer: journal entries of kind marketing_order, sent in batches of up to
1,000 (one request), on their own schedule, never held up by Engage being down.

Each claim holds at most one entry per order (an order's versions share a lane), so a batch never carries two
versions of one order; an order sent again is updated by the platform, so a resend after a lost answer is safe.
An order the platform cannot take (no email and no phone, a field missing) goes to the manager with the reason,
before sending; when the platform refuses some orders of a batch, those go to the manager and the others go
again in the next batch.
"""

from __future__ import annotations

import asyncio
import logging
import random
from dataclasses import dataclass

from pos_engage.core.engage.retry import BACKGROUND_SCHEDULE, next_delay
from pos_engage.core.errors import MarketingRejected, MarketingUnavailable
from pos_engage.core.journal.background import deliver_until_stopped
from pos_engage.core.journal.claims import Settlement
from pos_engage.core.journal.entry import MARKETING_KINDS, EntryStatus, JournalEntry
from pos_engage.core.journal.store import Journal
from pos_engage.core.marketing import wire
from pos_engage.core.marketing.client import MarketingClient

log = logging.getLogger(__name__)


@dataclass
class SinkReport:
    """What one round of sending orders to the second platform did."""

    claimed: int = 0
    requests: int = 0
    delivered: int = 0
    retrying: int = 0
    needs_attention: int = 0


class MarketingSink:
    def __init__(self, journal: Journal, client: MarketingClient, *, batch_size: int = wire.MAX_ORDERS_PER_REQUEST,
                 schedule: tuple[float, ...] = BACKGROUND_SCHEDULE, rng: random.Random | None = None) -> None:
        self.journal = journal
        self.client = client
        self.batch_size = max(1, min(batch_size, wire.MAX_ORDERS_PER_REQUEST))
        self.schedule = schedule
        self.rng = rng or random.Random()

    async def send_once(self) -> SinkReport:
        """One batch: claim due orders, refuse the unsendable, send the rest in one request, settle."""
        report = SinkReport()
        entries = self.journal.claim_due(self.batch_size, kinds=MARKETING_KINDS)
        report.claimed = len(entries)
        if not entries:
            return report
        settlements: list[Settlement] = []
        sendable: list[JournalEntry] = []
        for entry in entries:
            problem = wire.problems_of((entry.payload or {}).get("order"))
            if problem:
                settlements.append(Settlement(entry.id, EntryStatus.NEEDS_ATTENTION, error_code="NotSendable",
                                              error=f"not sent to the marketing platform: {problem}"))
            else:
                sendable.append(entry)
        if sendable:
            report.requests = 1
            settlements += await self._send(sendable)
        self.journal.settle(settlements)
        for settlement in settlements:
            if settlement.status is EntryStatus.DELIVERED:
                report.delivered += 1
            elif settlement.status is EntryStatus.NEEDS_ATTENTION:
                report.needs_attention += 1
            elif settlement.status is EntryStatus.WAITING_RETRY:
                report.retrying += 1
        log.info("marketing platform: %d orders claimed, %d sent, %d to retry, %d need attention",
                 report.claimed, report.delivered, report.retrying, report.needs_attention)
        return report

    async def _send(self, entries: list[JournalEntry]) -> list[Settlement]:
        try:
            answer = await self.client.add_orders([entry.payload["order"] for entry in entries])
        except MarketingRejected as refusal:
            if not refusal.rejected:  # refused as a whole with no order named: a person looks at the batch
                return [Settlement(e.id, EntryStatus.NEEDS_ATTENTION, error_code="Refused", error=str(refusal))
                        for e in entries]
            # The named orders go to the manager; the others were refused only for their company: next batch.
            return [Settlement(e.id, EntryStatus.NEEDS_ATTENTION, error_code="Refused",
                               error=f"the marketing platform refused this order: {refusal.rejected[i]}")
                    if i in refusal.rejected else Settlement(e.id, EntryStatus.PENDING, count_attempt=False)
                    for i, e in enumerate(entries)]
        except MarketingUnavailable as problem:
            now = self.journal.clock()
            return [Settlement(e.id, EntryStatus.WAITING_RETRY, error_code="Unavailable", error=str(problem),
                               next_attempt_at=now + next_delay(e.attempts + 1, retry_after=problem.retry_after,
                                                                schedule=self.schedule, rng=self.rng))
                    for e in entries]
        result = {"batch": len(entries), **{k: v for k, v in answer.items() if k in ("created", "updated")}}
        return [Settlement(e.id, EntryStatus.DELIVERED, result=result) for e in entries]

    async def send_until_empty(self, *, max_seconds: float, sleep=asyncio.sleep) -> SinkReport:
        """Send until nothing is due (waiting out retry delays), for at most ``max_seconds``."""
        total = SinkReport()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + max_seconds
        while loop.time() < deadline:
            report = await self.send_once()
            for name in ("claimed", "requests", "delivered", "retrying", "needs_attention"):
                setattr(total, name, getattr(total, name) + getattr(report, name))
            if report.claimed:
                continue
            due = self.journal.next_due_at(kinds=MARKETING_KINDS)
            if due is None:
                break
            await sleep(max(0.05, min(due - self.journal.clock(), deadline - loop.time())))
        return total

    async def run(self, stop: asyncio.Event, *, idle_seconds: float = 2.0) -> None:
        """Background delivery for the till, until ``stop`` is set."""
        await deliver_until_stopped(self.send_once, lambda: self.journal.next_due_at(kinds=MARKETING_KINDS),
                                    self.journal.clock, stop, idle_seconds=idle_seconds, log=log, what="marketing")
