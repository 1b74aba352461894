"""The manager PIN: never stored in clear, constant-time check, lockout that survives a restart."""

from __future__ import annotations

import json

import pytest

from pos_engage.core.errors import InputError
from pos_engage.core.pin import MAX_ATTEMPTS, PinLocked, check_pin, hash_pin


def test_the_pin_is_stored_only_as_a_salted_hash():
    stored = hash_pin("482913")
    assert "482913" not in stored
    assert json.loads(stored)["scheme"] == "scrypt"
    assert hash_pin("482913") != stored  # salted


def test_right_and_wrong_pin():
    stored = hash_pin("482913")
    assert check_pin("482913", stored).ok
    wrong = check_pin("000000", stored)
    assert not wrong.ok and wrong.message == "Wrong PIN"


def test_lockout_after_repeated_wrong_pins_and_it_ends():
    now = [1000.0]
    stored = hash_pin("482913")
    for _ in range(MAX_ATTEMPTS):
        result = check_pin("111111", stored, clock=lambda: now[0])
        stored = result.stored
    assert "locked" in result.message
    with pytest.raises(PinLocked):
        check_pin("482913", stored, clock=lambda: now[0])  # even the right PIN waits
    now[0] += 301
    assert check_pin("482913", stored, clock=lambda: now[0]).ok


@pytest.mark.parametrize("pin", ["", "12", "abcd", "1234567890123"])
def test_weak_or_malformed_pins_are_refused(pin):
    with pytest.raises(InputError):
        hash_pin(pin)
