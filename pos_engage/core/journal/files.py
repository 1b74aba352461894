"""The journal file itself: created owner-only, a damaged one set aside (never overwritten), consistent
backups, the quick check whether its schema is current, and the marks that tell a clean shutdown from a crash.

Integrity is checked at open only when it may have suffered: when a process that had the journal open ended
without closing it (a crash, a SIGKILL, a power cut). A row in the journal cannot say that: a row left by a
process still running looks the same as one left by a dead one, and several processes (the till, a CLI call,
the uninstaller's check) may have the file open at once. An operating-system lock can: it dies with its
process. So every open Journal holds an exclusive lock on its own small file in ``<journal>-open/``, removed
when it closes. A file there whose lock can be taken belonged to a process that never closed: the journal is
checked. The folder itself missing (a journal from a version before these marks) counts as unknown: checked
once. Marks are made and inspected under one more lock on the folder's ``guard`` file, so a scan never sees a
mark that is made but not yet locked.
"""

from __future__ import annotations

import contextlib
import os
import secrets
import sqlite3
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from pos_engage.core.journal import versions


def create_owner_only(path: Path) -> None:
    """Create the file with 0600 before SQLite touches it (SQLite gives -wal/-shm the same mode)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
    os.close(fd)


def begin_new_file(db: sqlite3.Connection) -> None:
    """On a journal with no table yet: pages freed later (by pruning) go back to the file system a batch at a
    time (``PRAGMA incremental_vacuum``). SQLite takes this only before the first table is created."""
    if db.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 0:
        db.execute("PRAGMA auto_vacuum = INCREMENTAL")


if os.name == "nt":  # pragma: no cover - Windows tills
    import msvcrt

    def _try_lock(fd: int) -> bool:
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _lock(fd: int) -> None:
        msvcrt.locking(fd, msvcrt.LK_LOCK, 1)  # retries for about 10 s, then raises

    def _unlock(fd: int) -> None:
        with contextlib.suppress(OSError):
            os.lseek(fd, 0, os.SEEK_SET)
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    # flock, not fcntl's record locks: flock belongs to the open file, so two Journals in one process see each
    # other, and closing one never drops the other's lock.
    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False
        return True

    def _lock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_EX)

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)


# Blocking lock and unlock of a whole small file, for other modules' own lock files (identity.py).
lock, unlock = _lock, _unlock


def marks_folder(path: Path) -> Path:
    return path.with_name(f"{path.name}-open")


@contextlib.contextmanager
def _guarded(folder: Path) -> Iterator[None]:
    fd = os.open(folder / "guard", os.O_CREAT | os.O_RDWR, 0o600)
    try:
        _lock(fd)
        try:
            yield
        finally:
            _unlock(fd)
    finally:
        os.close(fd)


class OpenMark:
    """This process's sign that it has the journal open, held until :meth:`release`."""

    def __init__(self, file: Path, fd: int) -> None:
        self.file, self._fd = file, fd

    @classmethod
    def take(cls, path: Path) -> tuple[OpenMark, bool]:
        """Mark the journal at ``path`` open; also say whether a process left it without closing it (or
        whether that is unknown), which is when its integrity must be checked."""
        folder = marks_folder(path)
        unknown = not folder.is_dir()
        folder.mkdir(mode=0o700, exist_ok=True)
        with _guarded(folder):
            crashed = unknown
            for other in folder.glob("*.lock"):
                try:
                    fd = os.open(other, os.O_RDWR)
                except FileNotFoundError:  # closed meanwhile (a process that does not take the guard)
                    continue
                try:
                    if not _try_lock(fd):
                        continue  # its process is alive and has the journal open
                    crashed = True
                    _unlock(fd)
                finally:
                    os.close(fd)
                with contextlib.suppress(FileNotFoundError):
                    other.unlink()
            mine = folder / f"{os.getpid()}-{secrets.token_hex(6)}.lock"
            fd = os.open(mine, os.O_CREAT | os.O_EXCL | os.O_RDWR, 0o600)
            if not _try_lock(fd):  # pragma: no cover - a file nobody else knows of yet
                os.close(fd)
                raise OSError(f"cannot lock {mine}")
        return cls(mine, fd), crashed

    def release(self) -> None:
        """The journal was closed cleanly by this process."""
        if self._fd < 0:
            return
        fd, self._fd = self._fd, -1
        try:
            # Under the guard: a scan never takes a lock this releases an instant before the file goes.
            with _guarded(self.file.parent):
                _unlock(fd)
                os.close(fd)
                fd = -1
                self.file.unlink(missing_ok=True)
        except OSError:  # the folder is gone or unusable: the mark dies with the lock anyway
            if fd >= 0:
                os.close(fd)


def set_aside(path: Path, clock: Callable[[], float], why: str = "damaged") -> Path:
    """Move a journal (and its -wal/-shm) out of the way, named for ``why`` (damaged, emptied) and the time; never
    overwrite or delete it."""
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(clock()))
    aside = path.with_name(f"{path.stem}.{why}-{stamp}{path.suffix}")
    counter = 1
    while aside.exists():
        aside = path.with_name(f"{path.stem}.{why}-{stamp}-{counter}{path.suffix}")
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
