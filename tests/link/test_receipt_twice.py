"""A finished receipt the POS built (POST /v1/receipts) is journaled once by its uniqueReceiptId: the same receipt
again (a POS retrying without its Idempotency-Key) answers the first result; another receipt under the same id must
not be answered as if it were journaled (issue 16, "nothing lost"). Over loopback HTTP against the simulator."""

from __future__ import annotations

import copy
import uuid

from tests.link.conftest import ANNA

RECEIPT = {"uniqueReceiptId": "pos-r-9", "receiptNumber": "r9", "createdDate": "2026-11-27T10:00:00+01:00",
           "storeExternalId": "12", "currency": "SEK", "contact": {"matchKey": ANNA, "matchKeyType": "Email"},
           "totalGrossPrice": 100.0, "paymentMethods": [{"type": "Card", "value": 100.0}],
           "items": [{"type": "PURCHASE", "sku": "1001", "articleNumber": "1001", "articleName": "Socks",
                      "quantity": 3, "grossPaidPrice": 100.0, "taxAmount": 20.0, "taxPercent": 25.0}]}


def key() -> dict[str, str]:
    return {"Idempotency-Key": uuid.uuid4().hex}


async def test_the_same_receipt_again_under_a_new_key_is_journaled_once(rig):
    first = await rig.http.post("/v1/receipts", json=RECEIPT, headers=key())
    again = await rig.http.post("/v1/receipts", json=RECEIPT, headers=key())
    assert first.status_code == again.status_code == 201 and again.json() == first.json()
    await rig.service.deliver_now()
    assert rig.tenant.received.receipt_posts["pos-r-9"] == 1


async def test_another_receipt_under_a_used_id_is_a_conflict_not_a_silent_201(rig):
    assert (await rig.http.post("/v1/receipts", json=RECEIPT, headers=key())).status_code == 201
    other = copy.deepcopy(RECEIPT)
    other["receiptNumber"], other["items"][0]["articleName"] = "r10", "Gloves"
    answer = await rig.http.post("/v1/receipts", json=other, headers=key())
    assert answer.status_code == 409 and answer.headers["content-type"] == "application/problem+json"
