"""Shared fixtures: the simulator in-process and on loopback, clients wired to it, and a request recorder."""

from __future__ import annotations

import os
import sys

# Before anything imports Qt: GUI tests run offscreen (no display on CI).
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("QT_API", "pyside6")

import json
from dataclasses import dataclass, field

import httpx
import keyring
import keyring.backend
import pytest
from hypothesis import HealthCheck, settings

from pos_engage.core.engage.client import EngageClient, Timeouts
from pos_engage.sim.server import SimServer
from pos_engage.sim.state import DEMO_API_KEY, SimState
from pos_engage.sim.transport import SimTransport

# CI must not flake: no deadlines, and the same examples every run.
settings.register_profile("ci", deadline=None, derandomize=True, print_blob=True,
                          suppress_health_check=[HealthCheck.too_slow])
settings.register_profile("dev", deadline=None)
settings.load_profile("ci" if os.environ.get("CI") else "dev")

# The session's exit status, for pytest_unconfigure below.
_EXIT_STATUS: list[int] = []


@pytest.hookimpl(trylast=True)
def pytest_sessionfinish(session, exitstatus) -> None:
    _EXIT_STATUS.append(int(exitstatus))


@pytest.hookimpl(trylast=True)
def pytest_unconfigure(config) -> None:
    """Leave with the session's own exit status once everything is reported, skipping the interpreter's teardown of
    the Qt objects the tests left behind: PySide6 can crash there (upstream PYSIDE-2254 and kin, fragile and
    unrelated to any one test: seen once here as "QObject: shared QObject was deleted directly" and exit 139 after
    1,968 tests had passed), which would turn a green run red. Only in a run that loaded Qt; every other plugin's
    unconfigure has run first (trylast)."""
    if "PySide6.QtCore" in sys.modules and _EXIT_STATUS:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(_EXIT_STATUS[-1])


DEMO_URL = "https://engage.test"
SEED = 7


@dataclass
class Recorded:
    method: str
    url: httpx.URL
    headers: httpx.Headers
    body: bytes

    def json(self):
        return json.loads(self.body) if self.body else None


@dataclass
class RecordingTransport(httpx.AsyncBaseTransport):
    """Passes requests to an inner transport and keeps a copy of each, for contract checks."""

    inner: httpx.AsyncBaseTransport
    requests: list[Recorded] = field(default_factory=list)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        body = await request.aread()
        self.requests.append(Recorded(request.method, request.url, request.headers, body))
        return await self.inner.handle_async_request(request)

    async def aclose(self) -> None:
        await self.inner.aclose()


@pytest.fixture
def sim_state() -> SimState:
    return SimState(seed=SEED)


@pytest.fixture
def recorder(sim_state: SimState) -> RecordingTransport:
    return RecordingTransport(SimTransport(sim_state))


@pytest.fixture
async def client(recorder: RecordingTransport):
    async with EngageClient(DEMO_URL, DEMO_API_KEY, transport=recorder) as engage:
        yield engage


@pytest.fixture
def showcase(sim_state: SimState) -> dict:
    """The fixed demo customers by first name: Anna, Ola, Erik (a Contact), Karin and Lars (shared mobile)."""
    return {c["name"].split()[0]: c for c in sim_state.showcase()["contacts"]}


@pytest.fixture
def sim_server(sim_state: SimState):
    """The simulator on 127.0.0.1, a free port, stopped after the test."""
    with SimServer(sim_state) as server:
        yield server


@pytest.fixture
async def net_client(sim_server: SimServer):
    timeouts = Timeouts(interactive=1.0, background=2.0, connect=1.0)
    async with EngageClient(sim_server.base_url, DEMO_API_KEY, timeouts=timeouts) as engage:
        yield engage


@pytest.fixture(autouse=True)
def _restore_process_wide_logging():
    """Commands run in-process configure logging for the whole process: put it back after each test."""
    import faulthandler
    import logging
    import sys
    import threading

    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    hooks = (sys.excepthook, threading.excepthook)
    yield
    for handler in [h for h in root.handlers if h not in handlers]:
        root.removeHandler(handler)
        handler.close()
    root.setLevel(level)
    sys.excepthook, threading.excepthook = hooks
    if faulthandler.is_enabled():
        faulthandler.enable(file=sys.__stderr__)


class MemoryKeyring(keyring.backend.KeyringBackend):
    priority = 1

    def __init__(self) -> None:
        super().__init__()
        self.store: dict[tuple[str, str], str] = {}

    def get_password(self, service, username):
        return self.store.get((service, username))

    def set_password(self, service, username, password):
        self.store[(service, username)] = password

    def delete_password(self, service, username):
        self.store.pop((service, username), None)


@pytest.fixture
def memory_keyring():
    """keyring with an in-memory backend (toolchain.md): real keyring API, no desktop keyring needed."""
    previous = keyring.get_keyring()
    backend = MemoryKeyring()
    keyring.set_keyring(backend)
    yield backend
    keyring.set_keyring(previous)


