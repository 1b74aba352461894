"""The questions the queue view asks the manager: a manager's approval code, the corrections to a registration
Engage rejected, and why an entry is closed without being sent. Each returns None when the manager cancels.
Its texts are in QueueView's translation context, named here: ``parent.tr`` looked them up under QueueView at run
time while lupdate filed them under "parent", so a Swedish till showed them in English."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import QInputDialog, QWidget

from pos_engage.qt.views.sign_in_dialog import Code, ask_code

# The texts, in QueueView's translation context (lupdate reads these literals; _tr looks them up).
TEXTS = (
    QT_TRANSLATE_NOOP("QueueView", "Email"),
    QT_TRANSLATE_NOOP("QueueView", "Mobile"),
    QT_TRANSLATE_NOOP("QueueView", "Correct registration"),
    QT_TRANSLATE_NOOP("QueueView", "Resolve"),
    QT_TRANSLATE_NOOP("QueueView", "Why is it closed without sending?"),
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("QueueView", text)


def ask_pin_dialog(parent: QWidget, staff_number: bool = False) -> str | Code | None:
    """A manager's approval: (staff number, code) with IT's staff directory, else the till's manager PIN."""
    answer = ask_code(parent, staff_number=staff_number)
    if answer is None:
        return None
    return answer if staff_number else answer[1]


def ask_corrections_dialog(parent: QWidget, contact: dict) -> dict | None:
    """The registration's email and mobile, editable; returns only what was changed."""
    changes = {}
    for field, label in (("email", _tr("Email")), ("mobilePhone", _tr("Mobile"))):
        value, ok = QInputDialog.getText(parent, _tr("Correct registration"), label,
                                         text=str(contact.get(field) or ""))
        if not ok:
            return None
        if value.strip() != str(contact.get(field) or ""):
            changes[field] = value.strip()
    return changes or None


def ask_reason_dialog(parent: QWidget) -> str | None:
    reason, ok = QInputDialog.getText(parent, _tr("Resolve"), _tr("Why is it closed without sending?"))
    return reason if ok else None
