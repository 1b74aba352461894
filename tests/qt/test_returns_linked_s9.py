"""In the real window of a till set up for a linked POS (pos_link.enabled "on"), before any POS has called since the
start: F7 opens no return (a refund booked here the POS would never hear of) and the problem line tells the cashier
to make it at the POS. The same window on a till without a POS link opens the return dialog as before. Against the
simulator, offscreen."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from pos_engage.app import build_till
from pos_engage.core.config import PosLinkSettings
from pos_engage.qt.bridge import TillBridge
from pos_engage.qt.order_bridge import OrderBridge
from pos_engage.qt.views.main_window import MainWindow
from pos_engage.qt.views.return_dialog import ReturnDialog
from pos_engage.sim.state import SimState
from tests.qt.test_returns import open_returns


def return_dialogs() -> list[ReturnDialog]:
    return [w for w in QApplication.topLevelWidgets() if isinstance(w, ReturnDialog) and w.isVisible()]


@pytest.fixture
def linked_window(qtbot, qloop, till, tmp_path):
    """The fixture till's configuration with the POS link turned on; the POS has not called (not linked yet)."""
    config = replace(till.service.config, pos_link=PosLinkSettings(enabled="on"))
    parts = build_till(config, demo=True, journal_path=tmp_path / "linked.sqlite3", sim_state=SimState(seed=7))
    bridge = TillBridge(parts.service, parts.monitor)
    main = MainWindow(bridge, orders=OrderBridge(parts.orders, parts.deliver_now), demo=True, cashier="test-cashier")
    qtbot.addWidget(main)
    main.resize(1280, 800)
    main.show()
    qtbot.waitExposed(main)
    yield main
    qtbot.waitUntil(lambda: not bridge.busy, timeout=10_000)
    bridge.shutdown()
    main.close()
    parts.journal.close()


def test_no_return_opens_on_a_till_set_up_for_a_linked_pos_before_the_pos_called(qtbot, linked_window):
    assert not linked_window.linked                       # the POS has not called since the start
    qtbot.keyClick(linked_window, Qt.Key.Key_F7)
    qtbot.waitUntil(lambda: "Make the return at the POS" in linked_window.customer.message.text(), timeout=5000)
    assert linked_window.customer.message.text() == (
        "Make the return at the POS: this till is set up to work with a linked POS, and a refund booked here the "
        "POS would never hear of")
    assert return_dialogs() == []


def test_a_till_without_a_pos_link_opens_the_return_dialog(qtbot, window):
    dialog = open_returns(qtbot, window)
    assert dialog.isVisible() and "POS" not in window.customer.message.text()
    dialog.close()
