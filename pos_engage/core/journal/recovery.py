"""No unsent sale out of sight: journals set aside, journals that vanished, and bringing their entries back.

Two ways a till's unsent sales can leave the journal it works on:

* **Set aside.** ``Journal.open`` moves a damaged file to ``journal.damaged-<time>.sqlite3`` (never deletes it).
  Such a file is found by its name beside the journal until ``pos-engage journal recover`` has brought its
  readable entries back (:func:`recover`); the file is then renamed ``journal.recovered-<time>.sqlite3``, kept.
* **Lost.** The journal vanished, was emptied to 0 bytes, or another file took its place. SQLite would simply start
  a new, empty journal. So the till remembers that it had one: a small file beside it,
  ``journal.sqlite3-identity.json``, holds the journal's creation id (also kept inside the journal, in ``meta``)
  and the file's inode, written when the journal is first opened here. A journal missing, empty or with another
  id (and not explained by a file set aside: a rename keeps the inode) is a loss, recorded in that file and in
  the new journal's audit log, until a manager acknowledges it (:func:`acknowledge_lost`, audited).

:func:`troubles` tells both, for the window (a blocking message), ``doctor`` (broken), the queue view (a line at
the top) and ``uninstall-check`` (refuses). Opening goes through :func:`open_journal`, which holds a lock on
the identity file meanwhile, so two processes starting at once agree on one creation id.

What :func:`recover` imports, and how:

* entries not delivered (pending, waiting, in flight, needing attention, in conflict) come back as *pending with
  check first*: their last attempt's outcome is unknown, so the replayer asks Engage before it sends (a receipt
  Engage already booked is marked delivered, never sent twice);
* an entry whose idempotency key the journal already holds is skipped (deduplicated): recovering a file twice, or
  a file whose entries were re-journaled meanwhile, adds nothing;
* delivered, exported and resolved entries are not imported: they stay, as history, in the recovered file;
* dependencies, lanes, the sale each entry belongs to and its creation time are kept (the queue's oldest age
  stays honest); the orders and offer-ledger rows of imported entries come along where the file still has them;
* every imported entry gets an audit row (``recovered``), and the whole run one more, naming who ran it.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import sqlite3
import tempfile
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from pos_engage.core import texts
from pos_engage.core.errors import InputError
from pos_engage.core.journal import files
from pos_engage.core.journal.entry import SETTLED, UNDELIVERED, EntryKind
from pos_engage.core.journal.errors import storage_error
from pos_engage.core.journal.store import Journal

IDENTITY_SUFFIX = "-identity.json"
META_ID = "journal_id"
_UNDELIVERED_VALUES = frozenset(status.value for status in UNDELIVERED)
_SETTLED_VALUES = frozenset(status.value for status in SETTLED)
_PROBE_GIVE_UP = 10_000  # ids tried in a row without a readable row before a damaged table's scan stops


# ---------------------------------------------------------------------- what is out of sight

@dataclass(frozen=True)
class SetAside:
    """A journal set aside and not recovered yet: ``undelivered`` entries readable in it (None: unreadable)."""

    path: Path
    undelivered: int | None
    problem: str = ""


@dataclass(frozen=True)
class Loss:
    """A journal this till had that is gone: ``what`` is vanished, emptied or replaced."""

    journal_id: str
    what: str
    detected_at: float
    kept_as: str = ""  # an emptied file, moved aside (it may still have a -wal)


@dataclass(frozen=True)
class Trouble:
    """What the manager and IT must be told about this journal's past, until it is put right."""

    journal: Path
    set_aside: tuple[SetAside, ...] = ()
    lost: tuple[Loss, ...] = ()

    def __bool__(self) -> bool:
        return bool(self.set_aside or self.lost)

    @property
    def blocks_uninstall(self) -> bool:
        """Something may still be unsent: a set-aside file with undelivered (or unreadable) entries, or a loss."""
        return bool(self.lost) or any(aside.undelivered != 0 for aside in self.set_aside)

    def lines(self) -> list[str]:
        """One sentence per problem, naming the file and what to do."""
        lines: list[str] = []
        for aside in self.set_aside:
            held = (texts.tr("its entries cannot be read ({problem})", problem=aside.problem)
                    if aside.undelivered is None else
                    texts.tr("{count} entries in it were not delivered", count=aside.undelivered))
            lines.append(texts.tr("The journal was damaged and set aside as {file}: {held}. IT brings them back "
                                  "with 'pos-engage journal recover {file}'.", file=str(aside.path), held=held))
        for loss in self.lost:
            kept = texts.tr(" (the empty file is kept as {file})", file=loss.kept_as) if loss.kept_as else ""
            lines.append(texts.tr(
                "The journal {file} {what} since it was last used{kept}: sales not yet sent from it are not in "
                "the queue. IT restores it from a backup (then 'pos-engage journal recover <backup>'), or a "
                "manager acknowledges the loss ('pos-engage journal acknowledge-lost --reason ...').",
                file=str(self.journal), what=_WHAT[loss.what], kept=kept))
        return lines


