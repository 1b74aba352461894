"""The customer the cashier picks or changes in the till's window stays the sale's when the POS sends its basket
again with the key it scanned (issue 16's review). A POS sends its customerKey with every PUT; each one was looked
up again, so the POS's next article put back the customer it had scanned and took the cashier's customer's offers
off the sale. Only a key the POS had not sent before is looked up. Over loopback HTTP; the window's change is the
one its bridge makes (SaleSessions.set_customer)."""

from __future__ import annotations

import uuid

from tests.link.conftest import ANNA

KARIN = "karin.berg@example.se"


def sale(*totals: int, key: str | None = KARIN) -> dict:
    body = {"currency": "SEK", "lines": [{"lineId": str(i), "sku": "1002", "name": "Wool jacket", "quantity": 1,
                                          "lineTotal": total, "vatPercent": 25} for i, total in enumerate(totals)]}
    return {**body, "customerKey": key} if key else body


async def test_the_cashiers_customer_and_offers_survive_the_poss_next_basket(rig):
    http = rig.http
    opened = (await http.put("/v1/sales/w-1", json=sale(50000))).json()
    assert opened["customer"]["name"] == "Karin Berg"   # the card the POS scanned

    session = rig.sessions.get("w-1")   # it was Anna's: the cashier identifies her in the window
    anna = await rig.service.identify(ANNA)
    await rig.sessions.set_customer(session, anna.customer, ANNA)
    state = (await http.get("/v1/sales/w-1")).json()
    offer = next(o for o in state["offers"] if o["applicable"])   # and taps one of her offers
    assert (await http.post(f"/v1/sales/w-1/offers/{offer['offerId']}",
                            headers={"Idempotency-Key": uuid.uuid4().hex})).status_code == 200

    again = (await http.put("/v1/sales/w-1", json=sale(50000, 20000))).json()   # the POS scans one more article
    assert again["customer"]["name"] == "Anna Andersson"
    assert again["totals"]["before"] == 70000
    assert [a["offerId"] for a in again["applied"]] == [offer["offerId"]]

    # a key the POS had not sent before is looked up, as ever
    newer = (await http.put("/v1/sales/w-1", json=sale(50000, key="erik.svensson@example.se"))).json()
    assert newer["customer"]["name"] == "Erik Svensson" and newer["applied"] == []
