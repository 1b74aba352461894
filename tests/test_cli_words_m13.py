"""The command line's words for a person's code (store-day review, session 13): without --by it said the window's
"Type the staff number and the code", which names no option; a staff code typed wrong was a "Wrong PIN" (the till's
single PIN is one, a person's code is not). Real processes, a real journal file, IT's folder redirected."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from pos_engage.core.journal import payloads
from pos_engage.core.journal.store import Journal
from tests.core.conftest import sale


def pos_engage(env, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pos_engage", *args], env=env, input=stdin, capture_output=True,
                          text=True, timeout=60)


def test_without_by_the_command_line_names_the_option_and_a_wrong_code_is_a_code(tmp_path):
    config = tmp_path / "config.json"
    config.write_text(json.dumps({"till_id": "4", "store_external_id": "12"}))
    env = os.environ | {"POS_ENGAGE_CONFIG": str(config), "POS_ENGAGE_DATA_DIR": str(tmp_path / "data"),
                        "XDG_CONFIG_DIRS": str(tmp_path / "etc-xdg")}
    added = pos_engage(env, "configure", "--machine", "--staff-add", "1001", "--name", "Anna Berg", "--role",
                       "manager", "--code-stdin", stdin="482913\n")
    assert added.returncode == 0, added.stderr
    with Journal.open(tmp_path / "data" / "journal.sqlite3") as journal:
        (entry,) = journal.record([payloads.receipt(sale("r-1"))])
    no_by = pos_engage(env, "journal", "resolve", str(entry.id), "--reason", "booked by hand", "--pin-stdin",
                       stdin="482913\n")
    assert no_by.returncode == 2
    assert no_by.stderr.strip() == ("pos-engage: With a staff list, give the manager's staff number with --by "
                                    "(--pin-stdin reads the code)")
    wrong = pos_engage(env, "journal", "resolve", str(entry.id), "--reason", "booked by hand", "--pin-stdin",
                       "--by", "1001", stdin="000000\n")
    assert wrong.returncode == 2 and wrong.stderr.strip() == "pos-engage: Wrong code"
    with Journal.open(tmp_path / "data" / "journal.sqlite3") as journal:
        assert [r["action"] for r in journal.audit_log()] == ["pin-failed"]   # no --by: nothing was tried


def test_a_computer_without_a_keyring_is_said_in_words_not_by_a_class_name(tmp_path):
    config = tmp_path / "config.json"
    config.write_text(json.dumps({"till_id": "4", "store_external_id": "12"}))
    env = os.environ | {"POS_ENGAGE_CONFIG": str(config), "POS_ENGAGE_DATA_DIR": str(tmp_path / "data"),
                        "XDG_CONFIG_DIRS": str(tmp_path / "etc-xdg"),
                        "PYTHON_KEYRING_BACKEND": "keyring.backends.fail.Keyring"}   # no staff list, no keyring
    with Journal.open(tmp_path / "data" / "journal.sqlite3") as journal:
        (entry,) = journal.record([payloads.receipt(sale("r-1"))])
    refused = pos_engage(env, "journal", "resolve", str(entry.id), "--reason", "booked by hand", "--pin-stdin",
                         stdin="4826\n")
    assert refused.returncode == 2
    assert refused.stderr.strip() == (
        "pos-engage: configuration: This computer has no keyring to keep the manager PIN in, so no PIN can approve "
        "a manager action here: IT keeps a staff list instead ('pos-engage configure --machine --staff-add')")
    assert "Error" not in refused.stderr
