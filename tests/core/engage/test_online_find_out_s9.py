"""At start the till asks Engage whether it answers (OnlineMonitor.find_out) instead of saying "online" on faith:
CHECKING until the client's ping has settled it, over real loopback HTTP against the simulator up, and against an
address nothing listens on (offline after ``offline_after`` refused connections, then only the probe goes out).
A monitor nobody asks to find out starts online, as the command line's always did."""

from __future__ import annotations

import asyncio

import pytest

from pos_engage.core.engage.client import EngageClient, Timeouts
from pos_engage.core.engage.online import Connectivity, OnlineMonitor
from pos_engage.sim.state import DEMO_API_KEY
from tests.core.engage.test_network import closed_port

pytestmark = pytest.mark.network

TIMEOUTS = Timeouts(interactive=3.0, background=3.0, connect=1.0)


async def test_checking_until_engage_answered_over_loopback_then_online(sim_server, sim_state):
    monitor = OnlineMonitor(offline_after=2)
    async with EngageClient(sim_server.base_url, DEMO_API_KEY, monitor=monitor, timeouts=TIMEOUTS) as client:
        seen: list[Connectivity] = []
        monitor.subscribe(seen.append)
        checked = monitor.find_out(client.ping)
        assert monitor.state is Connectivity.CHECKING and not monitor.offline   # at once, nothing awaited
        assert await asyncio.wait_for(checked, 10) is Connectivity.ONLINE
    assert seen == [Connectivity.CHECKING, Connectivity.ONLINE] and monitor.verified
    assert [(r["path"], r["status"]) for r in sim_state.received.requests] == [("/api/v2/contacts/count", 200)]


async def test_checking_until_nothing_answered_over_loopback_then_offline():
    monitor = OnlineMonitor(offline_after=2)
    async with EngageClient(f"http://127.0.0.1:{closed_port()}", DEMO_API_KEY, monitor=monitor,
                            timeouts=TIMEOUTS) as client:
        checked = monitor.find_out(client.ping)
        assert monitor.state is Connectivity.CHECKING
        assert await asyncio.wait_for(checked, 10) is Connectivity.OFFLINE
    assert monitor.offline and monitor.consecutive_failures == 2 and "connect" in (monitor.last_error or "").lower()
    assert not monitor.probe_due()   # went offline just now: the next question is the probe's, after its wait


async def test_a_monitor_nobody_asks_starts_online_and_a_heard_call_is_not_unsaid(sim_server):
    monitor = OnlineMonitor()
    assert monitor.state is Connectivity.ONLINE and not monitor.heard
    async with EngageClient(sim_server.base_url, DEMO_API_KEY, monitor=monitor, timeouts=TIMEOUTS) as client:
        await client.ping()
        seen: list[Connectivity] = []
        monitor.subscribe(seen.append)
        assert await monitor.find_out(client.ping) is Connectivity.ONLINE
    assert seen == []
