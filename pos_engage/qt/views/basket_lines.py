"""The basket's lines table: its columns, the − / + / remove buttons on each line, and each line drawn with the
discount it got and the offers that gave it (named under the article). A weighed line says its weight and price
per unit under the article, as a receipt prints it ("0,352 × 89,00"), and has no − / +: its weight is the scale's."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import QT_TRANSLATE_NOOP
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from pos_engage.qt import i18n
from pos_engage.qt.views.basket_amounts import money

if TYPE_CHECKING:
    from pos_engage.core.till.basket import Basket
    from pos_engage.qt.views.basket_panel import BasketPanel

# Its texts keep BasketPanel's translation context (the panel's own, shipped in pos_engage_sv.ts).
translate = QtCore.QCoreApplication.translate

COLUMNS = (QT_TRANSLATE_NOOP("BasketPanel", "SKU"), QT_TRANSLATE_NOOP("BasketPanel", "Article"),
           QT_TRANSLATE_NOOP("BasketPanel", "Qty"), QT_TRANSLATE_NOOP("BasketPanel", "Unit price"),
           QT_TRANSLATE_NOOP("BasketPanel", "VAT"), QT_TRANSLATE_NOOP("BasketPanel", "Discount"),
           QT_TRANSLATE_NOOP("BasketPanel", "Line total"))
SKU_COLUMN, ARTICLE_COLUMN, QTY_COLUMN, PRICE_COLUMN, VAT_COLUMN, DISCOUNT_COLUMN, TOTAL_COLUMN = range(7)
# What a narrow strip leaves out: the article's name, the quantity with its buttons and the line's total stay.
HIDDEN_WHEN_COMPACT = (SKU_COLUMN, PRICE_COLUMN, VAT_COLUMN, DISCOUNT_COLUMN)
WIDE_BASKET = 820   # from this width the basket shows every column
ROW_HEIGHT = 52   # a line holds its + / − / remove buttons at touch size


class LineButtons(QWidget):
    """− quantity +  and remove, for one basket line (mouse or finger only)."""

    def __init__(self, row: int, quantity: str, panel: BasketPanel, *, adjustable: bool) -> None:
        super().__init__()
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
        # A weighed line's quantity is the scale's, not a count: no − / + (the room is its weight's), and its keys
        # say why (BasketPanel.eventFilter).
        self.adjustable = adjustable
        self.minus.setVisible(adjustable)
        self.plus.setVisible(adjustable)
        self.minus.clicked.connect(lambda: panel.quantity_changed.emit(row, -1))
        self.plus.clicked.connect(lambda: panel.quantity_changed.emit(row, 1))
        self.remove.clicked.connect(lambda: panel.line_removed.emit(row))


def lines_table() -> QTableWidget:
    """The empty table, read-only, a row at a time, each row tall enough for its touch buttons."""
    table = QTableWidget(0, len(COLUMNS))
    table.setObjectName("basket")
    table.setHorizontalHeaderLabels([translate("BasketPanel", c) for c in COLUMNS])
    table.setAccessibleName(translate("BasketPanel", "Basket"))
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setWordWrap(True)
    table.verticalHeader().hide()
    table.verticalHeader().setMinimumSectionSize(ROW_HEIGHT)
    table.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)  # numbers as wide as they need...
    header.setSectionResizeMode(ARTICLE_COLUMN, QHeaderView.ResizeMode.Stretch)  # ...the name gets the rest
    header.setMinimumSectionSize(40)
    return table


def choose_columns(table: QTableWidget, narrow: bool) -> None:
    """Narrow: the article (with its offer), the quantity and the line total; wide: every column."""
    for column in HIDDEN_WHEN_COMPACT:
        table.setColumnHidden(column, narrow)


def show_lines(table: QTableWidget, basket: Basket, panel: BasketPanel) -> None:
    """One row per line of the basket; its buttons tell ``panel`` (quantity_changed, line_removed)."""
    from decimal import Decimal

    from pos_engage.qt.bridge_weighed import weight_text

    right = QtCore.Qt.AlignmentFlag.AlignRight | QtCore.Qt.AlignmentFlag.AlignVCenter
    per_line = basket.line_discounts()
    table.setRowCount(len(basket.lines))
    for row, line in enumerate(basket.lines):
        cut = -sum((c for _, c in per_line[row]), Decimal(0))
        paid = basket.paid(row, per_line)
        # Each line names the offer that discounted it, under the article.
        offers = "; ".join(f"{discount.description} {money(c, signed=True)}" for discount, c in per_line[row] if c)
        name = line.name
        if line.is_weighed:   # as a receipt prints it: the weight times the price per unit, under the article
            name += f"\n{weight_text(abs(line.quantity))} × {money(line.unit_price)}"
        if offers:
            name += f"\n↳ {offers}"
        cells = (line.sku, name, "", money(line.unit_price), i18n.percent(line.tax_percent),
                 money(-cut, signed=True) if cut else "", money(-paid if line.is_return else paid))
        for column, text in enumerate(cells):
            item = QTableWidgetItem(text)
            if column >= QTY_COLUMN:
                item.setTextAlignment(right)
            table.setItem(row, column, item)
        count = weight_text(line.quantity) if line.is_weighed else f"{line.quantity:g}"
        table.setCellWidget(row, QTY_COLUMN, LineButtons(row, count, panel, adjustable=not line.is_weighed))
    table.resizeRowsToContents()
