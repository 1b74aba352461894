"""The README's POS-integrator loop, as its curl lines send it (issue 15): the sale, then the return against it
with returnOf and originalLine, committed with a negative payment, over real loopback HTTP against the simulator.
The bodies are read from the README itself, so an example that drifts from what the link takes fails here."""

from __future__ import annotations

import json
import re
from pathlib import Path

from tests.link.test_returns import key

README = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
SECTION = README.split("## For POS integrators", 1)[1].split("\n## ", 1)[0]
BLOCKS = re.findall(r"```sh\n(.*?)```", SECTION, re.DOTALL)


def bodies(block: str, **placeholders: int) -> list[dict]:
    """Each ``-d '...'`` body of a README block, its placeholders (TO_PAY, REFUND) filled in."""
    found = []
    for raw in re.findall(r"-d '(.*?)'", block, re.DOTALL):
        for name, value in placeholders.items():
            raw = raw.replace(name, str(value))
        found.append(json.loads(raw))
    return found


def block_with(word: str) -> str:
    return next(block for block in BLOCKS if word in block)


async def test_the_readmes_return_is_taken_and_booked_against_its_sale(rig):
    http, tenant = rig.http, rig.tenant
    sale_block, return_block = block_with("pos-1001"), block_with("returnOf")
    assert "/v1/sales/ret-1001" in return_block and "$R/commit" in return_block

    sale, customer, _commit = bodies(sale_block, TO_PAY=0)
    assert (await http.put("/v1/sales/pos-1001", json=sale)).status_code == 200
    state = (await http.post("/v1/sales/pos-1001/customer", json=customer, headers=key())).json()
    commit = bodies(sale_block, TO_PAY=state["totals"]["toPay"])[2]
    done = await http.post("/v1/sales/pos-1001/commit", json=commit, headers=key())
    assert done.status_code == 200, done.text
    original_id = done.json()["receipt"]["uniqueReceiptId"]

    put, _commit = bodies(return_block, REFUND=0)
    opened = await http.put("/v1/sales/ret-1001", json=put)
    assert opened.status_code == 200, opened.text
    refund = opened.json()["totals"]["toPay"]
    assert refund == -3333   # one of three T-shirts rung up at 100.00: what was paid for it, the last öre stays
    commit = bodies(return_block, REFUND=refund)[1]
    assert commit["total"] == refund and commit["payments"][0]["amount"] == refund < 0
    done = await http.post("/v1/sales/ret-1001/commit", json=commit, headers=key())
    assert done.status_code == 200, done.text
    await rig.service.deliver_now()
    booked = tenant.received.receipts[done.json()["receipt"]["uniqueReceiptId"]]
    assert booked["receiptNumber"] == commit["receiptNumber"] and booked["totalGrossPrice"] == -33.33
    assert [(i["type"], i["quantity"]) for i in booked["items"]] == [("RETURN", -1)]
    assert {"name": "originalUniqueReceiptId", "value": original_id} in booked["extraData"]
    assert {"name": "originalReceiptNumber", "value": "1001"} in booked["extraData"]
