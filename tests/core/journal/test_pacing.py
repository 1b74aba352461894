"""Tills share a key politely, and the cashier never waits for the backlog.

The pacer's arithmetic runs on a fake clock that moves only when someone waits (AIMD: a 429 halves the whole
till's rate once per overload and pauses it for the Retry-After; seconds without one add back a little, up to a cap
remembered under the refused rate). The replayer runs against the simulator in-process with its per-key limit on:
its 429s reach the pacer through the online monitor, and the figures land in the journal's meta for doctor. A sale
finished on top of a 5,000-entry backlog is claimed and sent first.
"""

from __future__ import annotations

import asyncio
import random

import pytest

from pos_engage.core.engage.client import EngageClient
from pos_engage.core.engage.online import PROBE_JITTER, OnlineMonitor
from pos_engage.core.errors import EngageTransportError
from pos_engage.core.journal import payloads
from pos_engage.core.journal.entry import EntryStatus
from pos_engage.core.journal.rate import (
    CAP_MARGIN,
    CAP_QUIET_SECONDS,
    CLIMB_SECONDS,
    DECREASE,
    HEADROOM,
    PAUSE_JITTER,
    RESERVE,
    AdaptivePacer,
    PacingSummary,
    urgent,
)
from pos_engage.core.journal.replayer import PACING_META, Replayer
from pos_engage.sim.state import DEMO_API_KEY
from pos_engage.sim.transport import SimTransport
from tests.core.conftest import sale


class FakeTime:
    """Seconds that pass only when someone waits (or the test says so)."""

    def __init__(self) -> None:
        self.now = 0.0

    def clock(self) -> float:
        return self.now

    async def sleep(self, seconds: float) -> None:
        self.now += max(0.0, seconds)
        await asyncio.sleep(0)


def pacer(share: float | None, time: FakeTime, **options) -> AdaptivePacer:
    return AdaptivePacer(share, clock=time.clock, sleep=time.sleep, rng=random.Random(7), **options)


def most_in_any_window(stamps: list[float], window: float = 1.0) -> int:
    times, most, start = sorted(stamps), 0, 0
    for end, moment in enumerate(times):
        while times[start] <= moment - window:
            start += 1
        most = max(most, end - start + 1)
    return most


async def sends(pace: AdaptivePacer, time: FakeTime, count: int) -> list[float]:
    stamps = []
    for _ in range(count):
        await pace.acquire()
        stamps.append(time.now)
    return stamps


# ---------------------------------------------------------------- AIMD on a fake clock

async def test_background_delivery_leaves_the_reserve_for_the_cashier():
    time = FakeTime()
    pace = pacer(50.0, time)
    stamps = await sends(pace, time, 400)
    assert most_in_any_window(stamps) <= int(50 * (1 - RESERVE))
    assert len(stamps) / (stamps[-1] - stamps[0]) >= 0.9 * 50 * (1 - RESERVE) * HEADROOM


async def test_a_429_halves_the_whole_till_once_per_overload_and_pauses_it_for_the_retry_after():
    time = FakeTime()
    pace = pacer(20.0, time)
    for _ in range(5):  # answers to requests already on their way: one overload
        pace.refused(retry_after=2.0)
    assert pace.rate == pytest.approx(20.0 * DECREASE)
    assert pace.cap == pytest.approx(20.0 * CAP_MARGIN)
    assert pace.refused_total == 5
    await pace.acquire()  # nothing goes before the Retry-After, stretched a little at random
    assert 2.0 <= time.now <= 2.0 * (1 + PAUSE_JITTER)
    time.now += 1.5  # a second overload, later: halved again from where it had climbed to
    before, cap = pace.limit(background=False), pace.cap
    assert before > 20.0 * DECREASE  # it had climbed meanwhile
    pace.refused(retry_after=None)
    assert pace.rate == pytest.approx(before * DECREASE)
    assert pace.cap == pytest.approx(min(cap, before * CAP_MARGIN))  # remembered under the refused rate


