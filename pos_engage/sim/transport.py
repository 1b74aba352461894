"""The simulator in-process: an httpx transport that calls the ASGI app directly (demo mode, fast tests).

A simulated dropped connection becomes the network error httpx would raise for a real one, so the client under
test cannot tell the in-process simulator from one on a socket.
"""

from __future__ import annotations

import httpx

from pos_engage.sim.app import build_app
from pos_engage.sim.gate import SimulatedDrop
from pos_engage.sim.state import SimState


class SimTransport(httpx.AsyncBaseTransport):
    def __init__(self, state: SimState) -> None:
        self.state = state
        self._inner = httpx.ASGITransport(app=build_app(state), client=("127.0.0.1", 40000))

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        try:
            return await self._inner.handle_async_request(request)
        except SimulatedDrop as drop:
            if drop.after_processing:
                raise httpx.ReadError("connection reset by peer", request=request) from None
            raise httpx.ConnectError("connection refused", request=request) from None

    async def aclose(self) -> None:
        await self._inner.aclose()
