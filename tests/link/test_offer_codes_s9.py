"""An offer code the customer shows is scanned like her card (the README), also when the POS's scanner sends it to
the link (a POS integrator's review: with Anna identified, POST /customer {"key": "PARTNER-2026"} said "identify the
customer first", and the code could not be used over the link at all). With her identified, the code applies her
offer by the session's own rules (the ledger's reservation, once); before she is, it is 409 NoCustomer; a code
that selects nothing of hers is 422 OfferCodeNotUsable, the sale unchanged. Over loopback HTTP, the simulator."""

from __future__ import annotations

from tests.link.conftest import ANNA, served
from tests.link.test_bad_input import problem_of

SALE = {"currency": "SEK", "lines": [
    {"lineId": "1", "sku": "1", "name": "Wool jacket", "quantity": 1, "lineTotal": 129900, "vatPercent": 25}]}


async def test_an_offer_code_scanned_at_the_pos_applies_her_offer(tenant, tmp_path):
    async with served(tenant, tmp_path / "journal.sqlite3") as rig:
        await rig.http.put("/v1/sales/s1", json=SALE)
        early = problem_of(await rig.http.post("/v1/sales/s1/customer", json={"key": "PARTNER-2026"}), 409,
                           "NoCustomer")
        assert "identify the customer first" in early["detail"]
        before = (await rig.http.post("/v1/sales/s1/customer", json={"key": ANNA})).json()
        answer = await rig.http.post("/v1/sales/s1/customer", json={"key": "PARTNER-2026"})
        assert answer.status_code == 200, answer.text
        state = answer.json()
        assert state["customer"] == before["customer"] and state["version"] > before["version"]
        (applied,) = state["applied"]
        partner = next(o for o in state["offers"] if o["offerId"] == applied["offerId"])
        assert "partner" in partner["title"].lower()
        assert any("PARTNER-2026" in message for message in state["messages"])
        assert [use.status for use in rig.service.journal.offer_uses(applied["offerId"])] == ["reserved"]

        again = problem_of(await rig.http.post("/v1/sales/s1/customer", json={"key": "PARTNER-2026"}), 422,
                           "OfferCodeNotUsable")
        # Named as the offer list names it to the cashier and the POS (its title, Engage's heading)
        assert again["detail"] == f"'{partner['title']}' is already applied"
        nothing = problem_of(await rig.http.post("/v1/sales/s1/customer", json={"key": "NOSUCH-2026"}), 422,
                             "OfferCodeNotUsable")
        assert "NOSUCH-2026" in nothing["detail"]
        assert (await rig.http.get("/v1/sales/s1")).json()["applied"] == state["applied"]
