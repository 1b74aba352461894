"""The README's curl loop for POS integrators, as written: its long poll (``afterVersion=N``) is at the version the
state has after its PUT and its identify, so it waits for the cashier's change in the window (and answers with it)
instead of answering at once; its offer line takes an offerId from the state's offers. Loopback HTTP, simulator."""

from __future__ import annotations

import asyncio
import re

from tests.link.test_readme_return import block_with, bodies
from tests.link.test_returns import key


async def test_the_readmes_long_poll_waits_for_the_cashiers_change(rig):
    http = rig.http
    block = block_with("pos-1001")
    after = int(re.search(r"afterVersion=(\d+)&waitSeconds=(\d+)", block).group(1))
    sale, customer, _commit = bodies(block, TO_PAY=0)
    await http.put("/v1/sales/pos-1001", json=sale)
    state = (await http.post("/v1/sales/pos-1001/customer", json=customer, headers=key())).json()
    assert state["version"] == after

    polling = asyncio.ensure_future(http.get(f"/v1/sales/pos-1001?afterVersion={after}&waitSeconds=10"))
    await asyncio.sleep(0.2)
    assert not polling.done()                         # it waits for the cashier
    offer = next(o for o in state["offers"] if o["applicable"])
    await rig.sessions.apply(rig.sessions.get("pos-1001"), offer["offerId"])   # the cashier, in the window
    seen = (await polling).json()
    assert seen["version"] > after and [a["offerId"] for a in seen["applied"]] == [offer["offerId"]]
    assert "/offers/OFFER_ID" in block and '"offers"' in block
