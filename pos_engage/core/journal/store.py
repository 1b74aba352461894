"""Journal: the SQLite outbox. One file, WAL, synchronous=FULL, owner-only, explicit transactions.

The claim/settle hot path runs on stdlib ``sqlite3`` with ``isolation_level=None`` and ``BEGIN IMMEDIATE`` (the
write lock is taken before anything is read, so two claimers never both read a row and then collide).
Schema changes run through sqlite-utils migrations on a separate connection at start-up.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import secrets
import sqlite3
import time
from collections.abc import Callable, Collection, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from pos_engage.core import logs
from pos_engage.core.domain import ContactKey
from pos_engage.core.journal import files
from pos_engage.core.journal.entry import (
    MANAGER_RETRY_SOURCES,
    SETTLED,
    EntryKind,
    EntryStatus,
    JournalEntry,
    NewEntry,
    sources_of,
)
from pos_engage.core.journal.errors import (
    InvalidTransition,
    JournalCorrupt,
    JournalError,
    JournalTooNew,
    UnknownEntry,
    storage_error,
)
from pos_engage.core.journal.offer_ledger import OfferLedger
from pos_engage.core.journal.order_book import OrderBook
from pos_engage.core.journal.reads import _COLUMNS, JournalReads, _kind_filter, _row_to_entry

Clock = Callable[[], float]
# Entries this process is sending itself outside the delivery lease (Journal.hold_sends), by journal file.
_SENDS_IN_HAND: dict[str, set[int]] = {}
BUSY_TIMEOUT_MS = 5000
PRUNE_BATCH = 500          # entries per prune transaction: a sale waits at most for one batch
VACUUM_STEP = 2048         # pages handed back to the file system per incremental vacuum statement
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


def _json(value: Any) -> str | None:
    return None if value is None else json.dumps(value, ensure_ascii=False, separators=(",", ":"))


class Journal(JournalReads, OrderBook, OfferLedger):
    """The outbox. Use :meth:`open`; one Journal per process and thread."""

    def __init__(self, db: sqlite3.Connection, path: Path, clock: Clock) -> None:
        self._db = db
        self.path = path
        self.clock = clock
        self.set_aside_file: Path | None = None
        self._mark: files.OpenMark | None = None  # set by open(): released by a clean close
        self._salt = self._meta("cache_salt") or self._init_salt()

    # ------------------------------------------------------------------ opening

    @classmethod
    def open(cls, path: str | Path, *, clock: Clock = time.time, on_damage: str = "raise",
             check_integrity: bool = False) -> Journal:
        """Open (creating if needed) and migrate. A damaged file is moved aside, never overwritten: then
        ``on_damage="raise"`` raises JournalCorrupt, ``"continue"`` starts a fresh journal and notes it.

        Integrity is checked (``PRAGMA quick_check``, 1.5 s on a million entries) only when a process left the
        journal without closing it, or when ``check_integrity`` asks (files.py says how a crash is seen)."""
        path = Path(path)
        try:
            journal = cls._open_checked(path, clock, check_integrity)
        except JournalCorrupt as damaged:
            aside = files.set_aside(path, clock)
            message = (f"The journal {path} is damaged ({damaged.detail}). It was moved to {aside}; nothing was "
                       "deleted. Give that file to IT to recover entries that were not yet sent.")
            if on_damage != "continue":
                raise JournalCorrupt(message, detail=damaged.detail, aside=aside) from damaged
            journal = cls._open_checked(path, clock)
            journal.set_aside_file = aside
        return journal

    @classmethod
    def _open_checked(cls, path: Path, clock: Clock, check_integrity: bool = False) -> Journal:
        if path.exists() and path.is_dir():
            raise JournalError(f"The journal path {path} is a folder, not a file: check the data directory setting")
        mark = None
        try:
            if not path.exists():
                files.create_owner_only(path)
            elif path.stat().st_size and not files.looks_like_sqlite(path):
                raise JournalCorrupt("not a journal", detail="the file is not an SQLite database")
            # Marked open before anything else reads it: a crash from here on is seen by the next open.
            mark, crashed = files.OpenMark.take(path)
            cls._migrate(path)
            db = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000)
            db.row_factory = sqlite3.Row
            db.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
            db.execute("PRAGMA journal_mode = WAL")
            # FULL: NORMAL survives an app crash but can lose the last commits on power loss.
            db.execute("PRAGMA synchronous = FULL")
            db.execute("PRAGMA foreign_keys = ON")
            # Pruned personal data is overwritten on disk, not merely unlinked from the b-tree.
            db.execute("PRAGMA secure_delete = ON")
            # Statement journals (every insert that fires the counters' triggers has one) and sorts stay in
            # memory instead of a temporary file each.
            db.execute("PRAGMA temp_store = MEMORY")
            check = db.execute("PRAGMA quick_check").fetchone()[0] if crashed or check_integrity else None
            if check not in (None, "ok"):
                db.close()
                raise JournalCorrupt("damaged", detail=f"integrity check: {check}")
            journal = cls(db, path, clock)
            journal._mark = mark
            if check is not None:
                journal._note_integrity(check, after_crash=crashed)
        except BaseException as exc:
            if mark is not None:
                mark.release()
            if isinstance(exc, sqlite3.DatabaseError):
                if "not a database" in str(exc) or "malformed" in str(exc):
                    raise JournalCorrupt("damaged", detail=str(exc)) from exc
                raise storage_error(exc, f"open the journal {path}") from exc
            if isinstance(exc, OSError):
                raise storage_error(exc, f"open the journal {path}") from exc
            raise
        return journal

    @staticmethod
    def _migrate(path: Path) -> None:
        if files.schema_is_current(path):
            return
        # Imported only when the schema must change: sqlite-utils takes ~70 ms to load.
        import sqlite_utils

        from pos_engage.core.journal import schema

        db = sqlite_utils.Database(path)
        try:
            applied = {m.name for m in schema.migrations.applied(db)}
            unknown = applied - schema.known_migrations()
            if unknown:
                raise JournalTooNew(
                    f"The journal {path} was written by a newer version of pos-engage (it has "
                    f"{', '.join(sorted(unknown))}). Install that version again; this one would misread it.")
            pending = schema.migrations.pending(db)
            if pending:
                if applied:  # an older journal: keep a consistent copy before changing its schema
                    files.backup(path, path.with_name(f"{path.name}.before-{pending[0].name}.bak"))
                files.begin_new_file(db.conn)
                db.execute("PRAGMA journal_mode = WAL")
                schema.migrations.apply(db)
        finally:
            db.close()

    def close(self) -> None:
        self._db.close()
        if self._mark is not None:  # closed cleanly: the next open need not check the file
            self._mark.release()

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @contextlib.contextmanager
    def _write(self, what: str, *, durable: bool = True) -> Iterator[sqlite3.Connection]:
        """One write transaction, taken with the write lock up front; storage failures become clear errors.

        ``durable=False``: committed without waiting for the disk (synchronous=NORMAL for this transaction only:
        in WAL mode the commit is in the file for every process at once and survives the program crashing, but
        a power cut before the next durable commit or checkpoint can take it back; the next durable commit's
        fsync carries it to the disk too). Only for what a power cut may lose because something durable checks
        it again later (an open sale's offer reservation: the commit checks the ledger again) or because losing
        it costs a retry, never a second booking (a POS request's remembered answer)."""
        if not durable:
            self._db.execute("PRAGMA synchronous = NORMAL")   # outside the transaction: read at its commit
        try:
            try:
                self._db.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise storage_error(exc, what) from exc
            try:
                yield self._db
                self._db.execute("COMMIT")
            except BaseException as exc:
                with contextlib.suppress(sqlite3.Error):
                    self._db.execute("ROLLBACK")
                if isinstance(exc, sqlite3.Error):
                    raise storage_error(exc, what) from exc
                raise
        finally:
            if not durable:
                self._db.execute("PRAGMA synchronous = FULL")

    # ------------------------------------------------------------------ meta and cache

    def _meta(self, name: str) -> str | None:
        row = self._db.execute("SELECT value FROM meta WHERE name = ?", (name,)).fetchone()
        return row[0] if row else None

    def _init_salt(self) -> str:
        salt = secrets.token_hex(16)
        with self._write("initialise the journal") as db:
            db.execute("INSERT OR IGNORE INTO meta (name, value) VALUES ('cache_salt', ?)", (salt,))
        return self._meta("cache_salt") or salt

    def _key_hash(self, key: ContactKey) -> str:
        return hashlib.sha256(f"{self._salt}:{key.kind.value}:{key.value}".encode()).hexdigest()

    def cache_contact(self, key: ContactKey, contact_id: str) -> None:
        """Remember which contact an identifier belongs to, so a known customer never costs a lookup again."""
        with self._write("remember the customer") as db:
            db.execute("INSERT INTO contacts_cache (key_hash, contact_id, updated_at) VALUES (?, ?, ?) "
                       "ON CONFLICT (key_hash) DO UPDATE SET contact_id = excluded.contact_id, "
                       "updated_at = excluded.updated_at", (self._key_hash(key), contact_id, self.clock()))

    def cached_contact(self, key: ContactKey) -> str | None:
        row = self._db.execute("SELECT contact_id FROM contacts_cache WHERE key_hash = ?",
                               (self._key_hash(key),)).fetchone()
        return row[0] if row else None

    def forget_contact(self, key: ContactKey) -> None:
        with self._write("forget the customer") as db:
            db.execute("DELETE FROM contacts_cache WHERE key_hash = ?", (self._key_hash(key),))

    # ------------------------------------------------------------------ writing entries

    def record(self, entries: Sequence[NewEntry], *, sale_id: str | None = None) -> list[JournalEntry]:
        """Write entries in one transaction (a sale: the receipt and its redemptions together).

        Idempotent: an entry whose idempotency key is already journaled is not written again; the existing
        entry is returned in its place.
        """
        with self._write("record the sale") as db:
            ids = self._insert_entries(db, entries, sale_id)
        return [self.get(entry_id) for entry_id in ids]

    def _insert_entries(self, db: sqlite3.Connection, entries: Sequence[NewEntry], sale_id: str | None) -> list[int]:
        """Inside a write transaction: the entries' ids, existing ones for idempotency keys already journaled."""
        now = self.clock()
        ids: list[int] = []
        for new in entries:
            existing = db.execute("SELECT id FROM entries WHERE idempotency_key = ?",
                                  (new.idempotency_key,)).fetchone()
            if existing:
                ids.append(existing[0])
                continue
            depends_on = new.depends_on
            if new.depends_on_index is not None:
                depends_on = ids[new.depends_on_index]
            cursor = db.execute(
                "INSERT INTO entries (kind, payload, idempotency_key, depends_on, lane, sale_id, status, "
                "next_attempt_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?)",
                (new.kind.value, _json(new.payload), new.idempotency_key, depends_on, new.lane, sale_id, now,
                 now, now))
            ids.append(cursor.lastrowid)
        return ids

    def statuses(self, entry_ids: Collection[int]) -> dict[int, EntryStatus]:
        """Each entry's status, read without its payload (a sale's answer asks whether its entries went);
        UnknownEntry for an id the journal does not have, as :meth:`get`."""
        ids = sorted({int(i) for i in entry_ids})
        rows = self._db.execute(f"SELECT id, status FROM entries WHERE id IN ({', '.join('?' for _ in ids)})",
                                ids).fetchall() if ids else []
        found = {row[0]: EntryStatus(row[1]) for row in rows}
        for entry_id in ids:
            if entry_id not in found:
                raise UnknownEntry(f"there is no journal entry {entry_id}")
        return found

    def enqueue(self, kind: EntryKind, payload: dict[str, Any], *, idempotency_key: str,
                depends_on: int | None = None, lane: str | None = None) -> JournalEntry:
        return self.record([NewEntry(kind, payload, idempotency_key, depends_on=depends_on, lane=lane)])[0]

    # ------------------------------------------------------------------ delivery

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

    # ------------------------------------------------------------------ manager actions (audited)

    def _transition(self, entry_id: int, target: EntryStatus, *, actor: str, reason: str, till: str | None,
                    action: str, sources: frozenset[EntryStatus], extra_sql: str = "", extra_args: tuple = ()) -> None:
        allowed = sources
        placeholders = ", ".join("?" for _ in allowed)
        with self._write(f"{action} entry {entry_id}") as db:
            row = db.execute("SELECT status FROM entries WHERE id = ?", (entry_id,)).fetchone()
            if row is None:
                raise UnknownEntry(f"there is no journal entry {entry_id}")
            updated = db.execute(
                f"UPDATE entries SET status = ?, updated_at = ?{extra_sql} WHERE id = ? AND status IN ({placeholders})",
                (target.value, self.clock(), *extra_args, entry_id, *(s.value for s in allowed))).rowcount
            if not updated:
                raise InvalidTransition(f"entry {entry_id} is {row['status']}: it cannot be set to {target}")
            db.execute("INSERT INTO audit (at, entry_id, action, actor, till, reason) VALUES (?, ?, ?, ?, ?, ?)",
                       (self.clock(), entry_id, action, actor, till, reason))

    def retry(self, entry_id: int, *, actor: str, reason: str = "", till: str | None = None) -> None:
        """Send again now (after a manager fixed what Engage rejected, or accepted a conflict's risk)."""
        self._transition(entry_id, EntryStatus.PENDING, actor=actor, reason=reason, till=till, action="retry",
                         sources=MANAGER_RETRY_SOURCES, extra_sql=", next_attempt_at = ?",
                         extra_args=(self.clock(),))

    def resolve(self, entry_id: int, *, actor: str, reason: str, till: str | None = None) -> None:
        """Close an entry for good without delivering it. A reason is required; it is audited."""
        if not reason or not reason.strip():
            raise JournalError("a reason is required to resolve an entry")
        self._transition(entry_id, EntryStatus.RESOLVED, actor=actor, reason=reason.strip(), till=till,
                         action="resolve", sources=sources_of(EntryStatus.RESOLVED))

    def replace_payload(self, entry_id: int, payload: dict[str, Any], *, actor: str, reason: str,
                        till: str | None = None) -> None:
        """Correct what Engage rejected (e.g. a registration's email); only while it needs attention."""
        with self._write(f"correct entry {entry_id}") as db:
            updated = db.execute("UPDATE entries SET payload = ?, updated_at = ? WHERE id = ? AND status IN "
                                 "('needs_attention', 'conflict')", (_json(payload), self.clock(), entry_id)).rowcount
            if not updated:
                raise InvalidTransition(f"entry {entry_id} can only be corrected while it needs attention")
            db.execute("INSERT INTO audit (at, entry_id, action, actor, till, reason) VALUES (?, ?, ?, ?, ?, ?)",
                       (self.clock(), entry_id, "correct", actor, till, reason))

    def audit(self, action: str, *, actor: str, reason: str = "", till: str | None = None,
              detail: str | None = None, entry_id: int | None = None) -> None:
        with self._write("write the audit log") as db:
            db.execute("INSERT INTO audit (at, entry_id, action, actor, till, reason, detail) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?)", (self.clock(), entry_id, action, actor, till, reason, detail))

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

    @property
    def connection(self) -> sqlite3.Connection:
        """For the exporter, which must mark entries and write its manifest in one transaction."""
        return self._db

    def write_transaction(self, what: str, *, durable: bool = True):
        return self._write(what, durable=durable)


