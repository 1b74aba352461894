"""The same new return's PUT sent twice at once (a POS that timed out and sent it again while the till looked for
the original) answers both with the return, as a sale's does (c34b709): it answered the second one 409 SaleChanged
(helper-42's review: the two doors disagreed). Over loopback HTTP."""

from __future__ import annotations

import asyncio

from tests.link.test_review_returns_customer import KARIN, ret, sold


async def test_the_same_new_return_put_twice_at_once_answers_both(rig):
    await sold(rig)
    line = {"lineId": "1", "originalLine": 0, "quantity": -1}
    # with a customer's key not seen before, and Engage slow: looking her up is where the first PUT waits and the
    # others come in
    rig.tenant.faults.update({"latency": 0.05})
    answers = await asyncio.gather(*(rig.http.put("/v1/sales/r-twice", json=ret(line, customer=KARIN))
                                     for _ in range(3)))
    assert [a.status_code for a in answers] == [200, 200, 200], [a.text for a in answers]
    state = (await rig.http.get("/v1/sales/r-twice")).json()
    assert state["status"] == "open" and [ln["originalLine"] for ln in state["lines"]] == [0]
    assert len([s for s in rig.sessions.open_sessions() if s.pos_sale_id == "r-twice"]) == 1
