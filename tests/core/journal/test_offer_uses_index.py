"""The offer ledger's questions read only the rows that count (migration 0009_offer_uses): an offer a customer tried
on many sales leaves a released row per sale, and every apply, commit and sale state asks about that offer again.
The plan is SQLite's own answer, so this fails if the index or the queries' status filter drift apart."""

from __future__ import annotations

import re

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
        # a sale not asked about before: held_elsewhere reads the ledger (it answers a question again from before)
        for asked in (lambda: journal.held_elsewhere(["voucher-1", "voucher-2"], "sale-traced"),
                      lambda: journal.used_offers(["voucher-1", "voucher-2"])):
            for sql, args in statements_of(journal, asked):   # the ledger's own statements, as it runs them
                assert "USING INDEX offer_ledger_in_use" in plan(journal, sql, args), sql


def statements_of(journal: Journal, ask) -> list[tuple[str, tuple]]:
    """The SELECTs on offer_ledger a question runs, with the values it binds (taken from the traced SQL, where
    SQLite shows them bound: the test puts them back as parameters)."""
    traced: list[str] = []
    journal._db.set_trace_callback(traced.append)
    try:
        ask()
    finally:
        journal._db.set_trace_callback(None)
    found = []
    for sql in traced:
        if sql.lstrip().upper().startswith("SELECT") and "offer_ledger" in sql:
            values = tuple(re.findall(r"'([^']*)'", sql.split("WHERE", 1)[1].split(" AND status", 1)[0]))
            found.append((re.sub(r"'[^']*'", "?", sql, count=len(values)), values))
    assert found, "no statement on the ledger was traced"
    return found


def test_a_customer_with_more_offers_than_one_statement_takes_is_still_answered(tmp_path):
    with Journal.open(tmp_path / "journal.sqlite3") as journal:
        journal.reserve_offer("offer-1199", "voucher", "sale-a")
        offers = [f"offer-{n}" for n in range(1200)]   # more than one statement's share (500 a statement)
        assert journal.held_elsewhere(offers, "sale-b").keys() == {"offer-1199"}
        assert journal.used_offers(offers) == set()


def test_a_voided_sale_frees_its_reservations_through_their_own_index(tmp_path):
    """A void asks for the sale's reserved rows (migration 0011_sale_reservations), not every row of the ledger:
    the primary key starts with the offer, and a year of sales leaves a row per offer and sale."""
    with Journal.open(tmp_path / "journal.sqlite3") as journal:
        for sale in range(50):
            journal.reserve_offer(f"offer-{sale}", "promotion", f"sale-{sale}")
            if sale % 2:
                journal.release_offer(f"offer-{sale}", f"sale-{sale}")
        traced: list[str] = []
        journal._db.set_trace_callback(traced.append)
        try:
            assert journal.release_sale("sale-48", note="sale voided") == 1
        finally:
            journal._db.set_trace_callback(None)
        update = next(sql for sql in traced if sql.lstrip().upper().startswith("UPDATE OFFER_LEDGER"))
        sql = re.sub(r"'[^']*'", "?", update)
        args = tuple(re.findall(r"'([^']*)'", update))
        assert "USING INDEX offer_ledger_reserved_by_sale" in plan(journal, sql, args), plan(journal, sql, args)
        assert [use.status for use in journal.sale_offers("sale-48")] == ["released"]
        assert [use.status for use in journal.sale_offers("sale-46")] == ["reserved"]
