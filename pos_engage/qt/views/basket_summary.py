"""The basket's summary block: the discounts, the total, what is to pay, Finish, the change to give back and the
last sale's status, as one block that a narrow strip keeps in view below its scrolling part. A mixin of
BasketPanel (it uses the panel's layout); its texts keep BasketPanel's translation context.

How a panel lends its summary block to the window's footer and takes it back (``SummaryKeeping``) is here too, one
implementation for the till's own basket and a linked POS's sale (pos_sale_panel)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QGridLayout, QLabel, QPushButton, QVBoxLayout, QWidget

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
        # By how much cash rounds (or rounded) what is paid: beside the total when the totals are stacked in a
        # strip's footer (BasketPaying._show_rounding); the wide layouts say it beside the payments.
        self.rounding_label = QLabel()
        self.rounding_label.setObjectName("cashRounding")
        self.rounding_label.setAccessibleName(translate("BasketPanel", "Cash rounding"))
        # Right-aligned by the style (style.py: qproperty-alignment), not by setAlignment: Qt's namespace is not
        # touched while the window is first drawn (its first use builds all its enums: test_architecture).
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
        # The change to give back: large, and it stays until the next customer starts (clear_change). It takes the
        # place of "to pay" (_show_pay_or_change): once there is change, nothing remains to pay. A room of its own
        # below, kept empty while a sale was rung up, was most of the 90 px an 800x600 strip's footer left unused.
        self.change_label = QLabel()
        self.change_label.setObjectName("change")
        self.change_label.setAccessibleName(translate("BasketPanel", "Change to give back"))
        self.change_label.setWordWrap(True)
        self.change_label.hide()
        self.sale_status = QLabel()
        self.sale_status.setObjectName("saleStatus")
        self.sale_status.setAccessibleName(translate("BasketPanel", "Last sale"))
        self.sale_status.setWordWrap(True)
        # Two lines' room, kept empty or not: the last sale's status is one line mostly, two for a sale without a
        # customer ("… no customer, so nothing goes to Engage (…)"), and Finish moved up 16 px as that appeared.
        # Why the basket refused what the cashier just did (a card paying more than remains, a weight that cannot
        # be, a price that is not a number) is said in this line too (show_problem), below "to pay" and Finish,
        # where the cashier who pressed Pay or Add is looking: under the customer, across the window, it went
        # unseen, and a strip had scrolled it away. The same label: a second one swapped in moved Finish.
        status_room = QWidget()
        status_room.setObjectName("saleStatusRoom")
        room = QVBoxLayout(status_room)
        room.setContentsMargins(0, 0, 0, 0)
        room.addWidget(self.sale_status)
        room.addStretch(1)
        status_room.setMinimumHeight(2 * self.sale_status.fontMetrics().lineSpacing() + 4)
        summary.addWidget(status_room)
        layout.addWidget(self.summary)

    def _arrange_totals(self) -> None:
        for widget in (self.discount_label, self.total_label, self.rounding_label, self.to_pay_label,
                       self.change_label, self.finish_button):
            self.totals.removeWidget(widget)
        self._totals_stacked = self.compact and not self._room_beside
        self.totals.setColumnStretch(0, 1 if self._totals_stacked else 0)
        self.totals.setColumnStretch(1, 0 if self._totals_stacked else 1)
        # The figures one above the other as their lines space them (what the style gives two labels): the style's
        # own spacing changed by 6 px with the change in "to pay"'s place, and Finish moved as it appeared.
        self.totals.setVerticalSpacing(-1 if self._totals_stacked else 0)
        # In a strip the totals ask the window for no width of their own: a window made narrower than
        # FINISH_BESIDE_FROM was held at the width of the totals side by side (its minimum while they were, taken
        # before they are stacked for the new width; a window manager keeps a window's minimum too). Stacked they
        # fit a 480 px strip (test_fit); wide, the basket's layout asks what they need.
        self.summary.setMinimumWidth(1 if self.compact else 0)
        if self._totals_stacked:  # each figure on its own row (the cash rounding beside the total), Finish across
            self.totals.addWidget(self.discount_label, 0, 0, 1, 2)
            self.totals.addWidget(self.total_label, 1, 0)
            self.totals.addWidget(self.rounding_label, 1, 1)   # next to "to pay", below what scrolls
            self.totals.addWidget(self.to_pay_label, 2, 0, 1, 2)
            self.totals.addWidget(self.change_label, 2, 0, 1, 2)   # one or the other shows (_show_pay_or_change)
            self.totals.addWidget(self.finish_button, 3, 0, 1, 2)
            self.rounding_label.show()
        else:  # the discounts and the total above what is to pay, Finish beside them
            self.totals.addWidget(self.discount_label, 0, 0)
            self.totals.addWidget(self.total_label, 0, 1)
            self.totals.addWidget(self.to_pay_label, 1, 0, 1, 2)
            self.totals.addWidget(self.change_label, 1, 0, 1, 2)
            self.totals.addWidget(self.finish_button, 0, 2, 2, 1)
            self.rounding_label.hide()   # said beside the payments (_show_rounding)
        if hasattr(self, "payments_label"):   # arranged again for a new width: the rounding where it now goes
            self._show_rounding()

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
        self._show_pay_or_change()

    def clear_change(self) -> None:
        self.change_label.clear()
        self._show_pay_or_change()

    def _show_pay_or_change(self) -> None:
        """The change to give back where "to pay" was, while nothing remains to pay (paid, or the sale done); "to
        pay" again if the sale changed since (a line removed after the cash was taken: the change said is no longer
        what to give back). One of the two shows, in the same place of the totals' grid (a layout of their own around
        them took the layout a round more to settle: Finish moved for a frame as a line was added)."""
        remaining = getattr(self, "_remaining", None)
        change = bool(self.change_label.text()) and (remaining is None or remaining == 0)
        self.change_label.setVisible(change)
        self.to_pay_label.setVisible(not change)
        # One dominant figure: what is to pay, else the change, else the total. (The change and a dominant total
        # together also made the block taller, and Finish moved up as the sale was recorded.)
        dominant = remaining is None and not change
        if self.total_label.property("dominant") != dominant:
            self.total_label.setProperty("dominant", dominant)
            self.total_label.style().polish(self.total_label)

    _refusal = ""        # what the basket refused, while the status line says it
    _status_under = ""   # the last sale's status it took the place of

    def show_problem(self, message: str) -> None:
        """What the basket refused, in the warning tone, in the last sale's status line (that sale is over; this one
        is not) until the sale next changes (clear_problem)."""
        if not self._refusal:
            self._status_under = self.sale_status.text()
        self._refusal = message
        self._tell_status(message, "warning", translate("BasketPanel", "What was refused"))

    def clear_problem(self) -> None:
        """The refusal goes once the sale changed (the next thing worked): the last sale's status is back, unless
        something newer was said there meanwhile (a sale recorded, a basket from the POS)."""
        if not self._refusal:
            return
        said_since = self.sale_status.text() != self._refusal
        self._refusal = ""
        self._tell_status(self.sale_status.text() if said_since else self._status_under, "",
                          translate("BasketPanel", "Last sale"))

    def show_sale_status(self, text: str) -> None:
        """News of the last sale (sent, queued, sent after all): said in the status line, or, while it says what
        the basket refused (the cashier is on the next sale already), kept for when the refusal goes."""
        if self.refusal():
            self._status_under = text
        else:
            self.sale_status.setText(text)

    def last_sale_status(self) -> str:
        """What the status line says of the last sale, or would say without the refusal it shows now."""
        return self._status_under if self.refusal() else self.sale_status.text()

    def refusal(self) -> str:
        """What the status line says the basket refused ("" when it says none)."""
        return self._refusal if self._refusal and self.sale_status.text() == self._refusal else ""

    def _tell_status(self, text: str, tone: str, name: str) -> None:
        self.sale_status.setText(text)
        self.sale_status.setAccessibleName(name)
        if self.sale_status.property("tone") != tone:
            self.sale_status.setProperty("tone", tone)
            self.sale_status.style().polish(self.sale_status)