_WHAT = {"vanished": texts.tr("vanished"), "emptied": texts.tr("was emptied to 0 bytes"),
         "replaced": texts.tr("was replaced by another file")}


def identity_file(path: Path) -> Path:
    return path.with_name(path.name + IDENTITY_SUFFIX)


def set_aside_files(path: Path) -> list[Path]:
    """The damaged journals set aside beside ``path`` and not recovered yet, oldest first."""
    found = path.parent.glob(f"{path.stem}.damaged-*{path.suffix}")
    return sorted(p for p in found if p.is_file())


def troubles(path: str | Path) -> Trouble:
    """What is out of sight for the journal at ``path``: set-aside files not recovered, and losses recorded or
    seen now (a journal missing or empty that the till had). Reads only; changes nothing."""
    path = Path(path)
    identity = _read_identity(path)
    lost = [_loss_from(item) for item in identity.get("lost", [])]
    seen = _loss_seen_now(path, identity)
    if seen and all(loss.journal_id != seen.journal_id for loss in lost):
        lost.append(seen)
    return Trouble(path, tuple(_set_aside(aside) for aside in set_aside_files(path)), tuple(lost))


# ---------------------------------------------------------------------- opening, remembered

def open_journal(path: str | Path, *, on_damage: str = "raise", clock: Callable[[], float] = time.time) -> Journal:
    """``Journal.open``, remembering that this till has a journal: one that vanished, was emptied or replaced
    since is recorded as a loss (kept until acknowledged) before a new one is started. A damaged journal is set
    aside by ``Journal.open`` (named by its file from then on); the identity moves to the next journal without a
    loss, since the set-aside file keeps the inode it remembers."""
    path = Path(path)
    with _identity_lock(path):
        identity = _read_identity(path)
        lost = list(identity.get("lost", []))
        seen = _loss_seen_now(path, identity, clock)
        if seen is not None and seen.what == "emptied":
            seen = Loss(seen.journal_id, seen.what, seen.detected_at, str(files.set_aside(path, clock, "emptied")))
        journal = Journal.open(path, clock=clock, on_damage=on_damage)
        try:
            own = _creation_id(journal)
            if seen is None and identity.get("journal_id") and own != identity["journal_id"] \
                    and journal.set_aside_file is None and not _explained(path, identity):
                # Another journal in its place. Without an id at the same inode, the file was emptied and a new
                # journal written into it by an opener that does not come through here.
                emptied = own is None and _inode(path) == identity.get("inode")
                seen = Loss(identity["journal_id"], "emptied" if emptied else "replaced", clock())
            if seen is not None and all(item.get("journal_id") != seen.journal_id for item in lost):
                lost.append(seen.__dict__)
                journal.audit("journal lost", actor="pos-engage", reason=f"the journal {seen.what}",
                              detail=json.dumps(seen.__dict__))
            if own is None:
                own = uuid.uuid4().hex
                with journal.write_transaction("remember the journal's creation id") as db:
                    db.execute("INSERT OR IGNORE INTO meta (name, value) VALUES (?, ?)", (META_ID, own))
                own = _creation_id(journal) or own
            _write_identity(path, {"journal_id": own, "inode": _inode(path), "lost": lost})
        except BaseException as problem:
            journal.close()
            if isinstance(problem, OSError):
                raise storage_error(problem, f"remember the journal {path}") from problem
            raise
    return journal


