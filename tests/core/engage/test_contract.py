"""What the client puts on the wire: headers, paths, query parameters and JSON formats (engage-api.md Part A)."""

from __future__ import annotations

import contextlib
import itertools
import json
import re
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest

from pos_engage import __version__
from pos_engage.core.config import Config
from pos_engage.core.domain import (
    Address,
    ContactKey,
    Discount,
    ItemType,
    MatchKey,
    NewContact,
    Preferences,
    ReceiptItem,
)
from pos_engage.core.domain.order_life import OrderStage
from pos_engage.core.engage.client import EngageClient
from pos_engage.core.errors import ConfigError, EngageError, EngageImpostor
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

    asked = []

    def handler(request: httpx.Request) -> httpx.Response:
        asked.append(request.url.host)
        return httpx.Response(302, headers={"location": "https://evil.example/api/v3/orders/x"})

    async with EngageClient("https://engage.test", "k", transport=httpx.MockTransport(handler)) as engage:
        with pytest.raises(EngageImpostor, match=re.escape("instead of Engage (a redirect (302) to https://evil.example")):
            await engage.order_job_status("job-1")
    assert set(asked) == {"engage.test"}  # the key never went to the other host


def test_times_keep_their_own_offset():
    oslo = datetime(2026, 7, 1, 12, tzinfo=timezone(timedelta(hours=2)))
    from pos_engage.core.engage import wire
    assert wire.format_time(oslo) == "2026-07-01T12:00:00+02:00"


# ---------------------------------------------------------------------- against Voyado's swagger (finding 10)
# What the till really sends (through TillService, OrderDesk and the journal, as in a store) compared field by
# field with Voyado's own models in ../shared/voyado-swagger.json, an oracle we did not write. CI checks the
# project out with ../shared beside it; elsewhere these tests are skipped.

SWAGGER = Path(__file__).resolve().parents[3] / ".." / "shared" / "voyado-swagger.json"
needs_swagger = pytest.mark.skipif(not SWAGGER.exists(), reason=f"Voyado's swagger is not beside the checkout "
                                                                f"({SWAGGER})")
CAMEL_CASE = re.compile(r"^[a-z][A-Za-z0-9]*$")
SCALARS = {"str": (str,), "int": (int,), "float": (int, float), "bool": (bool,), "dict": (dict,)}
# v3 orders are not in the swagger (it covers v2 only): the documented top-level fields (engage-api.md 5.2) and
# the order action embedded in a create (Part A decision 9).
V3_ORDER_FIELDS = {"orderId", "contact", "externalStoreId", "status", "externalStatus", "references", "currencyCode",
                   "channel", "createdAt", "lastChangedAt", "lineItems", "payments", "fees", "discounts", "delivery",
                   "billingAddress", "action"}


@pytest.fixture(scope="module")
def swagger() -> dict:
    return json.loads(SWAGGER.read_text(encoding="utf-8"))


def swagger_problems(swagger: dict, model: str, body: object, path: str = "") -> list[str]:
    """How ``body`` differs from swagger model ``model``: unknown names, missing required fields, wrong types,
    values outside an enum (compared case-insensitively, engage-api.md 4.2), and empty text anywhere."""
    if not isinstance(body, dict):
        return [f"{path or model}: not an object"]
    fields = swagger["models"][model]["fields"]
    problems = [f"{path}{name}: not a field of {model}" for name in body if name not in fields]
    for name, spec in fields.items():
        where, value = f"{path}{name}", body.get(name)
        if value is None or value == "":
            if spec["required"] or value == "":
                problems.append(f"{where}: {'required by ' + model if spec['required'] else 'sent empty'}")
            continue
        if spec["list"] and not isinstance(value, list):
            problems.append(f"{where}: not a list")
            continue
        for index, element in enumerate(value if spec["list"] else [value]):
            at = f"{where}[{index}]" if spec["list"] else where
            if spec["kind"] == "model":
                problems += swagger_problems(swagger, spec["type"], element, f"{at}.")
            elif spec["kind"] == "enum":
                if str(element).lower() not in {m.lower() for m in swagger["enums"][spec["type"]]}:
                    problems.append(f"{at}: {element!r} is not in {spec['type']}")
            elif isinstance(element, bool) is not (spec["type"] == "bool") or \
                    not isinstance(element, SCALARS[spec["type"]]):
                problems.append(f"{at}: {element!r} is not {spec['type']}")
    return problems


