"""The pace of background delivery: every HTTP request delivery causes waits for its slot here.

Engage recommends staying under 50 requests/s per API key. What counts is requests, not queue entries: a
registration costs its lookup, filling what Engage has empty and reading the contact back; a check before a resend
costs a lookup; an order change costs its job polls. So the limiter sits in the Engage client (its ``pacer`` hook,
awaited before each request the background client sends) rather than around a queue entry.

``RequestWindow`` lets at most ``limit`` requests go in any window of a little over a second (see HEADROOM): what
Engage counts, and no more, whatever the pattern. Its slots come evenly, and a few slots missed while the till was
busy (a journal write, the end of a batch) are caught up, so the pace stays close to the limit.
The delivery lease (lease.py) makes one process at a time the deliverer of a till's journal, so this one pace is
the till's whole background rate. Calls a cashier waits on (a lookup, the redemption at commit) are not paced:
they are few, and must not queue behind a replay; background delivery leaves them a reserve instead.

The replayer paces by ``AdaptivePacer``: the till's share of a key several tills use (journal.tills_on_key),
halved by every 429 any call of the till gets and climbing back gradually (AIMD), paused for a Retry-After, with
a just-finished sale's requests (``urgent``) allowed into the reserve. ``RequestWindow`` stays the plain window
(the export's questions to Engage); docs/scale.md has the figures.
"""

from __future__ import annotations

import asyncio
import contextvars
import json
import math
import random
import time
from collections import deque
from collections.abc import Awaitable, Callable
from dataclasses import asdict, dataclass, fields

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


# ---------------------------------------------------------------------- sharing a key: AIMD

# The share of the till's rate that background delivery leaves for calls a cashier waits on (a lookup, the
# redemption at commit, a just-finished sale's own entries): background delivery paces at (1 - RESERVE) of it.
RESERVE = 0.2
# After a refusal (429) the till's rate is halved: tills sharing a key each give up half, whoever caused it.
DECREASE = 0.5
# Refusals within this long of the last decrease are the same overload (answers to requests already on their way).
REACTION_SECONDS = 1.0
# The slowest the till goes: one request every two seconds still moves a queue and probes whether room came back
# (or its share, when IT gave it less). So one key holds at most about limit / MIN_RATE tills this way (100 at
# 50/s): past that, docs/scale.md says how a chain shares a key instead.
MIN_RATE = 0.5
# The additive increase: from half the share back to it in this long without a refusal.
CLIMB_SECONDS = 20.0
# The rate a refusal came at is remembered as a cap, a little under it (CAP_MARGIN); the cap rises again only
# after CAP_QUIET_SECONDS without a refusal, and by the whole share in CAP_RECOVERY_SECONDS. Without it the
# increase would find the key's limit again every CLIMB_SECONDS, and each time Engage would count a second over.
CAP_MARGIN = 0.75
CAP_QUIET_SECONDS = 60.0
CAP_RECOVERY_SECONDS = 600.0
# When Engage sends no Retry-After with a 429, the whole till pauses this long.
DEFAULT_PAUSE = 1.0
# A pause is stretched by up to this fraction, drawn at random, so tills refused in the same second come back
# apart instead of together.
PAUSE_JITTER = 0.5
# What the figures cover (429s per minute, requests per minute).
STATS_SECONDS = 60.0

# Set for the requests of a delivery a cashier is waiting on (a just-finished sale): they may use the reserve and
# do not queue behind background delivery's waiting requests.
urgent: contextvars.ContextVar[bool] = contextvars.ContextVar("urgent_delivery", default=False)


@dataclass(frozen=True)
class PacingSummary:
    """What the deliverer's pacing did lately, as ``doctor`` and the metrics read it (from the journal's meta)."""

    at: float                      # wall time it was taken
    share: float                   # requests/s this till may use of its key (0: unlimited)
    rate: float                    # what the till allows itself now (after refusals), the reserve included
    background_rate: float         # of which background delivery uses
    requests_last_minute: int
    refused_last_minute: int       # 429s in the last minute
    refused_total: int             # since the deliverer started
    paused_until: float = 0.0      # wall time until which a Retry-After holds the whole till

    def to_json(self) -> str:
        return json.dumps(asdict(self))

    @classmethod
    def from_json(cls, text: str | None) -> PacingSummary | None:
        try:
            data = json.loads(text or "")
            return cls(**{f.name: data[f.name] for f in fields(cls) if f.name in data})
        except (ValueError, TypeError, KeyError):
            return None

    @property
    def effective_rate(self) -> float:
        """Requests per second actually sent over the last minute."""
        return self.requests_last_minute / STATS_SECONDS


