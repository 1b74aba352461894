"""Is this till healthy? The checks ``doctor``, ``metrics``, ``diagnostics``, ``uninstall-check`` and the window's
status bar read (design.md §1), each an answer in words with what to do: the journal's integrity and queue, the
journals set aside or lost (unsent sales outside the queue), the pace toward the API key, the data folder's disk,
who approves manager actions, the file server, the second orders platform.

A :class:`Check` is ``ok``, ``warning`` (degraded: waiting may fix it) or ``failed`` (broken: IT must act). The
connection to Engage is ``core/office/connection.py``'s; ``doctor`` itself (which checks, the exit code, the
lines) is the command line's.

The status bar's words come from here too: :class:`Connectivity` (Engage's state as the till's monitor sees it),
:class:`OnlineMonitor`, and the queue's :class:`Figures`.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import sqlite3
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pos_engage.core import metrics
from pos_engage.core.engage.online import Connectivity, OnlineMonitor
from pos_engage.core.errors import PosEngageError
from pos_engage.core.journal import identity, recovery
from pos_engage.core.journal.errors import JournalError, is_damage, storage_error
from pos_engage.core.journal.reads import Figures
from pos_engage.core.journal.recovery import Trouble
from pos_engage.core.paths import data_paths, journal_file

if TYPE_CHECKING:
    from pos_engage.core.config import Config
    from pos_engage.core.journal.replayer import PacingSummary

__all__ = ["FAIL", "OK", "WARN", "Check", "Connectivity", "Figures", "OnlineMonitor", "Trouble", "Undelivered",
           "disk_check", "file_server_check", "journal_checks", "journal_files_check", "journal_summary",
           "marketing_waiting", "pacing_check", "people_check", "queue_and_pacing", "undelivered"]

OK, WARN, FAIL = "ok", "warning", "failed"
LOW_DISK_WARN = 500 * 1024 * 1024
LOW_DISK_FAIL = 50 * 1024 * 1024


@dataclass(frozen=True)
class Check:
    """One line of doctor's report: what was checked, ok/warn/fail, and what to do about it."""

    name: str
    status: str
    detail: str


def _journal(config: Config) -> Path:
    return journal_file(config)   # the demo's own in demo mode (doctor --demo)


def journal_checks(config: Config, *, deep: bool = False) -> list[Check]:
    """The journal's integrity (as last checked, or now with ``deep``) and its queue (stuck: a warning)."""
    path = _journal(config)
    if not path.exists():
        trouble = recovery.troubles(path)
        if trouble.lost:  # not "yet": this till had one (the journal files check names it)
            return [Check("journal", FAIL, f"no journal at {path}, though this till had one")]
        if trouble.set_aside:   # found damaged (by an open that checked it: a start, doctor) and moved aside
            return [Check("journal", FAIL, f"no journal at {path}: {trouble.lines()[0]}")]
        return [Check("journal", OK, f"no journal yet at {path} (created at the first sale)")]
    try:
        with identity.open_journal(path) as journal:
            # The file is checked at open after a crash; the full check (1.5 s on a million entries) on --deep.
            checked = (time.time(), journal.check_integrity()) if deep else journal.last_integrity_check()
            figures, files = journal.figures(), journal.files_not_uploaded()
    except JournalError as problem:
        return [Check("journal", FAIL, str(problem))]
    except sqlite3.DatabaseError as problem:
        # A damaged page past the header (no sale can be recorded), or a failure that is not damage (I/O, a lock,
        # the disk): IT is told to set the file aside only for the first.
        return [Check("journal", FAIL, unreadable(path, problem) if is_damage(problem) else
                      str(storage_error(problem, f"read the journal {path}")))]
    if checked is None:
        integrity = "not checked yet (doctor --deep checks it)"
    else:
        when = "now" if deep else time.strftime("checked %Y-%m-%d %H:%M", time.localtime(checked[0]))
        integrity = f"{checked[1]} ({when})"
    checks = [Check("journal", FAIL if checked and checked[1] != "ok" else OK, f"integrity: {integrity}")]
    age = figures.oldest_age(time.time())
    queue = f"{figures.pending} pending, {figures.needs_attention} need attention, {figures.conflicts} conflicts"
    stuck = figures.needs_attention or figures.conflicts or (age is not None and age > 3600)
    checks.append(Check("queue", WARN if stuck else OK, queue + (f", oldest {int(age)} s" if age else "")))
    if files:   # their entries' one copy: they never go by API
        checks.append(Check("exports", WARN, not_uploaded(files)))
    return checks


