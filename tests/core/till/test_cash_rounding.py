"""Cash rounding (öresavrundning): cash pays what remains in the coins there are, the change is what coins can give,
and the receipt still books the sale as it is priced (core/till/cash_rounding.py)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pos_engage.core import config_files
from pos_engage.core.domain import MatchKey
from pos_engage.core.errors import ConfigError, InputError
from pos_engage.core.till.basket import Basket, BasketLine
from pos_engage.core.till.cash_rounding import cash_step, round_cash

NOW = datetime(2026, 11, 28, 12, tzinfo=timezone(timedelta(hours=1)))
KRONA = Decimal("1.00")


def sale(*prices: str, step: Decimal | None = KRONA, currency: str = "SEK") -> Basket:
    return Basket([BasketLine(str(i), f"Article {i}", 1 if Decimal(p) > 0 else -1, abs(Decimal(p)))
                   for i, p in enumerate(prices, 1)], currency=currency, cash_step=step)


def booked(basket: Basket, method: str = "Card") -> list[tuple[str, Decimal]]:
    receipt = basket.to_receipt(contact=MatchKey("c1"), store="1", till="2", created=NOW, payment_type=method)
    assert sum(p.value for p in receipt.payments) == receipt.total_gross_price
    return [(p.type, p.value) for p in receipt.payments]


@pytest.mark.parametrize(("currency", "configured", "step"), [
    ("SEK", "", KRONA), ("NOK", "", KRONA), ("DKK", "", Decimal("0.50")), ("sek", "", KRONA),
    ("EUR", "", None), ("GBP", "", None),
    ("EUR", "0.05", Decimal("0.05")), ("EUR", "0,05", Decimal("0.05")), ("SEK", "0", None), ("SEK", "0.00", None)])
def test_the_step_is_the_currencys_unless_the_store_sets_one(currency, configured, step):
    assert cash_step(currency, configured) == step


@pytest.mark.parametrize(("amount", "step", "rounded"), [
    ("29.69", "1", "30.00"), ("29.50", "1", "30.00"), ("29.49", "1", "29.00"), ("-29.50", "1", "-30.00"),
    ("-29.30", "1", "-29.00"), ("0.24", "0.50", "0.00"), ("0.25", "0.50", "0.50"), ("0.74", "0.50", "0.50"),
    ("0.75", "0.50", "1.00"), ("29.67", "0.05", "29.65"), ("29.68", "0.05", "29.70"), ("100.00", "1", "100.00")])
def test_cash_is_rounded_to_the_nearest_coin_half_a_coin_away_from_zero(amount, step, rounded):
    assert round_cash(Decimal(amount), Decimal(step)) == Decimal(rounded)


def test_cash_for_2969_kronor_takes_30_and_gives_change_from_30():
    basket = sale("29.69")
    assert (basket.cash_due, basket.cash_rounding) == (Decimal("30.00"), Decimal("0.31"))
    assert basket.add_payment("Cash", Decimal("50")) == Decimal("20.00")   # not the 20.31 no till can give
    assert basket.remaining == 0
    assert booked(basket) == [("Cash", Decimal("29.69"))]   # the sale as priced; the 0.31 is the store's


@pytest.mark.parametrize(("price", "given"), [("29.69", "30"), ("29.69", "29.69"), ("29.30", "29"),
                                              ("29.30", "29.30"), ("29.69", None)])
def test_cash_of_the_rounded_amount_or_the_exact_one_pays_the_rest_with_no_change(price, given):
    basket = sale(price)
    assert basket.add_payment("Cash", None if given is None else Decimal(given)) == 0
    assert basket.remaining == 0 and booked(basket) == [("Cash", Decimal(price))]


def test_only_cash_is_rounded_card_pays_to_the_ore():
    basket = sale("29.69")
    with pytest.raises(InputError, match=r"Only 29\.69 remains"):
        basket.add_payment("Card", Decimal("30"))
    basket.add_payment("Card", Decimal("9.69"))
    assert (basket.remaining, basket.cash_due) == (Decimal("20.00"), Decimal("20.00"))
    basket.add_payment("Cash", Decimal("20"))
    assert booked(basket) == [("Card", Decimal("9.69")), ("Cash", Decimal("20.00"))]


def test_a_rest_smaller_than_a_coin_is_nothing_more_in_cash():
    basket = sale("29.69")
    basket.add_payment("Card", Decimal("29.50"))
    assert (basket.remaining, basket.cash_due, basket.cash_rounding) == (
        Decimal("0.19"), Decimal("0.00"), Decimal("-0.19"))
    assert booked(basket, "Cash") == [("Card", Decimal("29.50")), ("Cash", Decimal("0.19"))]


def test_a_cash_refund_gives_back_whole_kronor_and_never_more():
    basket = sale("-29.69")
    assert basket.cash_due == Decimal("-30.00")
    with pytest.raises(InputError, match=r"Only 30\.00 remains"):
        basket.add_payment("Cash", Decimal("31"))
    assert basket.add_payment("Cash", Decimal("30")) == 0
    assert booked(basket) == [("Cash", Decimal("-29.69"))]


def test_without_a_step_cash_is_paid_to_the_cent_as_before():
    basket = sale("29.69", step=None, currency="EUR")
    assert (basket.cash_due, basket.cash_rounding) == (Decimal("29.69"), Decimal("0.00"))
    assert basket.add_payment("Cash", Decimal("50")) == Decimal("20.31")


@pytest.mark.parametrize("value", ["abc", "-1", "0.001", "1000", " 1"])
def test_a_cash_rounding_that_is_not_an_amount_is_refused_naming_the_setting(value):
    with pytest.raises(ConfigError, match=r"till\.cash_rounding"):
        config_files.validate({"till": {"cash_rounding": value}}, "test")
    assert config_files.validate({"till": {"cash_rounding": "0.05"}}, "test").till.cash_rounding == "0.05"


STEPS = st.sampled_from([KRONA, Decimal("0.50"), Decimal("0.05")])


@settings(deadline=None, max_examples=300)
@given(st.lists(st.integers(min_value=-50_000, max_value=50_000).filter(bool), min_size=1, max_size=5), STEPS,
       st.lists(st.tuples(st.sampled_from(["Card", "Cash", "Swish"]), st.integers(1, 100)), max_size=3),
       st.integers(min_value=0, max_value=20))
def test_cash_handed_over_in_coins_always_leaves_change_in_coins_and_the_receipt_adds_up(
        cents, step, parts, coins_over):
    """Whatever the sale and the part payments before it, a customer who pays the rest in cash with coins of the
    step (the rounded amount, or more) gets change that coins can give; what the drawer keeps differs from what
    the receipt books as cash by the rounding alone (at most half a coin); the payments add up to the total."""
    basket = Basket([BasketLine(str(i), "A", 1 if c > 0 else -1, Decimal(abs(c)) / 100) for i, c in enumerate(cents)],
                    cash_step=step)
    drawer = Decimal(0)   # the cash the drawer kept: handed over less the change (a refund's handed out: negative)

    def pay_cash(handed: Decimal | None) -> None:
        nonlocal drawer
        sign = 1 if basket.remaining > 0 else -1
        expected = abs(basket.cash_due) if handed is None else handed
        change = basket.add_payment("Cash", handed)
        assert change % step == 0 and change >= 0   # coins can give it
        drawer += sign * (expected - change)

    for method, percent in parts:
        if not basket.remaining:
            break
        part = max((abs(basket.remaining) * percent / 200).quantize(Decimal("0.01")), Decimal("0.01"))
        if method != "Cash":
            basket.add_payment(method, part)
        elif (part / step).to_integral_value() > 0:
            pay_cash((part / step).to_integral_value() * step)   # a customer hands over coins, not öre
    if basket.remaining:
        assert basket.cash_due % step == 0
        over = coins_over * step if basket.remaining > 0 and basket.cash_due else Decimal(0)
        pay_cash(abs(basket.cash_due) + over if abs(basket.cash_due) + over else None)
    assert basket.remaining == 0
    booked_cash = sum((value for method, value in booked(basket) if method == "Cash"), Decimal(0))
    assert abs(drawer - booked_cash) <= step / 2   # the rounding of the one payment that paid the rest


@pytest.mark.parametrize("given", ["29.40", "0.50", "45.50"])
def test_a_cash_amount_coins_cannot_make_is_refused_and_changes_nothing(given):
    """A review typed 29,40 in cash for 29.69: taken, it left 0.29 that rounds to nothing in cash, so 'to pay 0,00'
    showed while the sale was not paid. Whole kronor only, but for the amount that remains typed to the öre."""
    basket = sale("29.69")
    with pytest.raises(InputError, match=r"Cash must be whole coins: .* cannot be paid in cash; type .* or "):
        basket.add_payment("Cash", Decimal(given))
    assert basket.payments == [] and basket.remaining == Decimal("29.69")
    assert basket.add_payment("Cash", Decimal("29.69")) == 0   # the exact amount still pays the rest
    euro = sale("29.69", step=Decimal("0.05"), currency="EUR")
    euro.add_payment("Cash", Decimal("10.05"))   # on the 5-cent step: a part payment
    assert euro.cash_due == Decimal("19.65")
