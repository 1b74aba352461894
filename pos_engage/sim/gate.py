"""The simulator's front door for /api/...: request log and per-key count, faults, auth, Content-Type and rate
limit, in that order.

Faults that strike after processing (a dropped connection, a garbled body) buffer the real answer first, so
the state changed exactly as it would have in Engage while the client learns nothing: an unknown outcome.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable, MutableMapping
from typing import Any

from pos_engage.sim.faults import key_label
from pos_engage.sim.state import SimState

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]

PROXY_PAGE = (b"<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head>"
              b"<body><h1>Bad Gateway</h1><p>The proxy server received an invalid response.</p></body></html>")


class SimulatedDrop(Exception):
    """Raised in-process where no socket exists to cut; the in-process transport turns it into a network error."""

    def __init__(self, after_processing: bool) -> None:
        super().__init__("connection dropped by the simulator")
        self.after_processing = after_processing


class Connections:
    """Open sockets by client address, filled by the server's protocol, so a fault can cut one."""

    def __init__(self) -> None:
        self.transports: dict[tuple, asyncio.BaseTransport] = {}

    def add(self, client: tuple | None, transport: asyncio.BaseTransport) -> None:
        if client:
            self.transports[tuple(client)] = transport

    def discard(self, client: tuple | None) -> None:
        if client:
            self.transports.pop(tuple(client), None)

    def get(self, client: Any) -> asyncio.BaseTransport | None:
        return self.transports.get(tuple(client)) if client else None


async def _send_simple(send: Send, status: int, body: bytes, content_type: str,
                       extra: list[tuple[bytes, bytes]] | None = None) -> None:
    headers = [(b"content-type", content_type.encode()), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers + (extra or [])})
    await send({"type": "http.response.body", "body": body})


async def _send_json(send: Send, status: int, payload: Any, extra: list[tuple[bytes, bytes]] | None = None) -> None:
    await _send_simple(send, status, json.dumps(payload).encode(), "application/json; charset=utf-8", extra)


class EngageGate:
    """ASGI middleware in front of the simulated API."""

    def __init__(self, app, state: SimState, connections: Connections | None = None) -> None:
        self.app = app
        self.state = state
        self.connections = connections

    async def _drop(self, scope: Scope, *, after_processing: bool) -> None:
        transport = self.connections.get(scope.get("client")) if self.connections else None
        if transport is None:
            raise SimulatedDrop(after_processing)
        transport.abort()  # RST, no answer: the client cannot tell whether anything happened
        await asyncio.sleep(0)  # let the server notice, so it does not try to answer on a dead socket

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith("/api/"):
            await self.app(scope, receive, send)
            return
        state, faults, dice = self.state, self.state.faults, self.state.dice
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        # Voyado documents `apikey`; its NFR page says `x-api-key`: accept both (engage-api.md 1).
        key = headers.get("apikey") or headers.get("x-api-key")
        entry = {"method": scope["method"], "path": scope["path"],
                 "query": scope.get("query_string", b"").decode("latin-1"), "status": None, "key": key_label(key)}
        state.received.requests.append(entry)
        if faults.down:
            entry["status"] = "dropped"
            await self._drop(scope, after_processing=False)
            return
        # Counted on arrival, per key, whatever the answer: Engage's limit is on requests, not on successes. A
        # request to an Engage that is down never arrived, so it is not counted.
        state.request_counter.count(key)
        if faults.latency:
            await asyncio.sleep(faults.latency)
        if dice.roll(faults.slow_rate):
            await asyncio.sleep(faults.slow_seconds)
        if faults.blocked:
            entry["status"] = 403
            await _send_json(send, 403, {"errorCode": "Forbidden", "message": "IP address not allowed"})
            return
        if key not in state.api_keys:
            # ASSUMPTION (Part A decision 2): a missing or wrong key is 401 Unauthorized.
            entry["status"] = 401
            await _send_json(send, 401, {"errorCode": "Unauthorized", "message": "missing or invalid API key"})
            return
        if not headers.get("content-type", "").lower().startswith("application/json"):
            # Documented: without Content-Type: application/json Engage answers 500 "An error has occurred".
            entry["status"] = 500
            await _send_json(send, 500, {"Message": "An error has occurred."})
            return
        if dice.roll(faults.storm_429_rate) or not state.limiter.allow(key, faults.rate_limit):
            entry["status"] = 429
            extra = [] if faults.retry_after is None else [(b"retry-after", f"{faults.retry_after:g}".encode())]
            # ASSUMPTION (Part A decision 3): 429 may carry Retry-After in seconds.
            await _send_json(send, 429, {"errorCode": "TooManyRequests", "message": "rate limit exceeded"}, extra)
            return
        failing_next = faults.fail_next > 0
        if failing_next:
            faults.fail_next -= 1
        if failing_next or dice.roll(faults.error_rate):
            status = faults.error_statuses[0] if failing_next else dice.choice(faults.error_statuses)
            entry["status"] = status
            await _send_json(send, status, {"errorCode": "InternalServerError", "message": "simulated failure"})
            return
        if dice.roll(faults.html_error_rate):
            entry["status"] = 502
            await _send_simple(send, 502, PROXY_PAGE, "text/html; charset=utf-8")
            return
        drop_after = dice.roll(faults.drop_after_rate)
        garble = dice.roll(faults.garbage_rate)
        buffered: list[Message] = []

        async def capture(message: Message) -> None:
            if message["type"] == "http.response.start":
                entry["status"] = message["status"]
            buffered.append(message)

        await self.app(scope, receive, capture)
        if drop_after:
            entry["status"] = f"{entry['status']} then dropped"
            await self._drop(scope, after_processing=True)
            return
        status = entry["status"] or 500
        if garble and status < 300:
            await _send_simple(send, 200, b'{"id": "truncated', "application/json")
            return
        if faults.oversize_bytes and status < 300:
            await _send_simple(send, 200, b'"' + b"x" * faults.oversize_bytes + b'"', "application/json")
            return
        for message in buffered:
            await send(message)
