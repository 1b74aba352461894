"""Server-sent events on GET /v1/events (link/events.py), read over real loopback HTTP with a streaming httpx client:
a change made in the window (through SaleSessions) and one made by another request each arrive as one ``sale``
event whose id is ``<posSaleId>:<version>`` and whose data are the bytes GET /v1/sales/{id} answers; ``?posSaleId=``
follows one sale; the door refuses a missing token and a browser as on every route; a heartbeat comes; a POS that
does not read is cut off at its queue's bound and its listener is gone; a POS that hangs up leaves no listener; the
server stopping (LinkServer.stop, and ``pos-engage serve`` on SIGTERM) ends an open stream cleanly."""

from __future__ import annotations

import asyncio
import json
import logging
import signal
import socket
import subprocess
import sys

import httpx
import pytest

from tests.link.conftest import ANNA, TOKEN
from tests.link.test_serve import env, free_port  # noqa: F401 - env is a fixture

LINES = [{"lineId": "1", "sku": "1001", "name": "T-shirt", "quantity": 1, "lineTotal": 19900, "vatPercent": 25}]
SALE = {"currency": "SEK", "lines": LINES}
WAIT = 10.0    # seconds: a generous bound on anything awaited, never a measure


class Feed:
    """The blocks of one event stream as they come: ``{"event", "id", "data"}`` or ``{"comment"}``."""

    def __init__(self, response: httpx.Response) -> None:
        self.response = response
        self._chunks = response.aiter_raw()
        self._buffer = b""

    async def block(self) -> dict | None:
        """The next block, or None once the stream ended (cleanly: a cut-off answer raises)."""
        while b"\n\n" not in self._buffer:
            try:
                self._buffer += await asyncio.wait_for(anext(self._chunks), WAIT)
            except StopAsyncIteration:
                assert not self._buffer.strip(), self._buffer
                return None
        raw, self._buffer = self._buffer.split(b"\n\n", 1)
        block: dict = {}
        for line in raw.split(b"\n"):
            name, _, value = line.partition(b":")
            if not name:
                block["comment"] = value.strip().decode()
            else:
                block[name.decode()] = value[1:] if value.startswith(b" ") else value
        return block

    async def event(self) -> dict | None:
        """The next event (comments passed by), None once the stream ended."""
        while True:
            block = await self.block()
            if block is None or "event" in block:
                return block

    async def end(self) -> list[dict]:
        """The events left until the stream ends."""
        left = []
        while (event := await self.event()) is not None:
            left.append(event)
        return left


