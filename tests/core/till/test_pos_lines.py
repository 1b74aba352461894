"""A POS line becomes the basket's line without its fields being checked a second time (BasketLine.checked): what
parse_basket accepts must be exactly what BasketLine's own checks accept, and the line built the fast way must
equal the one built by BasketLine.priced (which checks everything again); the POS line itself, made without its
frozen __init__, equals the one its constructor makes. And the link's JSON encoder (orjson, pos_json.dumps) writes
the same JSON as the standard library, also for what orjson cannot write itself."""

from __future__ import annotations

import dataclasses
import json
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from pos_engage.core.till import pos_json
from pos_engage.core.till.basket import BasketLine
from pos_engage.core.till.pos_money import from_minor
from pos_engage.core.till.pos_sale_input import PosLine, SaleProblem, parse_basket

texts = st.text(st.characters(codec="utf-8"), min_size=0, max_size=80)
quantities = st.one_of(st.integers(min_value=-100_001, max_value=100_001),
                       st.decimals(min_value=Decimal("-50"), max_value=Decimal("50"), places=4,
                                   allow_nan=False, allow_infinity=False))
raw_lines = st.fixed_dictionaries({
    "lineId": st.from_regex(r"[A-Za-z0-9._:/-]{1,8}", fullmatch=True),
    "sku": st.one_of(texts, st.from_regex(r"[0-9]{1,13}", fullmatch=True)),
    "name": st.one_of(texts, st.just(" \t\u200f Tab\tname \U0001f600 ")),
    "quantity": quantities,
    "lineTotal": st.integers(min_value=-1_000_000, max_value=1_000_000),
    "vatPercent": st.sampled_from([0, 6, 12, 25, Decimal("25.5")]),
})


@settings(deadline=None, max_examples=300)
@given(lines=st.lists(raw_lines, min_size=1, max_size=4, unique_by=lambda line: line["lineId"]),
       currency=st.sampled_from(["SEK", "JPY", "EUR"]))
def test_a_checked_pos_line_is_the_line_priced_builds(lines, currency):
    try:
        basket = parse_basket({"currency": currency, "lines": lines})
    except SaleProblem:
        return   # refused as a whole: nothing is built
    for pos in basket.lines:
        fast = pos.basket_line(currency)
        slow = BasketLine.priced(pos.line_id, pos.sku, fast.name, pos.quantity,
                                 from_minor(abs(pos.line_total), currency), pos.vat_percent)   # checks again
        assert fast == slow
        assert fast.gross == slow.gross and fast.is_return == slow.is_return
        assert (str(fast.gross), fast.cents) == (str(slow.gross), slow.cents)
        # The POS's line is made the fast way too: it is the line its own constructor makes of the same fields.
        made = PosLine(**{f.name: getattr(pos, f.name) for f in dataclasses.fields(PosLine)})
        assert pos == made and vars(pos) == vars(made)


def test_a_pos_line_made_the_fast_way_is_frozen_too():
    line = parse_basket({"currency": "SEK", "lines": [{"lineId": "1", "sku": "1", "name": "Socks", "quantity": 1,
                                                       "lineTotal": 100, "vatPercent": 25}]}).lines[0]
    try:
        line.sku = "other"   # type: ignore[misc]
    except AttributeError:
        pass
    else:
        raise AssertionError("a POS line must stay frozen")


def test_the_fast_line_is_frozen_like_any_other():
    line = BasketLine.checked("1", "123", "Socks", 3, Decimal("100.00"), Decimal("25"))
    assert line == BasketLine.priced("1", "123", "Socks", 3, Decimal("100.00"), Decimal("25"))
    assert line.unit_price == Decimal("33.33") and line.gross == Decimal("100.00")
    try:
        line.sku = "other"   # type: ignore[misc]
    except AttributeError:
        pass
    else:
        raise AssertionError("a basket line must stay frozen")


json_values = st.recursive(
    st.one_of(st.none(), st.booleans(), st.integers(min_value=-(10**30), max_value=10**30),
              st.floats(allow_nan=False, allow_infinity=False), st.text(st.characters(codec="utf-8"))),
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(st.text(max_size=5), inner, max_size=4)),
    max_leaves=20)


@settings(deadline=None, max_examples=300)
@given(value=json_values)
def test_the_links_encoder_writes_what_the_standard_library_reads_back_the_same(value):
    assert json.loads(pos_json.dumps(value)) == value   # beyond 64 bits too (the standard library writes those)


def test_what_neither_encoder_can_write_is_refused_as_before():
    for value in ({"amount": Decimal("1.5")}, {"when": object()}):
        try:
            pos_json.dumps(value)
        except TypeError:
            continue
        raise AssertionError(f"{value!r} was written")
