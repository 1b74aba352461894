"""A till that stopped (closed, crashed or killed) took its open sales with it (they are kept in memory only), and
their offers with them: a reservation whose holder is gone no longer blocks the offer once a till starts serving
sales again, instead of for RESERVATION_SECONDS (a POS vendor's review: after a restart every new sale of Anna's
showed her voucher held by a sale that answered 404, for 30 minutes). A holder that may still run keeps it: another
process on this host that is alive, another host's (which cannot be told), one from before holders were kept."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys

import pytest

from pos_engage.core.journal.lease import process_started
from pos_engage.core.journal.offer_ledger import OfferAlreadyUsed
from pos_engage.core.journal.store import Journal


def held(journal: Journal, offer: str) -> list[tuple[str, str]]:
    return [(use.sale_id, use.status) for use in journal.offer_uses(offer)]


def test_the_reservations_of_a_closed_connection_are_released_when_a_till_starts(tmp_path):
    path = tmp_path / "journal.sqlite3"
    with Journal.open(path) as first:
        first.reserve_offer("voucher-1", "voucher", "gone-sale")
    with Journal.open(path) as second:
        with pytest.raises(OfferAlreadyUsed, match="gone-sale"):   # the time limit alone would hold it 30 min
            second.reserve_offer("voucher-1", "voucher", "new-sale")
        assert second.release_orphaned_reservations() == 1
        second.reserve_offer("voucher-1", "voucher", "new-sale")
        assert held(second, "voucher-1") == [("gone-sale", "released"), ("new-sale", "reserved")]
        assert second.release_orphaned_reservations() == 0   # its own, open connection's: kept


def test_a_live_process_keeps_its_reservations_until_it_is_killed(tmp_path):
    path = tmp_path / "journal.sqlite3"
    other = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(60)"])
    try:
        started = process_started(other.pid)
        with Journal.open(path) as journal:
            journal.reserve_offer("promo-1", "promotion", "their-sale")
            # as that process's own connection would have written it
            journal.connection.execute("UPDATE offer_ledger SET holder = ?", (json.dumps(
                {"pid": other.pid, "host": socket.gethostname(), "started": started, "connection": "x"}),))
            journal.connection.commit()
            assert journal.release_orphaned_reservations() == 0
            other.send_signal(signal.SIGKILL)
            other.wait()
            assert journal.release_orphaned_reservations() == 1
            assert held(journal, "promo-1") == [("their-sale", "released")]
    finally:
        other.kill()


@pytest.mark.parametrize("holder", [
    json.dumps({"pid": 1, "host": "another-till-pc", "started": 1, "connection": "x"}),   # cannot be told
    None,                                                                                   # from before holders
    "not json",
])
def test_a_holder_that_cannot_be_told_keeps_it_for_the_time_limit(tmp_path, holder):
    with Journal.open(tmp_path / "journal.sqlite3") as journal:
        journal.reserve_offer("promo-1", "promotion", "their-sale")
        journal.connection.execute("UPDATE offer_ledger SET holder = ?", (holder,))
        journal.connection.commit()
        assert journal.release_orphaned_reservations() == 0
        assert held(journal, "promo-1") == [("their-sale", "reserved")]
