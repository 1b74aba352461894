"""The second orders platform: batches of at most 1,000 over real loopback HTTP, a resend updates the order
instead of duplicating it, orders without email and phone are stopped before sending, refusals and outages
handled, and the platform's entries never wait for Engage (nor Engage's for it)."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest

from pos_engage.core.config import Config, MarketingSettings, OrderSettings
from pos_engage.core.domain import Address, Contact, ContactKey
from pos_engage.core.domain.order_life import OrderedItem, OrderStage, TillOrder
from pos_engage.core.engage.online import OnlineMonitor
from pos_engage.core.errors import ConfigError, InputError, MarketingError
from pos_engage.core.journal import payloads
from pos_engage.core.journal.entry import EntryKind, EntryStatus
from pos_engage.core.journal.replayer import Replayer
from pos_engage.core.marketing import wire
from pos_engage.core.marketing.client import MarketingClient
from pos_engage.core.marketing.sink import MarketingSink
from pos_engage.core.till.basket import Basket, BasketLine
from pos_engage.core.till.orders import OrderDesk
from pos_engage.core.till.outcomes import Customer
from pos_engage.sim.marketing import MARKETING_DEMO_KEY, MarketingServer, MarketingState, MarketingTransport

CET = timezone(timedelta(hours=1))
NOW = datetime(2026, 11, 24, 10, tzinfo=CET)


def order(n: int, *, stage: OrderStage = OrderStage.CREATED, email: str = "", phone: str = "+46701234567",
          changes: int = 1) -> TillOrder:
    return TillOrder(f"12-3-{n:05d}", stage, (OrderedItem("1001", "T-shirt", 2, Decimal("199")),), NOW, NOW,
                     email=email or f"c{n}@example.se", mobile_phone=phone, changes=changes)


def journal_orders(journal, count: int, *, status: str = "INITIALIZED", start: int = 0) -> None:
    for n in range(start, start + count):
        body = wire.order_json(order(n), status, product_url="https://shop.example/p/{sku}",
                               image_url="https://shop.example/i/{sku}.jpg")
        journal.record([payloads.marketing_order(body, order_id=f"12-3-{n:05d}", change=1)])


@pytest.fixture
def platform():
    with MarketingServer() as server:  # 127.0.0.1, a free port, stopped after the test
        yield server


@pytest.fixture
async def net_marketing(platform):
    async with MarketingClient(platform.base_url, MARKETING_DEMO_KEY, timeout=5.0) as client:
        yield client


@pytest.fixture
async def local_marketing():
    state = MarketingState()
    async with MarketingClient("https://marketing.test", MARKETING_DEMO_KEY,
                               transport=MarketingTransport(state)) as client:
        client.state = state
        yield client


@pytest.mark.network
async def test_2500_orders_go_in_requests_of_at_most_1000(journal, platform, net_marketing):
    journal_orders(journal, 2500)
    sink = MarketingSink(journal, net_marketing, schedule=(0.01,))
    report = await sink.send_until_empty(max_seconds=60)
    assert platform.marketing.batches == [1000, 1000, 500]
    assert report.delivered == 2500 and report.requests == 3
    assert len(platform.marketing.orders) == 2500
    sent = platform.marketing.orders["12-3-00007"]
    assert sent["items"][0] == {"externalItemId": "1001", "name": "T-shirt", "quantity": 2, "cost": 199.0,
                                "url": "https://shop.example/p/1001", "imageUrl": "https://shop.example/i/1001.jpg"}


@pytest.mark.network
async def test_a_second_version_and_a_resend_after_an_outage_update_the_order_never_duplicate_it(
        journal, clock, platform, net_marketing):
    sink = MarketingSink(journal, net_marketing, schedule=(5.0,))
    journal_orders(journal, 1)
    platform.marketing.fail_next = 1  # the first try meets a 503: the order waits and goes again
    report = await sink.send_once()
    assert report.retrying == 1 and platform.marketing.batches == []
    clock.advance(10)
    await sink.send_once()
    moved = order(0, stage=OrderStage.IN_PROGRESS, changes=2)
    journal.record([payloads.marketing_order(wire.order_json(moved, "IN_PROGRESS"), order_id=moved.order_id,
                                             change=2)])
    await sink.send_once()
    assert list(platform.marketing.orders) == ["12-3-00000"]  # one order, updated
    assert platform.marketing.orders["12-3-00000"]["status"] == "IN_PROGRESS"
    assert platform.marketing.updates == 1


def test_an_order_without_email_and_phone_is_refused_before_sending_with_a_clear_message():
    with pytest.raises(InputError, match="needs the customer's email or mobile number"):
        wire.order_json(replace(order(1), email="", mobile_phone=""), "INITIALIZED")


async def test_a_journaled_order_missing_both_goes_to_the_manager_and_the_rest_are_sent(journal, local_marketing):
    journal_orders(journal, 2)
    body = wire.order_json(order(9), "INITIALIZED")
    del body["email"], body["phone"]
    journal.record([payloads.marketing_order(body, order_id="12-3-00009", change=1)])
    report = await MarketingSink(journal, local_marketing).send_once()
    assert report.delivered == 2 and report.needs_attention == 1
    bad = [e for e in journal.entries(limit=10) if e.status is EntryStatus.NEEDS_ATTENTION]
    assert "neither email nor phone" in bad[0].last_error
    assert local_marketing.state.batches == [2] and "12-3-00009" not in local_marketing.state.orders


async def test_orders_the_platform_refuses_go_to_the_manager_and_the_others_go_in_the_next_batch(
        journal, local_marketing):
    journal_orders(journal, 3)
    journal_orders(journal, 1, status="SHIPPED", start=3)  # not a status the platform knows
    sink = MarketingSink(journal, local_marketing)
    first = await sink.send_once()
    assert first.needs_attention == 1 and first.delivered == 0
    second = await sink.send_once()
    assert second.delivered == 3 and local_marketing.state.batches == [3]
    refused = [e for e in journal.entries(limit=10) if e.status is EntryStatus.NEEDS_ATTENTION]
    assert len(refused) == 1 and "status must be one of" in refused[0].last_error


async def test_the_platform_down_keeps_its_orders_and_engage_never_waits_for_it(journal, client, sim_state,
                                                                               local_marketing):
    journal_orders(journal, 2)
    local_marketing.state.down = True
    from tests.core.conftest import sale
    journal.record([payloads.receipt(sale("r-1"))])
    replayer = Replayer(journal, client, monitor=OnlineMonitor(), rate_per_second=None, schedule=(0.0,))
    report = await replayer.replay_once()
    assert report.claimed == 1 and "r-1" in sim_state.received.receipts  # the receipt went; orders not touched
    sink_report = await MarketingSink(journal, local_marketing).send_once()
    assert sink_report.retrying == 2
    pending = [e for e in journal.entries(limit=10) if e.kind is EntryKind.MARKETING_ORDER]
    assert {e.status for e in pending} == {EntryStatus.WAITING_RETRY}
    assert "cannot be reached" in pending[0].last_error


async def test_the_client_refuses_http_off_this_machine_and_a_missing_key():
    with pytest.raises(ConfigError, match="must be reached over https"):
        MarketingClient("http://marketing.example.com", "key")
    with pytest.raises(MarketingError, match="--marketing-key-stdin"):
        MarketingClient("https://marketing.example.com", "")


async def test_a_wrong_key_is_retried_later_with_a_message_for_it(journal, local_marketing):
    local_marketing.state.api_key = "another-key"
    journal_orders(journal, 1)
    await MarketingSink(journal, local_marketing).send_once()
    (entry,) = journal.entries(limit=1)
    assert entry.status is EntryStatus.WAITING_RETRY and "refused the API key" in entry.last_error


async def test_the_order_desk_refuses_an_order_the_platform_could_not_take_before_saving_it(client, journal):
    config = Config(orders=OrderSettings(second_backend=MarketingSettings(base_url="https://marketing.example")))
    desk = OrderDesk(config, client, journal)
    # A member known by card only: Engage has no email or mobile for them, and none was typed on the form.
    member = Customer(ContactKey.custom("7350000000999"), Contact("c-1", "Member", first_name="Card", last_name="Only"))
    with pytest.raises(InputError, match="needs the customer's email or mobile number"):
        desk.create(Basket([BasketLine("1", "A", 1, Decimal("10"))]), member, Address())
    assert journal.count() == 0


def test_batches_above_1000_are_refused_by_the_wire():
    with pytest.raises(InputError, match="1 to 1000"):
        wire.batch_json([{}] * 1001)
    assert json.dumps(wire.batch_json([{"a": 1}]))
