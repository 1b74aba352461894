"""Where no window reads the companion's own basket and receipt files (pos-engage serve), one dropped in the inbox
folder itself was left there unread, in silence (a POS vendor's review: "a receipt dropped at the inbox root was
ignored"). It is set aside with a reason that says where a sale goes, once it is complete; the link's folders are
read as ever. And a sale answered after a refusal loses its problem file before its answer is written, so a POS
never sees both."""

from __future__ import annotations

import json
import os
import time

from pos_engage.core.till.sale_files import SaleFiles
from tests.link.test_files import SALE


async def test_a_loose_file_is_set_aside_saying_where_a_sale_goes(rig, tmp_path):
    files = SaleFiles(tmp_path / "inbox", rig.sessions, loose_files_refused=True)
    loose = files.folder / "receipt-77.json"
    loose.write_text(json.dumps({"receiptNumber": "77"}), encoding="utf-8")
    await files.poll_once()
    assert loose.exists()                              # written just now: perhaps still growing
    os.utime(loose, (time.time() - 60, time.time() - 60))
    (files.folder / "sales" / "l1.json").write_text(json.dumps(SALE), encoding="utf-8")
    assert await files.poll_once() == 1                # the sale is taken as ever
    assert not loose.exists()
    reason = (files.folder / "rejected" / "inbox-receipt-77.json.reason.txt").read_text(encoding="utf-8")
    assert "sales/<posSaleId>.json" in reason


async def test_a_till_with_a_window_leaves_them_to_the_windows_inbox(rig, tmp_path):
    files = SaleFiles(tmp_path / "inbox", rig.sessions)
    loose = files.folder / "basket-1.json"
    loose.write_text("{}", encoding="utf-8")
    os.utime(loose, (time.time() - 60, time.time() - 60))
    await files.poll_once()
    assert loose.exists()


async def test_the_problem_goes_before_the_answer_is_written(rig, tmp_path):
    files = SaleFiles(tmp_path / "inbox", rig.sessions)
    problem = files.folder / "answers" / "l2.problem.json"
    seen = []
    original = os.replace

    def replace(source, target):   # the answer's atomic rename: was the problem still there?
        if str(target).endswith("answers/l2.json"):
            seen.append(problem.exists())
        return original(source, target)

    problem.write_text("{}", encoding="utf-8")
    os.replace = replace
    try:
        (files.folder / "sales" / "l2.json").write_text(json.dumps(SALE), encoding="utf-8")
        assert await files.poll_once() == 1
    finally:
        os.replace = original
    assert seen and not any(seen) and not problem.exists()
