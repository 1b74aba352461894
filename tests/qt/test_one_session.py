"""The window's own basket and the POS's sale are sessions of one SaleSessions (issue 16): a line typed at the till
is a session line (its own id and total) that no POS can reach and that does not turn the window to linked mode;
when the POS opens its sale on the same sessions the window shows it, a customer registered at the till becomes the
POS's sale's customer, and the till's own sale is as it was when the link ends. (Session 10b: a POS's sale opened
while the till's own sale has lines is shown once that sale is finished or voided, test_linked_demo_own_sale_s10b.)"""

from __future__ import annotations

import asyncio

import pytest

from pos_engage.core.domain import NewContact
from pos_engage.core.till.pos_sale_input import SaleProblem
from pos_engage.qt.link_bridge import LinkBridge
from tests.qt.test_linked_mode import SALE, done
from tests.qt.test_window import add_line


def test_the_till_basket_and_the_pos_sale_are_sessions_of_one_sale_sessions(qtbot, window, till):
    bridge = window.bridge
    sessions = bridge.sessions
    link = LinkBridge(sessions, bridge, window)
    heard = []
    sessions.listeners.append(heard.append)
    add_line(qtbot, window, "1002", "Wool jacket", "1299")
    own = bridge.sale
    assert heard and heard[-1] is own and own.pos_sale_id is None and not window.linked
    state = sessions.state(own)
    assert [line["lineId"] for line in state["lines"]] == ["L1"] and state["totals"]["toPay"] == 129900
    with pytest.raises(SaleProblem):   # the POS cannot name the till's sale
        sessions.get(bridge.sales.name(own))

    session = done(qtbot, asyncio.ensure_future(sessions.put("pos-8", SALE)))
    # The till's own sale has a line: it stays on screen as it is, the POS's sale shown once it is voided (helper A2).
    assert not window.linked and bridge.sale is own and [line.name for line in own.basket.lines] == ["Wool jacket"]
    bridge.new_sale()
    qtbot.waitUntil(lambda: window.linked, timeout=5_000)
    own = bridge.sale
    assert bridge.customer is None and own.basket.lines == []
    with qtbot.waitSignal(bridge.registered, timeout=10_000):
        bridge.register(NewContact(first_name="Maja", last_name="Berg", email="maja.berg@example.se"), None)
    qtbot.waitUntil(lambda: session.customer is not None, timeout=10_000)
    assert bridge.customer is session.customer and own.customer is None   # the POS's sale's, not the till's
    done(qtbot, asyncio.ensure_future(link.settled()))
    link.unlink()
    assert bridge.sale is own and bridge.customer is None and bridge.basket.lines == []
