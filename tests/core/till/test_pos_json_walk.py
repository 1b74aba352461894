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


# Raw JSON text, not only what json.dumps writes: keys given twice, ':' inside keys and texts, numbers with a
# fraction or an exponent (Decimal in the strict reading, a float in orjson's), whole numbers beyond 64 bits, escaped
# lone surrogates. orjson's quick reading (pos_json._quick) must take exactly what the strict one takes, as the same
# values and types, and leave everything else to it (the same refusal, code and field).
_texts = st.one_of(st.text(alphabet=st.sampled_from("ab:\u00e5\t\"\\"), max_size=4).map(json.dumps),
                   st.sampled_from(['"\\ud800"', '"x\\udc00"', '"\\ud83d\\ude00"', '"a:b"']))
_numbers = st.one_of(st.integers(-(10**40), 10**40).map(str),
                     st.sampled_from(["1.5", "-0.0", "1e2", "1E400", "0.125", "-7", "18446744073709551616"]))
_raw_leaves = st.one_of(st.sampled_from(["null", "true", "false"]), _numbers, _texts)
_raw_values = st.recursive(
    _raw_leaves,
    lambda inner: st.one_of(
        st.lists(inner, max_size=4).map(lambda items: "[" + ",".join(items) + "]"),
        st.lists(st.tuples(st.sampled_from(["a", "b", "a:b", "c"]).map(json.dumps), inner), max_size=4)
        .map(lambda pairs: "{" + ",".join(f"{key}: {value}" for key, value in pairs) + "}")),
    max_leaves=30)


@settings(deadline=None, max_examples=400)
@given(text=_raw_values)
def test_the_quick_reading_takes_only_what_the_strict_one_takes_as_the_same_values(text):
    raw = text.encode()

    def typed(run):
        outcome = verdict(run)
        return (outcome[0], repr(outcome[1])) if outcome[0] == "taken" else outcome

    assert typed(lambda: pos_json.loads(raw)) == typed(lambda: walked_in_full(raw))
    quick = pos_json._quick(raw)
    if quick is not pos_json._STRICT:   # whatever orjson read is exactly the strict reading
        assert repr(quick) == repr(walked_in_full(raw))


def test_a_usual_sale_is_read_quickly_and_a_key_given_twice_is_not():
    sale = b'{"currency": "SEK", "lines": [{"lineId": "1", "sku": "100", "quantity": 2, "lineTotal": 3980}]}'
    assert pos_json._quick(sale) == json.loads(sale)
    twice = b'{"currency": "SEK", "lines": [{"lineId": "1", "lineId": "2", "sku": "100"}]}'
    assert pos_json._quick(twice) is pos_json._STRICT
