"""The window of a till set up for a linked POS (pos_link.enabled "on") is in linked mode from its start (session
10: its own article entry and payments were usable until the POS first opened a sale): it says it waits for the
POS's sale, has no article or payment entry then, after a POS sale is paid or voided and before the next, and a
customer the cashier identifies meanwhile goes onto the POS's next sale (unless the POS brings its own); an offer
tapped before there is a sale says why nothing happened. The demo's setting ("demo") keeps the till's own basket
until a POS calls. Against the simulator, offscreen, with the till's own SaleSessions (one for the POS's sales and
the window's, as start_linked_mode serves it) and linked_from_start called as pos_engage.window calls it."""

from __future__ import annotations

import asyncio
from dataclasses import replace

import pytest
from PySide6.QtCore import Qt

from pos_engage.app import build_till
from pos_engage.core.config import PosLinkSettings
from pos_engage.qt.bridge import TillBridge
from pos_engage.qt.link_bridge import linked_from_start
from pos_engage.qt.order_bridge import OrderBridge
from pos_engage.qt.views.main_window import MainWindow
from pos_engage.sim.state import SimState
from tests.qt.test_linked_mode import SALE, done
from tests.qt.test_linked_review_focus import commit
from tests.qt.test_window import identified, scan, showcase

WAITING = "Waiting for the POS to open a sale"


def till_window(qtbot, till, tmp_path, enabled: str):
    """A window of the fixture till's configuration with pos_link.enabled ``enabled``, attached as the till
    starts it, then linked_from_start as pos_engage.window calls it (before any key is handled)."""
    config = replace(till.service.config, pos_link=PosLinkSettings(enabled=enabled))
    parts = build_till(config, demo=True, journal_path=tmp_path / f"{enabled}.sqlite3", sim_state=SimState(seed=7))
    bridge = TillBridge(parts.service, parts.monitor)
    main = MainWindow(bridge, orders=OrderBridge(parts.orders, parts.deliver_now), demo=True, cashier="test-cashier")
    qtbot.addWidget(main)
    main.resize(1280, 800)
    main.show()
    qtbot.waitExposed(main)
    link = linked_from_start(parts, bridge, main)
    return parts, main, link


@pytest.fixture
def set_up(qtbot, qloop, till, tmp_path):
    """A till set up for a linked POS, just started: the POS has not opened a sale."""
    parts, main, link = till_window(qtbot, till, tmp_path, "on")
    yield parts, main, link
    qtbot.waitUntil(lambda: not main.bridge.busy, timeout=10_000)
    if link is not None:
        done(qtbot, asyncio.ensure_future(link.settled()))
        link.close()
    main.bridge.shutdown()
    main.close()
    parts.journal.close()


def no_own_entry(window) -> bool:
    """Nothing of the till's own basket can be used: its article entry and payments are not on screen, and
    their actions (F5 article, F8 part payment, F9 finish, F12 new sale, F7 return) are off."""
    basket = window.basket
    shown = [w for w in (basket.sku, basket.article, basket.price, basket.finish_button) if w.isVisible()]
    return not shown and not any(action.isEnabled() for action in window.own_basket_actions)


def test_a_till_set_up_for_a_linked_pos_waits_for_its_sale_from_the_start(qtbot, set_up):
    _parts, window, link = set_up
    assert link is not None and window.linked
    assert window.basket_stack.currentWidget() is link.panel
    assert link.panel.heading.isVisible() and link.panel.heading.text() == WAITING
    assert "Articles and payment are taken at the POS" in link.panel.status.text()
    assert not link.panel.lines.isVisible() and not link.panel.totals.isVisible()   # no sale of nothing
    assert no_own_entry(window)
    qtbot.keyClick(window, Qt.Key.Key_F5)   # the article field's key does nothing
    assert not window.basket.sku.hasFocus()
    # In a strip too.
    window.resize(800, 600)
    qtbot.waitUntil(lambda: window.compact, timeout=2_000)
    qtbot.waitUntil(link.panel.isVisible, timeout=2_000)   # the strip's scroll area, new, is shown once laid out
    assert window.customer.held_sale is link.panel and link.panel.heading.isVisible()
    assert not window.basket.summary.isVisible() and link.panel.status.isVisible()
    assert no_own_entry(window)


