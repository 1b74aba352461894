"""The pace of background delivery: every HTTP request delivery causes waits for its slot here.

Engage recommends staying under 50 requests/s per API key. What counts is requests, not queue entries: a
registration costs its lookup, filling what Engage has empty and reading the contact back; a check before a resend
costs a lookup; an order change costs its job polls. So the limiter sits in the Engage client (its ``pacer`` hook,
awaited before each request the background client sends) rather than around a queue entry.

``RequestWindow`` lets at most ``limit`` requests go in any window of a little over a second (see HEADROOM): what
Engage counts, and no more, whatever the pattern. Its slots come evenly, and a few slots missed while the till was
busy (a journal write, the end of a batch) are caught up, so the pace stays close to the limit.
The delivery lease (lease.py) makes one process at a time the deliverer of a till's journal, so this one window is
the till's whole background rate. Calls a cashier waits on (a lookup, the redemption at commit) are not paced:
they are few, and must not queue behind a replay.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Awaitable, Callable

# The window is 6 % longer than a second (64 ms at 50/s): requests a second apart as sent can be counted closer
# together where they arrive (a pause of the network or of the server bunches the ones it held up), and Engage
# counts what arrives. Measured on the simulator's own counter, 2 % was not enough: 52 in one second.
HEADROOM = 0.94


class RequestWindow:
    """At most ``limit`` requests (per second, as configured; whole requests) in any window of ``1 / HEADROOM``
    seconds, spread out: slots come evenly at the resulting ``rate`` (47/s for a limit of 50), and slots missed
    while the till was busy are caught up at most a tenth of the limit at a time. Bursts of a whole window would
    arrive at Engage bunched (queued behind each other), which is how a second on its side ends up holding more
    than the limit. A limit under one a second stretches the window for a single request. ``None`` or 0:
    unlimited."""

    def __init__(self, limit: float | None, *, clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], Awaitable[None]] = asyncio.sleep) -> None:
        self.size = max(1, int(limit or 0))
        self.period = max(1.0, self.size / limit) / HEADROOM if limit else 0.0
        self.rate = self.size / self.period if limit else 0.0
        self.burst = float(max(1, self.size // 10))
        self.tokens = self.burst
        self.clock = clock
        self.sleep = sleep
        self.updated = clock()
        self.sent: deque[float] = deque()
        self._lock = asyncio.Lock()

    async def acquire(self) -> None:
        if not self.rate:
            return
        async with self._lock:  # waiting callers are served in order
            while True:
                now = self.clock()
                self.tokens = min(self.burst, self.tokens + (now - self.updated) * self.rate)
                self.updated = now
                # A nanosecond (or a hair of a token) of float dust is not a reason to wait again: the clock might
                # not move for it, and the loop would never end.
                while self.sent and self.sent[0] <= now - self.period + 1e-9:
                    self.sent.popleft()
                waits = []
                if len(self.sent) >= self.size:
                    waits.append(self.sent[0] + self.period - now)
                if self.tokens < 1 - 1e-9:
                    waits.append((1 - self.tokens) / self.rate)
                if not waits:
                    self.tokens = max(0.0, self.tokens - 1)
                    self.sent.append(now)
                    return
                await self.sleep(max(waits))


class TokenBucket:
    """``rate`` tokens per second, holding at most ``burst`` (one by default): evenly spaced slots. ``None`` or
    0: unlimited."""

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
