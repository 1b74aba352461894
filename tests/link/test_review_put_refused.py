"""A PUT that is refused changes nothing (issue 16's review): its basket is not half taken.

A PUT whose ``customerKey`` no customer has was answered 422 CustomerNotFound, yet the sale's basket had been
replaced already, without its version growing: GET then answered other lines under the same version the POS (and
the answer file) had, so a POS keeping the highest version never saw it; and a new sale's refused PUT left it open.
Over loopback HTTP, with the inbox's answer file beside it."""

from __future__ import annotations

import asyncio
import json

from pos_engage.core.till.sale_files import SaleFiles
from tests.link.conftest import ANNA
from tests.link.test_bad_input import problem_of


def line(line_id: str, total: int) -> dict:
    return {"lineId": line_id, "sku": "1001", "name": "T-shirt", "quantity": 1, "lineTotal": total, "vatPercent": 25}


async def test_a_put_with_an_unknown_customer_changes_nothing(rig):
    http = rig.http
    problem_of(await http.put("/v1/sales/n-1", json={"currency": "SEK", "lines": [line("1", 100)],
                                                     "customerKey": "nobody@example.se"}), 422, "CustomerNotFound")
    problem_of(await http.get("/v1/sales/n-1"), 404, "SaleNotFound")   # a refused PUT opened nothing

    first = (await http.put("/v1/sales/n-1", json={"currency": "SEK", "lines": [line("1", 100)]})).json()
    problem_of(await http.put("/v1/sales/n-1", json={"currency": "SEK", "lines": [line("1", 100), line("2", 500)],
                                                     "customerKey": "nobody@example.se"}), 422, "CustomerNotFound")
    now = (await http.get("/v1/sales/n-1")).json()
    assert now == first


async def test_a_put_with_a_known_customer_still_opens_and_identifies_in_one_version(rig):
    http = rig.http
    state = (await http.put("/v1/sales/n-2", json={"currency": "SEK", "lines": [line("1", 100)],
                                                   "customerKey": ANNA})).json()
    assert state["customer"]["name"] and state["lines"][0]["lineId"] == "1"
    again = (await http.put("/v1/sales/n-2", json={"currency": "SEK", "lines": [line("1", 100), line("2", 500)],
                                                   "customerKey": ANNA})).json()
    assert again["version"] == state["version"] + 1 and again["totals"]["toPay"] == 600


async def test_the_answer_file_never_differs_from_get_under_one_version(rig, tmp_path):
    files = SaleFiles(tmp_path / "inbox", rig.sessions)
    stop = asyncio.Event()
    task = asyncio.ensure_future(files.run(stop))
    try:
        http = rig.http
        await http.put("/v1/sales/n-3", json={"currency": "SEK", "lines": [line("1", 100)]})
        await http.put("/v1/sales/n-3", json={"currency": "SEK", "lines": [line("1", 100), line("2", 500)],
                                              "customerKey": "nobody@example.se"})
        state = (await http.get("/v1/sales/n-3")).json()
        answer = json.loads((tmp_path / "inbox" / "answers" / "n-3.json").read_text("utf-8"))
        assert answer == state
    finally:
        stop.set()
        await task


async def test_the_same_new_sale_put_twice_at_once_answers_both(rig):
    """A POS that timed out sends its first PUT again while the till is still identifying the customer: both are
    answered with the sale (a PUT replaces the basket), one sale is opened."""
    body = {"currency": "SEK", "lines": [line("1", 100)], "customerKey": ANNA}
    answers = await asyncio.gather(*(rig.http.put("/v1/sales/n-4", json=body) for _ in range(3)))
    assert [a.status_code for a in answers] == [200, 200, 200], [a.text for a in answers]
    state = (await rig.http.get("/v1/sales/n-4")).json()
    assert state["customer"]["name"] and state["lines"][0]["lineId"] == "1"
    assert len([s for s in rig.sessions.open_sessions() if s.pos_sale_id == "n-4"]) == 1
