"""Linked mode, a long POS sale on a small screen (session 10: at 800×600 a sale whose article names wrapped showed
about three rows): each of the POS's lines is one row of one line of text, a long name cut short with "…" and whole
in the row's tooltip, the line's discount whole and first in its cell; so a twenty-line sale with offers applied
shows as many rows as the table has room for: at 800×600 (the strip, Anna's card and offers below) five at least,
at 1024×768 (beside the customer) fifteen at least, in English and in Swedish; a tap on a line shows its tooltip."""

from __future__ import annotations

import asyncio

import pytest
from PySide6.QtCore import Qt, QTranslator
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import QToolTip

from pos_engage.core.errors import PosEngageError
from pos_engage.qt import i18n
from pos_engage.qt.link_bridge import LinkBridge
from pos_engage.qt.views.pos_sale_lines import ARTICLE, DISCOUNT, TO_PAY, amount_text
from tests.qt.test_linked_mode import done
from tests.qt.test_linked_small_s9 import on_screen, rows_in_view
from tests.qt.test_window import identified, scan, showcase

NAMES = ["T-shirt", "Jeans slim fit, dark blue washed denim with stretch",
         "Cheese, Västerbotten 450 g matured 14 months", "Socks 3-pack",
         "Presentkort hälsning — extra lång artikelbenämning för att testa radbrytning i kassan", "Hoodie",
         "Wool scarf, hand knitted in Gotland, grey and red stripes", "Cap"]
TWENTY = {"currency": "SEK", "lines": [
    {"lineId": str(i + 1), "sku": str(1001 + i), "name": NAMES[i % len(NAMES)], "quantity": 1 + i % 3,
     "lineTotal": 9900 + 1000 * i, "vatPercent": 25,
     **({"posDiscounts": [{"amount": 1000, "type": "Discount", "description": "kampanj -10 kr"}]} if i % 5 == 1
        else {})} for i in range(20)]}
LEAST_ROWS = {(800, 600): 5, (1024, 768): 15}


@pytest.fixture(params=["en", "sv"])
def language(request, qapp):
    """The window's words and numbers in English or Swedish (as i18n.install does, without touching the app's
    other translators)."""
    translator = None
    if request.param == "sv":
        translator = QTranslator()
        assert translator.load(str(i18n.compiled("sv")))
        qapp.installTranslator(translator)
    i18n.current = request.param
    yield request.param
    i18n.current = "en"
    if translator is not None:
        qapp.removeTranslator(translator)


def twenty_lines_for_anna(qtbot, window, till, at: tuple[int, int], sale_id: str):
    window.resize(*at)
    qtbot.waitUntil(lambda: window.compact == (at[0] < 1000), timeout=2_000)
    qtbot.wait(50)
    window.resize(*at)   # offscreen, the first resize kept the wide layout's least width
    qtbot.waitUntil(lambda: window.width() == at[0], timeout=2_000)
    sessions = window.bridge.sessions
    link = LinkBridge(sessions, window.bridge, window)
    session = done(qtbot, asyncio.ensure_future(sessions.put(sale_id, TWENTY)))
    identified(qtbot, window, lambda: scan(qtbot, window.customer.input, showcase(till)["Anna"]["cardNumber"]))
    qtbot.waitUntil(lambda: session.customer is not None, timeout=10_000)
    for offer in (*session.customer.promotions, *session.customer.vouchers):
        try:
            done(qtbot, asyncio.ensure_future(sessions.apply(session, offer.id)))
        except PosEngageError:
            continue   # one that does not apply to this basket
    assert len({d.source_id for d in session.basket.discounts}) >= 2   # two titles or more on every line
    window.focus_identify()
    qtbot.wait(50)   # laid out for the new texts
    return link, session


@pytest.mark.parametrize("at", [(800, 600), (1024, 768)])
def test_a_twenty_line_sale_shows_as_many_rows_as_there_is_room_for(qtbot, window, till, at, language):
    link, session = twenty_lines_for_anna(qtbot, window, till, at, f"pos-10{at[0]}")
    table = link.panel.lines
    assert table.rowCount() == 20
    in_view = rows_in_view(table)
    assert in_view >= LEAST_ROWS[at], (in_view, [table.rowHeight(r) for r in range(3)], table.viewport().height())
    # One line of text to a row, all alike.
    metrics = QFontMetrics(table.font())
    assert {table.rowHeight(r) for r in range(20)} == {table.rowHeight(0)}
    assert metrics.height() <= table.rowHeight(0) < 2 * metrics.lineSpacing()
    # Not at the cost of the rest: the card, the offers and to pay stay in view without scrolling the window.
    if window.scroll is not None:
        assert window.scroll.verticalScrollBar().maximum() == 0
    assert on_screen(window, window.customer.name) and on_screen(window, link.panel.totals)
    assert not table.horizontalScrollBar().isVisible()
    state = link.sessions.state(session)
    for row, line in enumerate(state["lines"]):
        # Each line's discount readable: the whole amount first, inside its column.
        taken = sum(d["amount"] for d in line["discounts"]) + sum(d["amount"] for d in line["posDiscounts"])
        cell = table.item(row, DISCOUNT)
        assert taken and cell.text().startswith(amount_text(-taken, "SEK", signed=True) + " "), cell.text()
        assert metrics.horizontalAdvance(cell.text()) <= table.columnWidth(DISCOUNT) - 6, cell.text()
        assert metrics.horizontalAdvance(table.item(row, TO_PAY).text()) <= table.columnWidth(TO_PAY) - 6
        # The whole name and each discount with its amount in the row's tooltip.
        tip = table.item(row, ARTICLE).toolTip().split("\n")
        assert tip[0] == line["name"] and len(tip) == 1 + len(line["discounts"]) + len(line["posDiscounts"])
    done(qtbot, asyncio.ensure_future(link.sessions.void(session.pos_sale_id)))
    link.close()


def test_a_tap_on_a_line_shows_its_whole_name_and_each_discount(qtbot, window, till):
    """A till's touch screen has no hover to show a tooltip: a tap shows it, and leaves the focus where it was (the
    identify field, where the next scan goes)."""
    link, session = twenty_lines_for_anna(qtbot, window, till, (800, 600), "pos-1099")
    table = link.panel.lines
    assert window.customer.input.hasFocus()
    rect = table.visualItemRect(table.item(1, ARTICLE))
    assert table.item(1, ARTICLE).text() == NAMES[1]   # cut short on screen by Qt, whole in the item
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(QToolTip.isVisible, timeout=2_000)
    lines = QToolTip.text().split("\n")
    assert lines[0] == NAMES[1] and any(line.startswith("POS: kampanj -10 kr −10.00") for line in lines)
    assert window.customer.input.hasFocus()
    QToolTip.hideText()
    done(qtbot, asyncio.ensure_future(link.sessions.void(session.pos_sale_id)))
    link.close()
