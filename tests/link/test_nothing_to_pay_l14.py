"""A sale the customer's offers pay in full (toPay 0) is committed with ``"payments": []``, as a POS integrator
expects when nothing is to pay; an empty list is still refused (422, the same problem+json) whenever the total is
not 0. The receipt Engage books carries what the till's own window sends for such a sale: one payment of 0 (Engage's
receipt model requires paymentMethods). Over real loopback HTTP against the simulator."""

from __future__ import annotations

import uuid

from pos_engage.core.till.pos_commit_input import created_now
from tests.link.conftest import ANNA


def key() -> dict[str, str]:
    return {"Idempotency-Key": uuid.uuid4().hex}


async def paid_by_offers(http, sale_id: str) -> dict:
    """A small sale and Anna's voucher, which pays all of it."""
    opened = await http.put(f"/v1/sales/{sale_id}", json={"currency": "SEK", "customerKey": ANNA, "lines": [
        {"lineId": "1", "sku": "1001", "name": "Socks", "quantity": 1, "lineTotal": 100, "vatPercent": 25}]})
    assert opened.status_code == 200, opened.text
    voucher = next(o for o in opened.json()["offers"] if o["kind"] == "voucher" and o["applicable"])
    applied = await http.post(f"/v1/sales/{sale_id}/offers/{voucher['offerId']}", headers=key())
    assert applied.status_code == 200, applied.text
    return applied.json()


async def test_a_sale_with_nothing_to_pay_is_committed_with_no_payments_and_booked_with_one_of_0(rig):
    http, tenant = rig.http, rig.tenant
    state = await paid_by_offers(http, "free-1")
    assert state["totals"]["toPay"] == 0 and state["totals"]["before"] == 100
    committed = await http.post("/v1/sales/free-1/commit", headers=key(), json={
        "receiptNumber": "R-0", "createdDate": created_now(), "total": 0, "payments": []})
    assert committed.status_code == 200, committed.text
    assert committed.json()["status"] == "committed"

    await rig.service.deliver_now()
    booked = tenant.received.receipts["12-till-a-free-1"]
    assert booked["totalGrossPrice"] == 0
    assert booked["paymentMethods"] == [{"type": "Card", "value": 0}]   # as the window sends it (F9, Card)
    assert booked["usedBonusChecks"]


async def test_no_payments_for_a_sale_with_something_to_pay_is_refused_as_before(rig):
    http = rig.http
    opened = await http.put("/v1/sales/paid-1", json={"currency": "SEK", "lines": [
        {"lineId": "1", "sku": "1001", "name": "Socks", "quantity": 1, "lineTotal": 10000, "vatPercent": 25}]})
    assert opened.json()["totals"]["toPay"] == 10000
    for total in (10000, 0):   # an empty list with a total, or a total of 0 that is not the sale's
        refused = await http.post("/v1/sales/paid-1/commit", headers=key(), json={
            "receiptNumber": "R-1", "createdDate": created_now(), "total": total, "payments": []})
        problem = refused.json()
        assert refused.headers["content-type"].startswith("application/problem+json")
        if total:
            assert (refused.status_code, problem["code"]) == (422, "InvalidCommit"), problem
            assert [e["field"] for e in problem["errors"]] == ["payments"]
            assert "empty only when the total is 0" in problem["errors"][0]["reason"]
        else:   # read as nothing to pay, then refused as any total that is not the sale's toPay
            assert (refused.status_code, problem["code"], problem["toPay"]) == (409, "TotalsDiffer", 10000), problem
    assert rig.sessions.get("paid-1").status == "open"
