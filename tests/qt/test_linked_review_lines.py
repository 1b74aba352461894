"""Linked mode, the POS's lines as a cashier reads them (review 37; one line of text a row since session 10): every
line's amounts whole without scrolling sideways at 1024×768 and 800×600 with offers applied and long names (a long
name cut short, whole in the tooltip); the POS's own line discount counted with the offers' and named in the
tooltip; a weighed quantity in the language's number format."""

from __future__ import annotations

import asyncio
from decimal import Decimal

import pytest
from PySide6.QtGui import QFontMetrics

from pos_engage.core.errors import PosEngageError
from pos_engage.core.till.session import SaleSessions
from pos_engage.qt import i18n
from pos_engage.qt.link_bridge import LinkBridge
from pos_engage.qt.views.pos_sale_lines import ARTICLE, DISCOUNT, QUANTITY, TO_PAY, amount_text
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
    """Cells whose figures are not whole on screen: each row is one line of text (session 10: wrapped, a
    twenty-line sale showed two or three rows at 800×600), the quantity, the amount to pay and each discount's
    amount as they are (a long name and the discounts' titles may be cut short with "…", whole in the tooltip)."""
    found = []
    metrics = QFontMetrics(table.font())
    one_line = metrics.height()
    for row in range(table.rowCount()):
        if table.rowHeight(row) < one_line:
            found.append(f"row {row}: {table.rowHeight(row)} px, lower than a line of text ({one_line})")
        for column in (QUANTITY, DISCOUNT, TO_PAY):
            text = table.item(row, column).text()
            width = table.columnWidth(column) - 6   # the text margins (the focus frame margin + 1, each side)
            if metrics.horizontalAdvance(text) > width:
                found.append(f"row {row} column {column}: {text!r} is wider than its column ({width} px)")
    return found


@pytest.mark.parametrize("at", [(1024, 768), (800, 600)])
def test_every_line_is_readable_without_scrolling_sideways(qtbot, window, till, at):
    link, session = linked_with_offers(qtbot, window, till, at)
    table = link.panel.lines
    assert not table.horizontalScrollBar().isVisible()
    widths = sum(table.columnWidth(c) for c in range(table.columnCount()))
    assert widths <= table.viewport().width()
    assert unreadable(table) == []
    # The name takes the room the discounts leave it: at least as much as they get, unless their amounts need more.
    assert table.columnWidth(ARTICLE) >= table.columnWidth(DISCOUNT) or "…" in table.item(0, DISCOUNT).text()
    # What the discounts take off the line, whole and first; every discount with its own amount in the tooltip.
    state = link.sessions.state(session)
    first = state["lines"][0]
    taken = amount_text(-sum(d["amount"] for d in first["discounts"]), "SEK", signed=True)
    assert table.item(0, DISCOUNT).text().startswith(taken + " ")
    tip = table.item(0, DISCOUNT).toolTip().split("\n")
    assert tip[0] == SALE["lines"][0]["name"] and len(tip) >= 3 and all("SEK" in part for part in tip[1:])
    assert table.item(3, ARTICLE).text() == LONG_NAME and LONG_NAME in table.item(3, ARTICLE).toolTip()
    assert "SEK" in table.item(0, TO_PAY).text()


def test_the_pos_s_own_line_discount_is_shown_beside_the_offers(qtbot, window, till):
    link, session = linked_with_offers(qtbot, window, till, (1024, 768))
    state = link.sessions.state(session)
    jeans = state["lines"][1]
    assert jeans["posDiscounts"][0]["amount"] == 10000
    cell = link.panel.lines.item(1, DISCOUNT)
    # The line's whole discount (the offers' and the POS's own −100 kr), what the line costs less than its price.
    whole = sum(d["amount"] for d in jeans["discounts"]) + 10000
    assert cell.text().startswith(amount_text(-whole, "SEK", signed=True) + " ")
    assert "POS: kampanj −100.00" in cell.toolTip()   # the POS's own, said to be the POS's, with its amount
    assert len(cell.toolTip().split("\n")) >= 4    # the name, the offers' and the POS's own, one to a line


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
    # A change redraws the lines (the same basket sent again is none: nothing is redrawn).
    renamed = {**SALE, "lines": [{**SALE["lines"][0], "name": "Renamed"}, *SALE["lines"][1:]]}
    done(qtbot, asyncio.ensure_future(sessions.put("pos-2003", renamed)))
    assert link.panel.lines.item(2, QUANTITY).text() == "0.512"
