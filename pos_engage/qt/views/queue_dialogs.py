"""The questions the queue view asks the manager: a manager's approval code, the corrections to a registration
Engage rejected, and why an entry is closed without being sent. Each returns None when the manager cancels."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QWidget

from pos_engage.qt.views.sign_in_dialog import Code, ask_code


def ask_pin_dialog(parent: QWidget, staff_number: bool = False) -> str | Code | None:
    """A manager's approval: (staff number, code) with IT's staff directory, else the till's manager PIN."""
    answer = ask_code(parent, staff_number=staff_number)
    if answer is None:
        return None
    return answer if staff_number else answer[1]


def ask_corrections_dialog(parent: QWidget, contact: dict) -> dict | None:
    """The registration's email and mobile, editable; returns only what was changed."""
    changes = {}
    for field, label in (("email", parent.tr("Email")), ("mobilePhone", parent.tr("Mobile"))):
        value, ok = QInputDialog.getText(parent, parent.tr("Correct registration"), label,
                                         text=str(contact.get(field) or ""))
        if not ok:
            return None
        if value.strip() != str(contact.get(field) or ""):
            changes[field] = value.strip()
    return changes or None


def ask_reason_dialog(parent: QWidget) -> str | None:
    reason, ok = QInputDialog.getText(parent, parent.tr("Resolve"), parent.tr("Why is it closed without sending?"))
    return reason if ok else None
