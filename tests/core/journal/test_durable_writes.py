"""Which journal writes wait for the disk: a sale's commit always does (synchronous=FULL); an open sale's offer
reservation, its release (a removed offer, a voided sale) and a POS request's remembered answer do not
(``durable=False``), yet every other connection sees them at once and a program that dies keeps them.

The connection's level is changed only when a write asks for the other one (Journal._at_durability): a run of
reservations costs no PRAGMA each, and every durable write runs at FULL whatever ran before it, even a failed
write. SQLite itself is the oracle: ``PRAGMA synchronous`` read inside a durable transaction, and the level each
committing statement ran at, followed in SQLite's own trace of the statements it ran."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

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


def levels_at_commit(statements: list[str], level: int) -> list[tuple[str, int]]:
    """Each statement that commits (a COMMIT, or a write statement run alone: its own transaction), with the
    synchronous level it ran at, followed through the trace from ``level`` (the level when the trace began)."""
    committed, in_transaction = [], False
    for statement in statements:
        if statement.startswith("PRAGMA synchronous = "):
            level = FULL if statement.endswith("FULL") else NORMAL
        elif statement.startswith("BEGIN"):
            in_transaction = True
        elif statement in ("COMMIT", "ROLLBACK"):
            in_transaction = False
            if statement == "COMMIT":
                committed.append((statement, level))
        elif not in_transaction and statement.split()[0] in ("INSERT", "UPDATE", "DELETE"):
            committed.append((statement, level))
    return committed


def sales_commit(journal: Journal, sale_id: str, offer_id: str | None = None):
    entries = [payloads.receipt(sale(sale_id))]
    offers = []
    if offer_id is not None:
        entries.append(payloads.promotion_redemption(offer_id, contact_id="c", promotion_id="p", sale_id=sale_id))
        offers = [OfferToCommit(offer_id, "promotion", 1)]
    return journal.commit_sale(entries, sale_id=sale_id, offers=offers)


def durable_level_inside(journal: Journal) -> int:
    """The level SQLite reports inside a durable write transaction (what its COMMIT will run at)."""
    with journal.write_transaction("read the level") as db:
        return db.execute("PRAGMA synchronous").fetchone()[0]


def test_a_reservation_is_one_statement_written_at_normal(journal):
    statements = traced(journal)
    journal.reserve_offer("offer-1", "promotion", "sale-1")
    assert "BEGIN IMMEDIATE" not in statements   # one statement, its own transaction
    assert [level for _, level in levels_at_commit(statements, FULL)] == [NORMAL]
    assert [(u.sale_id, u.status) for u in journal.offer_uses("offer-1")] == [("sale-1", "reserved")]


def test_a_run_of_reservations_sets_the_level_once(journal):
    statements = traced(journal)
    for n in range(5):
        journal.reserve_offer(f"offer-{n}", "promotion", "sale-1")
    journal.release_offer("offer-0", "sale-1")
    journal.release_sale("sale-1")
    assert [s for s in statements if s.startswith("PRAGMA synchronous")] == ["PRAGMA synchronous = NORMAL"]


def test_a_sales_commit_after_a_reservation_waits_for_the_disk(journal):
    journal.reserve_offer("offer-1", "promotion", "sale-1")
    statements = traced(journal)
    sales_commit(journal, "sale-1", "offer-1")
    assert statements[0] == "PRAGMA synchronous = FULL"
    assert [level for _, level in levels_at_commit(statements, NORMAL)] == [FULL]
    assert journal.sale_offers("sale-1")[0].status == "committed"
    # and a durable write after a durable write sets nothing
    again = traced(journal)
    sales_commit(journal, "sale-2")
    assert not [s for s in again if s.startswith("PRAGMA synchronous")]
    assert durable_level_inside(journal) == FULL


def test_a_refused_reservation_changes_nothing_and_a_durable_write_after_it_is_full(journal):
    journal.reserve_offer("offer-1", "promotion", "sale-1")
    with pytest.raises(OfferAlreadyUsed):
        journal.reserve_offer("offer-1", "promotion", "sale-2")
    assert [(u.sale_id, u.status) for u in journal.offer_uses("offer-1")] == [("sale-1", "reserved")]
    assert durable_level_inside(journal) == FULL


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


def test_a_non_durable_write_that_fails_is_rolled_back_and_the_next_durable_write_is_full(journal):
    def half_written() -> None:
        with journal.write_transaction("a write that fails", durable=False) as db:
            db.execute("INSERT INTO meta (name, value) VALUES ('half', 'written')")
            raise RuntimeError("the caller's own failure")

    with pytest.raises(RuntimeError):
        half_written()
    assert durable_level_inside(journal) == FULL
    assert journal.connection.execute("SELECT value FROM meta WHERE name = 'half'").fetchone() is None


@pytest.mark.parametrize("release", [lambda j: j.release_offer("offer-1", "sale-1"),
                                     lambda j: j.release_sale("sale-1")], ids=["removed", "voided"])
def test_a_release_is_written_at_normal_like_the_reservation_it_ends(journal, journal_path, clock, release):
    journal.reserve_offer("offer-1", "promotion", "sale-1")
    sales_commit(journal, "sale-0")   # the connection at FULL again before the release
    statements = traced(journal)
    release(journal)
    assert [level for _, level in levels_at_commit(statements, FULL)] == [NORMAL]
    assert durable_level_inside(journal) == FULL
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


# Every write the journal's callers make, durable or not, some of them failing.
_WRITES = st.lists(st.sampled_from(["reserve", "reserve-taken", "release", "void", "commit", "cache",
                                    "failing-durable", "failing-fast", "remembered-answer"]), max_size=25)


@settings(deadline=None, max_examples=60)
@given(writes=_WRITES)
def test_every_durable_write_commits_at_full_whatever_ran_before(tmp_path_factory, writes):
    from pos_engage.core.domain import ContactKey

    path = tmp_path_factory.mktemp("levels") / "journal.sqlite3"
    with Journal.open(path) as journal:
        statements = traced(journal)
        for n, write in enumerate(writes):
            before = len(statements)
            durable = write in ("commit", "cache", "failing-durable")
            try:
                if write == "reserve":
                    journal.reserve_offer(f"offer-{n}", "promotion", "sale-open")
                elif write == "reserve-taken":   # refused: another sale holds it
                    journal.reserve_offer("held", "promotion", "sale-other")
                    with pytest.raises(OfferAlreadyUsed):
                        journal.reserve_offer("held", "promotion", "sale-open")
                elif write == "release":
                    journal.release_offer(f"offer-{n - 1}", "sale-open")
                elif write == "void":
                    journal.release_sale("sale-open")
                elif write == "commit":
                    sales_commit(journal, f"sale-{n}")
                elif write == "cache":
                    journal.cache_contact(ContactKey.email("anna@example.se"), f"contact-{n}")
                elif write == "remembered-answer":
                    with journal.write_transaction("remember", durable=False) as db:
                        db.execute("INSERT OR REPLACE INTO meta (name, value) VALUES ('answer', ?)", (str(n),))
                else:
                    with journal.write_transaction("fails", durable=write == "failing-durable") as db:
                        db.execute("INSERT OR REPLACE INTO meta (name, value) VALUES ('half', ?)", (str(n),))
                        raise RuntimeError("the caller's own failure")
            except RuntimeError:
                pass
            set_before = [s for s in statements[:before] if s.startswith("PRAGMA synchronous = ")]
            level = NORMAL if set_before and set_before[-1].endswith("NORMAL") else FULL
            committed = levels_at_commit(statements[before:], level)
            if durable:
                assert all(at == FULL for _, at in committed), (write, committed)
            elif write != "reserve-taken":
                assert all(at == NORMAL for _, at in committed), (write, committed)
        assert durable_level_inside(journal) == FULL
