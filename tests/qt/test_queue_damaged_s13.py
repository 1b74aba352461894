"""The manager's queue and a journal found damaged while the till runs (D13's finding: Ctrl+M then raised
JournalDamaged in the slot: a traceback, and no queue). Opened after the damage: a message says why, as the
banner does; open when the damage is met: its troubles line says it and the entries stay as last read. The real
window over the simulator, the journal's file really damaged (tests/core/journal's helper)."""

from __future__ import annotations

from tests.core.journal.test_damaged_while_open_d13 import damage_while_open
from tests.qt.test_window import add_line


def sold_then_damaged(qtbot, window, till) -> None:
    add_line(qtbot, window, "1004", "Socks", "49")
    with qtbot.waitSignal(window.bridge.sale_delivered, timeout=10_000):
        window.finish()
    damage_while_open(till.journal.path)
    window.bridge.refresh_status()   # the damage is met (the timer's refresh)


def test_the_queue_opened_on_a_damaged_journal_says_why_instead(qtbot, window, till):
    sold_then_damaged(qtbot, window, till)
    window.open_queue()   # Ctrl+M
    box = window.queue_refused
    assert box.isVisible() and "damaged" in box.text() and "Restart the till" in box.text()
    assert getattr(window, "queue_view", None) is None
    box.close()


def test_an_open_queue_says_the_damage_where_its_troubles_go(qtbot, window, till):
    window.open_queue()
    view = window.queue_view
    rows = view.model.rowCount()
    sold_then_damaged(qtbot, window, till)
    view.refresh()   # what the window does when the journal changed (pytest-qt fails on an exception in a slot)
    assert "damaged" in view.trouble.text() and "Restart the till" in view.trouble.text()
    assert view.model.rowCount() >= rows
    view.close()
