"""An offer that takes nothing off the sale it is applied to is not spent on it (issue 16's review).

The POS replaced its basket with a smaller one after the cashier applied a 100 SEK voucher and 50 kr off: spread again
(pos-link.md), the first fixed amount covers the whole basket and the other takes 0 öre. The commit redeemed both, so
the customer lost an offer for nothing. Now an offer with a value that takes nothing when the POS commits is taken
off first (still the customer's, the state's messages say so); the POS's figures do not change. Over loopback HTTP
against the simulator."""

from __future__ import annotations

import uuid

from pos_engage.core.till.pos_commit_input import created_now
from tests.link.conftest import ANNA
from tests.link.test_loop import redeemed


def line(total: int) -> dict:
    return {"lineId": "1", "sku": "1002", "name": "Wool jacket", "quantity": 1, "lineTotal": total, "vatPercent": 25}


def key() -> dict[str, str]:
    return {"Idempotency-Key": uuid.uuid4().hex}


async def test_an_offer_that_takes_nothing_is_not_redeemed_and_stays_the_customers(rig):
    http, tenant = rig.http, rig.tenant
    state = (await http.put("/v1/sales/idle-1", json={"currency": "SEK", "lines": [line(20000)],
                                                      "customerKey": ANNA})).json()
    fixed = [o for o in state["offers"] if o["applicable"] and o["value"] and o["percent"] is None]
    assert len(fixed) >= 2, state["offers"]
    for offer in fixed[:2]:
        assert (await http.post(f"/v1/sales/idle-1/offers/{offer['offerId']}", headers=key())).status_code == 200
    state = (await http.put("/v1/sales/idle-1", json={"currency": "SEK", "lines": [line(3000)]})).json()
    idle = [a for a in state["applied"] if not a["discounts"]]
    used = [a for a in state["applied"] if a["discounts"]]
    assert len(idle) == 1 and len(used) == 1, state["applied"]
    assert state["totals"]["toPay"] == 0

    body = {"receiptNumber": "R-idle", "createdDate": created_now(), "total": 0,
            "payments": [{"method": "Card", "amount": 0}]}
    committed = (await http.post("/v1/sales/idle-1/commit", json=body, headers=key())).json()
    assert committed["status"] == "committed", committed
    assert [a["offerId"] for a in committed["applied"]] == [used[0]["offerId"]]
    assert committed["totals"]["toPay"] == 0
    assert any(idle[0]["title"] in message for message in committed["messages"]), committed["messages"]
    await rig.service.redemptions_settled()
    assert redeemed(tenant, used[0]["offerId"]) == ["till-a"]
    assert redeemed(tenant, idle[0]["offerId"]) == []

    # still hers: the next sale can use it
    later = (await http.put("/v1/sales/idle-2", json={"currency": "SEK", "lines": [line(20000)],
                                                      "customerKey": ANNA})).json()
    assert next(o for o in later["offers"] if o["offerId"] == idle[0]["offerId"])["applicable"]
    answer = await http.post(f"/v1/sales/idle-2/offers/{idle[0]['offerId']}", headers=key())
    assert answer.status_code == 200 and answer.json()["applied"][0]["discounts"], answer.text


async def test_an_offer_without_a_value_is_redeemed_as_before(rig):
    """A promotion with neither a percentage nor an amount (a coffee on us: the POS hands it over) takes nothing
    off by design; applying it is using it."""
    http, tenant = rig.http, rig.tenant
    state = (await http.put("/v1/sales/plain-1", json={"currency": "SEK", "lines": [line(20000)],
                                                       "customerKey": ANNA})).json()
    plain = [o for o in state["offers"] if o["applicable"] and o["value"] is None and o["percent"] is None]
    assert plain, state["offers"]
    assert (await http.post(f"/v1/sales/plain-1/offers/{plain[0]['offerId']}", headers=key())).status_code == 200
    body = {"receiptNumber": "R-plain", "createdDate": created_now(), "total": 20000,
            "payments": [{"method": "Card", "amount": 20000}]}
    committed = (await http.post("/v1/sales/plain-1/commit", json=body, headers=key())).json()
    assert [a["offerId"] for a in committed["applied"]] == [plain[0]["offerId"]]
    await rig.service.redemptions_settled()
    assert redeemed(tenant, plain[0]["offerId"]) == ["till-a"]
