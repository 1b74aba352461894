"""The retry policy, kept apart from the code that calls Engage (design.md principle 7).

Pure functions: what to do after a failed call of a given kind, and how long to wait before the next attempt.
Engage's own guidance (engage-api.md 6.4, Part A decision 10): retry late, never repeat a state-changing POST
blindly, and check with a GET whether a call with an unknown outcome took effect.
"""

from __future__ import annotations

import enum
import random

from pos_engage.core.errors import (
    EngageAuthError,
    EngageConflict,
    EngageError,
    EngageImpostor,
    EngageRateLimited,
    EngageTimeout,
    EngageUnavailable,
)

# Background replay: 10 s, 30 s, 60 s, 300 s, then every 300 s (Voyado's retry page).
BACKGROUND_SCHEDULE: tuple[float, ...] = (10.0, 30.0, 60.0, 300.0)
# A cashier is waiting: one quick second try for a read, and only for failures that return fast.
INTERACTIVE_SCHEDULE: tuple[float, ...] = (0.3,)
# The longest Retry-After an interactive call will sit through before giving up.
INTERACTIVE_MAX_WAIT = 1.0


class CallKind(enum.Enum):
    """How safe a call is to send again."""

    READ = "read"                          # GET: always safe
    RECEIPT = "receipt"                    # POST, but Engage ignores a repeated uniqueReceiptId
    IDEMPOTENT_WRITE = "idempotent_write"  # PATCH of changed fields, type upgrade, v3 order write by orderId
    CHECKED_WRITE = "checked_write"        # register, redeem, order action: check with a GET before resending
    NEVER_REPEAT = "never_repeat"          # v2 order communication: no dedup and nothing to GET


class Decision(enum.Enum):
    RETRY = "retry"                        # send again after the backoff
    CHECK_FIRST = "check_first"            # outcome unknown: look it up, resend only if it did not happen
    NEEDS_ATTENTION = "needs_attention"    # permanent: a person must act (Engage's message says why)
    CONFLICT = "conflict"                  # 409: Engage's state disagrees (already redeemed...): manager decides
    WAIT_FOR_IT = "wait_for_it"            # 401/403: nothing will work until IT fixes the key; keep everything


def decide(error: EngageError, kind: CallKind) -> Decision:
    """What the journal does with an entry whose delivery failed with ``error``."""
    if isinstance(error, EngageAuthError):
        return Decision.WAIT_FOR_IT
    if isinstance(error, EngageConflict):
        return Decision.CONFLICT
    if not isinstance(error, EngageUnavailable):
        return Decision.NEEDS_ATTENTION
    if not error.outcome_unknown or isinstance(error, EngageRateLimited):
        return Decision.RETRY  # the request certainly did not take effect
    if kind in (CallKind.READ, CallKind.RECEIPT, CallKind.IDEMPOTENT_WRITE):
        return Decision.RETRY
    if kind is CallKind.CHECKED_WRITE:
        return Decision.CHECK_FIRST
    return Decision.NEEDS_ATTENTION  # NEVER_REPEAT: a resend could email the customer twice


def base_delay(attempt: int, schedule: tuple[float, ...] = BACKGROUND_SCHEDULE) -> float:
    """The scheduled wait after the ``attempt``-th failure (1-based); the last step repeats."""
    if attempt < 1:
        raise ValueError("attempt counts from 1")
    return schedule[min(attempt, len(schedule)) - 1]


def jitter(delay: float, rng: random.Random | None = None, spread: float = 0.2) -> float:
    """Spread a delay by +/- ``spread`` so a fleet of tills coming back online does not retry in step."""
    rng = rng or random
    return delay * (1.0 + rng.uniform(-spread, spread))


def next_delay(
    attempt: int,
    *,
    retry_after: float | None = None,
    schedule: tuple[float, ...] = BACKGROUND_SCHEDULE,
    rng: random.Random | None = None,
) -> float:
    """Seconds to wait before the next attempt. Engage's Retry-After wins over the schedule when given."""
    if retry_after is not None and retry_after >= 0:
        return float(retry_after)
    return jitter(base_delay(attempt, schedule), rng)


def interactive_retry_delay(error: EngageError, attempt: int) -> float | None:
    """For a read a cashier is waiting on: seconds before one more try, or None to give up now.

    Timeouts are not retried (the cashier already waited the whole deadline), nor is anything permanent, nor an
    answer from something in Engage's place (a login page does not go away in 0.3 s).
    """
    if attempt > len(INTERACTIVE_SCHEDULE) or not isinstance(error, EngageUnavailable) or \
            isinstance(error, EngageImpostor):
        return None
    if isinstance(error, EngageRateLimited):
        wait = error.retry_after if error.retry_after is not None else INTERACTIVE_SCHEDULE[attempt - 1]
        return wait if wait <= INTERACTIVE_MAX_WAIT else None
    if isinstance(error, EngageTimeout):
        return None
    return INTERACTIVE_SCHEDULE[attempt - 1]


def parse_retry_after(value: str | None) -> float | None:
    """Retry-After in seconds (the HTTP-date form is not used by Engage's simulator; ignored if present)."""
    if not value:
        return None
    try:
        seconds = float(value.strip())
    except ValueError:
        return None
    return seconds if seconds >= 0 else None
