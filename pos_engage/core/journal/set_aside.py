"""Journals set aside: finding them beside the journal, and reading what a damaged file still holds.

``Journal.open`` moves a damaged file to ``journal.damaged-<time>.sqlite3`` (never deletes it). Such a file is
found by its name beside the journal (:func:`set_aside_files`) until ``pos-engage journal recover`` has brought its
readable entries back (recovery.py). Separate from recovery because reading a damaged SQLite file is its own
craft: always a private copy (the set-aside file itself is never written), a damaged table read row by row, and
what a file holds counted once per version of the file.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from pos_engage.core.journal import files
from pos_engage.core.journal.entry import UNDELIVERED

_UNDELIVERED_VALUES = frozenset(status.value for status in UNDELIVERED)
_PROBE_GIVE_UP = 10_000  # ids tried in a row without a readable row before a damaged table's scan stops


@dataclass(frozen=True)
class SetAside:
    """A journal set aside and not recovered yet: ``undelivered`` entries readable in it (None: unreadable)."""

    path: Path
    undelivered: int | None
    problem: str = ""


def set_aside_files(path: Path) -> list[Path]:
    """The damaged journals set aside beside ``path`` and not recovered yet, oldest first."""
    found = path.parent.glob(f"{path.stem}.damaged-*{path.suffix}")
    return sorted(p for p in found if p.is_file())


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
        # Counted only against a known highest id: without one, the probe's give-up is no count of entries.
        unreadable.append(f"{first}" + (f" ({skipped} of {highest} entries could not be read)"
                                        if skipped and highest is not None else
                                        " (the entries could not be counted)" if skipped else ""))
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
