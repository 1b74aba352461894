"""A customer the POS's sale took while Engage was down (an offline copy) is looked up again once Engage answers, and
replaces the copy on the sale: the POS, long polling, sees her contact and her real offers
(core/till/offline_copies.py). Over real loopback HTTP against the simulator (its 'down' fault), with the till's own
monitor and probe."""

from __future__ import annotations

import asyncio
import contextlib
import uuid

from pos_engage.core.till.pos_commit_input import created_now
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


async def monitor_says_down(rig) -> None:
    """The till's monitor says Engage is down once calls failed a few times in a row (its probe, as the replayer
    sends it)."""
    monitor = rig.service.client.monitor
    for _ in range(monitor.offline_after):
        if monitor.offline:
            break
        with contextlib.suppress(Exception):
            await rig.service.client.for_background().ping()
    assert monitor.offline


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
    # The POS's next article is the sale's next change: it asks for her (Engage failed once here, so the monitor
    # never said it was down, and says no "online" either)
    await rig.http.put("/v1/sales/off", json={"currency": "SEK", "lines": MORE})
    state = await found_again(rig, "off", state)
    assert state["customer"]["memberNumber"] and state["customer"]["key"] != ANNA   # masked, as before
    assert any("Engage answers again" in message for message in state["messages"])
    assert not any("not answering" in message for message in state["messages"])   # no longer so: taken back
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


async def test_an_offer_applied_from_the_copy_that_engage_no_longer_holds_stays_and_the_charged_total_commits(rig):
    """The POS read toPay with the offer and charged the card; meanwhile Engage came back and she was found again
    without that offer (used elsewhere). The total never changes by itself: the commit of what the POS charged is
    taken, and the refused redemption is the manager's (a conflict), as for any offer used elsewhere meanwhile."""
    await seen_then_down(rig)
    await rig.http.put("/v1/sales/gone", json={"currency": "SEK", "lines": LINES})
    state = (await rig.http.post("/v1/sales/gone/customer", json={"key": ANNA}, headers=key())).json()
    offer = next(o for o in state["offers"] if o["applicable"] and o["kind"] == "promotion")
    state = (await rig.http.post(f"/v1/sales/gone/offers/{offer['offerId']}", headers=key())).json()
    charged = state["totals"]["toPay"]   # the POS takes the money for this
    assert charged < 129900
    rig.tenant.promotions[offer["offerId"]]["redeemed"] = True   # used in another store meanwhile

    await engage_back(rig)
    await rig.http.put("/v1/sales/gone", json={"currency": "SEK", "lines": LINES})   # the same basket again
    state = await found_again(rig, "gone", state)
    assert [a["offerId"] for a in state["applied"]] == [offer["offerId"]] and state["totals"]["toPay"] == charged
    assert any("no longer holds" in message for message in state["messages"])
    committed = await rig.http.post("/v1/sales/gone/commit", headers=key(), json={
        "receiptNumber": "G1", "createdDate": created_now(), "total": charged,
        "payments": [{"method": "Card", "amount": charged}]})
    assert committed.status_code == 200, committed.text
    await rig.service.redemptions_settled()
    assert rig.service.journal.figures().conflicts == 1   # the refused redemption, for the manager


async def test_nothing_is_asked_while_engage_stays_down_and_an_ended_sale_is_left_as_it_was(rig, monkeypatch):
    asked = []
    look_up = rig.service.identify_again

    async def counted(customer):   # the real lookup, counted
        asked.append(customer)
        return await look_up(customer)

    monkeypatch.setattr(rig.service, "identify_again", counted)
    await seen_then_down(rig)
    await rig.http.put("/v1/sales/down", json={"currency": "SEK", "lines": LINES})
    await rig.http.post("/v1/sales/down/customer", json={"key": ANNA}, headers=key())
    await monitor_says_down(rig)
    await rig.http.put("/v1/sales/down", json={"currency": "SEK", "lines": MORE})   # her next article
    await rig.sessions.offline_copies.settled()
    assert asked == []   # not while the monitor says Engage is down
    assert (await rig.http.get("/v1/sales/down")).json()["customer"]["offline"] is True

    await rig.http.post("/v1/sales/down/void", headers=key())
    await engage_back(rig)
    await rig.sessions.offline_copies.settled()
    state = (await rig.http.get("/v1/sales/down")).json()
    assert asked == [] and state["status"] == "voided" and state["customer"]["offline"] is True


async def test_closing_ends_a_lookup_still_running_and_leaves_the_copy(rig, monkeypatch):
    started, never = asyncio.Event(), asyncio.Event()

    async def hanging(customer):   # Engage answering very slowly while the till closes
        started.set()
        await never.wait()

    monkeypatch.setattr(rig.service, "identify_again", hanging)
    await seen_then_down(rig)
    await rig.http.put("/v1/sales/late", json={"currency": "SEK", "lines": LINES})
    await rig.http.post("/v1/sales/late/customer", json={"key": ANNA}, headers=key())
    rig.tenant.faults.update({"down": False})
    await rig.http.put("/v1/sales/late", json={"currency": "SEK", "lines": MORE})
    await asyncio.wait_for(started.wait(), 10)
    copies = rig.sessions.offline_copies
    running = list(copies._asking.values())
    await copies.close()
    assert not copies._asking and all(task.cancelled() for task in running)
    assert rig.sessions.get("late").customer.offline   # the copy stays, matched by her key