def not_uploaded(files: int) -> str:
    """Export files written and not uploaded, said for doctor and the uninstaller's check alike."""
    return (f"{'1 export file is' if files == 1 else f'{files} export files are'} written and not uploaded: their "
            "sales reach Engage only with them (pos-engage journal upload)")


def unreadable(path: Path, problem: Exception) -> str:
    """One line for a journal SQLite cannot read past its header: what, and what IT does."""
    return (f"the journal {path} is damaged ({problem}): the till cannot record sales in it. Stop the till, move "
            f"the file aside as {path.stem}.damaged-<date>{path.suffix} in the same folder (the till then starts a "
            "new journal), and bring back what it still holds with 'pos-engage journal recover <that file>'")


def journal_files_check(config: Config) -> Check:
    """Unsent sales outside the journal in use: a journal set aside as damaged and not recovered, or one that
    vanished or was emptied and is not acknowledged. Broken until IT recovers it (or a manager acknowledges it)."""
    trouble = recovery.troubles(_journal(config))
    if not trouble:
        return Check("journal files", OK, "no journal set aside or lost")
    return Check("journal files", FAIL, " ".join(trouble.lines()))


def disk_check(config: Config) -> Check:
    """The data folder can take a new file, and its disk has room."""
    root = data_paths(config.data_dir).root
    probe = root if root.exists() else root.parent
    while not probe.exists():
        probe = probe.parent
    unwritable = _unwritable(root, probe)
    if unwritable:
        return Check("disk", FAIL, f"the data folder {root} cannot be written ({unwritable}): no sale can be saved; "
                                   "check the folder's owner and permissions, or that the disk is not read-only")
    free = shutil.disk_usage(probe).free
    status = FAIL if free < LOW_DISK_FAIL else WARN if free < LOW_DISK_WARN else OK
    return Check("disk", status, f"{free // (1024 * 1024)} MB free for {root}")


def _unwritable(root: Path, existing: Path) -> str:
    """Why the data folder cannot take a new file ("" when it can): a real write, since permission bits say
    nothing of a read-only file system, and root ignores them."""
    if root.exists() and not root.is_dir():
        return "a file is where the folder should be"
    folder = root if root.exists() else existing
    try:
        with tempfile.NamedTemporaryFile(dir=folder, prefix=".doctor-"):
            pass
    except OSError as problem:
        return problem.strerror or "the system refused a new file there"
    return ""


def file_server_check(config: Config) -> Check | None:
    """Engage's file server answers on its port (None when none is set up)."""
    settings = config.file_server
    if not settings.host:
        return None
    try:
        with socket.create_connection((settings.host, settings.port), timeout=5):
            pass
    except OSError as problem:
        return Check("file server", WARN, f"{settings.host}:{settings.port} not reachable ({problem})")
    return Check("file server", OK, f"{settings.host}:{settings.port} reachable")


def marketing_waiting(config: Config) -> int:
    """The second orders platform's entries not delivered yet."""
    from pos_engage.core.journal.entry import MARKETING_KINDS, UNDELIVERED

    path = _journal(config)
    if not path.exists():
        return 0
    with identity.open_journal(path) as journal:
        return journal.count(kinds=list(MARKETING_KINDS), statuses=sorted(UNDELIVERED))


def _pacing(path: Path) -> PacingSummary | None:
    from pos_engage.core.journal.replayer import read_pacing

    if not path.exists():
        return None
    with contextlib.suppress(JournalError), identity.open_journal(path) as journal:
        return read_pacing(journal)
    return None


def pacing_check(config: Config) -> Check:
    """The till's pace toward its API key, as the deliverer last noted it in the journal: its share, the rate it
    allows itself now, 429s in the last minute (a warning: the key is shared by more tills than journal.tills_on_key
    says, or something else uses it)."""
    settings = config.journal
    share = settings.rate_limit / max(1, settings.tills_on_key)
    tills = "1 till" if settings.tills_on_key == 1 else f"{settings.tills_on_key} tills"
    told = f"share {share:g}/s of the key ({settings.rate_limit:g}/s for {tills})" if settings.rate_limit \
        else "no rate limit"
    pacing = _pacing(_journal(config))
    if pacing is None or time.time() - pacing.at > metrics.STALE_SECONDS:
        return Check("pacing", OK, f"{told}; nothing delivered lately")
    detail = (f"{told}; now {pacing.rate:g}/s ({pacing.background_rate:g}/s background), sent "
              f"{pacing.effective_rate:.1f}/s over the last minute, {pacing.refused_last_minute} refused (429) in it")
    return Check("pacing", WARN if pacing.refused_last_minute else OK, detail)


