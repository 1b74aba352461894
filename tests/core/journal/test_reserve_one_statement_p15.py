"""An applied offer's reservation is one SQL statement (OfferLedger.reserve_offer: the row goes in only where no
use blocks it). Its rule must be the one the ledger always had: the oracle here is the transaction it replaced,
the blocking read in Python (``_blocking_use``) then the INSERT, under BEGIN IMMEDIATE, run on a copy of the same
ledger. Hypothesis builds ledgers of every kind (other sales' commits, refusals, fresh and stale reservations,
releases; this sale's own row in each status) and both must refuse the same and leave the same rows."""

from __future__ import annotations

import shutil

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pos_engage.core.journal.offer_ledger import _RESERVE, RESERVATION_SECONDS, OfferAlreadyUsed
from pos_engage.core.journal.store import Journal

NOW = 1_900_000_000.0
# Each status with a reservation time inside the reservation's life or past it (a commit or a refusal of long ago
# still blocks; only a reservation grows stale).
STATUSES = tuple(f"{status}-{age}" for status in ("reserved", "released", "committed", "conflict")
                 for age in ("fresh", "stale"))


def seeded(path, rows: dict[str, str]) -> None:
    with Journal.open(path, clock=lambda: NOW) as journal, journal.write_transaction("seed") as db:
        for sale_id, status in rows.items():
            at = NOW - (RESERVATION_SECONDS + 5 if status.endswith("-stale") else 60)
            db.execute("INSERT INTO offer_ledger (offer_id, kind, sale_id, status, reserved_at, committed_at, "
                       "released_at, note) VALUES ('offer-1', 'promotion', ?, ?, ?, ?, ?, ?)",
                       (sale_id, status.split("-")[0], at, at if status.startswith("committed") else None,
                        at if status.startswith("released") else None, "seeded"))


def as_before(journal: Journal, offer_id: str, kind: str, sale_id: str) -> None:
    """The reservation as it was written before it became one statement (the oracle)."""
    with journal.write_transaction("reserve the offer", durable=False) as db:
        blocking = journal._blocking_use(db, offer_id, sale_id, reservations=True)
        if blocking is not None:
            raise OfferAlreadyUsed(str(blocking.status))
        db.execute(_RESERVE, (offer_id, kind, sale_id, NOW, journal.reservation_holder))


def outcome(path, reserve) -> tuple:
    with Journal.open(path, clock=lambda: NOW) as journal:
        try:
            reserve(journal)
            refused = None
        except OfferAlreadyUsed as error:
            refused = type(error)
        rows = journal.connection.execute("SELECT sale_id, status, reserved_at, committed_at, released_at, note, "
                                          "holder IS NOT NULL FROM offer_ledger ORDER BY sale_id").fetchall()
        return refused, [tuple(row) for row in rows]


@settings(deadline=None, max_examples=200)
@given(others=st.dictionaries(st.sampled_from(["sale-a", "sale-b", "sale-c"]), st.sampled_from(STATUSES),
                              max_size=3),
       own=st.sampled_from((None, *STATUSES)))
def test_the_one_statement_refuses_and_writes_what_the_transaction_did(tmp_path_factory, others, own):
    rows = dict(others)
    if own is not None:
        rows["sale-own"] = own
    if sum(status.startswith("committed") for status in rows.values()) > 1:   # the ledger's own unique index forbids it
        return
    folder = tmp_path_factory.mktemp("ledger")
    seeded(folder / "one.sqlite3", rows)
    shutil.copy(folder / "one.sqlite3", folder / "before.sqlite3")
    ours = outcome(folder / "one.sqlite3", lambda j: j.reserve_offer("offer-1", "promotion", "sale-own"))
    oracle = outcome(folder / "before.sqlite3", lambda j: as_before(j, "offer-1", "promotion", "sale-own"))
    assert ours == oracle


def test_the_refusal_still_names_the_use_that_blocks(tmp_path):
    seeded(tmp_path / "j.sqlite3", {"sale-a": "committed-stale"})
    with Journal.open(tmp_path / "j.sqlite3", clock=lambda: NOW) as journal, \
            pytest.raises(OfferAlreadyUsed, match="sale-a"):
        journal.reserve_offer("offer-1", "promotion", "sale-own")


def test_the_statement_reads_the_in_use_index(tmp_path):
    with Journal.open(tmp_path / "j.sqlite3", clock=lambda: NOW) as journal:
        from pos_engage.core.journal.offer_ledger import _RESERVE_UNLESS_BLOCKED

        plan = " | ".join(row[3] for row in journal.connection.execute(
            f"EXPLAIN QUERY PLAN {_RESERVE_UNLESS_BLOCKED}", ("o", "promotion", "s", NOW, "h", "o", "s", NOW)))
        assert "offer_ledger_in_use" in plan, plan


@pytest.mark.parametrize("rows", [{}, {"sale-own": "released-fresh"}, {"sale-own": "reserved-fresh"},
                                  {"sale-a": "reserved-stale", "sale-b": "released-fresh"}],
                         ids=["new", "applied-again", "retried", "others-stale-or-released"])
def test_a_reservation_nothing_blocks_is_one_statement(tmp_path, rows):
    seeded(tmp_path / "j.sqlite3", rows)
    with Journal.open(tmp_path / "j.sqlite3", clock=lambda: NOW) as journal:
        statements: list[str] = []
        journal.connection.set_trace_callback(statements.append)
        journal.reserve_offer("offer-1", "promotion", "sale-own")
        assert [s.split()[0] for s in statements if not s.startswith("PRAGMA")] == ["INSERT"], statements
        assert journal.sale_offers("sale-own")[0].status == "reserved"
