"""A registration backlog through Engage's bulk contacts API (engage-api.md 8), instead of a lookup and a create
per customer.

When more registrations are due than ``journal.bulk_threshold`` (after a long outage), the replayer hands them
here: claimed as usual (one per key's lane, their dependencies settled), sent in batches of at most 4,000 per
contact type, and the batch's status followed until Engage has processed it. Each contact's outcome goes back to
its own journal entry:

- created: delivered; its contact id is looked up (one GET) only when something waits for it (a receipt, an
  update, a redemption), so its dependents go as their contact becomes known;
- already in Engage (``ApprovedContactWithKeyExists``): adopted, exactly as a single registration adopts
  (dispatch._adopt: fills what Engage has empty, never overwrites);
- refused: needs attention, with Engage's own words.

What cannot be known is never guessed: a POST whose answer was lost, a batch whose status never finishes in
``BulkPolling.timeout``, or one whose status cannot be read (Engage gone again while it is followed), leaves every
entry of it to be checked by a lookup before anything is sent again (the single path's check-before-resend). A
status that says it failed does the same for every contact it does not name (without per-contact errors: all of
them), and so does a contact created in bulk that something waits for but that Engage does not find yet. Entries
that must be checked first anyway go through the replayer's single path.

ASSUMPTION (engage-api.md 11): the status object's shape is not documented. It is read tolerantly: a ``status``
word (Completed/Finished/Done or Failed; anything else is still running) and ``errors[]`` of ``{index, errorCode,
message}`` naming the batch's contacts by their position in the request.
"""

from __future__ import annotations

import asyncio
import json
import logging
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pos_engage.core.engage.client_orders import BULK_LIMIT
from pos_engage.core.errors import EngageError, EngageNotFound, EngageUnavailable, MultipleMatches
from pos_engage.core.journal import delivery, dispatch
from pos_engage.core.journal.claims import Settlement
from pos_engage.core.journal.entry import EntryKind, EntryStatus, JournalEntry
from pos_engage.core.journal.lease import LeaseLost

if TYPE_CHECKING:
    from pos_engage.core.engage.client import EngageClient
    from pos_engage.core.journal.replayer import Replayer, ReplayReport
    from pos_engage.core.journal.store import Journal

log = logging.getLogger(__name__)

DONE_WORDS = frozenset({"completed", "complete", "finished", "done", "succeeded", "success"})
FAILED_WORDS = frozenset({"failed", "error", "aborted", "cancelled", "canceled"})
EXISTS = "ApprovedContactWithKeyExists"
REFUSED_RETRY_SECONDS = 300.0   # the bulk call itself refused (a 4xx): single registrations meanwhile


@dataclass(frozen=True)
class BulkPolling:
    """How a batch's status is followed: waits between polls (the last repeats) and how long before the batch's
    contacts are left to be checked one by one."""

    schedule: tuple[float, ...] = (0.5, 1.0, 2.0, 4.0, 8.0)
    timeout: float = 600.0
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep
    clock: Callable[[], float] = time.monotonic


@dataclass
class BulkOutcome:
    """What one pass did, for the replay report."""

    settlements: list[Settlement]
    batches: int = 0
    created: int = 0
    adopted: int = 0
    refused: int = 0
    unknown: int = 0


def due_registrations(journal: Journal) -> int:
    """Registrations waiting to be sent (the counts table: no scan of the journal)."""
    row = journal.connection.execute(
        "SELECT COALESCE(SUM(n), 0) FROM entry_counts WHERE kind = 'register_contact' "
        "AND status IN ('pending', 'waiting_retry')").fetchone()
    return int(row[0])


def _with_dependents(journal: Journal, ids: Sequence[int]) -> set[int]:
    """Which of these registrations something still waits for (it needs the new contact's id)."""
    if not ids:
        return set()
    rows = journal.connection.execute(
        "SELECT DISTINCT depends_on FROM entries WHERE depends_on IN (SELECT value FROM json_each(?)) "
        "AND status NOT IN ('delivered', 'exported', 'resolved')", (json.dumps(list(ids)),)).fetchall()
    return {row[0] for row in rows}


def _status_word(status: dict[str, Any]) -> str:
    return str(status.get("status") or status.get("state") or "").strip().casefold()


def _errors_by_index(status: dict[str, Any]) -> dict[int, tuple[str, str]]:
    found: dict[int, tuple[str, str]] = {}
    for error in status.get("errors") or []:
        if isinstance(error, dict) and isinstance(error.get("index"), int) and not isinstance(error["index"], bool):
            found[error["index"]] = (str(error.get("errorCode") or error.get("code") or "BulkContactRefused"),
                                     str(error.get("message") or error.get("Message") or "refused by Engage"))
    return found


