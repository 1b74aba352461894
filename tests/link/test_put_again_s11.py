"""A POS sends its whole sale again with every article (the docs ask it to, with its ``offers``): what the cashier
did meanwhile stays, and a sale sent again as it was is no change.

- An offer the cashier took off in the window is not put back by the POS's next PUT naming it (it was, at once:
  the cashier could not take an offer off a linked sale); applied by itself again, the PUT's list keeps it.
- A PUT that changes nothing leaves the version as it is: no long poll wakes, no event, no answer file rewritten
  for nothing; a folder POS still gets its answer file (it may have removed it, or a problem file stands there).
- A till whose journal another program holds when it starts still starts (the gone sales' offers wait out their
  time limit).
Over loopback HTTP against the simulator, and the folders polled as the till polls them."""

from __future__ import annotations

import logging
import sqlite3

from pos_engage.core.journal.store import Journal
from pos_engage.core.till.session import SaleSessions
from tests.link.conftest import ANNA
from tests.link.test_files import SALE as FILE_SALE
from tests.link.test_files import answer, files
from tests.link.test_files_voids_offers_s10 import problem, write

__all__ = ["files"]   # the fixture, imported to be used here

LINES = [{"lineId": "1", "sku": "1002", "name": "Wool jacket", "quantity": 1, "lineTotal": 129900, "vatPercent": 25},
         {"lineId": "2", "sku": "1001", "name": "T-shirt", "quantity": 3, "lineTotal": 59700, "vatPercent": 25}]
SALE = {"currency": "SEK", "customerKey": ANNA, "lines": LINES}
SOCKS = {"lineId": "3", "sku": "1003", "name": "Socks", "quantity": 2, "lineTotal": 9800, "vatPercent": 25}


def usable(state: dict, kind: str) -> str:
    return next(o["offerId"] for o in state["offers"] if o["kind"] == kind and o["applicable"])


def applied(state: dict) -> list[str]:
    return [a["offerId"] for a in state["applied"]]


async def test_an_offer_the_cashier_took_off_is_not_put_back_by_the_pos_next_put(rig):
    opened = (await rig.http.put("/v1/sales/t1", json=SALE)).json()
    promotion, voucher = usable(opened, "promotion"), usable(opened, "voucher")
    both = (await rig.http.put("/v1/sales/t1", json={**SALE, "offers": [promotion, voucher]})).json()
    assert applied(both) == [promotion, voucher]

    await rig.sessions.remove_offer("t1", voucher)   # the cashier, in the window: the customer keeps her voucher
    more = (await rig.http.put("/v1/sales/t1", json={**SALE, "lines": [*LINES, SOCKS],
                                                     "offers": [promotion, voucher]})).json()
    assert applied(more) == [promotion], "the POS's next article put back what the cashier took off"
    title = next(o["title"] for o in more["offers"] if o["offerId"] == voucher)
    assert any(title in m and "taken off" in m for m in more["messages"]), more["messages"]
    assert len(more["lines"]) == 3   # the basket is taken all the same

    # The POS (or the cashier) applies it by itself again: from then on the PUT's list keeps it.
    assert (await rig.http.post(f"/v1/sales/t1/offers/{voucher}")).status_code == 200
    kept = (await rig.http.put("/v1/sales/t1", json={**SALE, "offers": [promotion, voucher]})).json()
    assert applied(kept) == [promotion, voucher] and not kept["messages"]

    # The POS's own DELETE is a taking off too.
    assert (await rig.http.delete(f"/v1/sales/t1/offers/{promotion}")).status_code == 200
    again = (await rig.http.put("/v1/sales/t1", json={**SALE, "offers": [promotion, voucher]})).json()
    assert applied(again) == [voucher]


async def test_a_put_that_changes_nothing_leaves_the_version_and_wakes_no_one(rig):
    opened = (await rig.http.put("/v1/sales/t2", json=SALE)).json()
    promotion = usable(opened, "promotion")
    first = (await rig.http.put("/v1/sales/t2", json={**SALE, "offers": [promotion]})).json()
    told = []
    rig.sessions.listeners.append(told.append)
    same = (await rig.http.put("/v1/sales/t2", json={**SALE, "offers": [promotion]})).json()
    assert same == first and told == []
    waited = await rig.http.get("/v1/sales/t2", params={"afterVersion": first["version"], "waitSeconds": 0})
    assert waited.json()["version"] == first["version"]
    # Any difference is a change: a line, the currency's lines, an offer asked for that was not applied.
    renamed = (await rig.http.put("/v1/sales/t2", json={**SALE, "offers": [promotion], "lines": [
        {**LINES[0], "name": "Wool jacket, navy"}, LINES[1]]})).json()
    assert renamed["version"] == first["version"] + 1 and len(told) == 1
    # A refusal said again is the same state: the version stays.
    refused = (await rig.http.put("/v1/sales/t2", json={**SALE, "offers": ["not-hers"]})).json()
    assert refused["messages"] and refused["version"] == renamed["version"] + 1
    assert (await rig.http.put("/v1/sales/t2", json={**SALE, "offers": ["not-hers"]})).json() == refused


async def test_a_sale_file_written_again_as_it_was_is_answered_again(rig, files):
    write(files, "sales", "f1.json", FILE_SALE)
    assert await files.poll_once() == 1
    first = answer(files, "f1")
    (files.folder / "answers" / "f1.json").unlink()   # the POS cleans up what it read (docs: answers/ is its)
    write(files, "sales", "f1.json", FILE_SALE)
    assert await files.poll_once() == 1
    assert answer(files, "f1") == first

    # A file refused, then the sale the till holds written again: the problem file goes, the answer stands.
    write(files, "sales", "f1.json", {**FILE_SALE, "currency": "XYZ"})
    await files.poll_once()
    assert problem(files, "f1")["file"] == "sales/f1.json"
    write(files, "sales", "f1.json", FILE_SALE)
    assert await files.poll_once() == 1
    assert not (files.folder / "answers" / "f1.problem.json").exists()
    assert answer(files, "f1") == first


async def test_a_till_starts_while_another_program_holds_its_journal(rig, caplog):
    journal = rig.sessions.till.journal
    stopped = Journal.open(journal.path)   # a till of this process that held an offer and stopped
    stopped.reserve_offer("gone-offer", "promotion", "12-till-a-gone")
    stopped.close()
    other = sqlite3.connect(journal.path, isolation_level=None)
    journal.connection.execute("PRAGMA busy_timeout = 50")
    try:
        other.execute("BEGIN IMMEDIATE")   # another program writing
        with caplog.at_level(logging.WARNING):
            started = SaleSessions(rig.sessions.till)
        assert "not released now" in caplog.text
        assert started.open_sessions() == []
    finally:
        other.execute("ROLLBACK")
        other.close()
        journal.connection.execute("PRAGMA busy_timeout = 5000")
    assert "gone-offer" in journal.held_elsewhere(["gone-offer"], "12-till-a-new")
    SaleSessions(rig.sessions.till)   # the journal free again: the gone sale's offer is released
    assert journal.held_elsewhere(["gone-offer"], "12-till-a-new") == {}
