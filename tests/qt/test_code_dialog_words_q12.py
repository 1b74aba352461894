"""The code dialog reads naturally in both of its modes: the words above the fields say who types what, and each
field is named once beside it. Without IT's staff directory the prompt and the code field's label were the same
"Manager PIN:", one above the other (review, session 11)."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel

from pos_engage.qt.views.sign_in_dialog import CodeDialog


def _words(dialog: CodeDialog) -> tuple[str, list[str]]:
    """The prompt, and the label beside each field shown (in the form's order)."""
    form = dialog.findChild(QFormLayout)
    labels = []
    for row in range(form.rowCount()):
        label = form.itemAt(row, QFormLayout.ItemRole.LabelRole)
        field = form.itemAt(row, QFormLayout.ItemRole.FieldRole)
        if label is not None and field is not None and not field.widget().isHidden():
            labels.append(label.widget().text())
    return dialog.prompt.text(), labels


def test_a_till_with_only_a_manager_pin_names_the_pin_once(qtbot):
    dialog = CodeDialog(None, approval=True, staff_number=False)
    qtbot.addWidget(dialog)
    prompt, labels = _words(dialog)
    assert labels == ["PIN"]
    assert prompt not in labels and not prompt.endswith(":")   # a sentence above one named field
    assert prompt.count("PIN") == 1
    assert dialog.code.accessibleName() == "PIN"
    dialog.ok_button.click()   # nothing typed: what it asks for is the PIN, as the field is named
    assert dialog.message.text() == "Type the PIN"


def test_a_managers_staff_number_and_code_are_asked_for_and_named_once_each(qtbot):
    dialog = CodeDialog(None, approval=True, staff_number=True)
    qtbot.addWidget(dialog)
    prompt, labels = _words(dialog)
    assert labels == ["Staff number", "Code"]
    assert prompt == "A manager's staff number and code:"
    assert all(label not in prompt for label in labels)   # the prompt in its words, the fields in theirs
    dialog.ok_button.click()
    assert dialog.message.text() == "Type the staff number and the code"


def test_the_cashiers_sign_in_asks_for_their_own_number_and_code(qtbot):
    dialog = CodeDialog(None, staff_number=True)
    qtbot.addWidget(dialog)
    assert _words(dialog) == ("Your staff number and your code:", ["Staff number", "Code"])
    assert not any(isinstance(w, QLabel) and "PIN" in w.text() for w in dialog.findChildren(QLabel))
