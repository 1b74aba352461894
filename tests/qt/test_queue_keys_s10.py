"""The manager's queue moved through with the keyboard and the mouse on a small screen (session 10): at 800×600 Ctrl+End
(and End, and PageDown after it) scrolled the table sideways, the plain words, what each entry is and when out of
sight, since Qt moved the current cell to the row's last column and scrolled to it; a click on the column half in
sight at the right edge did the same, then every arrow and page key; and Tab stepped the selection down a row,
cell by cell, never reaching the details and the buttons. Now up, down, page, Home and End move through the entries
and only Left and Right scroll sideways. In the real window, offscreen, at the size openbox gives the queue's
window at 800×600, with more entries than a page of the list."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QPlainTextEdit

from pos_engage.core.journal import payloads
from pos_engage.core.journal.entry import Origin, Source
from pos_engage.qt.views.queue_table import MUST_SEE, WHAT_TO_DO
from tests.core.conftest import sale

CTRL, NONE = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.NoModifier
ENTRIES = 260   # more than the list's first page (200): End goes further once the next page is loaded


def after_an_outage(journal) -> None:
    by = Source(Origin.WINDOW, "Omar Said (2002)")
    journal.record([replace(payloads.receipt(sale(f"12-3-pos-{7000 + n}")), source=by) for n in range(ENTRIES)])


def opened_at_800x600(qtbot, window, till):
    after_an_outage(till.journal)
    window.resize(800, 600)
    window.open_queue()
    view = window.queue_view
    view.resize(800, 560)   # openbox: the screen less the title bar
    qtbot.waitExposed(view)
    qtbot.wait(20)
    view.table.setFocus()
    view.table.selectRow(0)
    return view


def in_sight(table) -> list[int]:
    """The columns a manager must see, and the plain words, that are whole inside the table's viewport."""
    width = table.viewport().width()
    return [column for column in (WHAT_TO_DO, *MUST_SEE)
            if table.columnViewportPosition(column) >= 0
            and table.columnViewportPosition(column) + table.columnWidth(column) <= width]


def test_vertical_keys_move_down_and_up_never_sideways(qtbot, window, till):
    view = opened_at_800x600(qtbot, window, till)
    table = view.table
    assert table.horizontalScrollBar().maximum() > 0   # columns right of the edge: there is something to scroll to
    assert in_sight(table) == [WHAT_TO_DO, *MUST_SEE]
    loaded = view.model.rowCount()
    for key, modifiers in ((Qt.Key.Key_End, CTRL), (Qt.Key.Key_PageUp, NONE), (Qt.Key.Key_Home, CTRL),
                           (Qt.Key.Key_End, NONE), (Qt.Key.Key_PageDown, NONE), (Qt.Key.Key_Home, NONE),
                           (Qt.Key.Key_PageDown, NONE), (Qt.Key.Key_Down, NONE), (Qt.Key.Key_End, CTRL)):
        qtbot.keyClick(table, key, modifiers)
        assert table.horizontalScrollBar().value() == 0, (key, modifiers)
        assert in_sight(table) == [WHAT_TO_DO, *MUST_SEE], (key, modifiers)
    # The last entry loaded, then (the next page loaded as the list reached its bottom) the very last one.
    assert table.currentIndex().row() >= loaded - 1
    qtbot.keyClick(table, Qt.Key.Key_End, CTRL)
    assert table.currentIndex().row() == ENTRIES - 1
    assert "#1 " in view.details.toPlainText().splitlines()[0]   # the oldest, its details below
    # Left and Right still reach the entry's number, attempts and next try, right of the edge, and come back.
    for _ in range(12):
        qtbot.keyClick(table, Qt.Key.Key_Right)
    assert table.horizontalScrollBar().value() > 0
    for _ in range(12):
        qtbot.keyClick(table, Qt.Key.Key_Left)
    assert table.horizontalScrollBar().value() == 0
    view.hide()


def test_a_click_on_the_column_half_in_sight_does_not_scroll_sideways(qtbot, window, till):
    view = opened_at_800x600(qtbot, window, till)
    table = view.table
    width = table.viewport().width()
    # The manager widened "What to do" by dragging its edge: the next column is cut by the right edge.
    table.setColumnWidth(WHAT_TO_DO, table.columnWidth(WHAT_TO_DO) + 60)
    header = table.horizontalHeader()
    half = header.logicalIndexAt(width - 5)
    assert table.columnViewportPosition(half) + table.columnWidth(half) > width   # cut by the right edge
    qtbot.mouseClick(table.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(width - 5, 3 * table.rowHeight(0) // 2))
    assert table.currentIndex().row() == 1
    assert table.horizontalScrollBar().value() == 0
    for key in (Qt.Key.Key_Down, Qt.Key.Key_PageDown, Qt.Key.Key_Up):
        qtbot.keyClick(table, key)
        assert table.horizontalScrollBar().value() == 0, key
    assert in_sight(table) == [WHAT_TO_DO, *MUST_SEE]
    view.hide()


def test_tab_leaves_the_table_with_the_entry_still_selected(qtbot, window, till):
    view = opened_at_800x600(qtbot, window, till)
    table = view.table
    qtbot.keyClick(table, Qt.Key.Key_Down)
    qtbot.keyClick(table, Qt.Key.Key_Tab)
    assert table.currentIndex().row() == 1
    assert isinstance(view.focusWidget(), QPlainTextEdit)   # the details, then the buttons
    view.hide()