def people_check(config: Config) -> Check:
    """Who approves manager actions here (core/office/people.py): IT's staff list, and whether the till's own
    user could change it (then it could make itself a manager: IT gives the file to root or an administrator)."""
    from pos_engage.core.office.people import StaffDirectory
    from pos_engage.core.office.single_pin import keyring_pin_problem

    try:
        staff = StaffDirectory.read()
    except PosEngageError as problem:
        return Check("people", FAIL, str(problem))
    if not staff.exists:
        # The till's PIN lives in the keyring: on a computer without one nobody can approve a manager action, which
        # the till says instead of asking for a PIN (People.approval_problem); doctor says the same words. (A PIN
        # not set yet stays as it was: the first one is set with configure, and the till says that too.)
        if keyring_problem := keyring_pin_problem():
            return Check("people", WARN, f"no staff list: {keyring_problem}")
        return Check("people", OK, "no staff list: nobody signs in, the till's manager PIN approves manager actions "
                                   "(IT adds people with 'pos-engage configure --machine --staff-add')")
    people = len(staff.members)
    mode = "shared till" if config.till.sign_in == "shared" else "cashiers sign in"
    detail = (f"{people} {'person' if people == 1 else 'people'} on the staff list, {staff.managers} "
              f"{'manager' if staff.managers == 1 else 'managers'}; {mode}")
    if not staff.managers:   # the till's PIN approves nothing once the list exists: nobody at the till can
        return Check("people", WARN, f"{detail}; but no manager: nobody at this till can approve a manager action "
                                     "(IT adds one with 'pos-engage configure --machine --staff-add ID --role "
                                     "manager')")
    if hasattr(os, "geteuid") and os.geteuid() != 0 and staff.path.stat().st_uid == os.geteuid():
        return Check("people", WARN, f"{detail}; but {staff.path} belongs to this till's user, who could change it: "
                                     "IT gives it to root")
    return Check("people", OK, detail)


@dataclass(frozen=True)
class Undelivered:
    """What uninstalling would lose: entries not delivered in the journal, export files not uploaded, and unsent
    sales outside the journal."""

    journal_exists: bool
    figures: Figures | None
    trouble: Trouble
    files_not_uploaded: int = 0

    @property
    def waiting(self) -> int:
        figures = self.figures
        return 0 if figures is None else figures.pending + figures.needs_attention + figures.conflicts

    @property
    def blocks(self) -> bool:
        return bool(self.waiting) or bool(self.files_not_uploaded) or self.trouble.blocks_uninstall


def undelivered(config: Config) -> Undelivered:
    """For the uninstaller: the journal's undelivered entries, and journals set aside (with undelivered or
    unreadable entries) or lost and not acknowledged. A loss seen at this open is recorded now."""
    path = _journal(config)
    trouble = recovery.troubles(path)
    figures, files = None, 0
    if path.exists() or trouble.lost:
        with identity.open_journal(path) as journal:
            figures, files = journal.figures(), journal.files_not_uploaded()
        trouble = recovery.troubles(path)
    return Undelivered(path.exists(), figures, trouble, files)


def queue_and_pacing(config: Config) -> tuple[Figures, PacingSummary | None]:
    """The queue's figures and the deliverer's last pace, for the metrics textfile."""
    from pos_engage.core.journal.replayer import read_pacing

    with identity.open_journal(_journal(config)) as journal:
        return journal.figures(), read_pacing(journal)


def journal_summary(config: Config) -> dict[str, Any]:
    """For support (diagnostics): the queue's figures, the file's integrity and the entries by status, without
    any payload; {} without a journal, the problem when it cannot be read."""
    path = _journal(config)
    if not path.exists():
        return {}
    try:
        with identity.open_journal(path) as journal:
            return journal.figures().__dict__ | {"integrity": journal.integrity(), "by_status": dict(
                journal.connection.execute("SELECT status, count(*) FROM entries GROUP BY status").fetchall())}
    except JournalError as problem:
        return {"error": str(problem)}
