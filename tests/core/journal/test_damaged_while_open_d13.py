"""A journal damaged while the till has it open (a disk fault, another program writing into the file): every read
and write that meets the damage says it in plain words (JournalDamaged, never SQLite's own DatabaseError), nothing
more is recorded in that file, and its close leaves it to be checked at the next start, which sets it aside with
what was recorded before the damage still in it for ``journal recover``.

Real SQLite files, really damaged: pages of the open file overwritten with seeded random bytes through a file handle
of their own, after a checkpoint by another connection (as the till's checkpointer does every few writes), so the
till's own connection reads them from the disk again."""

from __future__ import annotations

import random
import sqlite3
from pathlib import Path

import pytest

from pos_engage.core.domain import ContactKey
from pos_engage.core.journal import payloads, recovery
from pos_engage.core.journal.entry import EntryStatus
from pos_engage.core.journal.errors import JournalCorrupt, JournalDamaged, storage_error
from pos_engage.core.journal.store import Journal
from tests.core.conftest import sale

SALES = 40
# The indexes every new entry and the window's figures go through; the entries' own rows stay readable.
DAMAGED_INDEXES = ("entries_open_created", "entries_kind_status")


def damage_while_open(path: Path, *, seed: int = 13, names: tuple[str, ...] = DAMAGED_INDEXES) -> list[int]:
    """Overwrite the root pages of ``names`` (indexes or tables) in the file at ``path`` with seeded random bytes,
    from a file handle of its own, after another connection has checkpointed the WAL into the file. Returns the
    pages overwritten."""
    other = sqlite3.connect(path)
    try:
        other.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        size = other.execute("PRAGMA page_size").fetchone()[0]
        pages = [other.execute("SELECT rootpage FROM sqlite_master WHERE name = ?", (name,)).fetchone()[0]
                 for name in names]
    finally:
        other.close()
    assert len(pages) == len(names), "the journal has those indexes"
    rng = random.Random(seed)
    with path.open("r+b") as handle:
        for page in pages:
            handle.seek((page - 1) * size)
            handle.write(rng.randbytes(size))
    return pages


def record_sales(journal: Journal, count: int = SALES) -> None:
    for n in range(count):
        journal.record([payloads.receipt(sale(f"d13-{n:03d}"))], sale_id=f"d13-{n:03d}")


@pytest.fixture
def damaged(journal_path, clock):
    """An open journal with SALES sales recorded, whose file was then damaged under it."""
    journal = Journal.open(journal_path, clock=clock)
    record_sales(journal)
    damage_while_open(journal_path)
    yield journal
    journal.close()


def plain(problem: BaseException) -> None:
    """The words a cashier, a manager and IT need: cannot record, nothing deleted, restart, IT recovers."""
    assert isinstance(problem, JournalDamaged) and not isinstance(problem, sqlite3.Error)
    text = str(problem)
    assert "damaged" in text and "cannot record sales" in text and "Nothing recorded before is deleted" in text
    assert "Restart the till" in text and "pos-engage journal recover" in text
    assert "malformed" in problem.detail   # SQLite's words kept for the log, not for the cashier


def test_the_window_s_figures_meet_the_damage_as_the_plain_error(damaged):
    with pytest.raises(JournalDamaged) as met:
        damaged.figures()
    plain(met.value)
    assert damaged.damage is not None and damaged.damage.detail == met.value.detail


def test_a_list_read_row_by_row_meets_the_damage_as_the_plain_error(damaged):
    # The damage is met while rows are fetched (an index read page by page), not when the statement starts.
    with pytest.raises(JournalDamaged) as met:
        damaged.entries(statuses=[EntryStatus.PENDING], limit=SALES)
    plain(met.value)


def test_a_sale_is_refused_with_the_plain_error_and_nothing_of_it_is_written(damaged, journal_path):
    with pytest.raises(JournalDamaged) as met:
        damaged.record([payloads.receipt(sale("d13-after"))], sale_id="d13-after")
    plain(met.value)
    damaged.close()
    copy = sqlite3.connect(journal_path)
    try:
        keys = [row[0] for row in copy.execute("SELECT idempotency_key FROM entries")]
    finally:
        copy.close()
    assert not any("d13-after" in key for key in keys)
    assert len([key for key in keys if key.startswith("receipt:")]) == SALES


def test_once_damage_is_known_no_write_goes_into_the_file_even_one_that_would_succeed(damaged):
    with pytest.raises(JournalDamaged):
        damaged.figures()
    # The contacts cache's pages are sound: the write would go through, into a file the till is about to set aside.
    with pytest.raises(JournalDamaged) as refused:
        damaged.cache_contact(ContactKey.email("kim@example.se"), "contact-1")
    plain(refused.value)


def test_a_damaged_file_met_by_a_write_is_the_plain_error_too():
    met = sqlite3.DatabaseError("database disk image is malformed")
    met.sqlite_errorcode = 11   # SQLITE_CORRUPT, as SQLite sets it
    assert isinstance(storage_error(met, "record the sale"), JournalDamaged)
    notadb = sqlite3.DatabaseError("file is not a database")
    assert isinstance(storage_error(notadb, "record the sale"), JournalDamaged)
    assert not isinstance(storage_error(sqlite3.OperationalError("database is locked"), "record"), JournalCorrupt)


def test_after_the_damage_the_next_start_checks_the_file_sets_it_aside_and_recover_reads_what_was_recorded(
        damaged, journal_path, clock):
    with pytest.raises(JournalDamaged):
        damaged.figures()
    damaged.close()   # a clean close: yet the file met damage, so the next open must check it
    # Without the check the file opens (its migrations and meta are sound) and the till would go on failing.
    with Journal.open(journal_path, clock=clock, on_damage="continue") as fresh:
        aside = fresh.set_aside_file
        assert aside is not None and aside.exists() and "damaged" in aside.name
        assert fresh.count() == 0   # a new journal: the till sells again
        recovered = recovery.recover(fresh, aside, actor="IT: test")
        assert len(recovered.imported) == SALES   # every sale recorded before the damage, back in the queue
        assert fresh.count(statuses=[EntryStatus.PENDING]) == SALES
    # And the start after that one is a clean one: nothing more is set aside.
    with Journal.open(journal_path, clock=clock, on_damage="continue") as again:
        assert again.set_aside_file is None


def test_a_journal_that_met_no_damage_is_not_checked_at_the_next_start(journal_path, clock):
    # The open mark is kept only for damage: a clean close still spares the next start its check.
    with Journal.open(journal_path, clock=clock) as journal:
        record_sales(journal, 3)
        assert journal.damage is None
    with Journal.open(journal_path, clock=clock) as reopened:
        assert reopened.last_integrity_check() is not None   # the first open of a new file checked it once...
        checked_at = reopened.last_integrity_check()
    with Journal.open(journal_path, clock=clock) as third:
        assert third.last_integrity_check() == checked_at   # ...and no open since
