"""Linked mode, finishing the window (session 8): a link bridge that is closed (the link stopped, served anew, or its
window gone) no longer listens to the sale sessions, which outlive it, so no later change of a sale calls a dead
panel; the till's own basket and a linked POS's sale lend their totals to a strip's footer by one implementation;
at 800×600 the POS's lines come right below the identify row, before the customer card, and in view without
scrolling, while 1024×768 keeps the customer beside the sale."""

from __future__ import annotations

import asyncio
import logging

from PySide6.QtCore import QPoint

from pos_engage.link.host import build_link
from pos_engage.link.server import LinkServer
from pos_engage.link.tokens import TokenSource
from pos_engage.qt.bridge import TillBridge
from pos_engage.qt.link_bridge import LinkBridge, WindowLink
from pos_engage.qt.views.basket_panel import BasketPanel
from pos_engage.qt.views.main_window import MainWindow
from pos_engage.qt.views.pos_sale_panel import PosSalePanel
from tests.qt.test_linked_mode import SALE, done
from tests.qt.test_linked_review_lines import SALE as FOUR_LINES
from tests.qt.test_linked_review_lines import linked_with_offers
from tests.qt.test_window import identified, scan, showcase

# ---------------------------------------------------------------------------------------------- closing the bridge


def test_a_closed_bridge_leaves_the_sessions_and_a_later_sale_does_not_reach_it(qtbot, window, till):
    sessions = window.bridge.sessions   # one SaleSessions for the POS's sales and the window's (start_linked_mode)
    link = LinkBridge(sessions, window.bridge, window)
    done(qtbot, asyncio.ensure_future(sessions.put("pos-31", SALE)))
    assert window.linked and link.panel.heading.text() == "Sale pos-31 from the POS"
    link.close()
    assert link._on_session_changed not in sessions.listeners
    assert not window.linked and window.basket_stack.currentWidget() is window.basket   # the till's own again
    assert window.bridge.pos_sale is None
    later = done(qtbot, asyncio.ensure_future(sessions.put("pos-32", SALE)))
    qtbot.wait(20)
    assert link.current is not later and link.panel.heading.text() == "Sale pos-31 from the POS"
    assert not window.linked   # nothing drew the later sale
    link.close()   # twice is harmless
    done(qtbot, asyncio.ensure_future(sessions.void("pos-31")))
    done(qtbot, asyncio.ensure_future(sessions.void("pos-32")))


def test_the_link_served_anew_shows_sales_through_the_new_bridge_only(qtbot, window, till):
    sessions = window.bridge.sessions
    first = LinkBridge(sessions, window.bridge, window)
    first.close()   # the link turned off
    second = LinkBridge(sessions, window.bridge, window)   # and on again
    session = done(qtbot, asyncio.ensure_future(sessions.put("pos-33", SALE)))
    assert first.panel.lines.rowCount() == 0 and first.current is None
    assert second.current is session and window.pos_sale is second.panel and second.panel.lines.rowCount() == 2
    anna = showcase(till)["Anna"]
    identified(qtbot, window, lambda: scan(qtbot, window.customer.input, anna["cardNumber"]))
    qtbot.waitUntil(lambda: session.customer is not None, timeout=10_000)   # once, by the bridge that is open
    assert sessions.listeners.count(second._on_session_changed) == 1
    done(qtbot, asyncio.ensure_future(second.settled()))
    second.close()
    done(qtbot, asyncio.ensure_future(sessions.void("pos-33")))


def test_stopping_the_window_s_link_closes_its_bridge(qtbot, window, till):
    sessions = window.bridge.sessions
    link = build_link(till.service, tokens=TokenSource(lambda: "test-token"), sessions=sessions)
    server = LinkServer(link.asgi(), port=0)
    done(qtbot, asyncio.ensure_future(server.start()))
    served = WindowLink(server, LinkBridge(sessions, window.bridge, window))
    done(qtbot, asyncio.ensure_future(served.stop()))
    assert served.bridge._on_session_changed not in sessions.listeners and served.bridge.closed


def test_a_window_deleted_first_is_never_called_by_a_later_sale(qtbot, till, caplog):
    """The window goes (its panels with it) while the sessions live on: its bridge stops listening."""
    bridge = TillBridge(till.service, till.monitor)
    main = MainWindow(bridge, cashier="test-cashier")
    main.resize(1024, 768)
    sessions = bridge.sessions
    link = LinkBridge(sessions, bridge, main)
    done(qtbot, asyncio.ensure_future(sessions.put("pos-34", SALE)))
    assert main.pos_sale is link.panel
    destroyed = []
    main.destroyed.connect(lambda *_: destroyed.append(True))
    main.deleteLater()
    qtbot.waitUntil(lambda: bool(destroyed), timeout=2_000)
    with caplog.at_level(logging.ERROR):
        done(qtbot, asyncio.ensure_future(sessions.put("pos-35", SALE)))
    assert not [r for r in caplog.records if "listener" in r.getMessage()], caplog.text
    assert link._on_session_changed not in sessions.listeners
    bridge.shutdown()


