"""The POS's lines in linked mode, read-only: the article, the quantity, the line's discounts and what the line
costs, each line on one row of one line of text, so that a long sale shows as many lines as the room allows (at
800×600, names and discounts wrapped to two to four lines of text left room for two or three of a twenty-line
sale). A long name is cut short with "…"; the discounts say what they take off the line first (the offers' and the
POS's own together), then what they are as far as there is room; the whole name and every discount with its own
amount are the row's tooltip, shown by a tap too (a till's touch screen has no hover). Fitted to the width there
is: the amounts as wide as their figures, the discounts in at most a share of the rest, the name the remainder,
nothing scrolling sideways."""

from __future__ import annotations

import re
from typing import Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from pos_engage.qt import i18n

ARTICLE, QUANTITY, DISCOUNT, TO_PAY = range(4)
# The most of what the quantity and the amount leave that the discounts get (the name the rest, never less).
DISCOUNT_SHARE = 0.5
CELL_MARGINS = 6   # a cell's text margins, both sides (the style's focus frame margin + 1, each side)
# Above and below a row's line of text, with the grid line: Qt's own row (eight) gave an 800×600 strip a row less.
ROW_MARGINS = 5
# What a cell's text has less than that: the grid line and how Qt's text layout rounds.
TEXT_SLACK = 4
# Below this, a column's text would be all "…": the name and the discounts never get less.
NARROWEST = 60
# In a one-column strip the table is as tall as its lines, never lower than this many (more scroll inside it); the
# room the card and the offers leave makes it taller. At 800×600 a sale of four lines or more pushed the customer
# card below the strip's view (twelve: the card was gone), and the cashier scrolled to see whom the offers were for.
COMPACT_ROWS = 5
# The discount's parts in its cell (Qt.ItemDataRole.UserRole + 1): what fit() cuts to the column's width.
PARTS_ROLE = 0x0100 + 1


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


def pos_discount_title(discount: dict[str, Any]) -> str:
    """One of the POS's own discounts on a line, said to come from the POS (its description as the POS sent it)."""
    description = " ".join(str(discount.get("description") or "").split())
    if not description:
        return QCoreApplication.translate("PosSalePanel", "POS discount")
    if re.match(r"pos\b", description, re.IGNORECASE):
        return description   # the POS already says so ("POS: kampanj")
    return QCoreApplication.translate("PosSalePanel", "POS: {0}").format(description)


def pos_discount_text(discount: dict[str, Any], currency: str) -> str:
    """One of the POS's own discounts with its amount."""
    return f"{pos_discount_title(discount)} {amount_text(-int(discount.get('amount') or 0), currency, signed=True)}"


def discount_parts(line: dict[str, Any], currency: str) -> tuple[str, str]:
    """The line's discounts on one line of text, in two parts: what they take off the line together (the offers'
    and the POS's own: the line's price less it is what the line costs), and what they are (the offers' titles,
    then the POS's own); both empty when nothing is taken off. Only the titles are cut short when the column is
    narrow (fit): the amount is what the cashier reads, each discount's own is in the row's tooltip."""
    offers, own = line.get("discounts", []), line.get("posDiscounts") or []
    # A discount without its parts (not sent by today's core) is still said, by its amount.
    taken = sum(d["amount"] for d in offers) if offers else line.get("discountTotal") or 0
    taken += sum(int(d.get("amount") or 0) for d in own)
    titles = " + ".join([*(" ".join(d["title"].split()) for d in offers), *(pos_discount_title(d) for d in own)])
    return (amount_text(-taken, currency, signed=True) if taken else "", titles)


def discount_line(parts: tuple[str, str], titles: str | None = None) -> str:
    """The parts as the cell says them, with ``titles`` (cut short) instead of the whole titles when given."""
    amount, whole = parts
    return " ".join(p for p in (amount, whole if titles is None else titles) if p)


def discount_text(line: dict[str, Any], currency: str) -> str:
    """Every discount on the line, one to a line (the tooltip): the offers' (each with its own amount), then the
    POS's own. Empty when nothing is taken off."""
    parts = [f"{' '.join(d['title'].split())} {amount_text(-d['amount'], currency, signed=True)}"
             for d in line.get("discounts", [])]
    if line.get("discountTotal") and not parts:   # a discount without its parts (not sent by today's core)
        parts.append(amount_text(-line["discountTotal"], currency, signed=True))
    parts += [pos_discount_text(d, currency) for d in line.get("posDiscounts") or []]
    return "\n".join(parts)


