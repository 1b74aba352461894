"""The customers sharing a key, to pick from: one touch-sized row each, masked until picked (initials, kind, the
masked email and member number, the city, as core/till/candidates.py gives them). And the way the customer card
writes a points balance."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import QItemSelectionModel, Signal
from PySide6.QtWidgets import QFrame, QListWidget, QListWidgetItem

from pos_engage.qt import i18n

if TYPE_CHECKING:
    from pos_engage.core.till.candidates import Candidate

# A row of the pick list: its own rules rather than the application's stylesheet (the list is built only when
# several customers share a key, and a rule in the shared sheet is matched against every widget the till builds).
CANDIDATE_STYLE = """
QListWidget::item { min-height: 48px; padding: 6px; margin: 3px 2px; border: 1px solid #c3c9d1; border-radius: 8px;
    background: white; color: #111; }
QListWidget::item:selected { background: #dbe7fb; border-left: 4px solid #1f5fbf; }
"""
MOST_ROWS_IN_VIEW = 5


def points_text(value) -> str:
    """A points balance as the language writes numbers: whole points grouped (1 250), else with decimals."""
    if value == value.to_integral_value():
        group = i18n.GROUPING.get(i18n.current, i18n.GROUPING["en"])[0]
        return f"{int(value):,}".replace(",", group)
    return i18n.money(value)


class CandidateList(QListWidget):
    """A tap, Enter or Space on a row picks that customer (``picked``). Tab or Down from the identify field comes
    into it on its first row."""

    picked = Signal(object)    # the Candidate

    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("candidates")
        self.setAccessibleName(self.tr("Customers sharing this key: pick one"))
        self.setStyleSheet(CANDIDATE_STYLE)
        self.setWordWrap(True)
        self.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.NoFrame)

    def show_candidates(self, candidates: tuple[Candidate, ...]) -> None:
        self.clear()
        for candidate in candidates:
            first, second = self.lines(candidate)
            item = QListWidgetItem(f"{first}\n{second}" if second else first)
            item.setData(QtCore.Qt.ItemDataRole.UserRole, candidate)
            item.setData(QtCore.Qt.ItemDataRole.AccessibleTextRole, f"{first}, {second}" if second else first)
            self.addItem(item)
        self.setVisible(bool(candidates))
        if candidates:
            self.fit()

    def lines(self, candidate: Candidate) -> tuple[str, str]:
        """What a row says: initials and kind, then the masked details that tell the customers apart."""
        kind = self.tr("Member") if candidate.is_member else self.tr("Contact (not a member)")
        details = [candidate.email, candidate.mobile,
                   self.tr("no. {0}").format(candidate.member_number) if candidate.member_number else "",
                   candidate.city]
        return f"{candidate.initials}  ·  {kind}", "  ·  ".join(d for d in details if d)

    def fit(self) -> None:
        """Every row in view without the list scrolling (up to MOST_ROWS_IN_VIEW; more scroll inside it)."""
        self.doItemsLayout()
        self.scrollToTop()
        # The laid-out rows themselves (their margins included, which a row's size hint leaves out).
        last = self.item(min(self.count(), MOST_ROWS_IN_VIEW) - 1)
        self.setFixedHeight(self.visualItemRect(last).bottom() + 1 + 2 * self.frameWidth() + 4)

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        if self.isVisible() and self.count():
            self.fit()   # narrower, the rows wrap to more lines

    def focusInEvent(self, event) -> None:
        """Reached by the keyboard (Tab, or Down from the identify field): its first row is current and marked,
        so that Enter or Space picks a customer at once and the arrows move from there."""
        super().focusInEvent(event)   # Qt makes a row current unmarked: the cashier could not see which
        if self.count() and not self.selectedItems() and event.reason() != QtCore.Qt.FocusReason.MouseFocusReason:
            self.setCurrentRow(max(self.currentRow(), 0), QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def mouseReleaseEvent(self, event) -> None:
        item = self.itemAt(event.position().toPoint())
        super().mouseReleaseEvent(event)
        if item is not None and event.button() == QtCore.Qt.MouseButton.LeftButton:
            self.picked.emit(item.data(QtCore.Qt.ItemDataRole.UserRole))

    def keyPressEvent(self, event) -> None:
        keys = (QtCore.Qt.Key.Key_Return, QtCore.Qt.Key.Key_Enter, QtCore.Qt.Key.Key_Space)
        if event.key() in keys and self.currentItem() is not None:
            self.picked.emit(self.currentItem().data(QtCore.Qt.ItemDataRole.UserRole))
            return
        super().keyPressEvent(event)
