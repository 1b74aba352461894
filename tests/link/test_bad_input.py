"""Every bad input the issue lists gets a problem+json answer (RFC 9457: type, title, status, code, detail, errors)
and changes nothing; retries and races book one receipt. Over real loopback HTTP."""

from __future__ import annotations

import asyncio
import json
import socket
import uuid

import pytest

from pos_engage.core.journal.entry import EntryKind
from pos_engage.core.till.pos_commit_input import created_now
from tests.link.conftest import ANNA, TOKEN

LINE = {"lineId": "1", "sku": "1001", "name": "T-shirt", "quantity": 1, "lineTotal": 19900, "vatPercent": 25}
SALE = {"currency": "SEK", "lines": [LINE]}


def key() -> dict[str, str]:
    return {"Idempotency-Key": uuid.uuid4().hex}


def problem_of(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert body["status"] == status and body["code"] == code and body["type"].endswith(code)
    assert body["title"] and body["detail"] and isinstance(body["errors"], list)
    assert "Traceback" not in response.text
    return body


def commit_body(total: int, **more) -> dict:
    return {"receiptNumber": "R1", "createdDate": created_now(), "total": total,
            "payments": [{"method": "Card", "amount": total}], **more}


def receipts_in(rig) -> int:
    return rig.service.journal.count(kinds=[EntryKind.RECEIPT])


async def test_a_wrong_or_missing_token_is_refused_without_saying_which(rig):
    missing = await rig.http.get("/v1/status", headers={"Authorization": ""})
    wrong = await rig.http.get("/v1/status", headers={"Authorization": "Bearer " + TOKEN[:-1] + "x"})
    other_scheme = await rig.http.get("/v1/status", headers={"Authorization": "Basic " + TOKEN})
    bodies = [problem_of(r, 401, "Unauthorized") for r in (missing, wrong, other_scheme)]
    assert bodies[0] == bodies[1] == bodies[2]
    assert wrong.headers["www-authenticate"].startswith("Bearer")
    assert (await rig.http.get("/v1/status")).status_code == 200


async def test_a_browser_is_refused(rig):
    problem_of(await rig.http.get("/v1/status", headers={"Origin": "https://evil.example"}), 403, "BrowserRefused")
    answer = await rig.http.get("/v1/status")
    assert not any(h.lower().startswith("access-control") for h in answer.headers)


@pytest.mark.parametrize(("raw", "status", "code"), [
    (b"{" + b"x" * (1024 * 1024 + 10) + b"}", 413, "TooLarge"),
    (b"[" * 5000 + b"]" * 5000, 400, "TooDeep"),
    (b'{"currency": "SEK", "currency": "EUR", "lines": []}', 400, "DuplicateKey"),
    (b'{"currency": "SEK", "lines": [{"lineId": "1", "sku": "1", "name": "\\ud800", "quantity": 1, '
     b'"lineTotal": 1, "vatPercent": 25}]}', 400, "InvalidText"),
    (b'{"currency": "SEK", "lines": ' + json.dumps([LINE] * 10_000).encode() + b"}", 400, "TooManyItems"),
    (b"\xff\xfe{}", 400, "InvalidEncoding"),
    (b'{"currency": NaN}', 400, "InvalidJson"),
    (b"{not json", 400, "InvalidJson"),
])
async def test_malformed_bodies_are_refused(rig, raw, status, code):
    answer = await rig.http.put("/v1/sales/s1", content=raw, headers={"Content-Type": "application/json"})
    problem_of(answer, status, code)
    assert rig.sessions.open_sessions() == []


@pytest.mark.parametrize(("change", "field"), [
    ({"lineTotal": 199.0}, "lines[0].lineTotal"),
    ({"lineTotal": "19900"}, "lines[0].lineTotal"),
    ({"lineTotal": -100}, "lines[0].lineTotal"),          # a purchase charging a negative amount
    ({"quantity": 0}, "lines[0].quantity"),
    ({"vatPercent": 125}, "lines[0].vatPercent"),
    ({"colour": "red"}, "lines[0].colour"),                # neither ours nor Engage's
    ({"lineId": "a b"}, "lines[0].lineId"),
])
async def test_bad_lines_name_the_field(rig, change, field):
    answer = await rig.http.put("/v1/sales/s1", json={"currency": "SEK", "lines": [{**LINE, **change}]})
    body = problem_of(answer, 422, "InvalidSale")
    assert field in [e["field"] for e in body["errors"]]


async def test_a_currency_that_is_not_iso_4217_and_a_line_id_used_twice(rig):
    body = problem_of(await rig.http.put("/v1/sales/s1", json={"currency": "SKR", "lines": [LINE]}), 422,
                      "InvalidSale")
    assert [e["field"] for e in body["errors"]] == ["currency"]
    body = problem_of(await rig.http.put("/v1/sales/s1", json={"currency": "SEK", "lines": [LINE, LINE]}), 422,
                      "InvalidSale")
    assert [e["field"] for e in body["errors"]] == ["lines[1].lineId"]
    problem_of(await rig.http.put("/v1/sales/a%20b", json=SALE), 422, "InvalidSaleId")
    problem_of(await rig.http.get("/v1/sales/nothing"), 404, "SaleNotFound")
    problem_of(await rig.http.get("/v1/nothing"), 404, "NoSuchRoute")


async def test_commit_totals_must_equal_to_pay_and_nothing_is_journaled_otherwise(rig):
    await rig.http.put("/v1/sales/s1", json=SALE)
    body = problem_of(await rig.http.post("/v1/sales/s1/commit", json=commit_body(19800), headers=key()), 409,
                      "TotalsDiffer")
    assert body["toPay"] == 19900 and body["total"] == 19800
    assert "charged 198.00 SEK" in body["detail"] and "to pay is 199.00 SEK" in body["detail"]   # as a cashier reads
    split = commit_body(19900, payments=[{"method": "Card", "amount": 19000}])
    assert problem_of(await rig.http.post("/v1/sales/s1/commit", json=split, headers=key()), 409,
                      "TotalsDiffer")["payments"] == 19000
    body = problem_of(await rig.http.post("/v1/sales/s1/commit", json=commit_body(199.0), headers=key()), 422,
                      "InvalidCommit")
    assert body["errors"][0]["field"] == "total"
    problem_of(await rig.http.post("/v1/sales/s1/commit", json=commit_body(19900, createdDate="2026-11-27 10:00"),
                                   headers=key()), 422, "InvalidCommit")
    problem_of(await rig.http.post("/v1/sales/s1/commit", json=commit_body(19900)), 400, "IdempotencyKeyMissing")
    assert receipts_in(rig) == 0


async def test_commit_on_a_voided_or_committed_sale_is_refused(rig):
    await rig.http.put("/v1/sales/v1", json=SALE)
    assert (await rig.http.post("/v1/sales/v1/void", headers=key())).json()["status"] == "voided"
    problem_of(await rig.http.post("/v1/sales/v1/commit", json=commit_body(19900), headers=key()), 409,
               "SaleVoided")
    problem_of(await rig.http.put("/v1/sales/v1", json=SALE), 409, "SaleVoided")

    await rig.http.put("/v1/sales/c1", json={**SALE, "customerKey": ANNA})
    first = commit_body(19900)
    assert (await rig.http.post("/v1/sales/c1/commit", json=first, headers=key())).status_code == 200
    again = await rig.http.post("/v1/sales/c1/commit", json=first, headers=key())   # a POS retrying, new key
    assert again.status_code == 200 and again.json()["receipt"]["uniqueReceiptId"] == "12-till-a-c1"
    problem_of(await rig.http.post("/v1/sales/c1/commit", json={**first, "receiptNumber": "R2"}, headers=key()),
               409, "SaleCommitted")
    problem_of(await rig.http.post("/v1/sales/c1/void", headers=key()), 409, "SaleCommitted")
    assert receipts_in(rig) == 1


async def test_an_offer_that_is_not_the_customers_is_refused(rig):
    await rig.http.put("/v1/sales/s1", json=SALE)
    problem_of(await rig.http.post("/v1/sales/s1/offers/someone-elses", headers=key()), 409, "NoCustomer")
    problem_of(await rig.http.post("/v1/sales/s1/customer", json={"key": "nobody@example.se"}, headers=key()),
               422, "CustomerNotFound")
    await rig.http.post("/v1/sales/s1/customer", json={"key": ANNA}, headers=key())
    body = problem_of(await rig.http.post("/v1/sales/s1/offers/someone-elses", headers=key()), 404, "OfferNotFound")
    assert "someone-elses" in body["detail"]


async def test_the_same_key_with_another_body_is_refused(rig):
    await rig.http.put("/v1/sales/s1", json=SALE)
    same = key()
    await rig.http.post("/v1/sales/s1/customer", json={"key": ANNA}, headers=same)
    replay = await rig.http.post("/v1/sales/s1/customer", json={"key": ANNA}, headers=same)
    assert replay.status_code == 200 and replay.headers["idempotent-replayed"] == "true"
    problem_of(await rig.http.post("/v1/sales/s1/customer", json={"key": "ola@example.se"}, headers=same), 422,
               "IdempotencyKeyReused")
    problem_of(await rig.http.post("/v1/sales/s1/void", headers=same), 422, "IdempotencyKeyReused")


async def test_two_commits_of_one_sale_at_once_book_one_receipt(rig):
    await rig.http.put("/v1/sales/s1", json=SALE)
    state = (await rig.http.post("/v1/sales/s1/customer", json={"key": ANNA}, headers=key())).json()
    offer = next(o for o in state["offers"] if o["applicable"])
    to_pay = (await rig.http.post(f"/v1/sales/s1/offers/{offer['offerId']}", headers=key())).json()["totals"]["toPay"]
    rig.tenant.faults.update({"latency": 0.1})
    same, other = commit_body(to_pay), commit_body(to_pay, receiptNumber="R-other")
    answers = await asyncio.gather(*(rig.http.post("/v1/sales/s1/commit", json=body, headers=key())
                                     for body in (same, same, other)))
    statuses = sorted(a.status_code for a in answers)
    assert statuses in ([200, 200, 409], [200, 409, 409])
    assert len({a.json()["receipt"]["uniqueReceiptId"] for a in answers if a.status_code == 200}) == 1
    rig.tenant.faults.update({"latency": 0.0})
    await rig.service.redemptions_settled()
    await rig.service.deliver_now()
    assert receipts_in(rig) == 1 and list(rig.tenant.received.receipts) == ["12-till-a-s1"]
    assert rig.tenant.received.receipt_posts["12-till-a-s1"] == 1


async def test_a_commit_retried_after_the_connection_dropped_mid_answer_books_one_receipt(rig):
    await rig.http.put("/v1/sales/s1", json=SALE)
    state = (await rig.http.post("/v1/sales/s1/customer", json={"key": ANNA}, headers=key())).json()
    offer = next(o for o in state["offers"] if o["applicable"])
    to_pay = (await rig.http.post(f"/v1/sales/s1/offers/{offer['offerId']}", headers=key())).json()["totals"]["toPay"]
    rig.tenant.faults.update({"latency": 0.3})   # the redemption at commit takes a while: the POS gives up
    body = json.dumps(commit_body(to_pay)).encode()
    retry_key = uuid.uuid4().hex
    request = (f"POST /v1/sales/s1/commit HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer {TOKEN}\r\n"
               f"Idempotency-Key: {retry_key}\r\nContent-Type: application/json\r\n"
               f"Content-Length: {len(body)}\r\n\r\n").encode() + body
    _reader, writer = await asyncio.open_connection("127.0.0.1", rig.server.port)
    writer.write(request)
    await writer.drain()
    await asyncio.sleep(0.1)
    writer.transport.get_extra_info("socket").setsockopt(socket.SOL_SOCKET, socket.SO_LINGER,
                                                          b"\x01\x00\x00\x00\x00\x00\x00\x00")
    writer.close()   # a reset, mid-request: the POS never hears the answer

    retried = await rig.http.post("/v1/sales/s1/commit", content=body, headers={
        "Idempotency-Key": retry_key, "Content-Type": "application/json"})
    assert retried.status_code == 200, retried.text
    assert retried.json()["status"] == "committed"
    rig.tenant.faults.update({"latency": 0.0})
    await rig.service.redemptions_settled()
    await rig.service.deliver_now()
    assert receipts_in(rig) == 1 and rig.tenant.received.receipt_posts["12-till-a-s1"] == 1
    assert [r["by"] for r in (*rig.tenant.received.redemptions, *rig.tenant.received.voucher_redemptions)] == \
        ["till-a"]
