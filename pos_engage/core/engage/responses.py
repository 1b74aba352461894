"""Turning an HTTP status and body into the error tree of ``errors.py`` (never a crash, whatever the body).

Two steps. ``classify`` turns Engage's refusals (4xx, 5xx) into errors. ``check_answer`` then holds every other
answer against what Engage answers to that call when it did it (``Expected``, from engage-api.md Part A's table):
a login page, a redirect to another host, a status or a body Engage never sends for that call is
``EngageImpostor``, never a success. Only an answer that is Engage's counts as delivered.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

from pos_engage.core import texts
from pos_engage.core.engage import wire
from pos_engage.core.engage.retry import parse_retry_after
from pos_engage.core.errors import (
    CONFLICT_CODES,
    EngageAuthError,
    EngageBadResponse,
    EngageConflict,
    EngageImpostor,
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
    """Return quietly below 400 (``check_answer`` judges those); raise the matching EngageError otherwise."""
    if status < 400:
        return
    text = body.decode("utf-8", errors="replace")
    if looks_like_html(headers.get("content-type", ""), body):
        if status < 500:
            # Engage refuses in JSON: a refusal as a web page (a proxy's 403 or 407, a wrong address's 404) comes
            # from something in its place. Retryable; the request never reached Engage.
            raise _impostor(texts.tr("a web page, status {status}", status=status), status)
        # A 5xx page may be Engage's own gateway while Engage is down: a transport-level failure, retryable.
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


# ---------------------------------------------------------------------- what Engage answers when it did the call

@dataclass(frozen=True)
class Expected:
    """Engage's answer to one call when it did it: the statuses, the JSON a body holds, whether it may be empty."""

    statuses: frozenset[int]
    data: tuple[type, ...] | None = None   # the JSON types the body may be; None: any JSON
    empty_ok: bool = False                 # the contract allows an answer with no body at all
    redirect_home: bool = False            # a 3xx to Engage's own address is the answer (the orders job's 302)


def _expect(*statuses: int, data: tuple[type, ...] | None = None, empty_ok: bool = False,
            redirect_home: bool = False) -> Expected:
    return Expected(frozenset(statuses), data, empty_ok, redirect_home)


# engage-api.md Part A, call by call.
CONTACT_ID = _expect(200, data=(str, dict))           # identify: a JSON string (integrators also saw {"id"})
OBJECT = _expect(200, data=(dict,))                    # a contact, an order, a page of vouchers or transactions
LIST = _expect(200, data=(list,))                      # the promotions
OBJECT_OR_LIST = _expect(200, data=(dict, list))       # a contact's orders: a page, or a bare list
ANY_READ = _expect(200)                                # a read whose body is any JSON (bulk status)
COUNT = _expect(200, data=(int,))                      # GET /api/v2/contacts/count: a bare integer
CREATED = _expect(200, 201, data=(dict,))              # register: 201 with the contact
CHANGED = _expect(200, 204, data=(dict,), empty_ok=True)   # PATCH, updateContactType: the contact, or nothing
REDEEMED = _expect(200, 204, data=(dict,), empty_ok=True)  # redeem: {} or nothing
REACTIVATED = _expect(200, 204, data=(str, dict), empty_ok=True)  # voucher reactivation: "OK" (a string) or nothing
ACCEPTED = _expect(200, 201, 202, 204, data=(dict,), empty_ok=True)  # receipt, order action, v2 order: empty
ORDER_JOB = _expect(200, 201, 202, data=(dict,), empty_ok=True)    # order write: the job, in the body or Location
JOB_STATUS = _expect(200, data=(dict,), redirect_home=True)          # pending, or 302 to the order when done
BATCH = _expect(200, 202, data=(str, dict))            # bulk contacts: the batch id
# A call with no entry of its own: anything but a web page, a redirect or a body that is not JSON.
ANY = _expect(200, 201, 202, 204, empty_ok=True)


def _impostor(cause: str, status: int) -> EngageImpostor:
    return EngageImpostor(
        texts.tr("Something between this till and Engage answers instead of Engage ({cause}): check the Engage "
                 "address, and whether this network needs a login or goes through a proxy", cause=cause),
        status=status, code="NotEngage", cause=cause,
    )


def same_origin(base_url: str, location: str) -> str | None:
    """The path of ``location`` when it is on Engage's own address (scheme, host and port), else None."""
    absolute = urljoin(base_url.rstrip("/") + "/", location)
    base, target = urlsplit(base_url), urlsplit(absolute)
    if (base.scheme, base.netloc.lower()) != (target.scheme, target.netloc.lower()):
        return None
    return target.path + (f"?{target.query}" if target.query else "")


def check_answer(status: int, headers: Mapping[str, str], body: bytes, expected: Expected, *,
                 base_url: str) -> Any:
    """The answer's JSON (None when it has no body) if it is what Engage answers to this call; otherwise
    EngageImpostor naming what came instead. Called for statuses below 400 (``classify`` took the rest)."""
    if 300 <= status < 400:
        location = headers.get("location", "")
        if expected.redirect_home and location and same_origin(base_url, location) is not None:
            return None
        target = urlsplit(urljoin(base_url.rstrip("/") + "/", location)) if location else None
        raise _impostor(texts.tr("a redirect ({status}) to {target}", status=status,
                                 target=f"{target.scheme}://{target.netloc}{target.path}") if target else
                        texts.tr("a redirect ({status}) that names no address", status=status), status)
    if looks_like_html(headers.get("content-type", ""), body):
        raise _impostor(texts.tr("a web page, status {status}", status=status), status)
    empty = not body.strip()
    if empty and not expected.empty_ok:
        raise _impostor(texts.tr("an empty answer (status {status}) where Engage sends data", status=status), status)
    if status not in expected.statuses:
        raise _impostor(texts.tr("status {status}, which Engage does not answer to this call", status=status),
                        status)
    if empty:
        return None
    try:
        payload = json.loads(body)
    except ValueError:
        raise _impostor(texts.tr("an answer that is not JSON (status {status})", status=status), status) from None
    wanted = expected.data
    if wanted is not None and (not isinstance(payload, wanted) or (isinstance(payload, bool) and bool not in wanted)):
        raise _impostor(texts.tr("JSON of another shape than Engage's answer (status {status})", status=status),
                        status)
    return payload
