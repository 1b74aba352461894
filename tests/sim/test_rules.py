"""The simulator's Engage rules, checked with raw HTTP (no pos-engage client): the simulator must stand alone."""

from __future__ import annotations

import httpx
import pytest

from pos_engage.sim.state import DEMO_API_KEY, SimState
from pos_engage.sim.transport import SimTransport

HEADERS = {"apikey": DEMO_API_KEY, "Content-Type": "application/json"}


@pytest.fixture
async def raw(sim_state: SimState):
    async with httpx.AsyncClient(transport=SimTransport(sim_state), base_url="http://sim") as http:
        yield http


def receipt(total=100, items=None, **changes):
    body = {"contact": {"matchKey": "x@example.se", "matchKeyType": "EMAIL"}, "uniqueReceiptId": "u1",
            "receiptNumber": "1", "createdDate": "2026-11-23T10:00:00+01:00", "storeExternalId": "1",
            "currency": "SEK", "totalGrossPrice": total, "paymentMethods": [{"type": "Card", "value": total}],
            "items": items or [{"type": "PURCHASE", "sku": "1", "articleNumber": "1", "articleName": "A",
                                "quantity": 1, "grossPaidPrice": 100, "taxAmount": 20, "taxPercent": 25}]}
    return body | changes


async def test_missing_content_type_is_500_an_error_has_occurred(raw):
    answer = await raw.get("/api/v2/contacts/count", headers={"apikey": DEMO_API_KEY})
    assert answer.status_code == 500 and answer.json() == {"Message": "An error has occurred."}


@pytest.mark.parametrize("headers", [{"Content-Type": "application/json"},
                                     {"Content-Type": "application/json", "apikey": "wrong"}])
async def test_missing_or_wrong_key_is_401(raw, headers):
    answer = await raw.get("/api/v2/contacts/count", headers=headers)
    assert answer.status_code == 401 and answer.json()["errorCode"] == "Unauthorized"


async def test_x_api_key_is_accepted_too(raw, sim_state):
    answer = await raw.get("/api/v2/contacts/count",
                           headers={"x-api-key": DEMO_API_KEY, "Content-Type": "application/json"})
    assert answer.status_code == 200 and answer.json() == len(sim_state.contacts)


async def test_lookup_answers_a_bare_json_string(raw, sim_state):
    anna = sim_state.showcase()["contacts"][0]
    answer = await raw.get("/api/v3/contacts/id", params={"email": anna["email"]}, headers=HEADERS)
    assert answer.headers["content-type"].startswith("application/json")
    assert answer.text == f'"{anna["id"]}"'


async def test_lookup_without_a_key_is_invalid_search_query(raw):
    answer = await raw.get("/api/v3/contacts/id", headers=HEADERS)
    assert (answer.status_code, answer.json()["errorCode"]) == (400, "InvalidSearchQuery")


async def test_any_stops_at_the_first_attribute_the_value_validates_as(raw, sim_state):
    anna = sim_state.showcase()["contacts"][0]
    by_email = await raw.get("/api/v3/contacts/id", params={"any": anna["email"]}, headers=HEADERS)
    assert by_email.json() == anna["id"]
    digits_like_phone = await raw.get("/api/v3/contacts/id", params={"any": "+46700000000"}, headers=HEADERS)
    assert digits_like_phone.status_code == 404


async def test_receipt_total_mismatch_is_400_naming_the_field(raw):
    answer = await raw.post("/api/v3/receipts", json=receipt(total=99), headers=HEADERS)
    assert answer.status_code == 400
    assert answer.json()["errorCode"] == "InvalidReceipt" and "totalGrossPrice" in answer.json()["message"]


@pytest.mark.parametrize("missing", ["uniqueReceiptId", "createdDate", "storeExternalId", "items"])
async def test_receipt_missing_required_field_is_400(raw, missing):
    body = receipt()
    del body[missing]
    answer = await raw.post("/api/v3/receipts", json=body, headers=HEADERS)
    assert answer.status_code == 400 and missing in answer.json()["message"]


async def test_receipt_naive_created_date_is_400(raw):
    answer = await raw.post("/api/v3/receipts", json=receipt(createdDate="2026-11-23T10:00:00"), headers=HEADERS)
    assert answer.status_code == 400 and "offset" in answer.json()["message"]


@pytest.mark.parametrize("quantity", [-2, 2])
async def test_returns_are_accepted_in_both_conventions(raw, quantity):
    line = {"type": "RETURN", "sku": "1", "articleNumber": "1", "articleName": "A", "quantity": quantity,
            "grossPaidPrice": 100, "taxAmount": 20, "taxPercent": 25}
    answer = await raw.post("/api/v3/receipts", json=receipt(total=-100, items=[line]), headers=HEADERS)
    assert answer.status_code == 202 and answer.content == b""


async def test_duplicate_receipt_is_202_and_counted(raw, sim_state):
    for _ in range(2):
        assert (await raw.post("/api/v3/receipts", json=receipt(), headers=HEADERS)).status_code == 202
    assert sim_state.received.summary()["duplicate_receipts"] == 1


async def test_redeem_with_a_bad_channel_is_400(raw, sim_state):
    assignment = next(iter(sim_state.promotions))
    answer = await raw.post(f"/api/v3/promotion-assignments/{assignment}/redeem", json={"redemptionChannel": "TV"},
                            headers=HEADERS)
    assert (answer.status_code, answer.json()["errorCode"]) == (400, "NotAValidRedemptionChannel")


async def test_create_with_unknown_contact_type_creates_nothing(raw, sim_state):
    before = len(sim_state.contacts)
    answer = await raw.post("/api/v3/contacts", json={"contactType": "Alien", "email": "a@example.se"},
                            headers=HEADERS)
    assert (answer.status_code, answer.json()["errorCode"]) == (400, "InvalidContactType")
    assert len(sim_state.contacts) == before


async def test_v3_create_ignores_source_sent_as_header(raw, sim_state):
    answer = await raw.post("/api/v3/contacts", json={"email": "h@example.se"},
                            headers=HEADERS | {"source": "POS", "storeExternalId": "9"})
    assert answer.status_code == 201
    assert sim_state.received.registrations[-1]["source"] is None


async def test_admin_switches_faults_at_run_time_and_rejects_unknown_ones(raw, sim_state):
    assert (await raw.post("/_sim/faults", json={"latency": 0.01, "error_rate": 0.5})).json()["error_rate"] == 0.5
    assert sim_state.faults.latency == 0.01
    bad = await raw.post("/_sim/faults", json={"meteor": True})
    assert bad.status_code == 400 and "meteor" in bad.json()["error"]
    await raw.post("/_sim/reset")
    assert sim_state.faults.error_rate == 0


async def test_admin_shows_what_was_received_and_the_request_log(raw):
    await raw.post("/api/v3/receipts", json=receipt(), headers=HEADERS)
    received = (await raw.get("/_sim/received")).json()
    assert received["receipts"] == ["u1"]
    log = (await raw.get("/_sim/requests")).json()
    assert [(r["method"], r["path"], r["status"]) for r in log] == [("POST", "/api/v3/receipts", 202)]
    assert (await raw.delete("/_sim/requests")).json() == []


async def test_unknown_endpoint_is_a_json_404(raw):
    answer = await raw.get("/api/v3/nothing-here", headers=HEADERS)
    assert answer.status_code == 404 and answer.json()["errorCode"] == "NotFound"
