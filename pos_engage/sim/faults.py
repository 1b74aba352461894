"""Switchable faults and the rate limit: how the simulator misbehaves on purpose.

Every decision draws from one seeded random generator, so a fault run with the same seed and the same request
sequence misbehaves the same way.
"""

from __future__ import annotations

import random
import time
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
    """A token bucket per API key: ``rate`` requests per second, bursts up to ``rate``."""

    def __init__(self, clock=time.monotonic) -> None:
        self.clock = clock
        self.buckets: dict[str, tuple[float, float]] = {}

    def allow(self, key: str, rate: float | None) -> bool:
        if not rate:
            return True
        now = self.clock()
        tokens, last = self.buckets.get(key, (rate, now))
        tokens = min(rate, tokens + (now - last) * rate)
        if tokens < 1:
            self.buckets[key] = (tokens, now)
            return False
        self.buckets[key] = (tokens - 1, now)
        return True
