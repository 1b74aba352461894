"""A customer the POS's sale took while Engage was down (an offline copy) is looked up again once Engage answers, and
replaces the copy on the sale: the POS, long polling, sees her contact and her real offers
(core/till/offline_copies.py). Over real loopback HTTP against the simulator (its 'down' fault), with the till's own
monitor and probe."""

from __future__ import annotations

import uuid

from pos_engage.core.till.pos_sale_input import created_now
from tests.link.conftest import ANNA

LINES = [{"lineId": "1", "sku": "1002", "name": "Wool jacket", "quantity": 1, "lineTotal": 129900, "vatPercent": 25}]
MORE = [*LINES, {**LINES[0], "lineId": "2"}]   # the POS's next article: the sale's next change


def key() -> dict[str, str]:
    return {"Idempotency-Key": uuid.uuid4().hex}


async def seen_then_down(rig) -> None:
    """Anna shopped here before (the till knows her key), then Engage goes down."""
    http = rig.http
    await http.put("/v1/sales/seen", json={"currency": "SEK", "lines": LINES})
    assert (await http.post("/v1/sales/seen/customer", json={"key": ANNA}, headers=key())).status_code == 200
    await http.post("/v1/sales/seen/void", headers=key())
    rig.tenant.faults.update({"down": True})


async def engage_back(rig) -> None:
    rig.tenant.faults.update({"down": False})
    monitor = rig.service.client.monitor
    if monitor.offline:   # the till's own probe (the replayer sends it) finds Engage again: "online"
        assert await monitor.probe(rig.service.client.for_background().ping)


async def changed_after(rig, sale: str, version: int) -> dict:
    answer = await rig.http.get(f"/v1/sales/{sale}", params={"afterVersion": version, "waitSeconds": 5})
    return answer.json()


async def found_again(rig, sale: str, state: dict) -> dict:
    """The sale's state once she was found again: the POS long polls for the change (a few rounds at most)."""
    for _ in range(3):
        if not state["customer"]["offline"]:
            break
        state = await changed_after(rig, sale, state["version"])
    assert state["customer"]["offline"] is False, state["messages"]
    return state


async def test_a_copy_taken_offline_is_replaced_by_her_contact_once_engage_answers(rig):
    await seen_then_down(rig)
    await rig.http.put("/v1/sales/off", json={"currency": "SEK", "lines": LINES})
    state = (await rig.http.post("/v1/sales/off/customer", json={"key": ANNA}, headers=key())).json()
    assert state["customer"]["offline"] is True and state["customer"]["memberNumber"] is None

    await engage_back(rig)
    if state["customer"]["offline"]:   # the monitor never said down (a failure or two): the next change asks
        await rig.http.put("/v1/sales/off", json={"currency": "SEK", "lines": MORE})
    state = (await rig.http.get("/v1/sales/off")).json()
    state = await found_again(rig, "off", state)
    assert state["customer"]["memberNumber"] and state["customer"]["key"] != ANNA   # masked, as before
    assert any("Engage answers again" in message for message in state["messages"])
    assert state["offers"] and all(offer["whyNot"] is None for offer in state["offers"] if offer["applicable"])

    to_pay = state["totals"]["toPay"]
    committed = await rig.http.post("/v1/sales/off/commit", headers=key(), json={
        "receiptNumber": "A1", "createdDate": created_now(), "total": to_pay,
        "payments": [{"method": "Card", "amount": to_pay}]})
    assert committed.status_code == 200, committed.text
    await rig.service.replayer.replay_until_empty(max_seconds=10)
    booked = rig.tenant.received.receipts["12-till-a-off"]
    # Matched by her contact (the copy's receipt would have been matched by the key the POS scanned)
    assert {booked["contact"]["matchKey"]} == rig.tenant.find("email", ANNA)


async def test_an_offer_applied_from_the_copy_that_engage_no_longer_holds_is_taken_off(rig):
    await seen_then_down(rig)
    await rig.http.put("/v1/sales/gone", json={"currency": "SEK", "lines": LINES})
    state = (await rig.http.post("/v1/sales/gone/customer", json={"key": ANNA}, headers=key())).json()
    offer = next(o for o in state["offers"] if o["applicable"] and o["kind"] == "promotion")
    state = (await rig.http.post(f"/v1/sales/gone/offers/{offer['offerId']}", headers=key())).json()
    assert [a["offerId"] for a in state["applied"]] == [offer["offerId"]]
    rig.tenant.promotions[offer["offerId"]]["redeemed"] = True   # used in another store meanwhile

    await engage_back(rig)
    await rig.http.put("/v1/sales/gone", json={"currency": "SEK", "lines": MORE})
    state = (await rig.http.get("/v1/sales/gone")).json()
    state = await found_again(rig, "gone", state)
    assert state["applied"] == [] and state["totals"]["discounts"] == 0
    assert any("no longer holds" in message for message in state["messages"])
    assert offer["offerId"] not in {o["offerId"] for o in state["offers"]}


async def test_a_copy_is_not_asked_for_while_engage_stays_down_and_a_voided_sale_never(rig):
    await seen_then_down(rig)
    await rig.http.put("/v1/sales/down", json={"currency": "SEK", "lines": LINES})
    await rig.http.post("/v1/sales/down/customer", json={"key": ANNA}, headers=key())
    await rig.http.put("/v1/sales/down", json={"currency": "SEK", "lines": MORE})
    await rig.sessions.offline_copies.settled()
    assert (await rig.http.get("/v1/sales/down")).json()["customer"]["offline"] is True   # still no answer

    await rig.http.post("/v1/sales/down/void", headers=key())
    await engage_back(rig)
    await rig.sessions.offline_copies.settled()
    state = (await rig.http.get("/v1/sales/down")).json()
    assert state["status"] == "voided" and state["customer"]["offline"] is True   # an ended sale is left as it was
