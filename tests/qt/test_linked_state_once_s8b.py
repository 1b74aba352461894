"""Linked mode reads a POS sale's state once per change (session 8b): the link bridge draws the sale from its state
and the offer cards are told which offers that same state says the sale can take now, instead of reading it again
a moment later, when the POS's answer had kept only its JSON (core then decodes the bytes). Against a POS over HTTP
(the link served on loopback, its PUT answered with the state's JSON as a real POS is answered), the simulator
behind the till."""

from __future__ import annotations

import asyncio
import copy

import httpx
from PySide6.QtCore import Qt

from pos_engage.core.till import pos_json
from pos_engage.link.host import build_link
from pos_engage.link.server import LinkServer
from pos_engage.link.tokens import TokenSource
from pos_engage.qt.bridge_customer import offer_states_of
from pos_engage.qt.link_bridge import LinkBridge, WindowLink
from tests.qt.test_linked_mode import SALE, done
from tests.qt.test_window import identified, scan, showcase

TOKEN = "test-token-0123456789"


class Reads:
    """Counts the reads of a sale's state in the window: SaleSessions.state on the window's sessions, and core's
    decoding of a state kept only as JSON. The real functions run; they are only counted."""

    def __init__(self, monkeypatch, sessions) -> None:
        self.states = self.decoded = 0
        state, decoded = sessions.state, pos_json.decoded

        def counted_state(session):
            self.states += 1
            return state(session)

        def counted_decoded(encoded):
            self.decoded += 1
            return decoded(encoded)

        monkeypatch.setattr(sessions, "state", counted_state)
        monkeypatch.setattr(pos_json, "decoded", counted_decoded)

    def reset(self) -> None:
        self.states = self.decoded = 0


def put(qtbot, http: httpx.AsyncClient, sale_id: str, sale: dict) -> dict:
    answer = done(qtbot, asyncio.ensure_future(http.put(f"/v1/sales/{sale_id}", json=sale)))
    assert answer.status_code == 200, answer.text
    return answer.json()


def test_each_change_of_a_pos_sale_reads_its_state_once_and_the_cards_say_what_it_says(qtbot, window, till,
                                                                                      monkeypatch):
    sessions = window.bridge.sessions   # one SaleSessions for the POS's sales and the window's (start_linked_mode)
    link = build_link(till.service, tokens=TokenSource(lambda: TOKEN), sessions=sessions)
    server = LinkServer(link.asgi(), port=0)
    done(qtbot, asyncio.ensure_future(server.start()))
    served = WindowLink(server, LinkBridge(sessions, window.bridge, window))
    http = httpx.AsyncClient(base_url=server.url, timeout=10.0, headers={"Authorization": f"Bearer {TOKEN}"})
    try:
        put(qtbot, http, "pos-41", SALE)
        session = sessions.get("pos-41")
        reads = Reads(monkeypatch, sessions)
        anna = showcase(till)["Anna"]   # the cashier identifies her in the window: the sale's change, drawn once
        identified(qtbot, window, lambda: scan(qtbot, window.customer.input, anna["cardNumber"]))
        qtbot.waitUntil(lambda: session.customer is not None, timeout=10_000)
        done(qtbot, asyncio.ensure_future(served.bridge.settled()))
        qtbot.wait(50)
        assert window.customer.offers.count() > 0
        assert (reads.states, reads.decoded) == (1, 0), f"read {reads.states}, decoded {reads.decoded}"

        more = copy.deepcopy(SALE)
        more["lines"].append({"lineId": "C", "sku": "1001", "name": "T-shirt", "quantity": 2, "lineTotal": 39800,
                              "vatPercent": 25})
        fewer = copy.deepcopy(SALE)
        fewer["lines"][1]["quantity"], fewer["lines"][1]["lineTotal"] = 1, 3400
        for change in (more, fewer, SALE):
            reads.reset()
            answered = put(qtbot, http, "pos-41", change)   # answered with the state's JSON, as a POS is
            qtbot.wait(50)   # the window has drawn the change, the offer cards told too
            assert (reads.states, reads.decoded) == (1, 0), f"read {reads.states}, decoded {reads.decoded}"
            assert window.bridge.offer_states() == offer_states_of(session, answered)
            assert window.customer._offer_states == offer_states_of(session, answered)
            assert link.sessions.get("pos-41").version == answered["version"]

        # The cashier taps a card: one read too, and the card is applied as the state says.
        reads.reset()
        offers = window.customer.offers
        card = next(offers.item(row) for row in range(offers.count()) if "20 %" in offers.item(row).text())
        card.setCheckState(Qt.CheckState.Checked)
        done(qtbot, asyncio.ensure_future(served.bridge.settled()))
        qtbot.wait(50)
        assert (reads.states, reads.decoded) == (1, 0), f"read {reads.states}, decoded {reads.decoded}"
        assert card.data(Qt.ItemDataRole.UserRole).id in window.customer._offer_states.applied
        done(qtbot, asyncio.ensure_future(http.post("/v1/sales/pos-41/void")))
    finally:
        done(qtbot, asyncio.ensure_future(http.aclose()))
        done(qtbot, asyncio.ensure_future(served.stop()))


def test_the_link_bridge_has_no_signal_nobody_listens_to(window, till):
    """state_shown was emitted at every change and never connected (it said 'tests, the status bar'; neither)."""
    assert not hasattr(LinkBridge, "state_shown")
