"""A POS vendor's review (folder protocol, then HTTP): Anna's sale was opened, the cashier applied her voucher, and
the till restarted. The sale was gone (404), yet every new sale of hers showed the voucher held "by another open
sale" and refused it (409 OfferAlreadyUsed) for 30 minutes. The till that starts releases what the gone sales held.
Over loopback HTTP, one journal file, the till stopped and started as `serve` does."""

from __future__ import annotations

from tests.link.conftest import ANNA, served
from tests.link.test_bad_input import problem_of

SALE = {"currency": "SEK", "customerKey": ANNA, "lines": [
    {"lineId": "1", "sku": "1002", "name": "Wool jacket", "quantity": 1, "lineTotal": 129900, "vatPercent": 25}]}


async def test_a_restart_frees_the_offers_of_the_sales_it_took_with_it(tenant, tmp_path):
    path = tmp_path / "journal.sqlite3"
    async with served(tenant, path) as rig:
        state = (await rig.http.put("/v1/sales/before", json=SALE)).json()
        voucher = next(o["offerId"] for o in state["offers"] if o["kind"] == "voucher" and o["applicable"])
        assert (await rig.http.post(f"/v1/sales/before/offers/{voucher}")).status_code == 200
        other = (await rig.http.put("/v1/sales/meanwhile", json=SALE)).json()   # held while that sale is open
        assert not next(o for o in other["offers"] if o["offerId"] == voucher)["applicable"]
    async with served(tenant, path) as rig:   # the till restarted: "before" is gone
        problem_of(await rig.http.get("/v1/sales/before"), 404, "SaleNotFound")
        after = (await rig.http.put("/v1/sales/after", json=SALE)).json()
        offered = next(o for o in after["offers"] if o["offerId"] == voucher)
        assert offered["applicable"], offered
        applied = await rig.http.post(f"/v1/sales/after/offers/{voucher}")
        assert applied.status_code == 200, applied.text
