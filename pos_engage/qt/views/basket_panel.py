"""The basket: add lines (SKU by scan or typing), see each line's discount and the offer that gave it, take the
payment by tapping a tender (split over methods if the customer wants, cash with quick amounts and a keypad),
finish. Touch-first: every target at least 44 px, + / − and a remove button on each line.

Two arrangements of the same widgets, chosen by the window's width (``set_compact``): wide, and one narrow column
for a side strip beside the POS; the parts keep their places as messages come and go (the layout never moves
under the cashier's hand)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QAbstractItemView,
    QButtonGroup,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QStackedWidget,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos_engage.core.errors import InputError
from pos_engage.core.till.payment_methods import METHOD_WORDS, PAYMENT_METHODS
from pos_engage.qt import i18n
from pos_engage.qt.texts import shown

if TYPE_CHECKING:
    from decimal import Decimal

    from pos_engage.core.till.basket import Basket

# The basket model and Decimal are imported where used, not here: the window is drawn before the till's core
# modules load (see pos_engage.window), and by the time a line is added they are loaded.

COLUMNS = (QT_TRANSLATE_NOOP("BasketPanel", "SKU"), QT_TRANSLATE_NOOP("BasketPanel", "Article"),
           QT_TRANSLATE_NOOP("BasketPanel", "Qty"), QT_TRANSLATE_NOOP("BasketPanel", "Unit price"),
           QT_TRANSLATE_NOOP("BasketPanel", "VAT"), QT_TRANSLATE_NOOP("BasketPanel", "Discount"),
           QT_TRANSLATE_NOOP("BasketPanel", "Line total"))
SKU_COLUMN, ARTICLE_COLUMN, QTY_COLUMN, PRICE_COLUMN, VAT_COLUMN, DISCOUNT_COLUMN, TOTAL_COLUMN = range(7)
# What a narrow strip leaves out: the article's name, the quantity with its buttons and the line's total stay.
HIDDEN_WHEN_COMPACT = (SKU_COLUMN, PRICE_COLUMN, VAT_COLUMN, DISCOUNT_COLUMN)
WIDE_BASKET = 820   # from this width the basket shows every column
ROW_HEIGHT = 52   # a line holds its + / − / remove buttons at touch size
NOTES = (20, 50, 100, 200, 500, 1000)   # the quick-cash amounts above what remains (Swedish notes)


def money(value: Decimal, currency: str = "", *, signed: bool = False) -> str:
    return i18n.money(value, currency, signed=signed)


def quick_cash(remaining: Decimal) -> list[Decimal]:
    """Exact, then the next two round notes above what remains (51.60 → 51.60, 60, 100)."""
    from decimal import Decimal

    if remaining <= 0:
        return []
    amounts = [remaining]
    for step in (10, 20, 50, 100, 500):
        above = (remaining // step + 1) * step
        if above not in amounts and above > remaining and len(amounts) < 3:
            amounts.append(Decimal(above))
    return amounts[:3]


class QuantityField(QLineEdit):
    """The quantity typed or stepped with − / + beside it: a plain field (a spin box under the till's stylesheet
    kept room for the arrows the − / + replace and left the number none)."""

    def __init__(self) -> None:
        super().__init__("1")
        self.setValidator(QIntValidator(-99, 99, self))

    def value(self) -> int:
        try:
            return int(self.text().strip() or "1")
        except ValueError:
            return 1

    def setValue(self, value: int) -> None:  # the spin box's name, kept for its callers
        self.setText(str(max(-99, min(99, value))))


class LineButtons(QWidget):
    """− quantity +  and remove, for one basket line (mouse or finger only)."""

    def __init__(self, row: int, quantity: str, panel: BasketPanel, *, adjustable: bool) -> None:
        super().__init__()
        translate = QtCore.QCoreApplication.translate
        layout = QHBoxLayout(self)
        layout.setContentsMargins(2, 2, 2, 2)
        layout.setSpacing(4)
        self.minus = QPushButton("−")
        self.minus.setObjectName("lineButton")
        self.minus.setAccessibleName(translate("BasketPanel", "One fewer"))
        self.count = QLabel(quantity)
        self.count.setObjectName("lineQuantity")
        self.count.setAccessibleName(translate("BasketPanel", "Quantity"))
        self.plus = QPushButton("+")
        self.plus.setObjectName("lineButton")
        self.plus.setAccessibleName(translate("BasketPanel", "One more"))
        self.remove = QPushButton("✕")
        self.remove.setObjectName("lineRemove")
        self.remove.setAccessibleName(translate("BasketPanel", "Remove line"))
        self.remove.setToolTip(translate("BasketPanel", "Remove line"))
        for widget in (self.minus, self.count, self.plus, self.remove):
            layout.addWidget(widget)
            widget.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)  # the keyboard removes with Delete
        self.minus.setEnabled(adjustable)
        self.plus.setEnabled(adjustable)   # a weighed line's quantity is the scale's, not a count
        self.minus.clicked.connect(lambda: panel.quantity_changed.emit(row, -1))
        self.plus.clicked.connect(lambda: panel.quantity_changed.emit(row, 1))
        self.remove.clicked.connect(lambda: panel.line_removed.emit(row))


class BasketPanel(QWidget):
    line_added = Signal(object)          # BasketLine
    line_removed = Signal(int)
    quantity_changed = Signal(int, int)  # line, +1 / −1
    finish_requested = Signal(str)       # the payment method for what remains
    payment_requested = Signal(str, object)   # method, amount (None: the rest)
    payments_cleared = Signal()
    problem = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.compact = False
        self.currency = ""
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        # Article entry in two rows, so that it fits a strip too.
        form = QGridLayout()
        self.sku = QLineEdit()
        self.sku.setPlaceholderText(self.tr("SKU"))
        self.sku.setAccessibleName(self.tr("Article number"))
        self.article = QLineEdit()
        self.article.setPlaceholderText(self.tr("Article name"))
        self.article.setAccessibleName(self.tr("Article name"))
        self.quantity = QuantityField()
        self.quantity.setMinimumWidth(64)
        self.quantity.setMaximumWidth(96)
        self.quantity.setAccessibleName(self.tr("Quantity (negative for a return)"))
        self.quantity_minus = QPushButton("−")
        self.quantity_minus.setObjectName("lineButton")
        self.quantity_minus.setAccessibleName(self.tr("One fewer"))
        self.quantity_plus = QPushButton("+")
        self.quantity_plus.setObjectName("lineButton")
        self.quantity_plus.setAccessibleName(self.tr("One more"))
        self.price = QLineEdit()
        self.price.setPlaceholderText(self.tr("Price"))
        self.price.setAccessibleName(self.tr("Unit price including VAT"))
        self.vat = QComboBox()  # the store's rates (till.vat_rates), set when the till is attached
        self.vat.setAccessibleName(self.tr("VAT rate"))
        self.add_button = QPushButton(self.tr("Add"))
        self.add_button.setAccessibleName(self.tr("Add line"))
        # − quantity + as one widget, so that _arrange can move it from row to row.
        self.quantity_box = QWidget()
        quantity_row = QHBoxLayout(self.quantity_box)
        quantity_row.setContentsMargins(0, 0, 0, 0)
        quantity_row.setSpacing(4)
        for widget in (self.quantity_minus, self.quantity, self.quantity_plus):
            quantity_row.addWidget(widget)
        self.entry = form
        layout.addLayout(form)
        self._arrange_entry()   # placed now, before the lines: the Tab order follows the order widgets join

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("basket")
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.table.setAccessibleName(self.tr("Basket"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setWordWrap(True)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setMinimumSectionSize(ROW_HEIGHT)
        self.table.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)  # numbers as wide as they need...
        header.setSectionResizeMode(ARTICLE_COLUMN, QHeaderView.ResizeMode.Stretch)  # ...the name gets the rest
        header.setMinimumSectionSize(40)
        # The keypad takes the lines' place while it is open: the totals and Finish never move down.
        self.lines = QStackedWidget()
        self.lines.addWidget(self.table)
        layout.addWidget(self.lines, 1)

        # Tenders: one tap picks how what remains is paid; the choice goes back to Card for each sale.
        self.tenders = QButtonGroup(self)
        self.tender_buttons: dict[str, QPushButton] = {}
        self.tender_grid = QGridLayout()
        for method in PAYMENT_METHODS:
            button = QPushButton(self.method_label(method))
            button.setObjectName("tender")
            button.setCheckable(True)
            button.setAccessibleName(self.tr("Pay by {0}").format(self.method_label(method)))
            self.tenders.addButton(button)
            self.tender_buttons[method] = button
        self.tender_buttons[PAYMENT_METHODS[0]].setChecked(True)
        layout.addLayout(self.tender_grid)

        paying = QHBoxLayout()
        self.amount = QLineEdit()
        self.amount.setPlaceholderText(self.tr("Amount given"))
        self.amount.setToolTip(self.tr("Leave empty to pay all that remains"))
        self.amount.setAccessibleName(self.tr("Amount paid by this method"))
        self.keypad_button = QPushButton("⌨")
        self.keypad_button.setCheckable(True)
        self.keypad_button.setAccessibleName(self.tr("Keypad"))
        self.keypad_button.setToolTip(self.tr("Keypad"))
        self.take_payment_button = QPushButton(self.tr("Part payment (F8)"))
        self.take_payment_button.setAccessibleName(self.tr("Take part payment"))
        self.clear_payments_button = QPushButton(self.tr("Clear payments"))
        self.clear_payments_button.setAccessibleName(self.tr("Clear payments"))
        paying.setContentsMargins(0, 0, 0, 0)
        paying.addWidget(self.amount, 1)
        paying.addWidget(self.keypad_button)
        self.amount_box = QWidget()
        self.amount_box.setLayout(paying)
        self.quick_box = QWidget()
        self.quick_row = QHBoxLayout(self.quick_box)
        self.quick_row.setContentsMargins(0, 0, 0, 0)
        self.quick_buttons = []
        for _ in range(3):
            button = QPushButton()
            button.setObjectName("quickCash")
            policy = button.sizePolicy()
            policy.setRetainSizeWhenHidden(True)   # shown only for cash, without moving what is below
            button.setSizePolicy(policy)
            button.hide()
            button.clicked.connect(lambda _checked=False, b=button: self._on_quick_cash(b))
            self.quick_row.addWidget(button)
            self.quick_buttons.append(button)
        self.quick_row.addStretch(1)
        # Amount, quick cash, part payment: side by side when wide, stacked in a strip (_arrange).
        self.paying_grid = QGridLayout()
        layout.addLayout(self.paying_grid)
        self.keypad: QWidget | None = None   # built when first opened: not part of drawing the till
        self.payments_label = QLabel()
        self.payments_label.setObjectName("payments")
        self.payments_label.setAccessibleName(self.tr("Payments"))
        self.payments_label.setWordWrap(True)
        self.actions_box = QWidget()
        self.actions_layout = actions = QHBoxLayout(self.actions_box)
        actions.setContentsMargins(0, 0, 0, 0)
        actions.addWidget(self.take_payment_button)
        actions.addWidget(self.clear_payments_button)

        self.totals = QGridLayout()
        self.discount_label = QLabel()
        self.discount_label.setAccessibleName(self.tr("Discount"))
        self.total_label = QLabel()
        self.total_label.setObjectName("total")
        self.total_label.setAccessibleName(self.tr("Total"))
        self.to_pay_label = QLabel()
        self.to_pay_label.setObjectName("toPay")
        self.to_pay_label.setAccessibleName(self.tr("To pay"))
        self.finish_button = QPushButton(self.tr("Finish sale  (F9)"))
        self.finish_button.setObjectName("finish")
        self.finish_button.setAccessibleName(self.tr("Finish sale"))
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
        self.change_label.setAccessibleName(self.tr("Change to give back"))
        self.change_label.setWordWrap(True)
        summary.addWidget(self.change_label)
        self.sale_status = QLabel()
        self.sale_status.setObjectName("saleStatus")
        self.sale_status.setAccessibleName(self.tr("Last sale"))
        self.sale_status.setWordWrap(True)
        summary.addWidget(self.sale_status)
        layout.addWidget(self.summary)
        # Their room is kept when they are empty: the basket does not jump under the cashier's hand.
        for label, lines in ((self.change_label, 1.7), (self.sale_status, 1), (self.payments_label, 1)):
            label.setMinimumHeight(int(lines * label.fontMetrics().lineSpacing()) + 4)
        self._arrange()

        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.price.returnPressed.connect(self._on_add_button_clicked)
        self.sku.returnPressed.connect(self.article.setFocus)
        self.article.returnPressed.connect(self.price.setFocus)
        self.quantity_minus.clicked.connect(lambda: self.quantity.setValue(self.quantity.value() - 1 or -1))
        self.quantity_plus.clicked.connect(lambda: self.quantity.setValue(self.quantity.value() + 1 or 1))
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

    # -------------------------------------------------------------- layout

    def set_compact(self, compact: bool) -> None:
        """One narrow column (a strip beside the POS) or the wide arrangement."""
        self.compact = compact
        self._arrange()
        self._choose_columns(self.width())

    def take_summary(self) -> QWidget:
        """The totals, Finish and the change, for the window to keep in view below a scrolling strip."""
        self.layout().removeWidget(self.summary)
        return self.summary

    def keep_summary(self) -> None:
        """The totals, Finish and the change back at the basket's foot (the wide layout)."""
        if self.summary.parentWidget() is not self:
            self.summary.setParent(self)
            self.layout().addWidget(self.summary)
            self.summary.show()

    def resizeEvent(self, event) -> None:  # Qt override: camelCase
        self._choose_columns(event.size().width())
        super().resizeEvent(event)

    def _choose_columns(self, width: int) -> None:
        """A basket narrower than all its columns shows the article (with its offer), the quantity and the line
        total; the SKU, unit price, VAT and discount come back when there is room for them."""
        narrow = self.compact or width < WIDE_BASKET
        for column in HIDDEN_WHEN_COMPACT:
            self.table.setColumnHidden(column, narrow)

    def _arrange(self) -> None:
        self._arrange_entry()
        self._arrange_paying()

    def _arrange_entry(self) -> None:
        for widget in (self.sku, self.article, self.quantity_box, self.price, self.vat, self.add_button):
            self.entry.removeWidget(widget)
        for column in range(4):
            self.entry.setColumnStretch(column, 0)
        if self.compact:  # a strip: two fields a row, so that a price and a number show whole (Swedish too)
            self.entry.addWidget(self.sku, 0, 0)
            self.entry.addWidget(self.article, 0, 1)
            self.entry.addWidget(self.quantity_box, 1, 0)
            self.entry.addWidget(self.price, 1, 1)
            self.entry.addWidget(self.vat, 2, 0)
            self.entry.addWidget(self.add_button, 2, 1)
            self.entry.setColumnStretch(0, 1)
            self.entry.setColumnStretch(1, 1)
        else:  # wide: the article on the first row, its quantity, price, VAT and Add on the second
            self.entry.addWidget(self.sku, 0, 0)
            self.entry.addWidget(self.article, 0, 1, 1, 3)
            self.entry.addWidget(self.quantity_box, 1, 0)
            self.entry.addWidget(self.price, 1, 1)
            self.entry.addWidget(self.vat, 1, 2)
            self.entry.addWidget(self.add_button, 1, 3)
            self.entry.setColumnStretch(1, 1)

    def _arrange_paying(self) -> None:
        for method, button in self.tender_buttons.items():
            index = PAYMENT_METHODS.index(method)
            if self.compact:
                self.tender_grid.addWidget(button, index // 2, index % 2)
            else:
                self.tender_grid.addWidget(button, 0, index)
        for widget in (self.amount_box, self.quick_box, self.actions_box, self.payments_label):
            self.paying_grid.removeWidget(widget)
        self.actions_layout.removeWidget(self.payments_label)
        if self.compact:  # the payments taken on a row of their own
            for row, widget in enumerate((self.amount_box, self.quick_box, self.actions_box, self.payments_label)):
                self.paying_grid.addWidget(widget, row, 0)
        else:  # beside the part-payment buttons
            self.actions_layout.addWidget(self.payments_label, 1)
            self.paying_grid.addWidget(self.amount_box, 0, 0)
            self.paying_grid.addWidget(self.quick_box, 0, 1)
            self.paying_grid.addWidget(self.actions_box, 1, 0, 1, 2)
        for widget in (self.discount_label, self.total_label, self.to_pay_label, self.finish_button):
            self.totals.removeWidget(widget)
        if self.compact:  # each figure on its own row, Finish across the strip
            self.totals.addWidget(self.discount_label, 0, 0)
            self.totals.addWidget(self.total_label, 1, 0)
            self.totals.addWidget(self.to_pay_label, 2, 0)
            self.totals.addWidget(self.finish_button, 3, 0)
        else:  # the discounts and the total above what is to pay, Finish beside them
            self.totals.addWidget(self.discount_label, 0, 0)
            self.totals.addWidget(self.total_label, 0, 1)
            self.totals.addWidget(self.to_pay_label, 1, 0, 1, 2)
            self.totals.addWidget(self.finish_button, 0, 2, 2, 1)
            self.totals.setColumnStretch(1, 1)

    # -------------------------------------------------------------- entry

    def _on_add_button_clicked(self) -> None:
        from decimal import Decimal, InvalidOperation

        from pos_engage.core.till.basket import BasketLine

        try:
            price = parse_amount(self.price.text())
            line = BasketLine(self.sku.text().strip(), self.article.text().strip() or self.sku.text().strip(),
                              self.quantity.value(), price, Decimal(self.vat.currentData() or "25"))
        except (InvalidOperation, InputError) as problem:
            text = shown(problem) if isinstance(problem, InputError) else self.tr("The price is not a number")
            self.problem.emit(text)
            return
        self.line_added.emit(line)
        self.sku.clear()
        self.article.clear()
        self.price.clear()
        self.quantity.setValue(1)
        self.vat.setCurrentIndex(0)
        self.sku.setFocus()

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
            self.vat.addItem(f"{rate:g} %", f"{rate:g}")

    def method_label(self, method: str) -> str:
        return shown(METHOD_WORDS[method]) if method in METHOD_WORDS else method

    # -------------------------------------------------------------- paying

    def method(self) -> str:
        """The tender chosen for what remains."""
        for method, button in self.tender_buttons.items():
            if button.isChecked():
                return method
        return PAYMENT_METHODS[0]

    def choose_method(self, method: str) -> None:
        self.tender_buttons[method].setChecked(True)
        self._show_to_pay()

    def reset_method(self) -> None:
        """Each sale starts with the first tender (Card): the last customer's cash is not the next one's."""
        self.choose_method(PAYMENT_METHODS[0])
        self.amount.clear()

    def typed_amount(self):
        """The amount typed (Decimal), None when empty; raises InvalidOperation for something else."""
        text = self.amount.text().strip()
        return parse_amount(text) if text else None

    def take_payment(self) -> None:
        """Part of the payment by the chosen tender; an empty amount pays the rest."""
        from decimal import InvalidOperation

        try:
            amount = self.typed_amount()
        except InvalidOperation:
            self.problem.emit(self.tr("The amount is not a number"))
            return
        self.payment_requested.emit(self.method(), amount)
        self.amount.clear()

    def _on_quick_cash(self, button: QPushButton) -> None:
        self.choose_method("Cash")
        self.amount.setText(button.property("amount_text"))

    def _on_keypad_toggled(self, on: bool) -> None:
        if on and self.keypad is None:
            self.keypad = QWidget()
            keys = QGridLayout(self.keypad)
            keys.setContentsMargins(0, 0, 0, 0)
            # Three rows of four: low enough to sit where the lines are without pushing Finish down.
            for index, key in enumerate(("7", "8", "9", "⌫", "4", "5", "6", ",", "1", "2", "3", "0")):
                button = QPushButton(key)
                button.setObjectName("key")
                button.setAccessibleName(self.tr("Delete") if key == "⌫" else key)
                button.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)   # the typing stays in the amount field
                button.clicked.connect(lambda _checked=False, k=key: self._on_key(k))
                keys.addWidget(button, index // 4, index % 4)
            self.lines.addWidget(self.keypad)
        self.lines.setCurrentWidget(self.keypad if on else self.table)

    def _on_key(self, key: str) -> None:
        if key == "⌫":
            self.amount.backspace()
        else:
            self.amount.insert(key)

    def show_change(self, change) -> None:
        if change:
            self.change_label.setText(self.tr("Give back {0}").format(money(change, self.currency)))

    def clear_change(self) -> None:
        self.change_label.clear()

    def keyPressEvent(self, event) -> None:
        if event.key() == QtCore.Qt.Key.Key_Delete and self.table.currentRow() >= 0:
            self.line_removed.emit(self.table.currentRow())
            return
        super().keyPressEvent(event)

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
        from decimal import Decimal

        right = QtCore.Qt.AlignmentFlag.AlignRight | QtCore.Qt.AlignmentFlag.AlignVCenter
        self.currency = basket.currency
        per_line = basket.line_discounts()
        self.table.setRowCount(len(basket.lines))
        for row, line in enumerate(basket.lines):
            cut = -sum((c for _, c in per_line[row]), Decimal(0))
            paid = basket.paid(row, per_line)
            # Each line names the offer that discounted it, under the article.
            offers = "; ".join(f"{discount.description} {money(c, signed=True)}" for discount, c in per_line[row] if c)
            name = f"{line.name}\n↳ {offers}" if offers else line.name
            cells = (line.sku, name, "", money(line.unit_price), f"{line.tax_percent:g} %",
                     money(-cut, signed=True) if cut else "", money(-paid if line.is_return else paid))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column >= QTY_COLUMN:
                    item.setTextAlignment(right)
                self.table.setItem(row, column, item)
            self.table.setCellWidget(row, QTY_COLUMN, LineButtons(row, f"{line.quantity:g}", self,
                                                                  adjustable=not line.is_weighed))
        self.table.resizeRowsToContents()
        discount = basket.discount_total
        self.discount_label.setText(self.tr("Discounts {0}").format(money(-discount, basket.currency, signed=True))
                                    if discount else "")
        self.finish_button.setEnabled(bool(basket.lines))
        self.take_payment_button.setEnabled(bool(basket.lines) and basket.remaining != 0)
        self.clear_payments_button.setEnabled(bool(basket.payments))
        self._total, self._paying = basket.total, bool(basket.payments)
        self._remaining = basket.remaining if basket.lines else None
        if basket.payments:
            parts = ", ".join(f"{self.method_label(p.type)} {money(p.value)}" for p in basket.payments)
            self.payments_label.setText(self.tr("Paid: {0}").format(parts))
        else:
            self.payments_label.setText("")
        if not basket.lines and not basket.payments:
            self.reset_method()   # a new sale: the tender goes back to Card
        self._show_to_pay()

    def _show_to_pay(self) -> None:
        """While paying, "to pay" is the dominant figure; quick-cash amounts when cash is the tender."""
        remaining = self._remaining
        if remaining is None:
            self.total_label.setText(self.tr("Total {0}").format(money(0, self.currency)) if self.currency else "")
            self.to_pay_label.setText("")
        else:
            self.total_label.setText(self.tr("Total {0}").format(money(self._total, self.currency)))
            self.to_pay_label.setText(self.tr("To pay {0}").format(money(remaining, self.currency)))
        self.total_label.setProperty("dominant", remaining is None)
        self.to_pay_label.setProperty("dominant", remaining is not None)
        for label in (self.total_label, self.to_pay_label):
            label.style().polish(label)
        amounts = quick_cash(remaining) if remaining is not None and self.method() == "Cash" else []
        for index, button in enumerate(self.quick_buttons):
            if index < len(amounts):
                words = self.tr("Exact {0}") if index == 0 else "{0}"
                button.setText(words.format(money(amounts[index])))
                button.setProperty("amount_text", f"{amounts[index]:.2f}".replace(".", ","))
            button.setVisible(index < len(amounts))


def parse_amount(text: str):
    """An amount as a cashier types it: a decimal comma or point, spaces (thin or not) between thousands."""
    from decimal import Decimal

    cleaned = text.strip().replace(",", ".")
    for space in (" ", "\u202f", "\u2009", "\u00a0"):
        cleaned = cleaned.replace(space, "")
    return Decimal(cleaned.replace(i18n.MINUS, "-"))
