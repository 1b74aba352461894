"""What a POS that only writes files could not do (a POS vendor's review of the folder protocol): apply an offer,
void a sale its customer walked away from (its offers stayed held), or tell from a problem file which of its files
was refused. A sale file names its offers (as the PUT's ``offers``), a ``voids/`` file abandons the sale, and a
problem file names the file with its folder. Against the simulator, the folders polled as the till polls them."""

from __future__ import annotations

import json
import os

from pos_engage.core.till.pos_commit_input import created_now
from tests.link.conftest import ANNA
from tests.link.test_files import SALE, answer, files

__all__ = ["files"]   # the fixture, imported to be used here


def write(files, sub: str, name: str, content: object) -> None:
    temporary = files.folder / sub / f"{name}.tmp"
    temporary.write_text(json.dumps(content), encoding="utf-8")
    os.replace(temporary, files.folder / sub / name)                    # write-then-rename, as documented


def problem(files, sale_id: str) -> dict:
    return json.loads((files.folder / "answers" / f"{sale_id}.problem.json").read_text(encoding="utf-8"))


async def test_a_sale_file_names_its_offers_and_a_void_file_frees_them(rig, files):
    write(files, "sales", "v1.json", {**SALE, "customerKey": ANNA})
    assert await files.poll_once() == 1
    offered = answer(files, "v1")["offers"]
    voucher = next(o["offerId"] for o in offered if o["kind"] == "voucher" and o["applicable"])
    write(files, "sales", "v1.json", {**SALE, "customerKey": ANNA, "offers": [voucher]})
    assert await files.poll_once() == 1
    state = answer(files, "v1")
    assert [a["offerId"] for a in state["applied"]] == [voucher] and state["totals"]["discounts"] > 0

    # Another sale of hers cannot take it meanwhile; the customer of v1 walks away: the POS voids it by file.
    write(files, "sales", "v2.json", {**SALE, "customerKey": ANNA, "offers": [voucher]})
    await files.poll_once()
    assert answer(files, "v2")["applied"] == [] and any(voucher in m for m in answer(files, "v2")["messages"])
    write(files, "voids", "v1.json", {})
    assert await files.poll_once() == 1
    assert answer(files, "v1")["status"] == "voided"
    assert (files.folder / "done" / "voids-v1.json").exists()
    write(files, "sales", "v2.json", {**SALE, "customerKey": ANNA, "offers": [voucher]})
    await files.poll_once()
    assert [a["offerId"] for a in answer(files, "v2")["applied"]] == [voucher]


async def test_a_void_of_a_committed_sale_is_refused_and_named_with_its_folder(rig, files):
    write(files, "sales", "v3.json", SALE)
    await files.poll_once()
    to_pay = answer(files, "v3")["totals"]["toPay"]
    write(files, "commits", "v3.json", {"receiptNumber": "V3", "createdDate": created_now(), "total": to_pay,
                                        "payments": [{"method": "Card", "amount": to_pay}]})
    await files.poll_once()
    assert answer(files, "v3")["status"] == "committed"
    write(files, "voids", "v3.json", {})
    await files.poll_once()
    refused = problem(files, "v3")
    assert refused["code"] == "SaleCommitted" and refused["file"] == "voids/v3.json"
    assert answer(files, "v3")["status"] == "committed"
    assert (files.folder / "rejected" / "voids-v3.json.reason.txt").exists()


async def test_a_void_waits_for_the_sale_file_still_being_written(rig, files):
    write(files, "sales", "v4.json", SALE)
    await files.poll_once()
    (files.folder / "sales" / "v4.json").write_text('{"currency": "SEK", "li', encoding="utf-8")   # growing
    write(files, "voids", "v4.json", {})
    await files.poll_once()
    assert (files.folder / "voids" / "v4.json").exists() and answer(files, "v4")["status"] == "open"


async def test_a_commit_file_dropped_again_books_one_receipt_and_is_answered_as_documented(rig, files):
    write(files, "sales", "v5.json", SALE)
    await files.poll_once()
    to_pay = answer(files, "v5")["totals"]["toPay"]
    commit = {"receiptNumber": "V5", "createdDate": created_now(), "total": to_pay,
              "payments": [{"method": "Card", "amount": to_pay}]}
    write(files, "commits", "v5.json", commit)
    await files.poll_once()
    first = answer(files, "v5")
    write(files, "commits", "v5.json", commit)          # the POS did not see the answer and drops it again
    assert await files.poll_once() == 1
    assert answer(files, "v5") == first and (files.folder / "done" / "commits-v5-1.json").exists()
    assert not (files.folder / "answers" / "v5.problem.json").exists()
    assert rig.service.journal.figures().anonymous_sales == 1   # a sale without a customer: counted once
