"""The basket: add lines (SKU by scan or typing), see each line's discount and the offer that gave it, take the
payment by tapping a tender (split over methods if the customer wants, cash with quick amounts and a keypad),
finish. Touch-first: every target at least 44 px, + / − and a remove button on each line.

Two arrangements of the same widgets, chosen by the window's width (``set_compact``): wide, and one narrow column
for a side strip beside the POS; the parts keep their places as messages come and go (the layout never moves
under the cashier's hand).

This module puts the panel together and shows a basket; its parts live beside it: the article entry
(basket_entry), the lines table (basket_lines), the payment part (basket_paying), the totals and Finish
(basket_summary), and amounts as shown and typed (basket_amounts)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import Signal
from PySide6.QtWidgets import QStackedWidget, QVBoxLayout, QWidget

from pos_engage.qt import i18n
from pos_engage.qt.texts import shown
from pos_engage.qt.views.basket_amounts import money
from pos_engage.qt.views.basket_entry import BasketEntry
from pos_engage.qt.views.basket_lines import (
    ARTICLE_COLUMN,
    QTY_COLUMN,
    WIDE_BASKET,
    choose_columns,
    lines_table,
    show_lines,
)
from pos_engage.qt.views.basket_paying import BasketPaying
from pos_engage.qt.views.basket_summary import BasketSummary

if TYPE_CHECKING:
    from pos_engage.core.till.basket import Basket

# The basket model is named for type checking only: the window is drawn before the till's core modules load (see
# pos_engage.window); the parts import it, and Decimal, where a line is added or drawn, by when they are loaded.


class BasketPanel(QWidget, BasketEntry, BasketPaying, BasketSummary):
    line_added = Signal(object)          # BasketLine
    line_removed = Signal(int)
    quantity_changed = Signal(int, int)  # line, +1 / −1
    finish_requested = Signal(str)       # the payment method for what remains
    payment_requested = Signal(str, object)   # method, amount (None: the rest)
    payments_cleared = Signal()
    problem = Signal(str)
    line_shown = Signal(int)             # a row just added: the window's strip scrolls to it

    def __init__(self, parent: QWidget | None = None, methods: tuple[str, ...] = ()) -> None:
        """``methods``: the till's tenders (core's payment_methods), known from the configuration before the till
        is loaded; set again when it is attached (set_payment_methods)."""
        super().__init__(parent)
        self.compact = False
        self.currency = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self._build_entry(layout)   # before the lines: the Tab order follows the order widgets join
        self.table = lines_table()
        # The keypad takes the lines' place while it is open: the totals and Finish never move down.
        self.lines = QStackedWidget()
        self.lines.addWidget(self.table)
        layout.addWidget(self.lines, 1)
        self._build_paying(layout, methods)
        self._build_summary(layout)
        # Their room is kept when they are empty: the basket does not jump under the cashier's hand.
        for label, lines in ((self.sale_status, 1), (self.payments_label, 1)):
            label.setMinimumHeight(int(lines * label.fontMetrics().lineSpacing()) + 4)
        self._arrange()
        self.table.installEventFilter(self)   # + / − on the selected line (the table takes them for its search)

        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.price.returnPressed.connect(self._on_add_button_clicked)
        self.sku.returnPressed.connect(self.article.setFocus)
        self.article.returnPressed.connect(self.price.setFocus)   # most articles are one: the count is skipped
        self.quantity.returnPressed.connect(self.price.setFocus)  # a weight or count typed: its price next
        self.quantity.textChanged.connect(self._on_quantity_text_changed)
        self.quantity_minus.clicked.connect(lambda: self._step_entry_quantity(-1))
        self.quantity_plus.clicked.connect(lambda: self._step_entry_quantity(1))
        self.finish_button.clicked.connect(lambda: self.finish_requested.emit(self.method()))
        self.take_payment_button.clicked.connect(self.take_payment)
        self.amount.returnPressed.connect(self.take_payment)
        self.amount.textChanged.connect(lambda _text: self._show_to_pay())
        self.keypad_button.toggled.connect(self._on_keypad_toggled)
        self.tenders.buttonClicked.connect(lambda _button: self._show_to_pay())
        self.clear_payments_button.clicked.connect(self.payments_cleared)
        for button in (self.finish_button, self.take_payment_button, self.clear_payments_button):
            button.setEnabled(False)  # until the till's basket is shown (show_basket)
        self._remaining = None
        self._cash_due = self._cash_rounding = None

    # -------------------------------------------------------------- layout

    def set_compact(self, compact: bool) -> None:
        """One narrow column (a strip beside the POS) or the wide arrangement."""
        self.compact = compact
        self._arrange()
        self._choose_columns(self.width())

    def resizeEvent(self, event) -> None:  # Qt override: camelCase
        self._choose_columns(event.size().width())
        super().resizeEvent(event)

    def _choose_columns(self, width: int) -> None:
        """A basket narrower than all its columns shows the article (with its offer), the quantity and the line
        total; the SKU, unit price, VAT and discount come back when there is room for them."""
        choose_columns(self.table, self.compact or width < WIDE_BASKET)

    def fit_lines_to_view(self, view_height: int | None) -> None:
        """In a strip (``view_height``: its scroll view's height), the lines as tall as the view leaves below the
        article entry: scrolled to the entry, the cashier sees it and as many lines as the screen holds (at 800x600
        the lines kept their 192 px, three lines, whatever room the view had). Wide (None): as the layout gives."""
        if view_height is None:
            self.lines.setMinimumHeight(0)
            return
        # The entry above the lines, as its layout asks (the lines take the stretch, the entry what it asks for):
        # not from the widgets' places, which a strip being laid out for the first time has not settled yet.
        above = self.entry.sizeHint().height() + self.layout().spacing()
        # Less the margins a line brought into view keeps above and below (MainWindow._bring_line_into_view).
        self.lines.setMinimumHeight(max(0, view_height - above - 16))

    def _arrange(self) -> None:
        self._arrange_entry()
        self._arrange_paying()
        self._arrange_totals()

    def set_vat_rates(self, rates) -> None:
        """The VAT rates a typed article can have, the usual one first (configuration: till.vat_rates). Called
        when the till is attached, after the first paint: the touch-only buttons leave the Tab order here (the
        Qt namespace they need is not built while the window is drawn, see main_window)."""
        touch_only = (self.quantity_minus, self.quantity_plus, self.keypad_button, *self.quick_buttons)
        for button in touch_only:  # the keyboard has its own way: digits, the amount field, F8 / F9
            button.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)
        self.quantity.setAlignment(QtCore.Qt.AlignmentFlag.AlignCenter)
        self.vat.clear()
        for rate in rates:
            self.vat.addItem(i18n.percent(rate), f"{rate:g}")

    # -------------------------------------------------------------- the basket shown

    def keyPressEvent(self, event) -> None:
        row = self.table.currentRow()
        if event.key() == QtCore.Qt.Key.Key_Delete and row >= 0:
            self.line_removed.emit(row)
            self._select_row(row)   # the next line is selected: Delete again removes it, + / − change it
            return
        super().keyPressEvent(event)

    def eventFilter(self, watched, event) -> bool:  # Qt override: camelCase
        """+ / − on the selected line: one more, one fewer, as its buttons (which the keyboard cannot reach: they
        are the finger's). A weighed line's quantity is the scale's: it has no such buttons, and its keys say so
        (a key that did nothing left the cashier pressing it again)."""
        if watched is self.table and event.type() == QtCore.QEvent.Type.KeyPress:
            step = {QtCore.Qt.Key.Key_Plus: 1, QtCore.Qt.Key.Key_Minus: -1}.get(event.key())
            row = self.table.currentRow()
            if step is not None and row >= 0:
                buttons = self.table.cellWidget(row, QTY_COLUMN)
                if buttons is None or buttons.adjustable:
                    self.quantity_changed.emit(row, step)
                    self._select_row(row)
                else:
                    self.show_problem(self.tr("A weighed line's weight is not changed with + / −: remove it "
                                              "(Delete) and add it again with the new weight"))
                return True
        return super().eventFilter(watched, event)

    def _select_row(self, row: int) -> None:
        """After a line changed or went, the same place in the basket stays selected (the table was drawn again)."""
        if self.table.rowCount():
            self.table.setCurrentCell(min(row, self.table.rowCount() - 1), ARTICLE_COLUMN)

    def ask_about_refused(self, sale, answer) -> None:
        """Engage refused offers at commit (used at another till meanwhile): the cashier removes them from the sale
        (the customer pays the difference) or keeps them (the manager is told). ``answer(remove)`` is called once."""
        from PySide6.QtWidgets import QMessageBox

        names = ", ".join(f"'{refused.description}'" for refused in sale.refused)
        box = QMessageBox(QMessageBox.Icon.Warning, self.tr("Offer already used"),
                          self.tr("Engage says {0} was already used at another till. Remove it from this sale (the "
                                  "customer pays the difference), or keep it (the manager is told)?").format(names),
                          QMessageBox.StandardButton.NoButton, self)
        remove = box.addButton(self.tr("Remove it"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(self.tr("Keep it"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(remove)
        box.finished.connect(lambda _result: answer(box.clickedButton() is remove))
        self.refused_box = box
        box.open()

    def show_basket(self, basket: Basket) -> None:
        from pos_engage.core.till import partly_used  # imported here: the window is drawn before core loads

        self.currency = basket.currency
        self.clear_problem()   # the sale changed: what was refused before is no longer the latest thing
        lost = partly_used.notes(basket)   # a voucher worth more than the sale: said before it is spent
        if lost:
            self.show_problem(" ".join(shown(note) for note in lost))
        grew = len(basket.lines) > self.table.rowCount()
        show_lines(self.table, basket, self)
        if grew:   # the line just added is shown, in the table and (a strip) in the window
            self.close_keypad()   # never hidden under the keypad
            self.table.scrollToBottom()
            self.line_shown.emit(len(basket.lines) - 1)
        discount = basket.discount_total
        self.discount_label.setText(self.tr("Discounts {0}").format(money(-discount, basket.currency, signed=True))
                                    if discount else "")
        self.finish_button.setEnabled(bool(basket.lines))
        self.take_payment_button.setEnabled(bool(basket.lines) and basket.remaining != 0)
        self.clear_payments_button.setEnabled(bool(basket.payments))
        self._total, self._paying = basket.total, bool(basket.payments)
        self._remaining = basket.remaining if basket.lines else None
        self._cash_due, self._cash_rounding = basket.cash_due, basket.cash_rounding   # what cash pays (rounded)
        self._cash_rounded = basket.cash_rounded   # what the cash that paid the rest was rounded by (kept)
        self._show_payments(basket)
        if not basket.lines and not basket.payments:
            self.reset_method()   # a new sale: the tender goes back to Card
        self._show_to_pay()
