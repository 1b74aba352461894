"""The POS link served for real: uvicorn on 127.0.0.1 (a free port) over a till wired to the simulator, and an
httpx client with the link's token. The server is stopped by the test that started it."""

from __future__ import annotations

import contextlib
import random
from dataclasses import dataclass

import httpx
import pytest

from pos_engage.core.config import Config, TillSettings
from pos_engage.core.engage.client import EngageClient, Timeouts
from pos_engage.core.engage.online import OnlineMonitor
from pos_engage.core.journal.replayer import Replayer
from pos_engage.core.journal.store import Journal
from pos_engage.core.till.service import TillService
from pos_engage.link.app import LinkApp
from pos_engage.link.host import build_link
from pos_engage.link.server import LinkServer
from pos_engage.link.tokens import TokenSource
from pos_engage.sim.state import SimState
from pos_engage.sim.transport import SimTransport

TOKEN = "test-token-0123456789"
ANNA = "anna.andersson@example.se"


@dataclass
class Rig:
    service: TillService
    link: LinkApp
    server: LinkServer
    http: httpx.AsyncClient
    tenant: SimState

    @property
    def sessions(self):
        return self.link.sessions


@pytest.fixture
def tenant() -> SimState:
    return SimState(seed=7, api_keys=("till-a",))


@contextlib.asynccontextmanager
async def served(tenant: SimState, path, *, token: str = TOKEN, journal: Journal | None = None,
                 tokens: TokenSource | None = None, **settings):
    monitor = OnlineMonitor(probe_interval=0.0)
    config = Config(store_external_id="12", till_id="till-a", till=TillSettings(**settings))
    async with EngageClient("https://engage.test", "till-a", transport=SimTransport(tenant), monitor=monitor,
                            timeouts=Timeouts(interactive=3.0, background=3.0, connect=1.0)) as client:
        with contextlib.ExitStack() as stack:
            journal = journal or stack.enter_context(Journal.open(path))
            replayer = Replayer(journal, client, monitor=monitor, rate_per_second=None, schedule=(0.0,),
                                rng=random.Random(1))
            service = TillService(config, client, journal, replayer)
            link = build_link(service, tokens=tokens or TokenSource(lambda: token))
            server = LinkServer(link.asgi(), port=0)
            await server.start()
            try:
                async with httpx.AsyncClient(base_url=server.url, timeout=10.0,
                                             headers={"Authorization": f"Bearer {token}"}) as http:
                    yield Rig(service, link, server, http, tenant)
            finally:
                await server.stop()
                await service.redemptions_settled()
                replayer.close()


@pytest.fixture
async def rig(tenant, tmp_path):
    async with served(tenant, tmp_path / "journal.sqlite3") as ready:
        yield ready
