"""A POS that writes its file in place and pauses longer than the settle time is never refused for good (issue 16,
Folders: "a file still growing is left for the next poll, never rejected for good"), and a file its writer holds
open (Windows refuses to move it) never holds up the files behind it. Against the simulator, real files."""

from __future__ import annotations

import json
import os
import time

from pos_engage.core.till.inbox import Inbox
from pos_engage.core.till.sale_files import SaleFiles

SALE = {"currency": "SEK", "lines": [
    {"lineId": str(i), "sku": "1001", "name": "T-shirt", "quantity": 1, "lineTotal": 10000, "vatPercent": 25}
    for i in range(5)]}


def age(path, seconds: float = 60) -> None:
    """As if the POS wrote the last byte ``seconds`` ago (it paused longer than the settle time)."""
    then = time.time() - seconds
    os.utime(path, (then, then))


async def test_a_sale_file_whose_writer_paused_is_put_back_and_taken_once_complete(rig, tmp_path):
    files = SaleFiles(tmp_path / "inbox", rig.sessions)
    path = files.folder / "sales" / "slow.json"
    text = json.dumps(SALE).encode()
    with open(path, "wb") as pos:  # noqa: ASYNC230 - the POS's own handle, kept open while the till polls
        pos.write(text[:50])
        pos.flush()
        age(path)
        assert await files.poll_once() == 0             # it looks finished and broken: set aside, with its reason
        assert not path.exists()
        assert (files.folder / "rejected" / "sales-slow.json.reason.txt").exists()
        assert (files.folder / "answers" / "slow.problem.json").exists()
        pos.write(text[50:])                             # the POS goes on writing (its handle followed the move)
    assert await files.poll_once() == 1
    assert rig.sessions.get("slow").state()["totals"]["toPay"] == 50000
    assert list((files.folder / "rejected").iterdir()) == []
    assert not (files.folder / "answers" / "slow.problem.json").exists()
    assert json.loads((files.folder / "answers" / "slow.json").read_text(encoding="utf-8"))["posSaleId"] == "slow"
    assert await files.poll_once() == 0                 # taken once


async def test_a_broken_file_that_does_not_change_stays_set_aside(rig, tmp_path):
    files = SaleFiles(tmp_path / "inbox", rig.sessions)
    path = files.folder / "sales" / "broken.json"
    path.write_bytes(json.dumps(SALE).encode()[:50])
    age(path)
    await files.poll_once()
    await files.poll_once()
    assert (files.folder / "rejected" / "sales-broken.json").exists()
    assert not path.exists() and rig.sessions.open_sessions() == []


async def test_a_file_its_writer_holds_open_does_not_hold_up_the_files_behind_it(rig, tmp_path):
    files = SaleFiles(tmp_path / "inbox", rig.sessions)
    held = files.folder / "sales" / "held.json"
    held.write_bytes(b'{"currency": "SEK", "li')
    age(held, 120)
    good = files.folder / "sales" / "good.json"
    good.write_text(json.dumps(SALE), encoding="utf-8")
    age(good, 60)                                        # behind the held one
    move = files._move

    def windows_move(path, sub):
        if path == held:
            raise PermissionError(13, "The process cannot access the file because it is being used by another "
                                      "process")
        return move(path, sub)

    files._move = windows_move
    assert await files.poll_once() == 1
    assert {s.pos_sale_id for s in rig.sessions.open_sessions()} == {"good"}
    assert held.exists()                                 # left where the POS is writing it
    held.write_text(json.dumps(SALE), encoding="utf-8")  # the POS finishes and lets go
    files._move = move
    assert await files.poll_once() == 1
    assert {s.pos_sale_id for s in rig.sessions.open_sessions()} == {"good", "held"}


def test_an_inbox_basket_whose_writer_paused_is_put_back_and_taken(tmp_path):
    inbox = Inbox(tmp_path / "inbox")
    path = inbox.folder / "basket.json"
    text = json.dumps({"basket": {"currency": "SEK", "lines": [
        {"sku": "1001", "name": "T-shirt", "quantity": 1, "unitPrice": "100.00", "taxPercent": 25}]}}).encode()
    with open(path, "wb") as pos:
        pos.write(text[:30])
        pos.flush()
        age(path)
        item, rejected = inbox.take()
        assert item is None and len(rejected) == 1 and not path.exists()
        pos.write(text[30:])
    item, rejected = inbox.take()
    assert rejected == [] and item is not None and item.basket.lines[0].sku == "1001"
    assert list((inbox.folder / "rejected").iterdir()) == []
