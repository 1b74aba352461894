"""A return's ``returnOf.lines`` shows a weighed line's sold quantity (issue 16's review), over loopback HTTP: the
cheese sold as 0.512 kg showed ``quantity`` 0 (the whole units the desk counts it as), not what was sold; it is
the same JSON number the sale's own state showed."""

from __future__ import annotations

from tests.link.test_return_weighed import SALE
from tests.link.test_returns import commit_body, key


async def test_the_originals_weighed_line_shows_what_was_weighed(rig):
    http = rig.http
    sale = (await http.put("/v1/sales/s1", json={"currency": "SEK", "lines": SALE,
                                                 "customerKey": "anna.andersson@example.se"})).json()
    assert sale["lines"][1]["quantity"] == 0.512
    done = await http.post("/v1/sales/s1/commit", headers=key(), json=commit_body(sale["totals"]["toPay"], "1001"))
    assert done.status_code == 200, done.text

    browsed = await http.put("/v1/sales/r1", json={"returnOf": {"receiptNumber": "1001"}, "lines": []})
    assert browsed.status_code == 200, browsed.text
    lines = browsed.json()["returnOf"]["lines"]
    assert [(line["quantity"], line["returnable"]) for line in lines] == [(3, 3), (0.512, 0)]
    assert b'"quantity":0.512' in browsed.content.replace(b" ", b"")   # a JSON number, as the sale's state
