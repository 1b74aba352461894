"""An offer with neither percent nor value tells the POS what to hand over (helper E, after a POS integrator's
review: "A coffee on us" applied with no discount and no word, and offers[] carried nothing a POS could show):
its instruction in Engage's words, as the window's card shows it; null for a percent, a value or a voucher.
Over loopback HTTP against the simulator."""

from __future__ import annotations

from tests.link.conftest import ANNA, served


async def test_an_offer_with_no_value_says_what_to_hand_over(tenant, tmp_path):
    async with served(tenant, tmp_path / "journal.sqlite3") as rig:
        state = (await rig.http.put("/v1/sales/s1", json={"currency": "SEK", "customerKey": ANNA, "lines": [
            {"lineId": "1", "sku": "1", "name": "Scarf", "quantity": 1, "lineTotal": 29900, "vatPercent": 25}]})).json()
        free = [o for o in state["offers"] if o["percent"] is None and o["value"] is None]
        assert free and all(o["instruction"] for o in free)
        assert any("coffee" in o["instruction"].lower() for o in free)
        assert all(o["instruction"] is None for o in state["offers"] if o["percent"] or o["kind"] == "voucher")


async def test_a_method_a_route_does_not_take_says_which_it_takes(tenant, tmp_path):
    """A 405 carries Allow, as HTTP asks (helper E: the problem+json 405 named no method a POS could use)."""
    async with served(tenant, tmp_path / "journal.sqlite3") as rig:
        answer = await rig.http.patch("/v1/sales/x1", json={})
        assert answer.status_code == 405 and answer.json()["code"] == "MethodNotAllowed"
        assert set(answer.headers["allow"].replace(" ", "").split(",")) >= {"GET", "PUT"}