async def until(condition) -> None:
    """Wait until ``condition()`` holds (what has no event to await: a listener removed on the server's side)."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + WAIT
    while not condition():
        assert loop.time() < deadline, "timed out"
        await asyncio.sleep(0.01)


async def expect_sale(feed: Feed, rig, sale_id: str) -> dict:
    """The next event is a change of ``sale_id`` and carries exactly what GET answers for it now."""
    event = await feed.event()
    assert event is not None and event["event"] == b"sale", event
    got = await rig.http.get(f"/v1/sales/{sale_id}")
    state = got.json()
    assert event["id"] == f"{sale_id}:{state['version']}".encode()
    assert event["data"] == got.content
    return state


async def test_changes_from_the_window_and_from_another_request_arrive_as_events(rig):
    rig.link.events.heartbeat = 0.05     # comments in between are passed by
    opened = (await rig.http.put("/v1/sales/e1", json=SALE)).json()
    async with rig.http.stream("GET", "/v1/events") as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        feed = Feed(response)
        hello = await feed.event()
        assert hello["event"] == b"hello"
        assert json.loads(hello["data"]) == {"posSaleId": None, "sales": ["e1"], "heartbeatSeconds": 0.05}
        now = await expect_sale(feed, rig, "e1")            # what is open now, at once
        assert now["version"] == opened["version"]

        identified = (await rig.http.post("/v1/sales/e1/customer", json={"key": ANNA})).json()
        state = await expect_sale(feed, rig, "e1")          # another request's change
        assert state["version"] == identified["version"] and state["customer"]["name"] == "Anna Andersson"

        offer = next(o for o in state["offers"] if o["applicable"])
        await rig.sessions.apply(rig.sessions.get("e1"), offer["offerId"])   # the cashier, in the window
        state = await expect_sale(feed, rig, "e1")
        assert state["version"] == identified["version"] + 1
        assert [a["offerId"] for a in state["applied"]] == [offer["offerId"]]

        await rig.http.put("/v1/sales/e2", json=SALE)       # a sale opened after the stream: its events too
        await expect_sale(feed, rig, "e2")
        await rig.http.post("/v1/sales/e2/void")
        assert (await expect_sale(feed, rig, "e2"))["status"] == "voided"


async def test_a_stream_can_follow_one_sale_even_before_it_is_opened(rig):
    before = len(rig.sessions.listeners)
    await rig.http.put("/v1/sales/other", json=SALE)
    async with rig.http.stream("GET", "/v1/events", params={"posSaleId": "mine"}) as response:
        feed = Feed(response)
        hello = json.loads((await feed.event())["data"])
        assert hello["posSaleId"] == "mine" and hello["sales"] == []
        assert len(rig.sessions.listeners) == before + 1
        await rig.http.put("/v1/sales/other", json={**SALE, "customerKey": ANNA})   # not followed: not sent
        await rig.http.put("/v1/sales/mine", json=SALE)
        await expect_sale(feed, rig, "mine")
    async with rig.http.stream("GET", "/v1/events?posSaleId=mine") as response:  # once open: its state at once
        feed = Feed(response)
        assert json.loads((await feed.event())["data"])["sales"] == ["mine"]
        await expect_sale(feed, rig, "mine")
    refused = await rig.http.get("/v1/events", params={"posSaleId": "not/a sale"})
    assert refused.status_code == 422 and refused.headers["content-type"] == "application/problem+json"
    assert refused.json()["code"] == "InvalidSaleId"
    await until(lambda: len(rig.sessions.listeners) == before)


async def test_the_door_refuses_a_missing_token_and_a_browser_as_on_every_route(rig):
    before = len(rig.sessions.listeners)
    async with httpx.AsyncClient(base_url=rig.server.url, timeout=10.0) as anonymous:
        unauthorized = await anonymous.get("/v1/events")
        wrong = await anonymous.get("/v1/events", headers={"Authorization": "Bearer not-the-token"})
    browser = await rig.http.get("/v1/events", headers={"Origin": "http://evil.example"})
    for answer, status, code in ((unauthorized, 401, "Unauthorized"), (wrong, 401, "Unauthorized"),
                                 (browser, 403, "BrowserRefused")):
        assert answer.status_code == status and answer.json()["code"] == code
        assert answer.headers["content-type"] == "application/problem+json"
        assert "access-control-allow-origin" not in answer.headers
    assert unauthorized.headers["www-authenticate"].startswith("Bearer")
    assert len(rig.sessions.listeners) == before


async def test_a_heartbeat_comment_comes_while_nothing_changes(rig):
    rig.link.events.heartbeat = 0.05
    async with rig.http.stream("GET", "/v1/events") as response:
        feed = Feed(response)
        assert (await feed.block())["event"] == b"hello"
        assert await feed.block() == {"comment": "keep-alive"}
        assert await feed.block() == {"comment": "keep-alive"}


async def test_a_burst_beyond_the_bound_ends_the_stream_with_overflow_and_removes_its_listener(rig):
    rig.link.events.queue_size = 3
    before = len(rig.sessions.listeners)
    await rig.http.put("/v1/sales/burst", json=SALE)
    async with rig.http.stream("GET", "/v1/events") as response:
        feed = Feed(response)
        assert (await feed.event())["event"] == b"hello"
        await expect_sale(feed, rig, "burst")
        assert len(rig.sessions.listeners) == before + 1
        # Four changes in one step of the loop (the basket replaced under a free lock: nothing awaited), so
        # the stream's writer gets no turn in between and its queue is full at the fourth, as for a POS that reads
        # too slowly, whatever the machine's speed.
        for n in range(4):   # each a change (a basket sent again as it was is none: its version stays)
            await rig.sessions.put("burst", {**SALE, "lines": [{**LINES[0], "name": f"Renamed {n}"}, *LINES[1:]]})
        assert len(rig.sessions.listeners) == before       # removed at once, by the change that found it full
        left = await feed.end()
        assert [e["event"] for e in left] == [b"overflow"]
        assert json.loads(left[0]["data"]) == {"queueSize": 3}
    assert rig.link.events.open_count == 0
    assert (await rig.http.put("/v1/sales/burst", json=SALE)).status_code == 200   # the till goes on


@pytest.mark.network
async def test_a_pos_that_stops_reading_is_cut_off_at_the_bound(rig, caplog):
    rig.link.events.queue_size = 4
    rig.link.events.heartbeat = 3600
    before = len(rig.sessions.listeners)
    big = {"currency": "SEK", "lines": [{**LINES[0], "lineId": str(n), "name": f"Article number {n:04}" * 4}
                                        for n in range(1000)]}
    assert (await rig.http.put("/v1/sales/big", json=big)).status_code == 200
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)   # a POS that reads nothing and buffers little
    sock.setblocking(False)
    await asyncio.get_running_loop().sock_connect(sock, ("127.0.0.1", rig.server.port))
    reader, writer = await asyncio.open_connection(sock=sock)
    writer.write(f"GET /v1/events HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {TOKEN}\r\n\r\n".encode())
    await writer.drain()
    await until(lambda: len(rig.sessions.listeners) == before + 1)
    changes = 0
    while len(rig.sessions.listeners) > before:   # every change is a ~100 kB event the POS does not read
        changes += 1
        assert changes < 2000, "the stream was never cut off"
        big["lines"][0]["quantity"] = 1 + changes % 2   # a change each time (one sent again as it was is none)
        assert (await rig.http.put("/v1/sales/big", json=big)).status_code == 200
    await until(lambda: rig.link.events.open_count == 0)
    assert "not read" in caplog.text
    assert not [r for r in caplog.records if r.name.startswith("uvicorn") and r.levelno >= logging.ERROR]
    received = 0
    while chunk := await asyncio.wait_for(reader.read(1 << 20), WAIT):   # the till closed the connection
        received += len(chunk)
    assert received > 0
    writer.close()
    assert (await rig.http.get("/v1/sales/big")).status_code == 200


async def test_a_pos_that_hangs_up_leaves_no_listener(rig):
    before = len(rig.sessions.listeners)
    await rig.http.put("/v1/sales/h1", json=SALE)
    for _ in range(3):
        async with rig.http.stream("GET", "/v1/events") as response:
            assert (await Feed(response).event())["event"] == b"hello"
            assert len(rig.sessions.listeners) == before + 1
    await until(lambda: len(rig.sessions.listeners) == before and rig.link.events.open_count == 0)
    assert (await rig.http.put("/v1/sales/h1", json={**SALE, "customerKey": ANNA})).status_code == 200


async def test_stopping_the_server_ends_an_open_stream_cleanly(rig, caplog):
    caplog.set_level(logging.INFO)
    rig.link.events.heartbeat = 3600      # nothing would end it but the server stopping
    before = len(rig.sessions.listeners)
    async with rig.http.stream("GET", "/v1/events") as response:
        feed = Feed(response)
        assert (await feed.event())["event"] == b"hello"
        stopping = asyncio.ensure_future(rig.server.stop())
        assert await feed.end() == []       # the answer is finished, not cut off (that would raise)
        await asyncio.wait_for(stopping, 10)
    assert len(rig.sessions.listeners) == before and rig.link.events.open_count == 0
    assert "graceful shutdown exceeded" not in caplog.text


@pytest.mark.network
def test_serve_stops_on_sigterm_with_a_stream_open(env):  # noqa: F811 - the fixture
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "pos_engage", "serve", "--demo", "--port", str(port)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
    try:
        assert process.stdout.readline().strip() == f"POS link on http://127.0.0.1:{port}"
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=httpx.Timeout(10, read=30),
                          headers={"Authorization": "Bearer it-made-this-one"}) as http, \
                http.stream("GET", "/v1/events") as response:
            lines = response.iter_lines()
            assert next(line for line in lines if line.startswith("event:")) == "event: hello"
            process.send_signal(signal.SIGTERM)
            rest = list(lines)            # to its end: cleanly (a cut-off chunked answer raises)
            assert not [line for line in rest if line.startswith(("event:", ":"))], rest
        assert process.wait(timeout=15) == 0
        err = process.stderr.read()
        assert "stopped" in err and "graceful shutdown exceeded" not in err
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
