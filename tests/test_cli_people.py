"""People at the command line: IT keeps the staff list; a command that changes the journal names who runs it, by a
manager's code or as IT, and is refused otherwise. Real processes, a real journal file, IT's folder redirected."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from pos_engage.core.journal import payloads
from pos_engage.core.journal.claims import Settlement
from pos_engage.core.journal.entry import EntryStatus
from pos_engage.core.journal.store import Journal
from tests.core.conftest import sale


def pos_engage(env, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pos_engage", *args], env=env, input=stdin, capture_output=True,
                          text=True, timeout=60)


@pytest.fixture
def till(tmp_path):
    """A till (number 4) with one entry that needs attention, and IT's folder where platformdirs finds it."""
    config = tmp_path / "config.json"
    config.write_text(json.dumps({"till_id": "4"}))
    env = os.environ | {"POS_ENGAGE_CONFIG": str(config), "POS_ENGAGE_DATA_DIR": str(tmp_path / "data"),
                        "XDG_CONFIG_DIRS": str(tmp_path / "etc-xdg")}
    env.pop("POS_ENGAGE_API_KEY", None)
    journal_path = tmp_path / "data" / "journal.sqlite3"
    with Journal.open(journal_path) as journal:
        (entry,) = journal.record([payloads.receipt(sale("r-1"))])
        journal.claim_due()
        journal.settle([Settlement(entry.id, EntryStatus.NEEDS_ATTENTION, error_code="InvalidReceipt",
                                   error="400: InvalidReceipt: totalGrossPrice does not match")])
    return env, journal_path, tmp_path / "etc-xdg" / "pos-engage" / "staff.json"


@pytest.fixture
def staff(till):
    env, _, staff_file = till
    for staff_id, name, role, code in (("1001", "Anna Berg", "manager", "482913"),
                                       ("2002", "Omar Said", "cashier", "246810")):
        added = pos_engage(env, "configure", "--machine", "--staff-add", staff_id, "--name", name, "--role", role,
                           "--code-stdin", stdin=f"{code}\n")
        assert added.returncode == 0, added.stderr
        assert f"{name} ({staff_id}), {role}, is on the staff list {staff_file}" in added.stdout
    return till


def audit(journal_path, action):
    with Journal.open(journal_path) as journal:
        return [row for row in journal.audit_log() if row["action"] == action]


def status(journal_path):
    with Journal.open(journal_path) as journal:
        return journal.get(1).status


def test_resolve_without_a_pin_is_refused_with_a_clear_line_and_nothing_changes(staff):
    env, journal_path, _ = staff
    refused = pos_engage(env, "journal", "resolve", "1", "--reason", "booked by hand")
    assert refused.returncode == 2
    assert refused.stderr.strip() == ("pos-engage: This changes the journal: give a manager's code with --pin-stdin "
                                      "(and --by with the staff number), or say who you are in IT with --it \"Name\"")
    assert "Traceback" not in refused.stderr
    named_only = pos_engage(env, "journal", "resolve", "1", "--reason", "booked by hand", "--by", "anyone")
    assert named_only.returncode == 2  # --by alone names nobody any more
    assert status(journal_path) is EntryStatus.NEEDS_ATTENTION and audit(journal_path, "resolve") == []


def test_resolve_with_a_managers_code_audits_that_manager(staff):
    env, journal_path, _ = staff
    done = pos_engage(env, "journal", "resolve", "1", "--reason", "booked by hand", "--pin-stdin", "--by", "1001",
                      stdin="482913\n")
    assert done.returncode == 0, done.stderr
    assert status(journal_path) is EntryStatus.RESOLVED
    (row,) = audit(journal_path, "resolve")
    assert (row["actor"], row["till"], row["reason"]) == ("Anna Berg (1001)", "4", "booked by hand")
    assert [r["actor"] for r in audit(journal_path, "pin-ok")] == ["Anna Berg (1001)"]


