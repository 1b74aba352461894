"""The change to give back is on screen, large, after a cash payment, at every size a till has (issue 14): in a
480 px strip beside the POS, at 800×600 and at 1024×768, without scrolling, and "to pay" while the payment is under
way. Checked the way a cashier sees it: the label's rectangle mapped into what the window shows (the scroll area's
viewport when it scrolls with the content, the window's own content area when it does not)."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtWidgets import QScrollArea, QWidget

from pos_engage.qt.views.main_window import FRAME_ROOM
from tests.qt.test_fit import SIZES
from tests.qt.test_window import add_line


def in_view(widget: QWidget, window) -> str | None:
    """Why ``widget`` is not wholly in view in ``window`` without scrolling (None: it is)."""
    if not widget.isVisible() or not widget.text():
        return f"{widget.accessibleName()} is not shown"
    parent = widget.parentWidget()
    while parent is not None and not isinstance(parent, QScrollArea):
        parent = parent.parentWidget()
    if parent is not None and parent.viewport().isAncestorOf(widget):   # scrolled with the content
        viewport = parent.viewport()
        place = QRect(widget.mapTo(viewport, QPoint(0, 0)), widget.size())
        if not viewport.rect().contains(place):
            return f"{widget.accessibleName()} at {place.getRect()} is outside the viewport {viewport.rect().getRect()}"
    central = window.centralWidget()
    area = QRect(central.mapTo(window, QPoint(0, 0)), central.size())
    place = QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    if not area.contains(place):
        return f"{widget.accessibleName()} at {place.getRect()} is outside the window's content {area.getRect()}"
    return None


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_to_pay_and_the_change_are_in_view_without_scrolling(qtbot, window, width, height):
    for _ in range(2):   # the first resize turns the layout, whose narrower minimum the second one may use
        window.resize(width, height - FRAME_ROOM)   # a window manager's title bar too
        qtbot.wait(20)
    assert window.compact == (width < 1000) and window.width() == width
    for sku, name, price in (("1002", "Wool jacket", "899"), ("1004", "Socks", "49.40")):
        add_line(qtbot, window, sku, name, price)
    window.bridge.take_payment("GiftVoucher", Decimal("100"))   # paying is under way
    qtbot.wait(20)
    assert "848.40" in window.basket.to_pay_label.text()
    assert (why := in_view(window.basket.to_pay_label, window)) is None, why
    assert window.basket.finish_button.isVisible()
    window.basket.tender_buttons["Cash"].click()
    qtbot.wait(20)
    # In cash, kronor: what to take, rounded, and by how much (seen where the payments are, or beside the total in a
    # strip whose totals are stacked: a touch screen has no tooltip)
    assert "848.00" in window.basket.to_pay_label.text() and "0.40" in window.basket.to_pay_label.toolTip()
    said = window.basket.rounding_label if window.basket.rounding_label.text() else window.basket.payments_label
    assert "Cash rounding" in said.text() and "0.40" in said.text()
    assert (why := in_view(window.basket.to_pay_label, window)) is None, why
    window.basket.amount.setText("900")
    with qtbot.waitSignal(window.bridge.sale_delivered, timeout=15_000):
        qtbot.keyClick(window, Qt.Key.Key_F9)
    qtbot.wait(20)
    change = window.basket.change_label
    assert "52.00" in change.text()   # from the 848.00 taken in cash: no till gives back 51.60
    assert (why := in_view(change, window)) is None, why
    # Large: the till's biggest type, not the body text's.
    assert change.fontInfo().pixelSize() >= 2 * window.basket.sku.fontInfo().pixelSize() - 6
