"""/_sim/...: the simulator's own admin endpoints (never part of Engage): faults, what was received, reset.

Only the simulator answers these; the client never calls them. Tests and training use them to switch faults
on and off at run time and to prove exactly-once delivery.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import JSONResponse
from starlette.routing import Route

from pos_engage.sim.state import SimState


def routes(state: SimState) -> list[Route]:
    async def health(request: Request):
        return JSONResponse({"ok": True, "contacts": len(state.contacts)})

    async def get_faults(request: Request):
        return JSONResponse(state.faults.as_dict())

    async def set_faults(request: Request):
        try:
            changes = await request.json()
            if not isinstance(changes, dict):
                raise ValueError("send a JSON object of fault switches")
            state.faults.update(changes)
        except ValueError as exc:
            return JSONResponse({"error": str(exc)}, status_code=400)
        return JSONResponse(state.faults.as_dict())

    async def received(request: Request):
        return JSONResponse(state.received.summary())

    async def requests_log(request: Request):
        if request.method == "DELETE":
            state.received.requests.clear()
            return JSONResponse([])
        return JSONResponse(state.received.requests)

    async def rate(request: Request):
        """Requests per second per API key (keys shown as a prefix and a hash), for "at most N in any second"."""
        if request.method == "DELETE":
            state.request_counter.clear()
        return JSONResponse(state.request_counter.report())

    async def reset(request: Request):
        state.reset()
        state.faults.update({name: value for name, value in type(state.faults)().as_dict().items()})
        return JSONResponse({"ok": True})

    async def demo(request: Request):
        return JSONResponse(state.showcase())

    return [
        Route("/_sim/health", health, methods=["GET"]),
        Route("/_sim/faults", get_faults, methods=["GET"]),
        Route("/_sim/faults", set_faults, methods=["POST", "PUT", "PATCH"]),
        Route("/_sim/received", received, methods=["GET"]),
        Route("/_sim/requests", requests_log, methods=["GET", "DELETE"]),
        Route("/_sim/rate", rate, methods=["GET", "DELETE"]),
        Route("/_sim/reset", reset, methods=["POST"]),
        Route("/_sim/demo", demo, methods=["GET"]),
    ]
