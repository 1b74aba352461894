"""The client against the simulator over real loopback HTTP: the failures only a socket can show."""

from __future__ import annotations

import socket

import httpx
import pytest

from pos_engage.core.domain import ContactKey, MatchKey
from pos_engage.core.engage.client import EngageClient, Timeouts
from pos_engage.core.errors import (
    EngageBadResponse,
    EngageRateLimited,
    EngageServerError,
    EngageTimeout,
    EngageTransportError,
)
from pos_engage.sim.state import DEMO_API_KEY
from tests.core.engage.test_receipts import make_receipt

pytestmark = pytest.mark.network


def closed_port() -> int:
    """A loopback port nothing listens on (bound, read, released)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


async def test_identify_over_loopback(net_client, showcase):
    assert await net_client.identify(ContactKey.email(showcase["Anna"]["email"])) == showcase["Anna"]["id"]


async def test_timeout_on_a_slow_engage(net_client, sim_state, showcase):
    sim_state.faults.update({"latency": 1.5})
    with pytest.raises(EngageTimeout) as caught:
        await net_client.post_receipt(make_receipt("r-slow", MatchKey(showcase["Anna"]["id"])))
    assert caught.value.outcome_unknown and caught.value.retryable


async def test_connection_refused():
    async with EngageClient(f"http://127.0.0.1:{closed_port()}", DEMO_API_KEY,
                            timeouts=Timeouts(interactive=1.0, connect=1.0)) as engage:
        with pytest.raises(EngageTransportError) as caught:
            await engage.ping()
    assert not caught.value.outcome_unknown
    assert "Cannot connect" in str(caught.value)


async def test_reset_after_processing_is_an_unknown_outcome(net_client, sim_state, showcase):
    sim_state.faults.update({"drop_after_rate": 1.0})
    with pytest.raises(EngageTransportError) as caught:
        await net_client.post_receipt(make_receipt("r-reset", MatchKey(showcase["Anna"]["id"])))
    assert caught.value.outcome_unknown
    assert "r-reset" in sim_state.received.receipts


async def test_down_resets_before_anything_is_processed(net_client, sim_state, showcase):
    sim_state.faults.update({"down": True})
    with pytest.raises(EngageTransportError):
        await net_client.post_receipt(make_receipt("r-down", MatchKey(showcase["Anna"]["id"])))
    assert sim_state.received.receipts == {}
    sim_state.faults.update({"down": False})
    await net_client.post_receipt(make_receipt("r-down", MatchKey(showcase["Anna"]["id"])))
    assert "r-down" in sim_state.received.receipts


@pytest.mark.parametrize("status", [500, 502, 504])
async def test_5xx(net_client, sim_state, status):
    sim_state.faults.update({"error_rate": 1.0, "error_statuses": [status]})
    with pytest.raises(EngageServerError) as caught:
        await net_client.ping()
    assert caught.value.status == status


async def test_429_with_retry_after_header(net_client, sim_state):
    sim_state.faults.update({"storm_429_rate": 1.0, "retry_after": 12})
    with pytest.raises(EngageRateLimited) as caught:
        await net_client.ping()
    assert caught.value.retry_after == 12


async def test_rate_limit_above_the_configured_rate(net_client, sim_state):
    sim_state.faults.update({"rate_limit": 3, "retry_after": 5})
    results = []
    for _ in range(6):
        try:
            await net_client.for_background().ping()
            results.append("ok")
        except EngageRateLimited:
            results.append("429")
    assert results[:3] == ["ok", "ok", "ok"] and "429" in results


async def test_html_error_page_from_a_proxy(net_client, sim_state):
    sim_state.faults.update({"html_error_rate": 1.0})
    with pytest.raises(EngageBadResponse) as caught:
        await net_client.ping()
    assert caught.value.status == 502


async def test_malformed_json(net_client, sim_state, showcase):
    sim_state.faults.update({"garbage_rate": 1.0})
    with pytest.raises(EngageBadResponse):
        await net_client.identify(ContactKey.email(showcase["Anna"]["email"]))


async def test_a_10_mb_answer_is_refused_without_reading_it(net_client, sim_state, showcase):
    sim_state.faults.update({"oversize_bytes": 10 * 1024 * 1024})
    with pytest.raises(EngageBadResponse) as caught:
        await net_client.identify(ContactKey.email(showcase["Anna"]["email"]))
    assert "larger than 4 MB" in str(caught.value)


async def test_a_large_body_without_content_length_is_cut_off():
    """Streamed (chunked) answers have no Content-Length: the cap must still hold while reading. (A mock transport:
    the simulator always sends Content-Length.)"""

    def huge(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, stream=httpx.ByteStream(b"x" * (2 * 1024 * 1024)),
                              headers={"content-type": "application/json"})

    async with EngageClient("https://engage.test", DEMO_API_KEY, transport=httpx.MockTransport(huge),
                            max_response_bytes=1024 * 1024) as engage:
        with pytest.raises(EngageBadResponse):
            await engage.ping()
