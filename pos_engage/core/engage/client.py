"""EngageClient: every Engage call the till makes, over one long-lived ``httpx.AsyncClient``.

The client sends, reads and classifies; it never queues and never retries a write (the journal does that, with
the policy in ``retry.py``). Reads a cashier waits on get one quick second try for failures that return fast.
Every call names the answer Engage gives when it did it (``responses.Expected``): anything else (a login page, a
redirect to another host, an empty or foreign body) is ``EngageImpostor``, so nothing counts as done that Engage
never got.

The calls are grouped by concept in base classes: client_contacts.py (contact-type lookups, point accounts),
client_offers.py (promotions, reward vouchers, purchase history), client_orders.py (orders, bulk); the transport,
the contact calls and the receipts are here.
"""

from __future__ import annotations

import asyncio
import itertools
import logging
import secrets
from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, replace
from typing import Any

import httpx

from pos_engage import __version__
from pos_engage.core import logs, texts
from pos_engage.core.domain import (
    Contact,
    ContactKey,
    ContactType,
    ContactUpdate,
    NewContact,
    Receipt,
)
from pos_engage.core.domain.checks import require_text
from pos_engage.core.engage import responses, wire
from pos_engage.core.engage.auth import check_api_key, check_base_url
from pos_engage.core.engage.client_contacts import ContactLookups
from pos_engage.core.engage.client_offers import OffersAndHistory
from pos_engage.core.engage.client_orders import BULK_LIMIT, OrdersAndBulk  # noqa: F401 - re-exported
from pos_engage.core.engage.online import OnlineMonitor
from pos_engage.core.engage.responses import Expected, check_answer, classify
from pos_engage.core.engage.retry import interactive_retry_delay
from pos_engage.core.engage.urls import segment
from pos_engage.core.errors import (
    ContactAlreadyExists,
    EngageBadResponse,
    EngageError,
    EngageImpostor,
    EngageOffline,
    EngageTimeout,
    EngageTransportError,
    InputError,
)

log = logging.getLogger(__name__)

DEFAULT_MAX_RESPONSE_BYTES = 4 * 1024 * 1024


@dataclass(frozen=True)
class Timeouts:
    """Seconds a call may take in all. Interactive: a cashier is waiting. Background: the journal replays."""

    interactive: float = 4.0
    background: float = 20.0
    connect: float = 2.0


@dataclass(frozen=True)
class Registration:
    """The outcome of a registration: the contact, and whether it was created now or already existed."""

    contact: Contact
    created: bool


@dataclass(frozen=True)
class _Answer:
    """Engage's answer to one request, read whole before the connection is given back, and checked against what
    Engage answers to that call (``payload`` is its JSON, None when it had no body)."""

    status: int
    headers: httpx.Headers
    body: bytes
    payload: Any = None

    def json(self) -> Any:
        return self.payload


