"""A receipt's number is its id less this store's and till's prefix, also when the till's id holds a "-" (helper B:
"12-till-a-20261128…" was numbered "a-20261128…", by splitting at the second "-"), as the queue and the window name
the sale (core/office/entry_description.sale_number)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from pos_engage.core.domain import MatchKey, MatchKeyType
from pos_engage.core.till.basket import Basket, BasketLine


def test_the_number_is_the_id_less_the_stores_and_tills_prefix():
    basket = Basket([BasketLine("1", "Socks", 1, Decimal("49"))])
    receipt = basket.to_receipt(contact=MatchKey("x", MatchKeyType.EXTERNAL_ID), store="12", till="till-a",
                                created=datetime(2026, 11, 28, 3, 0).astimezone(),
                                unique_id="12-till-a-20261128030000-abc123")
    assert receipt.receipt_number == "20261128030000-abc123"
