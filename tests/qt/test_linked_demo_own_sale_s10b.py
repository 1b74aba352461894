"""The demo's setting (pos_link.enabled "demo") keeps the till's own basket until a POS opens a sale. A POS's sale
opened while that own sale has lines waits (session 10b, helper A's note: the own sale was hidden under the POS's,
its lines, customer and offers out of sight, and a customer identified later sat on it, on no POS sale): the own
sale stays on screen as it was and the cashier is told, and the POS's sale is shown once the own sale is finished
(F9) or voided (F12). A customer identified on an own sale with no lines yet goes onto the POS's sale. Offscreen,
with the bridge start_linked_mode makes (the demo has no linked_from_start)."""

from __future__ import annotations

import asyncio

import pytest
from PySide6.QtCore import Qt

from pos_engage.qt.link_bridge import LinkBridge
from pos_engage.qt.views.customer_offers import usable
from tests.qt.test_linked_mode import SALE, done
from tests.qt.test_linked_waiting_s10 import till_window
from tests.qt.test_window import add_line, identified, scan, showcase

TOLD = "The POS opened sale pos-d1: it is shown here once this sale is finished (F9) or voided (F12)"


@pytest.fixture
def demo(qtbot, qloop, till, tmp_path):
    """A demo till's window, and the bridge the link serves it with; no POS has called yet."""
    parts, window, _none = till_window(qtbot, till, tmp_path, "demo")
    link = LinkBridge(window.bridge.sessions, window.bridge, window)
    yield parts, window, link
    qtbot.waitUntil(lambda: not window.bridge.busy, timeout=10_000)
    done(qtbot, asyncio.ensure_future(link.settled()))
    link.close()
    window.bridge.shutdown()
    window.close()
    parts.journal.close()


def own_sale_with_anna_and_an_offer(qtbot, parts, window):
    """Two lines, Anna, and her first offer the sale can take applied: the own sale in progress."""
    add_line(qtbot, window, "1001", "T-shirt", "249")
    add_line(qtbot, window, "1002", "Wool jacket", "1299")
    identified(qtbot, window, lambda: scan(qtbot, window.customer.input, showcase(parts)["Anna"]["cardNumber"]))
    offers = window.customer.offers
    qtbot.waitUntil(lambda: offers.count() > 0, timeout=5_000)
    card = next(offers.item(row) for row in range(offers.count()) if usable(offers.item(row)))
    card.setCheckState(Qt.CheckState.Checked)   # as a tap does
    qtbot.waitUntil(lambda: len(window.bridge.basket.discounts) == 1, timeout=5_000)
    return window.bridge.sale


def own_sale_shown(window, own) -> bool:
    return (not window.linked and window.basket_stack.currentWidget() is window.basket and window.bridge.sale is own
            and window.finish_action.isEnabled())


def test_a_pos_sale_opened_during_the_own_sale_waits_and_the_cashier_is_told(qtbot, demo):
    parts, window, _link = demo
    own = own_sale_with_anna_and_an_offer(qtbot, parts, window)
    sessions = window.bridge.sessions
    session = done(qtbot, asyncio.ensure_future(sessions.put("pos-d1", SALE)))
    qtbot.wait(20)
    assert own_sale_shown(window, own)
    assert len(own.basket.lines) == 2 and len(own.basket.discounts) == 1 and own.customer is not None
    assert window.customer.name.text().startswith("Anna") and session.customer is None   # she stays on her sale
    assert window.customer.message.text() == TOLD and window.basket.sale_status.text() == TOLD
    # The POS sends its basket again: nothing moves, and it is not said again over what the cashier does meanwhile.
    window.customer.message.setText("")
    done(qtbot, asyncio.ensure_future(sessions.put("pos-d1", {**SALE, "lines": SALE["lines"][:1]})))
    qtbot.wait(20)
    assert own_sale_shown(window, own) and window.customer.message.text() == ""
    done(qtbot, asyncio.ensure_future(sessions.void("pos-d1")))


@pytest.mark.parametrize("how", ["finished", "voided"])
def test_the_pos_s_sale_is_shown_once_the_own_sale_is_finished_or_voided(qtbot, demo, how):
    parts, window, link = demo
    own = own_sale_with_anna_and_an_offer(qtbot, parts, window)
    sessions = window.bridge.sessions
    session = done(qtbot, asyncio.ensure_future(sessions.put("pos-d1", SALE)))
    to_pay = own.basket.total
    if how == "finished":
        with qtbot.waitSignal(window.bridge.sale_recorded, timeout=15_000) as recorded:
            qtbot.keyClick(window, Qt.Key.Key_F9)
        assert recorded.args[0].total == to_pay and to_pay < 249 + 1299   # the own sale as rung up, her offer on it
    else:
        qtbot.keyClick(window, Qt.Key.Key_F12)
        window.confirm_box.yes_button.click()
    qtbot.waitUntil(lambda: window.linked and window.basket_stack.currentWidget() is link.panel, timeout=5_000)
    assert link.current is session and link.panel.heading.text().startswith("Sale pos-d1")
    assert window.bridge.sale is not own and window.bridge.pos_sale is session
    # The next customer identified is the POS's sale's.
    ola = showcase(parts)["Ola"]
    identified(qtbot, window, lambda: scan(qtbot, window.customer.input, ola["cardNumber"]))
    qtbot.waitUntil(lambda: session.customer is not None, timeout=5_000)
    assert session.customer.contact.id == ola["id"]
    done(qtbot, asyncio.ensure_future(sessions.void("pos-d1")))
    done(qtbot, asyncio.ensure_future(parts.service.redemptions_settled()))


def test_a_pos_sale_ended_while_it_waited_leaves_the_window_waiting_for_the_next(qtbot, demo):
    parts, window, link = demo
    own_sale_with_anna_and_an_offer(qtbot, parts, window)
    sessions = window.bridge.sessions
    done(qtbot, asyncio.ensure_future(sessions.put("pos-d1", SALE)))
    done(qtbot, asyncio.ensure_future(sessions.void("pos-d1")))
    qtbot.keyClick(window, Qt.Key.Key_F12)
    window.confirm_box.yes_button.click()
    qtbot.waitUntil(lambda: window.linked and link.panel.waiting, timeout=5_000)
    assert link.current is None and link.panel.heading.text() == "Waiting for the POS to open a sale"


def test_a_customer_on_the_own_sale_without_lines_goes_onto_the_pos_s_sale(qtbot, demo):
    parts, window, _link = demo
    anna = showcase(parts)["Anna"]
    identified(qtbot, window, lambda: scan(qtbot, window.customer.input, anna["cardNumber"]))
    sessions = window.bridge.sessions
    session = done(qtbot, asyncio.ensure_future(sessions.put("pos-d2", SALE)))
    qtbot.waitUntil(lambda: session.customer is not None, timeout=5_000)
    assert session.customer.contact.id == anna["id"] and window.bridge.sale.customer is None
    assert window.linked and window.customer.name.text().startswith("Anna")
    done(qtbot, asyncio.ensure_future(sessions.void("pos-d2")))
