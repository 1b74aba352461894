"""The till's first frame, as the cashier gets it before the till is attached (issue 14, performance): whatever
layout the window starts in (wide, a strip, a low screen that scrolls), the identify field has the keyboard, so
that a card scanned at once is typed into it and not into the scroll area the content was moved into."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from pos_engage.qt.views.main_window import MainWindow


@pytest.mark.parametrize(("width", "height"), [(1280, 800), (800, 560), (480, 760), (1280, 600)])
def test_the_identify_field_has_the_keyboard_in_the_first_frame(qtbot, width, height):
    window = MainWindow(demo=True, cashier="till 1")   # as pos_engage.window builds it: not attached yet
    qtbot.addWidget(window)
    window.resize(width, height)
    window.show()
    qtbot.waitExposed(window)
    assert window.compact == (window.width() < 1000)
    assert (window.scroll is not None) == (window.compact or height < 700)
    assert window.focusWidget() is window.customer.input   # what gets the keys once the window is active
    window.close()


def test_the_identify_field_has_the_keyboard_when_placed_on_its_screen(qtbot, tmp_path):
    window = MainWindow(demo=True, cashier="till 1")
    qtbot.addWidget(window)
    window.place_on_screen(QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat))
    window.show()
    qtbot.waitExposed(window)
    assert window.focusWidget() is window.customer.input
    window.close()


def first_frame(qtbot, window: MainWindow):
    window.show()
    qtbot.waitExposed(window)
    qtbot.wait(20)
    image = window.grab().toImage()
    state = (window.size().toTuple(), window.compact, window.scroll is not None, window.focusWidget())
    window.close()
    return image, state


@pytest.mark.parametrize("saved", [None, (480, 730)], ids=["sized to the screen", "a strip it was closed as"])
def test_the_window_placed_as_it_is_built_is_the_one_placed_after_it_is_built(qtbot, tmp_path, saved):
    # pos_engage.window builds it placed (its content then goes straight where that size wants it); tests and
    # tools place it after building. The cashier gets the same first frame either way.
    # Each its own settings (closing keeps where a window was), holding the same geometry to start from.
    settings = [QSettings(str(tmp_path / f"window{n}.ini"), QSettings.Format.IniFormat) for n in (1, 2)]
    if saved is not None:
        strip = MainWindow(demo=True, cashier="till 1")
        qtbot.addWidget(strip)
        strip.setGeometry(10, 30, *saved)
        for kept in settings:
            kept.setValue("window/geometry", strip.saveGeometry())
    before = MainWindow(demo=True, cashier="till 1")
    qtbot.addWidget(before)
    before.place_on_screen(settings[0])
    before_image, before_state = first_frame(qtbot, before)
    placed = MainWindow(demo=True, cashier="till 1", placed=True, settings=settings[1])
    qtbot.addWidget(placed)
    after_image, after_state = first_frame(qtbot, placed)
    assert after_state[:3] == before_state[:3]
    assert after_state[3] is placed.customer.input and before_state[3] is before.customer.input
    assert after_image == before_image


def test_the_menus_are_titled_in_the_first_frame_and_filled_once_the_till_is_attached(qtbot, till, tmp_path):
    from PySide6.QtGui import QAction

    from pos_engage.qt.bridge import TillBridge
    from pos_engage.qt.views.main_window import SHORTCUTS

    window = MainWindow(demo=True, cashier="till 1", placed=True,
                        settings=QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert [action.text() for action in window.menuBar().actions()] == ["&Sale", "&Demo", "&Manager", "&Help"]
    bridge = TillBridge(till.service, till.monitor)
    window.attach(bridge)
    keys = {action.shortcut().toString() for action in window.findChildren(QAction) if not action.shortcut().isEmpty()}
    focused_keys = ("Space", "Delete", "+ / −", "← / →")   # keys of the focused widget, not window actions
    assert {key for key, _what in SHORTCUTS if key not in focused_keys} <= keys   # F1's list, every one
    assert all(menu.actions() for menu in window._menus.values())
    qtbot.waitUntil(lambda: not bridge.busy, timeout=10_000)
    bridge.shutdown()
    window.close()
