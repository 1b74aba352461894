"""Every failure becomes a typed error with a readable message (in-process simulator, switchable faults)."""

from __future__ import annotations

import pytest

from pos_engage.core.domain import ContactKey, MatchKey
from pos_engage.core.engage.client import EngageClient
from pos_engage.core.errors import (
    EngageAuthError,
    EngageBadResponse,
    EngageImpostor,
    EngageRateLimited,
    EngageServerError,
    EngageTransportError,
)
from pos_engage.sim.transport import SimTransport
from tests.conftest import DEMO_URL
from tests.core.engage.test_receipts import make_receipt


async def test_wrong_api_key_is_an_auth_error_with_an_it_hint(sim_state):
    async with EngageClient(DEMO_URL, "wrong-key", transport=SimTransport(sim_state)) as engage:
        with pytest.raises(EngageAuthError) as caught:
            await engage.identify(ContactKey.email("anna.andersson@example.se"))
    assert caught.value.status == 401
    assert "API key" in str(caught.value)


async def test_blocked_address_is_403(client, sim_state):
    sim_state.faults.update({"blocked": True})
    with pytest.raises(EngageAuthError) as caught:
        await client.ping()
    assert caught.value.status == 403


async def test_rate_limited_with_retry_after(client, sim_state):
    sim_state.faults.update({"storm_429_rate": 1.0, "retry_after": 7})
    with pytest.raises(EngageRateLimited) as caught:
        await client.ping()
    assert caught.value.retry_after == 7
    assert not caught.value.outcome_unknown


async def test_server_error_on_a_write_leaves_the_outcome_unknown(client, sim_state, showcase):
    sim_state.faults.update({"error_rate": 1.0, "error_statuses": [500]})
    with pytest.raises(EngageServerError) as caught:
        await client.post_receipt(make_receipt("r-5xx", MatchKey(showcase["Anna"]["id"])))
    assert caught.value.status == 500 and caught.value.outcome_unknown


async def test_an_interactive_read_gets_one_quick_second_try(client, sim_state, showcase, recorder):
    sim_state.faults.update({"fail_next": 1, "error_statuses": [503]})
    assert await client.identify(ContactKey.email(showcase["Anna"]["email"])) == showcase["Anna"]["id"]
    assert len(recorder.requests) == 2


async def test_writes_are_never_retried_by_the_client(client, sim_state, showcase, recorder):
    sim_state.faults.update({"fail_next": 1, "error_statuses": [503]})
    with pytest.raises(EngageServerError):
        await client.post_receipt(make_receipt("r-once", MatchKey(showcase["Anna"]["id"])))
    assert len(recorder.requests) == 1


async def test_background_reads_are_not_retried_by_the_client(client, sim_state, recorder):
    sim_state.faults.update({"fail_next": 1})
    with pytest.raises(EngageServerError):
        await client.for_background().ping()
    assert len(recorder.requests) == 1


async def test_proxy_html_page_is_a_bad_response_not_a_validation_error(client, sim_state):
    sim_state.faults.update({"html_error_rate": 1.0})
    with pytest.raises(EngageBadResponse) as caught:
        await client.ping()
    assert caught.value.retryable and "web page" in str(caught.value)


async def test_garbled_json_is_an_answer_that_is_not_engages(client, sim_state):
    sim_state.faults.update({"garbage_rate": 1.0})
    with pytest.raises(EngageImpostor) as caught:
        await client.identify(ContactKey.email("anna.andersson@example.se"))
    assert "not JSON" in str(caught.value) and caught.value.retryable and not caught.value.outcome_unknown


async def test_down_in_process_is_a_refused_connection(client, sim_state, showcase):
    sim_state.faults.update({"down": True})
    with pytest.raises(EngageTransportError) as caught:
        await client.post_receipt(make_receipt("r-down", MatchKey(showcase["Anna"]["id"])))
    assert not caught.value.outcome_unknown
    assert sim_state.received.receipts == {}


async def test_dropped_after_processing_in_process_is_an_unknown_outcome(client, sim_state, showcase):
    sim_state.faults.update({"drop_after_rate": 1.0})
    with pytest.raises(EngageTransportError) as caught:
        await client.post_receipt(make_receipt("r-drop", MatchKey(showcase["Anna"]["id"])))
    assert caught.value.outcome_unknown
    assert "r-drop" in sim_state.received.receipts  # processed, though the till never heard
