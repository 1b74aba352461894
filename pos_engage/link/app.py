"""The POS link's routes (docs/pos-link.md), as one Starlette app on the till's loop.

Every request goes through the same door before its use case: a ``Host`` header that names the loopback address
the link listens on (a web page whose name was made to resolve to 127.0.0.1, DNS rebinding, names its own host), no
``Origin`` header (a browser page may not call the till: no CORS), the bearer token, a body of at most 1 MB read as
strict JSON (core/till/pos_json.py), and on a POST the ``Idempotency-Key`` (idempotency.py). Errors are problem
details (problems.py). A use case that started runs to its end even if the POS hangs up halfway (it is shielded
from the request's cancellation): a commit the POS did not hear the answer to is journaled once, and its retry with
the same key gets the same answer.

The OpenAPI document is built from ``ROUTES`` (openapi.py), so it cannot drift from what is served.
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import ClientDisconnect, Request
from starlette.responses import Response
from starlette.routing import Route

from pos_engage.core import texts
from pos_engage.core.errors import InputError, PosEngageError
from pos_engage.core.office.entries import JournalError
from pos_engage.core.till import pos_json
from pos_engage.core.till.pos_sale_input import SaleProblem
from pos_engage.core.till.sale_commit import Origin
from pos_engage.core.till.session import SaleSessions
from pos_engage.link import idempotency, problems, schemas
from pos_engage.link.events import EventStreams
from pos_engage.link.tokens import TokenSource

log = logging.getLogger(__name__)

MAX_WAIT_SECONDS = 60
_KEY = re.compile(r"[\x21-\x7e]{1,255}")
# A query's whole number in ASCII digits (str.isdigit() takes '²': int() fails); any length int() reads quickly.
_WHOLE = re.compile(r"[0-9]{1,30}")
_STATUS_OF_KIND = {"invalid": 422, "not_found": 404, "conflict": 409}
_LOOPBACK_NAMES = frozenset({"127.0.0.1", "localhost", "[::1]"})
_HOST = re.compile(r"(\[[0-9A-Fa-f:.]+\]|[^:\[\]]+)(?::([0-9]{1,5}))?")


def _unauthorized() -> Response:
    return problems.problem(401, "Unauthorized", texts.tr("A valid bearer token is required"),
                            headers={"WWW-Authenticate": 'Bearer realm="pos-link"'})


def host_admitted(host: str | None, server: tuple[str, int] | None) -> bool:
    """Whether a request's ``Host`` names the loopback address the link listens on (``server``, the socket's own
    address and port as the ASGI server saw it): 127.0.0.1, localhost, [::1] or the address itself, with that
    port. Without a port too: the till's own doctor and hand-made POS requests send ``Host: 127.0.0.1``; what
    DNS rebinding cannot change is the name (the page's own), and a browser always sends it."""
    match = _HOST.fullmatch(host or "")
    if match is None:
        return False
    name, port = match.group(1).lower(), match.group(2)
    names = _LOOPBACK_NAMES
    if server is not None:
        listened = server[0].lower()
        names = names | {f"[{listened}]" if ":" in listened else listened}
        if port is not None and int(port) != server[1]:
            return False
    return name in names


@dataclass(frozen=True)
class RouteSpec:
    """One route: what it does, what it takes and answers (for the OpenAPI document), and its handler's name."""

    method: str
    path: str
    handler: str
    summary: str
    request: dict | None = None
    answer: dict = field(default_factory=lambda: schemas.SALE_STATE)
    status: int = 200
    key_required: bool = False        # Idempotency-Key must be sent (money moves)
    query: tuple[tuple[str, dict, str], ...] = ()
    errors: tuple[int, ...] = (400, 401, 403, 404, 409, 413, 422)
    # Run as a task of its own, shielded from the request's cancellation: a use case that awaits something (Engage,
    # the redeem deadline) once it has changed the sale. One that changes it without awaiting after its lock is
    # taken (apply, remove, void), or awaits only before it changes anything (a PUT looks up its customerKey and a
    # return's original sale first), or changes nothing (reads) is awaited directly: cut at an await, it changed
    # nothing, and a task and its shield cost an answer three more turns of the loop (~40 us through httpx).
    shielded: bool = True
    media_type: str = "application/json"   # of the answer (the OpenAPI document's)


SALE = "/v1/sales/{posSaleId}"
ROUTES: tuple[RouteSpec, ...] = (
    RouteSpec("PUT", SALE, "put_sale", "Open the sale or replace its basket (applied offers are spread again).",
              request=schemas.SALE_PUT, shielded=False),
    RouteSpec("GET", SALE, "get_sale", "The sale's state; with afterVersion, waits for a change (long polling).",
              shielded=False,
              query=(("afterVersion", {"type": "integer", "minimum": 0},
                      "Answer once the version is above this (at once if it is already)."),
                     ("waitSeconds", {"type": "integer", "minimum": 0, "maximum": MAX_WAIT_SECONDS},
                      "How long to wait for a change (default 25 with afterVersion)."))),
    RouteSpec("POST", SALE + "/customer", "identify", "Identify the customer by a key (card, email, mobile, "
              "personal number).", request=schemas.CUSTOMER_POST),
    RouteSpec("POST", SALE + "/offers/{offerId}", "apply_offer", "Apply one of the customer's offers (the same "
              "rules as in the window: stacking, currency, offline policy, already used).", shielded=False),
    RouteSpec("DELETE", SALE + "/offers/{offerId}", "remove_offer", "Take an offer off the sale.", shielded=False),
    RouteSpec("POST", SALE + "/commit", "commit", "The POS took the money: journal the receipt and its redemptions "
              "(one transaction) before answering. total and payments must equal totals.toPay (else 409).",
              request=schemas.COMMIT_POST, key_required=True),
    RouteSpec("POST", SALE + "/void", "void", "Abandon the sale: nothing is journaled, its offers are free again.",
              shielded=False),
    RouteSpec("POST", "/v1/receipts", "post_receipt", "A finished Engage v3 receipt the POS built itself, to the "
              "journal with every field it carries.", request=schemas.RECEIPT_POST, answer=schemas.RECEIPT_ANSWER,
              status=201, key_required=True),
    RouteSpec("GET", "/v1/events", "events", "Server-sent events: first `hello` (which sales follow, the heartbeat) "
              "and the current state of each followed sale, then one `sale` event per change (id "
              "`<posSaleId>:<version>`, data the state GET /v1/sales/{posSaleId} answers for that version), a "
              "`: keep-alive` comment after 15 s without one. A POS that does not read is cut off with a last "
              "`overflow` event: reconnect and read the state again (no replay).", answer=schemas.EVENTS,
              media_type="text/event-stream",
              errors=(401, 403, 422), shielded=False,
              query=(("posSaleId", {"type": "string", "pattern": "^[A-Za-z0-9._-]{1,64}$"},
                      "Follow this sale only (it need not be open yet); else every sale of the POS."),)),
    RouteSpec("GET", "/v1/status", "status", "Whether Engage answers, the queue's figures, the version.",
              answer=schemas.STATUS, errors=(401, 403), shielded=False),
    RouteSpec("GET", "/v1/openapi.json", "openapi", "This document.", answer={"type": "object"},
              errors=(401, 403), shielded=False),
)


def _json(value: Any, status: int = 200, headers: dict[str, str] | None = None) -> Response:
    """``value`` as JSON; bytes are JSON already (a sale's state, encoded once per version)."""
    body = value if isinstance(value, bytes) else pos_json.dumps(value)
    return Response(body, status_code=status, media_type="application/json",
                    headers={"Cache-Control": "no-store", **(headers or {})})


class _Refused(Exception):
    def __init__(self, response: Response) -> None:
        self.response = response


class LinkApp:
    """The routes over a till's sale sessions. ``receipts`` journals a finished receipt (H13's passthrough);
    ``status`` answers /v1/status."""

    def __init__(self, sessions: SaleSessions, *, tokens: TokenSource, keys: idempotency.IdempotencyStore,
                 status: Callable[[], dict], receipts: Callable[[Any], Awaitable[dict]]) -> None:
        self.sessions = sessions
        self.tokens = tokens
        self.keys = keys
        self._status_of = status
        self._receipts = receipts
        self._running: set[asyncio.Task] = set()
        self.events = EventStreams(sessions)    # GET /v1/events (events.py)
        self._stopping = asyncio.Event()        # set when the server stops: waiting long polls answer at once

    # -------------------------------------------------------------- the door

    def asgi(self) -> Starlette:
        routes = [Route(spec.path, self._endpoint(spec), methods=[spec.method], name=f"{spec.handler}")
                  for spec in ROUTES]
        app = Starlette(routes=routes, exception_handlers={HTTPException: self._http_error,
                                                           Exception: self._crashed})
        # A path with a trailing slash is not a route (404 problem+json), not a bare 307 to the one without: that
        # answer had no body a POS could read and was sent before the token was looked at.
        app.router.redirect_slashes = False
        app.state.stop_streams = self.stop   # LinkServer.stop: open event streams and long polls end first
        app.state.resume_streams = self.resume   # LinkServer.start: a server started again waits as before
        app.state.tokens = self.tokens   # LinkServer reads it off the loop while it listens (tokens.py)
        return app

    def stop(self) -> None:
        """The server stops: every event stream ends and every waiting long poll answers the sale's state now (the
        same version; the POS asks again and finds the till gone), instead of holding the shutdown for uvicorn's
        grace period and being cut off with a 500."""
        self._stopping.set()
        self.events.stop()

    def resume(self) -> None:
        """A server starts (again) in front of this app: long polls wait for a change again (after ``stop`` they
        answered at once, and a POS would have polled in a tight loop)."""
        self._stopping.clear()

    async def _http_error(self, request: Request, error: Exception) -> Response:
        status = getattr(error, "status_code", 500)
        code = {404: "NoSuchRoute", 405: "MethodNotAllowed"}.get(status, "HttpError")
        # A 405 says which methods the path takes (Allow, as HTTP asks): every route of that path's (each method is
        # a route of its own here, and Starlette's error names only the first one's).
        allow = None
        if status == 405:
            methods = {method for route in request.app.router.routes if isinstance(route, Route)
                       and route.path_regex.fullmatch(request.url.path) for method in route.methods or ()}
            allow = {"Allow": ", ".join(sorted(methods))} if methods else None
        if allow is not None:
            detail = texts.tr("{path} does not take {method}; it takes {methods} (see /v1/openapi.json)",
                              path=request.url.path, method=request.method, methods=allow["Allow"])
        else:
            detail = texts.tr("{method} {path} is not a route of the POS link (see /v1/openapi.json)",
                              method=request.method, path=request.url.path)
        return problems.problem(status, code, detail, headers=allow)

    async def _crashed(self, request: Request, error: Exception) -> Response:
        log.error("POS link: %s %s failed", request.method, request.url.path, exc_info=error)
        return problems.problem(500, "InternalError", texts.tr("The till could not do this; nothing was lost. "
                                                               "Its log says why"))

    def _endpoint(self, spec: RouteSpec) -> Callable[[Request], Awaitable[Response]]:
        handler = getattr(self, f"_{spec.handler}")

        async def endpoint(request: Request) -> Response:
            try:
                self._admit(request)
                body = await self._body(request) if spec.method in ("PUT", "POST") else None
                if body is None and spec.request is not None:   # a route that reads a body got none: no JSON
                    raise pos_json.JsonRefused(texts.tr("The body is empty: this request needs a JSON body (see "
                                                        "/v1/openapi.json)"), code="InvalidJson")
                if spec.method == "POST":
                    return await self._once(spec, request, body, handler)
                return await self._run(spec, handler, request, body)
            except _Refused as refused:
                return refused.response
            except ClientDisconnect:
                return Response(status_code=499)   # nobody hears it; nothing was started
            except SaleProblem as problem:
                return problems.problem(_STATUS_OF_KIND.get(problem.kind, 422), problem.code,
                                        texts.message_of(problem), errors=problem.errors, **problem.extra)
            except pos_json.JsonRefused as refused:
                return problems.problem(413 if refused.code == "TooLarge" else 400, refused.code,
                                        texts.message_of(refused),
                                        errors=[{"field": refused.field, "reason": texts.message_of(refused)}]
                                        if refused.field else None)
            except InputError as refused:
                return problems.problem(422, getattr(refused, "code", None) or "InvalidInput",
                                        texts.message_of(refused),
                                        errors=[{"field": refused.field, "reason": texts.message_of(refused)}]
                                        if refused.field else None)
            except JournalError as trouble:
                damaged = self.sessions.till.journal.damage
                if damaged is not None:   # found damaged while the till runs: no retry helps before a restart
                    log.error("POS link: the journal is damaged (%s): %s %s refused", damaged.detail,
                              request.method, request.url.path)
                    return problems.problem(503, "JournalDamaged", texts.message_of(damaged),
                                            headers={"Retry-After": "60"})
                log.error("POS link: the journal refused %s %s: %s", request.method, request.url.path, trouble)
                return problems.problem(503, "JournalUnavailable", texts.tr("The till cannot write its journal "
                                                                            "right now; try again"),
                                        headers={"Retry-After": "5"})
            except PosEngageError as trouble:
                log.error("POS link: %s %s: %s", request.method, request.url.path, trouble)
                return problems.problem(503, "NotReady", texts.message_of(trouble), headers={"Retry-After": "5"})

        return endpoint

    def _admit(self, request: Request) -> None:
        if not host_admitted(request.headers.get("host"), request.scope.get("server")):
            raise _Refused(problems.problem(403, "HostRefused", texts.tr(
                "The POS link answers only requests for this computer's loopback address (Host 127.0.0.1, "
                "localhost or [::1] with the link's port), not for {host}", host=(request.headers.get("host")
                                                                                   or "(none)")[:100])))
        if "origin" in request.headers:
            raise _Refused(problems.problem(403, "BrowserRefused", texts.tr("The POS link does not answer web "
                                                                            "pages (a request with an Origin)")))
        if not self.tokens.accepts(request.headers.get("authorization")):
            raise _Refused(_unauthorized())

    async def _body(self, request: Request) -> Any:
        declared = request.headers.get("content-length")
        if declared is not None and (not declared.isdigit() or int(declared) > pos_json.MAX_BYTES):
            raise pos_json.JsonRefused(texts.tr("The body is larger than 1 MiB (1,048,576 bytes)"), code="TooLarge")
        if declared == "0":   # an apply, a void: nothing to read (h11 sends no body for a declared 0)
            return None
        raw = bytearray()
        async for chunk in request.stream():
            raw += chunk
            if len(raw) > pos_json.MAX_BYTES:
                raise pos_json.JsonRefused(texts.tr("The body is larger than 1 MiB (1,048,576 bytes)"), code="TooLarge")
        if not raw.strip():
            return None
        return pos_json.loads(bytes(raw))

    async def _run(self, spec: RouteSpec, handler, request: Request, body: Any) -> Response:
        """The use case as a task of its own (``spec.shielded``): a POS that hangs up does not cut it halfway.
        Whatever it journals (a commit's receipt, a receipt the POS built, a return) records this door, the POS
        link over HTTP, and who is at the till (TillService.journaling; a task keeps the context it was made in)."""
        with self.sessions.till.journaling(Origin.POS_HTTP):
            if not spec.shielded:
                status, answer = await handler(request, body)
                return answer if isinstance(answer, Response) else _json(answer, status)   # a stream is its own
            task = asyncio.ensure_future(handler(request, body))
        self._running.add(task)
        task.add_done_callback(self._running.discard)
        status, answer = await asyncio.shield(task)
        return _json(answer, status)

    async def _once(self, spec: RouteSpec, request: Request, body: Any, handler) -> Response:
        key = request.headers.get("idempotency-key")
        if key is None:
            if spec.key_required:
                raise _Refused(problems.problem(400, "IdempotencyKeyMissing", texts.tr(
                    "This request needs an Idempotency-Key header (a new one per request; the same one when "
                    "retrying it)")))
            return await self._run(spec, handler, request, body)
        if not _KEY.fullmatch(key):
            raise _Refused(problems.problem(400, "InvalidIdempotencyKey", texts.tr(
                "The Idempotency-Key must be 1 to 255 printable ASCII characters, without spaces (a UUID, say)")))
        print_ = idempotency.fingerprint(spec.method, request.url.path, idempotency.canonical(pos_json.plain(body)))
        async with self.keys.lock(key):
            stored = self.keys.get(key)
            if stored is not None:
                if stored.fingerprint != print_:
                    raise _Refused(problems.problem(422, "IdempotencyKeyReused", texts.tr(
                        "This Idempotency-Key was used for another request; use a new key for a new request")))
                return Response(stored.answer, status_code=stored.status, media_type="application/json",
                                headers={"Idempotent-Replayed": "true", "Cache-Control": "no-store"})
            response = await self._run(spec, handler, request, body)
            if 200 <= response.status_code < 300:
                self.keys.put(key, print_, response.status_code, bytes(response.body).decode())
            return response

    # -------------------------------------------------------------- the use cases

    def _state(self, session) -> tuple[int, bytes]:
        return 200, self.sessions.state_json(session)

    async def _put_sale(self, request: Request, body: Any):
        return self._state(await self.sessions.put(request.path_params["posSaleId"], body))

    async def _get_sale(self, request: Request, body: Any):
        session = self.sessions.get(request.path_params["posSaleId"])
        after, wait = request.query_params.get("afterVersion"), request.query_params.get("waitSeconds")
        for name, value in (("afterVersion", after), ("waitSeconds", wait)):
            if value is not None and not _WHOLE.fullmatch(value):
                raise SaleProblem(texts.tr("{name} must be a whole number of 0 or more", name=name),
                                  code="InvalidQuery", errors=[{"field": name, "reason": "not a whole number"}])
        if after is not None and int(after) >= session.version and not self._stopping.is_set():
            seconds = min(int(wait) if wait is not None else 25, MAX_WAIT_SECONDS)
            change = asyncio.ensure_future(session.wait_for_change(int(after), seconds))
            stopping = asyncio.ensure_future(self._stopping.wait())
            try:
                await asyncio.wait((change, stopping), return_when=asyncio.FIRST_COMPLETED)
            finally:
                change.cancel()
                stopping.cancel()
            if not self.tokens.accepts(request.headers.get("authorization")):   # IT replaced it meanwhile
                raise _Refused(_unauthorized())
        return self._state(session)

    async def _identify(self, request: Request, body: Any):
        key = body.get("key") if isinstance(body, dict) and set(body) <= {"key"} else None
        if key is None:
            raise SaleProblem(texts.tr("The body must be {\"key\": \"...\"}"), code="InvalidKey",
                              errors=[{"field": "key", "reason": "missing"}])
        return self._state(await self.sessions.identify(request.path_params["posSaleId"], key))

    async def _apply_offer(self, request: Request, body: Any):
        return self._state(await self.sessions.apply(request.path_params["posSaleId"],
                                                     request.path_params["offerId"]))

    async def _remove_offer(self, request: Request, body: Any):
        return self._state(await self.sessions.remove_offer(request.path_params["posSaleId"],
                                                            request.path_params["offerId"]))

    async def _commit(self, request: Request, body: Any):
        return self._state(await self.sessions.commit(request.path_params["posSaleId"], body))

    async def _void(self, request: Request, body: Any):
        return self._state(await self.sessions.void(request.path_params["posSaleId"]))

    async def _post_receipt(self, request: Request, body: Any):
        return 201, await self._receipts(body)

    async def _events(self, request: Request, body: Any):
        authorization = request.headers.get("authorization")
        return 200, self.events.response(request.query_params.get("posSaleId"),
                                         allowed=lambda: self.tokens.accepts(authorization))

    async def _status(self, request: Request, body: Any):
        return 200, {**self._status_of(), "openSales": len(self.sessions.open_sessions())}

    async def _openapi(self, request: Request, body: Any):
        from pos_engage.link.openapi import document

        return 200, document()
