"""Returns by folders (issue 15), against the simulator: a return file names its original sale exactly as the PUT
does, its answer file shows each line's refund, its commit file pays it back and the simulator books a return
receipt naming the original. A return file that is wrong (more than was bought, a return without the original) is
moved aside with its reason and answered with its problem, never booked as a sale. Engage down while a sale made
elsewhere is searched for answers 503 over HTTP."""

from __future__ import annotations

import json

import pytest

from pos_engage.core.till.pos_commit_input import created_now
from pos_engage.core.till.sale_files import SaleFiles
from tests.link.test_returns import sold


@pytest.fixture
def files(rig, tmp_path) -> SaleFiles:
    return SaleFiles(tmp_path / "inbox", rig.sessions)


def write(files: SaleFiles, sub: str, name: str, body: dict) -> None:
    temporary = files.folder / sub / f"{name}.json.tmp"
    temporary.write_text(json.dumps(body), encoding="utf-8")
    temporary.rename(files.folder / sub / f"{name}.json")      # write, then rename


def read(files: SaleFiles, name: str) -> dict:
    return json.loads((files.folder / "answers" / name).read_text(encoding="utf-8"))


async def test_a_return_by_files_from_its_sale_file_to_the_receipt_naming_the_original(rig, files):
    sale = await sold(rig)
    write(files, "sales", "fr1", {"returnOf": {"receiptNumber": "R-100"},
                                  "lines": [{"lineId": "1", "originalLine": 0, "quantity": -1}]})
    assert await files.poll_once() == 1
    state = read(files, "fr1.json")
    assert state == (await rig.http.get("/v1/sales/fr1")).json()
    assert state["returnOf"]["uniqueReceiptId"] == sale["receipt"]
    assert state["lines"][0]["refund"] == 97069 and state["totals"]["toPay"] == -97069

    write(files, "commits", "fr1", {"receiptNumber": "RET-F1", "createdDate": created_now(), "total": -97069,
                                    "payments": [{"method": "Cash", "amount": -97069}]})
    assert await files.poll_once() == 1
    done = read(files, "fr1.json")
    assert done["status"] == "committed" and done["receipt"]["uniqueReceiptId"] == "12-till-a-fr1"
    await rig.service.deliver_now()
    booked = rig.tenant.received.receipts["12-till-a-fr1"]
    assert booked["items"][0]["type"] == "RETURN" and booked["totalGrossPrice"] == -970.69
    assert {"name": "originalUniqueReceiptId", "value": sale["receipt"]} in booked["extraData"]


async def test_a_wrong_return_file_is_moved_aside_with_its_reason_and_nothing_is_booked(rig, files):
    await sold(rig)
    write(files, "sales", "fr2", {"returnOf": {"receiptNumber": "R-100"},
                                  "lines": [{"lineId": "1", "originalLine": 1, "quantity": -4}]})
    write(files, "sales", "fr3", {"currency": "SEK", "lines": [
        {"lineId": "1", "sku": "1001", "name": "T-shirt", "quantity": -1, "lineTotal": -19900, "vatPercent": 25}]})
    assert await files.poll_once() == 0
    reasons = {p.name: p.read_text(encoding="utf-8") for p in (files.folder / "rejected").glob("*.reason.txt")}
    assert set(reasons) == {"sales-fr2.json.reason.txt", "sales-fr3.json.reason.txt"}
    assert "3 bought, 0 returned already; 4 more cannot come back" in reasons["sales-fr2.json.reason.txt"]
    problem = read(files, "fr2.problem.json")
    assert problem["code"] == "InvalidReturn" and problem["errors"][0]["field"] == "lines[0].quantity"
    assert read(files, "fr3.problem.json")["code"] == "ReturnNeedsManager"
    assert rig.sessions.open_sessions() == []
    assert rig.service.journal.connection.execute("SELECT count(*) FROM returned_lines").fetchone()[0] == 0


async def test_engage_down_while_a_sale_made_elsewhere_is_searched_answers_503(rig):
    tenant = rig.tenant
    tenant.faults.update({"down": True})
    answer = await rig.http.put("/v1/sales/r1", json={
        "returnOf": {"receiptNumber": "R-1", "searchEngage": True}, "customerKey": "anna.andersson@example.se",
        "lines": []})
    assert answer.status_code == 503 and answer.headers["retry-after"], answer.text
    tenant.faults.update({"down": False})
