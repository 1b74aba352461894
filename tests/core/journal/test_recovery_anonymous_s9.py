"""A set-aside journal brought back keeps the ids of the sales without a customer it committed (migration
0012_anonymous_sales): their posSaleIds stay used (SaleIdUsed), as those of journaled receipts do; a file from
before the migration has none and comes back as it is. On real SQLite files, as test_recovery sets them aside."""

from __future__ import annotations

from pos_engage.core.journal import identity, recovery
from tests.core.journal.test_recovery import connected, old_journal


def test_recovered_journal_keeps_the_ids_of_sales_without_a_customer(tmp_path):
    folder = tmp_path / "data"
    source = folder / "journal.damaged-20261128-120000.sqlite3"
    with identity.open_journal(source) as journal:
        journal.commit_sale([], sale_id="12-1-anon-7", anonymous=True)
    with identity.open_journal(folder / "journal.sqlite3") as journal:
        assert not journal.sale_committed("12-1-anon-7")
        recovery.recover(journal, source, actor="it-sara", till="1")
        assert journal.sale_committed("12-1-anon-7") and not journal.sale_committed("12-1-anon-8")


def test_a_file_from_before_the_migration_is_recovered_without_them(tmp_path):
    folder = tmp_path / "data"
    source = folder / "journal.damaged-20261128-120000.sqlite3"
    old_journal(source, {"p": "pending"})
    with connected(source) as db:
        db.execute("DROP TABLE anonymous_sales")
    with identity.open_journal(folder / "journal.sqlite3") as journal:
        assert len(recovery.recover(journal, source, actor="it-sara", till="1").imported) == 1
