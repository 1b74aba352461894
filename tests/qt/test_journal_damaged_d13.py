"""The journal damaged while the window runs: the status refresh (every second) says it once, in a banner at the top
and short in the status bar, and never raises SQLite's error (a traceback every second, nothing a cashier can
read); a sale the cashier finishes is refused with the same words, its basket kept and nothing of it journaled.
The real window over the simulator; the journal's file really damaged under it (tests/core/journal's helper)."""

from __future__ import annotations

import sqlite3

from tests.core.journal.test_damaged_while_open_d13 import damage_while_open
from tests.qt.test_window import add_line


def _damaged_said(window) -> None:
    banner = getattr(window, "journal_banner", None)
    assert banner is not None and banner.isVisible()
    text = banner.text()
    assert "damaged" in text and "cannot record sales" in text and "Restart the till" in text
    assert "pos-engage journal recover" in text and "malformed" not in text
    assert "Journal damaged" in window.queue_label.text() and window.queue_label.property("tone") == "error"


def test_the_status_refresh_says_a_damaged_journal_once_and_never_raises(qtbot, window, till):
    add_line(qtbot, window, "1004", "Socks", "49")
    with qtbot.waitSignal(window.bridge.sale_delivered, timeout=10_000):
        window.finish()   # F9's action (a key needs the window active, which a long run does not promise)
    assert getattr(window, "journal_banner", None) is None   # a sound journal: no banner
    damage_while_open(till.journal.path)

    told = []
    window.bridge.status_changed.connect(told.append)
    window.bridge.refresh_status()   # what the timer does every second: it raised sqlite3.DatabaseError
    _damaged_said(window)
    qtbot.wait(2500)   # the timer's next refreshes (pytest-qt fails the test on an exception in a slot)
    assert len(told) == 1 and told[0].journal_problem == window.journal_banner.text()
    _damaged_said(window)


def test_a_sale_finished_on_a_damaged_journal_is_refused_in_words_and_its_basket_stays(qtbot, window, till):
    add_line(qtbot, window, "1004", "Socks", "49")
    damage_while_open(till.journal.path)
    window.bridge.refresh_status()   # the damage is met here first (or by the sale itself: the same words)
    window.finish()   # F9
    qtbot.waitUntil(lambda: "NOT saved" in window.basket.sale_status.text(), timeout=10_000)
    refused = window.basket.sale_status.text()
    assert "damaged" in refused and "Restart the till" in refused and "malformed" not in refused
    assert [line.name for line in window.bridge.basket.lines] == ["Socks"]   # the basket stays
    qtbot.waitUntil(lambda: not window.bridge.busy, timeout=10_000)
    _damaged_said(window)
    till.journal.close()
    copy = sqlite3.connect(till.journal.path)
    try:
        assert copy.execute("SELECT count(*) FROM entries").fetchone()[0] == 0   # nothing of it journaled
    finally:
        copy.close()
