"""Every sale the till commits in a currency whose rate to the group's it does not know carries the POS's rate or is
refused naming the field, nothing journaled (an inbox receipt file, a POS's sale: the till's own rule in
sale_commit, under the doors' own checks); a sale in the till's own currency, or the group's, needs none."""

from __future__ import annotations

import pytest

from pos_engage.core.errors import InputError
from pos_engage.sim.state import SimState
from tests.core.till.test_commit import jacket, till_on


@pytest.fixture
def tenant() -> SimState:
    return SimState(seed=7, api_keys=("till-a",))


async def test_a_sale_in_a_currency_without_a_known_rate_is_refused_before_anything_is_journaled(tenant, tmp_path):
    async with till_on(tenant, tmp_path / "a.sqlite3", "till-a", anonymous_contact="walk-in") as till:
        euro = jacket()
        euro.currency = "EUR"
        with pytest.raises(InputError) as refused:
            await till.commit(euro, None)
        assert refused.value.field == "exchangeRateToGroupCurrency" and "EUR" in str(refused.value)
        assert till.journal.count() == 0

        def with_rate(receipt: dict) -> dict:   # what a POS's receipt file gives
            return {**receipt, "exchangeRateToGroupCurrency": 11.42}

        sale = await till.commit(euro, None, finish_receipt=with_rate)
        assert till.journal.get(sale.entry_ids[0]).payload["receipt"]["exchangeRateToGroupCurrency"] == 11.42
        sale = await till.commit(jacket(), None)   # the till's own currency
        assert "exchangeRateToGroupCurrency" not in till.journal.get(sale.entry_ids[0]).payload["receipt"]
