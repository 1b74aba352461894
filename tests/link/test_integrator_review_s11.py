"""A POS vendor's developer integrated over HTTP from the published docs only (a Python client of the standard
library against `pos-engage serve`). What it found, each as it happened:

- an exchange rate of 0, below 0 or of 1e-300 reached Engage (the sale counted as nothing, or less than nothing,
  in the group's currency), and a packQuantity of -3;
- an event stream and a long poll opened with a token IT had replaced went on answering the sale's state;
- a PUT without ``lines`` emptied the basket (200, toPay 0);
- an empty body was a 422 "must be a JSON object", not the documented 400 InvalidJson;
- a 405 said the path "is not a route";
- ``waitSeconds=1000000000`` was refused as "not a whole number" (the docs: more than 60 is taken as 60).
Over loopback HTTP against the simulator."""

from __future__ import annotations

import asyncio

import httpx

from pos_engage.core.till.pos_commit_input import created_now
from pos_engage.link.tokens import TokenSource
from tests.link.conftest import ANNA, TOKEN
from tests.link.test_bad_input import problem_of
from tests.link.test_events import Feed, expect_sale

LINE = {"lineId": "1", "sku": "1001", "name": "T-shirt", "quantity": 1, "lineTotal": 10000, "vatPercent": 25}
SALE = {"currency": "SEK", "lines": [LINE]}


def commit(number: str, to_pay: int, **extra) -> dict:
    return {"receiptNumber": number, "createdDate": created_now(), "total": to_pay,
            "payments": [{"method": "Card", "amount": to_pay}], **extra}


def receipt(unique_id: str, **extra) -> dict:
    return {"uniqueReceiptId": unique_id, "receiptNumber": unique_id, "createdDate": created_now(),
            "storeExternalId": "12", "currency": "SEK", "totalGrossPrice": 100.0,
            "contact": {"matchKey": ANNA, "matchKeyType": "Email"},
            "items": [{"type": "PURCHASE", "sku": "1001", "articleName": "T-shirt", "quantity": 1,
                       "grossPaidPrice": 100.0, "taxPercent": 25, **extra.pop("item", {})}],
            "paymentMethods": [{"type": "Card", "value": 100.0}], **extra}


async def test_an_exchange_rate_that_is_no_rate_is_refused_and_nothing_is_journaled(rig):
    def entries() -> int:
        return rig.service.journal.connection.execute("SELECT count(*) FROM entries").fetchone()[0]

    before = entries()
    for n, rate in enumerate((0, -1, 1e-300, 2e6)):
        sale = f"/v1/sales/rate-{n}"
        assert (await rig.http.put(sale, json={**SALE, "currency": "EUR", "customerKey": ANNA})).status_code == 200
        refused = await rig.http.post(f"{sale}/commit", headers={"Idempotency-Key": f"rate-{n}"},
                                      json=commit(f"R{n}", 10000, exchangeRateToGroupCurrency=rate))
        body = problem_of(refused, 422, "InvalidCommit")
        assert [e["field"] for e in body["errors"]] == ["exchangeRateToGroupCurrency"], body
        assert "0.000001" in body["errors"][0]["reason"]
        built = await rig.http.post("/v1/receipts", headers={"Idempotency-Key": f"built-{n}"},
                                    json=receipt(f"built-{n}", exchangeRateToGroupCurrency=rate))
        assert problem_of(built, 422, "InvalidInput")["errors"][0]["field"] == "exchangeRateToGroupCurrency"
    # A rate that is one is taken: the sale goes through.
    taken = await rig.http.post("/v1/sales/rate-0/commit", headers={"Idempotency-Key": "rate-ok"},
                                json=commit("R0", 10000, exchangeRateToGroupCurrency=11.2))
    assert taken.status_code == 200, taken.text
    assert entries() == before + 1   # its receipt, and nothing of the refused ones


async def test_a_pack_quantity_of_zero_or_below_is_refused_naming_the_line(rig):
    refused = await rig.http.put("/v1/sales/pack", json={**SALE, "lines": [{**LINE, "packQuantity": -3}]})
    assert problem_of(refused, 422, "InvalidSale")["errors"][0]["field"] == "lines[0].packQuantity"
    built = await rig.http.post("/v1/receipts", headers={"Idempotency-Key": "pack"},
                                json=receipt("pack-1", item={"packQuantity": 0}))
    assert problem_of(built, 422, "InvalidInput")["errors"][0]["field"] == "items[0].packQuantity"
    fine = await rig.http.put("/v1/sales/pack", json={**SALE, "lines": [{**LINE, "packQuantity": 6}]})
    assert fine.status_code == 200, fine.text


