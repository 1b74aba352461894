"""Keyring messages name the secret that was asked for and how IT provides it."""

from __future__ import annotations

import keyring
import keyring.backends.fail
import pytest

from pos_engage.core import credentials


@pytest.fixture
def no_keyring():
    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    yield
    keyring.set_keyring(previous)


@pytest.mark.usefixtures("no_keyring")
@pytest.mark.parametrize(("name", "words", "override"), [
    (credentials.ENGAGE_API_KEY, "the Engage API key", "POS_ENGAGE_API_KEY"),
    (credentials.FILE_SERVER_PASSWORD, "the file server's password", "POS_ENGAGE_FILE_SERVER_PASSWORD"),
    (credentials.MARKETING_API_KEY, "the marketing platform's API key", "POS_ENGAGE_MARKETING_API_KEY"),
    (credentials.MANAGER_PIN_HASH, "the manager PIN", None),
])
def test_a_missing_keyring_names_the_secret_it_was_asked_for(name, words, override):
    with pytest.raises(credentials.SecretsUnavailable) as raised:
        credentials.get_secret(name, env={})
    message = str(raised.value)
    assert words in message
    if override:
        assert override in message
    else:
        assert "POS_ENGAGE_" not in message  # the PIN has no environment override
    for other, (other_words, _) in credentials.SECRET_WORDS.items():
        if other != name:
            assert other_words not in message


@pytest.mark.usefixtures("no_keyring")
def test_setting_a_secret_without_a_keyring_names_it():
    with pytest.raises(credentials.SecretsUnavailable, match="the file server's password"):
        credentials.set_secret(credentials.FILE_SERVER_PASSWORD, "x")


def test_the_environment_override_wins_without_touching_the_keyring():
    assert credentials.get_secret(credentials.ENGAGE_API_KEY, env={"POS_ENGAGE_API_KEY": "k-1"}) == "k-1"
