"""Journal errors, with the storage failures a till meets in the field turned into messages people can act on.

A sale is never reported as recorded when it was not: any of these raised while recording means the sale was
NOT journaled, and the message says what to do.
"""

from __future__ import annotations

import errno
import sqlite3
from pathlib import Path

from pos_engage.core.errors import PosEngageError


class JournalError(PosEngageError):
    """The journal could not do what was asked; the message says why and what to do."""


class JournalCorrupt(JournalError):
    def __init__(self, message: str, *, detail: str = "", aside: Path | None = None) -> None:
        super().__init__(message)
        self.detail = detail
        self.aside = aside


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


def storage_error(exc: BaseException, what: str) -> JournalError:
    """Name the storage failure in words an admin can act on."""
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
