"""The same PUT again replaces the POS's basket (pos-link.md: articles added or removed) and the applied offers are
spread again over the new lines; the customer stays; the currency cannot change under applied offers; the commit
books the basket as it is now. Over loopback HTTP against the simulator."""

from __future__ import annotations

import uuid

from pos_engage.core.till.pos_commit_input import created_now
from tests.link.conftest import ANNA


def key() -> dict[str, str]:
    return {"Idempotency-Key": uuid.uuid4().hex}


def line(line_id: str, total: int, quantity: int = 1) -> dict:
    return {"lineId": line_id, "sku": f"1{line_id}", "name": f"Article {line_id}", "quantity": quantity,
            "lineTotal": total, "vatPercent": 25}


def spread(state: dict) -> None:
    """The state adds up: each line's discount is its share of the applied offers, the totals are the lines'."""
    assert sum(row["discountTotal"] for row in state["lines"]) == state["totals"]["discounts"]
    assert sum(d["amount"] for a in state["applied"] for d in a["discounts"]) == state["totals"]["discounts"]
    assert state["totals"]["toPay"] == state["totals"]["before"] - state["totals"]["discounts"]
    assert {d["lineId"] for a in state["applied"] for d in a["discounts"]} <= {row["lineId"] for row in state["lines"]}


async def test_a_basket_put_again_is_replaced_and_its_offers_spread_again(rig):
    http = rig.http
    state = (await http.put("/v1/sales/r1", json={"currency": "SEK", "customerKey": ANNA,
                                                  "lines": [line("a", 10000), line("b", 20000)]})).json()
    percent = next(o for o in state["offers"] if o["applicable"] and o["percent"] == 20.0)
    await http.post(f"/v1/sales/r1/offers/{percent['offerId']}", headers=key())
    before = (await http.get("/v1/sales/r1")).json()
    assert before["totals"] == {"before": 30000, "discounts": 6000, "toPay": 24000}
    spread(before)

    replaced = await http.put("/v1/sales/r1", json={"currency": "SEK",   # a removed, c added, no customerKey
                                                    "lines": [line("b", 20000), line("c", 5000, 2)]})
    assert replaced.status_code == 200, replaced.text
    state = replaced.json()
    assert state["version"] > before["version"] and state["customer"]["name"] == "Anna Andersson"
    assert [row["lineId"] for row in state["lines"]] == ["b", "c"]
    assert [a["offerId"] for a in state["applied"]] == [percent["offerId"]]
    assert state["totals"] == {"before": 25000, "discounts": 5000, "toPay": 20000}
    assert {row["lineId"]: row["discountTotal"] for row in state["lines"]} == {"b": 4000, "c": 1000}
    spread(state)

    moved = await http.put("/v1/sales/r1", json={"currency": "EUR", "lines": [line("b", 20000)]})
    assert moved.status_code == 409 and moved.json()["code"] == "CurrencyChange"
    assert (await http.get("/v1/sales/r1")).json() == state          # refused: nothing changed

    to_pay = state["totals"]["toPay"]
    committed = await http.post("/v1/sales/r1/commit", headers=key(), json={
        "receiptNumber": "R1", "createdDate": created_now(), "total": to_pay,
        "payments": [{"method": "Card", "amount": to_pay}]})
    assert committed.status_code == 200, committed.text
    await rig.service.redemptions_settled()
    await rig.service.deliver_now()
    booked = rig.tenant.received.receipts["12-till-a-r1"]
    assert [(i["sku"], i["quantity"], i["grossPaidPrice"]) for i in booked["items"]] == [("1b", 1, 160.0),
                                                                                      ("1c", 2, 40.0)]
    assert booked["totalGrossPrice"] == 200.0