async def follow_batch(client: EngageClient, batch_id: str, polling: BulkPolling) -> dict[str, Any] | None:
    """The batch's final status, or None when it has not finished within the polling timeout."""
    deadline = polling.clock() + polling.timeout
    for attempt in range(100_000):
        status = await client.bulk_status(batch_id)
        word = _status_word(status)
        if word in DONE_WORDS or word in FAILED_WORDS:
            return status
        wait = polling.schedule[min(attempt, len(polling.schedule) - 1)]
        if polling.clock() + wait > deadline:
            return None
        await polling.sleep(wait)
    return None


class BulkRegistrations:
    """Delivers a registration backlog in bulk for one replayer (its client, journal and settling)."""

    def __init__(self, journal: Journal, client: EngageClient, *, threshold: int, polling: BulkPolling | None = None,
                 batch_limit: int = BULK_LIMIT, concurrency: int = 4) -> None:
        self.journal, self.client = journal, client
        self.threshold = threshold
        self.polling = polling or BulkPolling()
        self.batch_limit = max(1, min(batch_limit, BULK_LIMIT))
        self.concurrency = max(1, concurrency)
        self.refused_until = 0.0

    def wanted(self) -> bool:
        return (self.threshold > 0 and time.monotonic() >= self.refused_until
                and due_registrations(self.journal) > self.threshold)

    async def deliver(self, entries: list[JournalEntry]) -> BulkOutcome:
        """Send these claimed (in flight) registrations in bulk; one settlement per entry."""
        outcome = BulkOutcome([])
        groups: dict[str, list[JournalEntry]] = {}
        for entry in entries:
            body = (entry.payload or {}).get("contact") or {}
            groups.setdefault(str(body.get("contactType") or "Member"), []).append(entry)
        for contact_type, group in groups.items():
            for start in range(0, len(group), self.batch_limit):
                await self._batch(group[start:start + self.batch_limit], contact_type, outcome)
        return outcome

    async def _batch(self, entries: list[JournalEntry], contact_type: str, outcome: BulkOutcome) -> None:
        bodies = [{k: v for k, v in entry.payload["contact"].items() if k != "contactType"} for entry in entries]
        now = self.journal.clock()
        try:
            batch_id = await self.client.bulk_create_bodies(bodies, contact_type=contact_type)
        except EngageError as error:
            unknown = getattr(error, "outcome_unknown", False)
            if not unknown and not isinstance(error, EngageUnavailable):
                # The request itself was refused: single registrations for a while (each says what is wrong).
                self.refused_until = time.monotonic() + REFUSED_RETRY_SECONDS
            words = f"bulk registration of {len(entries)} contacts: {error.describe()}"
            outcome.unknown += len(entries) if unknown else 0
            outcome.settlements += [Settlement(e.id, EntryStatus.WAITING_RETRY, error_code=error.code or "BulkFailed",
                                               error=words, next_attempt_at=now + (10.0 if unknown else 0.0),
                                               check_first=unknown or e.check_first,
                                               count_attempt=unknown) for e in entries]
            return
        outcome.batches += 1
        try:
            status = await follow_batch(self.client, batch_id, self.polling)
        except EngageError as lost:
            # Engage took the batch; how it went cannot be read now. Nothing stays in flight, nothing is resent.
            self._unknown(entries, outcome, f"the status of bulk batch {batch_id} could not be read "
                                            f"({lost.describe()})")
            return
        errors = _errors_by_index(status or {})
        failed = status is not None and _status_word(status) in FAILED_WORDS
        if status is None or (failed and not errors):
            self._unknown(entries, outcome, f"Engage has not finished bulk batch {batch_id} in "
                                            f"{self.polling.timeout:.0f} s" if status is None else
                          f"Engage reports bulk batch {batch_id} as {status.get('status')} without saying which")
            return
        if failed:
            # A failed batch that names some contacts says nothing sure of the others: each is looked up.
            unnamed = [e for i, e in enumerate(entries) if i not in errors]
            self._unknown(unnamed, outcome, f"Engage reports bulk batch {batch_id} as {status.get('status')} "
                                            f"without naming this contact")
            entries_named = [(i, e) for i, e in enumerate(entries) if i in errors]
        else:
            entries_named = list(enumerate(entries))
        waited_for = _with_dependents(self.journal, [e.id for _i, e in entries_named])
        gate = asyncio.Semaphore(self.concurrency)

        async def settle_one(index: int, entry: JournalEntry) -> Settlement:
            async with gate:
                return await self._outcome_of(entry, errors.get(index), batch_id, entry.id in waited_for, outcome)

        outcome.settlements += await asyncio.gather(*(settle_one(i, e) for i, e in entries_named))

    def _unknown(self, entries: Sequence[JournalEntry], outcome: BulkOutcome, why: str) -> None:
        """These contacts may or may not be in Engage: each is looked up before anything is sent again."""
        outcome.unknown += len(entries)
        outcome.settlements += [Settlement(e.id, EntryStatus.WAITING_RETRY, error_code="BulkBatchUnknown",
                                           error=f"{why}: it is looked up before it is sent again",
                                           next_attempt_at=self.journal.clock(), check_first=True)
                                for e in entries]

    async def _outcome_of(self, entry: JournalEntry, error: tuple[str, str] | None, batch_id: str, needed: bool,
                          outcome: BulkOutcome) -> Settlement:
        body = entry.payload["contact"]
        try:
            if error is None:
                result: dict[str, Any] = {"created": True, "bulkBatch": batch_id}
                if needed:  # something waits for this contact: its id, with one lookup
                    contact_id = await self._contact_id(entry)
                    if not contact_id:
                        # Its dependents need the id (a change cannot go without it): the single path's lookup
                        # adopts it once Engage finds it, rather than the change needing attention.
                        outcome.unknown += 1
                        return Settlement(entry.id, EntryStatus.WAITING_RETRY, error_code="BulkContactNotFound",
                                          error=f"created in bulk batch {batch_id} but not found in Engage yet: "
                                                f"it is looked up again before anything is sent",
                                          next_attempt_at=self.journal.clock() + 10.0, check_first=True)
                    result["contactId"] = contact_id
                outcome.created += 1
                return Settlement(entry.id, EntryStatus.DELIVERED, result=result)
            code, message = error
            if code == EXISTS:
                existing = await dispatch._existing(self.client, body)
                if existing is not None:
                    outcome.adopted += 1
                    return Settlement(entry.id, EntryStatus.DELIVERED,
                                      result={**await dispatch._adopt(self.client, existing, body),
                                              "bulkBatch": batch_id})
            outcome.refused += 1
            return Settlement(entry.id, EntryStatus.NEEDS_ATTENTION, error_code=code,
                              error=f"Engage refused this registration in bulk batch {batch_id}: {message}")
        except delivery.CannotDeliver as problem:
            return Settlement(entry.id, EntryStatus.NEEDS_ATTENTION, error_code=problem.code, error=str(problem))
        except EngageError as failure:
            # Engage took the batch; only the follow-up read failed: look it up again before anything is resent.
            return Settlement(entry.id, EntryStatus.WAITING_RETRY, error_code=failure.code or "BulkFollowUp",
                              error=failure.describe(), next_attempt_at=self.journal.clock(), check_first=True)

    async def _contact_id(self, entry: JournalEntry) -> str | None:
        try:
            return await self.client.identify(dispatch.key_of_registration(entry))
        except (EngageNotFound, MultipleMatches):
            return None


