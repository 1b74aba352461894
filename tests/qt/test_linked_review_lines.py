"""Linked mode, the POS's lines as a cashier reads them (review 37): every line's name and amounts readable
without scrolling sideways at 1024×768 and 800×600 with offers applied and long names; the POS's own line
discount shown beside the offers'; a weighed quantity in the language's number format."""

from __future__ import annotations

import asyncio
from decimal import Decimal

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics

from pos_engage.core.errors import PosEngageError
from pos_engage.core.till.session import SaleSessions
from pos_engage.qt import i18n
from pos_engage.qt.link_bridge import LinkBridge
from pos_engage.qt.views.pos_sale_lines import ARTICLE, DISCOUNT, QUANTITY, TO_PAY
from tests.qt.test_linked_mode import done
from tests.qt.test_window import identified, scan, showcase

LONG_NAME = ("Presentkort 🎁 hälsning مرحبا بالعالم — extra lång artikelbenämning för att testa radbrytning i "
             "kassan")
SALE = {"currency": "SEK", "lines": [
    {"lineId": "1", "sku": "1001", "name": "T-shirt", "quantity": 3, "lineTotal": 10000, "vatPercent": 25},
    {"lineId": "2", "sku": "3001", "name": "Jeans slim", "quantity": 1, "lineTotal": 59900, "vatPercent": 25,
     "posDiscounts": [{"amount": 10000, "type": "Discount", "description": "kampanj"}]},
    {"lineId": "3", "sku": "2001", "name": "Cheese, Västerbotten", "quantity": Decimal("0.512"), "lineTotal": 7629,
     "vatPercent": 12},
    {"lineId": "4", "sku": "4001", "name": LONG_NAME, "quantity": 1, "lineTotal": 24900, "vatPercent": 25}]}


def linked_with_offers(qtbot, window, till, at: tuple[int, int]):
    """The window at ``at``, a POS sale of SALE with Anna identified in the window and every offer of hers that
    applies applied (at least two)."""
    window.resize(*at)
    sessions = SaleSessions(till.service)
    link = LinkBridge(sessions, window.bridge, window)
    session = done(qtbot, asyncio.ensure_future(sessions.put("pos-2002", SALE)))
    anna = showcase(till)["Anna"]
    identified(qtbot, window, lambda: scan(qtbot, window.customer.input, anna["cardNumber"]))
    qtbot.waitUntil(lambda: session.customer is not None, timeout=10_000)
    for offer in (*session.customer.promotions, *session.customer.vouchers):
        try:
            done(qtbot, asyncio.ensure_future(sessions.apply(session, offer.id)))
        except PosEngageError:
            continue   # one that does not apply to this basket
    assert len({d.source_id for d in session.basket.discounts}) >= 2
    qtbot.wait(50)   # laid out for the new texts
    return link, session


def unreadable(table) -> list[str]:
    """Cells whose text does not fit their cell (wrapped at word boundaries in the column's width)."""
    found = []
    for row in range(table.rowCount()):
        for column in range(table.columnCount()):
            text = table.item(row, column).text()
            metrics = QFontMetrics(table.font())
            width = table.columnWidth(column) - 6   # the text margins (the focus frame margin + 1, each side)
            words = [w for line in text.split("\n") for w in line.split(" ") if w]
            if any(metrics.horizontalAdvance(w) > width for w in words):
                found.append(f"row {row} column {column}: a word is wider than the column ({text!r})")
                continue
            needed = metrics.boundingRect(QRect(0, 0, width, 10_000), Qt.TextFlag.TextWordWrap, text).height()
            if needed > table.rowHeight(row):
                found.append(f"row {row} column {column}: needs {needed} px, has {table.rowHeight(row)}")
    return found


@pytest.mark.parametrize("at", [(1024, 768), (800, 600)])
def test_every_line_is_readable_without_scrolling_sideways(qtbot, window, till, at):
    link, _session = linked_with_offers(qtbot, window, till, at)
    table = link.panel.lines
    assert not table.horizontalScrollBar().isVisible()
    widths = sum(table.columnWidth(c) for c in range(table.columnCount()))
    assert widths <= table.viewport().width()
    assert unreadable(table) == []
    # The name takes the room: never narrower than the discounts beside it.
    assert table.columnWidth(ARTICLE) >= table.columnWidth(DISCOUNT)
    # One discount to a line of the cell, each with its own amount.
    discounts = table.item(0, DISCOUNT).text().split("\n")
    assert len(discounts) >= 2 and all("SEK" in part for part in discounts)
    assert table.item(3, ARTICLE).text() == LONG_NAME
    assert "SEK" in table.item(0, TO_PAY).text()


def test_the_pos_s_own_line_discount_is_shown_beside_the_offers(qtbot, window, till):
    link, session = linked_with_offers(qtbot, window, till, (1024, 768))
    jeans = link.panel.lines.item(1, DISCOUNT).text()
    assert "POS: kampanj −100.00" in jeans   # the POS's own −100 kr, said to be the POS's
    assert len(jeans.split("\n")) >= 3        # and the offers' beside it
    state = link.sessions.state(session)
    assert state["lines"][1]["posDiscounts"][0]["amount"] == 10000


def test_a_weighed_quantity_is_written_as_the_language_writes_numbers(qtbot, window, till):
    sessions = SaleSessions(till.service)
    link = LinkBridge(sessions, window.bridge, window)
    i18n.current = "sv"
    try:
        done(qtbot, asyncio.ensure_future(sessions.put("pos-2003", SALE)))
        assert link.panel.lines.item(2, QUANTITY).text() == "0,512"
        assert link.panel.lines.item(2, TO_PAY).text() == "76,29\u00a0SEK"
        assert link.panel.lines.item(0, QUANTITY).text() == "3"
    finally:
        i18n.current = "en"
    done(qtbot, asyncio.ensure_future(sessions.put("pos-2003", SALE)))
    assert link.panel.lines.item(2, QUANTITY).text() == "0.512"