def acknowledge_lost(journal: Journal, *, actor: str, reason: str, till: str | None = None) -> int:
    """A manager has seen that a journal was lost (and IT could not restore it): the loss is no longer told.
    Audited with who and why. Returns how many losses were acknowledged."""
    if not reason.strip():
        raise InputError(texts.tr("say why the loss is acknowledged (--reason): it is kept in the audit log"))
    with _identity_lock(journal.path):
        identity = _read_identity(journal.path)
        lost = identity.get("lost", [])
        seen = _loss_seen_now(journal.path, identity)
        if seen is not None:
            lost = [*lost, seen.__dict__]
        for item in lost:
            journal.audit("journal loss acknowledged", actor=actor, reason=reason, till=till, detail=json.dumps(item))
        if lost:
            identity["lost"] = []
            _write_identity(journal.path, identity)
    return len(lost)


# ---------------------------------------------------------------------- recover

@dataclass
class Recovered:
    """What :func:`recover` did with one file."""

    source: Path
    kept_as: Path | None = None
    imported: list[int] = field(default_factory=list)     # the new entries' ids
    duplicates: int = 0                                   # already in the journal (same idempotency key)
    settled: int = 0                                      # delivered, exported or resolved: left as history
    unreadable: list[str] = field(default_factory=list)   # what could not be read, in words

    def summary(self) -> str:
        parts = texts.tr("{file}: {imported} entries back in the queue (sent after asking Engage first), "
                         "{duplicates} already there, {settled} already delivered or closed (kept in the file)",
                         file=str(self.source), imported=len(self.imported), duplicates=self.duplicates,
                         settled=self.settled)
        if self.unreadable:
            parts = texts.tr("{parts}; not readable: {what}", parts=parts, what="; ".join(self.unreadable[:5]))
        if self.kept_as:
            parts = texts.tr("{parts}; the file is kept as {kept}", parts=parts, kept=str(self.kept_as))
        return parts


def recover(journal: Journal, source: str | Path, *, actor: str, till: str | None = None,
            reason: str = "") -> Recovered:
    """Bring the readable, undelivered entries of a set-aside (or restored) journal file back into ``journal``'s
    queue; then rename the file ``...recovered-...`` (kept, never deleted). Safe to repeat (deduplicated)."""
    source = Path(source)
    if not source.is_file():
        raise InputError(texts.tr("no such journal file: {file}", file=str(source)))
    if source.resolve() == journal.path.resolve():
        raise InputError(texts.tr("{file} is the journal in use: name a file set aside beside it", file=str(source)))
    result = Recovered(source)
    with _readable_copy(source) as db:
        rows = _read_entries(db, result.unreadable)
        extras = {table: _read_table(db, table) for table in ("orders", "offer_ledger")}
    new_ids: dict[int, int] = {}
    with journal.write_transaction("bring entries back from a set-aside journal") as target:
        for row in rows:
            _import_entry(target, row, new_ids, result, journal.clock(), source.name, actor, till)
        _import_extras(target, extras, new_ids)
        target.execute("INSERT INTO audit (at, entry_id, action, actor, till, reason, detail) VALUES "
                       "(?, NULL, 'journal recovered', ?, ?, ?, ?)",
                       (journal.clock(), actor, till, reason or f"from {source.name}", json.dumps(
                           {"file": str(source), "imported": len(result.imported), "duplicates": result.duplicates,
                            "settled": result.settled, "unreadable": result.unreadable[:20]})))
    result.kept_as = _mark_recovered(source)
    return result


def _import_entry(db: sqlite3.Connection, row: dict, new_ids: dict[int, int], result: Recovered, now: float,
                  file_name: str, actor: str, till: str | None) -> None:
    status, key = row.get("status"), row.get("idempotency_key")
    try:
        EntryKind(row.get("kind"))
    except ValueError:
        result.unreadable.append(f"entry {row.get('id')}: unknown kind {row.get('kind')!r}")
        return
    if not key:
        result.unreadable.append(f"entry {row.get('id')}: no idempotency key")
        return
    existing = db.execute("SELECT id FROM entries WHERE idempotency_key = ?", (key,)).fetchone()
    if existing:
        new_ids[row["id"]] = existing[0]
        result.duplicates += 1
        return
    if status in _SETTLED_VALUES or status not in _UNDELIVERED_VALUES:
        result.settled += 1
        return
    depends_on = new_ids.get(row.get("depends_on")) if row.get("depends_on") is not None else None
    cursor = db.execute(
        "INSERT INTO entries (kind, payload, idempotency_key, depends_on, lane, sale_id, status, attempts, "
        "next_attempt_at, check_first, last_error_code, last_error, result, created_at, updated_at) "
        "VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?, 1, ?, ?, ?, ?, ?)",
        (row["kind"], row.get("payload"), key, depends_on, row.get("lane"), row.get("sale_id"),
         row.get("attempts") or 0, now, row.get("last_error_code"), row.get("last_error"), row.get("result"),
         row.get("created_at") or now, now))
    new_ids[row["id"]] = cursor.lastrowid
    result.imported.append(cursor.lastrowid)
    db.execute("INSERT INTO audit (at, entry_id, action, actor, till, reason, detail) VALUES (?, ?, 'recovered', "
               "?, ?, ?, ?)", (now, cursor.lastrowid, actor, till,
                               f"from {file_name} (was {status}): asked first, then sent",
                               json.dumps({"file": file_name, "entry": row["id"], "status": status})))


