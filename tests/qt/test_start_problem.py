"""The till's window does not start on a configuration that cannot work: it shows why, key by key."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox

from pos_engage.window import start_problem_box

LINES = ["configuration.till.offline_redemption: must be one of allow, deny, allow_up_to — not 'denny' "
         "(in /etc/xdg/pos-engage/config.json)",
         "configuration.journal.concurrency: must be a whole number from 1 to 64 — not 0 "
         "(in /etc/xdg/pos-engage/config.json)"]


def test_the_message_names_each_key_path_and_who_corrects_it(qtbot):
    box = start_problem_box(LINES)
    qtbot.addWidget(box)
    box.show()
    qtbot.waitExposed(box)
    assert box.icon() is QMessageBox.Icon.Critical
    assert box.text() == "The till cannot start: its configuration needs to be corrected first."
    shown = box.informativeText()
    assert all(line in shown.splitlines() for line in LINES)
    assert "Ask IT to correct this" in shown
    assert box.standardButtons() == QMessageBox.StandardButton.Close
    details = box.findChild(QLabel, "qt_msgbox_informativelabel")
    assert details is not None and details.isVisible() and details.text() == shown
    # The widest line fits without wrapping inside a key path (min-width), and IT can select it to copy it.
    assert details.width() >= 720
    assert details.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByMouse
    box.button(QMessageBox.StandardButton.Close).click()
    assert not box.isVisible()
