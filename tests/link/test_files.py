"""The POS link by folders, end to end against the simulator: a sale file (written slowly, then completed), the
answer file equal to GET /v1/sales/{id} and rewritten on every change (the cashier's over HTTP too), a commit file,
a refused commit answered with its problem, and poison files ahead of good ones moved aside with their reason
while the good ones are taken."""

from __future__ import annotations

import asyncio
import json
import os
import time
import uuid

import pytest

from pos_engage.core.till.pos_commit_input import created_now
from pos_engage.core.till.sale_files import SaleFiles
from tests.link.conftest import ANNA

SALE = {"currency": "SEK", "lines": [
    {"lineId": "1", "sku": "1002", "name": "Wool jacket", "quantity": 1, "lineTotal": 129900, "vatPercent": 25}]}


class Clock:
    def __init__(self) -> None:
        self.now = time.time()

    def __call__(self) -> float:
        return self.now


@pytest.fixture
async def files(rig, tmp_path):
    clock = Clock()
    watcher = SaleFiles(tmp_path / "inbox", rig.sessions, clock=clock)
    watcher.clock_ = clock
    return watcher


def answer(files, sale_id: str) -> dict:
    return json.loads((files.folder / "answers" / f"{sale_id}.json").read_text(encoding="utf-8"))


async def test_a_sale_by_files_from_a_slowly_written_sale_to_its_commit(rig, files):
    path = files.folder / "sales" / "f1.json"
    text = json.dumps(SALE)
    path.write_text(text[:30], encoding="utf-8")           # a POS that writes in place, slowly
    assert await files.poll_once() == 0
    assert path.exists() and not list((files.folder / "rejected").iterdir())   # left for the next poll
    path.write_text(text, encoding="utf-8")
    assert await files.poll_once() == 1
    assert not path.exists() and (files.folder / "done" / "sales-f1.json").exists()
    served = (await rig.http.get("/v1/sales/f1")).json()
    assert answer(files, "f1") == served and served["totals"]["toPay"] == 129900

    state = (await rig.http.post("/v1/sales/f1/customer", json={"key": ANNA},
                                 headers={"Idempotency-Key": uuid.uuid4().hex})).json()   # the cashier, by HTTP
    assert answer(files, "f1") == state
    offer = next(o for o in state["offers"] if o["applicable"] and o["kind"] == "promotion")
    state = (await rig.http.post(f"/v1/sales/f1/offers/{offer['offerId']}",
                                 headers={"Idempotency-Key": uuid.uuid4().hex})).json()
    assert answer(files, "f1")["applied"] == state["applied"] != []

    commit = {"receiptNumber": "F1", "createdDate": created_now(), "total": state["totals"]["toPay"] + 1,
              "payments": [{"method": "Card", "amount": state["totals"]["toPay"] + 1}]}
    (files.folder / "commits" / "f1.json.tmp").write_text(json.dumps(commit), encoding="utf-8")
    os.replace(files.folder / "commits" / "f1.json.tmp", files.folder / "commits" / "f1.json")   # write-then-rename
    await files.poll_once()
    problem = json.loads((files.folder / "answers" / "f1.problem.json").read_text(encoding="utf-8"))
    assert problem["code"] == "TotalsDiffer" and problem["toPay"] == state["totals"]["toPay"]
    assert (files.folder / "rejected" / "commits-f1.json.reason.txt").exists()

    commit["total"] = commit["payments"][0]["amount"] = state["totals"]["toPay"]
    (files.folder / "commits" / "f1.json").write_text(json.dumps(commit), encoding="utf-8")
    assert await files.poll_once() == 1
    done = answer(files, "f1")
    assert done["status"] == "committed" and done["receipt"]["uniqueReceiptId"] == "12-till-a-f1"
    assert not (files.folder / "answers" / "f1.problem.json").exists()
    await rig.service.redemptions_settled()
    await rig.service.deliver_now()
    assert rig.tenant.received.receipts["12-till-a-f1"]["receiptNumber"] == "F1"


