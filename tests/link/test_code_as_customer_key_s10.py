"""An offer code the POS scanned as its sale's customerKey (a POS vendor's review: refused as 409 NoCustomer,
"identify the customer first", with the customer identified, and the whole basket refused with it). With the sale's
customer identified the code applies her offer, as POST .../customer does; before a customer it is still
NoCustomer; a code that selects none of her offers refuses the PUT (422 OfferCodeNotUsable) and changes nothing.
Over loopback HTTP against the simulator."""

from __future__ import annotations

from tests.link.conftest import ANNA
from tests.link.test_bad_input import problem_of

LINES = [{"lineId": "1", "sku": "1002", "name": "Wool jacket", "quantity": 1, "lineTotal": 129900, "vatPercent": 25}]
MORE = [*LINES, {"lineId": "2", "sku": "1001", "name": "T-shirt", "quantity": 1, "lineTotal": 19900, "vatPercent": 25}]


async def test_a_code_sent_as_the_customer_key_applies_her_offer(rig):
    problem_of(await rig.http.put("/v1/sales/c1", json={"currency": "SEK", "lines": LINES,
                                                          "customerKey": "PARTNER-2026"}), 409, "NoCustomer")
    opened = (await rig.http.put("/v1/sales/c1", json={"currency": "SEK", "lines": LINES, "customerKey": ANNA}))
    assert opened.status_code == 200 and opened.json()["customer"] is not None
    coded = await rig.http.put("/v1/sales/c1", json={"currency": "SEK", "lines": MORE, "customerKey": "PARTNER-2026"})
    assert coded.status_code == 200, coded.text
    state = coded.json()
    assert state["customer"] == opened.json()["customer"]          # still hers
    assert [line["lineId"] for line in state["lines"]] == ["1", "2"]   # the new basket taken with it
    (applied,) = state["applied"]
    partner = next(o for o in state["offers"] if o["offerId"] == applied["offerId"])
    assert "partner" in partner["title"].lower()
    assert any("PARTNER-2026" in message for message in state["messages"])
    # Sent again with every basket, the same key is not looked up again: nothing changes, nothing is refused.
    again = await rig.http.put("/v1/sales/c1", json={"currency": "SEK", "lines": MORE, "customerKey": "PARTNER-2026"})
    assert again.status_code == 200 and again.json()["applied"] == state["applied"]


async def test_a_code_that_selects_none_of_her_offers_refuses_the_put_and_changes_nothing(rig):
    opened = (await rig.http.put("/v1/sales/c2", json={"currency": "SEK", "lines": LINES, "customerKey": ANNA})).json()
    problem_of(await rig.http.put("/v1/sales/c2", json={"currency": "SEK", "lines": MORE,
                                                          "customerKey": "NOSUCH-2026"}), 422, "OfferCodeNotUsable")
    assert (await rig.http.get("/v1/sales/c2")).json() == opened
