"""The whole POS loop over real loopback HTTP against the simulator: the POS opens a sale, the customer is
identified from the POS and from the window, offers are applied from both sides, a long poll sees the window's
change, the POS commits, and the receipt Engage books carries the POS's own fields beside the companion's offers,
each offer redeemed once. The same with Engage down at commit: journaled, then delivered when it is back."""

from __future__ import annotations

import asyncio
import uuid
from decimal import Decimal

from pos_engage.core.journal.entry import EntryStatus
from pos_engage.core.till.pos_commit_input import created_now
from tests.link.conftest import ANNA

LINES = [
    {"lineId": "1", "sku": "1001", "name": "Socks\t3-pack", "quantity": 3, "lineTotal": 10000, "vatPercent": 25,
     "articleGroup": "Hosiery", "marginPercent": 41.5, "extraData": [{"name": "shelf", "value": "A3"}]},
    {"lineId": "2", "sku": "2001", "name": "Cheese, by weight", "quantity": 0.512, "lineTotal": 7629,
     "vatPercent": 12, "posDiscounts": [{"amount": 500, "description": "Staff price", "type": "POS"}]},
    {"lineId": "3", "sku": "1002", "name": "Wool jacket", "quantity": 1, "lineTotal": 129900, "vatPercent": 25},
]


def key() -> dict[str, str]:
    return {"Idempotency-Key": uuid.uuid4().hex}


def offer_of(state: dict, kind: str, percent: bool | None = None) -> dict:
    return next(o for o in state["offers"] if o["kind"] == kind and o["applicable"]
                and (percent is None or (o["percent"] is not None) == percent))


def redeemed(tenant, offer_id: str) -> list[str]:
    return [r["by"] for r in (*tenant.received.redemptions, *tenant.received.voucher_redemptions)
            if offer_id in (r.get("assignmentId"), r.get("voucherId"))]


async def test_the_whole_loop_from_the_pos_and_the_window(rig):
    http, tenant = rig.http, rig.tenant
    opened = await http.put("/v1/sales/pos-1", json={"currency": "SEK", "lines": LINES})
    assert opened.status_code == 200, opened.text
    state = opened.json()
    assert state["status"] == "open" and state["totals"] == {"before": 147529, "discounts": 0, "toPay": 147529}
    assert [line["lineTotal"] for line in state["lines"]] == [10000, 7629, 129900]  # 3 for 100.00 stays 100.00

    identified = await http.post("/v1/sales/pos-1/customer", json={"key": ANNA}, headers=key())
    assert identified.status_code == 200, identified.text
    state = identified.json()
    assert state["customer"]["name"] and state["offers"]
    percent = offer_of(state, "promotion", percent=True)

    # The POS waits for the cashier; the cashier applies an offer in the window (the bridge calls the session).
    waiting = asyncio.ensure_future(http.get("/v1/sales/pos-1", params={"afterVersion": state["version"],
                                                                         "waitSeconds": 10}))
    await asyncio.sleep(0.05)
    assert not waiting.done()
    session = rig.sessions.get("pos-1")
    await rig.sessions.apply(session, percent["offerId"])
    seen = (await waiting).json()
    assert seen["version"] > state["version"] and [a["offerId"] for a in seen["applied"]] == [percent["offerId"]]

    voucher = offer_of(seen, "voucher")
    applied = await http.post(f"/v1/sales/pos-1/offers/{voucher['offerId']}", headers=key())
    assert applied.status_code == 200, applied.text
    state = applied.json()
    assert {a["offerId"] for a in state["applied"]} == {percent["offerId"], voucher["offerId"]}
    to_pay = state["totals"]["toPay"]
    assert state["totals"]["discounts"] == state["totals"]["before"] - to_pay > 0
    assert sum(line["discountTotal"] for line in state["lines"]) == state["totals"]["discounts"]

    commit = {"receiptNumber": "R-1001", "createdDate": created_now(), "total": to_pay,
              "payments": [{"method": "Card", "amount": to_pay - 5000, "extraData": [{"name": "auth",
                                                                                    "value": "OK1"}]},
                           {"method": "Cash", "amount": 5000}],
              "taxDetails": [{"description": "VAT 25%", "percent": 25, "value": 100.5}],
              "extraData": [{"name": "cashier", "value": "7"}], "exchangeRateToGroupCurrency": 1.0}
    committed = await http.post("/v1/sales/pos-1/commit", json=commit, headers=key())
    assert committed.status_code == 200, committed.text
    done = committed.json()
    assert done["status"] == "committed" and done["receipt"]["uniqueReceiptId"] == "12-till-a-pos-1"
    assert done["offers"] and not any(offer["applicable"] for offer in done["offers"])  # a closed sale takes none
    assert {offer["whyNot"] for offer in done["offers"]} == {"The sale is committed: nothing more can be applied"}

    await rig.service.deliver_now()
    booked = tenant.received.receipts["12-till-a-pos-1"]
    assert booked["receiptNumber"] == "R-1001" and booked["createdDate"] == commit["createdDate"]
    assert booked["totalGrossPrice"] == float(Decimal(to_pay) / 100)
    socks, cheese, _jacket = booked["items"]
    assert socks["articleName"] == "Socks\t3-pack" and socks["quantity"] == 3
    assert socks["articleGroup"] == "Hosiery" and socks["marginPercent"] == 41.5
    assert socks["extraData"] == [{"name": "shelf", "value": "A3"}]
    assert cheese["quantity"] == 0.512  # weighed goods keep their fraction (issue 16, Fidelity)
    assert cheese["discounts"][0] == {"value": -5.0, "type": "POS", "description": "Staff price"}
    assert len(cheese["discounts"]) >= 2  # the POS's own, then the companion's
    assert booked["paymentMethods"][0]["extraData"] == [{"name": "auth", "value": "OK1"}]
    assert booked["taxDetails"] == commit["taxDetails"] and booked["extraData"] == commit["extraData"]
    assert booked["exchangeRateToGroupCurrency"] == 1.0
    assert booked["usedPromotions"] and booked["usedBonusChecks"]
    assert redeemed(tenant, percent["offerId"]) == ["till-a"]
    assert redeemed(tenant, voucher["offerId"]) == ["till-a"]


