"""price_returns, the one rule for what a returned line refunds (the window's return, the POS link's state and the
return's own transaction), over generated sales and generated ways of returning them in several goes.

The oracle is the rule's promise, not its code: whatever the order and size of the returns, a line's refunds add up
to exactly what was paid for it once every unit is back, none is negative, none exceeds what was paid, and nothing
beyond what was bought comes back."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from pos_engage.core.errors import InputError
from pos_engage.core.till.return_pricing import OriginalLine, OriginalSale, RefundLine, ReturnPick, price_returns


def sale(lines: list[tuple[int, Decimal]]) -> OriginalSale:
    return OriginalSale("u-1", "R-1", "2026-11-27T10:00:00+01:00", "SEK", None, tuple(
        OriginalLine(index, f"sku{index}", f"Article {index}", quantity, paid, Decimal(25))
        for index, (quantity, paid) in enumerate(lines)))


def returned(original: OriginalSale, refunds: list[RefundLine]) -> OriginalSale:
    """The sale as the journal reads it after these refunds (returned_lines)."""
    lines = list(original.lines)
    for refund in refunds:
        line = lines[refund.line]
        lines[refund.line] = replace(line, returned=line.returned + refund.quantity,
                                     refunded=line.refunded + refund.refund)
    return replace(original, lines=tuple(lines))


_line = st.tuples(st.integers(1, 12), st.decimals(Decimal("0.00"), Decimal("5000.00"), places=2))


@settings(deadline=None, max_examples=200)
@given(st.lists(_line, min_size=1, max_size=4), st.data())
def test_refunds_add_up_to_what_was_paid_whatever_the_order_of_the_returns(lines, data):
    original = sale(lines)
    every: list[RefundLine] = []
    while original.returnable:
        left = [line for line in original.lines if line.returnable]
        picks = [ReturnPick(line.index, data.draw(st.integers(1, line.returnable))) for line in
                 data.draw(st.lists(st.sampled_from(left), min_size=1, max_size=3, unique_by=lambda x: x.index))]
        priced = price_returns(original, picks)
        assert all(isinstance(p, RefundLine) for p in priced), priced
        every += priced
        original = returned(original, priced)
    for index, (quantity, paid) in enumerate(lines):
        refunds = [r.refund for r in every if r.line == index]
        assert sum(refunds, Decimal(0)) == paid and all(Decimal(0) <= r <= paid for r in refunds)
        assert sum(r.quantity for r in every if r.line == index) == quantity
    more = price_returns(original, [ReturnPick(0, 1)])
    assert isinstance(more[0], InputError) and more[0].field == "quantity"   # nothing is left


@settings(deadline=None, max_examples=100)
@given(_line, st.integers(1, 6), st.integers(1, 6))
def test_a_line_picked_twice_refunds_as_much_as_picked_once(line, first, second):
    original = sale([line])
    together = price_returns(original, [ReturnPick(0, first + second)])
    apart = price_returns(original, [ReturnPick(0, first), ReturnPick(0, second)])
    if first + second > line[0]:
        assert isinstance(together[0], InputError) and any(isinstance(p, InputError) for p in apart)
    else:
        assert sum(r.refund for r in apart) == together[0].refund


def test_each_wrong_pick_says_what_is_wrong_and_the_right_ones_are_priced():
    original = replace(sale([(2, Decimal("100.00")), (1, Decimal("50.00"))]), lines=(
        sale([(2, Decimal("100.00"))]).lines[0], replace(sale([(1, Decimal("50.00"))]).lines[0], index=1,
                                                          returnable_type=False),
        OriginalLine(2, "sku2", "Bought in Engage", 1, None, Decimal(25))))
    priced = price_returns(original, [ReturnPick(0, 1), ReturnPick(5, 1), ReturnPick(1, 1), ReturnPick(2, 1),
                                      ReturnPick(0, 2), ReturnPick(0, -1)])
    assert priced[0] == RefundLine(0, "Article 0", 1, Decimal("50.00"))
    assert [(p.field, str(p)) for p in priced[1:]] == [
        ("line", "The sale has no line 6"),
        ("line", "'Article 0' was not bought on this receipt (a returned or adjusted line)"),
        (None, "Engage holds no price for 'Bought in Engage' on this sale: return it without the original sale (a "
               "manager approves the refund)"),
        ("quantity", "'Article 0': 2 bought, 1 returned already; 2 more cannot come back"),
        ("quantity", "A quantity to return is a whole number of 0 or more"),
    ]
