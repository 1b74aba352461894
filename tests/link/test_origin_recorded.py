"""The journal records which door of the POS link a sale came through (HTTP or the folders) and who was signed in at
the till (TillService.at_till), for the manager's queue: a commit over loopback HTTP, a receipt the POS built
(POST /v1/receipts) and a commit file in the link's folders, each against the simulator with a real journal."""

from __future__ import annotations

import json
import uuid

from pos_engage.core.journal.entry import Origin
from pos_engage.core.till.pos_commit_input import created_now
from pos_engage.core.till.sale_files import SaleFiles

ANNA = "anna.andersson@example.se"
LINES = [{"lineId": "1", "sku": "1002", "name": "Wool jacket", "quantity": 1, "lineTotal": 129900, "vatPercent": 25}]


def key() -> dict[str, str]:
    return {"Idempotency-Key": uuid.uuid4().hex}


def sources(rig, entry_ids) -> set:
    return {(entry.origin, entry.rung_by) for entry in map(rig.service.journal.get, entry_ids)}


async def test_a_commit_over_http_and_a_posted_receipt_record_the_http_door_and_who_is_at_the_till(rig):
    rig.service.at_till = "Omar Said (2002)"
    await rig.http.put("/v1/sales/h1", json={"currency": "SEK", "lines": LINES, "customerKey": ANNA})
    committed = await rig.http.post("/v1/sales/h1/commit", headers=key(), json={
        "receiptNumber": "H1", "createdDate": created_now(), "total": 129900,
        "payments": [{"method": "Card", "amount": 129900}]})
    assert committed.status_code == 200, committed.text
    assert sources(rig, committed.json()["receipt"]["journalEntries"]) == {(Origin.POS_HTTP, "Omar Said (2002)")}

    receipt = {"uniqueReceiptId": "pos-77", "receiptNumber": "77", "createdDate": created_now(),
               "contact": {"matchKey": "anna.andersson@example.se", "matchKeyType": "Email"},
               "totalGrossPrice": 100.0, "paymentMethods": [{"type": "Card", "value": 100.0}],
               "items": [{"type": "PURCHASE", "sku": "1", "articleName": "Socks", "quantity": 1,
                          "grossPaidPrice": 100.0, "taxPercent": 25.0}]}
    posted = await rig.http.post("/v1/receipts", headers=key(), json=receipt)
    assert posted.status_code == 201, posted.text
    assert sources(rig, posted.json()["journalEntries"]) == {(Origin.POS_HTTP, "Omar Said (2002)")}


async def test_a_commit_file_records_the_folders(rig, tmp_path):
    files = SaleFiles(tmp_path / "pos", rig.sessions)
    for sub in ("sales", "commits"):
        (tmp_path / "pos" / sub).mkdir(parents=True, exist_ok=True)
    sale = {"currency": "SEK", "lines": LINES, "customerKey": ANNA}
    (tmp_path / "pos" / "sales" / "f1.json").write_text(json.dumps(sale))
    await files.poll_once()
    (tmp_path / "pos" / "commits" / "f1.json").write_text(json.dumps({
        "receiptNumber": "F1", "createdDate": created_now(), "total": 129900,
        "payments": [{"method": "Card", "amount": 129900}]}))
    await files.poll_once()
    session = rig.sessions.get("f1")
    assert session.status == "committed", session.messages
    assert sources(rig, session.receipt["journalEntries"]) == {(Origin.POS_FOLDER, None)}
