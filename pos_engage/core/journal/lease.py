"""The delivery lease: one deliverer at a time per journal, so nothing in flight is taken away and sent twice.

Whoever sends the journal's entries (the window's background loop, ``pos-engage journal replay``, an export that
asks Engage about unknown outcomes) first takes the lease: a row in the journal's ``meta`` table naming the holder
(pid, host, when its process started, a random token) and when the lease expires. It is taken and renewed inside
``BEGIN IMMEDIATE``, so two processes never both think they hold it, and renewed while delivering.

The lease is taken over only from a holder that is gone:

- nobody holds it (no row: a journal from before the lease, where a crash may have left entries in flight);
- the holder released it (it had nothing in flight);
- the holder is dead: on this host, its pid runs no more, or runs a process started at another time (the pid was
  reused), or it was a lease object of this very process that has been dropped. A SIGKILLed holder is therefore
  replaced at once, without waiting for its expiry;
- the lease expired and the holder cannot be checked (another host sharing the folder, or no way to tell a
  process's start time here).

A live holder on this host keeps its lease even past its expiry (a suspended PC, a long export): taking entries
from a process that may still send them is exactly the double delivery the lease exists to prevent. Only when
taking over from nobody, a dead holder or an expired one are the entries left in flight recovered (back to
pending, checked with Engage before being sent again), in the same transaction that takes the lease.

The clock is wall time (the journal's): the expiry is compared across processes.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import secrets
import socket
import sqlite3
import sys
import weakref
from collections.abc import Callable
from dataclasses import asdict, dataclass
from datetime import datetime

from pos_engage.core import texts
from pos_engage.core.journal.errors import JournalError
from pos_engage.core.journal.store import Journal

log = logging.getLogger(__name__)

LEASE_NAME = "delivery_lease"
# Long enough that a slow request (20 s at most) or an order job poll between renewals never lets it lapse.
DEFAULT_TTL = 60.0

# The leases of this process by token: a holder with our pid whose lease is not here, no longer held, or on a
# closed journal was a deliverer of this process that is gone (or an earlier process with the same pid): dead.
_LIVE: dict[str, weakref.ref[DeliveryLease]] = {}


class LeaseLost(JournalError):
    """This process no longer holds the delivery lease: it must send nothing more (another deliverer took over)."""


@dataclass(frozen=True)
class Holder:
    """Who holds (or held) a journal's delivery lease."""

    token: str
    pid: int
    host: str
    started: int | None      # when the holder's process started, in the OS's own units (to spot a reused pid)
    since: float
    expires: float
    released: bool = False

    def to_json(self) -> str:
        return json.dumps(asdict(self), separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> Holder | None:
        try:
            data = json.loads(text)
            return cls(token=str(data["token"]), pid=int(data["pid"]), host=str(data["host"]),
                       started=None if data.get("started") is None else int(data["started"]),
                       since=float(data["since"]), expires=float(data["expires"]),
                       released=bool(data.get("released", False)))
        except (ValueError, TypeError, KeyError):
            return None  # unreadable: treated as nobody (the lease is taken and in-flight entries recovered)


def process_started(pid: int) -> int | bool | None:
    """When process ``pid`` started (an opaque number), None if it runs but that cannot be told, False if no such
    process runs."""
    if sys.platform.startswith("linux"):
        try:
            with open(f"/proc/{pid}/stat", "rb") as handle:
                stat = handle.read()
        except FileNotFoundError:
            return False
        except OSError:
            return None
        # The command name (field 2) may hold spaces and parentheses: fields are counted after its last ')'.
        fields = stat[stat.rfind(b")") + 2:].split()
        try:
            return False if fields[0] in (b"Z", b"X") else int(fields[19])  # a zombie has ended: it sends nothing
        except (IndexError, ValueError):
            return None
    if sys.platform == "win32":
        return _windows_process_started(pid)
    try:
        os.kill(pid, 0)  # signal 0 only checks (never used on Windows, where os.kill would end the process)
    except ProcessLookupError:
        return False
    except OSError:
        return None
    return None


def _windows_process_started(pid: int) -> int | bool | None:
    import ctypes
    from ctypes import wintypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    kernel32.OpenProcess.restype = wintypes.HANDLE
    query_limited_information, still_active, access_denied = 0x1000, 259, 5
    handle = kernel32.OpenProcess(query_limited_information, False, pid)
    if not handle:
        return None if ctypes.get_last_error() == access_denied else False
    try:
        code = wintypes.DWORD()
        if kernel32.GetExitCodeProcess(handle, ctypes.byref(code)) and code.value != still_active:
            return False
        created, ended, kernel, user = (wintypes.FILETIME() for _ in range(4))
        if not kernel32.GetProcessTimes(handle, ctypes.byref(created), ctypes.byref(ended), ctypes.byref(kernel),
                                        ctypes.byref(user)):
            return None
        return (created.dwHighDateTime << 32) | created.dwLowDateTime
    finally:
        kernel32.CloseHandle(handle)


def process_gone(pid: int, host: str, started: int | None, me: Identity, ours_alive: Callable[[], bool], *,
                 started_of: Callable[[int], int | bool | None] = process_started) -> bool | None:
    """Whether the process a holder names (a lease's, an offer reservation's: offer_ledger.py) is gone. True:
    certainly. False: certainly running. None: cannot tell from here (another host, or no start time to compare).
    ``ours_alive``: for a holder naming this very process, whether that holder (its lease, its connection) is
    still alive in it."""
    if host != me.host:
        return None
    if pid == me.pid:
        if started is not None and started != me.started:
            return True  # an earlier process that had our pid
        return not ours_alive()
    now = started_of(pid)
    if now is False:
        return True
    if now is None or started is None:
        return None
    return now != started


@dataclass(frozen=True)
class Identity:
    """This process as a lease holder names itself."""

    pid: int
    host: str
    started: int | None

    @classmethod
    def of_this_process(cls) -> Identity:
        started = process_started(os.getpid())
        return cls(os.getpid(), socket.gethostname(), started if isinstance(started, int) and started > 0 else None)


class DeliveryLease:
    """This process's claim to deliver one journal. ``acquire`` before a round, ``ensure`` before each request,
    ``guard`` inside the transaction that settles outcomes, ``release`` when delivery stops."""

    def __init__(self, journal: Journal, *, ttl: float = DEFAULT_TTL, clock: Callable[[], float] | None = None,
                 identity: Identity | None = None,
                 started_of: Callable[[int], int | bool | None] = process_started) -> None:
        self.journal = journal
        self.ttl = ttl
        self.clock = clock or journal.clock
        self.identity = identity or Identity.of_this_process()
        self.started_of = started_of
        self.token = secrets.token_hex(8)
        self.held = False
        self.expires = 0.0
        self.since = 0.0
        self.other: Holder | None = None        # who holds it, when this process could not take it
        self.recovered = 0                      # entries recovered when it was last taken over
        self.taken_from: Holder | None = None   # the dead or expired holder it was last taken from
        self._renew_at = 0.0
        _LIVE[self.token] = weakref.ref(self)
        weakref.finalize(self, _LIVE.pop, self.token, None)

    @classmethod
    def of(cls, journal: Journal) -> DeliveryLease:
        """The lease of this Journal connection: the deliverers sharing one connection (the window's replayer,
        its queue view, a sale's immediate send) share its lease; another connection has its own."""
        lease = getattr(journal, "_delivery_lease", None)
        if lease is None:
            lease = cls(journal)
            journal._delivery_lease = lease  # kept with the connection: both go together
        return lease

    def _journal_open(self) -> bool:
        try:
            self.journal.connection.total_changes  # noqa: B018 - raises once the connection is closed
        except sqlite3.ProgrammingError:
            return False
        return True

    # ------------------------------------------------------------------ reading the row

    def _read(self, db: sqlite3.Connection) -> Holder | None:
        row = db.execute("SELECT value FROM meta WHERE name = ?", (LEASE_NAME,)).fetchone()
        return Holder.from_json(row[0]) if row else None

    def holder(self) -> Holder | None:
        """Who holds the lease now (or last held it), as the journal says."""
        return self._read(self.journal.connection)

    def _is_dead(self, holder: Holder) -> bool | None:
        """True: certainly gone. False: certainly running. None: cannot tell from here."""
        def ours_alive() -> bool:
            ref = _LIVE.get(holder.token)
            lease = ref() if ref is not None else None
            return lease is not None and lease.held and lease._journal_open()
        return process_gone(holder.pid, holder.host, holder.started, self.identity, ours_alive,
                            started_of=self.started_of)

    # ------------------------------------------------------------------ taking, renewing, giving back

    def acquire(self) -> bool:
        """Take or renew the lease. False: another live deliverer holds it (``other`` says who; send nothing).
        Renewal is cheap: while well within its term the lease is trusted without reading the journal."""
        now = self.clock()
        if self.held and now < self._renew_at:
            return True
        with self.journal.write_transaction("take the delivery lease") as db:
            current = self._read(db)
            if current is not None and current.token == self.token:
                self._write(db, now, since=now if current.released else current.since)
                return True
            if self.held:  # taken over while this process was not looking: never take it back mid-round
                self._lost(current)
                return False
            takeover = self._takeover(current, now)
            if takeover is None:
                self._lost(current)
                return False
            self.recovered = (self.journal.recover_in_flight(db, exclude=self.journal.sends_in_hand())
                              if takeover else 0)
            self.taken_from = current if takeover else None
            self._write(db, now, since=now)
        if self.recovered:
            log.warning("delivery lease taken over from %s: %d entries that were in flight are checked with "
                        "Engage before anything is sent again", _who(self.taken_from), self.recovered)
        return True

    def _takeover(self, current: Holder | None, now: float) -> bool | None:
        """None: may not take it. True: take it and recover what was left in flight. False: take it, nothing to
        recover (the holder released it)."""
        if current is None:
            return True
        if current.released:
            return False
        dead = self._is_dead(current)
        if dead:
            return True
        if dead is None and now >= current.expires:
            return True
        return None

    def _write(self, db: sqlite3.Connection, now: float, *, since: float) -> None:
        holder = Holder(self.token, self.identity.pid, self.identity.host, self.identity.started, since,
                        now + self.ttl)
        db.execute("INSERT INTO meta (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = "
                   "excluded.value", (LEASE_NAME, holder.to_json()))
        self.held, self.since, self.expires, self.other = True, since, holder.expires, None
        self._renew_at = now + self.ttl / 3

    def _lost(self, current: Holder | None) -> None:
        if self.held:
            log.error("the delivery lease was taken over by %s: this process sends nothing more", _who(current))
        self.held, self.other = False, current

    def ensure(self) -> None:
        """Before each request: renew when due; LeaseLost when this process does not hold the lease (then the
        request is not sent)."""
        if not self.held or (self.clock() >= self._renew_at and not self.acquire()):
            raise LeaseLost(self.refusal())

    def guard(self, db: sqlite3.Connection) -> None:
        """Inside a write transaction (settling outcomes): LeaseLost unless this process still holds the lease."""
        current = self._read(db)
        if current is None or current.token != self.token:
            self._lost(current)
            raise LeaseLost(self.refusal())

    def release(self, *, in_hand: int = 0) -> None:
        """Give the lease back. With entries still in hand (a round was cancelled mid-flight) the row stays as it
        is: once this process has ended, the next deliverer finds it dead and recovers them."""
        if not self.held:
            return
        self.held = False
        if in_hand:
            return
        with contextlib.suppress(JournalError), self.journal.write_transaction("give back the delivery lease") as db:
            current = self._read(db)
            if current is not None and current.token == self.token:
                db.execute("UPDATE meta SET value = ? WHERE name = ?", (Holder(
                    current.token, current.pid, current.host, current.started, current.since, self.clock(),
                    released=True).to_json(), LEASE_NAME))

    # ------------------------------------------------------------------ what people read

    def refusal(self) -> str:
        """Why this process sends nothing: who is delivering this journal instead."""
        other = self.other
        if other is None:
            return texts.tr("another pos-engage took over delivering this journal; nothing sent twice")
        since = datetime.fromtimestamp(other.since).astimezone().strftime("%H:%M")
        if other.host != self.identity.host:
            return texts.tr("another pos-engage (pid {pid} on {host}, since {since}) is delivering this journal; "
                            "nothing sent twice", pid=other.pid, host=other.host, since=since)
        return texts.tr("another pos-engage (pid {pid}, since {since}) is delivering this journal; nothing sent "
                        "twice", pid=other.pid, since=since)

    def takeover_note(self) -> str | None:
        """When this process took over from a stopped deliverer: what it recovered."""
        if not self.recovered:
            return None
        if self.taken_from is None:
            return texts.tr("{count} entries were in flight when delivery last stopped: each is checked with Engage "
                            "before it is sent again", count=self.recovered)
        return texts.tr("took over from pos-engage pid {pid}, which stopped: {count} entries it had in flight are "
                        "checked with Engage before they are sent again", pid=self.taken_from.pid,
                        count=self.recovered)


def _who(holder: Holder | None) -> str:
    return "nobody" if holder is None else f"pid {holder.pid} on {holder.host}"

