"""The folder protocol as a POS vendor's integrator tried it (issue 16's review), against the simulator.

- A commit file waits while its sale's file is still in sales/ (a POS writing in place, slowly): taken first, it
  was refused for the POS's new total (TotalsDiffer, set aside), or committed the basket before that file's.
- After a restart the answer file of an open sale the till no longer holds said "open", with its offers and its
  total, while GET answered 404: the POS charged a total no sale had any more. It is answered with a problem file
  saying what to do, as GET answers."""

from __future__ import annotations

import json
import os

from pos_engage.core.till.pos_commit_input import created_now
from pos_engage.core.till.sale_files import SaleFiles
from tests.link.conftest import served


def sale(*totals: int) -> dict:
    return {"currency": "SEK", "lines": [{"lineId": str(i), "sku": "1002", "name": "Wool jacket", "quantity": 1,
                                          "lineTotal": total, "vatPercent": 25} for i, total in enumerate(totals)]}


def commit(total: int) -> dict:
    return {"receiptNumber": "F-1", "createdDate": created_now(), "total": total,
            "payments": [{"method": "Card", "amount": total}]}


def write(folder, sub: str, name: str, body) -> None:
    temporary = folder / sub / f"{name}.json.tmp"
    temporary.write_text(json.dumps(body), "utf-8")
    os.replace(temporary, folder / sub / f"{name}.json")


async def test_a_commit_waits_for_its_sales_file_still_being_written(rig, tmp_path):
    folder = tmp_path / "inbox"
    files = SaleFiles(folder, rig.sessions)
    write(folder, "sales", "w-1", sale(1000))
    await files.poll_once()
    assert json.loads((folder / "answers" / "w-1.json").read_text("utf-8"))["totals"]["toPay"] == 1000

    # the POS writes its new basket in place (not finished yet), then the commit for the new total
    growing = json.dumps(sale(1000, 500)).encode()
    (folder / "sales" / "w-1.json").write_bytes(growing[:30])
    write(folder, "commits", "w-1", commit(1500))
    await files.poll_once()
    assert (folder / "commits" / "w-1.json").exists(), "the commit was taken before its sale's file"
    assert not list((folder / "rejected").glob("commits-*"))

    (folder / "sales" / "w-1.json").write_bytes(growing)   # finished
    await files.poll_once()
    state = json.loads((folder / "answers" / "w-1.json").read_text("utf-8"))
    assert state["status"] == "committed" and state["totals"]["toPay"] == 1500
    assert not (folder / "answers" / "w-1.problem.json").exists()


async def test_after_a_restart_the_answer_of_an_open_sale_it_no_longer_holds_says_so(tenant, tmp_path):
    folder, journal = tmp_path / "inbox", tmp_path / "journal.sqlite3"
    async with served(tenant, journal) as rig:
        files = SaleFiles(folder, rig.sessions)
        write(folder, "sales", "open-1", sale(1000))
        write(folder, "sales", "done-1", sale(2000))
        await files.poll_once()
        write(folder, "commits", "done-1", commit(2000))
        await files.poll_once()
    async with served(tenant, journal) as rig:   # the till restarted
        files = SaleFiles(folder, rig.sessions)
        assert files.answer_forgotten_sales() == 1
        assert (await rig.http.get("/v1/sales/open-1")).status_code == 404
        assert not (folder / "answers" / "open-1.json").exists()
        problem = json.loads((folder / "answers" / "open-1.problem.json").read_text("utf-8"))
        assert problem["code"] == "SaleNotFound" and "sales/open-1.json" in problem["detail"]
        committed = json.loads((folder / "answers" / "done-1.json").read_text("utf-8"))
        assert committed["status"] == "committed"   # what happened stays said

        write(folder, "sales", "open-1", sale(1000))   # the POS sends it again
        await files.poll_once()
        assert json.loads((folder / "answers" / "open-1.json").read_text("utf-8"))["status"] == "open"
        assert not (folder / "answers" / "open-1.problem.json").exists()
