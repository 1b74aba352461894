"""A POS that asks about its sale after the till restarted (issue 16's review).

The POS committed, the till restarted before the POS heard the answer, and the POS lost its Idempotency-Key too
(it restarted as well). It asks again: GET answered 404 "No sale ... at this till" and the commit with a new key
404 SaleNotFound, though the sale was committed and journaled. A POS told that its sale is unknown sells it again
(a second receipt). Now both are 409 SaleCommitted naming the receipt; the key the POS kept still answers the
first result. Over loopback HTTP, one journal file across the restart."""

from __future__ import annotations

from pos_engage.core.journal.entry import EntryKind
from pos_engage.core.till.pos_commit_input import created_now
from tests.link.conftest import ANNA, served
from tests.link.test_bad_input import problem_of

SALE = {"currency": "SEK", "customerKey": ANNA, "lines": [
    {"lineId": "1", "sku": "1", "name": "Wool jacket", "quantity": 1, "lineTotal": 129900, "vatPercent": 25}]}
COMMIT = {"receiptNumber": "R-77", "createdDate": created_now(), "total": 129900,
          "payments": [{"method": "Card", "amount": 129900}]}


async def test_a_sale_committed_before_a_restart_is_answered_committed_not_unknown(tenant, tmp_path):
    path = tmp_path / "journal.sqlite3"
    async with served(tenant, path) as rig:
        assert (await rig.http.put("/v1/sales/r-77", json=SALE)).status_code == 200
        first = await rig.http.post("/v1/sales/r-77/commit", json=COMMIT, headers={"Idempotency-Key": "kept"})
        assert first.json()["status"] == "committed"
        receipt_id = first.json()["receipt"]["uniqueReceiptId"]
    async with served(tenant, path) as rig:   # the till restarted
        replayed = await rig.http.post("/v1/sales/r-77/commit", json=COMMIT, headers={"Idempotency-Key": "kept"})
        assert replayed.status_code == 200 and replayed.headers["idempotent-replayed"] == "true"
        for answer in (await rig.http.get("/v1/sales/r-77"),
                       await rig.http.get("/v1/sales/r-77", params={"afterVersion": 3, "waitSeconds": 1}),
                       await rig.http.post("/v1/sales/r-77/commit", json=COMMIT, headers={"Idempotency-Key": "new"}),
                       await rig.http.post("/v1/sales/r-77/customer", json={"key": ANNA})):
            body = problem_of(answer, 409, "SaleCommitted")
            assert body["uniqueReceiptId"] == receipt_id and receipt_id in body["detail"]
        problem_of(await rig.http.get("/v1/sales/never-sold"), 404, "SaleNotFound")
        assert rig.service.journal.count(kinds=[EntryKind.RECEIPT]) == 1
