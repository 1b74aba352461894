"""A simulated marketing platform's "Add orders" API: the second orders backend, for tests and training.

``POST /v1/orders`` with ``Authorization: Bearer <key>`` and ``{"orders": [...]}``: 1 to 1,000 orders per
request; an order is identified by ``externalOrderId`` (sending it again updates it); each needs
``externalOrderId``, ``externalCustomerId``, ``totalCost``, ``status``, ``date`` and an ``email`` or ``phone``;
items need ``externalItemId``, ``name``, ``quantity``, ``cost``, ``url``, ``imageUrl``. A request with any
invalid order is refused whole: 400 ``{"errors": [{"index", "externalOrderId", "message"}]}``.
ASSUMPTION: the platform's paths, auth header and error body are ours; the fields and limits are the issue's.

Switches: ``down`` (connections refused), ``fail_next`` (that many 503s).
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass, field
from typing import Any

import httpx
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from pos_engage.sim.gate import Connections, SimulatedDrop
from pos_engage.sim.server import SimServer

MARKETING_DEMO_KEY = "marketing-demo-key"
STATUSES = frozenset({"INITIALIZED", "IN_PROGRESS", "DELIVERED", "CANCELLED", "ABANDONED_SHOPPING_CART"})
LIMIT = 1000
ITEM_FIELDS = {"externalItemId": str, "name": str, "quantity": int, "cost": (int, float), "url": str,
               "imageUrl": str}


@dataclass
class MarketingState:
    """The second platform simulator's state: the orders it holds and the faults switched on."""

    api_key: str = MARKETING_DEMO_KEY
    orders: dict[str, dict[str, Any]] = field(default_factory=dict)
    batches: list[int] = field(default_factory=list)        # orders per accepted request, in order
    updates: int = 0                                        # orders that replaced an earlier version
    refused: list[dict[str, Any]] = field(default_factory=list)
    down: bool = False
    fail_next: int = 0


def _problems(order: Any) -> str | None:
    if not isinstance(order, dict):
        return "an order must be an object"
    for name in ("externalOrderId", "externalCustomerId", "status", "date"):
        if not isinstance(order.get(name), str) or not order[name]:
            return f"{name} is required"
    if not isinstance(order.get("totalCost"), (int, float)) or isinstance(order.get("totalCost"), bool):
        return "totalCost is required (a number)"
    if order["status"] not in STATUSES:
        return f"status must be one of {', '.join(sorted(STATUSES))}"
    if not order.get("email") and not order.get("phone"):
        return "email or phone is required"
    items = order.get("items")
    if not isinstance(items, list):
        return "items must be a list"
    for index, item in enumerate(items):
        for name, kind in ITEM_FIELDS.items():
            if not isinstance(item, dict) or not isinstance(item.get(name), kind):
                return f"items[{index}].{name} is required"
    return None


def build_marketing_app(state: MarketingState, connections=None) -> Starlette:
    async def add_orders(request: Request):
        if state.down:  # on a socket: cut it (RST, no answer); in-process: the transport raises the same
            transport = connections.get(request.scope.get("client")) if connections is not None else None
            if transport is None:
                raise SimulatedDrop(after_processing=False)
            transport.abort()
            return JSONResponse({}, status_code=503)  # never reaches the client: the socket is gone
        if request.headers.get("authorization") != f"Bearer {state.api_key}":
            return JSONResponse({"message": "unknown API key"}, status_code=401)
        if state.fail_next > 0:
            state.fail_next -= 1
            return JSONResponse({"message": "temporarily unavailable"}, status_code=503,
                                headers={"Retry-After": "1"})
        try:
            body = json.loads(await request.body())
        except ValueError:
            return JSONResponse({"message": "the body is not JSON"}, status_code=400)
        orders = body.get("orders") if isinstance(body, dict) else None
        if not isinstance(orders, list) or not orders:
            return JSONResponse({"message": "orders must be a non-empty list"}, status_code=400)
        if len(orders) > LIMIT:
            return JSONResponse({"message": f"at most {LIMIT} orders per request"}, status_code=413)
        errors = [{"index": i, "externalOrderId": (o or {}).get("externalOrderId") if isinstance(o, dict) else None,
                   "message": problem} for i, o in enumerate(orders) if (problem := _problems(o))]
        if errors:
            state.refused.extend(errors)
            return JSONResponse({"errors": errors}, status_code=400)
        created = 0
        for order in orders:
            if order["externalOrderId"] in state.orders:
                state.updates += 1
            else:
                created += 1
            state.orders[order["externalOrderId"]] = order
        state.batches.append(len(orders))
        return JSONResponse({"created": created, "updated": len(orders) - created})

    return Starlette(routes=[Route("/v1/orders", add_orders, methods=["POST"])])


class MarketingTransport(httpx.AsyncBaseTransport):
    """The marketing simulator in-process (demo mode, fast tests); a switched-off platform refuses connections."""

    def __init__(self, state: MarketingState) -> None:
        self.state = state
        self._inner = httpx.ASGITransport(app=build_marketing_app(state), client=("127.0.0.1", 40001))

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        try:
            return await self._inner.handle_async_request(request)
        except SimulatedDrop:
            raise httpx.ConnectError("connection refused", request=request) from None

    async def aclose(self) -> None:
        await self._inner.aclose()


class MarketingServer(SimServer):
    """The marketing simulator on 127.0.0.1 (a free port unless told), on its own thread."""

    def __init__(self, state: MarketingState | None = None, *, host: str = "127.0.0.1", port: int = 0) -> None:
        # Not SimServer.__init__: that would build a whole Engage tenant this server never uses.
        self.host, self.port = host, port
        self.connections = Connections()
        self._server = self._thread = None
        self.marketing = state or MarketingState()

    def _app(self):
        return build_marketing_app(self.marketing, self.connections)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="pos-engage-marketing-sim",
                                     description="Serve the simulated marketing platform's orders API on 127.0.0.1.")
    parser.add_argument("--port", type=int, default=8586)
    parser.add_argument("--api-key", default=MARKETING_DEMO_KEY)
    args = parser.parse_args(argv)
    server = MarketingServer(MarketingState(api_key=args.api_key), port=args.port)
    try:
        server.start()
    except OSError as exc:
        print(f"pos-engage-marketing-sim: cannot listen on port {args.port}: {exc.strerror}", file=sys.stderr)
        return 2
    print(f"Marketing simulator on {server.base_url}", flush=True)
    server.serve_until_interrupted()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
