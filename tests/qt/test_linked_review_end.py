"""Linked mode, what the POS owns and how a sale ends (review 37): F7 (a return with its refund) is off while a
POS is linked and the till says returns are made at the POS; a paid or voided POS sale is said so in the heading
and shown as past; a second open POS sale is hinted at."""

from __future__ import annotations

import asyncio

from PySide6.QtWidgets import QApplication

from pos_engage.core.till.session import SaleSessions
from pos_engage.qt.link_bridge import LinkBridge
from tests.qt.test_linked_mode import SALE, done
from tests.qt.test_linked_review_focus import commit, linked_and_identified


def test_f7_is_off_while_a_pos_is_linked_and_the_till_says_returns_are_made_at_the_pos(qtbot, window, till):
    sessions = SaleSessions(till.service)
    link = LinkBridge(sessions, window.bridge, window)
    done(qtbot, asyncio.ensure_future(sessions.put("pos-5", SALE)))
    assert window.return_action in window.own_basket_actions
    assert not window.return_action.isEnabled()
    assert "at the POS" in window.return_action.text()
    window.open_return()   # however it is reached: no refund the POS would never hear of
    assert QApplication.activeModalWidget() is None and getattr(window, "return_dialog", None) is None
    assert "made at the POS" in window.customer.message.text()
    window.show_help()
    assert "F7</b> Returns: made at the POS while it is linked" in window.help_box.text()
    window.help_box.reject()
    done(qtbot, asyncio.ensure_future(sessions.void("pos-5")))
    link.unlink()
    assert window.return_action.isEnabled() and window.return_action.text() == "Return against a sale…"


def test_a_paid_pos_sale_says_so_in_its_heading_and_is_shown_as_past(qtbot, window, till):
    sessions, link, session = linked_and_identified(qtbot, window, till)
    commit(qtbot, sessions, session)
    panel = link.panel
    assert panel.heading.text() == "✔ Paid at the POS: the sale is saved"
    assert "Ready for the next customer" in panel.status.text()
    assert not panel.lines.isEnabled()   # greyed: the paid sale, not the next customer's
    done(qtbot, asyncio.ensure_future(till.service.redemptions_settled()))


def test_a_voided_pos_sale_says_so_and_its_figures_are_struck_out(qtbot, window, till):
    sessions = SaleSessions(till.service)
    link = LinkBridge(sessions, window.bridge, window)
    done(qtbot, asyncio.ensure_future(sessions.put("pos-6", SALE)))
    assert "font-size: 14pt" in link.panel.totals.styleSheet()   # open: "to pay" is what is read
    done(qtbot, asyncio.ensure_future(sessions.void("pos-6")))
    assert link.panel.heading.text() == "✖ Voided at the POS"
    assert "line-through" in link.panel.totals.styleSheet() and not link.panel.totals.isEnabled()
    assert "nothing was saved" in link.panel.status.text()


def test_a_second_open_pos_sale_is_hinted_at(qtbot, window, till):
    sessions = SaleSessions(till.service)
    link = LinkBridge(sessions, window.bridge, window)
    done(qtbot, asyncio.ensure_future(sessions.put("pos-A", SALE)))
    assert not link.panel.others.isVisibleTo(link.panel)
    done(qtbot, asyncio.ensure_future(sessions.put("pos-B", SALE)))
    assert link.panel.others.isVisibleTo(link.panel)
    assert "Sales open at the POS: 2" in link.panel.others.text()
    done(qtbot, asyncio.ensure_future(sessions.void("pos-A")))
    assert not link.panel.others.isVisibleTo(link.panel)   # pos-B, shown, is the only one open
    done(qtbot, asyncio.ensure_future(sessions.put("pos-C", SALE)))
    done(qtbot, asyncio.ensure_future(sessions.void("pos-C")))   # shown voided, pos-B still open
    assert link.panel.heading.text() == "✖ Voided at the POS"
    assert "Other sales open at the POS: 1" in link.panel.others.text() and link.panel.others.isVisibleTo(link.panel)
    done(qtbot, asyncio.ensure_future(sessions.void("pos-B")))
