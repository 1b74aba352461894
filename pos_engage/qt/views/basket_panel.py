"""The basket: add lines (SKU by scan or typing), see discounts and the total that will be sent, take the
payment (split over methods if the customer wants), finish."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import QT_TRANSLATE_NOOP, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos_engage.core.errors import InputError
from pos_engage.core.till.payment_methods import METHOD_WORDS, PAYMENT_METHODS
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


def money(value: Decimal) -> str:
    return f"{value:,.2f}".replace(",", " ")


class BasketPanel(QWidget):
    line_added = Signal(object)          # BasketLine
    line_removed = Signal(int)
    finish_requested = Signal(str)       # the payment method for what remains
    payment_requested = Signal(str, object)   # method, amount (None: the rest)
    payments_cleared = Signal()
    problem = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        form = QHBoxLayout()
        self.sku = QLineEdit()
        self.sku.setPlaceholderText(self.tr("SKU"))
        self.sku.setAccessibleName(self.tr("Article number"))
        self.article = QLineEdit()
        self.article.setPlaceholderText(self.tr("Article name"))
        self.article.setAccessibleName(self.tr("Article name"))
        self.quantity = QSpinBox()
        self.quantity.setRange(-99, 99)
        self.quantity.setValue(1)
        self.quantity.setAccessibleName(self.tr("Quantity (negative for a return)"))
        self.price = QLineEdit()
        self.price.setPlaceholderText(self.tr("Price"))
        self.price.setAccessibleName(self.tr("Unit price including VAT"))
        self.vat = QComboBox()  # the store's rates (till.vat_rates), set when the till is attached
        self.vat.setAccessibleName(self.tr("VAT rate"))
        self.add_button = QPushButton(self.tr("Add"))
        self.add_button.setAccessibleName(self.tr("Add line"))
        for widget, stretch in ((self.sku, 1), (self.article, 2), (self.quantity, 0), (self.price, 1),
                                (self.vat, 0), (self.add_button, 0)):
            form.addWidget(widget, stretch)
        layout.addLayout(form)

        self.table = QTableWidget(0, len(COLUMNS))
        self.table.setObjectName("basket")
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in COLUMNS])
        self.table.setAccessibleName(self.tr("Basket"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)  # numbers as wide as they need...
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)  # ...and the article's name gets the rest
        layout.addWidget(self.table, 1)

        paying = QHBoxLayout()
        self.payment = QComboBox()
        for method in PAYMENT_METHODS:
            self.payment.addItem(self.method_label(method), method)
        self.payment.setAccessibleName(self.tr("Payment method"))
        self.amount = QLineEdit()
        self.amount.setPlaceholderText(self.tr("Amount"))
        self.amount.setToolTip(self.tr("Leave empty to pay all that remains"))
        self.amount.setAccessibleName(self.tr("Amount paid by this method"))
        self.take_payment_button = QPushButton(self.tr("Take part payment  (F8)"))
        self.take_payment_button.setAccessibleName(self.tr("Take part payment"))
        self.clear_payments_button = QPushButton(self.tr("Clear payments"))
        self.clear_payments_button.setAccessibleName(self.tr("Clear payments"))
        self.payments_label = QLabel()
        self.payments_label.setObjectName("payments")
        self.payments_label.setAccessibleName(self.tr("Payments"))
        self.payments_label.setWordWrap(True)
        for widget, stretch in ((self.payment, 0), (self.amount, 1), (self.take_payment_button, 0),
                                (self.clear_payments_button, 0)):
            paying.addWidget(widget, stretch)
        layout.addLayout(paying)
        layout.addWidget(self.payments_label)

        totals = QHBoxLayout()
        self.discount_label = QLabel()
        self.discount_label.setAccessibleName(self.tr("Discount"))
        self.total_label = QLabel()
        self.total_label.setObjectName("total")
        self.total_label.setAccessibleName(self.tr("Total"))
        self.finish_button = QPushButton(self.tr("Finish sale  (F9)"))
        self.finish_button.setObjectName("finish")
        self.finish_button.setAccessibleName(self.tr("Finish sale"))
        totals.addWidget(self.discount_label)
        totals.addStretch(1)
        totals.addWidget(self.total_label)
        totals.addWidget(self.finish_button)
        layout.addLayout(totals)
        self.sale_status = QLabel()
        self.sale_status.setObjectName("saleStatus")
        self.sale_status.setAccessibleName(self.tr("Last sale"))
        layout.addWidget(self.sale_status)

        self.add_button.clicked.connect(self._on_add_button_clicked)
        self.price.returnPressed.connect(self._on_add_button_clicked)
        self.sku.returnPressed.connect(self.article.setFocus)
        self.article.returnPressed.connect(self.price.setFocus)
        self.finish_button.clicked.connect(lambda: self.finish_requested.emit(self.payment.currentData()))
        self.take_payment_button.clicked.connect(self.take_payment)
        self.amount.returnPressed.connect(self.take_payment)
        self.clear_payments_button.clicked.connect(self.payments_cleared)
        for button in (self.finish_button, self.take_payment_button, self.clear_payments_button):
            button.setEnabled(False)  # until the till's basket is shown (show_basket)

    def _on_add_button_clicked(self) -> None:
        from decimal import Decimal, InvalidOperation

        from pos_engage.core.till.basket import BasketLine

        try:
            price = Decimal(self.price.text().replace(",", ".").replace(" ", ""))
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
        """The VAT rates a typed article can have, the usual one first (configuration: till.vat_rates)."""
        self.vat.clear()
        for rate in rates:
            self.vat.addItem(f"{rate:g} %", f"{rate:g}")

    def method_label(self, method: str) -> str:
        return shown(METHOD_WORDS[method]) if method in METHOD_WORDS else method

    def take_payment(self) -> None:
        """Part of the payment by the chosen method; an empty amount pays the rest."""
        from decimal import Decimal, InvalidOperation

        text = self.amount.text().replace(",", ".").replace(" ", "")
        try:
            amount = Decimal(text) if text else None
        except InvalidOperation:
            self.problem.emit(self.tr("The amount is not a number"))
            return
        self.payment_requested.emit(self.payment.currentData(), amount)
        self.amount.clear()

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

        per_line = basket.line_discounts()
        self.table.setRowCount(len(basket.lines))
        for row, line in enumerate(basket.lines):
            cut = -sum((c for _, c in per_line[row]), Decimal(0))
            paid = basket.paid(row, per_line)
            cells = (line.sku, line.name, str(line.quantity), money(line.unit_price), f"{line.tax_percent:g} %",
                     money(cut) if cut else "", money(-paid if line.is_return else paid))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column >= 2:
                    item.setTextAlignment(QtCore.Qt.AlignmentFlag.AlignRight | QtCore.Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        discount = basket.discount_total
        self.discount_label.setText(self.tr("Discounts: {0}").format(money(discount)) if discount else "")
        self.total_label.setText(self.tr("Total {0} {1}").format(money(basket.total), basket.currency))
        self.finish_button.setEnabled(bool(basket.lines))
        self.take_payment_button.setEnabled(bool(basket.lines) and basket.remaining != 0)
        self.clear_payments_button.setEnabled(bool(basket.payments))
        if basket.payments:
            parts = ", ".join(f"{self.method_label(p.type)} {money(p.value)}" for p in basket.payments)
            self.payments_label.setText(self.tr("Paid: {0}  ·  Remaining {1} {2}").format(
                parts, money(basket.remaining), basket.currency))
        else:
            self.payments_label.setText("")
