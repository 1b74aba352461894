"""The background delivery loop (background.py) when a batch fails: after a pause, not at once (a damaged journal
made the replayer log the same failure 20 times a second, D13's finding), and a damaged journal stops delivery
until the till restarts (nothing can be marked delivered in it)."""

from __future__ import annotations

import asyncio
import logging
import time

from pos_engage.core.journal.background import deliver_until_stopped
from pos_engage.core.journal.errors import damaged_now


async def run_for_a_moment(failure: Exception, caplog) -> int:
    calls = 0

    async def send_once():
        nonlocal calls
        calls += 1
        raise failure

    stop = asyncio.Event()
    loop = asyncio.ensure_future(deliver_until_stopped(
        send_once, next_due_at=time.time, clock=time.time, stop=stop, idle_seconds=3600,
        log=logging.getLogger("test.delivery"), what="replay"))
    await asyncio.sleep(0.3)   # an entry is due at every moment: a loop going on at once calls again and again
    stop.set()
    await asyncio.wait_for(loop, 5)
    return calls


async def test_a_failing_batch_is_tried_again_after_the_pause_not_at_once(caplog):
    with caplog.at_level(logging.ERROR, "test.delivery"):
        assert await run_for_a_moment(RuntimeError("boom"), caplog) == 1
    assert [r.getMessage() for r in caplog.records] == ["replay batch failed"]


async def test_a_damaged_journal_stops_delivery_with_one_line(caplog):
    with caplog.at_level(logging.ERROR, "test.delivery"):
        assert await run_for_a_moment(damaged_now("database disk image is malformed"), caplog) == 1
    (said,) = caplog.records
    assert said.getMessage().startswith("replay stops until the till restarts:") and said.exc_info is None
