"""What a return's PUT is refused with (issue 16's review), over loopback HTTP: a committed return's id answers a
sale's body as a committed sale's does (409 SaleCommitted, not the return's field errors), and a line the
original does not have is named by the index the POS sent (``originalLine`` counts from 0)."""

from __future__ import annotations

from tests.link.test_returns import commit_body, key
from tests.link.test_review_returns_customer import ret, sold

SALE_BODY = {"currency": "SEK", "lines": [{"lineId": "1", "sku": "1001", "name": "T-shirt organic", "quantity": 1,
                                           "lineTotal": 19900, "vatPercent": 25}]}


async def test_a_committed_return_answers_any_put_with_sale_committed(rig):
    await sold(rig)
    state = (await rig.http.put("/v1/sales/r1", json=ret({"lineId": "x", "originalLine": 0,
                                                          "quantity": -1}))).json()
    done = await rig.http.post("/v1/sales/r1/commit", headers=key(),
                               json=commit_body(state["totals"]["toPay"], "RET-1"))
    assert done.status_code == 200, done.text

    for body in (SALE_BODY, ret({"lineId": "x", "originalLine": 0, "quantity": -1})):
        answer = await rig.http.put("/v1/sales/r1", json=body)
        assert answer.status_code == 409, answer.text
        assert answer.headers["content-type"].startswith("application/problem+json")
        assert answer.json()["code"] == "SaleCommitted"
    # a sale's id once committed answers the same
    committed_sale = await rig.http.put("/v1/sales/s1", json=SALE_BODY)
    assert (committed_sale.status_code, committed_sale.json()["code"]) == (409, "SaleCommitted")


async def test_a_line_the_original_does_not_have_is_named_by_the_index_sent(rig):
    await sold(rig)
    asked = await rig.http.put("/v1/sales/r1", json=ret({"lineId": "x", "originalLine": 99, "quantity": -1}))
    assert asked.status_code == 422, asked.text
    assert [(e["field"], e["reason"]) for e in asked.json()["errors"]] == [
        ("lines[0].originalLine", "the original sale has no line 99 (the index of a line in returnOf.lines: 0 to 0)")]
    assert "100" not in asked.text
    # what is accepted is unchanged: line 0 is the sale's one line
    assert (await rig.http.put("/v1/sales/r1", json=ret({"lineId": "x", "originalLine": 0,
                                                         "quantity": -1}))).status_code == 200
