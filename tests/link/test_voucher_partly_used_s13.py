"""A voucher worth more than the sale takes off it (found in the store-day review, session 13): the POS shrank the
basket after Anna's 100 kr voucher was applied, the voucher took 84.15 off and the rest, 15.85, was lost at the
commit with nothing said. Engage redeems a voucher whole, so while the sale is open its state says what is lost,
and the POS and the window (which shows the sale's messages) can ask her first. Over real loopback HTTP against the
simulator."""

from __future__ import annotations

from tests.link.conftest import ANNA
from tests.link.test_returns import commit_body, key

SOCKS = [{"lineId": "1", "sku": "1004", "name": "Socks", "quantity": 1, "lineTotal": 9900, "vatPercent": 25}]
JACKET = [{"lineId": "1", "sku": "1001", "name": "Jacket", "quantity": 1, "lineTotal": 89900, "vatPercent": 25}]


def lost_notes(state: dict) -> list[str]:
    return [m for m in state["messages"] if "is lost when the sale is committed" in m]


async def test_a_voucher_the_sale_takes_only_part_of_says_what_is_lost_until_the_commit(rig):
    http = rig.http
    assert (await http.put("/v1/sales/s1", json={"currency": "SEK", "lines": JACKET})).status_code == 200
    state = (await http.post("/v1/sales/s1/customer", json={"key": ANNA}, headers=key())).json()
    voucher = next(o for o in state["offers"] if o["kind"] == "voucher" and o["value"] == 10000)
    state = (await http.post(f"/v1/sales/s1/offers/{voucher['offerId']}", headers=key())).json()
    assert lost_notes(state) == []   # the jacket takes all of it

    state = (await http.put("/v1/sales/s1", json={"currency": "SEK", "lines": SOCKS})).json()   # the POS shrinks it
    assert state["totals"]["toPay"] == 0
    (note,) = lost_notes(state)
    assert "worth 100.00 SEK" in note and "takes 99.00 SEK off it" in note and "the rest, 1.00 SEK" in note

    state = (await http.put("/v1/sales/s1", json={"currency": "SEK", "lines": JACKET})).json()   # and back again
    assert lost_notes(state) == []

    state = (await http.put("/v1/sales/s1", json={"currency": "SEK", "lines": SOCKS})).json()
    done = await http.post("/v1/sales/s1/commit", headers=key(), json=commit_body(0, "2001"))
    assert done.status_code == 200, done.text
    assert lost_notes(done.json()) == []   # committed: said before, not after
