"""`journal recover` reads only a journal, and a file it could read nothing from stays set aside (an IT review,
session 12): given any other file, the system's password file or the journal's identity file, it renamed it (the
renamed identity file silenced the "journal lost" alarm), and a journal whose entries could not be read at all was
renamed as recovered with "0 entries back", so doctor and the uninstaller's check stopped counting its sales."""

from __future__ import annotations

import os

import pytest

from pos_engage.core.errors import InputError
from pos_engage.core.journal import identity, payloads, recovery
from tests.core.conftest import sale
from tests.core.journal.test_recovery import connected


@pytest.fixture
def journal(tmp_path):
    with identity.open_journal(tmp_path / "data" / "journal.sqlite3") as opened:
        opened.record([payloads.receipt(sale("today"))])   # the till sells on: its identity file is written
        yield opened


def test_a_file_that_is_no_journal_is_refused_and_left_as_it_is(journal, tmp_path):
    text = tmp_path / "passwd"
    text.write_text("root:x:0:0:root:/root:/bin/bash\n")
    other = tmp_path / "other.sqlite3"
    with connected(other) as db:
        db.execute("CREATE TABLE notes (text TEXT)")
    keeper = next(journal.path.parent.glob("journal.sqlite3-identity*"))
    for source, why in ((text, "not an SQLite file"), (keeper, "not an SQLite file"), (other, "has no entries")):
        before = source.read_bytes()
        with pytest.raises(InputError, match=why):
            recovery.recover(journal, source, actor="it-sara")
        assert source.read_bytes() == before and not list(source.parent.glob(f"{source.stem}.recovered-*"))


def test_a_journal_nothing_can_be_read_from_stays_set_aside_and_keeps_counting(journal, tmp_path):
    source = journal.path.with_name("journal.damaged-20261128-100000.sqlite3")
    with identity.open_journal(source) as damaged:
        for n in range(3):
            damaged.record([payloads.receipt(sale(f"lost-{n}"))])
        damaged.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page = damaged.connection.execute("SELECT rootpage FROM sqlite_master WHERE name = 'entries'").fetchone()[0]
    with source.open("r+b") as file:   # the entries' page: every sale in it unreadable
        file.seek((page - 1) * 4096)
        file.write(os.urandom(4096))
    result = recovery.recover(journal, source, actor="it-sara")
    assert result.imported == [] and result.kept_as is None and source.exists()
    assert "stays set aside" in result.summary() and "entries skipped" not in result.summary()
    assert source in [aside.path for aside in recovery.troubles(journal.path).set_aside]


def test_a_journal_copied_whole_to_a_new_pc_is_told_as_possibly_copied_not_only_as_lost_sales(tmp_path):
    """The till tells its journal by the file's inode: a data folder copied whole (a new PC, a restore) reads as
    another file. It cannot tell a copy from an older backup, so the line says both and what to do in each case;
    it used to say only that unsent sales were not in the queue."""
    import shutil

    old = tmp_path / "old"
    with identity.open_journal(old / "journal.sqlite3") as journal:
        journal.record([payloads.receipt(sale("before-the-move"))])
    new = tmp_path / "new"
    shutil.copytree(old, new)
    lines = recovery.troubles(new / "journal.sqlite3").lines()
    assert len(lines) == 1 and "copied or restored" in lines[0] and "acknowledge-lost" in lines[0]
    assert "journal recover" in lines[0]
