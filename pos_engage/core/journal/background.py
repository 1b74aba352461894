"""The background delivery loop both deliverers run (the Engage replayer, the second platform's sink): send a
batch, go straight on while there was work, otherwise sleep until the next entry is due (at most a moment),
until told to stop. A batch that fails unexpectedly is logged and the loop goes on after a pause (idle_seconds:
not at once, which logged the same failure 20 times a second): the journal keeps it all. A journal found damaged
stops delivery until the till restarts (it sets the file aside then): nothing more can be recorded in it, so a
delivery could not be marked done, and the next would send it again."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from typing import Any

from pos_engage.core.journal.errors import JournalDamaged


async def deliver_until_stopped(send_once: Callable[[], Awaitable[Any]], next_due_at: Callable[[], float | None],
                                clock: Callable[[], float], stop: asyncio.Event, *, idle_seconds: float,
                                log: logging.Logger, what: str) -> None:
    """``send_once`` returns a report with ``claimed``; ``next_due_at`` and ``clock`` are the journal's."""
    while not stop.is_set():
        try:
            claimed = (await send_once()).claimed
            due = None if claimed else next_due_at()
        except JournalDamaged as damaged:
            log.error("%s stops until the till restarts: %s", what, damaged)
            await stop.wait()
            return
        except Exception:  # keep delivering whatever one batch did wrong; the journal keeps the entries
            log.exception("%s batch failed", what)
            claimed, due = 0, None   # after a pause, not at once: the same failure would follow
        if claimed:
            continue
        wait = idle_seconds if due is None else min(idle_seconds, max(0.05, due - clock()))
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=wait)
