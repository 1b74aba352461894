"""A return against a sale with a weighed line (issue 15), over real loopback HTTP against the simulator.

Found on the real till (``serve --demo`` and the README's curl sale: 3 T-shirts and 0.512 kg of cheese with
Anna's 20 % and her 100 kr voucher): the cheese's fraction was read as 0 units, so returning the three T-shirts
counted the sale as returned in full and reactivated the voucher while the customer kept the cheese. A weighed
line cannot come back against the original (docs/pos-link.md), so such a sale is never returned in full here:
what it used stays used, and the POS and the cashier are told why.
"""

from __future__ import annotations

from decimal import Decimal

from pos_engage.core.journal.entry import EntryKind
from pos_engage.core.till.returns import ReturnDesk
from tests.link.conftest import ANNA
from tests.link.test_returns import commit_body, key

SALE = [
    {"lineId": "1", "sku": "1001", "name": "T-shirt", "quantity": 3, "lineTotal": 10000, "vatPercent": 25},
    {"lineId": "2", "sku": "2001", "name": "Cheese", "quantity": 0.512, "lineTotal": 7629, "vatPercent": 12},
]


async def test_a_sale_with_a_weighed_line_is_never_returned_in_full_and_keeps_its_voucher(rig):
    http, tenant = rig.http, rig.tenant
    assert (await http.put("/v1/sales/s1", json={"currency": "SEK", "lines": SALE})).status_code == 200
    state = (await http.post("/v1/sales/s1/customer", json={"key": ANNA}, headers=key())).json()
    voucher = next(o for o in state["offers"] if o["kind"] == "voucher" and o["value"] == 10000)
    state = (await http.post(f"/v1/sales/s1/offers/{voucher['offerId']}", headers=key())).json()
    done = await http.post("/v1/sales/s1/commit", headers=key(), json=commit_body(state["totals"]["toPay"], "1001"))
    assert done.status_code == 200, done.text
    await rig.service.deliver_now()
    assert tenant.received.receipts["12-till-a-s1"]["items"][1]["quantity"] == 0.512   # as the POS gave it

    # The window's desk reads the cheese as weighed: shown as sold, nothing to count back against the original.
    desk = ReturnDesk(rig.service.config, rig.service.client, rig.service.journal)
    cheese = desk.find("1001").sales[0].lines[1]
    assert (cheese.weighed, cheese.measured, cheese.returnable) == (True, Decimal("0.512"), 0)

    # The POS asks for the cheese: refused, naming the line and what to do instead.
    asked = await http.put("/v1/sales/r1", json={"returnOf": {"receiptNumber": "1001"}, "lines": [
        {"lineId": "x", "originalLine": 1, "quantity": -1}]})
    assert asked.status_code == 422, asked.text
    assert [(e["field"], e["reason"]) for e in asked.json()["errors"]] == [
        ("lines[0].quantity", "'Cheese' was sold by weight: return it without the original sale (a manager "
                              "approves the refund)")]

    # All three T-shirts come back: the sale is not returned in full, the voucher is not reactivated.
    back = await http.put("/v1/sales/r1", json={"returnOf": {"receiptNumber": "1001"}, "lines": [
        {"lineId": "x", "originalLine": 0, "quantity": -3}]})
    assert back.status_code == 200, back.text
    to_pay = back.json()["totals"]["toPay"]
    done = await http.post("/v1/sales/r1/commit", headers=key(), json=commit_body(to_pay, "R1001"))
    assert done.status_code == 200, done.text
    receipt = done.json()["receipt"]
    assert receipt["givenBack"] == []
    # The committed state counts what came back: nothing more of the T-shirts is returnable.
    assert [(line["returned"], line["returnable"]) for line in done.json()["returnOf"]["lines"]] == [(3, 0), (0, 0)]
    assert any("'Cheese' was sold by weight" in words for words in receipt["kept"])
    kinds = [rig.service.journal.get(i).kind for i in receipt["journalEntries"]]
    assert kinds == [EntryKind.RECEIPT]
    await rig.service.deliver_now()
    assert tenant.received.voucher_reactivations == []
    assert tenant.vouchers[voucher["offerId"]]["redeemed"]
