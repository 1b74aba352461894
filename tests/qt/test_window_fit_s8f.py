"""The window at 800×600 and 1024×768 after helper-58's screenshot review (session 8): a long POS sale scrolls
inside its table in a strip and leaves the customer's name in view; "to pay" and the amount the POS charges stay on
one line and in bold; a line added to the window's own sale at 800×600 comes into view, with Finish beside "to pay"
so that the lines have the room the stacked totals took; and nobody signed in is said in words in a strip."""

from __future__ import annotations

import asyncio

import pytest
from PySide6.QtCore import QPoint
from PySide6.QtGui import QFont, QTextDocument

from pos_engage.core.till.session import SaleSessions
from pos_engage.qt import i18n
from pos_engage.qt.link_bridge import LinkBridge
from pos_engage.qt.views.pos_sale_panel import NO_BREAK
from tests.qt.test_linked_mode import done
from tests.qt.test_linked_review_lines import SALE as FOUR_LINES
from tests.qt.test_linked_review_lines import linked_with_offers
from tests.qt.test_linked_window_s8 import visible_in_strip
from tests.qt.test_sign_in import staff  # noqa: F401 (a fixture)
from tests.qt.test_window import add_line, identified, scan, showcase

TWELVE_LINES = {"currency": "SEK", "lines": [{**line, "lineId": f"{copy}-{line['lineId']}"}
                                             for copy in range(3) for line in FOUR_LINES["lines"]]}


def strip_at_top(qtbot, window) -> None:
    qtbot.waitUntil(lambda: window.compact, timeout=2_000)
    window.focus_identify()   # the cashier's place: the identify field, the strip at its top
    qtbot.wait(50)
    assert window.scroll.verticalScrollBar().value() == 0


def name_in_view(window) -> bool:
    name = window.customer.name
    return name.isVisible() and visible_in_strip(window, name)


def test_at_800x600_four_pos_lines_leave_the_customer_s_name_in_view(qtbot, window, till):
    link, _session = linked_with_offers(qtbot, window, till, (800, 600))
    strip_at_top(qtbot, window)
    assert window.customer.name.text() == "Anna Andersson"
    assert name_in_view(window), "the customer card's name is below the strip's view"
    assert visible_in_strip(window, link.panel.heading) and visible_in_strip(window, window.customer.input)


def twelve_lines_for_anna(qtbot, window, till, at: tuple[int, int], sale: str):
    window.resize(*at)
    sessions = SaleSessions(till.service)
    link = LinkBridge(sessions, window.bridge, window)
    session = done(qtbot, asyncio.ensure_future(sessions.put(sale, TWELVE_LINES)))
    anna = showcase(till)["Anna"]
    identified(qtbot, window, lambda: scan(qtbot, window.customer.input, anna["cardNumber"]))
    qtbot.waitUntil(lambda: session.customer is not None, timeout=10_000)
    qtbot.wait(50)
    return sessions, link


def test_at_800x600_twelve_pos_lines_scroll_inside_their_table_and_the_customer_stays(qtbot, window, till):
    sessions, link = twelve_lines_for_anna(qtbot, window, till, (800, 600), "pos-2012")
    strip_at_top(qtbot, window)
    table = link.panel.lines
    assert table.rowCount() == 12 and table.verticalScrollBar().maximum() > 0   # the rest scroll inside
    first = table.visualItemRect(table.item(0, 0))
    assert visible_in_strip(window, table.viewport(), first)
    assert name_in_view(window), "the customer card is pushed out of the strip by the POS's lines"
    assert not table.horizontalScrollBar().isVisible() and not window.scroll.horizontalScrollBar().isVisible()
    link.close()
    done(qtbot, asyncio.ensure_future(sessions.void("pos-2012")))


def laid_out_lines(label) -> list[str]:
    """The label's text as it is broken into lines at its width (as QLabel lays out rich text)."""
    document = QTextDocument()
    document.setDefaultFont(label.font())
    document.setHtml(label.text())
    document.setTextWidth(label.contentsRect().width())
    document.documentLayout()   # laid out
    text, lines = document.toPlainText(), []
    block = document.begin()
    while block.isValid():
        layout = block.layout()
        for index in range(layout.lineCount()):
            line = layout.lineAt(index)
            start = block.position() + line.textStart()
            lines.append(text[start:start + line.textLength()])
        block = block.next()
    return lines


@pytest.fixture(params=["en", "sv"])
def numbers_of(request):
    """Amounts written as the language writes them (Swedish groups by a narrow no-break space)."""
    i18n.current = request.param
    yield request.param
    i18n.current = "en"


def test_at_1024x768_to_pay_and_its_amount_share_a_line_in_bold(qtbot, window, till, numbers_of):
    sessions, link = twelve_lines_for_anna(qtbot, window, till, (1024, 768), "pos-2013")
    totals = link.panel.totals
    assert totals.isVisible()
    lines = laid_out_lines(totals)
    to_pay = [line for line in lines if "To pay" in line]
    assert len(to_pay) == 1 and to_pay[0].split("To pay")[1].rstrip().endswith("SEK"), lines
    grouped = "3" + {"en": ",", "sv": " "}[numbers_of] + "072"   # the whole amount on the line
    assert grouped in to_pay[0].replace(NO_BREAK, " ").split("To pay")[1], lines
    document = QTextDocument()
    document.setHtml(totals.text())
    found = document.find("To pay")
    assert found.charFormat().fontWeight() >= QFont.Weight.Bold   # as the window's own sale shows what is to pay
    # Nothing at 1024×768 worse: no sideways scroll bar, the lines beside the customer.
    assert not link.panel.lines.horizontalScrollBar().isVisible()
    assert window.basket_stack.currentWidget() is link.panel
    link.close()
    done(qtbot, asyncio.ensure_future(sessions.void("pos-2013")))


def test_at_800x600_the_line_just_added_comes_into_view_and_finish_is_beside_to_pay(qtbot, window, till):
    window.resize(800, 600)
    qtbot.waitUntil(lambda: window.compact, timeout=2_000)
    basket, table = window.basket, window.basket.table
    for count in range(1, 5):
        add_line(qtbot, window, f"10{count}", f"Article {count}", "199")
        qtbot.waitUntil(lambda count=count: table.rowCount() == count, timeout=5_000)
        qtbot.wait(50)
        row = table.visualRect(table.model().index(count - 1, 1))
        assert row.top() >= 0 and row.bottom() <= table.viewport().height()   # inside the table's view
        assert visible_in_strip(window, table.viewport(), row), f"line {count} added out of sight"
    assert not window.scroll.horizontalScrollBar().isVisible()
    # Finish beside "to pay" (as wide), not on a row of its own below it: the strip's view has that room.
    finish, to_pay = basket.finish_button, basket.to_pay_label
    assert to_pay.isVisible() and to_pay.height() > 0
    assert finish.mapTo(window, QPoint(0, 0)).y() < to_pay.mapTo(window, QPoint(0, to_pay.height())).y()
    assert finish.mapTo(window, QPoint(0, 0)).x() > to_pay.mapTo(window, QPoint(to_pay.width(), 0)).x() - 1
    assert window.scroll.viewport().height() > 330   # it was 295 with the totals stacked


def test_at_800x600_nobody_signed_in_is_said_in_words(qtbot, staff, window):  # noqa: F811 (the fixture)
    window.resize(800, 600)
    qtbot.waitUntil(lambda: window.compact, timeout=2_000)
    qtbot.wait(50)
    label = window.person_label
    assert label.text() == "Nobody signed in: Ctrl+L"
    assert label.width() >= label.sizeHint().width()   # all of it shows
