"""The basket's article entry: SKU, name, quantity with − / +, price and VAT rate, in two arrangements (wide, or
a narrow strip), and the line it makes when Add is pressed. A quantity typed with a decimal mark (0,352 or 0.352)
is a weight: the price is then per unit (per kilogram) and the line is a weighed one (qt/bridge_weighed). A mixin
of BasketPanel (it uses the panel's layout and signals); its texts keep BasketPanel's translation context."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QRegularExpression
from PySide6.QtGui import QRegularExpressionValidator
from PySide6.QtWidgets import QComboBox, QGridLayout, QHBoxLayout, QLineEdit, QPushButton, QVBoxLayout, QWidget

from pos_engage.core.errors import InputError
from pos_engage.qt.texts import shown
from pos_engage.qt.views.basket_amounts import parse_amount

translate = QCoreApplication.translate


class QuantityField(QLineEdit):
    """The quantity typed or stepped with − / + beside it: a plain field (a spin box under the till's stylesheet
    kept room for the arrows the − / + replace and left the number none). A count (−99 to 99), or a weight with a
    decimal comma or point; a weight's decimals are not cut at the keyboard: one too many is said in words when
    the line is added (bridge_weighed), not swallowed without a sign."""

    def __init__(self) -> None:
        super().__init__("1")
        self.setValidator(QRegularExpressionValidator(QRegularExpression(r"-?\d{0,2}([.,]\d{0,6})?"), self))

    def holds_weight(self) -> bool:
        """A decimal mark typed: a weight, not a count."""
        return "," in self.text() or "." in self.text()

    def value(self) -> int:
        """The count (1 when empty); a weight is not a count (holds_weight)."""
        try:
            return int(self.text().strip() or "1")
        except ValueError:
            return 1

    def setValue(self, value: int) -> None:  # the spin box's name, kept for its callers
        self.setText(str(max(-99, min(99, value))))


class BasketEntry:
    def _build_entry(self, layout: QVBoxLayout) -> None:
        """Article entry in two rows, so that it fits a strip too."""
        form = QGridLayout()
        self.sku = QLineEdit()
        self.sku.setPlaceholderText(translate("BasketPanel", "SKU"))
        self.sku.setAccessibleName(translate("BasketPanel", "Article number"))
        self.article = QLineEdit()
        self.article.setPlaceholderText(translate("BasketPanel", "Article name"))
        self.article.setAccessibleName(translate("BasketPanel", "Article name"))
        self.quantity = QuantityField()
        self.quantity.setMinimumWidth(64)
        self.quantity.setMaximumWidth(96)
        self.quantity.setAccessibleName(translate("BasketPanel", "Quantity (negative for a return)"))
        self.quantity.setToolTip(translate("BasketPanel", "A count, or a weight with decimals (0.352) for an article "
                                                          "sold by weight: the price is then per kilogram"))
        self.quantity_minus = QPushButton("−")
        self.quantity_minus.setObjectName("lineButton")
        self.quantity_minus.setAccessibleName(translate("BasketPanel", "One fewer"))
        self.quantity_plus = QPushButton("+")
        self.quantity_plus.setObjectName("lineButton")
        self.quantity_plus.setAccessibleName(translate("BasketPanel", "One more"))
        self.price = QLineEdit()
        self.price.setPlaceholderText(translate("BasketPanel", "Price"))
        self.price.setAccessibleName(translate("BasketPanel", "Unit price including VAT"))
        self.vat = QComboBox()  # the store's rates (till.vat_rates), set when the till is attached
        self.vat.setAccessibleName(translate("BasketPanel", "VAT rate"))
        self.add_button = QPushButton(translate("BasketPanel", "Add"))
        self.add_button.setAccessibleName(translate("BasketPanel", "Add line"))
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

    def _on_quantity_text_changed(self, _text: str) -> None:
        """A weight typed: the price asked for is per kilogram (the line is weight × that price)."""
        self.price.setPlaceholderText(translate("BasketPanel", "Price per kg") if self.quantity.holds_weight() else
                                      translate("BasketPanel", "Price"))

    def _step_entry_quantity(self, step: int) -> None:
        """The entry's − / +: one fewer or more (never 0: past 1 it is −1, a return). A weight typed is the scale's,
        not counted: said, and left as typed."""
        if self.quantity.holds_weight():
            self.problem.emit(translate("BasketPanel", "A weight is typed as the scale shows it: − / + count whole "
                                                       "articles only"))
            return
        self.quantity.setValue(self.quantity.value() + step or step)

    def _on_add_button_clicked(self) -> None:
        from decimal import Decimal, InvalidOperation

        from pos_engage.core.till.basket import BasketLine
        from pos_engage.qt.bridge_weighed import weighed_line

        sku = self.sku.text().strip()
        name = self.article.text().strip() or sku
        if not sku:   # core's own words name the field ("sku is empty"): the cashier is told what to do
            self.problem.emit(translate("BasketPanel", "Type or scan the article number first"))
            self.sku.setFocus()
            return
        try:
            price = parse_amount(self.price.text())
            tax = Decimal(self.vat.currentData() or "25")
            line = (weighed_line(sku, name, self.quantity.text(), price, tax) if self.quantity.holds_weight() else
                    BasketLine(sku, name, self.quantity.value(), price, tax))
        except (InvalidOperation, InputError) as problem:
            text = (shown(problem) if isinstance(problem, InputError)
                    else translate("BasketPanel", "The price is not a number"))
            self.problem.emit(text)
            return
        self.line_added.emit(line)
        self.clear_entry()
        self.sku.setFocus()

    def clear_entry(self) -> None:
        """The entry as a new article starts it: count 1, the usual VAT rate, nothing else typed (the price asked for
        per piece again). After each line added, and when a sale ends (finished or voided): a count stepped or typed
        for the last customer is never the next one's (3 × 99 rung up for one pair of socks)."""
        self.sku.clear()
        self.article.clear()
        self.price.clear()
        self.quantity.setValue(1)
        self.vat.setCurrentIndex(0)
