"""The journal's file damaged while the POS link serves: a commit and a receipt the POS sends are answered 503 with
the code JournalDamaged (not the generic JournalUnavailable, which a retry cures), a Retry-After, and the words the
cashier needs (restart the till; nothing recorded is deleted); nothing of them is journaled. Over loopback HTTP, the
journal's file really damaged under the running till (tests/core/journal's helper)."""

from __future__ import annotations

import copy
import sqlite3
import uuid

from tests.core.journal.test_damaged_while_open_d13 import damage_while_open
from tests.link.conftest import ANNA
from tests.link.test_receipt_twice import RECEIPT

SALE = {"currency": "SEK", "lines": [
    {"lineId": "1", "sku": "1", "name": "Coffee", "quantity": 1, "lineTotal": 3500, "vatPercent": 12}]}


def key() -> dict[str, str]:
    return {"Idempotency-Key": uuid.uuid4().hex}


def damaged_answer(answer) -> None:
    assert answer.status_code == 503 and answer.headers["content-type"] == "application/problem+json"
    assert int(answer.headers["retry-after"]) > 0
    body = answer.json()
    assert body["code"] == "JournalDamaged"
    assert "damaged" in body["detail"] and "Restart the till" in body["detail"]
    assert "Nothing recorded before is deleted" in body["detail"] and "malformed" not in body["detail"]


async def test_a_commit_and_a_receipt_on_a_damaged_journal_are_503_journal_damaged(rig):
    assert (await rig.http.post("/v1/receipts", json=RECEIPT, headers=key())).status_code == 201
    assert (await rig.http.put("/v1/sales/s1", json={**SALE, "customerKey": ANNA})).status_code == 200
    damage_while_open(rig.service.journal.path)

    commit = {"receiptNumber": "A-1", "createdDate": "2026-11-28T10:00:00+01:00", "total": 3500,
              "payments": [{"method": "Cash", "amount": 3500}]}
    damaged_answer(await rig.http.post("/v1/sales/s1/commit", json=commit, headers=key()))
    other = copy.deepcopy(RECEIPT)
    other["uniqueReceiptId"], other["receiptNumber"] = "pos-r-10", "r10"
    damaged_answer(await rig.http.post("/v1/receipts", json=other, headers=key()))

    copy_of = sqlite3.connect(rig.service.journal.path)
    try:
        keys = {row[0] for row in copy_of.execute("SELECT idempotency_key FROM entries")}
    finally:
        copy_of.close()
    assert "receipt:pos-r-9" in keys and "receipt:pos-r-10" not in keys
    assert len(keys) == 1   # the first receipt only: nothing of the commit nor of the second receipt