async def replay_bulk(replayer: Replayer, report: ReplayReport) -> ReplayReport:
    """One pass of the replayer over a registration backlog: those to be checked first go the single way (a
    lookup before anything is sent), the rest in bulk; outcomes settled while the replayer holds the lease."""
    bulk = replayer.bulk
    entries = replayer.journal.claim_due(bulk.batch_limit, kinds=[EntryKind.REGISTER_CONTACT])
    checked = [e for e in entries if e.check_first]
    fresh = [e for e in entries if not e.check_first]
    if checked:
        await replayer._replay_claimed(checked, report)
    report.claimed = len(entries)
    if not fresh:
        return report
    try:
        outcome = await bulk.deliver(fresh)
        settled = replayer._settle(outcome.settlements, {e.id for e in fresh})
    except LeaseLost as lost:
        report.busy = str(lost)
        return report
    by_id = {e.id: e for e in fresh}
    for settlement in settled:
        if settlement.status is EntryStatus.DELIVERED:
            report.delivered += 1
            replayer._remember_contact(by_id[settlement.entry_id], settlement.result)
        elif settlement.status is EntryStatus.WAITING_RETRY:
            report.retrying += 1
        elif settlement.status is EntryStatus.NEEDS_ATTENTION:
            report.needs_attention += 1
        if settlement.error:
            report.errors.append(f"entry {settlement.entry_id}: {settlement.error}")
    report.offline = replayer.monitor.offline
    log.info("bulk registrations: %d sent in %d batch(es): %d created, %d adopted, %d refused, %d unknown",
             len(fresh), outcome.batches, outcome.created, outcome.adopted, outcome.refused, outcome.unknown)
    replayer._changed()
    return report
