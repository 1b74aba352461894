"""Turning an HTTP status and body into the error tree of ``errors.py`` (never a crash, whatever the body)."""

from __future__ import annotations

from collections.abc import Mapping

from pos_engage.core import texts
from pos_engage.core.engage import wire
from pos_engage.core.engage.retry import parse_retry_after
from pos_engage.core.errors import (
    CONFLICT_CODES,
    EngageAuthError,
    EngageBadResponse,
    EngageConflict,
    EngageNotFound,
    EngageRateLimited,
    EngageRejected,
    EngageServerError,
    EngageValidationError,
)


def looks_like_html(content_type: str, body: bytes) -> bool:
    """A web page where data was expected: a proxy, a captive portal or a wrong URL answered instead of Engage."""
    if "html" in content_type.lower():
        return True
    head = body[:200].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html"))


def classify(status: int, headers: Mapping[str, str], body: bytes, *, method: str = "GET") -> None:
    """Return quietly for 2xx/3xx; raise the matching EngageError otherwise."""
    if status < 400:
        return
    text = body.decode("utf-8", errors="replace")
    if looks_like_html(headers.get("content-type", ""), body):
        # An HTML error page comes from something between us and Engage: a transport-level failure, retryable.
        raise EngageBadResponse(
            texts.tr("Engage could not be reached properly: something in between answered {status} with a web page",
                     status=status),
            status=status, outcome_unknown=status >= 500 and method != "GET",
        )
    code, message, field_errors = wire.parse_error_body(text)
    message = message or code or f"Engage answered {status}"
    if status == 429:
        raise EngageRateLimited(
            texts.tr("Engage is busy (too many requests): it will be tried again"),
            status=status, code=code, retry_after=parse_retry_after(headers.get("retry-after")),
        )
    if status >= 500:
        raise EngageServerError(texts.tr("Engage had an internal error: {message}", message=message), status=status,
                                code=code,
                                outcome_unknown=method != "GET")
    if status in (401, 403):
        raise EngageAuthError(texts.tr("Engage refused the API key: check it in settings (IT)") if status == 401 else
                              texts.tr("Engage does not allow this till's address: call IT"), status=status, code=code)
    if status == 404:
        raise EngageNotFound(message, status=status, code=code or "NotFound")
    if status == 409:
        error_type = CONFLICT_CODES.get(code or "", EngageConflict)
        raise error_type(message, status=status, code=code or "Conflict")
    if status in (400, 422):
        raise EngageValidationError(message, status=status, code=code, field_errors=field_errors)
    raise EngageRejected(message, status=status, code=code)
