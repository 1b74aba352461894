"""A PUT cut short while it waits (its customerKey or a return's original sale being looked up in Engage) has
changed nothing: the link runs it without a task and shield of its own (app.py, RouteSpec.shielded), which is
right only as long as every await of SaleSessions.put comes before its first change. This guards that order: a
change moved before an await would leave a sale half replaced (its lines new, its customer or version not) when
the till stops or the request is cancelled there."""

from __future__ import annotations

import asyncio
import json

import pytest

from pos_engage.core.till import pos_json
from tests.link.conftest import ANNA

LINES = [{"lineId": "1", "sku": "1001", "name": "T-shirt", "quantity": 1, "lineTotal": 19900, "vatPercent": 25}]
OTHER = [{"lineId": "9", "sku": "1002", "name": "Wool jacket", "quantity": 1, "lineTotal": 129900, "vatPercent": 25}]


def body(**fields) -> object:
    return pos_json.loads(json.dumps(fields).encode())


async def cut_while_engage_answers(rig, sale_id: str, sent: object) -> None:
    rig.tenant.faults.latency = 5.0   # Engage takes its time: the PUT waits in its lookup
    put = asyncio.ensure_future(rig.sessions.put(sale_id, sent))
    await asyncio.sleep(0.05)
    assert not put.done()              # waiting on Engage (everything before its first await has run)
    put.cancel()
    with pytest.raises(asyncio.CancelledError):
        await put
    rig.tenant.faults.latency = 0.0


async def test_a_new_sale_cut_in_its_customer_lookup_is_not_opened(rig):
    await cut_while_engage_answers(rig, "cut1", body(currency="SEK", lines=LINES, customerKey=ANNA))
    assert (await rig.http.get("/v1/sales/cut1")).status_code == 404
    # The POS sends it again: opened, with its customer, as if the first had never been sent.
    again = await rig.http.put("/v1/sales/cut1", json={"currency": "SEK", "lines": LINES, "customerKey": ANNA})
    assert again.status_code == 200, again.text
    reference = await rig.http.put("/v1/sales/ref1", json={"currency": "SEK", "lines": LINES, "customerKey": ANNA})
    assert again.json()["customer"] is not None
    assert again.json()["version"] == reference.json()["version"]   # nothing of the cut PUT counted


async def test_an_open_sale_cut_in_its_customer_lookup_keeps_its_basket_and_version(rig):
    opened = (await rig.http.put("/v1/sales/cut2", json={"currency": "SEK", "lines": LINES})).json()
    await cut_while_engage_answers(rig, "cut2", body(currency="SEK", lines=OTHER, customerKey=ANNA))
    now = (await rig.http.get("/v1/sales/cut2")).json()
    assert now == opened


async def test_a_return_cut_in_its_lookup_is_not_opened(rig):
    await cut_while_engage_answers(rig, "cut3", body(returnOf={"receiptNumber": "R-404"}, lines=[],
                                                     customerKey=ANNA))
    assert (await rig.http.get("/v1/sales/cut3")).status_code == 404
