"""Applying an offer over the POS link follows the window's rules (pos-link.md: stacking, currency, offline policy,
already used), and each refusal is a problem+json the POS can show that changes nothing. Over loopback HTTP against
the simulator, one journal."""

from __future__ import annotations

import uuid

from tests.link.conftest import ANNA

JACKET = [{"lineId": "a", "sku": "1002", "name": "Wool jacket", "quantity": 1, "lineTotal": 129900,
           "vatPercent": 25}]


def key() -> dict[str, str]:
    return {"Idempotency-Key": uuid.uuid4().hex}


def refused(answer, status: int, code: str) -> str:
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"] == "application/problem+json"
    assert answer.json()["code"] == code
    return answer.json()["detail"]


async def apply(http, sale: str, offer_id: str):
    return await http.post(f"/v1/sales/{sale}/offers/{offer_id}", headers=key())


async def test_an_offer_another_open_sale_holds_is_refused_until_that_sale_is_voided(rig):
    http = rig.http
    first = (await http.put("/v1/sales/A", json={"currency": "SEK", "lines": JACKET, "customerKey": ANNA})).json()
    await http.put("/v1/sales/B", json={"currency": "SEK", "lines": JACKET, "customerKey": ANNA})
    voucher = next(o for o in first["offers"] if o["kind"] == "voucher")
    assert (await apply(http, "A", voucher["offerId"])).status_code == 200
    before = (await http.get("/v1/sales/B")).json()
    assert "12-till-a-A" in refused(await apply(http, "B", voucher["offerId"]), 409, "OfferAlreadyUsed")
    assert (await http.get("/v1/sales/B")).json()["version"] == before["version"]
    await http.post("/v1/sales/A/void", headers=key())
    assert (await apply(http, "B", voucher["offerId"])).json()["applied"][0]["offerId"] == voucher["offerId"]


async def test_two_percent_promotions_on_one_line_are_refused_naming_the_one_applied(rig):
    http = rig.http
    state = (await http.put("/v1/sales/S", json={"currency": "SEK", "lines": JACKET, "customerKey": ANNA})).json()
    percent = [o for o in state["offers"] if o["kind"] == "promotion" and o["percent"]]
    assert len(percent) >= 2
    assert (await apply(http, "S", percent[0]["offerId"])).status_code == 200
    detail = refused(await apply(http, "S", percent[1]["offerId"]), 422, "OfferNotApplicable")
    assert percent[0]["title"] in detail
    assert [a["offerId"] for a in (await http.get("/v1/sales/S")).json()["applied"]] == [percent[0]["offerId"]]


async def test_an_offer_in_another_currency_is_refused_with_the_states_reason(rig):
    http = rig.http
    state = (await http.put("/v1/sales/E", json={"currency": "EUR", "lines": JACKET, "customerKey": ANNA})).json()
    fixed = next(o for o in state["offers"] if o["currency"] == "SEK")
    assert not fixed["applicable"] and "EUR" in fixed["whyNot"]
    assert refused(await apply(http, "E", fixed["offerId"]), 422, "OfferNotApplicable") == fixed["whyNot"]
    assert (await http.get("/v1/sales/E")).json()["applied"] == []


async def test_offline_the_store_policy_refuses_what_the_state_says_it_refuses(rig):
    http = rig.http
    await http.put("/v1/sales/warm", json={"currency": "SEK", "lines": JACKET, "customerKey": ANNA})
    await http.post("/v1/sales/warm/void", headers=key())
    rig.tenant.faults.update({"down": True})
    await http.put("/v1/sales/C", json={"currency": "SEK", "lines": JACKET})
    state = (await http.post("/v1/sales/C/customer", json={"key": ANNA}, headers=key())).json()
    not_now = [o for o in state["offers"] if not o["applicable"]]
    assert not_now
    for offer in not_now:
        assert refused(await apply(http, "C", offer["offerId"]), 422, "OfferNotApplicable") == offer["whyNot"]
    assert (await http.get("/v1/sales/C")).json()["applied"] == []


async def test_an_offer_another_open_sale_holds_is_not_listed_as_applicable(rig):
    http = rig.http
    first = (await http.put("/v1/sales/A", json={"currency": "SEK", "lines": JACKET, "customerKey": ANNA})).json()
    voucher = next(o for o in first["offers"] if o["kind"] == "voucher")
    assert (await apply(http, "A", voucher["offerId"])).status_code == 200
    other = (await http.put("/v1/sales/B", json={"currency": "SEK", "lines": JACKET, "customerKey": ANNA})).json()
    listed = next(o for o in other["offers"] if o["offerId"] == voucher["offerId"])
    assert listed["applicable"] is False and listed["whyNot"]
