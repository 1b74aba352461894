"""Replayer: take the lease -> claim due entries -> (check first if the last outcome was unknown) -> send ->
classify -> settle.

Only the holder of the journal's delivery lease (lease.py) sends anything: a second process, or a second replayer,
sends nothing and says who is delivering instead; entries left in flight are recovered only by whoever takes the
lease over from a stopped holder. Entries in one claimed batch are independent of each other (the claim already
holds back dependents and later entries of a lane), so they are sent concurrently. Every request they cause waits
for its slot in one adaptive pace (rate.py AdaptivePacer), follow-up lookups and order job polls included: the
till's share of its API key (journal.rate_limit / journal.tills_on_key), halved by any 429 and climbing back.
Outcomes are settled as they come in, a few per transaction and only while the lease is still held, so a crash
mid-batch loses little progress (what was in flight is checked with Engage by the next holder).

A just-finished sale's entries go before the backlog (``replay_entries``): they are claimed by id and may use
the rate's reserve, so the cashier never waits behind a queue of old entries. After an outage the first drain
starts after a random moment and at half the rate (``drain_jitter``), so a fleet does not come back together.
What the pacing did (429s per minute, the rate now) is kept in the journal's meta for ``doctor`` and the metrics.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import random
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from pos_engage.core import texts
from pos_engage.core.engage.client import EngageClient
from pos_engage.core.engage.online import OnlineMonitor
from pos_engage.core.engage.retry import BACKGROUND_SCHEDULE, Decision, decide, next_delay
from pos_engage.core.errors import EngageError
from pos_engage.core.journal import delivery, dispatch, order_delivery
from pos_engage.core.journal.background import deliver_until_stopped
from pos_engage.core.journal.bulk import BulkPolling, BulkRegistrations, replay_bulk
from pos_engage.core.journal.claims import Settlement
from pos_engage.core.journal.entry import MARKETING_KINDS, EntryKind, EntryStatus, JournalEntry
from pos_engage.core.journal.lease import DeliveryLease, LeaseLost
from pos_engage.core.journal.rate import RESERVE, AdaptivePacer, PacingSummary, urgent
from pos_engage.core.journal.store import Journal

log = logging.getLogger(__name__)

# Outcomes settled per transaction: fewer fsyncs than one per entry, little progress lost on a crash.
SETTLE_EVERY = 10
# When Engage refuses the key, nothing will work until IT fixes it: wait long, keep everything.
AUTH_RETRY_SECONDS = 300.0
# After an outage the first drain waits a random moment up to this long (and starts at half the rate).
DRAIN_JITTER = 2.0
# The pacing figures are written to the journal's meta at most this often (doctor reads them from there).
PACING_NOTE_SECONDS = 5.0
PACING_META = "pacing"


@dataclass
class ReplayReport:
    """What one delivery round did with the entries it claimed."""

    claimed: int = 0
    delivered: int = 0
    retrying: int = 0
    needs_attention: int = 0
    conflicts: int = 0
    found_done: int = 0       # a check showed an earlier attempt had taken effect
    recovered: int = 0        # entries a stopped deliverer left in flight, taken over to be checked first
    offline: bool = False
    busy: str | None = None   # another deliverer holds the journal's lease: who (nothing was sent)
    notes: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def add(self, other: ReplayReport) -> None:
        for name in ("claimed", "delivered", "retrying", "needs_attention", "conflicts", "found_done", "recovered"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.offline = other.offline
        self.busy = other.busy
        self.notes.extend(other.notes)
        self.errors.extend(other.errors)

    def summary(self) -> str:
        if self.busy and not (self.delivered or self.retrying or self.needs_attention or self.conflicts):
            return self.busy
        figures = {"delivered": self.delivered, "retrying": self.retrying, "attention": self.needs_attention,
                   "conflicts": self.conflicts}
        if self.offline:   # what a manager who pressed "send all" in an outage needs to hear: nothing is lost
            if not (self.delivered or self.retrying or self.needs_attention or self.conflicts):
                return texts.tr("Engage is not answering, so nothing was sent now. Nothing is lost: the queue is "
                                "sent by itself once Engage answers (Engage offline)")
            return texts.tr("{delivered} delivered, {retrying} to retry, {attention} need attention, {conflicts} "
                            "conflicts. Engage is not answering: nothing is lost, the rest is sent by itself once "
                            "it answers (Engage offline)", **figures)
        return texts.tr("{delivered} delivered, {retrying} to retry, {attention} need attention, {conflicts} "
                        "conflicts", **figures)


class Replayer:
    def __init__(self, journal: Journal, client: EngageClient, *, monitor: OnlineMonitor | None = None,
                 rate_per_second: float | None = 50.0, concurrency: int = 4, batch_size: int = 50,
                 schedule: tuple[float, ...] = BACKGROUND_SCHEDULE, rng: random.Random | None = None,
                 job_polling: order_delivery.JobPolling | None = None, lease: DeliveryLease | None = None,
                 tills_on_key: int = 1, reserve: float = RESERVE, drain_jitter: float = DRAIN_JITTER,
                 bulk_threshold: int = 0, bulk_polling: BulkPolling | None = None) -> None:
        self.journal = journal
        self.job_polling = job_polling or order_delivery.JobPolling()
        self.monitor = monitor or client.monitor or OnlineMonitor()
        self.lease = lease or DeliveryLease.of(journal)
        # The replayer's calls report to its monitor, and never fail fast: they are what finds Engage again. Each
        # of their requests (a lookup after a 409, a job poll) waits for the rate limit and checks the lease.
        self.client = client.for_background(self.monitor, pacer=self._pace)
        self.rng = rng or random.Random()
        share = rate_per_second / max(1, tills_on_key) if rate_per_second else None
        self.bucket = AdaptivePacer(share, reserve=reserve, rng=self.rng)
        # Any 429 a call reporting to this monitor gets (background or a cashier's) slows the whole till.
        self.monitor.on_rate_limited(self._rate_limited)
        self.drain_jitter = drain_jitter
        self.concurrency = max(1, concurrency)
        self.batch_size = batch_size
        self.schedule = schedule
        self.listeners: list[Callable[[], None]] = []
        self._found_done: set[int] = set()
        self._pacing_noted = -PACING_NOTE_SECONDS
        # A registration backlog above the threshold goes through the bulk contacts API (bulk.py).
        self.bulk = BulkRegistrations(journal, self.client, threshold=bulk_threshold, polling=bulk_polling,
                                      concurrency=self.concurrency) if bulk_threshold > 0 else None

    def _rate_limited(self, retry_after: float | None) -> None:
        refused = getattr(self.bucket, "refused", None)  # a test may pace by a plain window
        if refused is not None:
            refused(retry_after)

    def pacing(self) -> PacingSummary | None:
        summary = getattr(self.bucket, "summary", None)
        return summary() if summary is not None else None

    def _note_pacing(self, *, now: bool = False) -> None:
        """Keep the pacing figures in the journal's meta (a small row, rewritten), for doctor in another process."""
        moment = time.monotonic()
        if not now and moment - self._pacing_noted < PACING_NOTE_SECONDS:
            return
        summary = self.pacing()
        if summary is None:
            return
        self._pacing_noted = moment
        try:
            with self.journal.write_transaction("note the pacing figures") as db:
                db.execute("INSERT INTO meta (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE "
                           "SET value = excluded.value", (PACING_META, summary.to_json()))
        except Exception:  # figures only: never stop delivery for them
            log.warning("the pacing figures could not be written to the journal", exc_info=True)

    def _changed(self) -> None:
        for listener in list(self.listeners):
            listener()

    async def _pace(self) -> None:
        await self.bucket.acquire()
        self.lease.ensure()  # after the wait: the lease is checked as close to the request as can be

    async def _attempt(self, entry: JournalEntry) -> Settlement:
        dependency = self.journal.dependency_of(entry)
        try:
            if entry.check_first:
                found = await dispatch.check_done(self.client, entry)
                if found is not delivery.NOT_DONE:
                    self._found_done.add(entry.id)
                    self._remember_contact(entry, found)
                    return Settlement(entry.id, EntryStatus.DELIVERED, result=found or None)
            result = await self._deliver(entry, dependency)
        # Every settlement that is not a delivery keeps check_first: an earlier attempt whose outcome is unknown
        # stays unknown whatever this one met, and a cleared mark let the entry be exported to a file, or retried,
        # as if Engage could not have it (a manager's review, session 12).
        except delivery.CannotDeliver as problem:
            return Settlement(entry.id, EntryStatus.NEEDS_ATTENTION, error_code=problem.code, error=str(problem),
                              check_first=entry.check_first)
        except EngageError as error:
            return self._after_failure(entry, error)
        except (KeyError, TypeError, ValueError) as problem:
            return Settlement(entry.id, EntryStatus.NEEDS_ATTENTION, error_code="UnreadableEntry",
                              error=f"entry {entry.id} cannot be read: {problem!r}", check_first=entry.check_first)
        self._remember_contact(entry, result)
        return Settlement(entry.id, EntryStatus.DELIVERED, result=result)

    async def _deliver(self, entry: JournalEntry, dependency: JournalEntry | None) -> dict | None:
        return await dispatch.deliver(self.client, entry, dependency, polling=self.job_polling)

    def _remember_contact(self, entry: JournalEntry, result: dict | None) -> None:
        """A registration's new contact id goes into the contacts cache: no lookup for this customer again."""
        if entry.kind is EntryKind.REGISTER_CONTACT and result and result.get("contactId"):
            self.journal.cache_contact(dispatch.key_of_registration(entry), result["contactId"])

    def _after_failure(self, entry: JournalEntry, error: EngageError) -> Settlement:
        decision = decide(error, entry.call_kind)
        code, message = error.code or type(error).__name__, error.describe()
        now = self.journal.clock()
        if decision in (Decision.RETRY, Decision.CHECK_FIRST):
            delay = next_delay(entry.attempts + 1, retry_after=getattr(error, "retry_after", None),
                               schedule=self.schedule, rng=self.rng)
            # An attempt that may have reached Engage is marked so even where a resend is safe (a receipt):
            # such an entry must not leave by the other channel (a file) without Engage being asked first.
            return Settlement(entry.id, EntryStatus.WAITING_RETRY, error_code=code, error=message,
                              next_attempt_at=now + delay,
                              check_first=entry.check_first or decision is Decision.CHECK_FIRST
                              or error.outcome_unknown)
        if decision is Decision.WAIT_FOR_IT:
            return Settlement(entry.id, EntryStatus.WAITING_RETRY, error_code=code, error=message,
                              next_attempt_at=now + AUTH_RETRY_SECONDS, check_first=entry.check_first)
        unknown = entry.check_first or error.outcome_unknown
        if decision is Decision.CONFLICT:
            return Settlement(entry.id, EntryStatus.CONFLICT, error_code=code, error=message, check_first=unknown)
        if unknown:
            message = f"{message} (an earlier attempt's outcome is unknown)"
        return Settlement(entry.id, EntryStatus.NEEDS_ATTENTION, error_code=code, error=message, check_first=unknown)

    async def replay_once(self) -> ReplayReport:
        """One batch. While Engage is offline, only a probe is sent until it answers. Nothing at all while another
        deliverer holds the journal's lease (``busy`` says who)."""
        report = ReplayReport()
        if not self.lease.acquire():
            report.busy = self.lease.refusal()
            return report
        if self.lease.recovered:
            report.recovered, report.notes = self.lease.recovered, [self.lease.takeover_note() or ""]
            self.lease.recovered = 0  # told once
        try:
            if self.monitor.offline:
                if not self.monitor.probe_due() or not await self.monitor.probe(self.client.ping):
                    report.offline = True
                    return report
                self.journal.wake_waiting()
                start_slowly = getattr(self.bucket, "start_slowly", None)
                if start_slowly is not None:  # a fleet that lost Engage together does not drain together
                    start_slowly(self.drain_jitter)
        except LeaseLost as lost:
            report.busy = str(lost)
            return report
        if self.bulk is not None and self.bulk.wanted():
            return await replay_bulk(self, report)
        entries = self.journal.claim_due(self.batch_size, exclude=MARKETING_KINDS)  # those have their own sink
        return await self._replay_claimed(entries, report)

    async def replay_entries(self, entry_ids: tuple[int, ...] | list[int]) -> ReplayReport:
        """Send these entries now, before the backlog (a sale just finished: the cashier's own): those claimable
        (due, their dependency settled, nothing earlier open in their lane) are claimed by id and their requests
        may use the rate's reserve. While Engage is offline, or another process delivers, nothing is sent (the
        background delivery takes them in turn)."""
        report = ReplayReport()
        if not entry_ids:
            return report
        if not self.lease.acquire():
            report.busy = self.lease.refusal()
            return report
        if self.monitor.offline:
            report.offline = True
            return report
        entries = self.journal.claim_due(len(entry_ids), exclude=MARKETING_KINDS, ids=entry_ids)
        token = urgent.set(True)  # the batch's tasks copy this context: every request they make is urgent
        try:
            return await self._replay_claimed(entries, report)
        finally:
            urgent.reset(token)

    async def _replay_claimed(self, entries: list[JournalEntry], report: ReplayReport) -> ReplayReport:
        report.claimed = len(entries)
        if not entries:
            self._note_pacing()
            return report
        self._found_done = set()
        settlements = await self._deliver_batch(entries, report)
        report.found_done = len(self._found_done)
        for settlement in settlements:
            status = settlement.status
            if status is EntryStatus.DELIVERED:
                report.delivered += 1
            elif status is EntryStatus.WAITING_RETRY:
                report.retrying += 1
            elif status is EntryStatus.NEEDS_ATTENTION:
                report.needs_attention += 1
            elif status is EntryStatus.CONFLICT:
                report.conflicts += 1
            if settlement.error:
                report.errors.append(f"entry {settlement.entry_id}: {settlement.error}")
        report.offline = self.monitor.offline
        log.info("replay: %s", report.summary())
        for line in report.errors:
            log.warning("replay: %s", line)
        self._note_pacing()
        self._changed()
        return report

    async def _deliver_batch(self, entries: list[JournalEntry], report: ReplayReport) -> list[Settlement]:
        """Send the claimed entries, settling outcomes as they come. The lease lost meanwhile: stop, settle
        nothing more (the new holder recovered them). Cancelled: what is known is settled, the rest goes back to
        pending, to be checked first."""
        gate = asyncio.Semaphore(self.concurrency)
        in_hand = {entry.id for entry in entries}

        async def guarded(entry: JournalEntry) -> Settlement:
            async with gate:
                return await self._attempt(entry)

        tasks = [asyncio.ensure_future(guarded(entry)) for entry in entries]
        settled: list[Settlement] = []
        unsettled: list[Settlement] = []
        try:
            for finished in asyncio.as_completed(tasks):
                unsettled.append(await finished)
                if len(unsettled) >= SETTLE_EVERY:
                    settled += self._settle(unsettled, in_hand)
                    unsettled = []
            settled += self._settle(unsettled, in_hand)
        except LeaseLost as lost:
            await _cancel(tasks)
            report.busy = str(lost)
            log.error("replay stopped: %s; %d entries left to the deliverer that took over", lost, len(in_hand))
        except BaseException:
            await _cancel(tasks)
            back = [Settlement(i, EntryStatus.PENDING, check_first=True, count_attempt=False)
                    for i in sorted(in_hand - {s.entry_id for s in unsettled})]
            with contextlib.suppress(LeaseLost):  # lost: the new holder has them
                self._settle(unsettled + back, in_hand)
            raise
        return settled

    def _settle(self, settlements: list[Settlement], in_hand: set[int]) -> list[Settlement]:
        """Apply outcomes while this process still holds the lease (LeaseLost otherwise: nothing applied). An
        entry no longer in flight is skipped and logged, never a crash."""
        skipped = set(self.journal.settle(settlements, guard=self.lease.guard, strict=False))
        in_hand.difference_update(s.entry_id for s in settlements)
        for entry_id in sorted(skipped):
            log.warning("replay: entry %d was no longer in flight when its outcome came; its current state stands",
                        entry_id)
        return [s for s in settlements if s.entry_id not in skipped]

    async def replay_until_empty(self, *, max_seconds: float, sleep=asyncio.sleep,
                                 clock: Callable[[], float] = time.monotonic) -> ReplayReport:
        """Replay until nothing is left to send by API, waiting out retry delays, for at most max_seconds."""
        total = ReplayReport()
        deadline = clock() + max_seconds
        while clock() < deadline:
            report = await self.replay_once()
            total.add(report)
            if report.busy:
                break  # another deliverer has the journal
            if report.claimed:
                continue
            due = self.journal.next_due_at(exclude=MARKETING_KINDS)
            if due is None:
                break  # nothing left that goes by API
            wait = max(0.0, due - self.journal.clock())
            if report.offline:
                wait = min(self.monitor.probe_interval, wait or self.monitor.probe_interval)
            wait = min(wait, deadline - clock())
            if wait <= 0 and clock() >= deadline:
                break
            # Due but not claimable (waiting for a dependency or an earlier entry of its lane): do not spin.
            await sleep(max(wait, 0.05))
        return total

    async def run(self, stop: asyncio.Event, *, idle_seconds: float = 2.0) -> None:
        """Background delivery for the till: replay, sleep a little when idle, until ``stop`` is set. While another
        process holds the journal's lease, it waits and tries again every ``idle_seconds``."""
        def next_due() -> float | None:
            return self.journal.next_due_at(exclude=MARKETING_KINDS) if self.lease.held else None

        try:
            await deliver_until_stopped(self.replay_once, next_due, self.journal.clock, stop,
                                        idle_seconds=idle_seconds, log=log, what="replay")
        finally:
            self.close()

    def close(self) -> None:
        """Stop delivering: the lease goes back, so another process may deliver this journal."""
        if self.lease.held:
            self._note_pacing(now=True)
        self.lease.release()


def read_pacing(journal: Journal) -> PacingSummary | None:
    """The pacing figures the deliverer last kept in this journal (None: no deliverer has written any)."""
    row = journal.connection.execute("SELECT value FROM meta WHERE name = ?", (PACING_META,)).fetchone()
    return PacingSummary.from_json(row[0]) if row else None


async def _cancel(tasks: list[asyncio.Future]) -> None:
    for task in tasks:
        task.cancel()
    await asyncio.gather(*tasks, return_exceptions=True)