# ---------------------------------------------------------------------------------------------- the totals in a strip


def test_both_panels_lend_their_summary_by_one_implementation_and_get_it_back_in_place(qtbot, window, till):
    assert PosSalePanel.take_summary is BasketPanel.take_summary
    assert PosSalePanel.keep_summary is BasketPanel.keep_summary
    sessions = window.bridge.sessions
    link = LinkBridge(sessions, window.bridge, window)
    done(qtbot, asyncio.ensure_future(sessions.put("pos-36", SALE)))
    panels = (window.basket, link.panel)
    places = [panel.layout().indexOf(panel.summary) for panel in panels]
    window.resize(800, 600)
    qtbot.waitUntil(lambda: window.compact, timeout=2_000)
    assert all(window.footer.isAncestorOf(panel.summary) for panel in panels)
    window.resize(1024, 768)
    qtbot.waitUntil(lambda: not window.compact, timeout=2_000)
    assert [panel.layout().indexOf(panel.summary) for panel in panels] == places
    # The POS's totals below its lines, the till's own below its payments, each where it was.
    assert link.panel.layout().indexOf(link.panel.lines) < places[1]
    link.close()
    done(qtbot, asyncio.ensure_future(sessions.void("pos-36")))


# ---------------------------------------------------------------------------------------------- 800×600


def visible_in_strip(window, widget, top_of=None) -> bool:
    """``widget`` (or the rectangle ``top_of`` inside it) within the strip's view as it is scrolled now."""
    rect = top_of if top_of is not None else widget.rect()
    top = widget.mapTo(window.scroll.viewport(), rect.topLeft()).y()
    return top >= 0 and top + rect.height() <= window.scroll.viewport().height()


def test_at_800x600_the_pos_s_lines_are_in_view_before_the_customer_card(qtbot, window, till):
    link, _session = linked_with_offers(qtbot, window, till, (800, 600))
    qtbot.waitUntil(lambda: window.compact, timeout=2_000)
    window.focus_identify()   # the cashier's place: the identify field, the strip at its top
    qtbot.wait(20)
    assert window.scroll.verticalScrollBar().value() == 0
    table = link.panel.lines
    first = table.visualItemRect(table.item(0, 0))
    assert visible_in_strip(window, table.viewport(), first), "the POS's first line needs scrolling to be seen"
    assert visible_in_strip(window, link.panel.heading)
    card = window.customer.card
    assert table.mapTo(window.content, QPoint(0, 0)).y() < card.mapTo(window.content, QPoint(0, 0)).y()
    # Below the identify row, where the next scan goes, which stays on top.
    assert window.customer.input.mapTo(window.content, QPoint(0, 0)).y() < link.panel.mapTo(
        window.content, QPoint(0, 0)).y()
    assert visible_in_strip(window, window.customer.input)
    # To pay stays below what scrolls; nothing scrolls sideways.
    assert window.footer.isAncestorOf(link.panel.totals) and link.panel.totals.isVisible()
    assert not window.scroll.horizontalScrollBar().isVisible()
    # Wide again: the sale beside the customer, in the basket slot.
    window.resize(1024, 768)
    qtbot.waitUntil(lambda: not window.compact, timeout=2_000)
    assert window.basket_stack.isVisible() and window.basket_stack.currentWidget() is link.panel
    assert window.customer.held_sale is None


def test_at_1024x768_the_customer_stays_beside_the_pos_s_sale(qtbot, window, till):
    link, _session = linked_with_offers(qtbot, window, till, (1024, 768))
    assert not window.compact and window.basket_stack.currentWidget() is link.panel
    assert window.customer.held_sale is None
    customer_right = window.customer.mapTo(window, QPoint(window.customer.width(), 0)).x()
    assert link.panel.mapTo(window, QPoint(0, 0)).x() >= customer_right
    assert len(FOUR_LINES["lines"]) == link.panel.lines.rowCount()
    assert link.panel.totals.isVisible() and "To\xa0pay" in link.panel.totals.text()   # kept with its amount
    assert not link.panel.lines.horizontalScrollBar().isVisible()


def test_unlinked_in_a_strip_the_till_s_own_basket_is_back(qtbot, window, till):
    window.resize(800, 600)
    qtbot.waitUntil(lambda: window.compact, timeout=2_000)
    sessions = window.bridge.sessions
    link = LinkBridge(sessions, window.bridge, window)
    done(qtbot, asyncio.ensure_future(sessions.put("pos-37", SALE)))
    assert window.customer.held_sale is link.panel and not window.basket_stack.isVisible()
    link.close()
    assert window.customer.held_sale is None and not link.panel.isVisible()
    assert window.basket_stack.isVisible() and window.basket_stack.currentWidget() is window.basket
    assert window.basket.summary.isVisible()
    done(qtbot, asyncio.ensure_future(sessions.void("pos-37")))
