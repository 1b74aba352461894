"""The offer ledger's questions read only the rows that count (migration 0009_offer_uses): an offer a customer tried
on many sales leaves a released row per sale, and every apply, commit and sale state asks about that offer again.
The plan is SQLite's own answer, so this fails if the index or the queries' status filter drift apart."""

from __future__ import annotations

from pos_engage.core.journal.store import Journal


def plan(journal: Journal, sql: str, args: tuple) -> str:
    return " | ".join(row[3] for row in journal._db.execute(f"EXPLAIN QUERY PLAN {sql}", args).fetchall())


def test_blocking_uses_and_a_sales_list_of_offers_search_the_in_use_index(tmp_path):
    with Journal.open(tmp_path / "journal.sqlite3") as journal:
        for sale in range(200):                       # one offer tried on 200 sales, each released
            journal.reserve_offer("voucher-1", "voucher", f"sale-{sale}")
            journal.release_offer("voucher-1", f"sale-{sale}")
        journal.reserve_offer("voucher-1", "voucher", "sale-open")
        blocking = plan(journal, "SELECT * FROM offer_ledger WHERE offer_id = ? AND sale_id <> ? AND status IN "
                        "('committed', 'conflict', 'reserved') ORDER BY status", ("voucher-1", "x"))
        assert "USING INDEX offer_ledger_in_use" in blocking
        assert journal.held_elsewhere(["voucher-1", "voucher-2"], "sale-new").keys() == {"voucher-1"}
        assert journal.held_elsewhere(["voucher-1"], "sale-open") == {}
        listed = plan(journal, "SELECT * FROM offer_ledger WHERE offer_id IN (SELECT value FROM json_each(?)) AND "
                      "sale_id IS NOT ? AND status IN ('committed', 'conflict', 'reserved') ORDER BY status",
                      ('["voucher-1"]', "x"))
        assert "USING INDEX offer_ledger_in_use" in listed
