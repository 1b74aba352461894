"""People, not PCs: IT's staff directory, sign-in, and a lockout the till's own user cannot reset."""

from __future__ import annotations

import json
import sqlite3

import pytest

from pos_engage.core.errors import ConfigError, InputError
from pos_engage.core.journal import payloads
from pos_engage.core.journal.claims import Settlement
from pos_engage.core.journal.entry import EntryStatus
from pos_engage.core.office import people as people_module
from pos_engage.core.office.people import People, StaffDirectory, for_command_line, staff_file
from pos_engage.core.office.queue import ManagerActions
from pos_engage.core.pin import LOCKOUT_SECONDS, MAX_ATTEMPTS, PinLocked, hash_pin
from tests.core.conftest import sale


@pytest.fixture
def it_folder(monkeypatch, tmp_path):
    """IT's machine-wide folder (XDG_CONFIG_DIRS is where platformdirs finds it on Linux)."""
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(tmp_path / "etc-xdg"))
    return tmp_path / "etc-xdg" / "pos-engage"


@pytest.fixture
def directory(it_folder):
    staff = StaffDirectory.read()
    staff.add("1001", "Anna Berg", "manager", "482913")
    staff.add("2002", "Omar Said", "cashier", "246810")
    staff.save()
    return StaffDirectory.read()


def rows(journal, action):
    return [row for row in journal.audit_log() if row["action"] == action]


def test_the_directory_lives_beside_its_configuration_readable_and_without_codes(directory, it_folder):
    assert staff_file() == it_folder / "staff.json" == directory.path
    text = directory.path.read_text()
    assert "482913" not in text and "246810" not in text
    assert oct(directory.path.stat().st_mode & 0o777) == "0o644"  # the till's user reads it, only IT writes
    assert directory.listing() == [{"id": "1001", "name": "Anna Berg", "role": "manager"},
                                   {"id": "2002", "name": "Omar Said", "role": "cashier"}]
    assert "code" not in json.dumps(directory.listing())


@pytest.mark.parametrize(("staff_id", "name", "role", "code"), [
    ("", "Anna", "manager", "482913"), ("10 01", "Anna", "manager", "482913"), ("1001", " ", "manager", "482913"),
    ("1001", "Anna", "owner", "482913"), ("1001", "Anna", "manager", "1234"), ("1001", "Anna", "manager", "48291a")])
def test_bad_staff_entries_are_refused_and_nothing_is_written(it_folder, staff_id, name, role, code):
    staff = StaffDirectory.read()
    with pytest.raises(InputError):
        staff.add(staff_id, name, role, code)
    assert not staff.members and not staff_file().exists()


def test_a_damaged_directory_is_a_clear_configuration_error(it_folder):
    it_folder.mkdir(parents=True)
    staff_file().write_text("{not json")
    with pytest.raises(ConfigError, match=r"staff list .* is damaged"):
        StaffDirectory.read()


def test_a_damaged_directory_approves_nobody_not_even_the_single_pin(journal, it_folder):
    it_folder.mkdir(parents=True)
    staff_file().write_text('{"staff": {"1001": {"name": "Anna"}}}')
    people = People(journal, till="3", single_pin=lambda: hash_pin("4826"))
    assert people.sign_in_required
    for by in (None, "1001"):
        with pytest.raises(ConfigError, match="is damaged"):
            people.verify("4826", by=by)


def test_signing_in_and_a_managers_code_name_the_person(journal, directory):
    people = People(journal, till="3", directory=directory)
    assert people.sign_in_required
    cashier = people.sign_in("2002", "246810")
    assert cashier.actor == "Omar Said (2002)" and not cashier.is_manager
    with pytest.raises(InputError, match="Omar Said is not a manager"):
        people.verify("246810", by="2002", purpose="retry entry 1")  # a cashier's right code approves nothing
    manager = people.verify("482913", by="1001", purpose="retry entry 1")
    assert manager.actor == "Anna Berg (1001)"
    actions = [(row["action"], row["actor"]) for row in journal.audit_log()]
    assert actions == [("pin-ok", "Omar Said (2002)"), ("sign-in", "Omar Said (2002)"),
                       ("pin-refused", "Omar Said (2002)"), ("pin-ok", "Anna Berg (1001)")]


