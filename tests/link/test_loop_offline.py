"""The whole POS loop with Engage down from the start (issue 16, "the same with Engage down"), over real loopback
HTTP against the simulator: the POS opens the sale, identifies a customer the till has seen before (offline: true,
offers the store's offline policy allows, the others with why not), applies one, commits; the receipt is journaled
and queued, and once Engage is back it is delivered by the key the POS scanned, the offer redeemed once."""

from __future__ import annotations

import uuid

from pos_engage.core.journal.entry import EntryStatus
from pos_engage.core.till.pos_commit_input import created_now
from tests.link.conftest import ANNA

LINES = [{"lineId": "1", "sku": "1002", "name": "Wool jacket", "quantity": 1, "lineTotal": 129900,
          "vatPercent": 25, "articleGroup": "Coats"}]


def key() -> dict[str, str]:
    return {"Idempotency-Key": uuid.uuid4().hex}


async def test_the_whole_loop_with_engage_down_is_queued_then_delivered_once(rig):
    http, tenant = rig.http, rig.tenant
    await http.put("/v1/sales/seen", json={"currency": "SEK", "lines": LINES})   # she shopped here before
    assert (await http.post("/v1/sales/seen/customer", json={"key": ANNA}, headers=key())).status_code == 200
    await http.post("/v1/sales/seen/void", headers=key())

    tenant.faults.update({"down": True})
    assert (await http.put("/v1/sales/off-1", json={"currency": "SEK", "lines": LINES})).status_code == 200
    state = (await http.post("/v1/sales/off-1/customer", json={"key": ANNA}, headers=key())).json()
    assert state["customer"]["offline"] is True and "anna.andersson" not in str(state["customer"])
    refused = [o for o in state["offers"] if not o["applicable"]]
    assert refused and all(o["whyNot"] for o in refused)
    offer = next(o for o in state["offers"] if o["applicable"] and o["kind"] == "promotion")
    applied = await http.post(f"/v1/sales/off-1/offers/{offer['offerId']}", headers=key())
    assert applied.status_code == 200, applied.text
    to_pay = applied.json()["totals"]["toPay"]
    assert to_pay < 129900
    committed = await http.post("/v1/sales/off-1/commit", headers=key(), json={
        "receiptNumber": "O1", "createdDate": created_now(), "total": to_pay,
        "payments": [{"method": "Card", "amount": to_pay}]})
    assert committed.status_code == 200, committed.text
    receipt = committed.json()["receipt"]
    assert receipt["delivered"] is False and tenant.received.receipts == {}

    tenant.faults.update({"down": False})
    await rig.service.replayer.replay_until_empty(max_seconds=10)
    await rig.service.redemptions_settled()
    booked = tenant.received.receipts["12-till-a-off-1"]
    assert booked["contact"]["matchKey"] == ANNA and booked["items"][0]["articleGroup"] == "Coats"
    assert len(booked["usedPromotions"]) == 1 and booked["items"][0]["discounts"]   # the offer, on the receipt
    assert tenant.received.receipt_posts["12-till-a-off-1"] == 1
    assert [r["by"] for r in tenant.received.redemptions if offer["offerId"] == r.get("assignmentId")] == ["till-a"]
    assert {rig.service.journal.get(i).status for i in receipt["journalEntries"]} == {EntryStatus.DELIVERED}
