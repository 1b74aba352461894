"""Strict JSON's quick walk agrees with its full one: whatever the body, ``pos_json.loads`` takes or refuses it
exactly as walking every value with :func:`pos_json._check` does (same code, same field), and a key given twice is
refused wherever it is. The bounds are lowered here so that generated bodies reach them."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pos_engage.core.till import pos_json

leaves = st.one_of(st.none(), st.booleans(), st.integers(-10, 10), st.text(max_size=3))
values = st.recursive(leaves, lambda inner: st.one_of(st.lists(inner, max_size=5),
                                                      st.dictionaries(st.text(max_size=2), inner, max_size=4)),
                      max_leaves=40)


def verdict(run) -> object:
    try:
        return ("taken", run())
    except pos_json.JsonRefused as refused:
        return ("refused", refused.code, refused.field)


def walked_in_full(raw: bytes) -> object:
    value = json.loads(raw, object_pairs_hook=pos_json._no_duplicates, parse_float=Decimal)
    pos_json._check(value, 0, "", texts_too=pos_json._SURROGATE_ESCAPE.search(raw.decode()) is not None)
    return value


@settings(deadline=None, max_examples=300)
@given(value=values, depth=st.integers(min_value=0, max_value=4), items=st.integers(min_value=0, max_value=4))
def test_the_quick_walk_takes_and_refuses_what_the_full_walk_does(value, depth, items):
    raw = json.dumps(value).encode()
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pos_json, "MAX_DEPTH", depth)
        patch.setattr(pos_json, "MAX_ITEMS", items)
        assert verdict(lambda: pos_json.loads(raw)) == verdict(lambda: walked_in_full(raw))


@pytest.mark.parametrize("raw", [b'{"a": 1, "a": 2}', b'[{"x": {"b": 1, "c": 2, "b": 3}}]',
                                 b'{"lines": [{"sku": "1"}, {"sku": "2", "sku": "3"}]}'])
def test_a_key_given_twice_is_refused_wherever_it_is(raw):
    with pytest.raises(pos_json.JsonRefused) as refused:
        pos_json.loads(raw)
    assert refused.value.code == "DuplicateKey"
