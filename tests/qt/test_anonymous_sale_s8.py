"""A sale without a customer in a store with no catch-all contact is counted at the till and nothing of it goes to
Engage: the window says so, never "sending to Engage…" then "queued, will be sent when Engage answers" (a queue
that held nothing, the status bar saying "Queue: empty" beside it). The real window over the simulator, Engage up."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt

from tests.qt.test_window import add_line


def test_a_sale_without_a_customer_and_no_catch_all_contact_says_nothing_goes_to_engage(qtbot, window, till):
    config = till.service.config
    till.service.config = replace(config, till=replace(config.till, anonymous_contact=""))   # none configured
    add_line(qtbot, window, "1004", "Socks", "49")
    with qtbot.waitSignal(window.bridge.sale_delivered, timeout=10_000) as blocker:
        qtbot.keyClick(window, Qt.Key.Key_F9)
    assert blocker.args[1] == "not_sent"
    status = window.basket.sale_status.text()
    assert "nothing goes to Engage" in status and "queued" not in status and "sending" not in status
    assert till.journal.figures().pending == 0 and till.sim_state.received.receipts == {}