def _import_extras(db: sqlite3.Connection, extras: dict[str, list[dict]], new_ids: dict[int, int]) -> None:
    """The orders and offer-ledger rows of imported entries (best effort: a row the journal has wins)."""
    for table, link in (("orders", "registration_entry"), ("offer_ledger", "entry_id")):
        rows = extras.get(table) or []
        if not rows:
            continue
        columns = {info[1] for info in db.execute(f"PRAGMA table_info({table})")}
        for row in rows:
            if row.get(link) is not None:
                if row[link] not in new_ids:
                    if table == "offer_ledger":
                        continue  # the redemption was settled or unreadable: its use stays in the file
                    row = row | {link: None}
                else:
                    row = row | {link: new_ids[row[link]]}
            # Only our own table's column names go into the statement (never a name read from the file).
            names = [name for name in row if name in columns]
            with contextlib.suppress(sqlite3.IntegrityError):  # e.g. the offer committed here meanwhile
                db.execute(f"INSERT OR IGNORE INTO {table} ({', '.join(names)}) VALUES "  # noqa: S608
                           f"({', '.join('?' for _ in names)})", [row[name] for name in names])


# ---------------------------------------------------------------------- reading a damaged file

@contextlib.contextmanager
def _readable_copy(source: Path) -> Iterator[sqlite3.Connection]:
    """A private copy of the file (with its -wal): the set-aside file itself is never written, not even by
    SQLite replaying its WAL. Made beside it, not in /tmp: a journal can be larger than a small /tmp."""
    folder = Path(tempfile.mkdtemp(prefix=".recovering-", dir=source.parent))
    try:
        copy = folder / "journal.sqlite3"
        shutil.copyfile(source, copy)
        wal = Path(str(source) + "-wal")
        if wal.exists():
            shutil.copyfile(wal, Path(str(copy) + "-wal"))
        os.chmod(copy, 0o600)
        db = sqlite3.connect(copy)
        db.row_factory = sqlite3.Row
        try:
            yield db
        finally:
            db.close()
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def _read_entries(db: sqlite3.Connection, unreadable: list[str]) -> list[dict]:
    """Every entry that can be read, in id order. A damaged table is read row by row, skipping what fails."""
    try:
        return [dict(row) for row in db.execute("SELECT * FROM entries ORDER BY id")]
    except sqlite3.DatabaseError as problem:
        first = str(problem)
    rows: list[dict] = []
    highest = None
    for query in ("SELECT seq FROM sqlite_sequence WHERE name = 'entries'", "SELECT max(id) FROM entries"):
        with contextlib.suppress(sqlite3.DatabaseError):
            found = db.execute(query).fetchone()
            if found and found[0]:
                highest = found[0]
                break
    missing, entry_id, skipped = 0, 0, 0
    while (highest is None and missing < _PROBE_GIVE_UP) or (highest is not None and entry_id < highest):
        entry_id += 1
        try:
            row = db.execute("SELECT * FROM entries WHERE id = ?", (entry_id,)).fetchone()
        except sqlite3.DatabaseError:
            row = None
            skipped += 1
        if row is None:
            missing += 1
            continue
        missing = 0
        rows.append(dict(row))
    if not rows or skipped:
        unreadable.append(f"{first}" + (f" ({skipped} entries skipped)" if skipped else ""))
    return rows


def _read_table(db: sqlite3.Connection, table: str) -> list[dict]:
    try:
        return [dict(row) for row in db.execute(f"SELECT * FROM {table}")]  # noqa: S608 - our two names
    except sqlite3.DatabaseError:  # an older schema without it, or damaged: the entries matter most
        return []


# Counting what a set-aside file holds means copying and reading it: done once per version of the file.
_counted: dict[tuple[str, int, int], SetAside] = {}


