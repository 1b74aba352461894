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
