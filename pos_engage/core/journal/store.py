"""Journal: the SQLite outbox. One file, WAL, synchronous=FULL, owner-only, explicit transactions.

Opening (creating, migrating, checking), the write transaction, the contact cache and writing entries are here.
Journal combines them with its mixins, each one concern: reads.py (reading), claims.py (claiming and settling
deliveries), manager_actions.py (audited retry, resolve, correction), upkeep.py (prune, space, integrity),
order_book.py and offer_ledger.py.

Every write runs on stdlib ``sqlite3`` with ``isolation_level=None`` and ``BEGIN IMMEDIATE`` (the write lock is
taken before anything is read, so two claimers never both read a row and then collide: claims.py), or is one
statement that SQLite runs as a transaction of its own, taking the write lock before it reads (``_write_one``).
Schema changes run through sqlite-utils migrations on a separate connection at start-up. The WAL is copied back
into the file by checkpointer.py's thread, not inside a sale's commit.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import secrets
import sqlite3
import time
from collections.abc import Callable, Collection, Iterator, Sequence
from pathlib import Path
from typing import Any

from pos_engage.core.domain import ContactKey
from pos_engage.core.journal import files
from pos_engage.core.journal.checkpointer import BACKSTOP_PAGES, Checkpointer
from pos_engage.core.journal.claims import DeliveryClaims
from pos_engage.core.journal.entry import (
    Channel,
    EntryKind,
    EntryStatus,
    JournalEntry,
    NewEntry,
    Source,
    current_source,
)
from pos_engage.core.journal.errors import (
    GuardedConnection,
    JournalCorrupt,
    JournalDamaged,
    JournalError,
    JournalTooNew,
    UnknownEntry,
    damaged_now,
    is_damage,
    storage_error,
)
from pos_engage.core.journal.manager_actions import ManagerActions
from pos_engage.core.journal.offer_ledger import OfferLedger
from pos_engage.core.journal.order_book import OrderBook
from pos_engage.core.journal.reads import JournalReads
from pos_engage.core.journal.stored_json import _json
from pos_engage.core.journal.upkeep import JournalUpkeep

Clock = Callable[[], float]
BUSY_TIMEOUT_MS = 5000


class Journal(JournalReads, OrderBook, OfferLedger, DeliveryClaims, ManagerActions, JournalUpkeep):
    """The outbox. Use :meth:`open`; one Journal per process and thread."""

    def __init__(self, db: sqlite3.Connection, path: Path, clock: Clock) -> None:
        self._db = db
        self.path = path
        self.clock = clock
        self.set_aside_file: Path | None = None
        self._mark: files.OpenMark | None = None  # set by open(): released by a clean close
        self._checkpointer: Checkpointer | None = None   # set by open(): WAL checkpoints off the writes' path
        self._durable = True   # the connection's synchronous level now: FULL (True) or NORMAL (_at_durability)
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
        mark = db = None
        try:
            if not path.exists():
                files.create_owner_only(path)
            elif path.stat().st_size and not files.looks_like_sqlite(path):
                raise JournalCorrupt("not a journal", detail="the file is not an SQLite database")
            # Marked open before anything else reads it: a crash from here on is seen by the next open.
            mark, crashed = files.OpenMark.take(path)
            cls._migrate(path)
            # Guarded: a page found damaged by any later statement is said plainly and remembered (errors.py).
            db = sqlite3.connect(path, isolation_level=None, timeout=BUSY_TIMEOUT_MS / 1000,
                                 factory=GuardedConnection)
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
            # Checkpoints are the Checkpointer thread's (checkpointer.py); this connection's only past SQLite's own
            # line, under a sustained stream of writes.
            db.execute(f"PRAGMA wal_autocheckpoint = {BACKSTOP_PAGES}")
            check = db.execute("PRAGMA quick_check").fetchone()[0] if crashed or check_integrity else None
            if check not in (None, "ok"):
                db.close()
                raise JournalCorrupt("damaged", detail=f"integrity check: {check}")
            journal = cls(db, path, clock)
            journal._mark = mark
            journal._checkpointer = Checkpointer(path, busy_timeout_ms=BUSY_TIMEOUT_MS)
            if check is not None:
                journal._note_integrity(check, after_crash=crashed)
        except BaseException as exc:
            if db is not None:   # closed before the file is set aside: Windows does not rename an open file
                with contextlib.suppress(sqlite3.Error):
                    db.close()
            if mark is not None:
                mark.release()
            if isinstance(exc, sqlite3.DatabaseError):
                if is_damage(exc):
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

    @property
    def damage(self) -> JournalDamaged | None:
        """The journal's file was found damaged while open: the error every write now raises (its ``detail``: what
        SQLite said; errors.py), for the window to say without a write of its own. None while nothing was found."""
        detail = getattr(self._db, "damage", None)
        return None if detail is None else damaged_now(detail)

    def close(self) -> None:
        self._forget_holder()   # its open sales' reservations are orphans now (OfferLedger)
        if self._checkpointer is not None:   # first: the till's close is then the last, which removes the WAL
            self._checkpointer.close()
        self._db.close()
        if self._mark is not None:  # closed cleanly: the next open need not check the file
            self._mark.release()
            if self.damage is not None:
                # ...unless it met damage: a mark nobody holds is what a crash leaves (files.OpenMark), so the next
                # open checks the file, finds the damage and sets the file aside (the window's start says so).
                with contextlib.suppress(OSError):
                    files.create_owner_only(self._mark.file)

    def __enter__(self) -> Journal:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()

    @contextlib.contextmanager
    def _write(self, what: str, *, durable: bool = True) -> Iterator[sqlite3.Connection]:
        """One write transaction, taken with the write lock up front; storage failures become clear errors.

        ``durable=False``: committed without waiting for the disk (synchronous=NORMAL for this transaction: in WAL
        mode the commit is in the file for every process at once and survives the program crashing, but a power
        cut before the next durable commit or checkpoint can take it back; the next durable commit's fsync carries
        it to the disk too). Only for what a power cut may lose because something durable checks it again later
        (an open sale's offer reservation: the commit checks the ledger again) or because losing it costs a
        retry, never a second booking (a POS request's remembered answer)."""
        self._at_durability(durable)
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise storage_error(exc, what) from exc
        try:
            yield self._db
            self._db.execute("COMMIT")
            if self._checkpointer is not None:
                self._checkpointer.wrote()
        except BaseException as exc:
            with contextlib.suppress(sqlite3.Error):
                self._db.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise storage_error(exc, what) from exc
            raise

    def _write_one(self, what: str, sql: str, parameters: Sequence[Any] = (), *,
                   durable: bool = True) -> sqlite3.Cursor:
        """One statement as a write transaction of its own (:meth:`_write`'s rules), its cursor (rowcount) returned.

        Without BEGIN and COMMIT statements around it: SQLite runs a lone write statement in its own transaction,
        taking the write lock before it reads anything (as BEGIN IMMEDIATE does), and commits it as it ends. The
        same transaction, two statements fewer (an applied offer's reservation, a removed offer, a void)."""
        self._at_durability(durable)
        try:
            cursor = self._db.execute(sql, parameters)
        except sqlite3.Error as exc:
            raise storage_error(exc, what) from exc
        if self._checkpointer is not None:
            self._checkpointer.wrote()
        return cursor

    def _at_durability(self, durable: bool) -> None:
        """Before a write: refused on a file known damaged (the next start sets it aside), and the connection's
        synchronous level made the write's. The level is changed only when it must be and stays until the next
        write asks for the other: a durable write always runs at FULL, and a run of non-durable ones (apply,
        remove, void) costs no PRAGMA each (two per write, ~12 us of an applied offer's ~110). Every write of the
        journal's connection comes through here (:meth:`_write`, :meth:`_write_one`)."""
        damaged = self.damage
        if damaged is not None:   # nothing more goes into a file known damaged: the next start sets it aside
            raise damaged
        if durable is not self._durable:
            try:
                self._db.execute("PRAGMA synchronous = FULL" if durable else "PRAGMA synchronous = NORMAL")
            except sqlite3.Error as exc:
                raise storage_error(exc, "set how the journal waits for the disk") from exc
            self._durable = durable

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
        written: dict[int, JournalEntry] = {}
        with self._write("record the sale") as db:
            ids = self._insert_entries(db, entries, sale_id, written)
        return self._as_journaled(ids, written)

    def _insert_entries(self, db: sqlite3.Connection, entries: Sequence[NewEntry], sale_id: str | None,
                        written: dict[int, JournalEntry] | None = None) -> list[int]:
        """Inside a write transaction: the entries' ids, existing ones for idempotency keys already journaled.

        ``written``: filled with each entry this call inserted, as :meth:`get` would read it right after the
        insert (:func:`_as_written`), so the caller need not read back what it has just written; an entry that
        already existed is not in it (read it: it is as stored, not as asked for)."""
        now = self.clock()
        ids: list[int] = []
        told = current_source()   # what the door journaling now said, for entries that say nothing themselves
        for new in entries:
            existing = db.execute("SELECT id FROM entries WHERE idempotency_key = ?",
                                  (new.idempotency_key,)).fetchone()
            if existing:
                ids.append(existing[0])
                continue
            depends_on = new.depends_on
            if new.depends_on_index is not None:
                depends_on = ids[new.depends_on_index]
            payload = _json(new.payload)
            source = new.source or told
            origin, rung_by = (source.origin.value, source.rung_by) if source is not None else (None, None)
            cursor = db.execute(
                "INSERT INTO entries (kind, payload, idempotency_key, depends_on, lane, sale_id, status, "
                "next_attempt_at, created_at, updated_at, rung_by, origin) "
                "VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?, ?, ?, ?)",
                (new.kind.value, payload, new.idempotency_key, depends_on, new.lane, sale_id, now,
                 now, now, rung_by, origin))
            ids.append(cursor.lastrowid)
            if written is not None:
                entry = _as_written(cursor.lastrowid, new, payload, depends_on, sale_id, now, source)
                if entry is not None:
                    written[cursor.lastrowid] = entry
        return ids

    def _as_journaled(self, ids: Sequence[int], written: dict[int, JournalEntry]) -> list[JournalEntry]:
        """The entries ``ids`` as journaled: those just written as they were written, any other read back."""
        return [written.get(entry_id) or self.get(entry_id) for entry_id in ids]

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

    @property
    def connection(self) -> sqlite3.Connection:
        """For the exporter, which must mark entries and write its manifest in one transaction."""
        return self._db

    def write_transaction(self, what: str, *, durable: bool = True):
        return self._write(what, durable=durable)


def _as_written(entry_id: int, new: NewEntry, payload: str | None, depends_on: object, sale_id: object,
                now: object, source: Source | None = None) -> JournalEntry | None:
    """The entry just inserted, as :meth:`Journal.get` reads it back (the column defaults, the REAL columns as
    floats, the payload decoded from the very text stored), without the read; None when a value's type would
    come back changed by the column's type (then it is read back)."""
    if not (isinstance(new.idempotency_key, str) and isinstance(new.lane, str | None)
            and isinstance(sale_id, str | None) and type(depends_on) in (int, type(None))
            and type(now) in (int, float)
            and (source is None or isinstance(source.rung_by, str | None))):
        return None
    return JournalEntry(
        id=entry_id, kind=EntryKind(new.kind), payload=None if payload is None else json.loads(payload),
        idempotency_key=new.idempotency_key, depends_on=depends_on, lane=new.lane, sale_id=sale_id,
        status=EntryStatus.PENDING, attempts=0, next_attempt_at=float(now), check_first=False,
        last_error_code=None, last_error=None, result=None, channel=Channel.API, export_file=None,
        created_at=float(now), updated_at=float(now), delivered_at=None, pruned_at=None,
        rung_by=source.rung_by if source is not None else None, origin=source.origin if source is not None else None)


