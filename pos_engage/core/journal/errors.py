"""Journal errors, with the storage failures a till meets in the field turned into messages people can act on.

A sale is never reported as recorded when it was not: any of these raised while recording means the sale was
NOT journaled, and the message says what to do.

A file damaged while the till runs (a disk fault, another program writing into it) is met by whichever statement
reads a damaged page first, a sale's write or the window's status read: :class:`GuardedConnection` turns what
SQLite says then into :func:`damaged_now` at every statement, and remembers it (``damage``) for the journal, which
then records nothing more in that file and leaves it to be checked at the next start (store.py ``close``).
"""

from __future__ import annotations

import errno
import functools
import sqlite3
from pathlib import Path

from pos_engage.core import texts
from pos_engage.core.errors import PosEngageError

# SQLite's primary result codes for a file that is not (or no longer) a sound database; the extended codes
# (SQLITE_CORRUPT_INDEX and the like) carry them in their low byte.
_DAMAGE_CODES = frozenset({getattr(sqlite3, "SQLITE_CORRUPT", 11), getattr(sqlite3, "SQLITE_NOTADB", 26)})


class JournalError(PosEngageError):
    """The journal could not do what was asked; the message says why and what to do."""


class JournalCorrupt(JournalError):
    def __init__(self, message: str, *, detail: str = "", aside: Path | None = None) -> None:
        super().__init__(message)
        self.detail = detail
        self.aside = aside


class JournalDamaged(JournalCorrupt):
    """The journal in use was found damaged while the till runs: nothing more is recorded in it until the till
    restarts, which sets it aside and starts a new one. ``detail``: what SQLite said."""


class JournalTooNew(JournalError):
    """Written by a newer pos-engage: refusing to open rather than misreading it."""


class JournalUnavailable(JournalError):
    """The disk is full, read-only, or the file cannot be reached: nothing could be written."""


class JournalBusy(JournalError):
    """Another program held the journal locked for longer than the busy timeout."""


class InvalidTransition(JournalError):
    """The state machine does not allow that move."""


class UnknownEntry(JournalError):
    """No entry with that id."""


def is_damage(exc: BaseException) -> bool:
    """SQLite found the file damaged: a page that is not what it should be, or no database at all."""
    if not isinstance(exc, sqlite3.DatabaseError):
        return False
    code = getattr(exc, "sqlite_errorcode", None)
    text = str(exc).lower()
    return (code is not None and code & 0xFF in _DAMAGE_CODES) or "malformed" in text or "not a database" in text


def damaged_now(detail: str) -> JournalDamaged:
    """The journal in use is damaged: what the cashier, the manager and IT each need to know, in one message."""
    return JournalDamaged(texts.tr(
        "The journal file on this till is damaged: the till cannot record sales in it now. Nothing recorded before "
        "is deleted. Restart the till: it sets the damaged file aside and starts a new journal. Then give the "
        "set-aside file to IT ('pos-engage journal recover')."), detail=detail)


def storage_error(exc: BaseException, what: str) -> JournalError:
    """Name the storage failure in words an admin can act on."""
    if is_damage(exc):
        return damaged_now(str(exc))
    text = str(exc).lower()
    code = getattr(exc, "sqlite_errorcode", None)
    full = code == getattr(sqlite3, "SQLITE_FULL", 13) or "disk is full" in text or (
        isinstance(exc, OSError) and exc.errno == errno.ENOSPC)
    if full:
        return JournalUnavailable(f"Could not {what}: the disk is full. Nothing was recorded. Free space on this "
                                  "PC (or call IT), then try again.")
    read_only = code == getattr(sqlite3, "SQLITE_READONLY", 8) or "readonly" in text or "read-only" in text or (
        isinstance(exc, OSError) and exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM))
    if read_only:
        return JournalUnavailable(f"Could not {what}: the data folder is read-only or not permitted. Nothing was "
                                  "recorded. IT must give this user write access to the pos-engage data folder.")
    if "locked" in text or "busy" in text:
        return JournalBusy(f"Could not {what}: the journal is locked by another program. Nothing was recorded. "
                           "Close other pos-engage windows or commands, then try again.")
    if "unable to open" in text or isinstance(exc, OSError):
        return JournalUnavailable(f"Could not {what}: the journal file cannot be opened ({exc}). Nothing was "
                                  "recorded. Check the data folder setting and that the disk is attached.")
    return JournalError(f"Could not {what}: {exc}. Nothing was recorded.")


def _guarded(method):
    """``method`` of sqlite3.Cursor, with a damaged file said as :func:`damaged_now`."""
    @functools.wraps(method)
    def guarded(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except sqlite3.DatabaseError as exc:
            _said_if_damaged(self.connection, exc)
            raise

    return guarded


class GuardedCursor(sqlite3.Cursor):
    """A cursor whose statements and fetches say a damaged file as :func:`damaged_now` (a page is read when a row
    is fetched, not only when the statement starts)."""

    execute = _guarded(sqlite3.Cursor.execute)
    executemany = _guarded(sqlite3.Cursor.executemany)
    executescript = _guarded(sqlite3.Cursor.executescript)
    fetchone = _guarded(sqlite3.Cursor.fetchone)
    fetchmany = _guarded(sqlite3.Cursor.fetchmany)
    fetchall = _guarded(sqlite3.Cursor.fetchall)
    __next__ = _guarded(sqlite3.Cursor.__next__)


class GuardedConnection(sqlite3.Connection):
    """The journal's connection (``sqlite3.connect(..., factory=GuardedConnection)``): every statement runs on a
    :class:`GuardedCursor`, so no part of the journal (its reads, its mixins, the exporter) lets SQLite's own
    DatabaseError about a damaged file reach the window or the POS. ``damage``: what SQLite said the first time,
    or None while the file has shown nothing wrong."""

    damage: str | None = None

    def cursor(self, factory=GuardedCursor):
        return super().cursor(factory)

    def execute(self, sql, parameters=(), /):
        return self.cursor().execute(sql, parameters)

    def executemany(self, sql, parameters, /):
        return self.cursor().executemany(sql, parameters)

    def executescript(self, script, /):
        return self.cursor().executescript(script)


def _said_if_damaged(db: sqlite3.Connection, exc: sqlite3.DatabaseError) -> None:
    """Raise :func:`damaged_now` for a damaged file met on ``db`` (remembered there); anything else is left to the
    caller to raise as SQLite said it (storage_error names it)."""
    if is_damage(exc):
        if isinstance(db, GuardedConnection) and db.damage is None:
            db.damage = str(exc)
        raise damaged_now(str(exc)) from exc
