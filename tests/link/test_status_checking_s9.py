"""/v1/status says Engage is online once Engage has answered, not while the till's start is still asking (helper C:
the link's status said "online" from the start, before anything was asked, as the window's status bar did). Over
loopback HTTP: the start's check waits on a ping that has not answered yet, then answers."""

from __future__ import annotations

import asyncio

from pos_engage.core.engage.online import Connectivity
from tests.link.conftest import served


async def test_the_status_is_not_online_until_engage_answered(tenant, tmp_path):
    async with served(tenant, tmp_path / "journal.sqlite3") as rig:
        monitor = rig.service.client.monitor
        monitor.state, monitor.heard = Connectivity.ONLINE, False   # a till just started: nothing asked yet
        answered = asyncio.Event()

        async def ping() -> None:   # Engage has not answered yet
            await answered.wait()
            monitor.record_success()

        checking = monitor.find_out(ping)
        status = (await rig.http.get("/v1/status")).json()
        assert status["online"] is False
        answered.set()
        assert await checking is Connectivity.ONLINE
        assert (await rig.http.get("/v1/status")).json()["online"] is True
