"""The manager's and IT's use cases, as every door calls them (core/office): a wrong code does nothing but leave
an audit row; a right one does the work, and the audit row names the person whose code it was. Against a real
SQLite journal, IT's staff list on disk and the simulator in-process."""

from __future__ import annotations

import random

import pytest

from pos_engage.core.errors import InputError
from pos_engage.core.journal import identity, payloads
from pos_engage.core.journal.claims import Settlement
from pos_engage.core.journal.entry import EntryStatus
from pos_engage.core.journal.replayer import Replayer
from pos_engage.core.office import queue
from pos_engage.core.office.people import People, StaffDirectory, it_person
from pos_engage.core.office.queue import ManagerActions
from tests.core.conftest import sale

ANNA = ("1001", "123456")      # a manager
BO = ("2002", "654321")        # a cashier


@pytest.fixture
def actions(journal, tmp_path):
    staff = StaffDirectory(tmp_path / "staff.json")
    staff.add(ANNA[0], "Anna Berg", "manager", ANNA[1])
    staff.add(BO[0], "Bo Ek", "cashier", BO[1])
    staff.save()
    return ManagerActions(journal, till="3", people=People(journal, till="3", directory=StaffDirectory.read(
        tmp_path / "staff.json")))


def audit(journal, *actions: str) -> list[tuple]:
    marks = ", ".join("?" for _ in actions)
    return [tuple(row) for row in journal.connection.execute(
        f"SELECT action, actor, till, reason FROM audit WHERE action IN ({marks}) ORDER BY id", actions)]  # noqa: S608


def queued(journal, unique_id: str) -> int:
    return journal.record([payloads.receipt(sale(unique_id))])[0].id


def test_an_export_refused_writes_nothing_and_the_try_is_audited(journal, actions, tmp_path):
    entry_id = queued(journal, "r-1")
    for code, by in ((ANNA[1][::-1], ANNA[0]), (BO[1], BO[0])):   # a wrong code; a cashier's right one
        with pytest.raises(InputError):
            actions.export(tmp_path / "exports", store="12", reason="outage", pin=code, by=by)
    assert not (tmp_path / "exports").exists() or not list((tmp_path / "exports").iterdir())
    assert journal.get(entry_id).status is EntryStatus.PENDING
    assert audit(journal, "pin-failed", "pin-refused") == [
        ("pin-failed", "Anna Berg (1001)", "3", "export the queue"),
        ("pin-refused", "Bo Ek (2002)", "3", "not a manager: export the queue")]
    assert audit(journal, "export") == []


def test_an_export_approved_writes_the_files_under_the_managers_name(journal, actions, tmp_path):
    entry_id = queued(journal, "r-2")
    result = actions.export(tmp_path / "exports", store="12", reason="outage", pin=ANNA[1], by=ANNA[0],
                            only={entry_id})
    assert [path.name for path in result.files] and all(path.exists() for path in result.files)
    assert journal.get(entry_id).status is EntryStatus.EXPORTED
    assert audit(journal, "pin-ok") == [("pin-ok", "Anna Berg (1001)", "3", f"export entry {entry_id}")]
    assert [(action, actor, reason) for action, actor, _, reason in audit(journal, "export")] == [
        ("export", "Anna Berg (1001)", "outage")]


def test_send_all_and_upload_are_approved_and_audited_before_they_start(journal, actions):
    with pytest.raises(InputError):
        actions.approve("send-all", purpose="send all now", pin="000000", by=ANNA[0])
    assert audit(journal, "send-all") == []
    who = actions.approve("upload", purpose="upload files", pin=ANNA[1], by=ANNA[0], reason="files in exports")
    assert who.actor == "Anna Berg (1001)"
    assert audit(journal, "upload") == [("upload", "Anna Berg (1001)", "3", "files in exports")]
    it = it_person("Karin")   # IT named at the command line: no code, and the row says so
    actions.approve("send-all", purpose="send all now", person=it)
    assert audit(journal, "send-all") == [("send-all", "IT: Karin, without a PIN", "3", "")]


async def test_send_all_delivers_everything_waiting(journal, client):
    ids = [queued(journal, f"r-all-{n}") for n in range(3)]
    progress = []
    report = await queue.send_all(journal, Replayer(journal, client, rng=random.Random(1)),
                                  progress=lambda done, waiting: progress.append((done, waiting)))
    assert report.delivered == 3 and progress[-1] == (3, 0)
    assert {journal.get(i).status for i in ids} == {EntryStatus.DELIVERED}


async def test_send_all_stopped_before_it_starts_sends_nothing(journal, client):
    entry_id = queued(journal, "r-stop")
    report = await queue.send_all(journal, Replayer(journal, client), should_stop=lambda: True)
    assert report.delivered == 0 and journal.get(entry_id).status is EntryStatus.PENDING


def test_a_lost_journal_is_acknowledged_only_with_a_managers_code(journal_path, clock, tmp_path):
    with identity.open_journal(journal_path, clock=clock) as first:
        first.record([payloads.receipt(sale("lost-1"))])
    journal_path.write_bytes(b"")     # emptied: a loss, told until a manager acknowledges it
    with identity.open_journal(journal_path, clock=clock) as journal:
        staff = StaffDirectory(tmp_path / "staff.json")
        staff.add(ANNA[0], "Anna Berg", "manager", ANNA[1])
        staff.save()
        actions = ManagerActions(journal, till="3", people=People(journal, till="3", directory=staff))
        assert actions.troubles().lost
        with pytest.raises(InputError):
            actions.acknowledge_lost("no backup", pin="999999", by=ANNA[0])
        assert actions.troubles().lost and audit(journal, "journal loss acknowledged") == []
        assert actions.acknowledge_lost("no backup", pin=ANNA[1], by=ANNA[0]) == 1
        assert not actions.troubles()
        assert audit(journal, "journal loss acknowledged") == [
            ("journal loss acknowledged", "Anna Berg (1001)", "3", "no backup")]


def test_recover_brings_entries_back_under_the_name_of_who_ran_it(journal, actions, tmp_path, clock):
    backup = tmp_path / "backup.sqlite3"
    with identity.open_journal(backup, clock=clock) as other:
        entry = other.record([payloads.receipt(sale("from-backup"))])[0]
        other.claim_due()
        other.settle([Settlement(entry.id, EntryStatus.WAITING_RETRY, error_code="Timeout", error="timeout")])
    assert actions.set_aside_files() == []
    (result,) = actions.recover([backup], person=it_person("Sara"), reason="restored from last night")
    assert len(result.imported) == 1 and result.kept_as is not None
    assert journal.get(result.imported[0]).status is EntryStatus.PENDING
    assert audit(journal, "journal recovered") == [
        ("journal recovered", "IT: Sara, without a PIN", "3", "restored from last night")]
