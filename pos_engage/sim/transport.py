"""The simulator in-process: an httpx transport that calls the ASGI app directly (demo mode, fast tests).

``on_change`` (the demo: sim/snapshot.py keeps its tenant) is called after each request that may have changed the
tenant (any method but GET, HEAD and OPTIONS), whatever its answer: a refused request changes nothing, and saving
then too costs less than telling the two apart.

A simulated dropped connection becomes the network error httpx would raise for a real one, so the client under
test cannot tell the in-process simulator from one on a socket.
"""

from __future__ import annotations

from collections.abc import Callable

import httpx

from pos_engage.sim.app import build_app
from pos_engage.sim.gate import SimulatedDrop
from pos_engage.sim.state import SimState

_READS = frozenset({"GET", "HEAD", "OPTIONS"})


class SimTransport(httpx.AsyncBaseTransport):
    def __init__(self, state: SimState, *, on_change: Callable[[], None] | None = None) -> None:
        self.state = state
        self._on_change = on_change
        self._inner = httpx.ASGITransport(app=build_app(state), client=("127.0.0.1", 40000))

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        try:
            return await self._inner.handle_async_request(request)
        except SimulatedDrop as drop:
            if drop.after_processing:
                raise httpx.ReadError("connection reset by peer", request=request) from None
            raise httpx.ConnectError("connection refused", request=request) from None
        finally:
            if self._on_change is not None and request.method not in _READS:
                self._on_change()

    async def aclose(self) -> None:
        await self._inner.aclose()
