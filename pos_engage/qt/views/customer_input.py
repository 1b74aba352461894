"""The customer panel's identify field, which tells a scan (a burst of fast keys ending in Enter, as a
keyboard-wedge scanner types) from a person typing."""

from __future__ import annotations

import itertools
import time

from PySide6 import QtCore
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLineEdit

# A keyboard-wedge scanner types a whole code in a few milliseconds per key; people do not.
SCAN_KEY_GAP = 0.035
SCAN_MIN_LENGTH = 6


class IdentifyInput(QLineEdit):
    """The one identify field; it notes when each character was typed, so a burst of fast keys ending in Enter
    is told apart as a scan. (Its own key handler, not an event filter: a filter would see every event from
    the window's first paint on, and wrapping those is a cost the start does not need.) Down asks to go to what
    is listed below the field (``down_pressed``): the customers sharing a key, for a cashier without a mouse."""

    down_pressed = Signal()

    def __init__(self) -> None:
        super().__init__()
        self._stamps: list[float] = []

    def keyPressEvent(self, event) -> None:
        if event.key() == QtCore.Qt.Key.Key_Down and not event.modifiers():
            self.down_pressed.emit()   # a one-line field has no use for it
            return
        if event.text() and event.text().isprintable():
            self._stamps.append(time.monotonic())
        super().keyPressEvent(event)

    def take_scan(self) -> bool:
        """Was what was just entered a scan? Resets for the next input."""
        stamps, self._stamps = self._stamps, []
        if len(stamps) < SCAN_MIN_LENGTH:
            return False
        gaps = [b - a for a, b in itertools.pairwise(stamps)]
        return max(gaps) < SCAN_KEY_GAP
