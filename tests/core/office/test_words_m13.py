"""A staff list that cannot be read is said in words, not by the exception's class name (store-day review, session
13: "(UnicodeDecodeError)", "(NoKeyringError)" reached the window, doctor and the command line). Real files."""

from __future__ import annotations

import pytest

from pos_engage.core.errors import ConfigError
from pos_engage.core.office.people import StaffDirectory


def test_an_unreadable_staff_list_is_said_in_words(tmp_path):
    garbled = tmp_path / "staff.json"
    garbled.write_bytes(b"\xff\xfe{not text")
    with pytest.raises(ConfigError) as not_text:
        StaffDirectory.read(garbled)
    assert str(not_text.value) == f"The staff list {garbled} cannot be read (it is not text): IT checks it"
    folder = tmp_path / "folder.json"
    folder.mkdir()
    with pytest.raises(ConfigError) as a_folder:
        StaffDirectory.read(folder)
    assert str(a_folder.value) == f"The staff list {folder} cannot be read (Is a directory): IT checks it"


def test_the_api_keys_keyring_errors_are_said_in_words_without_a_class_name(monkeypatch):
    """The Engage API key's and the file server's password's keyring problems, as the PIN's are (s3-06)."""
    import keyring
    import keyring.errors
    import pytest

    from pos_engage.core import credentials

    class Locked(keyring.backend.KeyringBackend):
        priority = 1

        def get_password(self, service, username):
            raise keyring.errors.KeyringLocked("locked")

        def set_password(self, service, username, password):
            raise keyring.errors.KeyringLocked("locked")

        def delete_password(self, service, username):
            raise keyring.errors.KeyringLocked("locked")

    monkeypatch.delenv(credentials.ENV_OVERRIDES[credentials.ENGAGE_API_KEY], raising=False)
    previous = keyring.get_keyring()
    keyring.set_keyring(Locked())
    try:
        with pytest.raises(credentials.SecretsUnavailable) as read:
            credentials.get_secret(credentials.ENGAGE_API_KEY)
        with pytest.raises(credentials.SecretsUnavailable) as written:
            credentials.set_secret(credentials.ENGAGE_API_KEY, "k" * 40)
    finally:
        keyring.set_keyring(previous)
    for problem in (read.value, written.value):
        assert "Error" not in str(problem) and "Locked" not in str(problem) and "may be locked" in str(problem)
