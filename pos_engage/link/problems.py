"""Errors as RFC 9457 problem details (``application/problem+json``): a stable ``code``, a ``title``, a ``detail``
a cashier can read, and ``errors[]`` per field. Never an HTML page, never a stack trace."""

from __future__ import annotations

from typing import Any

from starlette.responses import Response

from pos_engage.core.till import pos_json

PROBLEM_TYPE = "urn:pos-engage:problem:"
TITLES = {400: "Bad request", 401: "Unauthorized", 403: "Forbidden", 404: "Not found", 405: "Method not allowed",
          409: "Conflict", 413: "Body too large", 415: "Unsupported media type", 422: "Unprocessable request",
          500: "Internal error", 503: "Not ready"}


def body(status: int, code: str, detail: str, *, errors: list[dict] | None = None, **extra: Any) -> dict[str, Any]:
    return {"type": PROBLEM_TYPE + code, "title": TITLES.get(status, "Error"), "status": status, "code": code,
            "detail": detail, "errors": errors or [], **extra}


def problem(status: int, code: str, detail: str, *, errors: list[dict] | None = None,
            headers: dict[str, str] | None = None, **extra: Any) -> Response:
    return Response(pos_json.dumps(body(status, code, detail, errors=errors, **extra)),
                    status_code=status, media_type="application/problem+json", headers=headers)
