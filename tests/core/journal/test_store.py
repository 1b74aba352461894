"""The journal store: durable, ordered, idempotent, and strict about its state machine."""

from __future__ import annotations

import os
import sqlite3
import stat

import pytest

from pos_engage.core.domain import ContactKey, NewContact
from pos_engage.core.journal import payloads
from pos_engage.core.journal.claims import Settlement
from pos_engage.core.journal.entry import TRANSITIONS, EntryKind, EntryStatus, NewEntry
from pos_engage.core.journal.errors import (
    InvalidTransition,
    JournalCorrupt,
    JournalError,
    JournalTooNew,
    JournalUnavailable,
    UnknownEntry,
)
from pos_engage.core.journal.store import Journal
from tests.core.conftest import sale


def test_file_is_owner_only_wal_and_synchronous_full(journal, journal_path):
    assert stat.S_IMODE(os.stat(journal_path).st_mode) == 0o600
    assert journal.connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert journal.connection.execute("PRAGMA synchronous").fetchone()[0] == 2  # FULL


def test_a_sale_is_written_in_one_transaction_and_idempotently(journal):
    entries = [payloads.receipt(sale("r1")), payloads.promotion_redemption("a1", contact_id="c1")]
    first = journal.record(entries, sale_id="s1")
    again = journal.record(entries, sale_id="s1")
    assert [e.id for e in first] == [e.id for e in again]
    assert journal.count() == 2
    assert {e.sale_id for e in first} == {"s1"}
    assert first[0].idempotency_key == "receipt:r1"


def test_a_failing_sale_writes_nothing(journal):
    good = payloads.receipt(sale("r1"))
    broken = NewEntry(EntryKind.RECEIPT, {"receipt": {}}, "receipt:r2", depends_on=99999)  # no such entry
    with pytest.raises(JournalError):
        journal.record([good, broken])
    assert journal.count() == 0


def test_claim_is_in_creation_order_and_marks_in_flight(journal):
    ids = [journal.enqueue(EntryKind.RECEIPT, {"n": n}, idempotency_key=f"k{n}").id for n in range(5)]
    claimed = journal.claim_due(limit=3)
    assert [e.id for e in claimed] == ids[:3]
    assert all(e.status is EntryStatus.IN_FLIGHT for e in claimed)
    assert [e.id for e in journal.claim_due(limit=10)] == ids[3:]
    assert journal.claim_due() == []


def test_dependents_wait_for_their_dependency(journal):
    registration, receipt = journal.record([
        payloads.registration(NewContact(first_name="A", email="a@example.se"), store_external_id="1"),
        payloads.receipt(sale("r1"), depends_on_index=0)])
    assert receipt.depends_on == registration.id
    assert [e.id for e in journal.claim_due()] == [registration.id]
    journal.settle([Settlement(registration.id, EntryStatus.NEEDS_ATTENTION, error="bad email")])
    assert journal.claim_due() == []
    assert journal.figures().blocked == 1
    journal.retry(registration.id, actor="manager", reason="email corrected")
    journal.claim_due()
    journal.settle([Settlement(registration.id, EntryStatus.DELIVERED, result={"contactId": "c9"})])
    assert [e.id for e in journal.claim_due()] == [receipt.id]


def test_a_lane_is_delivered_strictly_in_order(journal, clock):
    first = journal.enqueue(EntryKind.UPDATE_CONTACT, {"n": 1}, idempotency_key="u1", lane="contact:c1")
    second = journal.enqueue(EntryKind.UPDATE_CONTACT, {"n": 2}, idempotency_key="u2", lane="contact:c1")
    other = journal.enqueue(EntryKind.UPDATE_CONTACT, {"n": 3}, idempotency_key="u3", lane="contact:c2")
    assert [e.id for e in journal.claim_due()] == [first.id, other.id]
    journal.settle([Settlement(first.id, EntryStatus.WAITING_RETRY, next_attempt_at=clock() + 30)])
    assert journal.claim_due() == []  # the second may not overtake the first while it waits
    clock.advance(31)
    assert [e.id for e in journal.claim_due()] == [first.id]
    journal.settle([Settlement(first.id, EntryStatus.DELIVERED)])
    assert [e.id for e in journal.claim_due()] == [second.id]


