"""The questions the queue view asks the manager: a manager's approval code, the corrections to a registration
Engage rejected, and why an entry is closed without being sent. Each returns None when the manager cancels, and
leaves the queue's window in front and active when it closes (see in_front_again). Its texts are in QueueView's
translation context, named here: ``parent.tr`` looked them up under QueueView at run time while lupdate filed them
under "parent", so a Swedish till showed them in English."""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QTimer
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QInputDialog,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from pos_engage.qt.views.sign_in_dialog import Code, ask_code

# The texts, in QueueView's translation context (lupdate reads these literals; _tr looks them up).
TEXTS = (
    QT_TRANSLATE_NOOP("QueueView", "Correct registration"),
    QT_TRANSLATE_NOOP("QueueView", "Resolve"),
    QT_TRANSLATE_NOOP("QueueView", "Why is it resolved without sending? It will never reach Engage."),
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("QueueView", text)


def in_front_again(parent: QWidget) -> None:
    """The queue's window in front and active again once its dialog has closed. The till's window takes the focus
    back when a window not its own lets it go (window_focus._on_focus_changed: kiosk tills have no window manager
    to do it), and a closed dialog of the queue was one: under openbox the queue fell behind the till's window after
    every manager's code. Asked after the till's window asked (its request is queued as the dialog closes), so that
    the queue's is the last the window manager hears."""
    window = parent.window()

    def again() -> None:
        if window.isVisible():
            window.raise_()
            window.activateWindow()

    QTimer.singleShot(0, window, again)   # not called once the window is gone


def ask_pin_dialog(parent: QWidget, staff_number: bool = False) -> str | Code | None:
    """A manager's approval: (staff number, code) with IT's staff directory, else the till's manager PIN."""
    answer = ask_code(parent, staff_number=staff_number)
    in_front_again(parent)
    if answer is None:
        return None
    return answer if staff_number else answer[1]


class CorrectionDialog(QDialog):
    """The registration's email and mobile in one form, titled and wide enough to read its title and the whole
    address at 1024×768 (two QInputDialogs, each as narrow as its field, cut the title to "Rätta r…eringen")."""

    FIELDS = (("email", QT_TRANSLATE_NOOP("QueueView", "Email")),
              ("mobilePhone", QT_TRANSLATE_NOOP("QueueView", "Mobile")))

    def __init__(self, parent: QWidget, contact: dict) -> None:
        super().__init__(parent)
        self.setObjectName("correctionDialog")
        self.setWindowTitle(_tr("Correct registration"))
        self.contact = contact
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.fields: dict[str, QLineEdit] = {}
        for field, label in self.FIELDS:
            edit = QLineEdit(str(contact.get(field) or ""))
            edit.setAccessibleName(_tr(label))
            edit.setMinimumHeight(44)   # a finger's width
            form.addRow(_tr(label), edit)
            self.fields[field] = edit
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        # The title bar is the window manager's: room for the title, its buttons, and a long address.
        title = self.fontMetrics().horizontalAdvance(self.windowTitle()) + 160
        self.setMinimumWidth(min(max(420, title), 900))

    def changes(self) -> dict[str, str]:
        """Only what was changed."""
        typed = {field: edit.text().strip() for field, edit in self.fields.items()}
        return {field: value for field, value in typed.items() if value != str(self.contact.get(field) or "")}


def ask_corrections_dialog(parent: QWidget, contact: dict) -> dict | None:
    """The registration's email and mobile, editable; returns only what was changed."""
    dialog = CorrectionDialog(parent, contact)
    accepted = dialog.exec() == QDialog.DialogCode.Accepted
    in_front_again(parent)
    return (dialog.changes() or None) if accepted else None


def ask_reason_dialog(parent: QWidget) -> str | None:
    reason, ok = QInputDialog.getText(parent, _tr("Resolve"),
                                      _tr("Why is it resolved without sending? It will never reach Engage."))
    in_front_again(parent)
    return reason if ok else None