class AdaptivePacer:
    """The till's pace toward its key, adapting to Engage's answers (AIMD, as TCP shares a link).

    ``share`` is what IT gives this till of the key (journal.rate_limit / journal.tills_on_key). The till starts at
    its share; every 429 (or Retry-After), whichever call got it, halves the rate of the WHOLE till (once per
    overload, REACTION_SECONDS) and pauses it for the Retry-After (stretched a little at random); each second
    without one adds a little back (CLIMB_SECONDS from half to all), up to a cap remembered just under the rate
    the last refusal came at, which rises back to the share only after a quiet minute (see CAP_*). Tills sharing a
    key thus each give up half at the same overload and converge to equal parts under the limit.

    Requests are let through like ``RequestWindow``: at most the rate's whole number of requests in any window of
    a little over a second, evenly spaced. Background requests use (1 - ``reserve``) of the rate; ``urgent`` ones
    (a just-finished sale, see ``urgent``) may use it all and do not queue behind background ones."""

    def __init__(self, share: float | None, *, reserve: float = RESERVE,
                 clock: Callable[[], float] = time.monotonic,
                 sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
                 rng: random.Random | None = None, wall: Callable[[], float] = time.time) -> None:
        self.share = float(share or 0.0)
        self.reserve = min(max(reserve, 0.0), 0.9)
        self.clock, self.sleep, self.wall = clock, sleep, wall
        self.rng = rng or random.Random()
        self.rate = self.share
        self.cap = self.share
        self.floor = min(MIN_RATE, self.share)
        now = clock()
        self.updated = now
        self.last_decrease = -math.inf
        self.last_refusal = -math.inf
        self.paused_until = -math.inf
        self.sent: deque[float] = deque()        # for the window: times of requests let through
        self.tokens = 1.0
        self.token_time = now
        self.requests: deque[float] = deque()    # for the figures (last STATS_SECONDS)
        self.refusals: deque[float] = deque()
        self.refused_total = 0
        self._lock = asyncio.Lock()

    # -------------------------------------------------------------- the rate

    def _advance(self, now: float) -> None:
        """The additive increase since the last look (and the cap's slow recovery after a quiet minute)."""
        elapsed = max(0.0, now - self.updated)
        self.updated = now
        if not self.share or not elapsed:
            return
        quiet_since = self.last_refusal + CAP_QUIET_SECONDS
        if now > quiet_since:
            recovering = min(elapsed, now - quiet_since)
            self.cap = min(self.share, self.cap + self.share / CAP_RECOVERY_SECONDS * recovering)
        self.rate = min(self.cap, self.rate + self.share / (2 * CLIMB_SECONDS) * elapsed)

    def limit(self, *, background: bool = True) -> float:
        """Requests per second allowed now: background delivery's part, or the whole (urgent)."""
        self._advance(self.clock())
        return self.rate * (1 - self.reserve) if background else self.rate

    def refused(self, retry_after: float | None = None) -> None:
        """Engage answered 429 (to any call of this till): halve once per overload, pause the whole till."""
        now = self.clock()
        self._advance(now)
        self.refusals.append(now)
        self.refused_total += 1
        self.last_refusal = now
        if self.share and now - self.last_decrease >= REACTION_SECONDS:
            self.cap = max(self.floor, min(self.cap, self.rate * CAP_MARGIN))
            self.rate = max(self.floor, self.rate * DECREASE)
            self.last_decrease = now
        pause = (DEFAULT_PAUSE if retry_after is None else max(0.0, retry_after)) * \
            (1 + self.rng.uniform(0, PAUSE_JITTER))
        self.paused_until = max(self.paused_until, now + pause)

    def start_slowly(self, seconds: float) -> None:
        """After an outage: the first drain waits a random part of ``seconds`` (a fleet comes back apart) and
        starts at half the rate, climbing from there."""
        now = self.clock()
        self._advance(now)
        self.rate = min(self.rate, max(self.floor, self.share * DECREASE))
        self.paused_until = max(self.paused_until, now + self.rng.uniform(0, max(0.0, seconds)))

    # -------------------------------------------------------------- letting requests through

    def _wait(self, now: float, limit: float) -> float:
        """0 when a request may go now at ``limit``, else how long to wait (window full, slot not yet come)."""
        size = max(1, int(limit))
        period = max(1.0, size / limit) / HEADROOM
        while self.sent and self.sent[0] <= now - 8 * period:   # keep what any window may still need
            self.sent.popleft()
        waits = [self.paused_until - now]
        in_window = [t for t in self.sent if t > now - period + 1e-9] if len(self.sent) >= size else []
        if len(in_window) >= size:
            waits.append(in_window[-size] + period - now)
        return max(waits)

    async def acquire(self) -> None:
        if not self.share:
            self._count(self.clock())
            return
        if urgent.get():
            await self._acquire(background=False)
            return
        async with self._lock:  # waiting background callers are served in order
            await self._acquire(background=True)

    async def _acquire(self, *, background: bool) -> None:
        while True:
            now = self.clock()
            limit = max(self.floor * (1 - self.reserve), self.limit(background=background))
            wait = self._wait(now, limit)
            if background and wait <= 1e-9:
                # Evenly spaced: one slot every 1 / rate, a few missed ones caught up (as RequestWindow).
                burst = float(max(1, int(limit) // 10))
                self.tokens = min(burst, self.tokens + (now - self.token_time) * limit * HEADROOM)
                self.token_time = now
                if self.tokens < 1 - 1e-9:
                    wait = (1 - self.tokens) / (limit * HEADROOM)
                else:
                    self.tokens -= 1
            if wait <= 1e-9:
                self.sent.append(now)
                self._count(now)
                return
            await self.sleep(wait)

    # -------------------------------------------------------------- figures

    def _count(self, now: float) -> None:
        self.requests.append(now)
        self._forget(now)

    def _forget(self, now: float) -> None:
        for times in (self.requests, self.refusals):
            while times and times[0] <= now - STATS_SECONDS:
                times.popleft()

    def summary(self) -> PacingSummary:
        now = self.clock()
        self._advance(now)
        self._forget(now)
        wall = self.wall()
        return PacingSummary(at=wall, share=self.share, rate=round(self.rate, 3),
                             background_rate=round(self.rate * (1 - self.reserve), 3),
                             requests_last_minute=len(self.requests), refused_last_minute=len(self.refusals),
                             refused_total=self.refused_total,
                             paused_until=wall + max(0.0, self.paused_until - now))