async def test_the_rate_climbs_back_additively_to_the_cap_then_after_a_quiet_minute_to_the_share():
    time = FakeTime()
    pace = pacer(40.0, time)
    pace.refused(retry_after=0.0)
    half, cap = pace.rate, pace.cap
    assert half == pytest.approx(20.0) and cap == pytest.approx(40.0 * CAP_MARGIN)
    step = 40.0 / (2 * CLIMB_SECONDS)
    for seconds in (1.0, 2.0, 5.0):
        time.now = seconds
        assert pace.limit(background=False) == pytest.approx(half + step * seconds)  # additive, not a jump
    time.now = 30.0
    assert pace.limit(background=False) == pytest.approx(cap)  # held under where Engage refused
    time.now = CAP_QUIET_SECONDS - 1
    assert pace.limit(background=False) == pytest.approx(cap)
    time.now = CAP_QUIET_SECONDS + 700
    assert pace.limit(background=False) == pytest.approx(40.0)  # a quiet while later: the whole share again
    assert pace.limit() == pytest.approx(40.0 * (1 - RESERVE))


async def test_refusals_bring_the_rate_down_to_what_the_key_lets_through():
    """Four tills of 20/s each on a key of 20/s, each with its own pacer, one clock: Engage's limit (a sliding
    window) refuses what is over; after the refusals the tills together stay within the limit."""
    time = FakeTime()
    tills = [AdaptivePacer(20.0, clock=time.clock, sleep=time.sleep, rng=random.Random(n)) for n in range(4)]
    accepted: list[float] = []
    arrived: list[tuple[float, int]] = []

    async def till(pace: AdaptivePacer, number: int) -> None:
        while time.now < 120:
            await pace.acquire()
            arrived.append((time.now, number))
            recent = [t for t in accepted if t > time.now - 1.0]
            if len(recent) >= 20:
                pace.refused(retry_after=1.0)
            else:
                accepted.append(time.now)

    await asyncio.gather(*(till(pace, n) for n, pace in enumerate(tills)))
    late = [moment for moment, _ in arrived if moment > 40]
    assert late and most_in_any_window(late) <= 20
    assert len(late) / 80 >= 0.5 * 20  # and they still use the key: at least half of it
    assert sum(pace.refused_total for pace in tills) < 200  # the overload was short


async def test_an_urgent_request_uses_the_reserve_and_does_not_queue_behind_background_delivery():
    time = FakeTime()
    pace = pacer(10.0, time)
    await sends(pace, time, int(10 * (1 - RESERVE)))  # background's part of the window is used up
    before = time.now
    token = urgent.set(True)
    try:
        await pace.acquire()
    finally:
        urgent.reset(token)
    assert time.now == before  # the reserve: at once
    unlimited = pacer(None, time)
    await unlimited.acquire()
    assert unlimited.summary().requests_last_minute == 1


async def test_the_first_drain_after_an_outage_starts_at_a_random_moment_and_at_half_the_rate():
    moments = []
    for seed in range(5):
        time = FakeTime()
        pace = AdaptivePacer(50.0, clock=time.clock, sleep=time.sleep, rng=random.Random(seed))
        pace.start_slowly(2.0)
        assert pace.rate == pytest.approx(25.0)
        await pace.acquire()
        assert 0.0 <= time.now <= 2.0
        moments.append(time.now)
    assert len(set(moments)) == 5  # tills come back apart


async def test_the_online_probe_is_jittered_by_a_seeded_generator(clock):
    waits = []
    for seed in range(6):
        monitor = OnlineMonitor(offline_after=1, probe_interval=15.0, clock=clock, rng=random.Random(seed))
        monitor.record_failure(EngageTransportError("down", outcome_unknown=False))
        assert monitor.offline and not monitor.probe_due()
        wait = monitor.next_probe_wait
        assert 15.0 * (1 - PROBE_JITTER) <= wait <= 15.0
        clock.advance(wait - 0.01)
        assert not monitor.probe_due()
        clock.advance(0.02)
        assert monitor.probe_due()
        waits.append(wait)
    assert len({round(w, 6) for w in waits}) == 6
    again = OnlineMonitor(probe_interval=15.0, rng=random.Random(3))
    assert again.next_probe_wait == OnlineMonitor(probe_interval=15.0, rng=random.Random(3)).next_probe_wait


