"""No unsent sale out of sight: telling what left the journal, and bringing set-aside entries back.

Two ways a till's unsent sales can leave the journal it works on:

* **Set aside.** ``Journal.open`` moves a damaged file to ``journal.damaged-<time>.sqlite3`` (never deletes it).
  Such a file is found by its name beside the journal (set_aside.py) until ``pos-engage journal recover`` has
  brought its readable entries back (:func:`recover`); the file is then renamed
  ``journal.recovered-<time>.sqlite3``, kept.
* **Lost.** The journal vanished, was emptied to 0 bytes, or another file took its place: the till remembers that
  it had one, and tells the loss until a manager acknowledges it (identity.py; journals are opened through
  ``identity.open_journal``).

:func:`troubles` tells both, for the window (a blocking message), ``doctor`` (broken), the queue view (a line at
the top) and ``uninstall-check`` (refuses).

What :func:`recover` imports, and how:

* entries not delivered (pending, waiting, in flight, needing attention, in conflict) come back as *pending with
  check first*: their last attempt's outcome is unknown, so the replayer asks Engage before it sends (a receipt
  Engage already booked is marked delivered, never sent twice);
* an entry whose idempotency key the journal already holds is skipped (deduplicated): recovering a file twice, or
  a file whose entries were re-journaled meanwhile, adds nothing;
* delivered, exported and resolved entries are not imported: they stay, as history, in the recovered file;
* dependencies, lanes, the sale each entry belongs to, its creation time (the queue's oldest age stays honest)
  and who rang it up and where (the queue still names them) are kept; the orders and offer-ledger rows of
  imported entries come along where the file still has them;
* every imported entry gets an audit row (``recovered``), and the whole run one more, naming who ran it.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import time
from dataclasses import dataclass, field
from pathlib import Path

from pos_engage.core import texts
from pos_engage.core.errors import InputError
from pos_engage.core.journal import files
from pos_engage.core.journal.entry import SETTLED, EntryKind
from pos_engage.core.journal.identity import Loss, _loss_from, _loss_seen_now, _read_identity
from pos_engage.core.journal.set_aside import (
    _UNDELIVERED_VALUES,
    SetAside,
    _read_entries,
    _read_table,
    _readable_copy,
    _set_aside,
    set_aside_files,
)
from pos_engage.core.journal.store import Journal

_SETTLED_VALUES = frozenset(status.value for status in SETTLED)


# ---------------------------------------------------------------------- what is out of sight

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
            if loss.what == "replaced":
                # Also what a data folder copied whole to a new PC, or restored, looks like (the file is told by
                # its inode): the sentence says both, as the till cannot tell a copy from an older backup.
                lines.append(texts.tr(
                    "The journal {file} is not the file this till last used: it was replaced, or copied or restored "
                    "from a backup. Restored from an older backup, sales made since are not in it: IT brings them "
                    "back from the newer file ('pos-engage journal recover <file>'). Copied whole (a new PC), "
                    "nothing is missing: a manager acknowledges it ('pos-engage journal acknowledge-lost --reason "
                    "...').", file=str(self.journal)))
                continue
            lines.append(texts.tr(
                "The journal {file} {what} since it was last used{kept}: sales not yet sent from it are not in "
                "the queue. IT restores it from a backup (then 'pos-engage journal recover <backup>'), or a "
                "manager acknowledges the loss ('pos-engage journal acknowledge-lost --reason ...').",
                file=str(self.journal), what=_WHAT[loss.what], kept=kept))
        return lines


_WHAT = {"vanished": texts.tr("vanished"), "emptied": texts.tr("was emptied to 0 bytes"),
         "replaced": texts.tr("was replaced by another file")}


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
        elif self.unreadable:
            parts = texts.tr("{parts}; nothing could be read from it, so it stays set aside: give it to support",
                             parts=parts)
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
    # Only a journal is read, and renamed after: any other file named here (a system file, the journal's identity
    # file) was renamed too, and a renamed identity file silenced the "journal lost" alarm (an IT review).
    if not files.looks_like_sqlite(source):
        raise InputError(texts.tr("{file} is not a journal (not an SQLite file): nothing was changed",
                                  file=str(source)))
    result = Recovered(source)
    with _readable_copy(source) as db:
        if _holds_no_entries_table(db):
            raise InputError(texts.tr("{file} is not a pos-engage journal (it has no entries): nothing was changed",
                                      file=str(source)))
        rows = _read_entries(db, result.unreadable)
        extras = {table: _read_table(db, table) for table in ("orders", "offer_ledger", "anonymous_sales")}
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
    if rows or not result.unreadable:
        result.kept_as = _mark_recovered(source)
    # Nothing could be read from it: it stays set aside, so doctor and the uninstaller's check go on reporting the
    # sales it may hold (renamed, it had stopped counting while nothing had come back).
    return result


def _holds_no_entries_table(db: sqlite3.Connection) -> bool:
    """True when the file's schema is readable and names no entries table (a damaged schema is read as best
    it can be: not this)."""
    try:
        return db.execute("SELECT 1 FROM sqlite_master WHERE name = 'entries'").fetchone() is None
    except sqlite3.DatabaseError:
        return False


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
        "next_attempt_at, check_first, last_error_code, last_error, result, created_at, updated_at, rung_by, "
        "origin) VALUES (?, ?, ?, ?, ?, ?, 'pending', ?, ?, 1, ?, ?, ?, ?, ?, ?, ?)",
        (row["kind"], row.get("payload"), key, depends_on, row.get("lane"), row.get("sale_id"),
         row.get("attempts") or 0, now, row.get("last_error_code"), row.get("last_error"), row.get("result"),
         row.get("created_at") or now, now, _text(row.get("rung_by")), _text(row.get("origin"))))
    new_ids[row["id"]] = cursor.lastrowid
    result.imported.append(cursor.lastrowid)
    db.execute("INSERT INTO audit (at, entry_id, action, actor, till, reason, detail) VALUES (?, ?, 'recovered', "
               "?, ?, ?, ?)", (now, cursor.lastrowid, actor, till,
                               f"from {file_name} (was {status}): asked first, then sent",
                               json.dumps({"file": file_name, "entry": row["id"], "status": status})))


def _text(value: object) -> str | None:
    """Who rang an entry up and where, as the file recorded them (a file from before 0010_who_rang_up has neither;
    an origin a newer version wrote is kept as written: this version reads it as unknown). A damaged row's value
    of another type is not carried."""
    return value if isinstance(value, str) else None


def _import_extras(db: sqlite3.Connection, extras: dict[str, list[dict]], new_ids: dict[int, int]) -> None:
    """The orders and offer-ledger rows of imported entries, and the ids of the sales without a customer (best
    effort: a row the journal has wins)."""
    for table, link in (("orders", "registration_entry"), ("offer_ledger", "entry_id"), ("anonymous_sales", None)):
        rows = extras.get(table) or []
        if not rows:
            continue
        columns = {info[1] for info in db.execute(f"PRAGMA table_info({table})")}
        for row in rows:
            if link is not None and row.get(link) is not None:
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
