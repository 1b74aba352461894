"""A customer scanned while Engage did not answer is the offline copy on the window's own sale; once Engage answers
again the till looks her up again by itself, once, and the window shows her contact and her real offers on the same
sale (core/till/offline_copies.py looks her up; the window redraws). Against the simulator (its 'down' and 'blocked'
faults) over the real client, in the real window."""

from __future__ import annotations

import asyncio

from pos_engage.core.till.outcomes import Found
from tests.qt.test_linked_mode import done
from tests.qt.test_window import add_line, identified, scan, showcase


def contact_reads(till) -> int:
    return sum(1 for r in till.sim_state.received.requests if r["path"].startswith("/api/v3/contacts"))


def no_lookup_running(qtbot, window) -> None:
    """Core's lookups of copies (core/till/offline_copies.py) have all answered."""
    copies = window.bridge.sessions.offline_copies
    qtbot.waitUntil(lambda: not copies._asking, timeout=10_000)


def shows_anna(window, anna: dict, customer) -> None:
    assert customer.contact.id == anna["id"] and not customer.offline
    assert window.bridge.customer is customer and window.bridge.sale.customer is customer
    assert window.customer.name.text() == "Anna Andersson" and window.customer.offers.count() > 0
    assert "Offline" not in window.customer.details.text()


def test_when_engage_is_online_again_the_copy_is_replaced_by_her_contact_and_offers(qtbot, window, till):
    anna = showcase(till)["Anna"]
    till.sim_state.faults.update({"down": True})
    outcome = identified(qtbot, window, lambda: scan(qtbot, window.customer.input, anna["cardNumber"]))
    assert outcome.found is Found.OFFLINE and till.monitor.offline
    assert "Offline" in window.customer.details.text() and window.customer.offers.count() == 0
    add_line(qtbot, window, "1001", "T-shirt", "199")       # a use while Engage is offline: nothing is asked
    no_lookup_running(qtbot, window)
    assert window.bridge.customer is outcome.customer

    till.sim_state.faults.update({"down": False})
    with qtbot.waitSignal(window.bridge.found_again, timeout=10_000) as blocker:
        # The journal's probe (as its replayer sends it) finds Engage: "online" asks for her, no use needed.
        assert done(qtbot, asyncio.ensure_future(till.monitor.probe(till.service.client.for_background().ping)))
    again = blocker.args[0]
    assert again.found is Found.FOUND
    shows_anna(window, anna, again.customer)
    assert [line.sku for line in window.bridge.basket.lines] == ["1001"]   # the same sale
    reads = contact_reads(till)
    add_line(qtbot, window, "1002", "Wool jacket", "1299")   # found: never asked again
    no_lookup_running(qtbot, window)
    assert contact_reads(till) == reads


def test_at_the_next_use_once_engage_answers_the_copy_is_replaced(qtbot, window, till):
    """Engage refused this till (403): the monitor never says offline, so its "online" may never come; the sale's
    next change asks, once."""
    anna = showcase(till)["Anna"]
    till.sim_state.faults.update({"blocked": True})
    outcome = identified(qtbot, window, lambda: scan(qtbot, window.customer.input, anna["cardNumber"]))
    assert outcome.found is Found.OFFLINE and not till.monitor.offline
    add_line(qtbot, window, "1001", "T-shirt", "199")       # still refused: the copy stays
    no_lookup_running(qtbot, window)
    assert window.bridge.customer is outcome.customer

    till.sim_state.faults.update({"blocked": False})
    with qtbot.waitSignal(window.bridge.found_again, timeout=10_000) as blocker:
        add_line(qtbot, window, "1002", "Wool jacket", "1299")
    shows_anna(window, anna, blocker.args[0].customer)
    no_lookup_running(qtbot, window)
    reads = contact_reads(till)
    add_line(qtbot, window, "1003", "Socks", "49")
    no_lookup_running(qtbot, window)
    assert contact_reads(till) == reads and len(window.bridge.basket.lines) == 3


def test_another_customer_identified_meanwhile_is_never_replaced_by_the_copys_lookup(qtbot, window, till):
    people = showcase(till)
    till.sim_state.faults.update({"blocked": True})
    identified(qtbot, window, lambda: scan(qtbot, window.customer.input, people["Anna"]["cardNumber"]))
    till.sim_state.faults.update({"blocked": False})
    # Ola's lookup answers first: Engage "online" again asks for Anna while Ola is being identified.
    outcome = identified(qtbot, window, lambda: scan(qtbot, window.customer.input, people["Ola"]["cardNumber"]))
    assert outcome.found is Found.FOUND
    no_lookup_running(qtbot, window)
    qtbot.wait(50)
    assert window.bridge.customer.contact.id == people["Ola"]["id"]
    assert window.customer.name.text().startswith("Ola")
    reads = contact_reads(till)
    add_line(qtbot, window, "1001", "T-shirt", "199")
    no_lookup_running(qtbot, window)
    assert contact_reads(till) == reads
