"""The link's app behind a server started again after one stopped (helper-42's review): the stop made waiting long
polls answer at once, and nothing undid it, so every later long poll on that app answered at once and a POS
polled in a tight loop. Over loopback HTTP: a long poll on the second server waits for the change."""

from __future__ import annotations

import asyncio

import httpx

from pos_engage.link.server import LinkServer
from tests.link.conftest import TOKEN

LINE = {"lineId": "1", "sku": "1002", "name": "Wool jacket", "quantity": 1, "lineTotal": 129900, "vatPercent": 25}


async def test_a_long_poll_waits_for_the_change_on_a_server_started_after_another_stopped(rig):
    await rig.http.put("/v1/sales/again-1", json={"currency": "SEK", "lines": [LINE]})
    await rig.server.stop()   # the first server stops: its waiting polls were told to answer at once
    server = LinkServer(rig.link.asgi(), port=0)
    await server.start()
    try:
        async with httpx.AsyncClient(base_url=server.url, headers={"Authorization": f"Bearer {TOKEN}"},
                                     timeout=20) as http:
            version = (await http.get("/v1/sales/again-1")).json()["version"]
            waiting = asyncio.ensure_future(http.get("/v1/sales/again-1", params={"afterVersion": version,
                                                                                   "waitSeconds": 15}))
            await asyncio.sleep(0.2)   # the POS is waiting when the sale changes
            await rig.sessions.put("again-1", {"currency": "SEK", "lines": [{**LINE, "quantity": 2,
                                                                             "lineTotal": 259800}]})
            answer = (await waiting).json()
            assert answer["version"] > version, "the poll answered before the change"
            assert answer["lines"][0]["quantity"] == 2
    finally:
        await server.stop()
