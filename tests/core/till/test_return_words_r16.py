"""The return's words a store review found wanting (R16): a walk-in sale's receipt number answered as if no sale had
it, and a cash refund's amount to hand back said only once the return was made."""

from __future__ import annotations

from decimal import Decimal

from pos_engage.core.config import Config, TillSettings
from pos_engage.core.till.basket import Basket, BasketLine
from pos_engage.core.till.return_pricing import OriginalLine, OriginalSale, ReturnPick
from pos_engage.core.till.return_quote import refund_quote
from tests.core.till.test_returns import tenant, till_on

__all__ = ["tenant"]   # the simulated tenant, a fixture


async def test_a_sale_without_a_customer_is_named_and_the_return_without_the_original_pointed_to(tenant, tmp_path):
    """No catch-all contact: the walk-in sale is counted, its receipt never journaled. Its number (typed, the id
    less "store-till-") and its barcode (the id) say what it was and which of the dialog's buttons is left."""
    async with till_on(tenant, tmp_path / "a.sqlite3") as till:
        sale = await till.service.commit(Basket([BasketLine("1001", "T-shirt", 1, Decimal("199"))]), None)
        assert till.journal.figures().anonymous_sales == 1
        for typed in (sale.receipt_id.removeprefix("12-till-a-"), sale.receipt_id):
            found = till.desk.find(typed)
            assert found.sales == (), found.message
            assert "was a sale without a customer" in found.message and "did not keep its lines" in found.message
            assert "No original sale (a manager approves)" in found.message      # the dialog's box
            assert "Manager's approval and refund" in found.message              # and its button
        assert "No sale at this till" in till.desk.find("12345").message       # a number no sale had: as before


def sale(currency: str, paid: str) -> OriginalSale:
    return OriginalSale("12-3-x", "x", "2026-11-29T10:00", currency, None,
                        (OriginalLine(0, "1001", "T-shirt", 2, Decimal(paid), Decimal(25)),))


def test_a_cash_refund_says_what_is_handed_back_and_the_rounding_before_it_is_made():
    euro = Config(currency="EUR", till=TillSettings(cash_rounding="0.05"))
    both = [ReturnPick(0, 2)]
    cash = refund_quote(euro, sale("EUR", "23.53"), both, "Cash")
    assert cash.ready and cash.total == Decimal("23.53")
    assert cash.words == "Refund: 23.53 EUR. Give back 23.55 in cash (cash rounding +0.02)"
    down = refund_quote(euro, sale("EUR", "23.52"), both, "Cash").words
    assert down == "Refund: 23.52 EUR. Give back 23.50 in cash (cash rounding \u22120.02)"
    assert refund_quote(euro, sale("EUR", "23.53"), both, "Card").words == "Refund: 23.53 EUR"
    assert refund_quote(euro, sale("EUR", "23.55"), both, "Cash").words == "Refund: 23.55 EUR"  # nothing to round
    kronor = Config()   # SEK: whole kronor by the currency's own rule
    assert refund_quote(kronor, sale("SEK", "318.40"), [ReturnPick(0, 1)], "Cash").words == \
        "Refund: 159.20 SEK. Give back 159.00 in cash (cash rounding \u22120.20)"
    assert refund_quote(Config(till=TillSettings(cash_rounding="0")), sale("SEK", "318.40"), [ReturnPick(0, 1)],
                        "Cash").words == "Refund: 159.20 SEK"
    nothing = refund_quote(kronor, sale("SEK", "318.40"), [ReturnPick(0, 0)], "Cash")
    assert not nothing.ready and nothing.words == "Refund: 0.00 SEK"
    unpriced = OriginalSale("e", "e", "", "SEK", None, (OriginalLine(0, "1001", "T-shirt", 1, None, Decimal(25)),))
    quote = refund_quote(kronor, unpriced, [ReturnPick(0, 1)], "Cash")
    assert not quote.ready and quote.words == "Engage holds no price for a line picked"
