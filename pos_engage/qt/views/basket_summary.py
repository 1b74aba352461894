"""The basket's summary block: the discounts, the total, what is to pay, Finish, the change to give back and the
last sale's status, as one block that a narrow strip keeps in view below its scrolling part. A mixin of
BasketPanel (it uses the panel's layout); its texts keep BasketPanel's translation context.

How a panel lends its summary block to the window's footer and takes it back (``SummaryKeeping``) is here too, one
implementation for the till's own basket and a linked POS's sale (pos_sale_panel)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QStackedWidget, QVBoxLayout, QWidget

from pos_engage.qt.views.basket_amounts import money

translate = QCoreApplication.translate
# From this width a one-column strip's totals are arranged as the wide layout's (Finish beside them); narrower, each
# on its own row (a 480 px strip has no room for "to pay" and Finish side by side; 760: Swedish's "Att betala" with
# a five-figure amount beside Finish, with the strip's margins).
FINISH_BESIDE_FROM = 760


class SummaryKeeping:
    """A panel whose ``summary`` block (totals, what is to pay, the sale's status) the window keeps in view below
    a scrolling strip: taken out of the panel's layout, and put back where it was in the wide layout."""

    _summary_place = -1   # its index in the panel's layout when it was taken (-1: at the end)

    def take_summary(self) -> QWidget:
        """The summary block, for the window to keep in view below a scrolling strip."""
        layout = self.layout()
        index = layout.indexOf(self.summary)
        if index >= 0:   # in the panel (not lent already): where it goes back
            self._summary_place = index
            layout.removeWidget(self.summary)
        return self.summary

    def keep_summary(self) -> None:
        """The summary block back in the panel where it was taken from (the wide layout)."""
        if self.summary.parentWidget() is not self:
            self.summary.setParent(self)
            self.layout().insertWidget(self._summary_place, self.summary)
            self.summary.show()


class BasketSummary(SummaryKeeping):
    _totals_stacked = False
    _room_beside = False   # until the window says how wide it is (follow_window_width)

    def _build_summary(self, layout: QVBoxLayout) -> None:
        self.totals = QGridLayout()
        self.discount_label = QLabel()
        self.discount_label.setAccessibleName(translate("BasketPanel", "Discount"))
        self.total_label = QLabel()
        self.total_label.setObjectName("total")
        self.total_label.setAccessibleName(translate("BasketPanel", "Total"))
        self.to_pay_label = QLabel()
        self.to_pay_label.setObjectName("toPay")
        self.to_pay_label.setAccessibleName(translate("BasketPanel", "To pay"))
        self.finish_button = QPushButton(translate("BasketPanel", "Finish sale  (F9)"))
        self.finish_button.setObjectName("finish")
        self.finish_button.setAccessibleName(translate("BasketPanel", "Finish sale"))
        # The totals, Finish, the change and the last sale's status: one block (``summary``) that a strip keeps
        # below its scrolling part (MainWindow.set_compact), so that "to pay" and the change are always on screen.
        self.summary = QWidget()
        self.summary.setObjectName("paySummary")
        summary = QVBoxLayout(self.summary)
        summary.setContentsMargins(0, 0, 0, 0)
        summary.addLayout(self.totals)
        # The change to give back: large, and it stays until the next customer starts (clear_change).
        self.change_label = QLabel()
        self.change_label.setObjectName("change")
        self.change_label.setAccessibleName(translate("BasketPanel", "Change to give back"))
        self.change_label.setWordWrap(True)
        summary.addWidget(self.change_label)
        self.sale_status = QLabel()
        self.sale_status.setObjectName("saleStatus")
        self.sale_status.setAccessibleName(translate("BasketPanel", "Last sale"))
        self.sale_status.setWordWrap(True)
        # Why the basket refused what the cashier just did (a card paying more than remains, a weight that cannot
        # be, a price that is not a number): here, below "to pay" and Finish, where the cashier who pressed Pay or
        # Add is looking (under the customer, across the window, it went unseen; in a strip it was scrolled away).
        # It takes the last sale's place while it stands (show_problem): that sale is over, this one is not.
        self.problem_label = QLabel()
        self.problem_label.setObjectName("basketProblem")
        self.problem_label.setProperty("tone", "warning")
        self.problem_label.setAccessibleName(translate("BasketPanel", "What was refused"))
        self.problem_label.setWordWrap(True)
        # Two lines' room, kept empty or not: the last sale's status is one line mostly, two for a sale without a
        # customer ("… no customer, so nothing goes to Engage (…)"), and Finish moved up 16 px as that appeared.
        status_room = QWidget()
        status_room.setObjectName("saleStatusRoom")
        room = QVBoxLayout(status_room)
        room.setContentsMargins(0, 0, 0, 0)
        # One or the other, in one stack: its height is the taller one's whichever shows, so that a refusal coming
        # and going moves nothing (two labels swapped moved Finish for a frame as the layout caught up).
        self.status_stack = QStackedWidget()
        self.status_stack.addWidget(self.sale_status)
        self.status_stack.addWidget(self.problem_label)
        room.addWidget(self.status_stack)
        room.addStretch(1)
        status_room.setMinimumHeight(2 * self.sale_status.fontMetrics().lineSpacing() + 4)
        summary.addWidget(status_room)
        layout.addWidget(self.summary)

    def _arrange_totals(self) -> None:
        for widget in (self.discount_label, self.total_label, self.to_pay_label, self.finish_button):
            self.totals.removeWidget(widget)
        self._totals_stacked = self.compact and not self._room_beside
        self.totals.setColumnStretch(1, 0 if self._totals_stacked else 1)
        # In a strip the totals ask the window for no width of their own: a window made narrower than
        # FINISH_BESIDE_FROM was held at the width of the totals side by side (its minimum while they were, taken
        # before they are stacked for the new width; a window manager keeps a window's minimum too). Stacked they
        # fit a 480 px strip (test_fit); wide, the basket's layout asks what they need.
        self.summary.setMinimumWidth(1 if self.compact else 0)
        if self._totals_stacked:  # each figure on its own row, Finish across the strip
            self.totals.addWidget(self.discount_label, 0, 0)
            self.totals.addWidget(self.total_label, 1, 0)
            self.totals.addWidget(self.to_pay_label, 2, 0)
            self.totals.addWidget(self.finish_button, 3, 0)
        else:  # the discounts and the total above what is to pay, Finish beside them
            self.totals.addWidget(self.discount_label, 0, 0)
            self.totals.addWidget(self.total_label, 0, 1)
            self.totals.addWidget(self.to_pay_label, 1, 0, 1, 2)
            self.totals.addWidget(self.finish_button, 0, 2, 2, 1)

    def follow_window_width(self, width: int) -> None:
        """Told by the window as it is resized (the summary is in its footer then, as wide as the window). A strip
        as wide as 800×600's keeps Finish beside "to pay", as the wide layout does: stacked, the totals took two
        rows more of a footer that never scrolls, and the lines had 295 px of a 600 px screen."""
        self._room_beside = width >= FINISH_BESIDE_FROM
        if (self.compact and not self._room_beside) != self._totals_stacked:
            self._arrange_totals()

    def show_change(self, change) -> None:
        if change:
            self.change_label.setText(translate("BasketPanel", "Give back {0}").format(money(change, self.currency)))

    def clear_change(self) -> None:
        self.change_label.clear()

    def show_problem(self, message: str) -> None:
        """What the basket refused, in the warning tone, where the last sale's status was."""
        self.problem_label.setText(message)
        self.status_stack.setCurrentWidget(self.problem_label)

    def clear_problem(self) -> None:
        """The refusal goes once the sale changed (the next thing worked); the last sale's status is back."""
        if self.status_stack.currentWidget() is self.sale_status:
            return
        self.problem_label.clear()
        self.status_stack.setCurrentWidget(self.sale_status)