def test_waiting_entries_become_due_at_their_time(journal, clock):
    entry = journal.enqueue(EntryKind.RECEIPT, {}, idempotency_key="k")
    journal.claim_due()
    journal.settle([Settlement(entry.id, EntryStatus.WAITING_RETRY, error="down", next_attempt_at=clock() + 10)])
    assert journal.claim_due() == []
    assert journal.next_due_at() == clock() + 10
    clock.advance(10)
    assert [e.id for e in journal.claim_due()] == [entry.id]


def test_wake_waiting_makes_everything_due_now(journal, clock):
    entry = journal.enqueue(EntryKind.RECEIPT, {}, idempotency_key="k")
    journal.claim_due()
    journal.settle([Settlement(entry.id, EntryStatus.WAITING_RETRY, next_attempt_at=clock() + 300)])
    assert journal.wake_waiting() == 1
    assert [e.id for e in journal.claim_due()] == [entry.id]


def test_settle_refuses_entries_not_in_flight(journal):
    entry = journal.enqueue(EntryKind.RECEIPT, {}, idempotency_key="k")
    with pytest.raises(InvalidTransition):
        journal.settle([Settlement(entry.id, EntryStatus.DELIVERED)])
    journal.claim_due()
    with pytest.raises(InvalidTransition):
        journal.settle([Settlement(entry.id, EntryStatus.EXPORTED)])
    journal.settle([Settlement(entry.id, EntryStatus.DELIVERED)])
    with pytest.raises(InvalidTransition):
        journal.settle([Settlement(entry.id, EntryStatus.DELIVERED)])  # never delivered twice
    assert journal.get(entry.id).attempts == 1


@pytest.mark.parametrize("status", list(EntryStatus))
def test_only_the_documented_moves_to_resolved_are_allowed(journal, status):
    entry = journal.enqueue(EntryKind.RECEIPT, {}, idempotency_key="k")
    journal.connection.execute("UPDATE entries SET status = ? WHERE id = ?", (status.value, entry.id))
    if EntryStatus.RESOLVED in TRANSITIONS[status]:
        journal.resolve(entry.id, actor="m", reason="customer paid cash, no loyalty")
        assert journal.get(entry.id).status is EntryStatus.RESOLVED
    else:
        with pytest.raises(InvalidTransition):
            journal.resolve(entry.id, actor="m", reason="x")


def test_resolve_needs_a_reason_and_is_audited(journal):
    entry = journal.enqueue(EntryKind.RECEIPT, {}, idempotency_key="k")
    with pytest.raises(JournalError, match="reason"):
        journal.resolve(entry.id, actor="anna", reason="  ")
    journal.resolve(entry.id, actor="anna", reason="duplicate of receipt 12", till="3")
    (row,) = journal.audit_log(entry.id)
    assert (row["action"], row["actor"], row["till"], row["reason"]) == ("resolve", "anna", "3",
                                                                          "duplicate of receipt 12")


