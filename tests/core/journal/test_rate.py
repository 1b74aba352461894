"""The rate limit counts HTTP requests, not queue entries: a registration's lookups and follow-ups, order job polls
and the checks before a resend all wait for their slot. Time here is a fake clock that moves only when the limiter
waits, so any request that skipped the limiter would land in a window already full."""

from __future__ import annotations

import asyncio
from collections import Counter
from datetime import datetime, timedelta, timezone
from decimal import Decimal

import httpx
import pytest

from pos_engage.core.domain import MatchKey, NewContact, Order, OrderLine
from pos_engage.core.engage.client import EngageClient
from pos_engage.core.engage.online import OnlineMonitor
from pos_engage.core.journal import payloads
from pos_engage.core.journal.entry import EntryStatus
from pos_engage.core.journal.order_delivery import JobPolling
from pos_engage.core.journal.rate import HEADROOM, RequestWindow, TokenBucket
from pos_engage.core.journal.replayer import Replayer
from pos_engage.sim.state import DEMO_API_KEY
from pos_engage.sim.transport import SimTransport

LIMIT = 50.0


class FakeTime:
    """Seconds that pass only when someone waits."""

    def __init__(self) -> None:
        self.now = 0.0

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += max(0.0, seconds)
        await asyncio.sleep(0)


class Stamping(httpx.AsyncBaseTransport):
    """The simulator in-process, with the fake time of every request that reaches it."""

    def __init__(self, inner: httpx.AsyncBaseTransport, time: FakeTime) -> None:
        self.inner, self.time, self.stamps = inner, time, []

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        self.stamps.append((self.time.now, request.method, request.url.path))
        return await self.inner.handle_async_request(request)


def busiest_second(stamps: list[float]) -> int:
    """The most requests in any window [t, t + 1 s)."""
    times, most, start = sorted(stamps), 0, 0
    for end, moment in enumerate(times):
        while times[start] <= moment - 1.0:
            start += 1
        most = max(most, end - start + 1)
    return most


def test_the_busiest_second_is_counted_over_sliding_windows():
    assert busiest_second([0.0, 0.5, 0.99, 1.0, 1.2]) == 4
    assert busiest_second([float(n) for n in range(5)]) == 1


async def test_duplicate_registrations_and_order_polls_stay_within_the_limit_counted_per_request(journal, sim_state):
    time = FakeTime()
    stamping = Stamping(SimTransport(sim_state), time)
    async with EngageClient("https://engage.test", DEMO_API_KEY, transport=stamping) as client:
        emails = [f"dup{n}@example.se" for n in range(300)]
        for email in emails:  # customers Engage already holds (set up unpaced: the till's own calls are not)
            await client.register(NewContact(first_name="Dup", email=email), store_external_id="1")
        stamping.stamps.clear()
        for email in emails:  # registered again at the till, with a last name Engage does not have yet
            journal.record([payloads.registration(NewContact(first_name="Dup", last_name="Again", email=email),
                                                  store_external_id="1")])
        anna = next(iter(sim_state.contacts))
        sim_state.order_job_polls = 2  # each order's job is still running when first asked
        cet = timezone(timedelta(hours=1))
        for n in range(20):
            order = Order(f"rate-{n}", MatchKey(anna), "1", "Received", "SEK", datetime(2026, 11, 23, 9, tzinfo=cet),
                          (OrderLine("1001", "T-shirt", 1, Decimal("199")),))
            journal.record([payloads.order_write(order, change=1)])
        replayer = Replayer(journal, client, monitor=OnlineMonitor(), rate_per_second=LIMIT, concurrency=4,
                            job_polling=JobPolling(schedule=(0.0,), sleep=time.sleep, clock=time.clock))
        assert replayer.bucket.share == LIMIT  # the till's pace (adaptive: test_pacing.py); a plain window here
        replayer.bucket = RequestWindow(LIMIT, clock=time.clock, sleep=time.sleep)
        report = await replayer.replay_until_empty(max_seconds=3600, sleep=time.sleep, clock=time.clock)
    assert report.delivered == 320 and not report.errors
    assert journal.count(statuses=[EntryStatus.DELIVERED]) == 320
    stamps = [moment for moment, _, _ in stamping.stamps]
    polls = [path for _, method, path in stamping.stamps if method == "GET" and "/orders/jobs/" in path]
    assert len(polls) >= 40  # at least two polls per order: they were paced too
    assert len(stamps) >= 3 * 300  # each registration: a lookup, then the fill and reading the contact back
    assert busiest_second(stamps) <= LIMIT
    assert len(stamps) / (max(stamps) - min(stamps)) >= 0.9 * LIMIT


async def test_calls_a_cashier_waits_on_are_not_paced(sim_state):
    time = FakeTime()
    bucket = TokenBucket(1.0, clock=time.clock, sleep=time.sleep)
    async with EngageClient("https://engage.test", DEMO_API_KEY, transport=SimTransport(sim_state)) as client:
        paced = client.for_background(pacer=bucket.acquire)
        for _ in range(3):
            await client.ping()
        assert time.now == 0.0
        for _ in range(3):
            await paced.ping()
        assert time.now == pytest.approx(2.0)  # three requests at one a second: two waits


async def test_the_window_never_lets_more_than_the_limit_into_a_second_and_catches_up_after_a_stall():
    time = FakeTime()
    window = RequestWindow(50.0, clock=time.clock, sleep=time.sleep)
    stamps = []
    for n in range(500):
        if n % 100 == 50:
            time.now += 0.1  # the till was busy (a journal write): five slots pass without a request
        await window.acquire()
        stamps.append(time.now)
    assert busiest_second(stamps) == 50
    assert max(Counter(stamps).values()) <= 5  # never more than a tenth of the limit at once
    assert stamps[-1] <= 499 / (50 * HEADROOM) + 0.01  # every stall caught up: 47 a second


async def test_a_limit_under_one_a_second_spaces_single_requests():
    time = FakeTime()
    window = RequestWindow(0.5, clock=time.clock, sleep=time.sleep)
    for _ in range(3):
        await window.acquire()
    assert time.now == pytest.approx(2 * 2 / HEADROOM)
    unlimited = RequestWindow(None, clock=time.clock, sleep=time.sleep)
    for _ in range(1000):
        await unlimited.acquire()
    assert time.now == pytest.approx(2 * 2 / HEADROOM)
