"""A line's own POS discounts are in the sale's state (issue 16: the window shows "the POS's basket read-only with each
line's discount"; the cashier review found the POS's own -100 kr invisible there). Over loopback HTTP: the state
echoes each line's posDiscounts as the POS sent them, an empty list for a line without, and keeps them when an offer
is applied on top."""

from __future__ import annotations

import uuid

from tests.link.conftest import ANNA

AUTUMN = {"amount": 10000, "description": "Autumn price", "type": "POS"}
LINES = [{"lineId": "1", "sku": "1002", "name": "Wool jacket", "quantity": 1, "lineTotal": 119900, "vatPercent": 25,
          "posDiscounts": [AUTUMN]},
         {"lineId": "2", "sku": "1004", "name": "Socks", "quantity": 2, "lineTotal": 9800, "vatPercent": 25}]


async def test_the_state_shows_each_lines_own_pos_discounts(rig):
    state = (await rig.http.put("/v1/sales/pd-1", json={"currency": "SEK", "lines": LINES,
                                                        "customerKey": ANNA})).json()
    assert [line["posDiscounts"] for line in state["lines"]] == [[AUTUMN], []]
    assert state["lines"][0]["lineTotalBefore"] == 119900   # the POS's discount is already out of it
    offer = next(o["offerId"] for o in state["offers"] if o["applicable"] and o["kind"] == "promotion")
    applied = (await rig.http.post(f"/v1/sales/pd-1/offers/{offer}",
                                   headers={"Idempotency-Key": uuid.uuid4().hex})).json()
    assert [line["posDiscounts"] for line in applied["lines"]] == [[AUTUMN], []]
    assert applied["lines"][0]["discounts"], "the offer's cut is listed beside the POS's own"
    assert (await rig.http.get("/v1/sales/pd-1")).json()["lines"][0]["posDiscounts"] == [AUTUMN]
