"""Which journal writes wait for the disk: a sale's commit always does (synchronous=FULL); an open sale's offer
reservation, its release (a removed offer, a voided sale) and a POS request's remembered answer do not
(``durable=False``), yet every other connection sees them at once and a program that dies keeps them. The
connection is back at FULL after each, even a failed one."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from pos_engage.core.journal import payloads
from pos_engage.core.journal.offer_ledger import OfferAlreadyUsed, OfferToCommit
from pos_engage.core.journal.store import Journal
from tests.core.conftest import sale

FULL, NORMAL = 2, 1


def synchronous(journal: Journal) -> int:
    return journal.connection.execute("PRAGMA synchronous").fetchone()[0]


def traced(journal: Journal) -> list[str]:
    statements: list[str] = []
    journal.connection.set_trace_callback(statements.append)
    return statements


def test_a_reservation_is_written_at_normal_and_the_connection_is_full_again(journal):
    statements = traced(journal)
    journal.reserve_offer("offer-1", "promotion", "sale-1")
    assert synchronous(journal) == FULL
    begin = statements.index("BEGIN IMMEDIATE")
    assert statements[begin - 1] == "PRAGMA synchronous = NORMAL"
    assert statements[statements.index("COMMIT") + 1] == "PRAGMA synchronous = FULL"


def test_a_sales_commit_waits_for_the_disk(journal):
    journal.reserve_offer("offer-1", "promotion", "sale-1")
    statements = traced(journal)
    journal.commit_sale([payloads.receipt(sale("sale-1")),
                         payloads.promotion_redemption("offer-1", contact_id="c", promotion_id="p",
                                                       sale_id="sale-1")],
                        sale_id="sale-1", offers=[OfferToCommit("offer-1", "promotion", 1)])
    assert not [s for s in statements if s.startswith("PRAGMA synchronous")]
    assert synchronous(journal) == FULL
    assert journal.sale_offers("sale-1")[0].status == "committed"


def test_a_refused_reservation_changes_nothing_and_leaves_the_connection_full(journal):
    journal.reserve_offer("offer-1", "promotion", "sale-1")
    with pytest.raises(OfferAlreadyUsed):
        journal.reserve_offer("offer-1", "promotion", "sale-2")
    assert synchronous(journal) == FULL
    assert [(u.sale_id, u.status) for u in journal.offer_uses("offer-1")] == [("sale-1", "reserved")]


def test_another_connection_sees_a_reservation_at_once_and_is_refused_the_offer(journal, journal_path, clock):
    journal.reserve_offer("offer-1", "promotion", "sale-1")
    # another window of this till, on the same file
    with Journal.open(journal_path, clock=clock) as other, pytest.raises(OfferAlreadyUsed):
        other.reserve_offer("offer-1", "promotion", "sale-2")


def test_a_reservation_survives_the_program_dying_right_after_it(journal_path):
    # A process that reserves and dies at once (no close, no checkpoint): the reservation is in the WAL, which
    # the next open reads (a power cut, not a program crash, is what a NORMAL commit may lose).
    script = textwrap.dedent(f"""
        import os
        from pos_engage.core.journal.store import Journal
        journal = Journal.open({str(journal_path)!r})
        journal.reserve_offer("offer-1", "promotion", "sale-1")
        os._exit(0)
    """)
    subprocess.run([sys.executable, "-c", script], check=True, timeout=60)
    with Journal.open(journal_path) as reopened:
        assert [(u.sale_id, u.status) for u in reopened.offer_uses("offer-1")] == [("sale-1", "reserved")]


def test_a_non_durable_write_that_fails_is_rolled_back_and_the_connection_is_full_again(journal):
    def half_written() -> None:
        with journal.write_transaction("a write that fails", durable=False) as db:
            db.execute("INSERT INTO meta (name, value) VALUES ('half', 'written')")
            raise RuntimeError("the caller's own failure")

    with pytest.raises(RuntimeError):
        half_written()
    assert synchronous(journal) == FULL
    assert journal.connection.execute("SELECT value FROM meta WHERE name = 'half'").fetchone() is None


@pytest.mark.parametrize("release", [lambda j: j.release_offer("offer-1", "sale-1"),
                                     lambda j: j.release_sale("sale-1")], ids=["removed", "voided"])
def test_a_release_is_written_at_normal_like_the_reservation_it_ends(journal, journal_path, clock, release):
    journal.reserve_offer("offer-1", "promotion", "sale-1")
    statements = traced(journal)
    release(journal)
    begin = statements.index("BEGIN IMMEDIATE")
    assert statements[begin - 1] == "PRAGMA synchronous = NORMAL"
    assert synchronous(journal) == FULL
    # ... and another window of this till, on the same file, may take the offer at once
    with Journal.open(journal_path, clock=clock) as other:
        other.reserve_offer("offer-1", "promotion", "sale-2")
        assert {(u.sale_id, u.status) for u in other.offer_uses("offer-1")} == {("sale-1", "released"),
                                                                                ("sale-2", "reserved")}


def test_a_release_survives_the_program_dying_right_after_it(journal_path):
    script = textwrap.dedent(f"""
        import os
        from pos_engage.core.journal.store import Journal
        journal = Journal.open({str(journal_path)!r})
        journal.reserve_offer("offer-1", "promotion", "sale-1")
        journal.release_sale("sale-1")
        os._exit(0)
    """)
    subprocess.run([sys.executable, "-c", script], check=True, timeout=60)
    with Journal.open(journal_path) as reopened:
        assert [(u.sale_id, u.status) for u in reopened.offer_uses("offer-1")] == [("sale-1", "released")]