def test_the_audit_log_is_append_only(journal):
    journal.audit("export", actor="m", reason="outage")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        journal.connection.execute("UPDATE audit SET actor = 'someone else'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        journal.connection.execute("DELETE FROM audit")


def test_unknown_entry(journal):
    with pytest.raises(UnknownEntry):
        journal.get(42)
    with pytest.raises(UnknownEntry):
        journal.retry(42, actor="m")


def test_in_flight_entries_are_recovered_to_check_first(journal_path, clock):
    with Journal.open(journal_path, clock=clock) as journal:
        entry = journal.enqueue(EntryKind.REDEEM_PROMOTION, {}, idempotency_key="k")
        journal.claim_due()
    with Journal.open(journal_path, clock=clock) as reopened:  # the till stopped mid-delivery
        assert reopened.recover_in_flight() == 1
        recovered = reopened.get(entry.id)
        assert recovered.status is EntryStatus.PENDING and recovered.check_first


def test_prune_drops_personal_data_but_keeps_a_record(journal, clock):
    entry = journal.record([payloads.registration(NewContact(email="a@example.se"), store_external_id="1")])[0]
    journal.claim_due()
    journal.settle([Settlement(entry.id, EntryStatus.DELIVERED, result={"contactId": "c1"})])
    clock.advance(29 * 86400)
    assert journal.prune(30) == 0
    clock.advance(2 * 86400)
    assert journal.prune(30) == 1
    pruned = journal.get(entry.id)
    assert pruned.payload is None and pruned.result is None and pruned.pruned_at
    assert (pruned.kind, pruned.status) == (EntryKind.REGISTER_CONTACT, EntryStatus.DELIVERED)
    assert "a@example.se" not in pruned.idempotency_key and pruned.idempotency_key.startswith("register:pruned")
    journal.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert b"a@example.se" not in journal.path.read_bytes()  # overwritten on disk (secure_delete)


def test_contacts_cache_holds_no_identifier_in_clear(journal):
    key = ContactKey.email("Anna.Andersson@example.se")
    journal.cache_contact(key, "c-1")
    assert journal.cached_contact(ContactKey.email("anna.andersson@example.se")) == "c-1"
    assert journal.cached_contact(ContactKey.email("other@example.se")) is None
    rows = journal.connection.execute("SELECT key_hash FROM contacts_cache").fetchall()
    assert all("anna" not in row[0] for row in rows)


def test_figures(journal, clock):
    first = journal.enqueue(EntryKind.RECEIPT, {}, idempotency_key="a")
    clock.advance(60)
    journal.enqueue(EntryKind.RECEIPT, {}, idempotency_key="b")
    journal.claim_due(limit=1)
    journal.settle([Settlement(first.id, EntryStatus.CONFLICT, error="409")])
    figures = journal.figures()
    assert (figures.pending, figures.conflicts, figures.needs_attention) == (1, 1, 0)
    assert figures.oldest_age(clock() + 10) == 10


# ---------------------------------------------------------------- storage failures


def test_a_non_sqlite_file_is_set_aside_never_overwritten(journal_path, clock):
    journal_path.parent.mkdir(parents=True)
    journal_path.write_bytes(b"these are not the receipts you are looking for")
    with pytest.raises(JournalCorrupt) as caught:
        Journal.open(journal_path, clock=clock)
    aside = caught.value.aside
    assert aside.exists() and aside.read_bytes().startswith(b"these are not")
    assert str(aside) in str(caught.value) and "nothing was deleted" in str(caught.value)
    with Journal.open(journal_path, clock=clock) as fresh:  # the next start begins a new journal
        assert fresh.count() == 0


def test_a_damaged_journal_can_continue_with_a_fresh_one(journal_path, clock):
    with Journal.open(journal_path, clock=clock) as journal:
        for n in range(200):
            journal.enqueue(EntryKind.RECEIPT, {"pad": "x" * 500}, idempotency_key=f"k{n}")
        journal.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    data = bytearray(journal_path.read_bytes())
    data[4096 * 3:4096 * 3 + 2000] = os.urandom(2000)  # scribble over a page in the middle
    journal_path.write_bytes(bytes(data))
    with Journal.open(journal_path, clock=clock, on_damage="continue") as journal:
        assert journal.set_aside_file is not None and journal.set_aside_file.exists()
        assert journal.count() == 0


def test_a_journal_from_a_newer_version_is_refused(journal_path, clock):
    with Journal.open(journal_path, clock=clock) as journal:
        journal.connection.execute("INSERT INTO _sqlite_migrations (migration_set, name, applied_at) "
                                   "VALUES ('pos_engage_journal', '0099_future', 'x')")
    with pytest.raises(JournalTooNew, match="newer version"):
        Journal.open(journal_path, clock=clock)


def test_a_full_disk_refuses_the_sale_with_a_clear_message(journal):
    # SQLite's own page limit gives the real SQLITE_FULL path without filling the machine's disk.
    pages = journal.connection.execute("PRAGMA page_count").fetchone()[0]
    journal.connection.execute(f"PRAGMA max_page_count = {pages + 1}")
    def keep_selling() -> None:
        for n in range(100):
            journal.record([payloads.receipt(sale(f"r{n}"))])

    with pytest.raises(JournalUnavailable, match="disk is full") as caught:
        keep_selling()
    assert "Nothing was recorded" in str(caught.value)
    survivors = journal.count()
    assert journal.integrity() == "ok"
    assert all(journal.get(e.id).payload for e in journal.entries(limit=survivors))


def test_a_read_only_journal_refuses_the_sale(journal_path, clock):
    with Journal.open(journal_path, clock=clock) as journal:
        journal.enqueue(EntryKind.RECEIPT, {}, idempotency_key="k")
    read_only = sqlite3.connect(f"file:{journal_path}?mode=ro", uri=True, isolation_level=None)
    journal = Journal(read_only, journal_path, clock)
    with pytest.raises(JournalUnavailable, match="read-only"):
        journal.record([payloads.receipt(sale("r9"))])


def test_a_data_path_that_is_a_folder_is_a_clear_error(journal_path, clock):
    journal_path.mkdir(parents=True)
    with pytest.raises(JournalError, match="is a folder"):
        Journal.open(journal_path, clock=clock)


def test_a_data_path_under_a_file_is_a_clear_error(tmp_path, clock):
    blocker = tmp_path / "data"
    blocker.write_text("a file where the data folder should be")
    with pytest.raises(JournalUnavailable, match="cannot be opened"):
        Journal.open(blocker / "journal.sqlite3", clock=clock)


def test_a_manager_cannot_retry_an_entry_while_it_is_being_sent(journal):
    """Found by the state machine: a retry during delivery would let the entry be claimed and sent twice."""
    entry = journal.enqueue(EntryKind.RECEIPT, {}, idempotency_key="k")
    journal.claim_due()
    with pytest.raises(InvalidTransition):
        journal.retry(entry.id, actor="manager")
    assert journal.claim_due() == []


def test_an_older_journal_is_migrated_in_place_with_a_backup(journal_path, clock):
    import sqlite_utils

    from pos_engage.core.journal import schema
    journal_path.parent.mkdir(parents=True)
    older = sqlite_utils.Database(journal_path)
    schema.migrations.apply(older, stop_before="0002_audit_exports_cache")  # what a previous version left
    older.execute("INSERT INTO entries (kind, payload, idempotency_key, status, next_attempt_at, created_at, "
                  "updated_at) VALUES ('receipt', '{}', 'receipt:old', 'pending', 0, 0, 0)")
    older.conn.commit()
    older.close()
    with Journal.open(journal_path, clock=clock) as journal:
        assert journal.get(1).idempotency_key == "receipt:old"  # kept through the upgrade
        journal.audit("upgrade-check", actor="test")            # the new tables exist
    backup = journal_path.with_name("journal.sqlite3.before-0002_audit_exports_cache.bak")
    assert backup.exists() and stat.S_IMODE(os.stat(backup).st_mode) == 0o600
    copy = sqlite3.connect(backup)
    assert copy.execute("SELECT idempotency_key FROM entries").fetchall() == [("receipt:old",)]
    assert not copy.execute("SELECT name FROM sqlite_master WHERE name = 'audit'").fetchall()
    copy.close()


def test_a_journal_from_before_orders_keeps_its_export_manifest_and_gains_the_orders_table(journal_path, clock):
    import sqlite_utils

    from pos_engage.core.journal import schema
    journal_path.parent.mkdir(parents=True)
    older = sqlite_utils.Database(journal_path)
    schema.migrations.apply(older, stop_before="0004_orders")
    older.execute("INSERT INTO exports (file_name, file_kind, state, entry_count, sha256, created_at) "
                  "VALUES ('20261124_1-1_contacts.xml', 'contacts', 'ready', 3, 'abc', 1)")
    older.conn.commit()
    older.close()
    with Journal.open(journal_path, clock=clock) as journal:
        rows = journal.connection.execute("SELECT file_name, state, entry_count FROM exports").fetchall()
        assert [tuple(r) for r in rows] == [("20261124_1-1_contacts.xml", "ready", 3)]
        journal.connection.execute("INSERT INTO exports (file_name, file_kind, state, entry_count, sha256, "
                                   "created_at) VALUES ('o.xml', 'orders', 'ready', 1, 'x', 2)")
        assert journal.order("nothing-yet") is None
