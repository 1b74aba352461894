"""The receipt passthrough's quick checks agree with its full ones: for any receipt a POS could build, and the same
receipt with one value broken (a wrong type, a null in a list, a lone surrogate, a text where a number goes,
nesting past the bound), ``read_receipt`` answers exactly what it answers when every value is walked by the
checks that name the field (the same body, or the same refusal naming the same field)."""

from __future__ import annotations

import copy

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pos_engage.core.engage import wire
from pos_engage.core.engage.wire import receipt_shape, sales
from pos_engage.core.errors import InputError
from tests.core.engage.test_receipt_fidelity import receipts

BROKEN = st.sampled_from([None, 7, "seven", "\ud800", [None], {"x": 1}, [[[[[[[["deep"]]]]]]]], True, 1.5])


def places(value, path=()):
    """Every place in the JSON: (path, value)."""
    yield path, value
    if isinstance(value, dict):
        for name, inner in value.items():
            yield from places(inner, (*path, name))
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            yield from places(inner, (*path, index))


def broken(receipt: dict, path: tuple, value) -> dict:
    body = copy.deepcopy(receipt)
    target = body
    for step in path[:-1]:
        target = target[step]
    target[path[-1]] = value
    return body


def verdict(body: dict) -> object:
    try:
        return ("taken", wire.read_receipt(body).body)
    except InputError as refused:
        return ("refused", refused.field, str(refused))


@settings(deadline=None, max_examples=200, suppress_health_check=[HealthCheck.too_slow])
@given(receipt=receipts(), data=st.data(), depth=st.sampled_from([3, 4, 32]))
def test_the_quick_checks_take_and_refuse_what_the_full_ones_do(receipt, data, depth):
    spots = [path for path, _ in places(receipt) if path]
    path = data.draw(st.sampled_from(spots))
    body = broken(receipt, path, data.draw(BROKEN)) if data.draw(st.booleans()) else receipt
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(receipt_shape, "MAX_DEPTH", depth)
        quick = verdict(body)
        patch.setattr(sales, "_encodable_at_once", lambda value, depth=0: False)
        patch.setattr(sales, "_shape_fits", lambda model, value: False)
        assert quick == verdict(body)
