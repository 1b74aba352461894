"""Builds the simulator's ASGI app: Engage's routes behind the gate, plus the /_sim admin routes."""

from __future__ import annotations

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse

from pos_engage.sim import admin, api_contacts, api_loyalty, api_orders, api_sales
from pos_engage.sim.gate import Connections, EngageGate
from pos_engage.sim.state import SimState


def build_app(state: SimState, connections: Connections | None = None) -> EngageGate:
    async def not_found(request: Request, exc: Exception) -> JSONResponse:
        return JSONResponse({"errorCode": "NotFound", "message": f"no such endpoint: {request.url.path}"}, 404)

    async def not_allowed(request: Request, exc: Exception) -> JSONResponse:
        return JSONResponse({"errorCode": "MethodNotAllowed", "message": f"{request.method} is not allowed here"}, 405)

    routes = (api_contacts.routes(state) + api_loyalty.routes(state) + api_sales.routes(state)
              + api_orders.routes(state) + admin.routes(state))
    app = Starlette(routes=routes, exception_handlers={404: not_found, 405: not_allowed})
    return EngageGate(app, state, connections)
