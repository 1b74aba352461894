"""While a linked window waits for the POS's sale (none open: at its start, after a commit or a void), the customer's
offer cards are dimmed and each says why, as a card the sale cannot take says it ('Cannot be used now: Offers are
applied once the POS has opened the sale'); neither a tap nor the arrows and Space apply one, and F4 or a tap says
why with the focus left in the identify field (in the list no card could be chosen). They are usable as soon as the
POS opens a sale, by touch and by keys alike (session 10b: they looked usable, and only a tap said why nothing
happened). On the till of test_linked_waiting_s10 (pos_link.enabled "on", linked_from_start)."""

from __future__ import annotations

import asyncio

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from pos_engage.qt.views.customer_offers import usable
from tests.qt.test_linked_mode import SALE, done
from tests.qt.test_linked_review_focus import commit
from tests.qt.test_linked_waiting_s10 import set_up  # noqa: F401  (the fixture)
from tests.qt.test_window import identified, scan, showcase

REASON = "Offers are applied once the POS has opened the sale"
WHY = f"Cannot be used now: {REASON}"


def cards(window) -> list:
    offers = window.customer.offers
    return [offers.item(row) for row in range(offers.count())]


def identify_anna(qtbot, parts, window) -> None:
    anna = showcase(parts)["Anna"]
    identified(qtbot, window, lambda: scan(qtbot, window.customer.input, anna["cardNumber"]))
    qtbot.waitUntil(lambda: window.customer.offers.count() > 0, timeout=5_000)


def all_waiting(window) -> bool:
    return all(not usable(card) and card.text().endswith(WHY) and card.toolTip() == WHY for card in cards(window))


def f4_down_space(qtbot, window) -> None:
    """Into the offers with F4, the first card with Down (Home after it: the arrows' start), Space to apply it."""
    qtbot.keyClick(window, Qt.Key.Key_F4)
    offers = window.customer.offers
    qtbot.waitUntil(lambda: QApplication.focusWidget() is offers, timeout=2_000)
    qtbot.keyClick(offers, Qt.Key.Key_Down)
    qtbot.keyClick(offers, Qt.Key.Key_Home)
    qtbot.keyClick(offers, Qt.Key.Key_Space)


def tap(qtbot, window, card) -> None:
    offers = window.customer.offers
    offers.scrollToItem(card)
    qtbot.mouseClick(offers.viewport(), Qt.MouseButton.LeftButton, pos=offers.visualItemRect(card).center())


def test_while_waiting_the_offer_cards_say_they_wait_for_the_pos_s_sale_and_no_key_or_tap_applies_one(
        qtbot, set_up):  # noqa: F811
    parts, window, _link = set_up
    identify_anna(qtbot, parts, window)
    qtbot.waitUntil(lambda: all_waiting(window), timeout=2_000)
    offers, field = window.customer.offers, window.customer.input
    for into_offers in (lambda: qtbot.keyClick(window, Qt.Key.Key_F4), lambda: tap(qtbot, window, cards(window)[0])):
        window.customer.message.setText("")
        into_offers()
        qtbot.waitUntil(lambda: QApplication.focusWidget() is field, timeout=2_000)
        assert window.customer.message.text() == REASON
    for key in (Qt.Key.Key_Down, Qt.Key.Key_Home, Qt.Key.Key_Space):   # sent to the list itself
        qtbot.keyClick(offers, key)
    assert not any(card.checkState() == Qt.CheckState.Checked for card in cards(window))
    assert window.bridge.sale.basket.discounts == [] and all_waiting(window)


@pytest.mark.parametrize("how", ["keys", "tap"])
def test_the_cards_are_usable_once_the_pos_opens_its_sale(qtbot, set_up, how):  # noqa: F811
    parts, window, _link = set_up
    identify_anna(qtbot, parts, window)
    qtbot.waitUntil(lambda: all_waiting(window), timeout=2_000)
    sessions = window.bridge.sessions
    session = done(qtbot, asyncio.ensure_future(sessions.put("pos-b1", SALE)))
    qtbot.waitUntil(lambda: session.customer is not None, timeout=5_000)
    first = cards(window)[0]
    qtbot.waitUntil(lambda: usable(first) and WHY not in first.text() and not first.toolTip(), timeout=2_000)
    if how == "keys":
        f4_down_space(qtbot, window)
    else:
        tap(qtbot, window, first)
    qtbot.waitUntil(lambda: len(session.basket.discounts) > 0, timeout=5_000)
    assert {d.source_id for d in session.basket.discounts} == {first.data(Qt.ItemDataRole.UserRole).id}
    done(qtbot, asyncio.ensure_future(sessions.void("pos-b1")))


@pytest.mark.parametrize("how", ["commit", "void"])
def test_after_the_pos_s_sale_ends_the_next_customer_s_cards_wait_again(qtbot, set_up, how):  # noqa: F811
    parts, window, _link = set_up
    sessions = window.bridge.sessions
    first = done(qtbot, asyncio.ensure_future(sessions.put("pos-b2", SALE)))
    identify_anna(qtbot, parts, window)
    qtbot.waitUntil(lambda: all(usable(card) for card in cards(window)[:1]), timeout=2_000)
    if how == "commit":
        commit(qtbot, sessions, first)
        done(qtbot, asyncio.ensure_future(parts.service.redemptions_settled()))
    else:
        done(qtbot, asyncio.ensure_future(sessions.void("pos-b2")))
    ola = showcase(parts)["Ola"]
    identified(qtbot, window, lambda: scan(qtbot, window.customer.input, ola["cardNumber"]))
    qtbot.waitUntil(lambda: window.customer.offers.count() > 0 and all_waiting(window), timeout=5_000)