def flattened(body: object, path: str = "") -> dict[str, object]:
    """Every leaf of a JSON body by its path (``billingAddress.email``, ``lineItems.items[0].sku``)."""
    if isinstance(body, dict):
        return {k: v for name, value in body.items() for k, v in flattened(value, f"{path}{name}.").items()}
    if isinstance(body, list):
        return {k: v for index, value in enumerate(body) for k, v in flattened(value, f"{path[:-1]}[{index}].").items()}
    return {path[:-1]: body}


def names_and_empties(body: object) -> list[str]:
    """Field names that are not camelCase, and empty text, anywhere in a body no swagger model describes."""
    problems = []
    for path, value in flattened(body).items():
        names = [step.split("[")[0] for step in path.split(".")]
        problems += [f"{path}: {name} is not camelCase" for name in names if not CAMEL_CASE.match(name)]
        if value == "":
            problems.append(f"{path}: sent empty")
    return problems


def erased(before: dict, after: dict) -> list[str]:
    """What a full replace would wipe: a value the earlier version sent that the later one sends empty or not at all."""
    later = flattened(after)
    return [f"{path}: {value!r} -> {later.get(path)!r}" for path, value in flattened(before).items()
            if value not in (None, "") and later.get(path) in (None, "")]


def sent(recorder, method: str, path: str) -> list[dict]:
    return [r.json() for r in recorder.requests if r.method == method and r.url.path == path]


@pytest.fixture
async def store_till(journal, recorder):
    """The till's own services over the recorded simulator, with a replayer that delivers at once."""
    import random

    from pos_engage.core.engage.online import OnlineMonitor
    from pos_engage.core.journal.replayer import Replayer
    from pos_engage.core.till.service import TillService

    monitor = OnlineMonitor()
    async with EngageClient("https://engage.test", "sim-demo-key", transport=recorder, monitor=monitor) as engage:
        replayer = Replayer(journal, engage, monitor=monitor, rate_per_second=None, schedule=(0.0,),
                            rng=random.Random(1))
        yield TillService(Config(store_external_id="12", till_id="3"), engage, journal, replayer)


async def deliver_all(till, sim_state) -> None:
    sim_state.faults.update({"down": False})
    till.replayer.monitor.last_probe_at = 0
    for _ in range(6):
        await till.deliver_now()


@needs_swagger
@pytest.mark.parametrize("identified_by", ["card offline", "email offline", "contact id online"])
async def test_a_sales_receipt_is_voyados_receipt_and_finds_the_customer(store_till, recorder, sim_state, showcase,
                                                                        swagger, identified_by):
    from pos_engage.core.till.basket import Basket, BasketLine

    anna = showcase["Anna"]
    typed = {"card offline": anna["cardNumber"], "email offline": anna["email"],
             "contact id online": anna["email"]}[identified_by]
    sim_state.faults.update({"down": identified_by.endswith("offline")})
    customer = (await store_till.identify(typed, scanned=identified_by.startswith("card"))).customer
    sale = store_till.finish_sale(Basket([BasketLine("1002", "Wool jacket", 1, Decimal("1299")),
                                          BasketLine("1004", "Socks", 2, Decimal("49.50"))]), customer)
    await deliver_all(store_till, sim_state)
    posted = [r for r in sent(recorder, "POST", "/api/v3/receipts") if r["uniqueReceiptId"] == sale.receipt_id]
    assert posted, "the receipt was not sent"
    assert swagger_problems(swagger, "Receipt", posted[0]) == []
    # A real tenant matches by the attribute the key type names: the customer must be found by what was sent.
    assert sim_state.received.receipt_contacts[sale.receipt_id] == anna["id"], posted[0]["contact"]


