"""Every sale the till journals records who rang it up (the person TillService.at_till names: the window sets it as
people sign in and out; nobody in a headless serve) and where it came from: the window's own basket, a basket or
receipt file from the POS inbox finished in the window, the POS link (over HTTP or its folders when the door says,
else the POS link). Against the simulator, on a real journal; every entry of the sale (its redemptions too)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from pos_engage.core.journal.entry import EntryKind
from pos_engage.core.till.basket import Basket, BasketLine
from pos_engage.core.till.sale_commit import Origin
from pos_engage.core.till.session import SaleSessions
from pos_engage.core.till.till_sale import TillSales
from tests.core.till.test_commit import ANNA, of_type, tenant, till_on

__all__ = ["tenant"]

LINE = {"lineId": "1", "sku": "1002", "name": "Wool jacket", "quantity": 1, "lineTotal": 129900, "vatPercent": 25}


def recorded(till, receipt_id: str) -> tuple:
    entry = till.journal.by_key(f"receipt:{receipt_id}")
    return entry.rung_by, entry.origin


async def test_the_windows_sale_records_the_person_signed_in_and_each_entry_of_it(tenant, tmp_path):
    async with till_on(tenant, tmp_path / "a.sqlite3", "till-a", anonymous_contact="walk-in") as till:
        sales = TillSales(SaleSessions(till))
        till.at_till = "Omar Said (2002)"
        sale = sales.current
        sales.add_line(sale, BasketLine("1002", "Wool jacket", 1, Decimal("1299")))
        anna = (await till.identify(ANNA)).customer
        sales.set_customer(sale, anna, ANNA)
        sales.apply(sale, of_type(anna, "PERCENT").id)
        outcome = await sales.commit(sale, "Card")
        entries = [till.journal.get(i) for i in outcome.entry_ids]
        assert {e.kind for e in entries} == {EntryKind.RECEIPT, EntryKind.REDEEM_PROMOTION}
        assert [(e.rung_by, e.origin) for e in entries] == [("Omar Said (2002)", Origin.WINDOW)] * 2
        # Another person signs in: the next sale is theirs; a shared till names the till.
        till.at_till = "till till-a"
        following = sales.open()
        sales.add_line(following, BasketLine("1001", "Cap", 1, Decimal("100")))
        second = await sales.commit(following, "Cash")
        assert recorded(till, second.receipt_id) == ("till till-a", Origin.WINDOW)


async def test_a_basket_or_receipt_file_from_the_inbox_says_so(tenant, tmp_path):
    async with till_on(tenant, tmp_path / "a.sqlite3", "till-a", anonymous_contact="walk-in") as till:
        sales = TillSales(SaleSessions(till))
        till.at_till = "Omar Said (2002)"
        basket = sales.open(Basket([BasketLine("1002", "Wool jacket", 1, Decimal("1299"))]))
        from_basket_file = await sales.commit(basket, "Card")
        assert recorded(till, from_basket_file.receipt_id) == ("Omar Said (2002)", Origin.INBOX_BASKET)
        receipt = sales.open(Basket([BasketLine("1001", "Cap", 1, Decimal("100"))]))
        from_receipt_file = await sales.commit(receipt, "Card", finish_receipt=lambda body: body)
        assert recorded(till, from_receipt_file.receipt_id) == ("Omar Said (2002)", Origin.RECEIPT_FILE)


async def test_a_pos_link_sale_records_the_door_and_who_is_at_the_till(tenant, tmp_path):
    async with till_on(tenant, tmp_path / "a.sqlite3", "till-a", anonymous_contact="walk-in") as till:
        sessions = SaleSessions(till)
        body = {"receiptNumber": "R1", "createdDate": datetime.now().astimezone().isoformat(), "total": 129900,
                "payments": [{"method": "Card", "amount": 129900}]}
        # A headless serve: nobody signed in; the door said nothing, so it is the POS link's.
        await sessions.put("pos-1", {"currency": "SEK", "lines": [LINE]})
        first = await sessions.commit("pos-1", body)
        assert recorded(till, first.receipt["uniqueReceiptId"]) == (None, Origin.POS_LINK)
        # The window runs it, Anna signed in, and the HTTP door says where the sale came from.
        till.at_till = "Anna Berg (1001)"
        await sessions.put("pos-2", {"currency": "SEK", "lines": [LINE]})
        with till.journaling(Origin.POS_HTTP):
            second = await sessions.commit("pos-2", body | {"receiptNumber": "R2"})
        assert recorded(till, second.receipt["uniqueReceiptId"]) == ("Anna Berg (1001)", Origin.POS_HTTP)
