"""The till's own basket is a sale session (issue 16): the window's lines, customer, offers, payments, void and commit
go through the same SaleSessions as the POS's sale, against the simulator. A typed line gets a line id and a line
total; the state the POS link would answer describes it; the offer rules are the session's (only the customer's
own offers, another customer takes them off); a commit is answered once and journals once; a refused offer holds
the sale until the cashier answers; and the POS cannot reach a till sale."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pos_engage.core.errors import InputError
from pos_engage.core.journal.entry import EntryKind
from pos_engage.core.till.basket import Basket, BasketLine
from pos_engage.core.till.pos_sale_input import SaleProblem
from pos_engage.core.till.session import SaleSessions
from pos_engage.core.till.till_sale import TillSales
from tests.core.till.test_commit import ANNA, of_type, tenant, till_on

__all__ = ["tenant"]   # the simulated tenant fixture, shared with the commit tests


def receipts_journaled(till) -> list:
    return [e for e in till.journal.entries() if e.kind is EntryKind.RECEIPT]


async def test_a_typed_basket_is_a_session_with_line_ids_totals_and_the_sessions_offer_rules(tenant, tmp_path):
    async with till_on(tenant, tmp_path / "a.sqlite3", "till-a") as till:
        sessions = SaleSessions(till)
        heard = []
        sessions.listeners.append(heard.append)
        sales = TillSales(sessions)
        sale = sales.current
        first = sales.add_line(sale, BasketLine("1002", "Wool jacket", 1, Decimal("1299")))
        sales.add_line(sale, BasketLine("1004", "Socks", 3, Decimal("33.33")))
        assert first.line_id == "L1"
        state = sessions.state(sale)
        assert [(line["lineId"], line["lineTotal"]) for line in state["lines"]] == [("L1", 129900), ("L2", 9999)]
        assert state["totals"]["toPay"] == 139899 and state["posSaleId"] is None
        with pytest.raises(SaleProblem, match="Identify the customer"):
            sales.apply(sale, "any-offer")
        anna = (await till.identify(ANNA)).customer
        sales.set_customer(sale, anna, ANNA)
        offer = of_type(anna, "PERCENT")
        version = sale.version
        sales.apply(sale, offer.id)
        assert sale.version > version and [d.source_id for d in sale.basket.discounts] == [offer.id]
        with pytest.raises(SaleProblem, match="not one of this customer's offers"):
            sales.apply(sale, "someone-elses-offer")
        sales.step_quantity(sale, 1, -1)   # 2 socks: the line's total follows its unit price
        assert sessions.state(sale)["lines"][1]["lineTotalBefore"] == 6666
        sales.remove_line(sale, 1)
        assert [line["lineId"] for line in sessions.state(sale)["lines"]] == ["L1"]
        sales.set_customer(sale, (await till.identify(ANNA)).customer, ANNA)   # the same, again: offers stay
        assert [d.source_id for d in sale.basket.discounts] == [offer.id]
        key = next(c["email"] for c in tenant.showcase()["contacts"] if c["email"] != ANNA)
        sales.set_customer(sale, (await till.identify(key)).customer, key)   # another: the offers leave
        assert sale.basket.discounts == [] and till.journal.used_offers([offer.id]) == set()
        assert heard and {s.pos_sale_id for s in heard} == {None}   # heard as a sale no POS named


async def test_cash_gives_change_and_a_commit_is_answered_once_and_journaled_once(tenant, tmp_path):
    async with till_on(tenant, tmp_path / "a.sqlite3", "till-a", anonymous_contact="walk-in") as till:
        sessions = SaleSessions(till)
        sales = TillSales(sessions)
        sale = sales.current
        sales.add_line(sale, BasketLine("1002", "Wool jacket", 1, Decimal("948.40")))
        assert sales.take_payment(sale, "Cash", Decimal("1000")) == Decimal("52.00")   # from 948.00 in cash
        with pytest.raises(InputError, match="Nothing remains"):
            sales.take_payment(sale, "Card", None)
        outcome = await sales.commit(sale, "Card")
        assert sale.status == "committed" and sale.receipt["uniqueReceiptId"] == outcome.receipt_id
        # Engage gets the sale as priced: the öre the cash rounding took are the store's, as the change is
        body = receipts_journaled(till)[0].payload["receipt"]
        assert [(p["type"], str(p["value"])) for p in body["paymentMethods"]] == [("Cash", "948.4")]
        again = await sales.commit(sale, "Card")   # a double F9
        assert again is outcome and len(receipts_journaled(till)) == 1
        with pytest.raises(SaleProblem, match="committed already"):
            sales.add_line(sale, BasketLine("1001", "Cap", 1, Decimal("100")))
        with pytest.raises(SaleProblem):   # the POS cannot reach the till's sales
            sessions.get(sales.name(sale))
        assert sales.open() is sales.current and sales.current is not sale


async def test_a_voided_till_sale_frees_its_offers_for_the_next(tenant, tmp_path):
    async with till_on(tenant, tmp_path / "a.sqlite3", "till-a") as till:
        sales = TillSales(SaleSessions(till))
        anna = (await till.identify(ANNA)).customer
        offer = of_type(anna, "PERCENT")
        first = sales.current
        sales.add_line(first, BasketLine("1002", "Wool jacket", 1, Decimal("1299")))
        sales.set_customer(first, anna, ANNA)
        sales.apply(first, offer.id)
        sales.void(first)
        assert first.status == "voided"
        second = sales.open()
        sales.add_line(second, BasketLine("1002", "Wool jacket", 1, Decimal("1299")))
        sales.set_customer(second, anna, ANNA)
        sales.apply(second, offer.id)   # free again: the ledger let it go with the void
        assert [d.source_id for d in second.basket.discounts] == [offer.id]


async def test_a_refused_offer_holds_the_sale_until_the_cashier_takes_it_off(tenant, tmp_path):
    async with (till_on(tenant, tmp_path / "a.sqlite3", "till-a") as a,
                till_on(tenant, tmp_path / "b.sqlite3", "till-b") as b):
        sales = TillSales(SaleSessions(a))
        anna_a, anna_b = (await a.identify(ANNA)).customer, (await b.identify(ANNA)).customer
        offer = of_type(anna_a, "PERCENT")
        sale = sales.current
        sales.add_line(sale, BasketLine("1002", "Wool jacket", 1, Decimal("1299")))
        sales.set_customer(sale, anna_a, ANNA)
        sales.apply(sale, offer.id)
        theirs = Basket([BasketLine("1002", "Wool jacket", 1, Decimal("1299"))])
        b.apply(theirs, offer, anna_b)   # the partner at the next till, a moment earlier
        await b.commit(theirs, anna_b)
        held = await sales.commit(sale, "Card")
        assert [r.offer_id for r in held.refused] == [offer.id] and sale.status == "open"
        assert sales.sale(sale).held is not None
        with pytest.raises(SaleProblem, match="being committed"):   # nothing slips in while it waits
            sales.add_line(sale, BasketLine("1001", "Cap", 1, Decimal("100")))
        assert await sales.commit(sale, "Card") is held   # F9 again: the same question, nothing journaled
        final = sales.resolve(sale, remove=True, cashier="karin")
        assert final.total == Decimal("1299.00") and sale.status == "committed"
        assert sales.resolve(sale, remove=True, cashier="karin") is None   # answered once


async def test_an_offer_that_takes_nothing_off_the_window_sale_is_not_spent_on_it(tenant, tmp_path):
    # The POS link's rule (tests/link/test_review_idle_offers.py) for the window's own basket: 50 kr off and a 100 SEK
    # voucher applied to a jacket, then the jacket swapped for socks: the first fixed amount covers them, the other
    # takes nothing and stays the customer's instead of being redeemed for nothing.
    async with till_on(tenant, tmp_path / "a.sqlite3", "till-a") as till:
        sessions = SaleSessions(till)
        sales = TillSales(sessions)
        sale = sales.current
        sales.add_line(sale, BasketLine("1002", "Wool jacket", 1, Decimal("1299")))
        anna = (await till.identify(ANNA)).customer
        sales.set_customer(sale, anna, ANNA)
        fixed = [o for o in (*anna.promotions, *anna.vouchers) if getattr(o, "pos_channel", None) is None
                 or (o.pos_channel.amount is not None and o.pos_channel.percent is None)]
        for offer in fixed[:2]:
            sales.apply(sale, offer.id)
        assert len(sale.basket.discounts) == 2
        sales.add_line(sale, BasketLine("1004", "Socks", 1, Decimal("30")))
        sales.remove_line(sale, 0)
        applied = {d.source_id for d in sale.basket.discounts}
        taking = {d.source_id for line in sale.basket.line_discounts() for d, cut in line if cut}
        assert len(applied) == 2 and len(taking) == 1
        idle = next(iter(applied - taking))
        outcome = await sales.commit(sale, "Card")
        await till.redemptions_settled()
        redemptions = [e for e in till.journal.entries()
                       if e.kind in (EntryKind.REDEEM_PROMOTION, EntryKind.REDEEM_VOUCHER) and e.sale_id]
        assert len(redemptions) == 1 and outcome.total == Decimal("0.00")
        assert idle not in {(e.payload or {}).get("assignmentId") or (e.payload or {}).get("voucherId")
                            for e in redemptions}
        assert till.journal.used_offers([idle]) == set()   # still hers
        assert any("takes nothing off this sale" in m for m in sale.messages)