async def test_poison_files_are_moved_aside_and_never_block_the_good_ones_behind_them(rig, files):
    sales = files.folder / "sales"
    (sales / "a-deep.json").write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    (sales / "b-latin1.json").write_bytes('{"currency": "SEK", "lines": [], "x": "åäö"}'.encode("latin-1"))
    (sales / "c-dupe.json").write_text('{"currency": "SEK", "currency": "EUR", "lines": []}', encoding="utf-8")
    (sales / "d-bad line.json").write_text(json.dumps(SALE), encoding="utf-8")
    (sales / "e-bom.json").write_bytes(b"\xef\xbb\xbf" + json.dumps(SALE).encode())
    (sales / "f-good.json").write_text(json.dumps(SALE), encoding="utf-8")
    old = time.time() - 60
    for name in ("a-deep.json", "b-latin1.json", "c-dupe.json"):
        os.utime(sales / name, (old, old))       # written a while ago: no longer growing, still unreadable
    files.clock_.now = time.time()
    watching = asyncio.Event()
    task = asyncio.ensure_future(files.run(watching))
    try:
        for _ in range(100):
            if not list(sales.glob("*.json")):
                break
            await asyncio.sleep(0.05)
    finally:
        watching.set()
        await task
    assert {s.pos_sale_id for s in rig.sessions.open_sessions()} == {"e-bom", "f-good"}
    reasons = {p.name: p.read_text(encoding="utf-8") for p in (files.folder / "rejected").glob("*.reason.txt")}
    assert set(reasons) == {f"sales-{n}.json.reason.txt" for n in ("a-deep", "b-latin1", "c-dupe", "d-bad line")}
    assert "nested deeper" in reasons["sales-a-deep.json.reason.txt"]
    assert "UTF-8" in reasons["sales-b-latin1.json.reason.txt"]
    assert "twice" in reasons["sales-c-dupe.json.reason.txt"]
    assert "posSaleId" in reasons["sales-d-bad line.json.reason.txt"]
    for name in ("a-deep", "b-latin1", "c-dupe"):
        assert json.loads((files.folder / "answers" / f"{name}.problem.json").read_text())["code"]


async def test_a_file_taken_whose_move_to_done_is_refused_is_not_taken_again(rig, files, monkeypatch):
    """Windows refuses to move a file its writer still holds open: the sale was taken, so it must not be taken
    again at the next poll (its basket replaced again, or, once committed, refused with a problem for a sale that
    went through); the files behind it are taken; the move is tried again at each poll until it works."""
    real_move, refused = files._move, {"count": 0}

    def move(path, sub):
        if sub == "done" and path.name == "held.json" and refused["count"] < 2:
            refused["count"] += 1
            raise PermissionError(13, "The process cannot access the file: it is being used by another process")
        return real_move(path, sub)

    monkeypatch.setattr(files, "_move", move)   # the one Windows fault that cannot happen on this machine
    (files.folder / "sales" / "held.json").write_text(json.dumps(SALE), encoding="utf-8")
    files.clock_.now += 1
    os.utime(files.folder / "sales" / "held.json", (time.time() - 5, time.time() - 5))
    (files.folder / "sales" / "after.json").write_text(json.dumps(SALE), encoding="utf-8")
    assert await files.poll_once() == 2                        # both taken; the one behind is not blocked
    assert (files.folder / "done" / "sales-after.json").exists()

    state = (await rig.http.post("/v1/sales/held/customer", json={"key": ANNA})).json()
    commit = {"receiptNumber": "H1", "createdDate": created_now(), "total": state["totals"]["toPay"],
              "payments": [{"method": "Card", "amount": state["totals"]["toPay"]}]}
    assert (await rig.http.post("/v1/sales/held/commit", json=commit,
                                headers={"Idempotency-Key": "held"})).status_code == 200
    version = rig.sessions.get("held").version

    assert await files.poll_once() == 0                        # the move refused again: still not taken again
    assert rig.sessions.get("held").version == version and answer(files, "held")["status"] == "committed"
    assert not (files.folder / "answers" / "held.problem.json").exists()
    assert (files.folder / "sales" / "held.json").exists()

    assert await files.poll_once() == 0                        # now the move works: done, and still taken once
    assert not (files.folder / "sales" / "held.json").exists()
    assert (files.folder / "done" / "sales-held.json").exists()
    assert refused["count"] == 2 and answer(files, "held")["status"] == "committed"


async def test_a_file_written_anew_after_its_move_was_refused_is_a_new_file(rig, files, monkeypatch):
    real_move = files._move

    def move(path, sub):
        if sub == "done":
            raise PermissionError(13, "in use")
        return real_move(path, sub)

    monkeypatch.setattr(files, "_move", move)
    path = files.folder / "sales" / "again.json"
    path.write_text(json.dumps(SALE), encoding="utf-8")
    assert await files.poll_once() == 1
    assert await files.poll_once() == 0                        # the same file: not taken twice
    more = {**SALE, "lines": [*SALE["lines"], {**SALE["lines"][0], "lineId": "2"}]}
    path.write_text(json.dumps(more), encoding="utf-8")        # the POS replaces the basket (new size and time)
    assert await files.poll_once() == 1
    assert len(rig.sessions.get("again").lines) == 2
