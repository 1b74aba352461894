"""Serving the POS link: uvicorn on the till's own asyncio loop (inside qasync in the window), loopback only.

The socket is bound here, before uvicorn starts, so a port in use or an address that is not loopback is a clear
error at once (uvicorn would log and exit the process). uvicorn's own signal handling is left out: the window and
``pos-engage serve`` decide when to stop (serve stops on SIGTERM and Ctrl+C)."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import ipaddress
import logging
import socket

import uvicorn

from pos_engage.core import texts
from pos_engage.core.errors import ConfigError

log = logging.getLogger(__name__)


def check_loopback(host: str) -> str:
    """The address to bind, or ConfigError: the POS link is never reachable from another computer."""
    if host == "localhost":
        return "127.0.0.1"
    try:
        address = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        address = None
    if address is None or not address.is_loopback:
        raise ConfigError(texts.tr("The POS link listens on this computer only (127.0.0.1 or ::1), not on {host}: "
                                   "another computer on the shop's network must not reach the till",
                                   host=host))
    return str(address)


class _CutOffStream(logging.Filter):
    """Drops uvicorn's ERROR "ASGI callable returned without completing response": the link's routes always
    complete theirs, except an event stream cut off because its POS stopped reading (link/events.py logs a
    WARNING saying so just before); an ERROR there would send IT looking for a fault that is not one."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith("ASGI callable returned without completing response")


_UVICORN_ERRORS = logging.getLogger("uvicorn.error")
if not any(isinstance(f, _CutOffStream) for f in _UVICORN_ERRORS.filters):
    _UVICORN_ERRORS.addFilter(_CutOffStream())


def _settle_heap() -> None:
    """Once per process, when the link first listens: what the till made while starting (modules, the window,
    the configuration) lives as long as it does, so it is frozen out of the collector's generations (gc.freeze).
    A full collection then walks only what was made since, instead of the whole heap while a POS waits for an
    answer (benchmarks/pos_link.py's apply p99: a few tenths of the bare route's in paired runs, within their
    noise; with the collector off altogether it fell ~0.3x)."""
    global _heap_settled
    if not _heap_settled:
        _heap_settled = True
        gc.collect()   # garbage now is freed, not frozen with the rest
        gc.freeze()


_heap_settled = False


class _Embedded(uvicorn.Server):
    @contextlib.contextmanager
    def capture_signals(self):  # the host program owns the signals
        yield


class LinkServer:
    """``await start()`` binds and serves; ``await stop()`` finishes the requests under way and closes."""

    def __init__(self, app, *, host: str = "127.0.0.1", port: int = 8765) -> None:
        self.host = check_loopback(host)
        self.requested_port = port
        self.app = app
        self.port: int | None = None
        self._server: _Embedded | None = None
        self._task: asyncio.Task | None = None
        self._token_task: asyncio.Task | None = None

    @property
    def url(self) -> str:
        host = f"[{self.host}]" if ":" in self.host else self.host
        return f"http://{host}:{self.port}"

    @property
    def listening(self) -> bool:
        return self._server is not None and self._server.started and not self._task.done()

    async def start(self) -> None:
        resume_streams = getattr(getattr(self.app, "state", None), "resume_streams", None)
        if resume_streams is not None:   # the app may have been behind a server that stopped (see stop)
            resume_streams()
        family = socket.AF_INET6 if ":" in self.host else socket.AF_INET
        # IPPROTO_TCP named: asyncio sets TCP_NODELAY on accepted sockets only when the protocol says TCP (with 0,
        # uvicorn's head and body go in two segments and every answer on a kept-alive connection waits 40 ms for
        # the POS's delayed ACK).
        sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        try:
            sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
            sock.bind((self.host, self.requested_port))
        except (OSError, OverflowError) as problem:  # OverflowError: a port above 65535 (the caller checks too)
            sock.close()
            raise ConfigError(texts.tr("The POS link cannot listen on {host}:{port}: {problem} (another program, "
                                       "or another pos-engage, uses it? pos_link.port chooses another)",
                                       host=self.host, port=self.requested_port,
                                       problem=getattr(problem, "strerror", None) or str(problem))) from problem
        sock.set_inheritable(True)
        self.port = sock.getsockname()[1]
        config = uvicorn.Config(self.app, lifespan="off", log_level="warning", access_log=False,
                                timeout_graceful_shutdown=5, server_header=False, date_header=False)
        self._server = _Embedded(config)
        self._task = asyncio.ensure_future(self._server.serve(sockets=[sock]))
        while not self._server.started:
            if self._task.done():
                self._task.result()
                raise ConfigError(texts.tr("The POS link stopped while starting"))
            await asyncio.sleep(0.005)
        tokens = getattr(getattr(self.app, "state", None), "tokens", None)
        if tokens is not None:   # read in a worker thread, first before any request asks, never by one (tokens.py)
            await tokens.refresh()
            self._token_task = asyncio.ensure_future(tokens.keep_fresh())
        _settle_heap()
        log.info("POS link on %s", self.url)

    async def stop(self) -> None:
        if self._server is None or self._task is None:
            return
        # Open event streams (GET /v1/events, link/events.py) never end by themselves: ended first, else uvicorn
        # would wait out its grace period for them and cut them off.
        stop_streams = getattr(getattr(self.app, "state", None), "stop_streams", None)
        if stop_streams is not None:
            stop_streams()
        self._server.should_exit = True
        with contextlib.suppress(asyncio.CancelledError):
            await self._task
        self._server = None
        if self._token_task is not None:
            self._token_task.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._token_task
            self._token_task = None