async def test_an_anonymous_sale_is_never_posted_with_a_key_that_matches_nobody(store_till, recorder, sim_state):
    from pos_engage.core.till.basket import Basket, BasketLine

    sale = store_till.finish_sale(Basket([BasketLine("1001", "T-shirt", 1, Decimal("199"))]), None)
    await deliver_all(store_till, sim_state)
    assert sale.receipt_id not in sim_state.received.unmatched_receipts


@needs_swagger
async def test_a_v2_order_communication_is_voyados_order(client, journal, recorder, sim_state, showcase, swagger):
    from tests.core.till.test_orders import basket, desk_for, drain, known_customer, replayer_for

    desk = desk_for(client, journal, api="v2")
    order_id = desk.create(basket(), await known_customer(client, journal, showcase), Address()).order.order_id
    await drain(replayer_for(client, journal))
    posted = sent(recorder, "POST", "/api/v2/orders")
    assert posted and posted[0]["orderNumber"] == order_id
    assert swagger_problems(swagger, "Order", posted[0]) == []
    assert sim_state.received.communications[0]["contactId"] == showcase["Anna"]["id"]


@needs_swagger
@pytest.mark.parametrize("who", ["known customer", "new customer"])
async def test_v3_order_versions_use_documented_names_and_never_erase_what_an_earlier_one_sent(
        client, journal, recorder, sim_state, showcase, swagger, who):
    from tests.core.till.test_orders import basket, desk_for, drain, known_customer, replayer_for

    desk = desk_for(client, journal)
    if who == "known customer":
        customer, form = await known_customer(client, journal, showcase), Address()
    else:
        customer, form = None, Address("Nils", "Ny", "Gatan 1", "111 22", "Stockholm", "SE", "nils.ny@example.se",
                                       "+46705550101")
    order_id = desk.create(basket(), customer, form, delivery_method="Home delivery").order.order_id
    desk.change_stage(order_id, OrderStage.IN_PROGRESS)
    desk.change_stage(order_id, OrderStage.SHIPPED)
    await drain(replayer_for(client, journal))
    versions = sent(recorder, "POST", "/api/v3/orders") + sent(recorder, "PUT", f"/api/v3/orders/{order_id}")
    assert len(versions) == 3
    enum = {m.lower() for m in swagger["enums"]["OrderContactMatchKeyType"]}
    for body in versions:
        assert set(body) <= V3_ORDER_FIELDS
        assert [p for p in names_and_empties(body) if "camelCase" in p] == []
        assert set(body["contact"]) <= {"matchKey", "matchKeyType"} and body["contact"]["matchKey"]
        assert body["contact"]["matchKeyType"].lower() in enum
    for before, after in itertools.pairwise(versions):  # a full replace carries what came before
        assert erased(before, after) == []
        assert after["billingAddress"] == versions[0]["billingAddress"] and after["contact"] == versions[0]["contact"]


@pytest.mark.parametrize(("mobile", "country"), [("+46705550102", "SE"), ("+4791234599", "NO")])
async def test_a_registration_uses_documented_names_and_the_mobiles_country(store_till, recorder, mobile, country):
    from pos_engage.core.domain import NewContact

    await store_till.register(NewContact(first_name="Ny", last_name="Kund", email=f"ny{country}@example.se",
                                         mobile_phone=mobile, preferences=Preferences(accepts_email=True)))
    body = sent(recorder, "POST", "/api/v3/contacts")[-1]
    assert names_and_empties(body) == []
    assert body["contactType"] in ("Member", "Contact")
    assert set(body["preferences"]) <= {"acceptsEmail", "acceptsSms", "acceptsPostal"}
    assert all(isinstance(v, bool) for v in body["preferences"].values())
    assert body["mobilePhone"] == mobile and body["countryCode"] == country
