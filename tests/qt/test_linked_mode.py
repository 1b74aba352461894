"""The window in linked mode, against the real till and the simulator (offscreen): the POS's sale is shown
read-only with each line's discount; the cashier identifies and taps an offer in the window and the POS's long
poll sees it; an offer the POS applies is shown checked in the window; the POS's commit is shown as paid."""

from __future__ import annotations

import asyncio

from PySide6.QtCore import Qt

from pos_engage.core.till.pos_commit_input import created_now
from pos_engage.core.till.session import SaleSessions
from pos_engage.qt.link_bridge import LinkBridge
from tests.qt.test_window import identified, scan, showcase

SALE = {"currency": "SEK", "lines": [
    {"lineId": "A", "sku": "1002", "name": "Wool jacket", "quantity": 1, "lineTotal": 129900, "vatPercent": 25},
    {"lineId": "B", "sku": "1004", "name": "Socks", "quantity": 3, "lineTotal": 10000, "vatPercent": 25}]}


def done(qtbot, future: asyncio.Future):
    qtbot.waitUntil(future.done, timeout=10_000)
    return future.result()


def test_the_pos_sale_is_shown_read_only_and_both_sides_drive_it(qtbot, window, till):
    sessions = SaleSessions(till.service)
    link = LinkBridge(sessions, window.bridge, window)
    session = done(qtbot, asyncio.ensure_future(sessions.put("pos-7", SALE)))
    assert window.linked and window.basket_stack.currentWidget() is link.panel
    assert link.panel.lines.rowCount() == 2 and "1,399.00" in link.panel.totals.text()
    assert not any(action.isEnabled() for action in getattr(window, "own_basket_actions", ()))

    anna = showcase(till)["Anna"]
    identified(qtbot, window, lambda: scan(qtbot, window.customer.input, anna["cardNumber"]))
    qtbot.waitUntil(lambda: session.customer is not None, timeout=10_000)
    assert session.customer.contact.display_name == "Anna Andersson"

    waiting = asyncio.ensure_future(session.wait_for_change(session.version, 10))   # the POS's long poll
    offers = window.customer.offers
    card = next(offers.item(row) for row in range(offers.count()) if "20 %" in offers.item(row).text())
    card.setCheckState(Qt.CheckState.Checked)   # the cashier taps the card
    done(qtbot, waiting)
    qtbot.waitUntil(lambda: bool(session.basket.discounts), timeout=10_000)
    state = sessions.state(session)
    assert state["totals"]["discounts"] == 27980 and state["lines"][0]["discountTotal"] == 25980
    assert "−259.80" in link.panel.lines.item(0, 2).text() or "-259.80" in link.panel.lines.item(0, 2).text()
    assert till.service.journal.sale_offers("12-3-pos-7") != []   # reserved for the POS's sale

    voucher = session.customer.vouchers[0]
    done(qtbot, asyncio.ensure_future(sessions.apply("pos-7", voucher.id)))   # the POS applies a voucher
    checked = [offers.item(row).data(Qt.ItemDataRole.UserRole).id for row in range(offers.count())
               if offers.item(row).checkState() == Qt.CheckState.Checked]
    assert set(checked) == {card.data(Qt.ItemDataRole.UserRole).id, voucher.id}

    to_pay = sessions.state(session)["totals"]["toPay"]
    done(qtbot, asyncio.ensure_future(sessions.commit("pos-7", {
        "receiptNumber": "7", "createdDate": created_now(), "total": to_pay,
        "payments": [{"method": "Card", "amount": to_pay}]})))
    assert "Paid at the POS" in link.panel.heading.text()   # the end state is the heading (review 37)
    assert window.customer.name.text() != "Anna Andersson"   # ready for the next customer
    done(qtbot, asyncio.ensure_future(till.service.redemptions_settled()))
    link.unlink()
    assert not window.linked
