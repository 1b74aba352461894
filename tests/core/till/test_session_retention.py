"""How many ended sales the sale sessions keep (session.KEEP_CLOSED): the last ones ended are answered (a POS's
retry, a late read), the oldest beyond them forgotten one for each sale that ends, open sales never. Against the
simulator, with the bound made small."""

from __future__ import annotations

import pytest

from pos_engage.core.till import session as session_module
from pos_engage.core.till.pos_sale_input import SaleProblem
from pos_engage.core.till.session import SaleSessions
from tests.core.till.test_commit import tenant, till_on

__all__ = ["tenant"]

LINE = {"lineId": "1", "sku": "1002", "name": "Wool jacket", "quantity": 1, "lineTotal": 129900, "vatPercent": 25}


async def test_the_last_ended_sales_are_kept_and_the_oldest_forgotten_one_by_one(tenant, tmp_path, monkeypatch):
    monkeypatch.setattr(session_module, "KEEP_CLOSED", 3)
    async with till_on(tenant, tmp_path / "a.sqlite3", "till-a") as till:
        sessions = SaleSessions(till)
        await sessions.put("open-1", {"currency": "SEK", "lines": [LINE]})   # never ended: never forgotten
        for n in range(6):
            await sessions.put(f"s{n}", {"currency": "SEK", "lines": [LINE]})
            await sessions.void(f"s{n}")
            held = [f"s{k}" for k in range(n + 1) if sessions.holds(f"s{k}")]
            assert held == [f"s{k}" for k in range(max(0, n - 2), n + 1)], held   # one forgotten per sale ended
        assert sessions.get("s5").status == "voided"   # a late read of a kept one
        with pytest.raises(SaleProblem) as forgotten:
            sessions.get("s0")
        assert forgotten.value.code == "SaleNotFound"
        assert sessions.get("open-1").status == "open" and len(sessions.open_sessions()) == 1
