"""The customer column as the cashier review of linked mode found it (review 37), in the real window against the
simulator (offscreen) at 1024×768 and 800×600: the offers get the room under the customer card (about 1.3 cards
showed, ~100 px under the scan field empty), every card shows its whole text (the expiry was cut to "expires 5 Jan
…"), and the column keeps one width whatever the POS's sale beside it shows (it jumped between 347 and 401 px,
moving the scan field and Find, and cut the field's placeholder)."""

from __future__ import annotations

import asyncio
from decimal import Decimal

from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QStyle, QStyleOptionViewItem

from pos_engage.core.till.pos_commit_input import created_now
from pos_engage.qt.link_bridge import LinkBridge
from tests.qt.test_fit import cut_field, laid_out, problems_of
from tests.qt.test_linked_mode import SALE, done
from tests.qt.test_window import enter, identified, showcase

# The review's sale: long names (one in Arabic with an emoji), a weighed line and a POS discount of its own.
LONG_SALE = {"currency": "SEK", "lines": [
    {"lineId": "1", "sku": "1001", "name": "T-shirt", "quantity": 3, "lineTotal": 10000, "vatPercent": 25},
    {"lineId": "2", "sku": "3001", "name": "Jeans slim", "quantity": 1, "lineTotal": 59900, "vatPercent": 25,
     "posDiscounts": [{"amount": 10000, "type": "Discount", "description": "POS: kampanj -100 kr"}]},
    {"lineId": "3", "sku": "2001", "name": "Cheese, Västerbotten", "quantity": Decimal("0.512"), "lineTotal": 7629,
     "vatPercent": 12},
    {"lineId": "4", "sku": "4001", "name": "Presentkort 🎁 hälsning مرحبا بالعالم — extra lång artikelbenämning "
     "för att testa radbrytning i kassan", "quantity": 1, "lineTotal": 24900, "vatPercent": 25}]}


def linked(qtbot, window, sale_id: str, sale: dict):
    sessions = window.bridge.sessions   # one SaleSessions for the POS's sales and the window's, as start_linked_mode
    link = LinkBridge(sessions, window.bridge, window)
    return link, done(qtbot, asyncio.ensure_future(sessions.put(sale_id, sale)))


def place(widget, top) -> QRect:
    return QRect(widget.mapTo(top, QPoint(0, 0)), widget.size())


def text_room(offers, item) -> QRect:
    """Where the style draws the card's text (inside its margins, border, padding and check box)."""
    option = QStyleOptionViewItem()
    option.initFrom(offers)
    offers.itemDelegate().initStyleOption(option, offers.indexFromItem(item))
    option.rect = offers.visualItemRect(item)
    return offers.style().subElementRect(QStyle.SubElement.SE_ItemViewItemText, option, offers)


def cut_cards(offers) -> list[str]:
    """The cards whose wrapped text is higher than the room the style draws it in (Qt then cuts the last line
    short with an ellipsis)."""
    margin = 2 * (offers.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin, None, offers) + 1)
    cut = []
    for row in range(offers.count()):
        item = offers.item(row)
        room = text_room(offers, item)
        needed = offers.fontMetrics().boundingRect(QRect(0, 0, room.width() - margin, 10_000),
                                                   Qt.TextFlag.TextWordWrap, item.text())
        if needed.height() > room.height():
            cut.append(f"{item.text()!r}: {needed.height()} px of text in {room.height()} px")
    return cut


def test_the_offers_get_the_room_under_the_customer_and_every_card_shows_all_it_says(qtbot, window, till):
    link, session = linked(qtbot, window, "pos-3", LONG_SALE)
    anna = showcase(till)["Anna"]
    identified(qtbot, window, lambda: enter(qtbot, window.customer.input, anna["cardNumber"]))   # at 1280×800
    qtbot.waitUntil(lambda: session.customer is not None, timeout=10_000)
    laid_out(qtbot, window, 1024, 768)   # then the screen the review used: the cards are laid out again
    qtbot.wait(50)
    panel = window.customer
    offers = panel.offers
    assert offers.count() == 6
    whole = [row for row in range(offers.count())
             if offers.viewport().rect().contains(offers.visualItemRect(offers.item(row)))]
    assert len(whole) >= 3, f"{len(whole)} whole cards in {offers.height()} px"
    # Under the scan field only the message's room (two lines, kept so that nothing moves as messages come and go).
    gap = place(panel.card, window).top() - place(panel.input, window).bottom()
    assert gap <= panel.message.minimumHeight() + 3 * panel.layout().spacing() + 8, gap
    assert not (found := cut_cards(offers)), "\n".join(found)
    assert any("expires" in offers.item(row).text() for row in range(offers.count()))
    link.unlink()


def test_the_column_keeps_its_width_whatever_the_pos_sale_shows(qtbot, window, till):
    laid_out(qtbot, window, 1024, 768)
    link, session = linked(qtbot, window, "pos-4", SALE)
    panel = window.customer

    def where() -> tuple:
        qtbot.wait(30)
        return (panel.width(), place(panel.input, window).getRect(), place(panel.find_button, window).getRect())

    seen = {"no customer": where()}
    erik = showcase(till)["Erik"]   # a contact, not a member: three buttons on his card (edit, make member, purchases)
    identified(qtbot, window, lambda: enter(qtbot, window.customer.input, erik["email"]))
    qtbot.waitUntil(lambda: session.customer is not None, timeout=10_000)
    seen["a contact"] = where()
    assert panel.upgrade_button.isVisible() and not (found := problems_of(window)), "\n".join(found)
    anna = showcase(till)["Anna"]
    identified(qtbot, window, lambda: enter(qtbot, window.customer.input, anna["cardNumber"]))
    qtbot.waitUntil(lambda: session.customer is not None and session.customer.name.startswith("Anna"), timeout=10_000)
    seen["a member"] = where()
    offers = panel.offers
    fifty = next(offers.item(row) for row in range(offers.count()) if "50 kr" in offers.item(row).text())
    fifty.setCheckState(Qt.CheckState.Checked)
    qtbot.waitUntil(lambda: bool(session.basket.discounts), timeout=10_000)
    seen["applied"] = where()
    done(qtbot, asyncio.ensure_future(window.bridge.sessions.put("pos-4", LONG_SALE)))
    seen["the review's long sale"] = where()
    to_pay = window.bridge.sessions.state(session)["totals"]["toPay"]
    done(qtbot, asyncio.ensure_future(window.bridge.sessions.commit("pos-4", {
        "receiptNumber": "4", "createdDate": created_now(), "total": to_pay,
        "payments": [{"method": "Card", "amount": to_pay}]})))
    seen["committed"] = where()
    assert len(set(seen.values())) == 1, seen
    assert 0.35 * window.width() <= panel.width() <= 0.42 * window.width(), panel.width()
    panel.input.clear()
    assert cut_field(panel.input) == ""   # "Card, email or mobile" whole, not "Card, email or mo…"
    done(qtbot, asyncio.ensure_future(till.service.redemptions_settled()))

    laid_out(qtbot, window, 800, 600)   # one column: the customer as wide as the window
    qtbot.wait(30)
    assert window.compact and panel.width() >= window.scroll.viewport().width() - 30
    assert cut_field(panel.input) == ""
    link.unlink()