# ---------------------------------------------------------------- the replayer against the simulator's limit

async def test_the_simulators_429s_slow_the_replayer_and_the_figures_reach_the_journal(journal, sim_state):
    sim_state.faults.update({"rate_limit": 5, "retry_after": 0.2})
    journal.record([payloads.receipt(sale(f"p{n}")) for n in range(40)])
    async with EngageClient("https://engage.test", DEMO_API_KEY, transport=SimTransport(sim_state)) as client:
        replayer = Replayer(journal, client, monitor=OnlineMonitor(), rate_per_second=50.0, schedule=(0.2,),
                            rng=random.Random(1))
        report = await replayer.replay_once()
        try:
            assert report.retrying > 0  # 50/s against 5/s: refused
            pacing = replayer.pacing()
            assert pacing.refused_total == report.retrying
            assert pacing.rate <= 50.0 * DECREASE  # the whole till, not only the refused entries
            replayer.close()
            stored = PacingSummary.from_json(journal.connection.execute(
                "SELECT value FROM meta WHERE name = ?", (PACING_META,)).fetchone()[0])
            assert stored.refused_last_minute == report.retrying and stored.share == 50.0
            assert stored.requests_last_minute >= 40  # and the question whether it is Engage answering
        finally:
            replayer.close()


async def test_tills_on_key_gives_each_till_its_share(journal, client):
    replayer = Replayer(journal, client, rate_per_second=50.0, tills_on_key=4)
    assert replayer.bucket.share == pytest.approx(12.5)
    assert replayer.bucket.limit() == pytest.approx(12.5 * (1 - RESERVE))


# ---------------------------------------------------------------- the cashier's sale goes first

async def test_a_sale_on_a_5000_entry_backlog_is_claimed_and_sent_first(journal, sim_state):
    journal.record([payloads.receipt(sale(f"old-{n}")) for n in range(5000)])
    committed = journal.record([payloads.receipt(sale("new-sale"))])
    ids = tuple(e.id for e in committed)
    async with EngageClient("https://engage.test", DEMO_API_KEY, transport=SimTransport(sim_state)) as client:
        replayer = Replayer(journal, client, monitor=OnlineMonitor(), rate_per_second=50.0,
                            rng=random.Random(1))
        try:
            report = await replayer.replay_entries(ids)
        finally:
            replayer.close()
    assert report.claimed == 1 and report.delivered == 1
    assert journal.get(ids[0]).status is EntryStatus.DELIVERED
    assert sim_state.received.receipts == ["new-sale"] or list(sim_state.received.receipts) == ["new-sale"]
    assert journal.count(statuses=[EntryStatus.PENDING]) == 5000  # the backlog waits its turn


async def test_a_sale_waiting_for_an_earlier_entry_is_not_claimed_out_of_order(journal):
    from pos_engage.core.domain import NewContact
    registration = journal.record([payloads.registration(NewContact(first_name="Eva", email="eva@example.se"),
                                                         store_external_id="1")])[0]
    receipt = journal.record([payloads.receipt(sale("after-registration"), depends_on=registration.id)])[0]
    assert journal.claim_due(10, ids=[receipt.id]) == []  # its registration first: dependencies allowing
    claimed = journal.claim_due(10, ids=[registration.id])
    assert [e.id for e in claimed] == [registration.id]


async def test_a_share_under_the_floor_is_never_raised_by_a_refusal():
    time = FakeTime()
    pace = pacer(0.25, time)  # 200 tills on a 50/s key
    pace.refused(retry_after=0.0)
    assert pace.rate <= 0.25 and pace.cap <= 0.25
    time.now += 3600
    assert pace.limit(background=False) == pytest.approx(0.25)