def test_with_a_directory_the_staff_number_is_needed_and_the_single_pin_is_refused(journal, directory):
    people = People(journal, till="3", directory=directory, single_pin=lambda: hash_pin("4826"))
    with pytest.raises(InputError, match="staff number"):
        people.verify("4826")
    with pytest.raises(InputError, match="Wrong code"):
        people.verify("4826", by="1001")
    with pytest.raises(InputError, match="Wrong code"):
        people.verify("482913", by="9999")  # nobody has that number: a failed attempt like any other
    assert [row["actor"] for row in rows(journal, "pin-failed")] == ["Anna Berg (1001)", "unknown staff number 9999"]


def test_without_a_directory_the_single_pin_is_the_unnamed_manager_and_the_till_is_shared(journal, it_folder):
    people = People(journal, till="3", single_pin=lambda: hash_pin("4826"))
    assert not people.has_directory and not people.sign_in_required
    assert people.shared.actor == "till 3"
    assert people.verify("4826").actor == "manager (the till's PIN)"
    with pytest.raises(ConfigError, match="No manager PIN is set"):
        People(journal, till="3", single_pin=lambda: None).verify("4826")


def test_shared_mode_is_chosen_even_with_a_directory(journal, directory):
    assert not People(journal, till="3", directory=directory, sign_in="shared").sign_in_required
    assert People(journal, till="3", directory=directory, sign_in="required").sign_in_required


def test_lockout_comes_from_the_audit_log_and_ends(journal, clock, directory):
    people = People(journal, till="3", directory=directory)
    for _ in range(MAX_ATTEMPTS):
        with pytest.raises(InputError) as wrong:
            people.verify("000000", by="1001")
        clock.advance(10)
    assert "locked for 5 minutes" in str(wrong.value)
    with pytest.raises(PinLocked):
        people.verify("482913", by="1001")  # even the right code waits
    assert people.verify("246810", by="2002", manager=False).id == "2002"  # only that person is locked
    # A new People (the till restarted) reads the same rows.
    with pytest.raises(PinLocked):
        People(journal, till="3", directory=StaffDirectory.read()).verify("482913", by="1001")
    clock.advance(LOCKOUT_SECONDS)
    assert people.verify("482913", by="1001").id == "1001"
    assert len(rows(journal, "pin-failed")) == MAX_ATTEMPTS
    assert [row["actor"] for row in rows(journal, "pin-locked")] == ["Anna Berg (1001)"] * 2


def test_a_till_user_rewriting_the_keyring_cannot_reset_the_single_pins_lockout(journal, clock, it_folder,
                                                                                 memory_keyring):
    from pos_engage.core import credentials

    credentials.set_secret(credentials.MANAGER_PIN_HASH, hash_pin("4826"))
    actions = ManagerActions(journal, till="3")
    for _ in range(MAX_ATTEMPTS):
        with pytest.raises(InputError):
            actions.verify("1111")
    # The till's user writes a fresh record over the keyring entry (an old record's counters, or a new hash).
    old_style = json.loads(hash_pin("4826")) | {"failures": 0, "locked_until": 0}
    credentials.set_secret(credentials.MANAGER_PIN_HASH, json.dumps(old_style))
    with pytest.raises(PinLocked):
        ManagerActions(journal, till="3").verify("4826")
    # Nor can the rows that hold the count be edited or deleted.
    for statement in ("DELETE FROM audit WHERE action = 'pin-failed'", "UPDATE audit SET action = 'pin-ok'"):
        with pytest.raises(sqlite3.DatabaseError, match="append-only"):
            journal.connection.execute(statement)
    clock.advance(LOCKOUT_SECONDS + 1)
    assert actions.verify("4826").actor == "manager (the till's PIN)"


def test_a_right_code_starts_the_count_again_and_old_failures_are_forgotten(journal, clock, directory):
    people = People(journal, till="3", directory=directory)
    for _ in range(MAX_ATTEMPTS - 1):
        with pytest.raises(InputError):
            people.verify("000000", by="1001")
    people.verify("482913", by="1001")
    for _ in range(MAX_ATTEMPTS - 1):
        with pytest.raises(InputError):
            people.verify("000000", by="1001")
    clock.advance(people_module.ATTEMPTS_LOOKBACK + 1)
    with pytest.raises(InputError, match=r"^Wrong code$"):
        people.verify("000000", by="1001")  # the four of yesterday do not count
    people.verify("482913", by="1001")


