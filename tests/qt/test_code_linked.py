"""An offer code scanned into the window in linked mode goes onto the POS's sale on screen, by that session's own
rule (issue 12), so the POS's next state carries it and its commit redeems it once. Before the fix the window put
it on the till's own basket, hidden behind the POS's sale: the POS never saw the discount, and the offer stayed
reserved by a sale nobody would finish."""

from __future__ import annotations

import asyncio

from pos_engage.core.till.pos_commit_input import created_now
from pos_engage.qt.link_bridge import LinkBridge
from tests.qt.test_linked_mode import SALE, done
from tests.qt.test_window import identified, scan, showcase


def test_a_code_scanned_in_linked_mode_goes_on_the_pos_sale(qtbot, window, till):
    sessions = window.bridge.sales.sessions   # the link serves the bridge's sessions (start_linked_mode)
    link = LinkBridge(sessions, window.bridge, window)
    session = done(qtbot, asyncio.ensure_future(sessions.put("pos-8", SALE)))
    anna = showcase(till)["Anna"]
    identified(qtbot, window, lambda: scan(qtbot, window.customer.input, anna["cardNumber"]))
    qtbot.waitUntil(lambda: session.customer is not None, timeout=10_000)

    waiting = asyncio.ensure_future(session.wait_for_change(session.version, 10))   # the POS's long poll
    outcome = identified(qtbot, window, lambda: scan(qtbot, window.customer.input, "PARTNER-2026"))
    assert outcome.code.applied is not None
    done(qtbot, waiting)
    offer = outcome.code.offer.id
    assert [d.source_id for d in session.basket.discounts] == [offer]
    assert window.bridge.sale.basket.discounts == []   # not the till's own (hidden) sale
    assert [u.sale_id for u in till.journal.offer_uses(offer)] == ["12-3-pos-8"]
    assert [a["offerId"] for a in sessions.state(session)["applied"]] == [offer]   # what the POS reads

    to_pay = sessions.state(session)["totals"]["toPay"]
    done(qtbot, asyncio.ensure_future(sessions.commit("pos-8", {
        "receiptNumber": "8", "createdDate": created_now(), "total": to_pay,
        "payments": [{"method": "Card", "amount": to_pay}]})))
    done(qtbot, asyncio.ensure_future(till.service.redemptions_settled()))
    assert [r["assignmentId"] for r in till.sim_state.received.redemptions] == [offer]
    link.unlink()
