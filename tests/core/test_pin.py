"""Codes: never stored in clear, constant-time check; the lockout worked out from the attempts themselves."""

from __future__ import annotations

import json

import pytest

from pos_engage.core.errors import ConfigError, InputError
from pos_engage.core.pin import LOCKOUT_SECONDS, MAX_ATTEMPTS, Attempt, hash_pin, locked_until, matches


def test_the_pin_is_stored_only_as_a_salted_hash():
    stored = hash_pin("482913")
    assert "482913" not in stored
    assert json.loads(stored)["scheme"] == "scrypt"
    assert hash_pin("482913") != stored  # salted


def test_right_and_wrong_pin():
    stored = hash_pin("482913")
    assert matches("482913", stored)
    assert not matches("000000", stored)
    with pytest.raises(ConfigError, match="damaged"):
        matches("482913", "{}")


def test_the_record_keeps_no_count_a_user_could_reset():
    assert set(json.loads(hash_pin("482913"))) == {"scheme", "n", "r", "p", "salt", "hash"}


def test_lockout_after_repeated_wrong_codes_and_it_ends():
    wrong = [Attempt(1000.0 + n, ok=False) for n in range(MAX_ATTEMPTS)]
    assert locked_until(wrong[:-1]) == 0
    assert locked_until(wrong) == 1000.0 + MAX_ATTEMPTS - 1 + LOCKOUT_SECONDS
    assert locked_until([*wrong[:2], Attempt(1003.0, ok=True), *wrong[2:]]) == 0  # a right code starts again


@pytest.mark.parametrize("pin", ["", "12", "abcd", "1234567890123", "١٢٣٤"])
def test_weak_or_malformed_pins_are_refused(pin):
    with pytest.raises(InputError):
        hash_pin(pin)