class EngageClient(OrdersAndBulk, ContactLookups, OffersAndHistory):
    """Async client for the Engage REST API (v3 where documented, v2 where v3 is missing)."""

    def __init__(
        self,
        base_url: str,
        api_key: str,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        timeouts: Timeouts = Timeouts(),
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        background: bool = False,
        monitor: OnlineMonitor | None = None,
        pacer: Callable[[], Awaitable[None]] | None = None,
        _http: httpx.AsyncClient | None = None,
    ) -> None:
        self.base_url = check_base_url(base_url)
        self._api_key = check_api_key(api_key)
        self.timeouts = timeouts
        self.max_response_bytes = max_response_bytes
        self.background = background
        self.monitor = monitor
        # Background delivery's rate limit and lease check (journal/rate.py): awaited before every request.
        self._pacer = pacer or _unpaced
        # Request ids for logs: a random prefix per client and a counter (cheaper than a uuid per request).
        self._id_prefix = secrets.token_hex(3)
        self._request_numbers = itertools.count(1)
        self._owns_http = _http is None
        self._http = _http or httpx.AsyncClient(
            base_url=self.base_url,
            transport=transport,
            headers={
                "apikey": self._api_key,
                "User-Agent": f"pos-engage/{__version__}",
                "Content-Type": "application/json",
                "Accept": "application/json",
            },
            follow_redirects=False,  # the orders job's 302 is read, not followed blindly
            timeout=httpx.Timeout(timeouts.background, connect=timeouts.connect),
        )

    def for_background(self, monitor: OnlineMonitor | None = None, *,
                       pacer: Callable[[], Awaitable[None]] | None = None) -> EngageClient:
        """The same connection pool with the background deadline, for the journal's replayer."""
        return EngageClient(
            self.base_url, self._api_key, timeouts=self.timeouts, max_response_bytes=self.max_response_bytes,
            background=True, monitor=monitor or self.monitor, pacer=pacer or self._pacer, _http=self._http,
        )

    async def __aenter__(self) -> EngageClient:
        return self

    async def __aexit__(self, *exc_info: object) -> None:
        await self.aclose()

    async def aclose(self) -> None:
        if self._owns_http:
            await self._http.aclose()

    def __repr__(self) -> str:  # never show the key
        return f"EngageClient({self.base_url!r})"

    # ------------------------------------------------------------------ transport

    async def _send(self, method: str, path: str, *, params: Mapping[str, str] | None = None,
                    body: Any = None, expected: Expected = responses.ANY) -> _Answer:
        """One request, with its outcome told to the online monitor. While Engage is offline, a call a cashier
        waits on fails at once instead of waiting for a timeout (background calls and probes still go)."""
        monitor = self.monitor
        if monitor is not None and monitor.offline and not self.background:
            if monitor.not_engage:
                raise EngageImpostor(monitor.not_engage, code="NotEngage")
            raise EngageOffline(texts.tr("Engage is offline: the till carries on and sends this later"),
                                outcome_unknown=False)
        try:
            await self._pacer()
            answer = await self._exchange(method, path, params=params, body=body, expected=expected)
            if expected.empty_ok and self.background and monitor is not None and not monitor.verified:
                await self._make_sure_it_was_engage(monitor)
        except EngageError as error:
            if monitor is not None:
                monitor.record_failure(error)
            raise
        if monitor is not None:
            # Only an answer with the data the contract requires shows that Engage itself answered.
            monitor.record_success(verified=not expected.empty_ok)
        return answer

    async def _make_sure_it_was_engage(self, monitor: OnlineMonitor) -> None:
        """An empty "done" (a 204, an empty 200, a ``{}``) is all that a middlebox answering everything needs to
        send, and the contract allows it for receipts, redemptions and updates. So before the journal counts the
        first one as delivered (per session, and again after something else answered in Engage's place), ask what only
        Engage answers: the contact count, a bare integer. Calls answered together share one question. Only an
        answer that is not Engage's overturns the call; a question that fails otherwise proves nothing, so the
        answer stands and the question is asked again with the next empty answer."""
        async with monitor.verifying:
            if monitor.verified:
                return
            try:
                await self._pacer()
                await self._exchange("GET", "/api/v2/contacts/count", expected=responses.COUNT)
            except EngageImpostor:
                raise
            except EngageError:
                return
            monitor.verified = True

    async def _exchange(self, method: str, path: str, *, params: Mapping[str, str] | None = None,
                        body: Any = None, expected: Expected = responses.ANY) -> _Answer:
        """One request, bounded in time and size, every failure turned into the error tree."""
        deadline = self.timeouts.background if self.background else self.timeouts.interactive
        content = b"{}" if body is None and method in ("POST", "PATCH", "PUT") else (
            wire.dumps(body) if body is not None else None
        )
        # Our own correlation id, for the log lines only: Engage's contract has no request-id header.
        request_id = f"{self._id_prefix}-{next(self._request_numbers)}"
        token = logs.current_request.set(request_id)
        try:
            async with asyncio.timeout(deadline):
                # The total deadline is asyncio.timeout's; the client's own per-phase timeouts only bound each phase.
                request = self._http.build_request(method, path, params=params, content=content)
                response = await self._http.send(request, stream=True)
                try:
                    data = await self._read_bounded(response)
                finally:
                    await response.aclose()
        except (httpx.ConnectError, httpx.ConnectTimeout) as exc:
            raise EngageTransportError(texts.tr("Cannot connect to Engage ({reason})", reason=_reason(exc)),
                                       outcome_unknown=False) from exc
        except (TimeoutError, httpx.TimeoutException) as exc:
            raise EngageTimeout(
                texts.tr("Engage did not answer within {seconds} s", seconds=f"{deadline:g}"),
                outcome_unknown=method != "GET",
            ) from exc
        except httpx.TransportError as exc:
            raise EngageTransportError(
                texts.tr("The connection to Engage was lost ({reason})", reason=_reason(exc)),
                outcome_unknown=method != "GET"
            ) from exc
        finally:
            logs.current_request.reset(token)
        log.debug("engage %s %s -> %s", method, path, response.status_code, extra={"request_id": request_id})
        classify(response.status_code, response.headers, data, method=method)
        payload = check_answer(response.status_code, response.headers, data, expected, base_url=self.base_url)
        return _Answer(response.status_code, response.headers, data, payload)

    async def _read_bounded(self, response: httpx.Response) -> bytes:
        declared = response.headers.get("content-length")
        if declared and declared.isdigit():
            if int(declared) > self.max_response_bytes:
                raise EngageBadResponse(self._too_large(), status=response.status_code)
            if "content-encoding" not in response.headers:
                # The declared length bounds what the HTTP layer will read, and nothing can inflate it.
                return await response.aread()
        chunks: list[bytes] = []
        size = 0
        async for chunk in response.aiter_bytes():
            size += len(chunk)
            if size > self.max_response_bytes:
                raise EngageBadResponse(self._too_large(), status=response.status_code)
            chunks.append(chunk)
        return b"".join(chunks)

    def _too_large(self) -> str:
        return (f"Engage's answer was larger than {self.max_response_bytes // (1024 * 1024)} MB and was not read: "
                "check the Engage URL")

    async def _read(self, path: str, *, params: Mapping[str, str] | None = None,
                    expected: Expected = responses.OBJECT) -> _Answer:
        """A GET, with one quick retry for fast failures when a cashier is waiting."""
        attempt = 0
        while True:
            attempt += 1
            try:
                return await self._send("GET", path, params=params, expected=expected)
            except EngageError as exc:
                delay = None if self.background else interactive_retry_delay(exc, attempt)
                if delay is None:
                    raise
                await asyncio.sleep(delay)

    def _parsed(self, answer: _Answer, parser, what: str):
        try:
            return parser(answer.json())
        except (ValueError, TypeError, KeyError, AttributeError) as exc:
            raise EngageBadResponse(f"Engage's {what} could not be read: {exc}", status=answer.status) from exc

    # ------------------------------------------------------------------ contacts

    async def identify(self, key: ContactKey) -> str:
        """The contact id for an email, mobile, member/card number (customKey) or personal number."""
        if not isinstance(key, ContactKey):
            raise InputError("identify needs a ContactKey (email, mobile or card number)")
        answer = await self._read("/api/v3/contacts/id", params=wire.key_query(key), expected=responses.CONTACT_ID)
        return self._parsed(answer, wire.contact_id_from_json, "contact id")

    async def get_contact(self, contact_id: str) -> Contact:
        answer = await self._read(f"/api/v3/contacts/{segment(contact_id, 'contactId')}")
        return self._parsed(answer, wire.contact_from_json, "contact")

    async def register(self, contact: NewContact, *, store_external_id: str, source: str = "POS",
                       country: str | None = None) -> Registration:
        """Create a contact. A duplicate (409) adopts the existing contact, so double clicks and retries are safe.
        ``country``: the till's country, the countryCode of a contact without a mobile (wire.new_contact_to_json)."""
        if not isinstance(contact, NewContact):
            raise InputError("register needs a NewContact")
        return await self.register_body(wire.new_contact_to_json(contact, country=country),
                                        store_external_id=store_external_id, source=source)

    async def register_body(self, body: Mapping[str, Any], *, store_external_id: str,
                            source: str = "POS") -> Registration:
        """Register from a create body already in Engage's shape (as the journal keeps it)."""
        key = wire.key_of_new_contact(body)
        params = {"source": require_text(source, "source"),
                  "storeExternalId": require_text(store_external_id, "storeExternalId")}
        try:
            answer = await self._send("POST", "/api/v3/contacts", params=params, body=dict(body),
                                      expected=responses.CREATED)
        except ContactAlreadyExists:
            existing_id = await self.identify(key)
            return Registration(await self.get_contact(existing_id), created=False)
        return Registration(self._parsed(answer, wire.contact_from_json, "new contact"), created=True)

    async def update_contact(self, contact_id: str, update: ContactUpdate, *,
                             current: Contact | None = None) -> Contact | None:
        """PATCH only the changed fields (Engage overwrites whatever is sent, even empty values).

        Engage's answer may be the contact or an empty 200/204 (both mean done). Without a body the contact is
        ``current`` with the update applied when the caller gave it, else None."""
        if not isinstance(update, ContactUpdate):
            raise InputError("update_contact needs a ContactUpdate")
        contact = await self.update_contact_body(contact_id, wire.contact_update_to_json(update))
        if contact is None and current is not None:
            return wire.contact_after_update(current, update)
        return contact

    async def update_contact_body(self, contact_id: str, body: Mapping[str, Any]) -> Contact | None:
        """The updated contact, or None when Engage answered done without a body (an empty 200 or a 204)."""
        if not body:
            raise InputError("nothing to update: no field changed")
        answer = await self._send("PATCH", f"/api/v3/contacts/{segment(contact_id, 'contactId')}", body=dict(body),
                                  expected=responses.CHANGED)
        return None if answer.payload is None else self._parsed(answer, wire.contact_from_json, "updated contact")

    async def upgrade_to_member(self, contact_id: str, *, current: Contact | None = None) -> Contact | None:
        """The contact as a Member. Without a body in Engage's answer (an empty 200 or a 204, both done): ``current``
        as a Member when given, else None."""
        answer = await self._send("POST", f"/api/v3/contacts/{segment(contact_id, 'contactId')}/updateContactType",
                                  params={"contactTypeId": "Member"}, expected=responses.CHANGED)
        if answer.payload is None:
            return None if current is None else replace(current, contact_type=ContactType.MEMBER.value)
        return self._parsed(answer, wire.contact_from_json, "upgraded contact")

    # ------------------------------------------------------------------ receipts

    async def post_receipt(self, receipt: Receipt) -> None:
        """Book a receipt. Safe to repeat: Engage ignores a uniqueReceiptId it has seen."""
        if not isinstance(receipt, Receipt):
            raise InputError("post_receipt needs a Receipt")
        await self.post_receipt_body(wire.receipt_to_json(receipt))

    async def post_receipt_body(self, body: Mapping[str, Any]) -> None:
        """Send a receipt body exactly as journaled (it was built from a checked Receipt)."""
        await self._send("POST", "/api/v3/receipts", body=dict(body), expected=responses.ACCEPTED)

    async def post_receipt_json(self, payload: Mapping[str, Any]) -> None:
        """A receipt already in Engage's JSON (from the journal or the POS), checked before it is sent."""
        await self.post_receipt(wire.receipt_from_json(payload))

    async def ping(self) -> None:
        """The cheapest authenticated call: proves Engage answers and accepts the key. Engage answers it with a
        bare integer (the number of contacts); a login page or a proxy's 200 is EngageImpostor, not a pong."""
        await self._send("GET", "/api/v2/contacts/count", expected=responses.COUNT)


async def _unpaced() -> None:
    """Calls a cashier waits on are sent at once."""


def _reason(exc: Exception) -> str:
    text = str(exc).strip()
    return text[:120] if text else type(exc).__name__
