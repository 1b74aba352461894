"""A posSaleId the POS uses again after the till restarted (its closed session forgotten, as after KEEP_CLOSED later
sales) must never be answered "committed" with the earlier sale's receipt while the new sale is journaled nowhere
(issue 16, Commit: "the receipt ... journaled ... before the answer"; Bad input: "nothing lost"). Either the id is
refused as used (409) or the new sale is journaled. Over loopback HTTP, one journal file across the restart."""

from __future__ import annotations

import uuid

from pos_engage.core.journal.entry import EntryKind
from pos_engage.core.till.pos_commit_input import created_now
from tests.link.conftest import ANNA, served


def sale(name: str, total: int) -> dict:
    return {"currency": "SEK", "customerKey": ANNA, "lines": [
        {"lineId": "1", "sku": "1", "name": name, "quantity": 1, "lineTotal": total, "vatPercent": 25}]}


async def sell(rig, name: str, total: int):
    opened = await rig.http.put("/v1/sales/1001", json=sale(name, total))
    if opened.status_code != 200:
        return opened
    return await rig.http.post("/v1/sales/1001/commit", headers={"Idempotency-Key": uuid.uuid4().hex}, json={
        "receiptNumber": "1001", "createdDate": created_now(), "total": total,
        "payments": [{"method": "Card", "amount": total}]})


async def test_a_sale_id_used_again_after_a_restart_is_refused_or_journaled_never_lost(tenant, tmp_path):
    path = tmp_path / "journal.sqlite3"
    async with served(tenant, path) as rig:
        assert (await sell(rig, "Wool jacket", 129900)).status_code == 200
    async with served(tenant, path) as rig:            # the till restarted; the POS's counter starts again
        answer = await sell(rig, "Socks", 9900)
        if answer.status_code == 409:
            return                                     # refused as used: the POS knows
        assert answer.status_code == 200, answer.text
        journal = rig.service.journal
        names = [journal.get(e.id).payload["receipt"]["items"][0]["articleName"]
                 for e in journal.entries(kinds=[EntryKind.RECEIPT])]
        assert "Socks" in names
