"""The pace of background delivery: every HTTP request delivery causes waits for its slot here.

Engage recommends staying under 50 requests/s per API key. What counts is requests, not queue entries: a
registration that meets a 409 costs a lookup and a read after its POST, a check before a resend costs a lookup, an
order change costs its job polls. So the limiter sits in the Engage client (its ``pacer`` hook, called before each
request the background client sends) rather than around a queue entry.

Slots are spaced evenly (a burst of one): any one-second window then holds at most ``rate`` requests, where a
bucket that saves up a burst would let a second hold ``rate + burst``. The delivery lease (lease.py) makes one
process at a time the deliverer of a till's journal, so this one bucket is the till's whole background rate.
Calls a cashier waits on (a lookup, the redemption at commit) are not paced: they are few, and must not queue
behind a replay.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable

# The pace is a little under the configured limit: requests spaced exactly 1/rate apart can still arrive closer
# together (jitter on the way), and Engage counts what arrives.
HEADROOM = 0.98


class TokenBucket:
    """``rate`` tokens per second, holding at most ``burst`` (one by default). ``None`` or 0: unlimited."""

    def __init__(self, rate: float | None, *, burst: float | None = None,
                 clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], Awaitable[None]] = asyncio.sleep) -> None:
        self.rate = rate or 0.0
        self.capacity = burst if burst is not None else 1.0
        self.tokens = self.capacity
        self.clock = clock
        self.sleep = sleep
        self.updated = clock()
        self._lock = asyncio.Lock()

    async def acquire(self) -> None:
        if not self.rate:
            return
        async with self._lock:  # waiting callers are served in order, each at its own slot
            while True:
                now = self.clock()
                self.tokens = min(self.capacity, self.tokens + (now - self.updated) * self.rate)
                self.updated = now
                # A hair under one token is float dust from adding up small intervals, not a reason to wait:
                # waiting 1e-17 s would not move a clock at all, and the loop would never end.
                if self.tokens >= 1 - 1e-9:
                    self.tokens = max(0.0, self.tokens - 1)
                    return
                await self.sleep((1 - self.tokens) / self.rate)


def paced_rate(limit: float | None) -> float | None:
    """The pace for a configured limit (requests per second): a little under it, see HEADROOM."""
    return limit * HEADROOM if limit else None
