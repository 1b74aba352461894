"""The simulator as strict as a real tenant: Voyado's swagger models, contact matching per key type, and a
per-key count of requests per second (with raw HTTP, no pos-engage client, so nothing of the client helps it)."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from pos_engage.sim import swagger_rules
from pos_engage.sim.faults import RequestCounter, key_label
from pos_engage.sim.server import SimServer
from pos_engage.sim.state import DEMO_API_KEY, SimState
from pos_engage.sim.transport import SimTransport

HEADERS = {"apikey": DEMO_API_KEY, "Content-Type": "application/json"}
# CI checks the project out with ../shared beside it; an install or a bare checkout has no swagger file.
SWAGGER = Path(__file__).resolve().parents[2] / ".." / "shared" / "voyado-swagger.json"


@pytest.fixture
async def raw(sim_state: SimState):
    async with httpx.AsyncClient(transport=SimTransport(sim_state), base_url="http://sim") as http:
        yield http


def receipt(contact: dict | None = None, **changes) -> dict:
    body = {"contact": contact or {"matchKey": "nobody@example.se", "matchKeyType": "Email"},
            "uniqueReceiptId": "s1", "receiptNumber": "1", "createdDate": "2026-11-23T10:00:00+01:00",
            "storeExternalId": "1", "currency": "SEK", "totalGrossPrice": 100,
            "paymentMethods": [{"type": "Card", "value": 100}],
            "items": [{"type": "PURCHASE", "sku": "1", "articleNumber": "1", "articleName": "A", "quantity": 1,
                       "grossPaidPrice": 100, "taxAmount": 20, "taxPercent": 25,
                       "discounts": [{"value": -10, "type": "promotion"}]}]}
    return body | changes


def order(**changes) -> dict:
    body = {"contact": {"matchKey": "anna.andersson@example.se", "matchKeyType": "Email"}, "orderNumber": "W-1",
            "orderStatus": "Confirmed", "paymentStatus": "Paid", "createdDate": "2026-11-23T10:00:00+01:00",
            "storeId": "1", "currency": "SEK", "totalGrossPrice": 199,
            "items": [{"type": "PURCHASE", "sku": "1001", "description": "T-shirt", "quantity": 1,
                       "grossPaidPrice": 199}],
            "paymentMethods": [{"type": "Card", "value": 199}], "freightFee": {"value": 0}}
    return body | changes


def without(body: dict, path: tuple) -> dict:
    """A deep copy of ``body`` with the field at ``path`` (keys and list indexes) removed."""
    copy = json.loads(json.dumps(body))
    target = copy
    for step in path[:-1]:
        target = target[step]
    del target[path[-1]]
    return copy


def required_paths(model: str, body: dict, prefix: tuple = ()) -> list[tuple]:
    """Every required field the sample body holds, nested models included, from the swagger tables."""
    paths = []
    for name, (kind, is_list, required) in swagger_rules.MODELS[model].items():
        if name not in body:
            continue
        if required:
            paths.append((*prefix, name))
        if kind in swagger_rules.MODELS:
            for index, element in enumerate(body[name] if is_list else [body[name]]):
                paths += required_paths(kind, element, (*prefix, name, index) if is_list else (*prefix, name))
    return paths


def dotted(path: tuple) -> str:
    return "".join(f"[{step}]" if isinstance(step, int) else f".{step}" for step in path).lstrip(".")


# ---------------------------------------------------------------------- the tables against Voyado's swagger

@pytest.mark.skipif(not SWAGGER.exists(), reason=f"Voyado's swagger is not beside the checkout ({SWAGGER})")
def test_the_simulators_tables_are_what_voyados_swagger_says():
    swagger = json.loads(SWAGGER.read_text(encoding="utf-8"))
    models, enums, todo = {}, {}, ["Receipt", "Order"]
    while todo:
        name = todo.pop(0)
        if name in models:
            continue
        models[name] = {}
        for field, spec in swagger["models"][name]["fields"].items():
            models[name][field] = (spec["type"], spec["list"], spec["required"])
            if spec["kind"] == "model":
                todo.append(spec["type"])
            elif spec["kind"] == "enum":
                enums[spec["type"]] = tuple(swagger["enums"][spec["type"]])
    assert models == swagger_rules.MODELS
    assert enums == swagger_rules.ENUMS
    posted = {(e["method"], e["path"]): e["body"]["type"] for e in swagger["endpoints"] if e["body"]}
    assert posted[("POST", "/api/v2/receipts")] == "Receipt" and posted[("POST", "/api/v2/orders")] == "Order"


# ---------------------------------------------------------------------- receipts

async def test_voyados_own_example_receipt_is_accepted(raw):
    # engage-api.md 4.2, trimmed from Voyado's docs: marginPercent is text there, the contact id unknown here.
    example = {"contact": {"matchKey": "1c277c0a-ed93-4928-86cb-b0820090c111", "matchKeyType": "contactId"},
               "uniqueReceiptId": "20180906468464468", "receiptNumber": "468464468",
               "createdDate": "2018-09-06T15:55:54+01:00", "storeExternalId": "321", "currency": "NOK",
               "exchangeRateToGroupCurrency": 1.0, "totalGrossPrice": 200.00,
               "paymentMethods": [{"type": "Card", "description": "Debit Card", "value": 200.00}],
               "items": [{"type": "PURCHASE", "quantity": 2, "grossPaidPrice": 200.00, "taxAmount": 40.00,
                          "taxPercent": 25.00, "sku": "10015563434", "articleNumber": "2324234",
                          "articleName": "Ipsum Wool Jacket", "articleGroup": "Jackets",
                          "extraData": [{"name": "size", "value": "M"}], "marginPercent": "25.00",
                          "awardsBonus": False,
                          "discounts": [{"type": "325", "description": "50% autumn discount", "value": -200.00}]}],
               "usedBonusChecks": [{"checkNumber": "2342"}],
               "usedPromotions": [{"promotionId": "6543dfaa-31c5-4e34-bb88-7ccfc5fe8bf7"}]}
    answer = await raw.post("/api/v3/receipts", json=example, headers=HEADERS)
    assert answer.status_code == 202
    assert (await raw.get("/_sim/received")).json()["receipt_contacts"] == {"20180906468464468": None}


@pytest.mark.parametrize("path", required_paths("Receipt", receipt()), ids=dotted)
async def test_a_receipt_without_a_field_the_swagger_requires_is_400_naming_it(raw, sim_state, path):
    answer = await raw.post("/api/v3/receipts", json=without(receipt(), path), headers=HEADERS)
    assert answer.status_code == 400
    assert answer.json()["errorCode"] == "InvalidReceipt"
    assert answer.json()["message"].startswith(f"{dotted(path)} is required")
    assert sim_state.received.receipts == {}


@pytest.mark.parametrize(("field", "value"), [("receiptNumber", ""), ("storeExternalId", None),
                                              ("items", []), ("contact", None)])
async def test_an_empty_or_null_required_field_is_400(raw, sim_state, field, value):
    answer = await raw.post("/api/v3/receipts", json=receipt() | {field: value}, headers=HEADERS)
    assert answer.status_code == 400 and answer.json()["message"].startswith(field)
    assert sim_state.received.receipts == {}


@pytest.mark.parametrize(("where", "value", "named"), [
    ((), {"totalGrossPrice": "100"}, "totalGrossPrice must be a number"),
    ((), {"storeExternalId": 1}, "storeExternalId must be text"),
    ((), {"items": {"sku": "1"}}, "items must be a list"),
    ((), {"contact": "anna@example.se"}, "contact must be a JSON object"),
    ((), {"contact": {"matchKey": "a@example.se", "matchKeyType": "Telepathy"}}, "contact.matchKeyType must be"),
    ((), {"contact": {"matchKey": 100001, "matchKeyType": "MemberNumber"}}, "contact.matchKey must be text"),
    (("items", 0), {"quantity": "1"}, "items[0].quantity must be a whole number"),
    (("items", 0), {"quantity": True}, "items[0].quantity must be a whole number"),
    (("items", 0), {"taxPercent": "25"}, "items[0].taxPercent must be a number"),
    (("items", 0), {"grossPaidPrice": float("nan")}, "items[0].grossPaidPrice must be a number"),
    (("items", 0), {"type": "GIFT"}, "items[0].type must be one of PURCHASE, RETURN, ADJUSTMENT"),
    (("items", 0), {"awardsBonus": "yes"}, "items[0].awardsBonus must be true or false"),
    (("items", 0), {"discounts": [{"value": "-10"}]}, "items[0].discounts[0].value must be a number"),
    (("paymentMethods", 0), {"value": "100"}, "paymentMethods[0].value must be a number"),
])
async def test_a_value_of_the_wrong_type_is_400_naming_the_field(raw, sim_state, where, value, named):
    body = receipt()
    target = body
    for step in where:
        target = target[step]
    target.update(value)
    answer = await raw.post("/api/v3/receipts", content=json.dumps(body), headers=HEADERS)  # NaN as NaN
    assert answer.status_code == 400
    assert answer.json()["errorCode"] == "InvalidReceipt"
    assert answer.json()["message"].startswith(named)
    assert named.split(" ")[0] in answer.json()["errors"]
    assert sim_state.received.receipts == {}


async def test_every_problem_is_listed_field_by_field(raw):
    body = without(receipt(totalGrossPrice="x"), ("items", 0, "sku"))
    answer = (await raw.post("/api/v3/receipts", json=body, headers=HEADERS)).json()
    assert set(answer["errors"]) == {"totalGrossPrice", "items[0].sku"} and "(and 1 more)" in answer["message"]


async def test_the_total_must_still_equal_the_lines(raw):
    answer = await raw.post("/api/v3/receipts", json=receipt(totalGrossPrice=100.02), headers=HEADERS)
    assert answer.status_code == 400 and "totalGrossPrice" in answer.json()["message"]
    answer = await raw.post("/api/v3/receipts", json=receipt(totalGrossPrice=100.01), headers=HEADERS)
    assert answer.status_code == 202


async def test_weighed_goods_take_a_fractional_quantity(raw, sim_state):
    # ASSUMPTION in swagger_rules.FRACTIONS_ACCEPTED (issue 16): the swagger's int, widened for weighed goods.
    body = receipt()
    body["items"][0]["quantity"] = 0.348
    answer = await raw.post("/api/v3/receipts", json=body, headers=HEADERS)
    assert answer.status_code == 202 and sim_state.received.receipts["s1"]["items"][0]["quantity"] == 0.348


async def test_unknown_fields_are_ignored_as_engage_ignores_them(raw):
    answer = await raw.post("/api/v3/receipts", json=receipt(tillMood="sunny"), headers=HEADERS)
    assert answer.status_code == 202


# ---------------------------------------------------------------------- matching a receipt's contact

def anna(state: SimState) -> dict:
    return state.showcase()["contacts"][0]


def test_demo_members_have_a_card_number_that_is_not_their_member_number(sim_state):
    members = [c for c in sim_state.showcase()["contacts"] if c["contactType"] == "Member"]
    assert members and all(c["cardNumber"] and c["cardNumber"] != c["memberNumber"] for c in members)


@pytest.mark.parametrize(("key", "key_type", "matches"), [
    ("cardNumber", "CardId", True),
    ("cardNumber", "cardId", True),
    ("cardNumber", "CARDID", True),
    ("cardNumber", "MemberNumber", False),        # a card number is not a member number
    ("memberNumber", "MemberNumber", True),
    ("memberNumber", "memberNumber", True),
    ("memberNumber", "CardId", False),            # nor a member number a card
    ("memberNumber", "MemberNumberWithCardNumberAsFallback", True),
    ("cardNumber", "MemberNumberWithCardNumberAsFallback", True),
    ("email", "Email", True),
    ("email", "MobilePhone", False),
    ("mobilePhone", "MobilePhone", True),
    ("id", "ContactId", True),
    ("id", "ExternalId", False),
    ("email", "SocialSecurityNumber", False),
])
async def test_a_receipt_matches_only_by_the_attribute_its_key_type_names(raw, sim_state, key, key_type, matches):
    customer = anna(sim_state)
    body = receipt({"matchKey": customer[key], "matchKeyType": key_type})
    assert (await raw.post("/api/v3/receipts", json=body, headers=HEADERS)).status_code == 202
    received = (await raw.get("/_sim/received")).json()
    assert received["receipt_contacts"] == {"s1": customer["id"] if matches else None}
    assert received["unmatched_receipts"] == ([] if matches else ["s1"])
    booked = sim_state.transactions[customer["id"]][0]["externalId"] == "s1"
    assert booked is matches


async def test_a_key_two_contacts_share_matches_nobody(raw, sim_state):
    shared = next(c for c in sim_state.showcase()["contacts"] if c["name"] == "Karin Berg")["mobilePhone"]
    await raw.post("/api/v3/receipts", json=receipt({"matchKey": shared, "matchKeyType": "MobilePhone"}),
                   headers=HEADERS)
    assert sim_state.received.receipt_contacts == {"s1": None}


async def test_a_key_finds_members_unless_the_receipt_names_another_contact_type(raw, sim_state):
    erik = next(c for c in sim_state.showcase()["contacts"] if c["contactType"] == "Contact")
    for unique, contact in (("as-member", {"matchKey": erik["email"], "matchKeyType": "Email"}),
                            ("as-contact", {"matchKey": erik["email"], "matchKeyType": "Email",
                                            "contactType": "contact"})):
        await raw.post("/api/v3/receipts", json=receipt(contact, uniqueReceiptId=unique), headers=HEADERS)
    assert sim_state.received.receipt_contacts == {"as-member": None, "as-contact": erik["id"]}


async def test_an_unknown_contact_type_on_a_receipt_is_400(raw):
    body = receipt({"matchKey": "a@example.se", "matchKeyType": "Email", "contactType": "Alien"})
    answer = await raw.post("/api/v3/receipts", json=body, headers=HEADERS)
    assert answer.status_code == 400 and "contactType" in answer.json()["message"]


async def test_a_repeated_receipt_keeps_its_first_match(raw, sim_state):
    customer = anna(sim_state)
    await raw.post("/api/v3/receipts", json=receipt({"matchKey": customer["id"], "matchKeyType": "ContactId"}),
                   headers=HEADERS)
    await raw.post("/api/v3/receipts", json=receipt({"matchKey": "x", "matchKeyType": "ContactId"}), headers=HEADERS)
    assert sim_state.received.receipt_contacts == {"s1": customer["id"]}
    assert sim_state.received.receipt_posts["s1"] == 2


# ---------------------------------------------------------------------- orders

@pytest.mark.parametrize("path", required_paths("Order", order()), ids=dotted)
async def test_a_v2_order_without_a_field_the_swagger_requires_is_400_naming_it(raw, sim_state, path):
    answer = await raw.post("/api/v2/orders", json=without(order(), path), headers=HEADERS)
    assert answer.status_code == 400
    assert (answer.json()["errorCode"], answer.json()["message"].split(" is required")[0]) == ("InvalidOrder",
                                                                                              dotted(path))
    assert sim_state.received.communications == []


async def test_a_v2_order_takes_the_swaggers_types(raw, sim_state):
    line = {"type": "PURCHASE", "sku": "1", "description": "Cheese", "quantity": 0.35, "grossPaidPrice": 70}
    ok = await raw.post("/api/v2/orders", json=order(items=[line], totalGrossPrice=70), headers=HEADERS)
    assert ok.status_code == 202  # OrderItem.quantity is a number, not only a whole one
    assert sim_state.received.communications[-1]["contactId"] == anna(sim_state)["id"]
    bad = await raw.post("/api/v2/orders", json=order(extraData=[{"name": "a"}]), headers=HEADERS)
    assert bad.status_code == 400 and bad.json()["message"].startswith("extraData must be an object")
    bad = await raw.post("/api/v2/orders", json=order(items=[line | {"type": "ADJUSTMENT"}]), headers=HEADERS)
    assert bad.status_code == 400 and bad.json()["message"].startswith("items[0].type must be one of PURCHASE, RETURN")


async def test_the_documented_v2_order_validations_stay_422(raw):
    line = {"type": "PURCHASE", "sku": "1", "description": "T", "quantity": 1, "grossPaidPrice": 10,
            "discounts": [{"value": 5}]}
    answer = await raw.post("/api/v2/orders", json=order(items=[line]), headers=HEADERS)
    assert (answer.status_code, answer.json()["errorCode"]) == (422, "InvalidOrder")


async def test_a_v3_order_with_an_unknown_match_key_type_is_400(raw, sim_state):
    body = {"orderId": "o-1", "contact": {"matchKey": "a@example.se", "matchKeyType": "Telepathy"},
            "createdAt": "2026-11-23T10:00:00+01:00", "lineItems": {"items": [{"sku": "1", "quantity": 1}]}}
    answer = await raw.post("/api/v3/orders", json=body, headers=HEADERS)
    assert answer.status_code == 400 and "matchKeyType" in answer.json()["message"]
    assert sim_state.jobs == {}


async def test_a_v3_order_matches_its_contact_like_a_receipt(raw, sim_state):
    customer = anna(sim_state)
    for order_id, key_type in (("by-card", "CardId"), ("card-as-member", "MemberNumber")):
        body = {"orderId": order_id, "contact": {"matchKey": customer["cardNumber"], "matchKeyType": key_type},
                "createdAt": "2026-11-23T10:00:00+01:00", "lineItems": {"items": [{"sku": "1", "quantity": 1}]}}
        job = (await raw.post("/api/v3/orders", json=body, headers=HEADERS)).json()["jobId"]
        while (await raw.get(f"/api/v3/orders/jobs/{job}", headers=HEADERS)).status_code == 200:
            pass
    assert {w["orderId"]: w["contactId"] for w in sim_state.received.order_writes} == {
        "by-card": customer["id"], "card-as-member": None}


# ---------------------------------------------------------------------- the front door

async def test_an_unknown_route_is_404_and_a_missing_content_type_500(raw):
    unknown = await raw.get("/api/v3/teleport", headers=HEADERS)
    assert (unknown.status_code, unknown.json()["errorCode"]) == (404, "NotFound")
    bare = await raw.post("/api/v3/receipts", content=json.dumps(receipt()), headers={"apikey": DEMO_API_KEY})
    assert (bare.status_code, bare.json()) == (500, {"Message": "An error has occurred."})


# ---------------------------------------------------------------------- requests per second per key

def test_the_counter_keeps_whole_seconds_and_the_busiest_sliding_second():
    now = [0.0]
    counter = RequestCounter(clock=lambda: now[0])
    for moment in (100.5, 100.9, 101.3, 101.4):
        now[0] = moment
        counter.count("key-one")
    report = counter.report()[key_label("key-one")]
    assert report["seconds"] == {"100": 2, "101": 2} and report["max_per_second"] == 2
    assert report["max_in_any_window"] == 4  # 100.5 .. 101.4: four within one second across the boundary
    assert report["total"] == 4


def test_the_counter_forgets_seconds_beyond_what_it_keeps():
    now = [0.0]
    counter = RequestCounter(keep_seconds=3, clock=lambda: now[0])
    for second in range(10):
        now[0] = float(second)
        counter.count("k")
    assert list(counter.report()[key_label("k")]["seconds"]) == ["7", "8", "9"]
    assert counter.report()[key_label("k")]["total"] == 10


def test_keys_are_shown_by_prefix_and_hash_never_whole():
    assert key_label("sim-demo-key").startswith("sim-") and "sim-demo-key" not in key_label("sim-demo-key")
    assert key_label("sim-demo-key") != key_label("sim-demo-kez")
    assert key_label(None) == "(no key)"


async def test_requests_are_counted_per_key_whatever_the_answer():
    state = SimState(seed=3, api_keys=("till-one-key", "till-two-key"))
    async with httpx.AsyncClient(transport=SimTransport(state), base_url="http://sim") as http:
        for _ in range(3):
            await http.get("/api/v2/contacts/count", headers={"apikey": "till-one-key",
                                                               "Content-Type": "application/json"})
        await http.get("/api/v2/contacts/count", headers={"apikey": "till-two-key"})  # a 500: still a request
        await http.get("/api/v2/contacts/count", headers={"apikey": "wrong-key"})      # a 401: still a request
        rate = (await http.get("/_sim/rate")).json()
        assert {label: figures["total"] for label, figures in rate.items()} == {
            key_label("till-one-key"): 3, key_label("till-two-key"): 1, key_label("wrong-key"): 1}
        assert "till-one-key" not in json.dumps(rate)
        assert sum(rate[key_label("till-one-key")]["seconds"].values()) == 3
        log = (await http.get("/_sim/requests")).json()
        assert [r["key"] for r in log] == [key_label("till-one-key")] * 3 + [key_label(k) for k in ("till-two-key",
                                                                                                   "wrong-key")]
        state.faults.update({"down": True})
        with pytest.raises(httpx.ConnectError):
            await http.get("/api/v2/contacts/count", headers={"apikey": "till-one-key"})
        assert (await http.get("/_sim/rate")).json()[key_label("till-one-key")]["total"] == 3  # never arrived
        state.faults.update({"down": False})
        assert (await http.delete("/_sim/rate")).json() == {}
        await http.get("/api/v2/contacts/count", headers={"apikey": "till-one-key"})
        await http.post("/_sim/reset")
        assert (await http.get("/_sim/rate")).json() == {}


async def test_the_rate_limit_is_per_key_and_answers_429_with_retry_after():
    state = SimState(seed=3, api_keys=("till-one-key", "till-two-key"))
    now = [1000.0]
    state.limiter.clock = lambda: now[0]
    state.faults.update({"rate_limit": 3, "retry_after": 2})

    async def status(http: httpx.AsyncClient, key: str) -> httpx.Response:
        return await http.get("/api/v2/contacts/count", headers={"apikey": key, "Content-Type": "application/json"})

    async with httpx.AsyncClient(transport=SimTransport(state), base_url="http://sim") as http:
        one = [await status(http, "till-one-key") for _ in range(4)]
        assert [a.status_code for a in one] == [200, 200, 200, 429]
        assert one[-1].headers["retry-after"] == "2" and one[-1].json()["errorCode"] == "TooManyRequests"
        assert (await status(http, "till-two-key")).status_code == 200  # the other key has its own limit
        now[0] += 0.5
        assert (await status(http, "till-one-key")).status_code == 429  # still the same second
        now[0] += 0.5
        assert (await status(http, "till-one-key")).status_code == 200  # a second after the first three
        assert state.request_counter.report()[key_label("till-one-key")]["total"] == 6


def test_below_one_request_per_second_one_request_per_stretched_window():
    state = SimState(seed=3)
    now = [0.0]
    state.limiter.clock = lambda: now[0]
    assert state.limiter.allow("k", 0.5) and not state.limiter.allow("k", 0.5)
    now[0] = 1.9
    assert not state.limiter.allow("k", 0.5)
    now[0] = 2.0
    assert state.limiter.allow("k", 0.5)


@pytest.mark.network
def test_a_real_server_counts_what_came_over_the_socket():
    with SimServer(SimState(seed=5)) as server, httpx.Client(base_url=server.base_url) as http:
        for _ in range(12):
            assert http.get("/api/v2/contacts/count", headers=HEADERS).status_code == 200
        figures = http.get("/_sim/rate").json()[key_label(DEMO_API_KEY)]
    assert figures["total"] == 12 and sum(figures["seconds"].values()) == 12
    assert 1 <= figures["max_per_second"] <= figures["max_in_any_window"] <= 12