def test_the_demo_setting_keeps_the_till_s_own_basket_until_a_pos_calls(qtbot, qloop, till, tmp_path):
    parts, window, link = till_window(qtbot, till, tmp_path, "demo")
    try:
        assert link is None and not window.linked
        assert window.basket_stack.currentWidget() is window.basket and window.finish_action.isEnabled()
    finally:
        window.bridge.shutdown()
        window.close()
        parts.journal.close()


def test_a_customer_identified_while_waiting_goes_onto_the_pos_s_next_sale(qtbot, set_up):
    parts, window, link = set_up
    anna = showcase(parts)["Anna"]
    identified(qtbot, window, lambda: scan(qtbot, window.customer.input, anna["cardNumber"]))
    assert window.customer.name.text().startswith("Anna")
    assert window.bridge.basket.lines == [] and no_own_entry(window)
    sessions = window.bridge.sessions
    session = done(qtbot, asyncio.ensure_future(sessions.put("pos-1", SALE)))
    qtbot.waitUntil(lambda: session.customer is not None, timeout=5_000)
    assert session.customer.contact.id == anna["id"]
    assert sessions.state(session)["customer"]["name"].startswith("Anna")   # what the POS reads
    assert window.customer.name.text().startswith("Anna")   # her card stayed
    assert window.bridge.sale.customer is None   # the till's own sale holds her no longer
    # The offers are this sale's now: a tap applies one to the POS's sale.
    done(qtbot, asyncio.ensure_future(link.settled()))
    assert window.bridge.customer is session.customer


def test_a_customer_the_pos_brings_is_the_sale_s_not_the_one_waiting(qtbot, set_up):
    parts, window, _link = set_up
    people = showcase(parts)
    identified(qtbot, window, lambda: scan(qtbot, window.customer.input, people["Anna"]["cardNumber"]))
    sessions = window.bridge.sessions
    session = done(qtbot, asyncio.ensure_future(sessions.put("pos-2", {**SALE,
                                                                        "customerKey": people["Ola"]["cardNumber"]})))
    qtbot.wait(50)
    assert session.customer.contact.id == people["Ola"]["id"]
    assert window.bridge.sale.customer is None
    qtbot.waitUntil(lambda: window.customer.name.text().startswith("Ola"), timeout=5_000)


def test_an_offer_tapped_while_waiting_says_it_waits_for_the_pos_s_sale(qtbot, set_up):
    parts, window, _link = set_up
    identified(qtbot, window, lambda: scan(qtbot, window.customer.input, showcase(parts)["Anna"]["cardNumber"]))
    offers = window.customer.offers
    qtbot.waitUntil(lambda: offers.count() > 0, timeout=5_000)
    window.activateWindow()
    offers.setFocus()
    qtbot.waitUntil(offers.hasFocus, timeout=2_000)
    offers.item(0).setCheckState(Qt.CheckState.Checked)   # as a tap does
    assert offers.item(0).checkState() == Qt.CheckState.Unchecked
    assert window.customer.message.text() == "Offers are applied once the POS has opened the sale"
    assert window.bridge.basket.discounts == []
    assert window.customer.input.hasFocus()   # the next scan goes to the identify field, not into the list


@pytest.mark.parametrize("how", ["commit", "void"])
def test_after_a_pos_sale_ends_the_window_waits_again_and_the_next_customer_goes_onto_the_next_sale(
        qtbot, set_up, how):
    parts, window, link = set_up
    sessions = window.bridge.sessions
    first = done(qtbot, asyncio.ensure_future(sessions.put("pos-3", SALE)))
    assert no_own_entry(window)
    if how == "commit":
        commit(qtbot, sessions, first)
    else:
        done(qtbot, asyncio.ensure_future(sessions.void("pos-3")))
    assert no_own_entry(window) and window.basket_stack.currentWidget() is link.panel
    assert "Articles and payment are taken at the POS" in link.panel.status.text()
    ola = showcase(parts)["Ola"]
    identified(qtbot, window, lambda: scan(qtbot, window.customer.input, ola["cardNumber"]))
    assert window.customer.name.text().startswith("Ola")
    assert first.customer is None   # not the ended sale's
    second = done(qtbot, asyncio.ensure_future(sessions.put("pos-4", SALE)))
    qtbot.waitUntil(lambda: second.customer is not None, timeout=5_000)
    assert second.customer.contact.id == ola["id"]
    assert no_own_entry(window)
    if how == "commit":
        done(qtbot, asyncio.ensure_future(parts.service.redemptions_settled()))