def _set_aside(path: Path) -> SetAside:
    try:
        stat = path.stat()
    except OSError as problem:
        return SetAside(path, None, str(problem))
    key = (str(path), stat.st_size, stat.st_mtime_ns)
    if key not in _counted:
        problems: list[str] = []
        try:
            if not files.looks_like_sqlite(path):
                raise sqlite3.DatabaseError("not an SQLite database")
            with _readable_copy(path) as db:
                rows = _read_entries(db, problems)
            if not rows and problems:
                raise sqlite3.DatabaseError(problems[0])
            _counted[key] = SetAside(path, sum(row.get("status") in _UNDELIVERED_VALUES for row in rows))
        except (sqlite3.DatabaseError, OSError) as problem:
            _counted[key] = SetAside(path, None, str(problem))
    return _counted[key]


def _mark_recovered(source: Path) -> Path:
    """Rename the file (and its -wal/-shm) so it no longer counts as set aside; never delete it."""
    if ".recovered-" in source.name:
        return source  # recovered before: its name says so already
    if ".damaged-" in source.name:
        target = source.with_name(source.name.replace(".damaged-", ".recovered-", 1))
    else:
        target = source.with_name(f"{source.stem}.recovered-{time.strftime('%Y%m%d-%H%M%S')}{source.suffix}")
    counter = 1
    base = target
    while target.exists():
        target = base.with_name(f"{base.stem}-{counter}{base.suffix}")
        counter += 1
    for side in ("-wal", "-shm"):
        if Path(str(source) + side).exists():
            Path(str(source) + side).rename(Path(str(target) + side))
    source.rename(target)
    return target


# ---------------------------------------------------------------------- the identity file

def _read_identity(path: Path) -> dict:
    try:
        values = json.loads(identity_file(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):  # none yet (a new till, or a version before it): nothing to compare with
        return {}
    return values if isinstance(values, dict) else {}


def _write_identity(path: Path, values: dict) -> None:
    target = identity_file(path)
    temporary = target.with_name(target.name + ".tmp")
    fd = os.open(temporary, os.O_CREAT | os.O_WRONLY | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as handle:
        json.dump(values, handle)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temporary, target)


def _inode(path: Path) -> int:
    with contextlib.suppress(OSError):
        return path.stat().st_ino
    return 0


def _creation_id(journal: Journal) -> str | None:
    found = journal.connection.execute("SELECT value FROM meta WHERE name = ?", (META_ID,)).fetchone()
    return found[0] if found else None


def _explained(path: Path, identity: dict) -> bool:
    """The remembered file was set aside (or recovered) by name: a rename keeps its inode."""
    inode = identity.get("inode") or 0
    if not inode:
        return False
    siblings = [*path.parent.glob(f"{path.stem}.damaged-*{path.suffix}"),
                *path.parent.glob(f"{path.stem}.recovered-*{path.suffix}")]
    return any(_inode(sibling) == inode for sibling in siblings)


def _loss_seen_now(path: Path, identity: dict, clock: Callable[[], float] = time.time) -> Loss | None:
    """A journal the till had, missing or emptied now (and not set aside by name)."""
    known = identity.get("journal_id")
    if not known:
        return None
    try:
        stat = path.stat()
    except FileNotFoundError:
        return None if _explained(path, identity) else Loss(known, "vanished", clock())
    except OSError:
        return None  # unreadable: opening it says why
    if stat.st_size == 0:
        return Loss(known, "emptied", clock())
    if identity.get("inode") and stat.st_ino != identity["inode"] and not _explained(path, identity):
        return Loss(known, "replaced", clock())
    return None


def _loss_from(item: dict) -> Loss:
    return Loss(str(item.get("journal_id", "")), str(item.get("what", "vanished")),
                float(item.get("detected_at") or 0), str(item.get("kept_as") or ""))


@contextlib.contextmanager
def _identity_lock(path: Path) -> Iterator[None]:
    """One process at a time reads, compares and writes the identity (and starts a new journal)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(identity_file(path).with_suffix(".lock"), os.O_CREAT | os.O_RDWR, 0o600)
    except OSError as problem:  # a read-only or unusable data folder: said as the journal itself would say it
        raise storage_error(problem, f"open the journal {path}") from problem
    try:
        files.lock(fd)
        try:
            yield
        finally:
            files.unlock(fd)
    finally:
        os.close(fd)
