"""A till set up for a linked POS has no basket of its own to finish an inbox file in (its window waits for the
POS's sale): a basket or receipt file dropped in the inbox's own folder is set aside with a reason that says where
the POS link's folders take a sale, instead of being loaded into a sale the cashier can neither see nor finish.
A file still being written is left until it is complete; the link's own folders are not the inbox's."""

from __future__ import annotations

import json
import os
import time

from pos_engage.core.till.inbox import Inbox
from tests.core.till.test_inbox import BASKET, RECEIPT


def dropped(folder, name, content, *, age: float = 60.0):
    path = folder / name
    path.write_text(json.dumps(content), encoding="utf-8")
    then = time.time() - age
    os.utime(path, (then, then))
    return path


def test_a_linked_till_sets_inbox_files_aside_saying_where_a_sale_goes(tmp_path):
    inbox = Inbox(tmp_path, linked=True)
    dropped(tmp_path, "basket-1.json", BASKET)
    dropped(tmp_path, "receipt-2.json", RECEIPT)
    (tmp_path / "sales").mkdir()
    dropped(tmp_path / "sales", "pos-1.json", {"currency": "SEK", "lines": []})   # the link's: not the inbox's
    item, rejected = inbox.take()
    assert item is None
    assert len(rejected) == 2 and all("sales/<posSaleId>.json" in message for message in rejected)
    for name in ("basket-1.json", "receipt-2.json"):
        assert (tmp_path / "rejected" / name).exists()
        assert "linked to its POS" in (tmp_path / "rejected" / f"{name}.reason.txt").read_text(encoding="utf-8")
    assert (tmp_path / "sales" / "pos-1.json").exists()
    assert inbox.take() == (None, [])


def test_a_file_still_being_written_waits_until_it_is_complete(tmp_path):
    inbox = Inbox(tmp_path, linked=True)
    path = dropped(tmp_path, "basket-1.json", BASKET, age=0.0)
    assert inbox.take() == (None, [])
    assert path.exists()


def test_a_till_not_linked_still_takes_them(tmp_path):
    dropped(tmp_path, "basket-1.json", BASKET)
    item, rejected = Inbox(tmp_path).take()
    assert item is not None and rejected == []
