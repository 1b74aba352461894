"""The till's look: large type and touch-sized targets; meaning never carried by colour alone (an offer card that
cannot be used now is dimmed and dashed, and says why in words)."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PySide6.QtWidgets import QApplication

# Every widget's text size. Set as the application's font rather than a "* {}" rule: a universal selector is
# matched against every widget as it is built, a measurable part of drawing the till.
FONT_PIXEL_SIZE = 17

# A spin box styled as a field (border, padding) has its arrows drawn only when its buttons are given a size: without
# the rule the orders' and returns' "Return now" showed two dashes (issue 14: "the quantity arrows are not drawn").
STYLESHEET = """
QMainWindow, QDialog { background: #f6f7f9; }
QLineEdit, QSpinBox, QComboBox { min-height: 40px; padding: 2px 8px; border: 1px solid #9aa3ad;
    border-radius: 6px; background: white; }
QLineEdit:focus, QSpinBox:focus, QComboBox:focus { border: 3px solid #1f5fbf; }
QSpinBox::up-button, QSpinBox::down-button { width: 40px; }
QPushButton { min-height: 34px; padding: 4px 16px; border-radius: 6px; border: 1px solid #6b7785;
    background: #ffffff; }
QPushButton:focus { border: 3px solid #1f5fbf; }
QPushButton:disabled { color: #8a8f96; background: #e8eaed; }
QPushButton#finish { background: #1f6f3f; color: white; font-weight: bold; font-size: 19px; }
QPushButton#finish:disabled { background: #9fb8a8; }
QLineEdit#identifyInput { font-size: 22px; min-height: 52px; }
QLabel#customerName { font-size: 26px; font-weight: bold; }
QLabel#sectionTitle { font-weight: bold; margin-top: 8px; }
QLabel#cashRounding { qproperty-alignment: 'AlignRight | AlignVCenter'; }
QLabel#demoMarker { background: #b3261e; color: white; font-weight: bold; padding: 4px 12px;
    border-radius: 4px; }
QLabel[tone="warning"] { color: #7a4b00; font-weight: bold; }
QLabel[tone="error"] { color: #b3261e; font-weight: bold; }
QListWidget#offers::item { min-height: 44px; padding: 6px; margin: 3px 2px; border: 1px solid #c3c9d1;
    border-radius: 8px; background: white; }
QListWidget#offers::item:disabled { color: #4f5661; background: #eceef1; border: 1px dashed #9aa3ad; }
QListWidget#offers::item:selected { background: #dbe7fb; color: #111; border-left: 4px solid #1f5fbf; }
QListWidget#offers::item:focus { border: 2px solid #1f5fbf; }
QTableWidget#basket { background: white; gridline-color: #d5d9de; }
QPushButton#tender:checked { background: #1f5fbf; color: white; border: 3px solid #123a75; font-weight: bold; }
QLabel[dominant="true"] { font-size: 30px; font-weight: bold; }
QLabel#change { font-size: 30px; font-weight: bold; color: #1f5f2f; }
QComboBox QAbstractItemView { background: white; color: #111; selection-background-color: #dbe7fb;
    selection-color: #111; }
"""


def apply_style(application: QApplication) -> None:
    """The till's font and stylesheet, for the whole application (dialogs and the manager's windows too)."""
    font = application.font()
    font.setPixelSize(FONT_PIXEL_SIZE)
    application.setFont(font)
    application.setStyleSheet(STYLESHEET)
