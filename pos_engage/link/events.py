"""Server-sent events on ``GET /v1/events`` (docs/pos-link.md, "Events"): every change of a POS sale as it happens,
for a POS that would rather listen than long-poll.

This module only relays :class:`~pos_engage.core.till.session.SaleSessions`' changes; it holds no rule of the sale.
Each change is one ``sale`` event whose ``id`` is ``<posSaleId>:<version>`` and whose ``data`` is the very bytes
``GET /v1/sales/{id}`` answers for that version (``SaleSessions.state_json``: one encoding for both). On connect the
stream says ``hello`` (which sales follow and the heartbeat) and then gives the current state of each followed sale
(every open one, or the one named by ``?posSaleId=``), so a POS that reconnects catches up from state, not from a
replay: there is none, and ``Last-Event-ID`` is not needed.

The till's loop is never held up by a POS: the listener SaleSessions calls on every change (synchronously, under the
sale's lock) only appends to the client's own queue and never raises. The queue is bounded: a POS that stops
reading does not grow the till's memory; when its queue is full its listener is removed at once and the stream ends
with an ``overflow`` event (the POS reconnects and reads the state again). A comment (``: keep-alive``) every
``heartbeat`` seconds lets a POS tell a dead connection from a quiet till. :meth:`EventStreams.stop` ends every open
stream (LinkServer.stop calls it), so a stopping server does not wait out uvicorn's grace period for them.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections import deque
from collections.abc import Callable

from starlette.responses import Response
from starlette.types import Receive, Scope, Send

from pos_engage.core import texts
from pos_engage.core.till import pos_json
from pos_engage.core.till.pos_sale_input import SALE_ID, SaleProblem
from pos_engage.core.till.sale_session import SaleSession
from pos_engage.core.till.session import SaleSessions

log = logging.getLogger(__name__)

HEARTBEAT_SECONDS = 15.0
QUEUE_SIZE = 64          # changes not yet written to one POS; a state is shared bytes, so this is small in memory
RETRY_MS = 2000          # what an EventSource waits before reconnecting (the SSE "retry" field)


class EventStreams:
    """The open event streams of one link. ``heartbeat`` and ``queue_size`` are read by each new stream."""

    def __init__(self, sessions: SaleSessions, *, heartbeat: float = HEARTBEAT_SECONDS,
                 queue_size: int = QUEUE_SIZE) -> None:
        self.sessions = sessions
        self.heartbeat = heartbeat
        self.queue_size = queue_size
        self._open: set[_Stream] = set()

    @property
    def open_count(self) -> int:
        return len(self._open)

    def response(self, pos_sale_id: str | None, allowed: Callable[[], bool] = lambda: True) -> Response:
        """The stream for one POS, of every sale or of ``pos_sale_id`` only (it need not exist yet). ``allowed``:
        whether the token it was opened with is still the link's, asked before every event and heartbeat (a token
        IT replaced ends the stream there: a sale's state never goes to a token no longer valid)."""
        if pos_sale_id is not None and not SALE_ID.fullmatch(pos_sale_id):
            raise SaleProblem(texts.tr("posSaleId must be 1 to 64 letters, digits or . _ -"), code="InvalidSaleId",
                              errors=[{"field": "posSaleId", "reason": "not a posSaleId"}])
        return _Stream(self, pos_sale_id, allowed)

    def stop(self) -> None:
        """End every open stream (the server stops): each finishes its answer and the POS sees the stream end."""
        for stream in list(self._open):
            stream.end("stopping")


def _event(name: str, data: bytes, event_id: str | None = None) -> bytes:
    # The state is compact JSON (pos_json.dumps): a newline inside a string is escaped, so ``data`` is one line.
    head = b"event: " + name.encode() + b"\n"
    if event_id is not None:
        head += b"id: " + event_id.encode() + b"\n"
    return head + b"data: " + data + b"\n\n"


