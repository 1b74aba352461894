"""A return dialog opened before a POS linked: its refund is refused by the return use case when the POS has
linked meanwhile (core's words in the dialog, nothing booked), and a return without the original asks no manager
for a return that cannot be made. In the real window, against the simulator."""

from __future__ import annotations

import asyncio

from PySide6.QtCore import Qt

from pos_engage.core.till.session import SaleSessions
from pos_engage.qt.link_bridge import LinkBridge
from tests.qt.test_linked_mode import SALE, done
from tests.qt.test_returns import one_t_shirt_picked, return_without_the_original


def test_a_refund_started_before_a_pos_linked_is_refused_once_it_has(qtbot, window, till):
    dialog = one_t_shirt_picked(qtbot, window, till)
    assert dialog.return_button.isEnabled()

    sessions = SaleSessions(till.service)
    link = LinkBridge(sessions, window.bridge, window)
    done(qtbot, asyncio.ensure_future(sessions.put("pos-7", SALE)))   # a POS links while the dialog is open
    assert window.linked
    receipts = set(till.sim_state.received.receipts)
    entries = till.service.journal.connection.execute("SELECT COUNT(*) FROM entries").fetchone()[0]
    with qtbot.waitSignal(dialog.bridge.failed, timeout=10_000) as blocker:
        qtbot.mouseClick(dialog.return_button, Qt.MouseButton.LeftButton)
    assert "made at the POS while it is linked" in blocker.args[0]
    assert "made at the POS" in dialog.message.text() and dialog.outcome is None
    asked = []
    return_without_the_original(qtbot, dialog, lambda: asked.append(True))
    assert asked == [] and "made at the POS" in dialog.message.text()
    assert till.service.journal.connection.execute("SELECT COUNT(*) FROM entries").fetchone()[0] == entries
    assert set(till.sim_state.received.receipts) == receipts
    dialog.close()
    done(qtbot, asyncio.ensure_future(sessions.void("pos-7")))
    link.unlink()