async def test_a_replaced_token_ends_its_event_stream_and_answers_its_long_poll_401(rig):
    current = [TOKEN]
    rig.link.tokens = TokenSource(lambda: current[0], ttl=0.0)   # as IT's rotation reaches the till
    opened = (await rig.http.put("/v1/sales/rot", json=SALE)).json()
    polling = asyncio.ensure_future(rig.http.get("/v1/sales/rot", params={"afterVersion": opened["version"],
                                                                          "waitSeconds": 10}))
    async with rig.http.stream("GET", "/v1/events", params={"posSaleId": "rot"}) as response:
        feed = Feed(response)
        assert (await feed.event())["event"] == b"hello"
        await expect_sale(feed, rig, "rot")
        current[0] = "a-new-token-from-configure"
        await rig.sessions.put("rot", {**SALE, "lines": [{**LINE, "name": "T-shirt, blue"}]})   # the sale changes
        assert await feed.end() == [], "the old token's stream was sent the changed sale"
    problem_of(await polling, 401, "Unauthorized")
    async with httpx.AsyncClient(base_url=rig.server.url, headers={"Authorization": f"Bearer {current[0]}"}) as new:
        assert (await new.get("/v1/sales/rot")).json()["lines"][0]["name"] == "T-shirt, blue"


async def test_a_put_without_lines_is_refused_and_the_basket_kept(rig):
    assert (await rig.http.put("/v1/sales/nolines", json=SALE)).status_code == 200
    refused = problem_of(await rig.http.put("/v1/sales/nolines", json={"currency": "SEK"}), 422, "InvalidSale")
    assert [e["field"] for e in refused["errors"]] == ["lines"]
    assert (await rig.http.get("/v1/sales/nolines")).json()["totals"]["toPay"] == 10000
    problem_of(await rig.http.put("/v1/sales/nolines-new", json={"currency": "SEK"}), 422, "InvalidSale")
    problem_of(await rig.http.get("/v1/sales/nolines-new"), 404, "SaleNotFound")
    empty = await rig.http.put("/v1/sales/nolines-empty", json={"currency": "SEK", "lines": []})   # before articles
    assert empty.status_code == 200 and empty.json()["lines"] == []


async def test_an_empty_body_is_no_json(rig):
    for method, path in (("PUT", "/v1/sales/empty"), ("POST", "/v1/sales/empty/customer"),
                         ("POST", "/v1/receipts")):
        answer = await rig.http.request(method, path, content=b"", headers={"Idempotency-Key": "empty"})
        assert "empty" in problem_of(answer, 400, "InvalidJson")["detail"]
    assert (await rig.http.put("/v1/sales/empty", json=SALE)).status_code == 200
    problem_of(await rig.http.post("/v1/sales/empty/commit", content=b"", headers={"Idempotency-Key": "c"}), 400,
               "InvalidJson")
    # A route that reads no body takes none.
    assert (await rig.http.post("/v1/sales/empty/void", content=b"")).status_code == 200


async def test_a_method_a_route_does_not_take_is_said_as_such(rig):
    answer = await rig.http.delete("/v1/sales/any")
    body = problem_of(answer, 405, "MethodNotAllowed")
    assert answer.headers["allow"] == "GET, HEAD, PUT"
    assert "does not take DELETE" in body["detail"] and "GET, HEAD, PUT" in body["detail"], body
    assert "is not a route" in problem_of(await rig.http.get("/v1/nowhere"), 404, "NoSuchRoute")["detail"]


async def test_a_wait_of_many_digits_is_taken_as_the_longest_wait(rig):
    opened = (await rig.http.put("/v1/sales/digits", json=SALE)).json()
    answer = await rig.http.get("/v1/sales/digits", params={"afterVersion": opened["version"] - 1,
                                                            "waitSeconds": "1000000000"})
    assert answer.status_code == 200 and answer.json()["version"] == opened["version"]   # newer: at once
    big = await rig.http.get("/v1/sales/digits", params={"afterVersion": "99999999999999999999",
                                                         "waitSeconds": "0"})
    assert big.status_code == 200, big.text
    problem_of(await rig.http.get("/v1/sales/digits", params={"waitSeconds": "1" * 31}), 422, "InvalidQuery")
