"""A return booked at the till while a POS is linked is refused by the return use case itself (ReturnDesk), not
only by the window: the POS makes its returns through the link, and a refund booked beside it the POS would never
hear of. Any client of the desk is refused, with or without the original, and nothing is written; once the POS is
no longer linked the same return goes through. Against the simulator with a real journal file."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pos_engage.core.errors import InputError
from pos_engage.core.till.basket import Basket, BasketLine
from pos_engage.core.till.return_pricing import ReturnPick
from pos_engage.core.till.returns import ReturnDesk, new_return_id
from tests.core.till.test_returns import ANNA, Staff, till_on
from tests.core.till.test_returns import tenant as tenant  # the fixture


def counts(journal) -> tuple[int, int, int]:
    db = journal.connection
    return (db.execute("SELECT COUNT(*) FROM entries").fetchone()[0],
            db.execute("SELECT COUNT(*) FROM returned_lines").fetchone()[0],
            db.execute("SELECT COUNT(*) FROM audit").fetchone()[0])


async def test_no_return_is_booked_while_a_pos_is_linked_and_the_same_goes_through_once_it_is_not(tenant, tmp_path):
    async with till_on(tenant, tmp_path / "a.sqlite3") as till:
        anna = (await till.service.identify(ANNA)).customer
        sale = await till.service.commit(Basket([BasketLine("1001", "T-shirt organic", 2, Decimal("199"))]), anna)
        linked = {"now": True}
        desk = ReturnDesk(till.service.config, till.service.client, till.journal, pos_linked=lambda: linked["now"])
        original = desk.find(sale.receipt_id).sales[0]
        before = counts(till.journal)
        return_id = new_return_id(till.service.config)

        with pytest.raises(InputError, match="made at the POS while it is linked") as refused:
            desk.refuse_while_linked()
        assert "would never hear of" in str(refused.value)
        with pytest.raises(InputError, match="made at the POS"):
            await desk.commit(original, [ReturnPick(0, 1)], return_id=return_id, customer=anna)
        with pytest.raises(InputError, match="made at the POS"):
            desk.commit_without_original([BasketLine("1004", "Socks 3-pack", 1, Decimal("99"))],
                                         approver=Staff("Boss (1)", True), reason="no slip",
                                         return_id=new_return_id(till.service.config), customer=anna)
        assert counts(till.journal) == before                     # nothing written, nothing audited
        assert desk.find(sale.receipt_id).sales[0].lines[0].returned == 0

        linked["now"] = False                                      # the link stopped: the till's own desk again
        desk.refuse_while_linked()
        back = await desk.commit(original, [ReturnPick(0, 1)], return_id=return_id, customer=anna)
        assert back.total == Decimal("-199.00") and counts(till.journal)[1] == before[1] + 1


async def test_a_desk_not_told_of_a_link_books_returns_as_before(tenant, tmp_path):
    """The link's own desk (session_returns.py) and the CLI's are not told: the POS's returns go through them."""
    async with till_on(tenant, tmp_path / "a.sqlite3") as till:
        anna = (await till.service.identify(ANNA)).customer
        sale = await till.service.commit(Basket([BasketLine("1001", "T-shirt organic", 1, Decimal("199"))]), anna)
        original = till.desk.find(sale.receipt_id).sales[0]
        till.desk.refuse_while_linked()
        back = await till.desk.commit(original, [ReturnPick(0, 1)], return_id=new_return_id(till.service.config))
        assert back.total == Decimal("-199.00")
