"""The not-configured screen is on the screen whatever its size (seen under Xvfb at 800x600: a fixed 960 px
window cut every line IT reads and hid the Close button)."""

from __future__ import annotations

from pos_engage.window import not_configured_screen


def test_the_not_configured_screen_fits_the_screen_it_opens_on(qtbot):
    screen = not_configured_screen(["not configured: this till has no store_external_id and till_id"])
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitExposed(screen)
    room = screen.screen().availableGeometry()
    assert screen.width() <= room.width() and screen.height() <= room.height()
    assert room.contains(screen.frameGeometry().topLeft())
