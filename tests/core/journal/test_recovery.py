"""Recovering a set-aside journal and remembering that the till had one (core.journal.recovery), on real SQLite
files: what comes back and in what state, deduplication, dependencies, a table damaged in the middle read row by
row, and the losses (vanished, emptied, replaced) told until acknowledged, while a file set aside by name is not."""

from __future__ import annotations

import contextlib
import shutil
import sqlite3

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pos_engage.core.errors import InputError
from pos_engage.core.journal import identity, payloads, recovery
from pos_engage.core.journal.entry import UNDELIVERED, EntryStatus
from pos_engage.core.journal.store import Journal
from tests.core.conftest import sale


@pytest.fixture
def folder(tmp_path):
    return tmp_path / "data"


def connected(path):
    """A plain connection, committed and closed at the end (sqlite3's own ``with`` leaves it open)."""
    return contextlib.closing(sqlite3.connect(path, isolation_level=None))


def states(path) -> dict[str, str]:
    with connected(path) as db:
        return dict(db.execute("SELECT idempotency_key, status FROM entries"))


def old_journal(path, statuses: dict[str, str]) -> None:
    """A journal file whose receipts are in the given states (set directly: the file as a crash left it)."""
    with identity.open_journal(path) as journal:
        for unique_id in statuses:
            journal.record([payloads.receipt(sale(unique_id))])
    with connected(path) as db:
        db.executemany("UPDATE entries SET status = ?, delivered_at = CASE WHEN ? = 'delivered' THEN 1 END "
                       "WHERE idempotency_key = ?",
                       [(status, status, f"receipt:{unique_id}") for unique_id, status in statuses.items()])


def test_undelivered_entries_come_back_pending_and_checked_first_settled_ones_stay_in_the_file(folder):
    source = folder / "journal.damaged-20261127-120000.sqlite3"
    old_journal(source, {"p": "pending", "w": "waiting_retry", "f": "in_flight", "n": "needs_attention",
                         "c": "conflict", "d": "delivered", "e": "exported", "r": "resolved"})
    with identity.open_journal(folder / "journal.sqlite3") as journal:
        journal.record([payloads.receipt(sale("w"))])  # re-journaled meanwhile (the POS sent it again)
        result = recovery.recover(journal, source, actor="it-sara", till="3", reason="disk")
        assert (len(result.imported), result.duplicates, result.settled) == (4, 1, 3)
        back = {e.idempotency_key: e for e in journal.entries()}
        assert set(back) == {"receipt:p", "receipt:w", "receipt:f", "receipt:n", "receipt:c"}
        for key in ("receipt:p", "receipt:f", "receipt:n", "receipt:c"):
            assert back[key].status is EntryStatus.PENDING and back[key].check_first, key
        assert not back["receipt:w"].check_first  # the journal's own entry is left as it is
        assert [row["action"] for row in journal.audit_log(back["receipt:n"].id)] == ["recovered"]
    assert result.kept_as == folder / "journal.recovered-20261127-120000.sqlite3"
    assert result.kept_as.exists() and not source.exists()
    assert states(result.kept_as)["receipt:d"] == "delivered"  # history stays in the file, unchanged


def test_a_dependency_brought_back_is_waited_for_and_one_already_settled_is_not(folder):
    source = folder / "journal.damaged-1.sqlite3"
    with identity.open_journal(source) as journal:
        first = journal.record([payloads.receipt(sale("a")), payloads.receipt(sale("a2"), depends_on_index=0)])
        journal.record([payloads.receipt(sale("b")), payloads.receipt(sale("b2"), depends_on_index=0)])
    with connected(source) as db:
        db.execute("UPDATE entries SET status = 'delivered' WHERE idempotency_key = 'receipt:b'")
    with identity.open_journal(folder / "journal.sqlite3") as journal:
        journal.record([payloads.receipt(sale("x"))])  # the new journal's ids overlap the old file's
        recovery.recover(journal, source, actor="it", till="3")
        back = {e.idempotency_key: e for e in journal.entries()}
        assert back["receipt:a2"].depends_on == back["receipt:a"].id != first[0].id
        assert back["receipt:b2"].depends_on is None


