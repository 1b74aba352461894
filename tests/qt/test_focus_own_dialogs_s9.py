"""The till's window takes the focus back only from its own dialogs (helper B: after the queue's code dialog closed,
the main window took the focus, and the queue fell behind it under a window manager; the queue raised itself again
as a workaround). A dialog opened from the queue gives the focus back to the queue; one opened from the till's
window, or one with no parent, gives it back to the till's window. Offscreen, the real window."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog

from pos_engage.core.journal import payloads
from tests.core.conftest import sale
from tests.qt.test_queue_s9 import signed_in
from tests.qt.test_sign_in import staff

__all__ = ["staff"]


def test_only_the_windows_own_dialogs_give_it_the_focus_back(qtbot, staff, window, till):
    signed_in(qtbot, window)
    till.journal.record([payloads.receipt(sale("12-3-pos-5902"))])
    window.open_queue()
    queue = window.queue_view
    from_queue, from_window, orphan = QDialog(queue), QDialog(window), QDialog()
    qtbot.addWidget(orphan)
    assert not window._opened_from_here(from_queue)
    assert window._opened_from_here(from_window) and window._opened_from_here(orphan)
    assert window._opened_from_here(queue)   # the queue itself closing: the till's window has it again