def test_manager_actions_audit_the_manager_and_reveal_is_audited(journal, directory):
    entry = journal.record([payloads.receipt(sale("r1"))])[0]
    journal.claim_due()
    journal.settle([Settlement(entry.id, EntryStatus.NEEDS_ATTENTION, error_code="InvalidReceipt", error="400")])
    actions = ManagerActions(journal, till="3", people=People(journal, till="3", directory=directory))
    actions.reveal(entry.id, pin="482913", by="1001")
    actions.retry(entry.id, pin="482913", by="1001", reason="fixed")
    journal.claim_due()
    journal.settle([Settlement(entry.id, EntryStatus.NEEDS_ATTENTION, error_code="InvalidReceipt", error="400")])
    with pytest.raises(InputError):
        actions.resolve(entry.id, pin="246810", by="2002", reason="booked by hand")
    actions.resolve(entry.id, pin="482913", by="1001", reason="booked by hand")
    trail = [(row["action"], row["actor"]) for row in journal.audit_log(entry.id)]
    assert trail == [("reveal", "Anna Berg (1001)"), ("retry", "Anna Berg (1001)"), ("resolve", "Anna Berg (1001)")]


def test_the_command_line_needs_a_code_or_it_by_name(journal, directory):
    people = People(journal, till="3", directory=directory)
    with pytest.raises(InputError, match="--pin-stdin"):
        for_command_line(people, pin_stdin=False, by=None, it=None, read_code=lambda: "", purpose="resolve")
    with pytest.raises(InputError, match="--it"):
        for_command_line(people, pin_stdin=False, by=None, it="   ", read_code=lambda: "", purpose="resolve")
    assert for_command_line(people, pin_stdin=True, by="1001", it=None, read_code=lambda: "482913\n",
                            purpose="resolve").actor == "Anna Berg (1001)"
    erik = for_command_line(people, pin_stdin=False, by=None, it="Erik", read_code=lambda: "", purpose="resolve")
    assert erik.actor == "IT: Erik, without a PIN" and erik.is_manager
    assert rows(journal, "it-override")[0]["actor"] == "IT: Erik, without a PIN"
    # A command that loses nothing (recover) names the till when no one is named; a staff number alone names nobody.
    assert for_command_line(people, pin_stdin=False, by=None, it=None, read_code=lambda: "", purpose="recover",
                            required=False).actor == "till 3"
    with pytest.raises(InputError, match="--pin-stdin"):
        for_command_line(people, pin_stdin=False, by="1001", it=None, read_code=lambda: "", purpose="recover",
                         required=False)


def test_without_a_staff_list_the_command_line_takes_the_tills_pin(journal, it_folder):
    people = People(journal, till="3", single_pin=lambda: hash_pin("4826"))
    assert for_command_line(people, pin_stdin=True, by=None, it=None, read_code=lambda: "4826\n",
                            purpose="resolve").actor == "manager (the till's PIN)"
    with pytest.raises(InputError, match="No code on standard input"):
        for_command_line(people, pin_stdin=True, by=None, it=None, read_code=lambda: "", purpose="resolve")


def test_before_a_code_is_asked_core_says_why_none_could_be_checked(journal, it_folder, memory_keyring):
    """What a door says instead of asking for a code (People.approval_problem), and doctor's people line: the same
    facts. Without a staff list: no keyring for the till's PIN, or no PIN; with one: no manager on it."""
    import keyring
    from keyring.backends import fail

    from pos_engage.core import credentials
    from pos_engage.core.config import Config
    from pos_engage.core.office.health import people_check

    single = People(journal, till="3")
    assert str(single.approval_problem()).startswith("No manager PIN is set: IT sets one")
    credentials.set_secret(credentials.MANAGER_PIN_HASH, hash_pin("4826"))
    assert single.approval_problem() is None and people_check(Config()).status == "ok"
    keyring.set_keyring(fail.Keyring())
    try:
        said = str(single.approval_problem())
        check = people_check(Config())
    finally:
        keyring.set_keyring(memory_keyring)
    assert said.startswith("This computer has no keyring to keep the manager PIN in") and "--staff-add" in said
    assert (check.status, check.detail) == ("warning", f"no staff list: {said}")

    staff = StaffDirectory.read()
    staff.add("2002", "Omar Said", "cashier", "246810")
    staff.save()
    listed = People(journal, till="3")
    assert "names no manager" in str(listed.approval_problem())
    staff.add("1001", "Anna Berg", "manager", "482913")
    staff.save()
    assert People(journal, till="3").approval_problem() is None
