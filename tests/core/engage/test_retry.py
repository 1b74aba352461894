"""retry: the decision per error and call kind, and the backoff schedule."""

from __future__ import annotations

import random

import pytest

from pos_engage.core.engage.retry import (
    BACKGROUND_SCHEDULE,
    CallKind,
    Decision,
    base_delay,
    decide,
    interactive_retry_delay,
    jitter,
    next_delay,
    parse_retry_after,
)
from pos_engage.core.errors import (
    EngageAuthError,
    EngageBadResponse,
    EngageNotFound,
    EngageRateLimited,
    EngageServerError,
    EngageTimeout,
    EngageTransportError,
    EngageValidationError,
    PromotionAlreadyRedeemed,
)

refused = EngageTransportError("refused", outcome_unknown=False)
lost = EngageTransportError("lost", outcome_unknown=True)
timeout = EngageTimeout("slow", outcome_unknown=True)
server = EngageServerError("500", status=500, outcome_unknown=True)
limited = EngageRateLimited("429", status=429, retry_after=3)


@pytest.mark.parametrize(("error", "kind", "decision"), [
    (refused, CallKind.CHECKED_WRITE, Decision.RETRY),
    (refused, CallKind.NEVER_REPEAT, Decision.RETRY),
    (limited, CallKind.NEVER_REPEAT, Decision.RETRY),
    (lost, CallKind.RECEIPT, Decision.RETRY),
    (timeout, CallKind.IDEMPOTENT_WRITE, Decision.RETRY),
    (lost, CallKind.CHECKED_WRITE, Decision.CHECK_FIRST),
    (server, CallKind.CHECKED_WRITE, Decision.CHECK_FIRST),
    (timeout, CallKind.NEVER_REPEAT, Decision.NEEDS_ATTENTION),
    (EngageValidationError("bad", status=400), CallKind.RECEIPT, Decision.NEEDS_ATTENTION),
    (EngageNotFound("gone", status=404), CallKind.CHECKED_WRITE, Decision.NEEDS_ATTENTION),
    (PromotionAlreadyRedeemed("used", status=409), CallKind.CHECKED_WRITE, Decision.CONFLICT),
    (EngageAuthError("key", status=401), CallKind.RECEIPT, Decision.WAIT_FOR_IT),
    (EngageBadResponse("html", status=502), CallKind.RECEIPT, Decision.RETRY),
])
def test_decisions(error, kind, decision):
    assert decide(error, kind) is decision


def test_background_schedule_is_10_30_60_300_then_300():
    assert [base_delay(n) for n in range(1, 8)] == [10, 30, 60, 300, 300, 300, 300]
    assert BACKGROUND_SCHEDULE == (10, 30, 60, 300)


def test_jitter_stays_within_twenty_percent_and_is_seeded():
    rng = random.Random(3)
    spread = [jitter(100, rng) for _ in range(500)]
    assert min(spread) >= 80 and max(spread) <= 120 and len(set(spread)) > 100
    assert jitter(100, random.Random(3)) == jitter(100, random.Random(3))


def test_retry_after_wins_over_the_schedule():
    assert next_delay(1, retry_after=120) == 120
    assert 8 <= next_delay(1, rng=random.Random(1)) <= 12


def test_interactive_reads_retry_once_and_only_fast_failures():
    assert interactive_retry_delay(refused, 1) == pytest.approx(0.3)
    assert interactive_retry_delay(refused, 2) is None
    assert interactive_retry_delay(timeout, 1) is None
    assert interactive_retry_delay(EngageRateLimited("429", retry_after=0.5), 1) == 0.5
    assert interactive_retry_delay(EngageRateLimited("429", retry_after=30), 1) is None
    assert interactive_retry_delay(EngageNotFound("no"), 1) is None


@pytest.mark.parametrize(("header", "seconds"), [("5", 5.0), (" 2.5 ", 2.5), ("-1", None), ("soon", None),
                                                 (None, None), ("Wed, 21 Oct 2026 07:28:00 GMT", None)])
def test_parse_retry_after(header, seconds):
    assert parse_retry_after(header) == seconds
