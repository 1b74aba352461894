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
