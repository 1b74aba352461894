"""The journal's WAL is checkpointed by a thread of its own, never by a sale's write (checkpointer.py).

Observed from outside SQLite's API: a copy of the journal's main file alone (no WAL beside it) holds what has been
checkpointed into it, and nothing else.
"""

from __future__ import annotations

import shutil
import sqlite3
import time

from pos_engage.core.journal import payloads
from pos_engage.core.journal.checkpointer import BACKSTOP_PAGES
from pos_engage.core.journal.store import Journal
from tests.core.conftest import sale

SALES = 30   # ~500 WAL pages with their indexes: below the till's own checkpoint (BACKSTOP_PAGES)


def _entries_in_main_file(path, into) -> int | None:
    """Entries a copy of the main file alone holds (None: the copy caught a checkpoint halfway; ask again)."""
    shutil.copyfile(path, into)
    try:
        with sqlite3.connect(into) as db:
            return db.execute("SELECT count(*) FROM entries").fetchone()[0]
    except sqlite3.DatabaseError:
        return None
    finally:
        into.unlink()


def _record(journal: Journal, count: int) -> None:
    for n in range(count):
        journal.record([payloads.receipt(sale(f"r{n}"))], sale_id=f"s{n}")


def test_the_tills_connection_leaves_checkpoints_to_the_thread(tmp_path):
    journal = Journal.open(tmp_path / "journal.sqlite3")
    try:
        assert journal.connection.execute("PRAGMA wal_autocheckpoint").fetchone()[0] == BACKSTOP_PAGES
        assert journal._checkpointer.running
    finally:
        journal.close()


def test_at_a_tills_pace_no_write_checkpoints(tmp_path):
    path = tmp_path / "journal.sqlite3"
    journal = Journal.open(path)
    try:
        journal._checkpointer.close()   # no thread: only the till's own writes could checkpoint now
        _record(journal, SALES)
        assert _entries_in_main_file(path, tmp_path / "copy.sqlite3") == 0   # at a till's pace none of them does
    finally:
        journal.close()


def test_the_thread_copies_writes_back_soon_after_them(tmp_path):
    path = tmp_path / "journal.sqlite3"
    journal = Journal.open(path)
    try:
        _record(journal, SALES)
        found = None
        for _ in range(200):   # until the thread's next round: a wait for a condition, no time asserted
            found = _entries_in_main_file(path, tmp_path / "copy.sqlite3")
            if found == SALES:
                break
            time.sleep(0.1)
        assert found == SALES
        assert journal._checkpointer.checkpoints >= 1
    finally:
        journal.close()


def test_closing_stops_the_thread_and_removes_the_wal(tmp_path):
    path = tmp_path / "journal.sqlite3"
    journal = Journal.open(path)
    _record(journal, 3)
    checkpointer = journal._checkpointer
    journal.close()
    assert not checkpointer.running
    assert not path.with_name(path.name + "-wal").exists()   # the till's close was the last: SQLite removed it
    with Journal.open(path) as again:
        assert again.count() == 3


def test_under_a_sustained_stream_of_writes_the_log_stays_bounded(tmp_path):
    """A PASSIVE checkpoint beside a writer that never pauses never catches up, and SQLite starts the log over only
    once one has: the till's own line (BACKSTOP_PAGES) keeps the log from growing, and every write slowing with it."""
    path = tmp_path / "journal.sqlite3"
    journal = Journal.open(path)
    try:
        _record(journal, 3000)   # ~50,000 pages of log written back to back (~1 s)
        wal = path.with_name(path.name + "-wal").stat().st_size
        assert wal < 8_000_000, f"the log grew to {wal / 1e6:.1f} MB"   # SQLite's own line keeps it near 4 MB
    finally:
        journal.close()
