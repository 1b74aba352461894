"""The POS's lines in linked mode, read-only: the article, the quantity, each discount on the line (every offer's
and the POS's own, one to a line of the cell) and what the line costs. Fitted to the width there is: the article's
name takes the room, the amounts are as wide as their figures, the discounts wrap in a share of the rest, and
nothing scrolls sideways (a cashier at 1024×768 saw "T-s…" and "To pay" behind a horizontal scroll bar when two
offers' titles stood side by side on one line)."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from pos_engage.qt import i18n

ARTICLE, QUANTITY, DISCOUNT, TO_PAY = range(4)
# The shares of what the quantity and the amount leave that the discounts may get (the article's name the rest, never
# less than they): of these, the one that makes the lines least tall.
DISCOUNT_SHARES = (0.3, 0.35, 0.4, 0.45, 0.5)
JUDGED_ROWS = 30
CELL_MARGINS = 6   # a cell's text margins, both sides (the style's focus frame margin + 1, each side)
# What a cell's text has less than that, judged by the fit: the grid line and how Qt's text layout rounds. Judged with
# the margins alone, "20 % off today −119.80 SEK" fitted a 249 px column by a pixel, and Qt wrapped it (a third line
# on the row, one row less in view at 800×600).
WRAP_SLACK = 4
# Below this, a column's text would wrap letter by letter: the name and the discounts never get less.
NARROWEST = 60
# In a one-column strip the table is as tall as its lines up to this many lines of text; more scroll inside it. At
# 800×600 a sale of four lines or more pushed the customer card below the strip's view (twelve: the card was gone),
# and the cashier scrolled to see whom the offers were for. 1024×768 does the same beside the customer.
COMPACT_TEXT_LINES = 5


def amount_text(minor: int, currency: str, *, signed: bool = False) -> str:
    from pos_engage.core.till.pos_money import from_minor

    return i18n.money(from_minor(minor, currency), currency, signed=signed)


def quantity_text(quantity: Any) -> str:
    """A quantity as the language writes numbers: "0,512" in Swedish (a weighed article), "3" for a count,
    grouped like the amounts beside it, never in exponent form."""
    group, decimal = i18n.GROUPING.get(i18n.current, i18n.GROUPING["en"])
    figure = f"{abs(quantity):,.6f}".rstrip("0").rstrip(".") if isinstance(quantity, float) else f"{abs(quantity):,}"
    text = figure.replace(",", "\0").replace(".", decimal).replace("\0", group)
    return (i18n.MINUS if quantity < 0 else "") + text


def pos_discount_text(discount: dict[str, Any], currency: str) -> str:
    """One of the POS's own discounts on a line, said to come from the POS (its description as the POS sent it)."""
    description = " ".join(str(discount.get("description") or "").split())
    if not description:
        what = QCoreApplication.translate("PosSalePanel", "POS discount")
    elif re.match(r"pos\b", description, re.IGNORECASE):
        what = description   # the POS already says so ("POS: kampanj")
    else:
        what = QCoreApplication.translate("PosSalePanel", "POS: {0}").format(description)
    return f"{what} {amount_text(-int(discount.get('amount') or 0), currency, signed=True)}"


def discount_text(line: dict[str, Any], currency: str) -> str:
    """Every discount on the line, one to a line of the cell: the offers' (each with its own amount), then the
    POS's own. Empty when nothing is taken off."""
    parts = [f"{' '.join(d['title'].split())} {amount_text(-d['amount'], currency, signed=True)}"
             for d in line.get("discounts", [])]
    if line.get("discountTotal") and not parts:   # a discount without its parts (not sent by today's core)
        parts.append(amount_text(-line["discountTotal"], currency, signed=True))
    parts += [pos_discount_text(d, currency) for d in line.get("posDiscounts") or []]
    return "\n".join(parts)


