"""An offer code the POS scanned as its sale's customerKey (a POS vendor's review: refused as 409 NoCustomer,
"identify the customer first", with the customer identified, and the whole basket refused with it). The code is
no customer: the basket is taken, and the code is used once it is (its currency and lines are what the offer's
rules judge: a code review found a 100 SEK voucher taking 100 EUR off a sale switched to EUR in the same PUT),
as POST .../customer uses it; what comes of it is said in messages. Before a customer, or for a code selecting none
of her offers, the basket is taken all the same (after a restart the POS's sale, sent again with the code as its
key, was refused for good, and its commit with it). Over loopback HTTP against the simulator."""

from __future__ import annotations

from tests.link.conftest import ANNA, served

LINES = [{"lineId": "1", "sku": "1002", "name": "Wool jacket", "quantity": 1, "lineTotal": 129900, "vatPercent": 25}]
MORE = [*LINES, {"lineId": "2", "sku": "1001", "name": "T-shirt", "quantity": 1, "lineTotal": 19900, "vatPercent": 25}]


async def test_a_code_sent_as_the_customer_key_applies_her_offer(rig):
    early = (await rig.http.put("/v1/sales/c1", json={"currency": "SEK", "lines": LINES,
                                                       "customerKey": "PARTNER-2026"})).json()
    assert early["applied"] == [] and any("identify the customer first" in m for m in early["messages"])
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
    # Sent again with every basket, the same key is not looked up again: nothing changes.
    again = await rig.http.put("/v1/sales/c1", json={"currency": "SEK", "lines": MORE, "customerKey": "PARTNER-2026"})
    assert again.status_code == 200 and again.json()["applied"] == state["applied"]


async def test_a_code_selecting_none_of_her_offers_is_said_and_the_basket_taken(rig):
    await rig.http.put("/v1/sales/c2", json={"currency": "SEK", "lines": LINES, "customerKey": ANNA})
    state = (await rig.http.put("/v1/sales/c2", json={"currency": "SEK", "lines": MORE,
                                                       "customerKey": "NOSUCH-2026"})).json()
    assert [line["lineId"] for line in state["lines"]] == ["1", "2"] and state["applied"] == []
    assert any("NOSUCH-2026" in message for message in state["messages"])


async def test_a_voucher_code_is_judged_in_the_currency_the_same_put_switches_to(rig):
    opened = (await rig.http.put("/v1/sales/c3", json={"currency": "SEK", "lines": LINES, "customerKey": ANNA})).json()
    voucher = next(o for o in opened["offers"] if o["kind"] == "voucher")
    number = rig.sessions.get("c3").offer(voucher["offerId"]).voucher_number
    state = (await rig.http.put("/v1/sales/c3", json={"currency": "EUR", "lines": LINES,
                                                       "customerKey": number})).json()
    assert state["currency"] == "EUR" and state["applied"] == [] and state["totals"]["discounts"] == 0
    assert any("SEK" in message for message in state["messages"]), state["messages"]


async def test_after_a_restart_the_sale_sent_again_with_the_code_as_its_key_is_taken(tenant, tmp_path):
    path = tmp_path / "journal.sqlite3"
    async with served(tenant, path) as rig:
        await rig.http.put("/v1/sales/c4", json={"currency": "SEK", "lines": LINES, "customerKey": ANNA})
        await rig.http.put("/v1/sales/c4", json={"currency": "SEK", "lines": LINES, "customerKey": "PARTNER-2026"})
    async with served(tenant, path) as rig:
        again = await rig.http.put("/v1/sales/c4", json={"currency": "SEK", "lines": LINES,
                                                          "customerKey": "PARTNER-2026"})
        assert again.status_code == 200, again.text
        assert any("identify the customer first" in m for m in again.json()["messages"])
