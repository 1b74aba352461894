"""The journal's read side: entries, counts, attempts, the audit trail and the queue figures.

Kept apart from the writes in store.py; Journal combines both. Queries here are built only from constant
column lists and "?" placeholders.

A journal holds about a million entries after three years, so nothing here scans them: counts come from
``entry_counts`` (kept by triggers in the transaction that changes an entry), the other figures are one probe
of an index each, and lists go a page at a time along an index that is already in their order (keyset paging:
"older than the last id shown", never OFFSET). tests/core/journal/test_scale.py checks the query plans.
"""

from __future__ import annotations

import heapq
import itertools
import json
import sqlite3
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from pos_engage.core.journal.entry import Channel, EntryKind, EntryStatus, JournalEntry, Origin
from pos_engage.core.journal.errors import UnknownEntry

_COLUMNS = ("id, kind, payload, idempotency_key, depends_on, lane, sale_id, status, attempts, next_attempt_at, "
            "check_first, last_error_code, last_error, result, channel, export_file, created_at, updated_at, "
            "delivered_at, pruned_at, rung_by, origin")


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
        rung_by=row["rung_by"], origin=Origin.read(row["origin"]),
    )



def _filter(statuses: Sequence[EntryStatus], kinds: Sequence[EntryKind]) -> tuple[str, list[str]]:
    """A WHERE clause (or nothing) and its arguments for the status and kind filters."""
    where, args = [], []
    if statuses:
        where.append(f"status IN ({', '.join('?' for _ in statuses)})")
        args.extend(EntryStatus(s).value for s in statuses)
    if kinds:
        where.append(f"kind IN ({', '.join('?' for _ in kinds)})")
        args.extend(EntryKind(k).value for k in kinds)
    return (f"WHERE {' AND '.join(where)}" if where else ""), args


_ROWS_AT_ONCE = 500  # ids per "WHERE id IN (...)", well under SQLite's limit on parameters


def _branch_ids(db: sqlite3.Connection, kind: str, status: str, bound: int | None, newest_first: bool,
                want: int) -> Iterator[int]:
    """Ids of one kind and status, in id order from ``bound`` (exclusive): one range of entries_kind_status,
    read from the index alone."""
    order, compare = ("DESC", "<") if newest_first else ("ASC", ">")
    rows = db.execute(f"SELECT id FROM entries INDEXED BY entries_kind_status WHERE kind = ? AND status = ? "
                      f"AND id {compare} ? ORDER BY id {order} LIMIT ?",
                      (kind, status, bound if bound is not None else (2**63 - 1 if newest_first else 0), want))
    return (row[0] for row in rows)


