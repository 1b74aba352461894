"""What the client puts on the wire: headers, paths, query parameters and JSON formats (engage-api.md Part A)."""

from __future__ import annotations

import contextlib
import re
from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest

from pos_engage import __version__
from pos_engage.core.domain import ContactKey, Discount, ItemType, MatchKey, NewContact, Preferences, ReceiptItem
from pos_engage.core.engage.client import EngageClient
from pos_engage.core.errors import ConfigError, EngageError
from tests.core.engage.test_receipts import make_receipt


async def test_every_call_carries_apikey_user_agent_and_content_type(client, recorder, showcase):
    anna = showcase["Anna"]
    await client.identify(ContactKey.email(anna["email"]))
    await client.get_contact(anna["id"])
    await client.list_promotions(anna["id"])
    await client.post_receipt(make_receipt("c-1", MatchKey(anna["id"])))
    assert len(recorder.requests) == 4
    for request in recorder.requests:
        assert request.headers["apikey"] == "sim-demo-key"
        assert request.headers["user-agent"] == f"pos-engage/{__version__}"
        assert request.headers["content-type"] == "application/json"
        assert "authorization" not in request.headers  # not Bearer (liblab's default, not Engage's)


async def test_identify_uses_v3_with_the_key_as_query_parameter(client, recorder):
    await client.identify(ContactKey.custom("7350000000016"))
    sent = recorder.requests[0]
    assert (sent.method, sent.url.path, dict(sent.url.params)) == ("GET", "/api/v3/contacts/id",
                                                                    {"customKey": "7350000000016"})


async def test_v3_create_sends_source_and_store_as_query_parameters_not_headers(client, recorder):
    await client.register(NewContact(first_name="Ny", email="ny@example.se", mobile_phone="+46701112233",
                                     preferences=Preferences(accepts_email=True)), store_external_id="600")
    sent = recorder.requests[0]
    assert sent.url.path == "/api/v3/contacts"
    assert dict(sent.url.params) == {"source": "POS", "storeExternalId": "600"}
    assert "source" not in sent.headers and "storeexternalid" not in sent.headers
    assert sent.json() == {"contactType": "Member", "firstName": "Ny", "email": "ny@example.se",
                           "mobilePhone": "+46701112233", "countryCode": "SE",
                           "preferences": {"acceptsEmail": True, "acceptsSms": False, "acceptsPostal": False}}


async def test_receipt_json_fields_and_formats(client, recorder, showcase):
    receipt = make_receipt(
        "c-2", MatchKey(showcase["Anna"]["id"]),
        ReceiptItem("1002", "Wool jacket", 1, Decimal("1039.2"), Decimal("25"), article_group="Jackets",
                    discounts=(Discount(Decimal("-259.80"), "20 % off today", "promotion"),)),
        ReceiptItem("1004", "Socks", 2, Decimal("198"), Decimal("25"), type=ItemType.RETURN),
    )
    receipt = type(receipt)(**{**receipt.__dict__, "used_promotions": ("template-1",)})
    await client.post_receipt(receipt)
    sent = recorder.requests[0]
    assert (sent.method, sent.url.path) == ("POST", "/api/v3/receipts")
    body = sent.json()
    assert body["createdDate"] == "2026-11-23T14:05:00+01:00"  # local time with offset, not UTC
    assert body["contact"] == {"matchKey": showcase["Anna"]["id"], "matchKeyType": "contactId"}
    assert body["totalGrossPrice"] == 841.2
    assert body["usedPromotions"] == [{"promotionId": "template-1"}]
    jacket, socks = body["items"]
    assert jacket == {"type": "PURCHASE", "sku": "1002", "articleNumber": "1002", "articleName": "Wool jacket",
                      "quantity": 1, "grossPaidPrice": 1039.2, "taxAmount": 207.84, "taxPercent": 25.0,
                      "awardsBonus": True, "articleGroup": "Jackets",
                      "discounts": [{"value": -259.8, "type": "promotion", "description": "20 % off today"}]}
    assert (socks["type"], socks["quantity"], socks["grossPaidPrice"]) == ("RETURN", -2, 198.0)
    assert body["paymentMethods"] == [{"type": "Card", "value": 841.2}]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d", body["createdDate"])


async def test_redeem_uses_the_assignment_id_and_pos_channel(client, recorder):
    with contextlib.suppress(EngageError):  # the answer does not matter here, only what was sent
        await client.redeem_promotion("abc/../def")
    sent = recorder.requests[0]
    assert sent.url.raw_path == b"/api/v3/promotion-assignments/abc%2F..%2Fdef/redeem"  # an id cannot escape
    assert sent.json() == {"redemptionChannel": "POS"}


async def test_order_action_body(client, recorder):
    with contextlib.suppress(EngageError):
        await client.order_action("ord-9", "ConfirmOrder", "VT==", language="en-US")
    assert recorder.requests[0].json() == {"action": "ConfirmOrder", "versionTag": "VT==", "language": "en-US",
                                           "data": {}}


@pytest.mark.parametrize("url", ["http://abc123.voyado.com", "ftp://abc.voyado.com", "abc.voyado.com", "",
                                 "https://user:pw@abc.voyado.com", "http://10.0.0.5"])
def test_unsafe_or_malformed_base_urls_are_refused(url):
    with pytest.raises(ConfigError):
        EngageClient(url, "key")


@pytest.mark.parametrize("url", ["https://abc123.voyado.com/", "http://127.0.0.1:8585", "http://localhost:1",
                                 "http://[::1]:8080"])
async def test_https_and_loopback_base_urls_are_accepted(url):
    async with EngageClient(url, "key") as engage:
        assert not engage.base_url.endswith("/")


@pytest.mark.parametrize("key", ["", "   ", "key with space", "ke\ty"])
def test_bad_api_keys_are_refused(key):
    with pytest.raises(ConfigError):
        EngageClient("https://abc.voyado.com", key)


async def test_the_key_never_shows_in_repr():
    async with EngageClient("https://abc.voyado.com", "super-secret-key") as engage:
        assert "super-secret-key" not in repr(engage)


async def test_redirect_to_another_host_is_not_followed(sim_state):
    import httpx

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(302, headers={"location": "https://evil.example/api/v3/orders/x"})

    async with EngageClient("https://engage.test", "k", transport=httpx.MockTransport(handler)) as engage:
        with pytest.raises(Exception, match="another host"):
            await engage.order_job_status("job-1")


def test_times_keep_their_own_offset():
    oslo = datetime(2026, 7, 1, 12, tzinfo=timezone(timedelta(hours=2)))
    from pos_engage.core.engage import wire
    assert wire.format_time(oslo) == "2026-07-01T12:00:00+02:00"
