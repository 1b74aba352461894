"""Switchable faults and the rate limit: how the simulator misbehaves on purpose.

Every decision draws from one seeded random generator, so a fault run with the same seed and the same request
sequence misbehaves the same way.
"""

from __future__ import annotations

import hashlib
import random
import time
from collections import Counter, deque
from dataclasses import asdict, dataclass, field, fields
from typing import Any


@dataclass
class Faults:
    """What is wrong with Engage right now. All off by default."""

    down: bool = False              # every API connection is dropped before anything is processed
    blocked: bool = False           # 403: this till's address is not allowed
    latency: float = 0.0            # seconds added before every API request is handled
    slow_rate: float = 0.0          # chance a request is held slow_seconds more (past a client's deadline)
    slow_seconds: float = 5.0
    fail_next: int = 0              # the next N API requests answer 5xx (the first of error_statuses)
    error_rate: float = 0.0         # chance of a 5xx (from error_statuses) instead of processing
    error_statuses: list[int] = field(default_factory=lambda: [500, 502, 504])
    html_error_rate: float = 0.0    # chance of a proxy's HTML error page (502) instead of processing
    storm_429_rate: float = 0.0     # chance of a 429 with Retry-After instead of processing
    retry_after: float | None = 1.0  # seconds sent in Retry-After on 429 (None: no header)
    drop_after_rate: float = 0.0    # chance the connection drops AFTER the request was processed
    garbage_rate: float = 0.0       # chance of a 200 whose body is not valid JSON (after processing)
    oversize_bytes: int = 0         # >0: successful answers are padded to this size (a runaway body)
    rate_limit: float | None = None  # requests per second per key above which Engage answers 429
    order_job_failure: str | None = None  # order jobs fail with this errorCode (e.g. "InvalidOrder")
    bulk_pending: bool = False      # bulk contact batches never finish (their status stays InProgress)

    def update(self, changes: dict[str, Any]) -> None:
        known = {f.name for f in fields(self)}
        unknown = set(changes) - known
        if unknown:
            raise ValueError(f"unknown fault switches: {', '.join(sorted(unknown))}")
        for name, value in changes.items():
            setattr(self, name, value)

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


class FaultDice:
    """The seeded chance behind every probabilistic fault."""

    def __init__(self, seed: int) -> None:
        self.rng = random.Random(seed)

    def roll(self, probability: float) -> bool:
        return probability > 0 and (probability >= 1 or self.rng.random() < probability)

    def choice(self, options: list[int]) -> int:
        return self.rng.choice(options)


class RateLimiter:
    """Engage's hard limit per API key: at most ``rate`` requests answered in any one-second window.

    A sliding window of the accepted requests' times, not a token bucket: a full bucket plus a second's refill
    would let nearly twice the rate through in one second, which Engage does not. Below one request per second
    the window stretches to 1/rate seconds for a single request.
    """

    def __init__(self, clock=time.monotonic) -> None:
        self.clock = clock
        self.accepted: dict[str, deque[float]] = {}

    def allow(self, key: str, rate: float | None) -> bool:
        if not rate:
            return True
        capacity, window = (int(rate), 1.0) if rate >= 1 else (1, 1 / rate)
        now = self.clock()
        times = self.accepted.setdefault(key, deque())
        while times and times[0] <= now - window:
            times.popleft()
        if len(times) >= capacity:
            return False
        times.append(now)
        return True


def key_label(key: str | None) -> str:
    """How the admin routes name an API key: a short prefix and a short hash, never the whole key."""
    if not key:
        return "(no key)"
    return f"{key[:4]}…{hashlib.sha256(key.encode()).hexdigest()[:8]}"


class RequestCounter:
    """Requests received per API key: a count per whole second (the last ``keep_seconds`` of them) and the most
    seen in any sliding one-second window, so a benchmark can check "at most 50 in any second" on Engage's side."""

    def __init__(self, keep_seconds: int = 3600, clock=time.time) -> None:
        self.keep_seconds = keep_seconds
        self.clock = clock
        self.seconds: dict[str, dict[int, int]] = {}
        self.recent: dict[str, deque[float]] = {}
        self.window_max: dict[str, int] = {}
        self.totals: Counter = Counter()

    def count(self, key: str | None) -> None:
        label, now = key_label(key), self.clock()
        per_second = self.seconds.setdefault(label, {})
        second = int(now)
        per_second[second] = per_second.get(second, 0) + 1
        while len(per_second) > self.keep_seconds:  # seconds arrive in order: the first is the oldest
            del per_second[next(iter(per_second))]
        recent = self.recent.setdefault(label, deque())
        recent.append(now)
        while recent[0] <= now - 1.0:
            recent.popleft()
        self.window_max[label] = max(self.window_max.get(label, 0), len(recent))
        self.totals[label] += 1

    def clear(self) -> None:
        self.seconds.clear()
        self.recent.clear()
        self.window_max.clear()
        self.totals.clear()

    def report(self) -> dict[str, Any]:
        return {label: {"total": self.totals[label],
                        "max_per_second": max(per_second.values(), default=0),
                        "max_in_any_window": self.window_max.get(label, 0),
                        "seconds": {str(second): n for second, n in per_second.items()}}
                for label, per_second in self.seconds.items()}
