"""A sale without a customer, committed on a till with no catch-all contact, journals no receipt (nothing goes to
Engage): only its count. After a restart the POS could open and commit the same posSaleId again (a POS integrator's
review: GET answered 404, a PUT opened it, a second commit counted it twice). Its id is kept with the commit now:
after a restart it is 409 SaleCommitted (GET, commit, identify) and SaleIdUsed (a PUT opening it again), as a sale
with a receipt is; and one committed twice in the window is counted once. Over loopback HTTP, one journal file."""

from __future__ import annotations

from pos_engage.core.journal.store import Journal
from pos_engage.core.till.pos_commit_input import created_now
from tests.link.conftest import served
from tests.link.test_bad_input import problem_of

SALE = {"currency": "SEK", "lines": [
    {"lineId": "1", "sku": "1", "name": "Coffee", "quantity": 1, "lineTotal": 3500, "vatPercent": 12}]}
COMMIT = {"receiptNumber": "A-1", "createdDate": created_now(), "total": 3500,
          "payments": [{"method": "Cash", "amount": 3500}]}


async def test_a_sale_without_a_customer_is_not_sold_again_after_a_restart(tenant, tmp_path):
    path = tmp_path / "journal.sqlite3"
    async with served(tenant, path) as rig:
        assert rig.service.config.till.anonymous_contact in (None, "")   # nothing is posted: no receipt journaled
        assert (await rig.http.put("/v1/sales/anon-1", json=SALE)).status_code == 200
        first = await rig.http.post("/v1/sales/anon-1/commit", json=COMMIT, headers={"Idempotency-Key": "a1"})
        assert first.json()["status"] == "committed" and first.json()["receipt"]["posted"] is False
        receipt_id = first.json()["receipt"]["uniqueReceiptId"]
        assert rig.service.journal.count() == 0
    async with served(tenant, path) as rig:   # the till restarted
        for answer in (await rig.http.get("/v1/sales/anon-1"),
                       await rig.http.post("/v1/sales/anon-1/commit", json=COMMIT,
                                           headers={"Idempotency-Key": "new"})):
            body = problem_of(answer, 409, "SaleCommitted")
            assert body["uniqueReceiptId"] == receipt_id
        problem_of(await rig.http.put("/v1/sales/anon-1", json=SALE), 409, "SaleIdUsed")
        assert rig.service.journal.figures().anonymous_sales == 1


def test_one_sale_without_a_customer_committed_twice_is_counted_once(tmp_path):
    with Journal.open(tmp_path / "journal.sqlite3") as journal:
        for _ in range(2):   # a double click: the same uniqueReceiptId
            journal.commit_sale([], sale_id="12-1-anon", anonymous=True)
        journal.commit_sale([], sale_id="12-1-other", anonymous=True)
        assert journal.figures().anonymous_sales == 2
        assert journal.sale_committed("12-1-anon") and not journal.sale_committed("12-1-never")
