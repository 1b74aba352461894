"""The journal's read side: entries, counts, attempts, the audit trail and the queue figures.

Kept apart from the writes in store.py; Journal combines both. Queries here are built only from constant
column lists and "?" placeholders.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Collection, Sequence
from dataclasses import dataclass
from typing import Any

from pos_engage.core.journal.entry import Channel, EntryKind, EntryStatus, JournalEntry
from pos_engage.core.journal.errors import UnknownEntry

_COLUMNS = ("id, kind, payload, idempotency_key, depends_on, lane, sale_id, status, attempts, next_attempt_at, "
            "check_first, last_error_code, last_error, result, channel, export_file, created_at, updated_at, "
            "delivered_at, pruned_at")


@dataclass(frozen=True)
class Figures:
    """What the status bar, the CLI and monitoring show about the queue."""

    pending: int               # not yet delivered, still going by itself (pending, waiting, in flight)
    oldest_pending_at: float | None
    needs_attention: int
    conflicts: int
    exported: int
    delivered: int
    blocked: int               # waiting for an entry that needs attention or is in conflict
    last_delivered_at: float | None
    anonymous_sales: int = 0   # sales without a customer: counted, not sent (no catch-all contact configured)

    def oldest_age(self, now: float) -> float | None:
        return None if self.oldest_pending_at is None else max(0.0, now - self.oldest_pending_at)



def _kind_filter(kinds: Collection[EntryKind] | None, exclude: Collection[EntryKind] = ()) -> str:
    """An ``AND kind ...`` clause; the values are our own enum's, never input."""
    clause = ""
    if kinds is not None:
        clause += f" AND kind IN ({', '.join(repr(EntryKind(k).value) for k in kinds) or 'NULL'})"
    if exclude:
        clause += f" AND kind NOT IN ({', '.join(repr(EntryKind(k).value) for k in exclude)})"
    return clause


def _row_to_entry(row: sqlite3.Row) -> JournalEntry:
    return JournalEntry(
        id=row["id"], kind=EntryKind(row["kind"]),
        payload=json.loads(row["payload"]) if row["payload"] is not None else None,
        idempotency_key=row["idempotency_key"], depends_on=row["depends_on"], lane=row["lane"],
        sale_id=row["sale_id"], status=EntryStatus(row["status"]), attempts=row["attempts"],
        next_attempt_at=row["next_attempt_at"], check_first=bool(row["check_first"]),
        last_error_code=row["last_error_code"], last_error=row["last_error"],
        result=json.loads(row["result"]) if row["result"] is not None else None,
        channel=Channel(row["channel"]), export_file=row["export_file"], created_at=row["created_at"],
        updated_at=row["updated_at"], delivered_at=row["delivered_at"], pruned_at=row["pruned_at"],
    )



def _filter(statuses: Sequence[EntryStatus], kinds: Sequence[EntryKind]) -> tuple[str, list[str]]:
    """A WHERE clause (or nothing) and its arguments for the status and kind filters."""
    where, args = [], []
    if statuses:
        where.append(f"status IN ({', '.join('?' for _ in statuses)})")
        args.extend(s.value for s in statuses)
    if kinds:
        where.append(f"kind IN ({', '.join('?' for _ in kinds)})")
        args.extend(k.value for k in kinds)
    return (f"WHERE {' AND '.join(where)}" if where else ""), args


class JournalReads:
    """Reading the journal; needs ``self._db`` (set by Journal)."""

    _db: sqlite3.Connection

    def get(self, entry_id: int) -> JournalEntry:
        row = self._db.execute(f"SELECT {_COLUMNS} FROM entries WHERE id = ?", (entry_id,)).fetchone()
        if row is None:
            raise UnknownEntry(f"there is no journal entry {entry_id}")
        return _row_to_entry(row)

    def entries(self, *, statuses: Sequence[EntryStatus] = (), kinds: Sequence[EntryKind] = (),
                limit: int = 100, offset: int = 0, newest_first: bool = False) -> list[JournalEntry]:
        clause, args = _filter(statuses, kinds)
        order = "DESC" if newest_first else "ASC"
        rows = self._db.execute(f"SELECT {_COLUMNS} FROM entries {clause} ORDER BY id {order} LIMIT ? OFFSET ?",
                                (*args, limit, offset)).fetchall()
        return [_row_to_entry(row) for row in rows]

    def count(self, *, statuses: Sequence[EntryStatus] = (), kinds: Sequence[EntryKind] = ()) -> int:
        clause, args = _filter(statuses, kinds)
        return self._db.execute(f"SELECT count(*) FROM entries {clause}", args).fetchone()[0]

    def attempts_of(self, entry_id: int) -> list[dict[str, Any]]:
        rows = self._db.execute("SELECT at, outcome, error_code, error FROM attempts WHERE entry_id = ? ORDER BY id",
                                (entry_id,)).fetchall()
        return [dict(row) for row in rows]

    def audit_log(self, entry_id: int | None = None) -> list[dict[str, Any]]:
        if entry_id is None:
            rows = self._db.execute("SELECT * FROM audit ORDER BY id").fetchall()
        else:
            rows = self._db.execute("SELECT * FROM audit WHERE entry_id = ? ORDER BY id", (entry_id,)).fetchall()
        return [dict(row) for row in rows]

    def dependency_of(self, entry: JournalEntry) -> JournalEntry | None:
        return self.get(entry.depends_on) if entry.depends_on else None

    def figures(self) -> Figures:
        # Called every second by the window: each query seeks an index instead of scanning every row (a
        # whole-table aggregate took ~45 ms on 100,000 entries, on the GUI thread).
        by_status = {row[0]: (row[1], row[2]) for row in self._db.execute(
            "SELECT status, count(*), min(created_at) FROM entries WHERE status IN "
            "('pending', 'waiting_retry', 'in_flight', 'needs_attention', 'conflict') GROUP BY status")}
        open_states = [by_status[s] for s in ("pending", "waiting_retry", "in_flight") if s in by_status]
        oldest = min((created for _, created in open_states), default=None)
        exported, delivered = (self._db.execute("SELECT count(*) FROM entries WHERE status = ?", (status,))
                               .fetchone()[0] for status in ("exported", "delivered"))
        last_delivered = self._db.execute("SELECT max(delivered_at) FROM entries").fetchone()[0]
        blocked = self._db.execute(
            "SELECT count(*) FROM entries e JOIN entries d ON d.id = e.depends_on WHERE e.status IN "
            "('pending', 'waiting_retry') AND d.status IN ('needs_attention', 'conflict')").fetchone()[0]
        return Figures(pending=sum(count for count, _ in open_states), oldest_pending_at=oldest,
                       needs_attention=by_status.get("needs_attention", (0, None))[0],
                       conflicts=by_status.get("conflict", (0, None))[0], exported=exported, delivered=delivered,
                       blocked=blocked, last_delivered_at=last_delivered,
                       anonymous_sales=int((self._db.execute("SELECT value FROM meta WHERE name = "
                                                             "'anonymous_sales'").fetchone() or (0,))[0]))

    def next_due_at(self, *, kinds: Collection[EntryKind] | None = None,
                    exclude: Collection[EntryKind] = ()) -> float | None:
        """When the earliest waiting entry becomes due (for a replayer deciding how long to sleep)."""
        row = self._db.execute("SELECT min(next_attempt_at) FROM entries WHERE status IN "
                               "('pending', 'waiting_retry') AND channel = 'api'"
                               + _kind_filter(kinds, exclude)).fetchone()
        return row[0]

    def integrity(self) -> str:
        return self._db.execute("PRAGMA quick_check").fetchone()[0]

