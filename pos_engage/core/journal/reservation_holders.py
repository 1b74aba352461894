"""Who holds an open sale's offer reservation, and whether that holder is gone (OfferLedger).

A reservation names its holder: this process (pid, host, start time, as the delivery lease names one: lease.py)
and the journal connection it came from. Open sales live in memory only, so when the holder is gone (a till that
restarted, crashed or was killed, or a connection closed in this process) its sales went with it, and a starting
till releases what they held at once instead of leaving the offers blocked for the reservation's time limit.
"""

from __future__ import annotations

import json
import secrets

# The reservation holders of this process's open journal connections (new_holder): a holder naming this process
# that is not here belongs to a connection closed since (a till restarted in this process, in tests) or to an
# earlier process that had the same pid.
_OPEN_HOLDERS: set[str] = set()
_THIS_PROCESS: list = []   # lease.Identity of this process, found once


def _this_process():
    if not _THIS_PROCESS:
        from pos_engage.core.journal.lease import Identity  # lease.py imports the journal: not at module level

        _THIS_PROCESS.append(Identity.of_this_process())
    return _THIS_PROCESS[0]


def new_holder() -> str:
    """A holder for a journal connection of this process, open until :func:`forget`."""
    me = _this_process()
    holder = json.dumps({"pid": me.pid, "host": me.host, "started": me.started,
                         "connection": secrets.token_hex(6)}, separators=(",", ":"))
    _OPEN_HOLDERS.add(holder)
    return holder


def forget(holder: str | None) -> None:
    """The connection is closed: its reservations' sales went with it."""
    _OPEN_HOLDERS.discard(holder)


def holder_gone(holder: str) -> bool:
    """Whether the process (and journal connection) that holds a reservation is known to be gone, as the delivery
    lease tells a dead holder (lease.py): on this host, its pid runs no more or runs a process started at another
    time, or it is this process and that connection is closed. Another host's, or one that cannot be told: not
    known (the reservation's time limit frees it)."""
    try:
        named = json.loads(holder)
        pid, host, started = int(named["pid"]), str(named["host"]), named.get("started")
    except (ValueError, TypeError, KeyError):
        return False
    from pos_engage.core.journal.lease import process_gone

    return process_gone(pid, host, started, _this_process(), lambda: holder in _OPEN_HOLDERS) is True
