"""An amount in a refusal core makes is money in the till's language, as the rest of the window writes it (helper
W12's review: the Swedish window said "Bara 81.00 återstår")."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pos_engage.core import texts
from pos_engage.core.errors import InputError
from pos_engage.core.till.basket import Basket, BasketLine
from pos_engage.qt import i18n
from pos_engage.qt.texts import shown


def test_a_card_refusal_writes_what_remains_as_the_tills_language_writes_money(qapp):
    basket = Basket([BasketLine("1001", "Coat", 1, Decimal("81"))])
    with pytest.raises(InputError) as refused:
        basket.add_payment("Card", Decimal("100"))
    said = texts.message_of(refused.value)
    assert said.startswith("Only 81.00 remains")   # logs and the command line
    before = i18n.current
    try:
        i18n.current = "sv"
        assert "81,00" in shown(said) and "81.00" not in shown(said)
    finally:
        i18n.current = before