async def test_engage_down_at_commit_the_sale_is_journaled_and_delivered_once_it_is_back(rig):
    http, tenant = rig.http, rig.tenant
    await http.put("/v1/sales/pos-2", json={"currency": "SEK", "lines": LINES[2:]})
    state = (await http.post("/v1/sales/pos-2/customer", json={"key": ANNA}, headers=key())).json()
    offer = offer_of(state, "promotion", percent=False)
    state = (await http.post(f"/v1/sales/pos-2/offers/{offer['offerId']}", headers=key())).json()
    assert state["applied"], state

    tenant.faults.update({"down": True})
    to_pay = state["totals"]["toPay"]
    committed = await http.post("/v1/sales/pos-2/commit", headers=key(), json={
        "receiptNumber": "R-2", "createdDate": created_now(), "total": to_pay,
        "payments": [{"method": "Card", "amount": to_pay}]})
    assert committed.status_code == 200, committed.text
    receipt = committed.json()["receipt"]
    assert receipt["delivered"] is False
    assert "12-till-a-pos-2" not in tenant.received.receipts

    tenant.faults.update({"down": False})
    await rig.service.replayer.replay_until_empty(max_seconds=10)
    await rig.service.redemptions_settled()
    assert "12-till-a-pos-2" in tenant.received.receipts
    assert redeemed(tenant, offer["offerId"]) == ["till-a"]
    statuses = {rig.service.journal.get(i).status for i in receipt["journalEntries"]}
    assert statuses == {EntryStatus.DELIVERED}


async def test_a_receipt_the_pos_built_reaches_engage_with_every_field_it_carried(rig):
    receipt = {
        "uniqueReceiptId": "pos-r-1", "receiptNumber": "r1", "createdDate": "2026-11-27T10:00:00+01:00",
        "storeExternalId": "12", "currency": "SEK", "contact": {"matchKey": ANNA, "matchKeyType": "Email"},
        "totalGrossPrice": 100.0, "exchangeRateToGroupCurrency": 1.0,
        "paymentMethods": [{"type": "Card", "value": 100.0, "description": "Visa",
                            "extraData": [{"name": "auth", "value": "A1"}]}],
        "items": [{"type": "PURCHASE", "sku": "1001", "articleNumber": "1001", "articleName": "Socks\t3-pack \u200f",
                   "quantity": 3, "grossPaidPrice": 100.0, "taxAmount": 20.0, "taxPercent": 25.0,
                   "marginPercent": 40.5, "packQuantity": 3.0, "articleGroup": "Hosiery", "awardsBonus": True,
                   "extraData": [{"name": "shelf", "value": "A3"}],
                   "discounts": [{"value": -5.0, "type": "POS", "description": "Staff"}]}],
        "taxDetails": [{"description": "VAT", "percent": 25.0, "value": 20.0, "totalIncludingTax": 100.0,
                        "totalExcludingTax": 80.0}],
        "extraData": [{"name": "cashier", "value": "7"}],
        "usedPromotions": [{"promotionId": "POS-PROMO", "couponId": "C-1"}],
    }
    same = key()
    first = await rig.http.post("/v1/receipts", json=receipt, headers=same)
    assert first.status_code == 201, first.text
    again = await rig.http.post("/v1/receipts", json=receipt, headers=same)
    assert again.json() == first.json() and again.headers["idempotent-replayed"] == "true"
    await rig.service.deliver_now()
    assert rig.tenant.received.receipts["pos-r-1"] == receipt
    assert rig.tenant.received.receipt_posts["pos-r-1"] == 1
