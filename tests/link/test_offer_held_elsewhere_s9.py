"""An offer one sale takes is no longer applicable in another open sale of the same customer, and that sale says
so at once: its version grows and its long poll wakes (a POS integrator's review: after sale P1 applied an offer,
GET P2 still said "applicable" at the same version, and applying it there was a 409). The same when P1 gives it
back (removed, voided) and when P1 commits it (used). And the till's own sale in the window, one more session, is
told the same. Over loopback HTTP against the simulator."""

from __future__ import annotations

import asyncio

from pos_engage.core.till.pos_commit_input import created_now
from pos_engage.core.till.till_sale import TillSales
from tests.link.conftest import ANNA, served

SALE = {"currency": "SEK", "customerKey": ANNA, "lines": [
    {"lineId": "1", "sku": "1", "name": "Wool jacket", "quantity": 1, "lineTotal": 129900, "vatPercent": 25}]}


def offer_in(state: dict, offer_id: str) -> dict:
    return next(o for o in state["offers"] if o["offerId"] == offer_id)


async def changed(rig, sale: str, version: int) -> dict:
    """The sale's state as its long poll answers it once it changed after ``version`` (within 5 s)."""
    answer = await rig.http.get(f"/v1/sales/{sale}", params={"afterVersion": version, "waitSeconds": 5})
    state = answer.json()
    assert state["version"] > version, "the long poll was not woken by the other sale's change"
    return state


async def test_another_sale_of_the_customer_hears_that_an_offer_was_taken_given_back_and_used(tenant, tmp_path):
    async with served(tenant, tmp_path / "journal.sqlite3") as rig:
        p2 = (await rig.http.put("/v1/sales/p2", json=SALE)).json()
        p1 = (await rig.http.put("/v1/sales/p1", json=SALE)).json()
        offer = next(o["offerId"] for o in p1["offers"] if o["applicable"] and o["kind"] == "promotion")
        assert offer_in(p2, offer)["applicable"]

        waiting = asyncio.ensure_future(changed(rig, "p2", p2["version"]))
        await asyncio.sleep(0.05)   # P2's POS is waiting when P1 takes the offer
        assert (await rig.http.post(f"/v1/sales/p1/offers/{offer}")).status_code == 200
        p2 = await waiting
        assert not offer_in(p2, offer)["applicable"] and "p1" in offer_in(p2, offer)["whyNot"]
        assert (await rig.http.get("/v1/sales/p2")).json() == p2

        assert (await rig.http.delete(f"/v1/sales/p1/offers/{offer}")).status_code == 200
        p2 = await changed(rig, "p2", p2["version"])
        assert offer_in(p2, offer)["applicable"]

        assert (await rig.http.post(f"/v1/sales/p1/offers/{offer}")).status_code == 200
        p2 = await changed(rig, "p2", p2["version"])
        to_pay = (await rig.http.get("/v1/sales/p1")).json()["totals"]["toPay"]
        commit = {"receiptNumber": "P1", "createdDate": created_now(), "total": to_pay,
                  "payments": [{"method": "Card", "amount": to_pay}]}
        assert (await rig.http.post("/v1/sales/p1/commit", json=commit,
                                    headers={"Idempotency-Key": "p1"})).status_code == 200
        p2 = await changed(rig, "p2", p2["version"])
        assert not offer_in(p2, offer)["applicable"] and "already used" in offer_in(p2, offer)["whyNot"]
        problem = await rig.http.post(f"/v1/sales/p2/offers/{offer}")
        assert problem.status_code == 409


async def test_the_window_sale_of_the_customer_is_told_when_the_pos_takes_her_offer(tenant, tmp_path):
    async with served(tenant, tmp_path / "journal.sqlite3") as rig:
        till = TillSales(rig.sessions)
        mine = till.open()
        p1 = (await rig.http.put("/v1/sales/p1", json=SALE)).json()
        outcome = await rig.service.identify(ANNA)
        till.set_customer(mine, outcome.customer, ANNA)
        offer = next(o["offerId"] for o in p1["offers"] if o["applicable"] and o["kind"] == "promotion")
        before = mine.version
        assert offer_in(rig.sessions.state(mine), offer)["applicable"]
        assert (await rig.http.post(f"/v1/sales/p1/offers/{offer}")).status_code == 200
        assert mine.version > before
        assert not offer_in(rig.sessions.state(mine), offer)["applicable"]
        till.apply(mine, next(o["offerId"] for o in p1["offers"] if o["kind"] == "voucher"))   # and back:
        p1 = (await rig.http.get("/v1/sales/p1")).json()   # the POS's sale hears of the window's
        voucher = next(o for o in p1["offers"] if o["kind"] == "voucher")
        assert not voucher["applicable"], voucher
