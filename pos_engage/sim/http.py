"""Small helpers shared by the simulator's route modules: JSON in, JSON out, Engage-style errors."""

from __future__ import annotations

import json
from typing import Any

from starlette.requests import Request
from starlette.responses import Response

from pos_engage.sim.rules import Rejected


def answer(body: Any = None, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    content = b"" if body is None else json.dumps(body, ensure_ascii=False).encode("utf-8")
    return Response(content, status_code=status, headers=headers,
                    media_type="application/json; charset=utf-8" if body is not None else None)


def rejection(error: Rejected) -> Response:
    return answer(error.body(), error.status)


async def json_body(request: Request) -> Any:
    raw = await request.body()
    if not raw.strip():
        raise Rejected(400, "NoData", "the request has no body")
    try:
        return json.loads(raw)
    except ValueError:
        raise Rejected(400, "NoData", "the request body is not valid JSON") from None


def engage_route(handler):
    """Turn a Rejected raised anywhere in a handler into Engage's error answer."""

    async def endpoint(request: Request) -> Response:
        try:
            return await handler(request)
        except Rejected as error:
            return rejection(error)

    endpoint.__name__ = handler.__name__
    return endpoint