class JournalReads:
    """Reading the journal; needs ``self._db`` (set by Journal)."""

    _db: sqlite3.Connection

    def get(self, entry_id: int) -> JournalEntry:
        row = self._db.execute(f"SELECT {_COLUMNS} FROM entries WHERE id = ?", (entry_id,)).fetchone()
        if row is None:
            raise UnknownEntry(f"there is no journal entry {entry_id}")
        return _row_to_entry(row)

    def by_key(self, idempotency_key: str) -> JournalEntry | None:
        """The entry journaled under this idempotency key, or None (a receipt's is ``payloads.receipt_key``)."""
        row = self._db.execute(f"SELECT {_COLUMNS} FROM entries WHERE idempotency_key = ?",
                               (idempotency_key,)).fetchone()
        return None if row is None else _row_to_entry(row)

    def entries(self, *, statuses: Sequence[EntryStatus] = (), kinds: Sequence[EntryKind] = (),
                limit: int = 100, offset: int = 0, newest_first: bool = False,
                after: int | None = None) -> list[JournalEntry]:
        """Entries in id order (oldest first, or newest first), filtered by status and kind.

        ``after``: continue after this id (the last one of the previous page): each page costs the same however
        deep in the history it is. ``offset`` still works but reads every row it skips."""
        want = offset + limit
        if not statuses and not kinds:
            order, compare = ("DESC", "<") if newest_first else ("ASC", ">")
            bound = "" if after is None else f"WHERE id {compare} ?"
            rows = self._db.execute(f"SELECT {_COLUMNS} FROM entries {bound} ORDER BY id {order} LIMIT ? OFFSET ?",
                                    (*(() if after is None else (after,)), limit, offset)).fetchall()
            return [_row_to_entry(row) for row in rows]
        # One index range per (kind, status) asked for, each already in id order, merged: never a sort of
        # every delivered entry (2.1 s on a million) to show the newest 200.
        branches = [_branch_ids(self._db, EntryKind(kind).value, EntryStatus(status).value, after, newest_first, want)
                    for kind in (kinds or EntryKind) for status in (statuses or EntryStatus)]
        merged = heapq.merge(*branches, reverse=newest_first)
        ids = list(itertools.islice(merged, offset, want))
        return self._rows_by_id(ids)

    def _rows_by_id(self, ids: Sequence[int]) -> list[JournalEntry]:
        """The entries with these ids, in this order."""
        found: dict[int, JournalEntry] = {}
        for start in range(0, len(ids), _ROWS_AT_ONCE):
            chunk = ids[start:start + _ROWS_AT_ONCE]
            rows = self._db.execute(f"SELECT {_COLUMNS} FROM entries WHERE id IN ({', '.join('?' for _ in chunk)})",
                                    chunk)
            found.update((row["id"], _row_to_entry(row)) for row in rows)
        return [found[entry_id] for entry_id in ids if entry_id in found]

    def count(self, *, statuses: Sequence[EntryStatus] = (), kinds: Sequence[EntryKind] = ()) -> int:
        """From the counters the triggers keep: the same answer as counting the rows, without reading them."""
        clause, args = _filter(statuses, kinds)
        return self._db.execute(f"SELECT COALESCE(sum(n), 0) FROM entry_counts {clause}", args).fetchone()[0]

    def counts(self) -> dict[tuple[EntryStatus, EntryKind], int]:
        """Entries per status and kind (none: left out)."""
        return {(EntryStatus(status), EntryKind(kind)): n for status, kind, n in
                self._db.execute("SELECT status, kind, n FROM entry_counts WHERE n > 0")}

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
        # Called every second by the window and twice per sale, on the GUI thread: the counts come from the
        # triggers' counters and every other figure is one index probe, so a million entries cost what ten do
        # (counting the delivered rows took 33 ms at a million).
        by_status = dict(self._db.execute("SELECT status, sum(n) FROM entry_counts GROUP BY status").fetchall())
        pending = sum(by_status.get(s, 0) for s in ("pending", "waiting_retry", "in_flight"))
        oldest = self._db.execute(  # the partial index holds the backlog only
            "SELECT created_at FROM entries INDEXED BY entries_open_created WHERE status IN "
            "('pending', 'waiting_retry', 'in_flight') ORDER BY created_at LIMIT 1").fetchone()
        last_delivered = self._db.execute("SELECT max(delivered_at) FROM entries").fetchone()[0]
        # From the few entries that need a person to what waits for them (CROSS JOIN keeps that order).
        blocked = self._db.execute(
            "SELECT count(*) FROM entries d CROSS JOIN entries e ON e.depends_on = d.id "
            "WHERE d.status IN ('needs_attention', 'conflict') AND e.status IN ('pending', 'waiting_retry')"
        ).fetchone()[0]
        return Figures(pending=pending, oldest_pending_at=oldest[0] if oldest else None,
                       needs_attention=by_status.get("needs_attention", 0),
                       conflicts=by_status.get("conflict", 0), exported=by_status.get("exported", 0),
                       delivered=by_status.get("delivered", 0),
                       blocked=blocked, last_delivered_at=last_delivered,
                       anonymous_sales=int((self._db.execute("SELECT value FROM meta WHERE name = "
                                                             "'anonymous_sales'").fetchone() or (0,))[0]))

    def files_not_uploaded(self) -> int:
        """Export files written and not uploaded: their entries went to the file only (never by API), so the file
        is their one copy until it reaches Engage (an IT review: invisible to doctor and the uninstaller before).
        Asked by doctor and the uninstaller's check, not with the figures the window reads every second: the
        table keeps every file ever exported."""
        return self._db.execute("SELECT count(*) FROM exports WHERE state != 'uploaded'").fetchone()[0]

    def next_due_at(self, *, kinds: Collection[EntryKind] | None = None,
                    exclude: Collection[EntryKind] = ()) -> float | None:
        """When the earliest waiting entry becomes due (for a replayer deciding how long to sleep)."""
        row = self._db.execute("SELECT min(next_attempt_at) FROM entries WHERE status IN "
                               "('pending', 'waiting_retry') AND channel = 'api'"
                               + _kind_filter(kinds, exclude)).fetchone()
        return row[0]

    def integrity(self) -> str:
        return self._db.execute("PRAGMA quick_check").fetchone()[0]

