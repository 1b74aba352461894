"""A manager's approval asked in the modal code dialog (sign_in_dialog.ask_code, the queue's actions, Settings)
answers the staff number typed: the dialog is closed when exec() returns, and the answer read then lost the staff
number (it was read from the field's visibility), so no approval went through on a till with a staff directory
(seen under Xvfb: "Type the staff number and the code" after both were typed). Offscreen, the dialog typed into
and accepted by a person's keys while exec() runs."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from pos_engage.qt.views.sign_in_dialog import CodeDialog, ask_code


def test_the_managers_staff_number_and_code_are_both_answered_after_the_dialog_closed(qtbot):
    def type_and_accept() -> None:
        dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, CodeDialog) and w.isVisible())
        qtbot.keyClicks(dialog.staff, "1001")
        qtbot.keyClicks(dialog.code, "482913")
        qtbot.keyClick(dialog.code, Qt.Key.Key_Return)

    QTimer.singleShot(100, type_and_accept)
    assert ask_code(None, staff_number=True) == ("1001", "482913")


def test_a_till_without_a_staff_directory_answers_its_pin_alone(qtbot):
    def type_and_accept() -> None:
        dialog = next(w for w in QApplication.topLevelWidgets() if isinstance(w, CodeDialog) and w.isVisible())
        qtbot.keyClicks(dialog.code, "1234")
        qtbot.keyClick(dialog.code, Qt.Key.Key_Return)

    QTimer.singleShot(100, type_and_accept)
    assert ask_code(None, staff_number=False) == (None, "1234")
