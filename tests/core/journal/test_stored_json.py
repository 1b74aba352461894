"""The journal's JSON columns are written by orjson (stored_json.py) as the standard library wrote them: the same
values and types read back for anything JSON holds (keys that are not text and integers beyond 64 bits included,
through the standard library), the same text but for a float's exponent spelling, and the same refusals (a
datetime, a dataclass, an object)."""

from __future__ import annotations

import dataclasses
import json
from datetime import UTC, datetime

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pos_engage.core.journal.stored_json import _json

leaves = st.one_of(st.none(), st.booleans(), st.integers(-(2**70), 2**70),
                   st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=6))
values = st.recursive(leaves, lambda inner: st.one_of(
    st.lists(inner, max_size=4),
    st.dictionaries(st.one_of(st.text(max_size=4), st.integers(-5, 5)), inner, max_size=4)), max_leaves=30)


def standard(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def typed(value):
    """The value with each number's type spelt out (1 == 1.0 == True in Python; not in a payload)."""
    if isinstance(value, dict):
        return {key: typed(item) for key, item in value.items()}
    if isinstance(value, list):
        return [typed(item) for item in value]
    return (type(value).__name__, value)


@settings(deadline=None, max_examples=400)
@given(value=values)
def test_what_is_stored_reads_back_as_the_standard_library_wrote_and_read_it(value):
    if value is None:
        return   # stored as NULL (test_the_odd_ones_go_through_the_standard_library)
    try:
        expected = standard(value)
    except (TypeError, ValueError) as refused:
        with pytest.raises(type(refused)):
            _json(value)
        return
    stored = _json(value)
    assert typed(json.loads(stored)) == typed(json.loads(expected))
    if not any(isinstance(x, float) for x in _leaves(value)):
        assert stored == expected   # the very text, floats' exponents aside


def _leaves(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from _leaves(item)
    elif isinstance(value, list):
        for item in value:
            yield from _leaves(item)
    else:
        yield value


@dataclasses.dataclass
class Thing:
    name: str


@pytest.mark.parametrize("refused", [datetime(2026, 11, 27, tzinfo=UTC), Thing("x"), object()])
def test_what_the_standard_library_refuses_is_refused(refused):
    with pytest.raises(TypeError):
        _json({"payload": refused})


def test_the_odd_ones_go_through_the_standard_library():
    assert _json({1: "one"}) == '{"1":"one"}'                 # a key that is not text
    assert json.loads(_json({"n": 2**70})) == {"n": 2**70}    # beyond 64 bits
    assert _json(None) is None
    assert json.loads(_json({"f": 1e-05}))["f"] == 1e-05
