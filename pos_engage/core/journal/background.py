"""The background delivery loop both deliverers run (the Engage replayer, the second platform's sink): send a
batch, go straight on while there was work, otherwise sleep until the next entry is due (at most a moment),
until told to stop. A batch that fails unexpectedly is logged and the loop goes on: the journal keeps it all."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from typing import Any


async def deliver_until_stopped(send_once: Callable[[], Awaitable[Any]], next_due_at: Callable[[], float | None],
                                clock: Callable[[], float], stop: asyncio.Event, *, idle_seconds: float,
                                log: logging.Logger, what: str) -> None:
    """``send_once`` returns a report with ``claimed``; ``next_due_at`` and ``clock`` are the journal's."""
    while not stop.is_set():
        try:
            claimed = (await send_once()).claimed
        except Exception:  # keep delivering whatever one batch did wrong; the journal keeps the entries
            log.exception("%s batch failed", what)
            claimed = 0
        if claimed:
            continue
        due = next_due_at()
        wait = idle_seconds if due is None else min(idle_seconds, max(0.05, due - clock()))
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=wait)
