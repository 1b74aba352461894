"""The POS's sale, read-only (linked mode): the lines the POS rang up with each line's discount and the offer that
gave it, and the totals before, discounts and to pay. No article or payment entry here: the POS owns them. The
customer and the offers are in the customer panel beside it, where the cashier identifies and picks offers."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos_engage.qt import i18n
from pos_engage.qt.texts import shown


def _amount(minor: int, currency: str, *, signed: bool = False) -> str:
    from pos_engage.core.till.pos_money import from_minor

    return i18n.money(from_minor(minor, currency), currency, signed=signed)


class PosSalePanel(QWidget):
    """Shows a sale's state as the POS link answers it (``show_state``)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("posSale")
        self.heading = QLabel(self.tr("Sale from the POS"))
        self.heading.setObjectName("posSaleHeading")
        self.heading.setStyleSheet("font-size: 15pt; font-weight: bold;")
        self.lines = QTableWidget(0, 4)
        self.lines.setObjectName("posSaleLines")
        self.lines.setAccessibleName(self.tr("The POS's lines"))
        self.lines.setHorizontalHeaderLabels([self.tr("Article"), self.tr("Quantity"), self.tr("Discount"),
                                              self.tr("To pay")])
        self.lines.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.lines.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.lines.verticalHeader().setVisible(False)
        header = self.lines.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2, 3):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.lines.setWordWrap(True)
        self.totals = QLabel()
        self.totals.setObjectName("posSaleTotals")
        self.totals.setStyleSheet("font-size: 14pt;")
        self.totals.setAccessibleName(self.tr("Totals"))
        self.status = QLabel()
        self.status.setObjectName("posSaleStatus")
        self.status.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.heading)
        layout.addWidget(self.lines, 1)
        layout.addWidget(self.totals)
        layout.addWidget(self.status)
        self.state: dict[str, Any] | None = None

    def show_state(self, state: dict[str, Any]) -> None:
        self.state = state
        currency = state["currency"]
        self.heading.setText(self.tr("Sale {0} from the POS").format(state["posSaleId"]))
        self.lines.setRowCount(len(state["lines"]))
        for row, line in enumerate(state["lines"]):
            titles = ", ".join(d["title"] for d in line.get("discounts", []))
            name = line["name"].replace("\t", " ")
            discount = (_amount(-line["discountTotal"], currency, signed=True) + (f"\n{titles}" if titles else "")
                        if line["discountTotal"] else "")
            cells = (name, f"{line['quantity']:g}" if isinstance(line["quantity"], float) else str(line["quantity"]),
                     discount, _amount(line["lineTotal"], currency))
            for column, text in enumerate(cells):
                self.lines.setItem(row, column, QTableWidgetItem(text))
        self.lines.resizeRowsToContents()
        totals = state["totals"]
        self.totals.setText(self.tr("Before {0} · Discounts {1} · To pay {2}").format(
            _amount(totals["before"], currency), _amount(-totals["discounts"], currency, signed=True),
            _amount(totals["toPay"], currency)))
        words = {"open": self.tr("Open at the POS: the POS takes the payment"),
                 "committed": self.tr("Paid at the POS: the sale is saved"),
                 "voided": self.tr("Voided at the POS")}
        messages = [shown(m) for m in state.get("messages", [])]
        self.status.setText("\n".join([words.get(state["status"], state["status"]), *messages]))
