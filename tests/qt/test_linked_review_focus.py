"""Linked mode, where the next scan goes and what a strip shows (review 37): after the cashier used the offer
list, the POS's commit, void or next sale gives the identify field the focus back (never while a dialog is open);
a card scanned while the offer list has the focus identifies; at 800×600 F2 brings the identify field into view,
the POS's "to pay" never scrolls away and its lines take no more room than they need."""

from __future__ import annotations

import asyncio

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication

from pos_engage.core.till.pos_commit_input import created_now
from pos_engage.core.till.session import SaleSessions
from pos_engage.qt.link_bridge import LinkBridge
from tests.qt.test_linked_mode import SALE, done
from tests.qt.test_window import identified, scan, showcase


def linked_and_identified(qtbot, window, till, sale_id: str = "pos-8"):
    sessions = SaleSessions(till.service)
    link = LinkBridge(sessions, window.bridge, window)
    session = done(qtbot, asyncio.ensure_future(sessions.put(sale_id, SALE)))
    anna = showcase(till)["Anna"]
    identified(qtbot, window, lambda: scan(qtbot, window.customer.input, anna["cardNumber"]))
    qtbot.waitUntil(lambda: session.customer is not None, timeout=10_000)
    return sessions, link, session


def in_offers(qtbot, window) -> None:
    """F4, as the cashier does to pick an offer."""
    qtbot.keyClick(window, Qt.Key.Key_F4)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.customer.offers, timeout=2_000)


def commit(qtbot, sessions, session) -> None:
    to_pay = sessions.state(session)["totals"]["toPay"]
    done(qtbot, asyncio.ensure_future(sessions.commit(session.pos_sale_id, {
        "receiptNumber": session.pos_sale_id.split("-")[1], "createdDate": created_now(), "total": to_pay,
        "payments": [{"method": "Card", "amount": to_pay}]})))


@pytest.mark.parametrize("how", ["commit", "void", "next sale"])
def test_the_focus_is_back_in_the_identify_field_when_the_pos_moves_on(qtbot, window, till, how):
    sessions, _link, session = linked_and_identified(qtbot, window, till)
    in_offers(qtbot, window)
    if how == "commit":
        commit(qtbot, sessions, session)
    elif how == "void":
        done(qtbot, asyncio.ensure_future(sessions.void(session.pos_sale_id)))
    else:
        done(qtbot, asyncio.ensure_future(sessions.put("pos-9", SALE)))
    assert QApplication.focusWidget() is window.customer.input
    assert window.customer.input.selectedText() == window.customer.input.text()   # a scan replaces what is there
    if how != "commit":
        done(qtbot, asyncio.ensure_future(sessions.void(session.pos_sale_id)))
    done(qtbot, asyncio.ensure_future(till.service.redemptions_settled()))


def test_a_basket_change_from_the_pos_leaves_the_focus_where_the_cashier_is(qtbot, window, till):
    sessions, _link, session = linked_and_identified(qtbot, window, till)
    in_offers(qtbot, window)
    done(qtbot, asyncio.ensure_future(sessions.put(session.pos_sale_id, SALE)))   # the POS rings up more
    assert QApplication.focusWidget() is window.customer.offers
    done(qtbot, asyncio.ensure_future(sessions.void(session.pos_sale_id)))


def test_an_open_dialog_keeps_the_focus_when_the_pos_commits(qtbot, window, till):
    sessions, _link, session = linked_and_identified(qtbot, window, till)
    window.show_help()
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is window.help_box, timeout=2_000)
    commit(qtbot, sessions, session)
    assert QApplication.focusWidget() is None or QApplication.focusWidget().window() is window.help_box
    window.help_box.reject()


def test_a_card_scanned_while_the_offer_list_has_the_focus_identifies(qtbot, window, till):
    sessions, _link, session = linked_and_identified(qtbot, window, till)
    in_offers(qtbot, window)
    ola = showcase(till)["Ola"]
    with qtbot.waitSignal(window.bridge.identified, timeout=10_000) as blocker:
        for digit in ola["cardNumber"]:   # a keyboard-wedge scanner's burst, each key to the focused widget
            qtbot.keyClick(QApplication.focusWidget(), digit)
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Return)
    assert window.customer.input.text() == ola["cardNumber"], blocker.args[0]
    assert blocker.args[0].customer.contact.display_name.startswith("Ola")
    assert window.customer.input.text() == ola["cardNumber"]   # the last customer's key replaced, not added to
    done(qtbot, asyncio.ensure_future(sessions.void(session.pos_sale_id)))


def visible_in_strip(window, widget) -> bool:
    top = widget.mapTo(window.scroll.viewport(), QPoint(0, 0)).y()
    return top >= 0 and top + widget.height() <= window.scroll.viewport().height()


def test_at_800x600_f2_shows_the_identify_field_and_to_pay_never_scrolls_away(qtbot, window, till):
    # Lower than 800×600, which no longer scrolls in linked mode (test_linked_small_s9): a strip that must.
    window.resize(800, 420)
    qtbot.waitUntil(lambda: window.compact, timeout=2_000)
    qtbot.wait(50)
    window.resize(800, 420)   # offscreen, the first resize kept the wide layout's least size
    qtbot.waitUntil(lambda: window.height() == 420, timeout=2_000)
    sessions, link, session = linked_and_identified(qtbot, window, till)
    bar = window.scroll.verticalScrollBar()
    bar.setValue(bar.maximum())   # the cashier scrolled down to the POS's lines
    qtbot.wait(20)
    assert not visible_in_strip(window, window.customer.input)
    qtbot.keyClick(window.customer.input, Qt.Key.Key_F2)   # the field already has the focus
    qtbot.waitUntil(lambda: visible_in_strip(window, window.customer.input), timeout=2_000)
    # "To pay" is below what scrolls, wherever the strip is scrolled.
    assert window.footer.isVisible() and window.footer.isAncestorOf(link.panel.totals)
    assert link.panel.totals.isVisible() and "To\xa0pay" in link.panel.totals.text()   # kept with its amount
    assert not window.basket.summary.isVisible()   # not the till's own basket's
    # The sale is in the customer column (below the identify row, test_linked_window_s8), no taller than it needs;
    # the basket slot, with nothing to show, takes no room.
    assert window.customer.isAncestorOf(link.panel) and not window.basket_stack.isVisible()
    table = link.panel.lines
    assert link.panel.height() <= table.maximumHeight() + link.panel.status.height() + 40
    done(qtbot, asyncio.ensure_future(sessions.void(session.pos_sale_id)))
    link.unlink()
    assert window.basket.summary.isVisible() and not link.panel.summary.isVisible()
