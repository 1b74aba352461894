"""Keeping the journal's file healthy over years: pruning old delivered entries, giving space back, integrity.

Delivered entries older than the retention are cut down to their audit record a batch at a time, and the pages
they held go back to the file system (incremental vacuum; :meth:`JournalUpkeep.compact` once for an older file).
``PRAGMA quick_check`` runs on demand and its answer is remembered in ``meta``.

A mixin of Journal (store.py), kept apart because none of this is on a sale's path: it runs at start-up, on a
schedule or when IT asks.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from contextlib import AbstractContextManager

from pos_engage.core.journal.errors import storage_error

PRUNE_BATCH = 500          # entries per prune transaction: a sale waits at most for one batch
VACUUM_STEP = 2048         # pages handed back to the file system per incremental vacuum statement


class JournalUpkeep:
    """Pruning, space and integrity; uses Journal's ``_db``, ``_write``, ``_meta``, ``clock``, ``audit`` and
    ``integrity``."""

    _db: sqlite3.Connection
    _write: Callable[..., AbstractContextManager[sqlite3.Connection]]
    clock: Callable[[], float]

    def prune(self, retention_days: float, *, batch: int = PRUNE_BATCH) -> int:
        """Delivered (exported, resolved) entries older than the retention are cut down to their audit record:
        id, kind, status, idempotency key (a receipt's uniqueReceiptId, to tell a repeat), sale, lane, attempt
        count, last error code and their times. Payload, result, error text and the attempts' rows go, and the
        pages they held go back to the file system. Never an undelivered entry.

        Indexed by the entries' settled time (a partial index of the not-yet-pruned only: finding nothing to do
        is one index probe, whatever the history) and done ``batch`` entries per transaction.

        Each entry is deleted and written again, cut down, with the same id: SQLite merges pages only when rows
        go, so an UPDATE that nulls the payload left the table's pages 85 % empty and the file as big as before.
        Foreign keys are off meanwhile: every id is back before its commit, so no reference changes, and with
        them on SQLite would look up each table pointing at each entry twice (and one orphan left by an old
        version would stop every prune)."""
        cutoff = self.clock() - retention_days * 86400
        self._db.execute("PRAGMA foreign_keys = OFF")  # outside a transaction: SQLite ignores it inside one
        try:
            pruned = self._prune_batches(cutoff, batch)
        finally:
            self._db.execute("PRAGMA foreign_keys = ON")
        if pruned:
            self.give_back_space()
        return pruned

    def _prune_batches(self, cutoff: float, batch: int) -> int:
        columns = [row[1] for row in self._db.execute("PRAGMA table_info(entries)")]
        cleared = {"payload", "result", "last_error", "pruned_at", "idempotency_key"}
        pruned = 0
        while True:
            with self._write("prune delivered entries") as db:
                ids = [row[0] for row in db.execute(
                    "SELECT id FROM entries INDEXED BY entries_prunable WHERE pruned_at IS NULL "
                    "AND status IN ('delivered', 'exported', 'resolved') AND COALESCE(delivered_at, updated_at) < ? "
                    "LIMIT ?", (cutoff, batch))]
                if ids:
                    chosen = f"({', '.join('?' for _ in ids)})"
                    rows = db.execute(f"SELECT {', '.join(columns)} FROM entries WHERE id IN {chosen}", ids).fetchall()
                    now = self.clock()
                    kept = [{**dict(row), **dict.fromkeys(cleared - {"idempotency_key"}), "pruned_at": now,
                             # A registration's key derives from the customer's email or number: retired too.
                             "idempotency_key": f"register:pruned-{row['id']}" if row["kind"] == "register_contact"
                             else row["idempotency_key"]} for row in rows]
                    db.execute(f"DELETE FROM attempts WHERE entry_id IN {chosen}", ids)
                    db.execute(f"DELETE FROM entries WHERE id IN {chosen}", ids)
                    db.executemany(f"INSERT INTO entries ({', '.join(columns)}) VALUES "
                                   f"({', '.join(':' + c for c in columns)})", kept)
            pruned += len(ids)
            if len(ids) < batch:
                return pruned

    def give_back_space(self) -> int:
        """Free pages go back to the file system, a step at a time (journals created with auto_vacuum
        INCREMENTAL; an older one needs :meth:`compact` once). Returns the pages handed back."""
        if self._db.execute("PRAGMA auto_vacuum").fetchone()[0] != 2:
            return 0
        handed = 0
        try:
            while free := self._db.execute("PRAGMA freelist_count").fetchone()[0]:
                # Each step is its own short write. executescript, not execute: the pragma frees one page per
                # step, and execute steps a statement without result columns only once.
                self._db.executescript(f"PRAGMA incremental_vacuum({min(free, VACUUM_STEP)});")
                handed += min(free, VACUUM_STEP)
        except sqlite3.Error as exc:
            raise storage_error(exc, "give free space back") from exc
        return handed

    def compact(self, *, actor: str, reason: str = "", till: str | None = None) -> tuple[int, int]:
        """Rewrite the file without its free space and switch it to incremental vacuum (once, for a journal
        created before that; it takes a while and twice the file's size on disk, so IT runs it when the till
        is idle). Audited. Returns the file's size before and after, in bytes."""
        def size() -> int:
            return (self._db.execute("PRAGMA page_count").fetchone()[0]
                    * self._db.execute("PRAGMA page_size").fetchone()[0])

        before = size()
        try:
            self._db.execute("PRAGMA auto_vacuum = INCREMENTAL")
            self._db.execute("VACUUM")
            self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        except sqlite3.Error as exc:
            raise storage_error(exc, "compact the journal") from exc
        after = size()
        self.audit("compact", actor=actor, reason=reason, till=till,
                   detail=json.dumps({"bytes_before": before, "bytes_after": after}))
        return before, after

    # ------------------------------------------------------------------ integrity

    def check_integrity(self) -> str:
        """``PRAGMA quick_check`` now (on demand, ``doctor --deep``): "ok" or what is damaged; remembered."""
        result = self.integrity()
        self._note_integrity(result, after_crash=False)
        return result

    def _note_integrity(self, result: str, *, after_crash: bool) -> None:
        with self._write("note the integrity check") as db:
            db.executemany("INSERT INTO meta (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE "
                           "SET value = excluded.value",
                           [("integrity_checked_at", repr(self.clock())), ("integrity_result", result),
                            ("integrity_after_crash", "1" if after_crash else "0")])

    def last_integrity_check(self) -> tuple[float, str] | None:
        """When the file was last checked, and the answer (None: never, since this version opened it)."""
        at, result = self._meta("integrity_checked_at"), self._meta("integrity_result")
        return None if at is None or result is None else (float(at), result)
