"""OfferLedger.held_elsewhere answers from what it read before while the ledger is unchanged (issue 16: a sale's
state asks on every change). Whatever changes the ledger shows in the next answer: another process's reservation,
another Journal's (connection's) in this process, this connection's for another sale, any other write of this
connection, and a reservation that expired meanwhile."""

from __future__ import annotations

import subprocess
import sys

from pos_engage.core.journal.offer_ledger import RESERVATION_SECONDS
from pos_engage.core.journal.store import Journal

OFFERS = ["promo-1", "voucher-1"]


class Clock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def test_another_processes_reservation_is_in_the_next_answer(tmp_path):
    path = tmp_path / "journal.sqlite3"
    with Journal.open(path) as journal:
        assert journal.held_elsewhere(OFFERS, "our-sale") == {}
        subprocess.run([sys.executable, "-c", "import sys\nfrom pos_engage.core.journal.store import Journal\n"
                        "journal = Journal.open(sys.argv[1])\njournal.reserve_offer('voucher-1', 'voucher', "
                        "'their-sale')\n", str(path)], check=True)
        assert set(journal.held_elsewhere(OFFERS, "our-sale")) == {"voucher-1"}


def test_another_connections_reservation_and_release_are_in_the_next_answer(tmp_path):
    path = tmp_path / "journal.sqlite3"
    with Journal.open(path) as journal, Journal.open(path) as other:
        assert journal.held_elsewhere(OFFERS, "our-sale") == {}
        other.reserve_offer("promo-1", "promotion", "their-sale")
        assert set(journal.held_elsewhere(OFFERS, "our-sale")) == {"promo-1"}
        other.release_offer("promo-1", "their-sale")
        assert journal.held_elsewhere(OFFERS, "our-sale") == {}


def test_this_connections_writes_for_another_sale_are_in_the_next_answer(tmp_path):
    with Journal.open(tmp_path / "journal.sqlite3") as journal:
        assert journal.held_elsewhere(OFFERS, "our-sale") == {}
        journal.reserve_offer("promo-1", "promotion", "our-sale")   # its own: not held elsewhere
        assert journal.held_elsewhere(OFFERS, "our-sale") == {}
        assert journal.held_elsewhere(OFFERS, "their-sale") == {"promo-1": journal.held_elsewhere(
            ["promo-1"], "their-sale")["promo-1"]}
        journal.reserve_offer("voucher-1", "voucher", "their-sale")
        assert set(journal.held_elsewhere(OFFERS, "our-sale")) == {"voucher-1"}
        journal.release_sale("their-sale")
        assert journal.held_elsewhere(OFFERS, "our-sale") == {}
        # any other write of this connection (a commit, an order, IT's repair): answered from the file again
        journal.connection.execute("INSERT INTO offer_ledger (offer_id, kind, sale_id, status, reserved_at, "
                                   "committed_at) VALUES ('voucher-1', 'voucher', 'old-sale', 'committed', 1, 1)")
        assert set(journal.held_elsewhere(OFFERS, "our-sale")) == {"voucher-1"}


def test_an_answer_ends_when_a_reservation_it_counted_expires(tmp_path):
    clock = Clock()
    with Journal.open(tmp_path / "journal.sqlite3", clock=clock) as journal:
        journal.reserve_offer("promo-1", "promotion", "their-sale")
        clock.now += 60
        journal.reserve_offer("voucher-1", "voucher", "their-sale")
        assert set(journal.held_elsewhere(OFFERS, "our-sale")) == {"promo-1", "voucher-1"}
        clock.now += RESERVATION_SECONDS - 60
        assert set(journal.held_elsewhere(OFFERS, "our-sale")) == {"promo-1", "voucher-1"}   # to the second
        clock.now += 1
        assert set(journal.held_elsewhere(OFFERS, "our-sale")) == {"voucher-1"}
        clock.now += 60
        assert journal.held_elsewhere(OFFERS, "our-sale") == {}
        clock.now -= 3600   # a clock set back: the expired reservations are not answered from before
        assert set(journal.held_elsewhere(OFFERS, "our-sale")) == {"promo-1", "voucher-1"}


def test_an_answer_is_the_callers_own(tmp_path):
    with Journal.open(tmp_path / "journal.sqlite3") as journal, Journal.open(tmp_path / "journal.sqlite3") as other:
        other.reserve_offer("promo-1", "promotion", "their-sale")
        journal.held_elsewhere(OFFERS, "our-sale").clear()
        assert set(journal.held_elsewhere(OFFERS, "our-sale")) == {"promo-1"}
