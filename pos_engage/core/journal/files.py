"""The journal file itself: created owner-only, a damaged one set aside (never overwritten), consistent
backups, and the quick check whether its schema is current."""

from __future__ import annotations

import os
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

from pos_engage.core.journal import versions


def create_owner_only(path: Path) -> None:
    """Create the file with 0600 before SQLite touches it (SQLite gives -wal/-shm the same mode)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
    os.close(fd)


def set_aside(path: Path, clock: Callable[[], float]) -> Path:
    """Move a damaged journal (and its -wal/-shm) out of the way; never overwrite or delete it."""
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(clock()))
    aside = path.with_name(f"{path.stem}.damaged-{stamp}{path.suffix}")
    counter = 1
    while aside.exists():
        aside = path.with_name(f"{path.stem}.damaged-{stamp}-{counter}{path.suffix}")
        counter += 1
    for suffix in ("-wal", "-shm"):
        side = Path(str(path) + suffix)
        if side.exists():
            side.rename(Path(str(aside) + suffix))
    path.rename(aside)
    return aside


def backup(source: Path, target: Path) -> None:
    """SQLite's online backup: a consistent copy even with a WAL in use, owner-only like the journal."""
    create_owner_only(target)
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)


def schema_is_current(path: Path) -> bool:
    """True when every known migration is applied and no unknown one: the common start, decided without
    sqlite-utils. Anything else (new file, pending, newer) goes the long way."""
    db = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        rows = db.execute("SELECT name FROM _sqlite_migrations WHERE migration_set = ?",
                          (versions.MIGRATION_SET,)).fetchall()
    except sqlite3.Error:
        return False
    finally:
        db.close()
    return {row[0] for row in rows} == set(versions.MIGRATION_NAMES)


def looks_like_sqlite(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(16) == b"SQLite format 3\x00"