class PosLinesTable(QTableWidget):
    """The lines, fitted to the table's width whenever it or its lines change; in a one-column strip as tall as
    its lines up to COMPACT_TEXT_LINES (the strip scrolls, and a long sale inside the table)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(0, 4, parent)
        from PySide6.QtCore import Qt

        self.setObjectName("posSaleLines")
        self.setAccessibleName(QCoreApplication.translate("PosSalePanel", "The POS's lines"))
        self.setHorizontalHeaderLabels([QCoreApplication.translate("PosSalePanel", "Article"),
                                        QCoreApplication.translate("PosSalePanel", "Quantity"),
                                        QCoreApplication.translate("PosSalePanel", "Discount"),
                                        QCoreApplication.translate("PosSalePanel", "To pay")])
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        # Read-only and nothing to select: a click on it must not take the focus from the identify field, where
        # the next scan goes.
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.verticalHeader().setVisible(False)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        header = self.horizontalHeader()
        header.setMinimumSectionSize(24)
        header.setSectionResizeMode(ARTICLE, QHeaderView.ResizeMode.Stretch)
        for column in (QUANTITY, DISCOUNT, TO_PAY):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
        self.compact = False

    def show_lines(self, lines: list[dict[str, Any]], currency: str) -> None:
        from PySide6.QtCore import Qt

        self.setRowCount(len(lines))
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for row, line in enumerate(lines):
            cells = (" ".join(line["name"].split()), quantity_text(line["quantity"]), discount_text(line, currency),
                     amount_text(line["lineTotal"], currency))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column in (QUANTITY, TO_PAY):
                    item.setTextAlignment(right)
                self.setItem(row, column, item)
        self.fit()

    def set_compact(self, compact: bool) -> None:
        self.compact = compact
        self.fit()

    def _wanted(self, column: int) -> int:
        return max(self.sizeHintForColumn(column), self.horizontalHeader().sectionSizeHint(column))

    def fit(self) -> None:
        """The quantity and the amount as wide as their figures, the discounts in at most DISCOUNT_SHARE of the
        rest (wrapped there), the article's name the remainder; then each row as tall as its wrapped cells."""
        header = self.horizontalHeader()
        room = self.viewport().width()
        quantity, to_pay = self._wanted(QUANTITY), self._wanted(TO_PAY)
        header.resizeSection(QUANTITY, quantity)
        header.resizeSection(TO_PAY, to_pay)
        rest = max(0, room - quantity - to_pay)
        wanted = self._wanted(DISCOUNT) + WRAP_SLACK   # Qt's own hint for the column wrapped its widest line
        discount = self._discount_width(rest, wanted) if self.rowCount() else header.sectionSizeHint(DISCOUNT)
        header.resizeSection(DISCOUNT, min(discount, max(NARROWEST, rest - NARROWEST)))
        self.resizeRowsToContents()
        self._fit_height()

    def _discount_width(self, rest: int, wanted: int) -> int:
        """The discounts' width, between DISCOUNT_SHARES of ``rest``, that makes the lines least tall (the name
        and the discounts each wrapped in their width); of equal heights, the narrowest (the name takes the room).
        Judged on the first rows only: a long sale's widths are no worse for it, and fitting stays cheap."""
        from PySide6.QtCore import QRect, Qt
        from PySide6.QtGui import QFontMetrics

        metrics = QFontMetrics(self.font())
        flags = Qt.TextFlag.TextWordWrap

        def tall(text: str, width: int) -> int:
            room = max(1, width - CELL_MARGINS - WRAP_SLACK)
            return metrics.boundingRect(QRect(0, 0, room, 1_000_000), flags, text).height()

        rows = [(self.item(row, ARTICLE).text(), self.item(row, DISCOUNT).text())
                for row in range(min(self.rowCount(), JUDGED_ROWS))]
        choices = sorted({min(wanted, max(NARROWEST, int(rest * share))) for share in DISCOUNT_SHARES})
        return min(choices, key=lambda width: (sum(max(tall(name, rest - width), tall(cut, width) if cut else 0)
                                                   for name, cut in rows), width))

    def _fit_height(self) -> None:
        """In a one-column strip: never taller than its lines (no blank below them), never lower than
        COMPACT_TEXT_LINES lines of text, and in between the room the window has (the strip no longer scrolls the
        card and the offers out of view: they are beside each other below the lines, customer_column)."""
        if not self.compact:
            self.setMinimumHeight(0)
            self.setMaximumHeight(16_777_215)
            return
        chrome = self.horizontalHeader().height() + 2 * self.frameWidth() + 2
        rows = sum(self.rowHeight(row) for row in range(self.rowCount()))
        least = self.fontMetrics().lineSpacing() * COMPACT_TEXT_LINES + CELL_MARGINS
        self.setMinimumHeight(chrome + min(rows, least))
        self.setMaximumHeight(chrome + max(rows, self.fontMetrics().lineSpacing()))
        self.updateGeometry()

    def sizeHint(self):  # Qt override: camelCase
        """In a strip: its least height. The strip is as tall as its parts wish (a scroll area asks the layout's
        height for its width), so wishing its every line would make the strip scroll the offers away again; the
        room left over (the sale's stretch) makes it taller, up to its lines."""
        hint = super().sizeHint()
        if self.compact:
            hint.setHeight(self.minimumHeight())
        return hint

    def resizeEvent(self, event) -> None:  # Qt override: camelCase
        super().resizeEvent(event)
        if event.size().width() != event.oldSize().width():
            self.fit()