def test_a_wrong_code_or_a_cashiers_code_is_refused_and_audited(staff):
    env, journal_path, _ = staff
    wrong = pos_engage(env, "journal", "retry", "1", "--pin-stdin", "--by", "1001", stdin="000000\n")
    assert wrong.returncode == 2 and wrong.stderr.strip() == "pos-engage: Wrong code"
    cashier = pos_engage(env, "journal", "retry", "1", "--pin-stdin", "--by", "2002", stdin="246810\n")
    assert cashier.returncode == 2 and "Omar Said is not a manager" in cashier.stderr
    assert status(journal_path) is EntryStatus.NEEDS_ATTENTION
    assert [r["actor"] for r in audit(journal_path, "pin-failed")] == ["Anna Berg (1001)"]
    assert [r["actor"] for r in audit(journal_path, "pin-refused")] == ["Omar Said (2002)"]


def test_it_by_name_runs_it_without_a_pin_and_is_audited_as_such(staff):
    env, journal_path, _ = staff
    done = pos_engage(env, "journal", "resolve", "1", "--reason", "duplicate", "--it", "Erik")
    assert done.returncode == 0, done.stderr
    (row,) = audit(journal_path, "resolve")
    assert row["actor"] == "IT: Erik, without a PIN"
    assert [r["actor"] for r in audit(journal_path, "it-override")] == ["IT: Erik, without a PIN"]
    both = pos_engage(env, "journal", "retry", "1", "--it", "Erik", "--pin-stdin", stdin="482913\n")
    assert both.returncode == 2 and "not both" in both.stderr


def test_the_staff_list_is_its_never_shows_codes_and_refuses_bad_entries(staff):
    env, _, staff_file = staff
    listed = pos_engage(env, "configure", "--staff-list")
    assert listed.returncode == 0
    assert listed.stdout.split("\n")[:2] == [f"{'1001':<20} {'manager':<8} Anna Berg",
                                             f"{'2002':<20} {'cashier':<8} Omar Said"]
    text = staff_file.read_text()
    assert "482913" not in text and "246810" not in text and "482913" not in listed.stdout
    not_it = pos_engage(env, "configure", "--staff-add", "3003", "--name", "Sara", "--role", "manager",
                        "--code-stdin", stdin="135790\n")
    assert not_it.returncode == 2 and "--machine" in not_it.stderr
    short = pos_engage(env, "configure", "--machine", "--staff-add", "3003", "--name", "Sara", "--role", "manager",
                       "--code-stdin", stdin="1357\n")
    assert short.returncode == 2 and "6 to 12 digits" in short.stderr
    removed = pos_engage(env, "configure", "--machine", "--staff-remove", "2002")
    assert removed.returncode == 0 and "Omar Said (2002) is no longer on the staff list" in removed.stdout
    assert "Omar" not in pos_engage(env, "configure", "--staff-list").stdout


def test_gdpr_compact_and_a_lost_journals_acknowledgement_need_a_person_too(staff):
    env, journal_path, _ = staff
    for command in (("gdpr", "extract", "--email", "someone@example.se"),
                    ("gdpr", "forget", "--email", "someone@example.se", "--reason", "request"),
                    ("journal", "compact"), ("journal", "acknowledge-lost", "--reason", "gone")):
        refused = pos_engage(env, *command)
        assert refused.returncode == 2 and "--pin-stdin" in refused.stderr, command
    extracted = pos_engage(env, "gdpr", "extract", "--email", "someone@example.se", "--pin-stdin", "--by", "1001",
                           stdin="482913\n")
    assert extracted.returncode == 0, extracted.stderr
    assert [r["actor"] for r in audit(journal_path, "gdpr-extract")] == ["Anna Berg (1001)"]


def test_doctor_tells_it_who_approves_and_a_damaged_staff_list_is_broken(staff):
    env, _, staff_file = staff

    def people_check():
        done = pos_engage(env, "doctor", "--json")
        (check,) = [c for c in json.loads(done.stdout)["checks"] if c["name"] == "people"]
        return done.returncode, check

    assert people_check()[1] == {"name": "people", "status": "ok",
                                 "detail": "2 people on the staff list, 1 manager; cashiers sign in"}
    staff_file.write_text("{")
    code, check = people_check()
    assert code == 2 and check["status"] == "failed" and "is damaged" in check["detail"]
    refused = pos_engage(env, "journal", "resolve", "1", "--reason", "x", "--pin-stdin", "--by", "1001",
                         stdin="482913\n")
    assert refused.returncode == 2 and "staff list" in refused.stderr and "Traceback" not in refused.stderr
