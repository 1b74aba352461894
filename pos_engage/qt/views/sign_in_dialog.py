"""The code dialog: a staff number and a personal code, typed or tapped on its keypad (touch tills).

Used for the cashier's sign-in (at start and with "Sign in / change cashier", Ctrl+L) and whenever a manager's
code approves something (the queue's actions, Settings, acknowledging a lost journal). Without IT's staff
directory only the till's manager PIN is asked, so the staff number field is hidden. The dialog decides nothing:
``core/office/people.py`` checks the code, counts the failures and writes the audit rows.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

# What a door hands to the use case: the staff number (None without a staff directory) and the code.
Code = tuple[str | None, str]


def split_code(answer: str | tuple[str | None, str]) -> Code:
    """An ask callback's answer: a bare code (the till's single PIN, or a test) or (staff number, code)."""
    return answer if isinstance(answer, tuple) else (None, answer)


class CodeDialog(QDialog):
    """Staff number and code with a large keypad; the keypad types into the field that has the focus.
    ``check(staff number, code)``: what was wrong (the dialog stays open and says so), or None to close."""

    def __init__(self, parent: QWidget | None = None, *, approval: bool = False, staff_number: bool = True,
                 can_cancel: bool = True, check: Callable[[str | None, str], str | None] | None = None) -> None:
        super().__init__(parent)
        self.check = check
        self.approval = approval
        self.setObjectName("codeDialog")
        self.setWindowTitle(self.tr("Manager's approval") if approval else self.tr("Sign in"))
        self.setWindowModality(Qt.WindowModality.ApplicationModal)
        layout = QVBoxLayout(self)
        # The prompt says who types what; the fields are named once, below it ("Manager PIN:" was both the prompt
        # and the field's label on a till without a staff directory).
        if approval:
            prompt = (self.tr("A manager's staff number and code:") if staff_number
                      else self.tr("A manager approves this with the till's manager PIN."))
        else:
            prompt = self.tr("Your staff number and your code:") if staff_number else self.tr("Your code:")
        self.prompt = QLabel(prompt)
        self.prompt.setWordWrap(True)
        layout.addWidget(self.prompt)
        form = QFormLayout()
        self.staff = QLineEdit()
        self.staff.setObjectName("staffNumber")
        self.staff.setAccessibleName(self.tr("Staff number"))
        self.code = QLineEdit()
        self.code.setObjectName("code")
        self.code.setEchoMode(QLineEdit.EchoMode.Password)
        # A manager's approval without a staff directory asks the till's single PIN, named so.
        code_name = self.tr("PIN") if approval and not staff_number else self.tr("Code")
        self.code.setAccessibleName(code_name)
        for field in (self.staff, self.code):
            field.setMinimumHeight(44)  # a finger's width
            field.setStyleSheet("font-size: 16pt;")
        # Whether a staff number is asked: said here, not read from the field's visibility, which is False for every
        # field once the dialog has closed (ask_code reads the answer after exec() returned: the staff number was
        # lost, and no manager's approval went through on a till with a staff directory).
        self.asks_staff = staff_number
        if staff_number:
            form.addRow(self.tr("Staff number"), self.staff)
        else:
            self.staff.hide()
        form.addRow(code_name, self.code)
        layout.addLayout(form)
        self.message = QLabel()
        self.message.setObjectName("codeMessage")
        self.message.setProperty("tone", "warning")  # only ever says what was wrong
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Result"))
        layout.addWidget(self.message)
        keypad = QGridLayout()
        self.keys: dict[str, QPushButton] = {}
        for index, key in enumerate(("1", "2", "3", "4", "5", "6", "7", "8", "9", "⌫", "0", "→")):
            button = QPushButton(key)
            button.setMinimumSize(72, 56)
            button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the field keeps the focus while tapping
            button.setAccessibleName({"⌫": self.tr("Delete"), "→": self.tr("Next field")}.get(key, key))
            button.clicked.connect(lambda _checked=False, k=key: self._on_key(k))
            keypad.addWidget(button, index // 3, index % 3)
            self.keys[key] = button
        layout.addLayout(keypad)
        buttons = QDialogButtonBox.StandardButton.Ok
        if can_cancel:
            buttons |= QDialogButtonBox.StandardButton.Cancel
        self.buttons = QDialogButtonBox(buttons)
        self.ok_button = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self.ok_button.setMinimumHeight(48)
        self.buttons.accepted.connect(self._on_ok)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        (self.staff if staff_number else self.code).setFocus()
        self.staff.returnPressed.connect(self.code.setFocus)

    def _focused_field(self) -> QLineEdit:
        return self.staff if self.staff.hasFocus() and self.asks_staff else self.code

    def _on_key(self, key: str) -> None:
        field = self._focused_field()
        if key == "⌫":
            field.backspace()
        elif key == "→":
            (self.code if field is self.staff else self.staff if self.asks_staff else self.code).setFocus()
        else:
            field.insert(key)

    def _on_ok(self) -> None:
        if not self.code.text() or (self.asks_staff and not self.staff.text().strip()):
            self.message.setText(self.tr("Type the staff number and the code") if self.asks_staff
                                 else self.tr("Type the PIN") if self.approval else self.tr("Type the code"))
            return
        problem = self.check(*self.answer()) if self.check else None
        if problem:
            self.clear_code(problem)
            return
        self.accept()

    def answer(self) -> Code:
        return (self.staff.text().strip() if self.asks_staff else None, self.code.text())

    def clear_code(self, message: str = "") -> None:
        """After a wrong code: say so and let it be typed again."""
        self.code.clear()
        self.message.setText(message)
        self.code.setFocus()


def ask_code(parent: QWidget, *, staff_number: bool) -> Code | None:
    """A manager's approval, asked in a modal dialog; None when cancelled."""
    dialog = CodeDialog(parent, approval=True, staff_number=staff_number)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.answer()
