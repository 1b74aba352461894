"""The offer cards as the cashier review of linked mode found them (review 37), in the real window against the
simulator (offscreen): a card the sale cannot take now is dimmed and says why before it is tapped, and a tap on it
does nothing (an applied card can always be taken off); a refusal said about one offer goes once another offer is
applied."""

from __future__ import annotations

import asyncio

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from pos_engage.qt.link_bridge import LinkBridge
from pos_engage.qt.views.customer_offers import usable
from tests.qt.test_linked_mode import SALE, done
from tests.qt.test_window import add_line, enter, identified, showcase


def card(window, words: str):
    offers = window.customer.offers
    return next(offers.item(row) for row in range(offers.count()) if words in offers.item(row).text())


def tap(qtbot, window, item) -> None:
    offers = window.customer.offers
    # A layout still pending (a message just shown above the list) moves the list after the click's place is
    # read: laid out first, the click lands on the card it names (a full run once tapped beside it).
    QApplication.processEvents()
    offers.scrollToItem(item)
    QApplication.processEvents()
    qtbot.mouseClick(offers.viewport(), Qt.MouseButton.LeftButton, pos=offers.visualItemRect(item).center())


def applied_ids(session) -> set[str]:
    return {discount.source_id for discount in session.basket.discounts}


def offline_anna_on_a_pos_sale(qtbot, window, till):
    """A POS sale with Anna identified while Engage is down (her offers as cached by an identify before)."""
    sessions = window.bridge.sessions   # one SaleSessions for the POS's sales and the window's, as start_linked_mode
    link = LinkBridge(sessions, window.bridge, window)
    session = done(qtbot, asyncio.ensure_future(sessions.put("pos-31", SALE)))
    anna = showcase(till)["Anna"]
    identified(qtbot, window, lambda: enter(qtbot, window.customer.input, anna["email"]))   # online: offers cached
    qtbot.waitUntil(lambda: session.customer is not None, timeout=10_000)
    till.sim_state.faults.update({"down": True})
    outcome = identified(qtbot, window, lambda: enter(qtbot, window.customer.input, anna["email"]))
    assert outcome.customer is not None and outcome.customer.offline and outcome.customer.promotions
    qtbot.waitUntil(lambda: session.customer is outcome.customer, timeout=10_000)
    return link, session


def test_an_offer_the_pos_sale_cannot_take_offline_is_dimmed_says_why_and_a_tap_does_nothing(qtbot, window, till):
    link, session = offline_anna_on_a_pos_sale(qtbot, window, till)
    coffee = card(window, "A coffee on us")   # a MANUAL offer: never used offline by the default rules
    qtbot.waitUntil(lambda: not usable(coffee), timeout=5000)
    assert "Cannot be used now:" in coffee.text() and "manual offers" in coffee.text()
    assert "manual offers" in coffee.toolTip()
    assert "manual offers" in coffee.data(Qt.ItemDataRole.AccessibleDescriptionRole)
    birthday = card(window, "Happy birthday!")   # 15 % of this sale is more than the store takes off offline
    assert not usable(birthday) and "at most 200.00\xa0SEK off a sale" in birthday.text()
    fifty = card(window, "50 kr off your purchase")
    assert usable(fifty) and "Cannot be used now" not in fifty.text() and not fifty.toolTip()

    version = session.version
    tap(qtbot, window, coffee)
    qtbot.wait(100)
    done(qtbot, asyncio.ensure_future(link.settled()))
    assert session.version == version and not session.basket.discounts   # nothing was sent to the sale
    assert coffee.checkState() == Qt.CheckState.Unchecked
    assert "manual offers" not in window.customer.message.text()   # the card said it: no refusal afterwards

    tap(qtbot, window, fifty)
    qtbot.waitUntil(lambda: bool(session.basket.discounts), timeout=10_000)
    assert applied_ids(session) == {fifty.data(Qt.ItemDataRole.UserRole).id}
    link.unlink()


def test_an_offer_that_cannot_stack_is_dimmed_and_the_applied_one_can_still_be_taken_off(qtbot, window, till):
    anna = showcase(till)["Anna"]
    identified(qtbot, window, lambda: enter(qtbot, window.customer.input, anna["cardNumber"]))
    add_line(qtbot, window, "1002", "Wool jacket", "1299")
    twenty, birthday = card(window, "20 % off today"), card(window, "Happy birthday!")
    assert usable(twenty) and usable(birthday)
    tap(qtbot, window, twenty)
    assert [d.source_id for d in window.bridge.basket.discounts] == [twenty.data(Qt.ItemDataRole.UserRole).id]
    # One percent promotion per line (the default): the birthday's 15 % is refused now, and the card says so.
    qtbot.waitUntil(lambda: not usable(birthday), timeout=5000)
    assert "20 % off today" in birthday.toolTip() and "Cannot be used now:" in birthday.text()
    assert usable(twenty) and twenty.checkState() == Qt.CheckState.Checked
    tap(qtbot, window, birthday)
    assert len(window.bridge.basket.discounts) == 1

    tap(qtbot, window, twenty)   # applied: a tap takes it off
    assert window.bridge.basket.discounts == [] and twenty.checkState() == Qt.CheckState.Unchecked
    qtbot.waitUntil(lambda: usable(birthday), timeout=5000)
    assert "Cannot be used now" not in birthday.text()


def test_a_refusal_goes_once_another_offer_is_applied_on_the_pos_sale(qtbot, window, till):
    link, session = offline_anna_on_a_pos_sale(qtbot, window, till)
    coffee = card(window, "A coffee on us")
    # Refused by the sale's own rule, as a tap on the card was before it was dimmed (review 37, shot 31).
    coffee.setCheckState(Qt.CheckState.Checked)
    done(qtbot, asyncio.ensure_future(link.settled()))
    qtbot.waitUntil(lambda: "manual offers" in window.customer.message.text(), timeout=5000)
    tap(qtbot, window, card(window, "50 kr off your purchase"))
    qtbot.waitUntil(lambda: bool(session.basket.discounts), timeout=10_000)
    qtbot.waitUntil(lambda: "manual offers" not in window.customer.message.text(), timeout=5000)
    link.unlink()


def test_a_refusal_goes_once_another_offer_is_applied_on_the_tills_own_sale(qtbot, window, till):
    anna = showcase(till)["Anna"]
    identified(qtbot, window, lambda: enter(qtbot, window.customer.input, anna["cardNumber"]))
    add_line(qtbot, window, "1002", "Wool jacket", "1299")
    tap(qtbot, window, card(window, "20 % off today"))
    birthday = card(window, "Happy birthday!")
    birthday.setCheckState(Qt.CheckState.Checked)   # refused by the sale's rule: one percent promotion per line
    assert "One percent promotion per line" in window.customer.message.text()
    tap(qtbot, window, card(window, "50 kr off your purchase"))
    assert len(window.bridge.basket.discounts) == 2
    qtbot.waitUntil(lambda: "percent promotion" not in window.customer.message.text(), timeout=5000)
