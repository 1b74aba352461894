"""A till set up for a linked POS (pos_link.enabled "on") refuses the window's returns from the start, not only once
the POS has first called the link: before, a cashier could book a refund in the window that the POS never heard of,
in the minutes between the start and the POS's first sale. The refusal tells the cashier what to do (make it at
the POS); nothing is written. The POS's own desk (the link's, told nothing) still books its returns, and a till
without a POS link (off, or the demo's own setting) books the window's returns as before. Against the simulator
with a real journal file."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

import pytest

from pos_engage.core.config import PosLinkSettings
from pos_engage.core.errors import InputError
from pos_engage.core.till.basket import Basket, BasketLine
from pos_engage.core.till.return_pricing import ReturnPick
from pos_engage.core.till.returns import ReturnDesk, new_return_id
from tests.core.till.test_returns import ANNA, Staff, till_on
from tests.core.till.test_returns import tenant as tenant  # the fixture
from tests.core.till.test_returns_linked_s8 import counts


def not_linked_yet() -> bool:
    """The window's answer before the POS's first call since the start."""
    return False


async def test_a_till_set_up_for_a_linked_pos_refuses_the_windows_returns_before_the_pos_called(tenant, tmp_path):
    async with till_on(tenant, tmp_path / "a.sqlite3") as till:
        anna = (await till.service.identify(ANNA)).customer
        sale = await till.service.commit(Basket([BasketLine("1001", "T-shirt organic", 2, Decimal("199"))]), anna)
        config = replace(till.service.config, pos_link=PosLinkSettings(enabled="on"))
        window = ReturnDesk(config, till.service.client, till.journal, pos_linked=not_linked_yet)
        original = window.find(sale.receipt_id).sales[0]
        before = counts(till.journal)

        with pytest.raises(InputError) as refused:
            window.refuse_while_linked()
        assert str(refused.value) == ("Make the return at the POS: this till is set up to work with a linked POS, "
                                      "and a refund booked here the POS would never hear of")
        with pytest.raises(InputError, match="Make the return at the POS"):
            await window.commit(original, [ReturnPick(0, 1)], return_id=new_return_id(config), customer=anna)
        with pytest.raises(InputError, match="Make the return at the POS"):
            window.commit_without_original([BasketLine("1004", "Socks 3-pack", 1, Decimal("99"))],
                                           approver=Staff("Boss (1)", True), reason="no slip",
                                           return_id=new_return_id(config), customer=anna)
        assert counts(till.journal) == before                     # nothing written, nothing audited

        # The POS's own desk (the link's: told nothing) makes the POS's return on the same till.
        pos = ReturnDesk(config, till.service.client, till.journal)
        back = await pos.commit(original, [ReturnPick(0, 1)], return_id=new_return_id(config), customer=anna)
        assert back.total == Decimal("-199.00") and counts(till.journal)[1] == before[1] + 1


@pytest.mark.parametrize("enabled", ["off", "demo"])
async def test_a_till_without_a_pos_link_books_the_windows_returns_as_before(tenant, tmp_path, enabled):
    async with till_on(tenant, tmp_path / "a.sqlite3") as till:
        anna = (await till.service.identify(ANNA)).customer
        sale = await till.service.commit(Basket([BasketLine("1001", "T-shirt organic", 1, Decimal("199"))]), anna)
        config = replace(till.service.config, pos_link=PosLinkSettings(enabled=enabled))
        window = ReturnDesk(config, till.service.client, till.journal, pos_linked=not_linked_yet)
        window.refuse_while_linked()
        original = window.find(sale.receipt_id).sales[0]
        back = await window.commit(original, [ReturnPick(0, 1)], return_id=new_return_id(config), customer=anna)
        assert back.total == Decimal("-199.00")