class PosLinesTable(QTableWidget):
    """The lines, one row of one line of text each, fitted to the table's width whenever it or its lines change;
    in a one-column strip as tall as its lines, never lower than COMPACT_ROWS (a long sale scrolls inside)."""

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
        # One line of text to a row, all rows alike (no row measured: a sale of a thousand lines is drawn at once).
        self.setWordWrap(False)
        self.setTextElideMode(Qt.TextElideMode.ElideRight)
        rows = self.verticalHeader()
        rows.setMinimumSectionSize(1)
        rows.setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        rows.setDefaultSectionSize(self.row_height())
        header = self.horizontalHeader()
        header.setMinimumSectionSize(24)
        header.setSectionResizeMode(ARTICLE, QHeaderView.ResizeMode.Stretch)
        for column in (QUANTITY, DISCOUNT, TO_PAY):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
        self.compact = False
        # A touch screen has no hover: a tap on a line shows what its tooltip says (the whole name, each discount).
        self.cellClicked.connect(self.show_whole_line)

    def show_whole_line(self, row: int, column: int) -> None:
        """The line's tooltip (its whole name and each discount with its amount) shown where it was tapped."""
        from PySide6.QtCore import QPoint
        from PySide6.QtWidgets import QToolTip

        item = self.item(row, column)
        if item is None or not item.toolTip():
            return
        rect = self.visualItemRect(item)
        QToolTip.showText(self.viewport().mapToGlobal(QPoint(rect.left(), rect.bottom())), item.toolTip(),
                          self.viewport(), rect)

    def row_height(self) -> int:
        """One line of text and a little room above and below it."""
        return self.fontMetrics().height() + ROW_MARGINS

    def show_lines(self, lines: list[dict[str, Any]], currency: str) -> None:
        from PySide6.QtCore import Qt

        self.setRowCount(len(lines))
        right = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        for row, line in enumerate(lines):
            name = " ".join(line["name"].split())
            parts = discount_parts(line, currency)
            # The whole line, wherever the cashier points: the name whole and each discount with its amount.
            whole = "\n".join(p for p in (name, discount_text(line, currency)) if p)
            cells = (name, quantity_text(line["quantity"]), discount_line(parts),
                     amount_text(line["lineTotal"], currency))
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column in (QUANTITY, TO_PAY):
                    item.setTextAlignment(right)
                if column == DISCOUNT:
                    item.setData(PARTS_ROLE, parts)
                item.setToolTip(whole)
                self.setItem(row, column, item)
        self.fit()

    def set_compact(self, compact: bool) -> None:
        self.compact = compact
        self.fit()

    def _wanted(self, column: int) -> int:
        return max(self.sizeHintForColumn(column), self.horizontalHeader().sectionSizeHint(column))

    def fit(self) -> None:
        """The quantity and the amount as wide as their figures, the discounts as wide as their widest line up to
        DISCOUNT_SHARE of the rest (never less than their amounts), the article's name the remainder; then each
        discount's titles cut to its column (its amount whole)."""
        header = self.horizontalHeader()
        room = self.viewport().width()
        quantity, to_pay = self._wanted(QUANTITY), self._wanted(TO_PAY)
        header.resizeSection(QUANTITY, quantity)
        header.resizeSection(TO_PAY, to_pay)
        rest = max(0, room - quantity - to_pay)
        least = header.sectionSizeHint(DISCOUNT)
        wanted = max(least, self._discount_width(whole=True))
        least = max(least, self._discount_width(whole=False))   # its amount whole, the titles cut to "…"
        discount = max(least, min(wanted, int(rest * DISCOUNT_SHARE)))
        header.resizeSection(DISCOUNT, max(NARROWEST, min(discount, rest - NARROWEST)))
        self._cut_titles()
        self._fit_height()

    def _discount_width(self, *, whole: bool) -> int:
        """The discounts' widest line: whole, or with the offers' titles left out (its amounts alone)."""
        metrics = self.fontMetrics()
        widest = max((metrics.horizontalAdvance(discount_line(parts, None if whole else "…" if parts[1] else ""))
                      for parts in (self.item(row, DISCOUNT).data(PARTS_ROLE) for row in range(self.rowCount()))),
                     default=0)
        return widest + CELL_MARGINS + TEXT_SLACK if widest else 0

    def _cut_titles(self) -> None:
        """Each discount cell's titles cut short with "…" to what its amount leaves of the column (as Qt's own
        elision would, but never into the amount)."""
        from PySide6.QtCore import Qt

        metrics = self.fontMetrics()
        room = self.columnWidth(DISCOUNT) - CELL_MARGINS - TEXT_SLACK
        for row in range(self.rowCount()):
            item = self.item(row, DISCOUNT)
            parts = item.data(PARTS_ROLE)
            text = discount_line(parts)
            if parts[1] and metrics.horizontalAdvance(text) > room:
                left = room - metrics.horizontalAdvance(discount_line(parts, "")) - metrics.horizontalAdvance(" ")
                text = discount_line(parts, metrics.elidedText(parts[1], Qt.TextElideMode.ElideRight, max(0, left)))
            if item.text() != text:
                item.setText(text)

    def _fit_height(self) -> None:
        """In a one-column strip: never taller than its lines (no blank below them), never lower than COMPACT_ROWS
        rows, and in between the room the window has (the strip no longer scrolls the card and the offers out of
        view: they are beside each other below the lines, customer_column)."""
        if not self.compact:
            self.setMinimumHeight(0)
            self.setMaximumHeight(16_777_215)
            return
        chrome = self.horizontalHeader().height() + 2 * self.frameWidth() + 2
        row = self.verticalHeader().defaultSectionSize()
        rows = row * self.rowCount()
        self.setMinimumHeight(chrome + min(rows, row * COMPACT_ROWS))
        self.setMaximumHeight(chrome + max(rows, row))
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
