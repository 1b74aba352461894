"""Delivery's side of the journal: take due entries (claim), apply each attempt's outcome (settle), recover.

The claim/settle hot path runs with ``BEGIN IMMEDIATE`` (the write lock is taken before anything is read, so two
claimers never both read a row and then collide): a claimed entry becomes in_flight in the same transaction, and
only an entry in flight can be settled. Entries left in flight by a deliverer that stopped go back to pending, to
be checked first; a commit's own sends, made outside the delivery lease, are held so a lease taken over in this
process leaves them to their sender.

A mixin of Journal (store.py), kept apart from opening the file and writing entries because it is the replayer's
and the deliverers' part of the state machine, and nothing else's.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Collection, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from pos_engage.core import logs
from pos_engage.core.journal.entry import SETTLED, EntryKind, EntryStatus, JournalEntry
from pos_engage.core.journal.errors import InvalidTransition
from pos_engage.core.journal.reads import _COLUMNS, _kind_filter, _row_to_entry
from pos_engage.core.journal.stored_json import _json

# Entries this process is sending itself outside the delivery lease (Journal.hold_sends), by journal file.
_SENDS_IN_HAND: dict[str, set[int]] = {}
_SETTLED_SQL = ", ".join(f"'{s.value}'" for s in SETTLED)


@dataclass(frozen=True)
class Settlement:
    """The outcome of one delivery attempt, applied by :meth:`Journal.settle`."""

    entry_id: int
    status: EntryStatus
    result: dict[str, Any] | None = None
    error_code: str | None = None
    error: str | None = None
    next_attempt_at: float | None = None
    check_first: bool = False
    count_attempt: bool = True


class DeliveryClaims:
    """Claiming and settling entries; uses Journal's ``_db``, ``_write``, ``clock`` and ``path``."""

    _db: sqlite3.Connection
    _write: Callable[..., AbstractContextManager[sqlite3.Connection]]
    clock: Callable[[], float]
    path: Path

    def claim_due(self, limit: int = 50, *, kinds: Collection[EntryKind] | None = None,
                  exclude: Collection[EntryKind] = (), ids: Collection[int] | None = None) -> list[JournalEntry]:
        """Take due entries for delivery, oldest first: their dependency settled, nothing earlier open in
        their lane. They become in_flight inside the same transaction, so no other claimer gets them.
        ``kinds`` / ``exclude``: only (or all but) these kinds, for deliverers of different services. ``ids``:
        only these entries (a just-finished sale's, sent before the backlog), when they are claimable."""
        now = self.clock()
        kind_sql = _kind_filter(kinds, exclude)
        if ids is not None:
            kind_sql += f" AND e.id IN ({','.join(str(int(i)) for i in ids) or 'NULL'}) "
        with self._write("take entries for delivery") as db:
            rows = db.execute(
                f"SELECT {_COLUMNS} FROM entries e WHERE status IN ('pending', 'waiting_retry') "
                f"AND next_attempt_at <= ? AND channel = 'api' {kind_sql}"
                f"AND (depends_on IS NULL OR (SELECT d.status FROM entries d WHERE d.id = e.depends_on) "
                f"IN ({_SETTLED_SQL})) "
                "AND (lane IS NULL OR NOT EXISTS (SELECT 1 FROM entries p WHERE p.lane = e.lane AND p.id < e.id "
                f"AND p.status NOT IN ({_SETTLED_SQL}))) "
                "ORDER BY id LIMIT ?", (now, limit)).fetchall()
            if rows:
                db.executemany("UPDATE entries SET status = 'in_flight', updated_at = ? WHERE id = ?",
                               [(now, row["id"]) for row in rows])
        return [replace(_row_to_entry(row), status=EntryStatus.IN_FLIGHT, updated_at=now) for row in rows]

    def settle(self, settlements: Sequence[Settlement], *,
               guard: Callable[[sqlite3.Connection], None] | None = None, strict: bool = True) -> list[int]:
        """Apply delivery outcomes in one transaction; each must be an allowed move from in_flight.

        ``guard`` runs first inside the same transaction (the delivery lease: it raises when this process no
        longer holds the lease, and then nothing is applied). ``strict=False`` is for deliverers: an outcome for
        an entry that is no longer in flight is skipped, not refused, and its id returned (the entry's current
        state wins; a deliverer must never crash on one)."""
        if not settlements:
            return []
        # What Engage or a proxy echoed back in an error (an email, a mobile, the key) is redacted before it is
        # stored: the journal keeps errors for months, and `journal list` prints them.
        settlements = [replace(s, error=logs.redact_stored(s.error)) if s.error else s for s in settlements]
        now = self.clock()
        allowed = {EntryStatus.DELIVERED, EntryStatus.WAITING_RETRY, EntryStatus.NEEDS_ATTENTION,
                   EntryStatus.CONFLICT, EntryStatus.PENDING}
        for s in settlements:
            if s.status not in allowed:
                raise InvalidTransition(f"an entry in flight cannot become {s.status}")
        skipped: list[int] = []
        with self._write("record delivery results") as db:
            if guard is not None:
                guard(db)
            for s in settlements:
                updated = db.execute(
                    "UPDATE entries SET status = ?, attempts = attempts + ?, result = COALESCE(?, result), "
                    "last_error_code = ?, last_error = ?, next_attempt_at = COALESCE(?, next_attempt_at), "
                    "check_first = ?, updated_at = ?, delivered_at = CASE WHEN ? = 'delivered' THEN ? "
                    "ELSE delivered_at END WHERE id = ? AND status = 'in_flight'",
                    (s.status.value, 1 if s.count_attempt else 0, _json(s.result), s.error_code, s.error,
                     s.next_attempt_at, int(s.check_first), now, s.status.value, now, s.entry_id)).rowcount
                if not updated:
                    if strict:
                        raise InvalidTransition(f"entry {s.entry_id} is not in flight; cannot mark it {s.status}")
                    skipped.append(s.entry_id)
                    continue
                if s.count_attempt:
                    db.execute("INSERT INTO attempts (entry_id, at, outcome, error_code, error) "
                               "VALUES (?, ?, ?, ?, ?)", (s.entry_id, now, s.status.value, s.error_code, s.error))
        return skipped

    def recover_in_flight(self, db: sqlite3.Connection | None = None, *, exclude: Collection[int] = ()) -> int:
        """Entries in flight when their deliverer stopped go back to pending, to be checked first (their outcome
        is unknown: they may have reached Engage). Only the holder of the delivery lease does this, when it took
        the lease from nobody or from a dead or expired holder (lease.py), inside that transaction (``db``): a
        live deliverer's entries are never taken from it, nor (``exclude``) what this process is still sending
        itself outside the lease (a commit's redemptions: :meth:`hold_sends`)."""
        if db is not None:
            skip = sorted(set(exclude))
            others = f" AND id NOT IN ({', '.join('?' for _ in skip)})" if skip else ""
            return db.execute("UPDATE entries SET status = 'pending', check_first = 1, updated_at = ? "
                              f"WHERE status = 'in_flight'{others}", (self.clock(), *skip)).rowcount
        with self._write("recover interrupted deliveries") as tx:
            return self.recover_in_flight(tx, exclude=exclude)

    # A commit sends its own redemptions at once, outside the delivery lease: the ids this process has in hand
    # that way, per journal file, so a lease taken over in this process leaves them to their sender.
    def hold_sends(self, entry_ids: Collection[int]) -> None:
        _SENDS_IN_HAND.setdefault(self._sends_key, set()).update(entry_ids)

    def release_send(self, entry_id: int) -> None:
        _SENDS_IN_HAND.get(self._sends_key, set()).discard(entry_id)

    def sends_in_hand(self) -> set[int]:
        return set(_SENDS_IN_HAND.get(self._sends_key, ()))

    @property
    def _sends_key(self) -> str:
        return str(Path(self.path).resolve())

    def wake_waiting(self) -> int:
        """Engage is back: entries waiting for their next attempt become due now."""
        now = self.clock()
        with self._write("resume deliveries") as db:
            return db.execute("UPDATE entries SET next_attempt_at = ? WHERE status = 'waiting_retry' "
                              "AND next_attempt_at > ?", (now, now)).rowcount
