"""A set-aside journal brought back keeps who rang each entry up and where it came from (migration
0010_who_rang_up), so the manager's queue still names them; an entry that recorded none, and a file from before the
migration, come back as unknown. On real SQLite files, as test_recovery sets them aside."""

from __future__ import annotations

from dataclasses import replace

from pos_engage.core.journal import identity, payloads, recovery
from pos_engage.core.journal.entry import Origin, Source
from tests.core.conftest import sale
from tests.core.journal.test_recovery import connected, old_journal


def test_recovered_entries_keep_who_rang_them_up_and_where(tmp_path):
    folder = tmp_path / "data"
    source = folder / "journal.damaged-20261127-120000.sqlite3"
    with identity.open_journal(source) as journal:
        journal.record([replace(payloads.receipt(sale("http")), source=Source(Origin.POS_HTTP, "Omar Said (2002)")),
                        replace(payloads.receipt(sale("window")), source=Source(Origin.WINDOW, "till 3")),
                        payloads.receipt(sale("nobody-said"))])
    with connected(source) as db:   # a value a newer version wrote is kept as written, and read as unknown
        db.execute("UPDATE entries SET origin = 'pos_bluetooth' WHERE idempotency_key = 'receipt:nobody-said'")
    with identity.open_journal(folder / "journal.sqlite3") as journal:
        result = recovery.recover(journal, source, actor="it-sara", till="3")
        assert len(result.imported) == 3
        back = {e.idempotency_key: (e.rung_by, e.origin) for e in journal.entries()}
        assert back == {"receipt:http": ("Omar Said (2002)", Origin.POS_HTTP),
                        "receipt:window": ("till 3", Origin.WINDOW),
                        "receipt:nobody-said": (None, None)}
    with connected(folder / "journal.sqlite3") as db:
        stored = db.execute("SELECT origin FROM entries WHERE idempotency_key = 'receipt:nobody-said'").fetchone()
    assert stored == ("pos_bluetooth",)


def test_a_file_from_before_the_migration_comes_back_unknown(tmp_path):
    folder = tmp_path / "data"
    source = folder / "journal.damaged-20261127-120000.sqlite3"
    old_journal(source, {"p": "pending"})
    with connected(source) as db:   # the file as a version before 0010_who_rang_up left it: no such columns
        db.execute("ALTER TABLE entries DROP COLUMN rung_by")
        db.execute("ALTER TABLE entries DROP COLUMN origin")
        assert "origin" not in {info[1] for info in db.execute("PRAGMA table_info(entries)")}
    with identity.open_journal(folder / "journal.sqlite3") as journal:
        result = recovery.recover(journal, source, actor="it-sara", till="3")
        assert len(result.imported) == 1
        entry = journal.by_key("receipt:p")
        assert (entry.rung_by, entry.origin) == (None, None)