def test_a_table_damaged_in_the_middle_is_read_row_by_row(folder):
    source = folder / "journal.damaged-2.sqlite3"
    with identity.open_journal(source) as journal:
        for n in range(400):
            journal.record([payloads.receipt(sale(f"r{n}"))])
    with connected(source) as db:
        size = db.execute("PRAGMA page_size").fetchone()[0]
        # The entries table's leaf pages (SQLite's dbstat table): the one in the middle is damaged.
        leaves = [row[0] for row in db.execute(
            "SELECT pageno FROM dbstat WHERE name = 'entries' AND pagetype = 'leaf' ORDER BY pageno")]
    assert len(leaves) > 10
    victim = leaves[len(leaves) // 2]
    with source.open("r+b") as handle:
        handle.seek((victim - 1) * size)
        handle.write(b"\x0d" + b"\xff" * (size - 1))  # a leaf page header with nonsense after it
    with identity.open_journal(folder / "journal.sqlite3") as journal:
        result = recovery.recover(journal, source, actor="it", till="3")
        assert 300 < len(result.imported) < 400  # all but the rows of the damaged page
        assert result.unreadable and "malformed" in result.unreadable[0]
        assert journal.figures().pending == len(result.imported)


def test_a_file_that_is_not_a_journal_is_named_unreadable_and_blocks_uninstall(folder):
    path = folder / "journal.sqlite3"
    identity.open_journal(path).close()
    (folder / "journal.damaged-3.sqlite3").write_bytes(b"this was never SQLite")
    trouble = recovery.troubles(path)
    assert trouble.set_aside[0].undelivered is None and trouble.blocks_uninstall
    assert "its entries cannot be read" in trouble.lines()[0]


def test_recover_refuses_the_journal_in_use_and_a_missing_file(folder):
    with identity.open_journal(folder / "journal.sqlite3") as journal:
        with pytest.raises(InputError, match="is the journal in use"):
            recovery.recover(journal, folder / "journal.sqlite3", actor="it")
        with pytest.raises(InputError, match="no such journal file"):
            recovery.recover(journal, folder / "nothing.sqlite3", actor="it")


@pytest.mark.parametrize("what", ["vanished", "emptied", "replaced", "emptied, then reused by another opener"])
def test_a_journal_the_till_had_is_a_loss_until_acknowledged(folder, tmp_path, what):
    path = folder / "journal.sqlite3"
    old_journal(path, {"s": "pending"})
    if what == "vanished":
        path.unlink()
    elif what.startswith("emptied"):
        path.write_bytes(b"")
        if what != "emptied":
            Journal.open(path).close()  # an opener that does not remember journals writes a new one into it
    else:
        other = tmp_path / "other" / "journal.sqlite3"
        identity.open_journal(other).close()
        shutil.copyfile(other, path)
    expected = "emptied" if what.startswith("emptied") else what
    if what in ("vanished", "emptied"):  # seen before anything opens it (a copy over it: once opened)
        assert [loss.what for loss in recovery.troubles(path).lost] == [expected]
    with identity.open_journal(path) as journal:
        assert journal.figures().pending == 0
        assert [loss.what for loss in recovery.troubles(path).lost] == [expected]
        with pytest.raises(InputError):
            identity.acknowledge_lost(journal, actor="eva", reason=" ")
        assert identity.acknowledge_lost(journal, actor="eva", reason="reinstalled", till="3") == 1
        rows = journal.connection.execute("SELECT action, actor FROM audit WHERE action LIKE 'journal %'").fetchall()
        assert [tuple(row) for row in rows] == [("journal lost", "pos-engage"), ("journal loss acknowledged", "eva")]
    assert not recovery.troubles(path)
    with identity.open_journal(path):  # the new journal is the one remembered now
        assert not recovery.troubles(path)


def test_a_journal_set_aside_by_name_is_not_a_loss(folder):
    path = folder / "journal.sqlite3"
    old_journal(path, {"s": "pending"})
    aside = path.with_name("journal.damaged-20261127-130000.sqlite3")
    path.rename(aside)  # what Journal.open does with a damaged file, even when it is not opened through here
    trouble = recovery.troubles(path)
    assert not trouble.lost and [a.path for a in trouble.set_aside] == [aside]
    Journal.open(path).close()  # and a new journal started by any opener
    with identity.open_journal(path):
        assert not recovery.troubles(path).lost


STATUSES = [status.value for status in EntryStatus]


@settings(max_examples=25, deadline=None)
@given(source=st.dictionaries(st.sampled_from([f"s{n}" for n in range(12)]), st.sampled_from(STATUSES), max_size=12),
       already=st.sets(st.sampled_from([f"s{n}" for n in range(12)]), max_size=6))
def test_recover_brings_back_each_undelivered_sale_exactly_once(tmp_path_factory, source, already):
    """Whatever the file holds and the journal already has: afterwards each sale the file had not delivered is in
    the journal exactly once, as it was there already or pending and checked first; a second run adds nothing."""
    folder = tmp_path_factory.mktemp("recover")
    old_journal(folder / "journal.damaged-x.sqlite3", source)
    with identity.open_journal(folder / "journal.sqlite3") as journal:
        for unique_id in sorted(already):
            journal.record([payloads.receipt(sale(unique_id))])
        first = recovery.recover(journal, folder / "journal.damaged-x.sqlite3", actor="it")
        again = recovery.recover(journal, first.kept_as, actor="it")
        entries = journal.entries(limit=1000)
    keys = [e.idempotency_key for e in entries]
    assert len(keys) == len(set(keys))
    undelivered = {f"receipt:{u}" for u, status in source.items() if status in {s.value for s in UNDELIVERED}}
    assert set(keys) == {f"receipt:{u}" for u in already} | undelivered
    for entry in entries:
        if entry.idempotency_key.removeprefix("receipt:") not in already:
            assert entry.status is EntryStatus.PENDING and entry.check_first
    assert len(first.imported) == len(undelivered - {f"receipt:{u}" for u in already})
    assert again.imported == [] and first.settled + len(first.imported) + first.duplicates == len(source)
