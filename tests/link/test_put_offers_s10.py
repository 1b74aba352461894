"""A PUT (and a folder's sales/ file, its same body) may name the offers to apply: a POS that writes files has no
other way to apply one. A POS vendor's review: the cashier applied 20 %, the POS charged the discounted total, the
till restarted, the POS wrote its sale again as the docs say, and it came back at full price with no offer: the
commit of what the customer paid was refused for good (TotalsDiffer) and the sale never reached Engage. Written
again with its offers, it is the sale that was charged. Over loopback HTTP against the simulator."""

from __future__ import annotations

from pos_engage.core.till.pos_commit_input import created_now
from tests.link.conftest import ANNA, served
from tests.link.test_bad_input import problem_of

LINES = [{"lineId": "1", "sku": "1002", "name": "Wool jacket", "quantity": 1, "lineTotal": 129900, "vatPercent": 25},
         {"lineId": "2", "sku": "1001", "name": "T-shirt", "quantity": 3, "lineTotal": 59700, "vatPercent": 25}]
SALE = {"currency": "SEK", "customerKey": ANNA, "lines": LINES}


def usable(state: dict, kind: str) -> str:
    return next(o["offerId"] for o in state["offers"] if o["kind"] == kind and o["applicable"])


async def test_a_sale_written_again_with_its_offers_after_a_restart_is_the_sale_that_was_charged(tenant, tmp_path):
    path = tmp_path / "journal.sqlite3"
    async with served(tenant, path) as rig:
        opened = (await rig.http.put("/v1/sales/p1", json=SALE)).json()
        promotion, voucher = usable(opened, "promotion"), usable(opened, "voucher")
        await rig.http.post(f"/v1/sales/p1/offers/{promotion}")
        charged = (await rig.http.post(f"/v1/sales/p1/offers/{voucher}")).json()
        assert charged["totals"]["discounts"] > 0
    async with served(tenant, path) as rig:   # the till restarted: the sale is gone, the POS writes it again
        again = await rig.http.put("/v1/sales/p1", json={**SALE, "offers": [promotion, voucher]})
        assert again.status_code == 200, again.text
        state = again.json()
        assert [a["offerId"] for a in state["applied"]] == [promotion, voucher]
        assert state["totals"] == charged["totals"] and state["lines"] == charged["lines"]
        to_pay = state["totals"]["toPay"]
        committed = await rig.http.post("/v1/sales/p1/commit", headers={"Idempotency-Key": "p1"}, json={
            "receiptNumber": "P-1", "createdDate": created_now(), "total": to_pay,
            "payments": [{"method": "Card", "amount": to_pay}]})
        assert committed.status_code == 200, committed.text
        # Sent again with every basket, the offers asked for that are applied already change nothing.
        problem_of(await rig.http.put("/v1/sales/p1", json={**SALE, "offers": [promotion]}), 409, "SaleCommitted")


async def test_an_offer_that_cannot_be_applied_is_said_and_the_rest_applied(rig):
    opened = (await rig.http.put("/v1/sales/p2", json=SALE)).json()
    promotion = usable(opened, "promotion")
    state = (await rig.http.put("/v1/sales/p2", json={**SALE, "offers": ["not-hers", promotion]})).json()
    assert [a["offerId"] for a in state["applied"]] == [promotion]
    assert any("not-hers" in message and "not applied" in message for message in state["messages"])
    # Not asked for any more: it stays (the cashier's picks in the window are not undone by the POS's next PUT).
    kept = (await rig.http.put("/v1/sales/p2", json=SALE)).json()
    assert [a["offerId"] for a in kept["applied"]] == [promotion]
    # Without a customer there is nothing to apply: said, and the basket is taken.
    bare = (await rig.http.put("/v1/sales/p3", json={"currency": "SEK", "lines": LINES, "offers": [promotion]}))
    assert bare.status_code == 200 and bare.json()["applied"] == []
    assert any("Identify the customer" in message for message in bare.json()["messages"])


async def test_offers_that_are_not_a_list_of_offer_ids_are_refused_naming_them(rig):
    for offers, field in (("p", "offers"), ([1], "offers[0]"), (["a", "a"], "offers[1]"), ([""], "offers[0]"),
                          (["x"] * 51, "offers")):
        body = problem_of(await rig.http.put("/v1/sales/p4", json={**SALE, "offers": offers}), 422, "InvalidSale")
        assert field in [error["field"] for error in body["errors"]], (offers, body)
    problem_of(await rig.http.get("/v1/sales/p4"), 404, "SaleNotFound")
