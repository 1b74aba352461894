"""Remembering that this till had a journal, so one that vanished, was emptied or replaced is told, not replaced.

SQLite would simply start a new, empty journal where the old one vanished, was emptied to 0 bytes, or another file
took its place. So the till remembers that it had one: a small file beside it, ``journal.sqlite3-identity.json``,
holds the journal's creation id (also kept inside the journal, in ``meta``) and the file's inode, written when the
journal is first opened here. A journal missing, empty or with another id (and not explained by a file set aside:
a rename keeps the inode) is a loss, recorded in that file and in the new journal's audit log, until a manager
acknowledges it (:func:`acknowledge_lost`, audited).

Opening goes through :func:`open_journal`, which holds a lock on the identity file meanwhile, so two processes
starting at once agree on one creation id. Separate from recovery.py, which tells these losses (``troubles``)
beside the journals set aside and brings set-aside entries back.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from pos_engage.core import texts
from pos_engage.core.errors import InputError
from pos_engage.core.journal import files
from pos_engage.core.journal.errors import storage_error
from pos_engage.core.journal.store import Journal

IDENTITY_SUFFIX = "-identity.json"
META_ID = "journal_id"


@dataclass(frozen=True)
class Loss:
    """A journal this till had that is gone: ``what`` is vanished, emptied or replaced."""

    journal_id: str
    what: str
    detected_at: float
    kept_as: str = ""  # an emptied file, moved aside (it may still have a -wal)


def identity_file(path: Path) -> Path:
    return path.with_name(path.name + IDENTITY_SUFFIX)


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