class _Stream(Response):
    """One POS's stream: an ASGI response that writes what its listener queued until the POS or the server ends it."""

    media_type = "text/event-stream"

    def __init__(self, streams: EventStreams, pos_sale_id: str | None, allowed: Callable[[], bool]) -> None:
        self.streams = streams
        self.pos_sale_id = pos_sale_id
        self._allowed = allowed
        self.status_code = 200
        self.background = None
        # no-store: never cached; X-Accel-Buffering: a proxy in between (there should be none) must not hold events.
        self.init_headers({"Cache-Control": "no-store", "X-Accel-Buffering": "no"})
        self._queue: deque[tuple[str, int, bytes]] = deque()
        self._wake = asyncio.Event()
        self._ended: str | None = None
        self._sending = False
        self._writer: asyncio.Task | None = None

    # -------------------------------------------------------------- on the till's side (synchronous, never raises)

    def _on_change(self, session: SaleSession) -> None:
        try:
            if self._ended is not None or session.pos_sale_id is None:   # a till sale: the POS cannot reach it
                return
            if self.pos_sale_id is not None and session.pos_sale_id != self.pos_sale_id:
                return
            if len(self._queue) >= self.streams.queue_size:
                self.end("overflow")
                return
            self._queue.append((session.pos_sale_id, session.version, self.streams.sessions.state_json(session)))
            self._wake.set()
        except Exception:   # the sale's change stands; this POS reconnects and reads the state
            log.exception("POS link: the event stream could not take a change of sale %s", session.pos_sale_id)
            self.end("error")

    def end(self, reason: str) -> None:
        """Stop listening now and let the writer finish; a writer blocked writing to a POS that does not read is
        cancelled (the connection is closed without a last event: it would block as well)."""
        if self._ended is not None:
            return
        self._ended = reason
        self._unlisten()
        self._wake.set()
        if self._sending and self._writer is not None:
            # The listener only runs while the writer is suspended: inside send, that is waiting for the POS to read.
            self._writer.cancel()

    def _unlisten(self) -> None:
        with contextlib.suppress(ValueError):
            self.streams.sessions.listeners.remove(self._on_change)
        self.streams._open.discard(self)

    # -------------------------------------------------------------- on the POS's side

    def _first(self) -> list[bytes]:
        """hello and the current state of each sale followed, taken in the same step as the listener is added (no
        await between): a change is either in this state or queued after it."""
        sessions = self.streams.sessions
        if self.pos_sale_id is None:
            followed = [s for s in sessions.open_sessions() if s.pos_sale_id is not None]
        else:   # the followed sale as it is, open or closed; none yet if the POS has not opened it
            followed = []
            with contextlib.suppress(SaleProblem):
                followed.append(sessions.get(self.pos_sale_id))
        hello = pos_json.dumps({"posSaleId": self.pos_sale_id, "sales": [s.pos_sale_id for s in followed],
                                "heartbeatSeconds": self.streams.heartbeat})
        first = [f"retry: {RETRY_MS}\n".encode() + _event("hello", hello)]
        first += [_event("sale", sessions.state_json(s), f"{s.pos_sale_id}:{s.version}") for s in followed]
        return first

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        first = self._first()
        self.streams.sessions.listeners.append(self._on_change)
        self.streams._open.add(self)
        self._writer = asyncio.ensure_future(self._write(send, first))
        hung_up = asyncio.ensure_future(self._until_disconnect(receive))
        try:
            await asyncio.wait({self._writer, hung_up}, return_when=asyncio.FIRST_COMPLETED)
        finally:
            self._ended = self._ended or "closed"
            self._unlisten()
            for task in (self._writer, hung_up):
                task.cancel()
            for task in (self._writer, hung_up):
                with contextlib.suppress(asyncio.CancelledError, OSError):
                    await task
            if self._ended == "overflow":
                log.warning("POS link: an event stream was not read (%d changes waiting): closed; the POS "
                            "reconnects and reads the state", self.streams.queue_size)

    async def _send(self, send: Send, chunk: bytes, *, more: bool = True) -> None:
        self._sending = True
        try:
            await send({"type": "http.response.body", "body": chunk, "more_body": more})
        finally:
            self._sending = False

    async def _write(self, send: Send, first: list[bytes]) -> None:
        self._sending = True
        try:
            await send({"type": "http.response.start", "status": self.status_code, "headers": self.raw_headers})
        finally:
            self._sending = False
        for chunk in first:
            await self._send(send, chunk)
        heartbeat = self.streams.heartbeat
        while True:
            while self._queue and self._ended is None and self._still_allowed():
                sale_id, version, data = self._queue.popleft()
                await self._send(send, _event("sale", data, f"{sale_id}:{version}"))
            if self._ended is not None:
                break
            self._wake.clear()
            try:
                await asyncio.wait_for(self._wake.wait(), heartbeat)
            except TimeoutError:
                if self._still_allowed():
                    await self._send(send, b": keep-alive\n\n")
        self._queue.clear()
        last = b""
        if self._ended == "overflow":
            last = _event("overflow", pos_json.dumps({"queueSize": self.streams.queue_size}))
        await self._send(send, last, more=False)

    def _still_allowed(self) -> bool:
        if self._ended is None and not self._allowed():
            self._ended = "revoked"
            log.warning("POS link: an event stream's token is no longer the link's (IT replaced it): closed")
        return self._ended is None

    @staticmethod
    async def _until_disconnect(receive: Receive) -> None:
        while (await receive())["type"] != "http.disconnect":
            pass
