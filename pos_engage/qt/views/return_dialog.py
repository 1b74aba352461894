"""The return dialog (Sale > Return against a sale, F7): find the original sale, pick what comes back, refund.

The cashier types the receipt number or scans the slip's barcode (this till's journal), or asks for the
identified customer's purchases in Engage (fetched only then). Several sales with one number are listed to pick
from. Each line shows what was bought, what came back already and what was paid; the cashier sets how many come
back and sees the refund, line by line (core/till/returns.py decides it). A return without the original sale is
a manager's decision: their code and a reason, audited.

The dialog holds no rule: it shows what ReturnDesk answers, and says what was wrong in the warning tone.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from pos_engage.core.errors import PosEngageError
from pos_engage.core.till.payment_methods import method_word, payment_methods
from pos_engage.core.till.return_pricing import ReturnPick
from pos_engage.core.till.return_quote import refund_quote
from pos_engage.qt.i18n import money
from pos_engage.qt.texts import shown
from pos_engage.qt.views.window_layout import sized_to_screen

if TYPE_CHECKING:
    from pos_engage.core.till.outcomes import Customer
    from pos_engage.core.till.return_finder import FindOutcome
    from pos_engage.core.till.return_pricing import OriginalSale
    from pos_engage.core.till.returns import ReturnDesk, ReturnOutcome
    from pos_engage.qt.returns_bridge import ReturnsBridge

COLUMNS = 5   # article, bought, returned already, paid, to return


class ReturnDialog(QDialog):
    """Find the original sale, pick lines and quantities, refund. ``approve()``: a manager who approves a return
    without the original (None when cancelled; raises with what was wrong)."""

    def __init__(self, desk: ReturnDesk, bridge: ReturnsBridge, *, customer: Customer | None = None,
                 approve: Callable[[], Any] | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.desk, self.bridge, self.customer, self.approve = desk, bridge, customer, approve
        self.sales: tuple[OriginalSale, ...] = ()
        self.original: OriginalSale | None = None
        self.return_id = ""
        self.outcome: ReturnOutcome | None = None
        self.setObjectName("returnDialog")
        self.setWindowTitle(self.tr("Return against a sale"))
        layout = QVBoxLayout(self)

        find = QHBoxLayout()
        self.number = QLineEdit()
        self.number.setObjectName("receiptNumber")
        self.number.setPlaceholderText(self.tr("Receipt number, or scan the slip's barcode"))
        self.number.setAccessibleName(self.tr("Receipt number"))
        self.number.returnPressed.connect(self.find)
        self.find_button = QPushButton(self.tr("Find"))
        self.find_button.clicked.connect(self.find)
        self.history_button = QPushButton(self.tr("Customer's purchases in Engage"))
        self.history_button.setObjectName("historyButton")
        self.history_button.setEnabled(customer is not None and customer.contact is not None)
        self.history_button.setToolTip(self.tr("Identify the customer first") if customer is None else customer.name)
        self.history_button.clicked.connect(self.find_in_history)
        find.addWidget(self.number, 1)
        find.addWidget(self.find_button)
        layout.addLayout(find)
        # The other way to find the sale, on a row of its own below: beside Find it left the field 340 px of a
        # 760 px dialog (its size on a 1024x768 screen), and the placeholder that says what to scan was cut off.
        other_way = QHBoxLayout()
        other_way.addWidget(self.history_button)
        other_way.addStretch(1)
        layout.addLayout(other_way)

        self.choices = QListWidget()
        self.choices.setObjectName("saleChoices")
        self.choices.setAccessibleName(self.tr("Sales with this number"))
        self.choices.currentRowChanged.connect(self._on_choices_current_row_changed)
        self.choices.hide()
        layout.addWidget(self.choices)

        self.lines = QTableWidget(0, COLUMNS)
        self.lines.setObjectName("returnLines")
        self.lines.setHorizontalHeaderLabels([self.tr("Article"), self.tr("Bought"), self.tr("Returned"),
                                              self.tr("Paid"), self.tr("Comes back")])
        self.lines.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.lines.verticalHeader().hide()
        self.lines.verticalHeader().setDefaultSectionSize(44)  # a finger's height, the spin box readable
        self.lines.setMinimumHeight(180)
        # Wide enough for its heading ("Lämnas tillbaka" was cut to "ämnas tillbak").
        self.lines.setColumnWidth(COLUMNS - 1, max(120, self.lines.horizontalHeader().sectionSizeHint(COLUMNS - 1)))
        self.lines.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.lines.setTabKeyNavigation(False)   # Tab leaves the table for its "comes back" boxes (_chain_spins)
        layout.addWidget(self.lines, 1)

        bottom = QHBoxLayout()
        self.refund = QLabel()
        self.refund.setObjectName("refund")
        self.refund.setAccessibleName(self.tr("Refund"))
        # Wrapped when the row is short of room: unwrapped, the amount shown widened the dialog past an 800 px screen.
        self.refund.setWordWrap(True)
        self.method = QComboBox()
        for method in payment_methods(desk.config):   # the till's tenders (no Swish in Finland), the first first
            self.method.addItem(shown(method_word(method)), method)   # core's words, in the till's language
        self.method.setAccessibleName(self.tr("Refund by"))
        self.method.currentIndexChanged.connect(self._update_refund)   # cash says what is handed back
        self.return_button = QPushButton(self.tr("Return and refund"))
        self.return_button.setObjectName("returnButton")
        self.return_button.setEnabled(False)
        self.return_button.clicked.connect(self.commit)
        bottom.addWidget(self.refund, 1)
        bottom.addWidget(QLabel(self.tr("Refund by")))
        bottom.addWidget(self.method)
        bottom.addWidget(self.return_button)
        layout.addLayout(bottom)

        self.without = self._without_original_box()
        layout.addWidget(self.without)
        self.message = QLabel()
        self.message.setObjectName("returnMessage")
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Result"))
        layout.addWidget(self.message)
        close = QPushButton(self.tr("Close"))
        close.clicked.connect(self.accept)
        layout.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)

        bridge.found.connect(self._on_bridge_found)
        bridge.returned.connect(self._on_bridge_returned)
        bridge.failed.connect(self._say_wrong)
        bridge.busy_changed.connect(self._on_bridge_busy_changed)

    def _without_original_box(self) -> QGroupBox:
        box = QGroupBox(self.tr("No original sale (a manager approves)"))
        box.setObjectName("withoutOriginal")
        box.setCheckable(True)
        box.setChecked(False)
        inner = QWidget()
        form = QFormLayout(inner)
        form.setContentsMargins(0, 0, 0, 0)
        QVBoxLayout(box).addWidget(inner)
        inner.setVisible(False)
        box.toggled.connect(inner.setVisible)  # folded away until the cashier needs it
        self.free_sku, self.free_name = QLineEdit(), QLineEdit()
        self.free_quantity = QSpinBox()
        self.free_quantity.setRange(1, 999)
        self.free_price, self.free_reason = QLineEdit(), QLineEdit()
        self.free_price.setPlaceholderText("199.00")
        form.addRow(self.tr("Article number"), self.free_sku)
        form.addRow(self.tr("Article"), self.free_name)
        form.addRow(self.tr("Quantity"), self.free_quantity)
        form.addRow(self.tr("Unit price paid"), self.free_price)
        form.addRow(self.tr("Why no original"), self.free_reason)
        self.free_button = QPushButton(self.tr("Manager's approval and refund"))
        self.free_button.setObjectName("withoutOriginalButton")
        self.free_button.clicked.connect(self.commit_without_original)
        form.addRow(self.free_button)
        return box

    # ------------------------------------------------------------------ finding

    def _new_return(self) -> None:
        from pos_engage.core.till.returns import new_return_id

        # A new id per return: the same one while the cashier retries it (a double click journals it once).
        self.return_id = new_return_id(self.desk.config)
        self.outcome = None

    def find(self) -> None:
        try:
            self._on_bridge_found(self.desk.find(self.number.text()))
        except PosEngageError as problem:
            self._say_wrong(shown(problem))

    def find_in_history(self) -> None:
        if self.customer is not None:
            self.bridge.find_in_history(self.customer, self.number.text())

    def _on_bridge_found(self, outcome: FindOutcome) -> None:
        self.sales = outcome.sales
        self.choices.clear()
        self.choices.setVisible(len(outcome.sales) > 1)
        for sale in outcome.sales:
            self.choices.addItem(shown(sale.describe()))   # core's words, in the till's language
        if outcome.message:
            (self._say_wrong if not outcome.sales else self._say)(shown(outcome.message))
        else:
            self._say("")
        self._show_sale(outcome.sales[0] if len(outcome.sales) == 1 else None)
        self._focus_first_returnable()

    def _focus_first_returnable(self) -> None:
        """The receipt found, the cashier's next key is how many come back: the first line that can come back
        takes the focus, its number selected (it stayed in the receipt field, two Tabs and an arrow away)."""
        for row in range(self.lines.rowCount()):
            spin = self.lines.cellWidget(row, COLUMNS - 1)
            if spin is not None and spin.isEnabled():
                self.lines.setCurrentCell(row, 0)
                spin.setFocus()
                spin.selectAll()
                return

    def _on_choices_current_row_changed(self, row: int) -> None:
        if 0 <= row < len(self.sales):
            self._show_sale(self.sales[row])

    def _show_sale(self, sale: OriginalSale | None) -> None:
        self.original = sale
        self._new_return()
        lines = sale.lines if sale is not None else ()
        self.lines.setRowCount(len(lines))
        for row, line in enumerate(lines):
            name = line.name + (f" ({', '.join(d for d in line.discounts if d)})" if any(line.discounts) else "")
            paid = "?" if line.paid is None else money(line.paid)   # the language's decimal mark
            bought = f"{line.measured}" if line.weighed else str(line.quantity)   # weighed: as sold, 0.512
            for column, text in enumerate((name, bought, str(line.returned), paid)):
                item = QTableWidgetItem(text)
                if column:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.lines.setItem(row, column, item)
            spin = QSpinBox()
            spin.setRange(0, line.returnable)
            spin.setEnabled(line.returnable > 0)
            if line.weighed:
                spin.setToolTip(self.tr("Sold by weight: return it without the original sale"))
            spin.setAccessibleName(self.tr("How many of {0} come back").format(line.name))
            spin.valueChanged.connect(self._update_refund)
            self.lines.setCellWidget(row, COLUMNS - 1, spin)
        self._chain_spins()
        self._update_refund()

    def _chain_spins(self) -> None:
        """Tab goes from the lines to each "comes back" box in turn, then on to how the refund is paid. Made after
        the rest of the dialog, the boxes came last in its Tab order (after Close), and Tab in the table went from
        cell to cell and never reached them: the keyboard could not say how many come back."""
        spins = [spin for row in range(self.lines.rowCount())
                 if (spin := self.lines.cellWidget(row, COLUMNS - 1)) is not None and spin.isEnabled()]
        chain = [self.lines, *spins, self.method]
        for before, after in pairwise(chain):
            QWidget.setTabOrder(before, after)

    def quantities(self) -> list[int]:
        return [self.lines.cellWidget(row, COLUMNS - 1).value() for row in range(self.lines.rowCount())]

    def _picks(self) -> list[ReturnPick]:
        if self.original is None:
            return []
        return [ReturnPick(line.index, quantity)
                for line, quantity in zip(self.original.lines, self.quantities(), strict=True) if quantity]

    def _update_refund(self) -> None:
        """The refund before it is made, as core words it (return_quote.py): in cash, what is handed back too."""
        quote = refund_quote(self.desk.config, self.original, self._picks(), self.method.currentData() or "")
        self.refund.setText(shown(quote.words))
        self.return_button.setEnabled(self.original is not None and quote.ready and not self.bridge.busy)

    # ------------------------------------------------------------------ returning

    def commit(self) -> None:
        if self.original is None:
            return
        self.bridge.commit(self.original, self._picks(), self.return_id, self.customer, self.method.currentData())

    def commit_without_original(self) -> None:
        from pos_engage.core.till.basket import BasketLine

        try:
            price = Decimal(self.free_price.text().replace(",", ".").strip() or "x")
        except InvalidOperation:
            self._say_wrong(self.tr("Type the unit price the customer paid, such as 199.00"))
            return
        try:
            line = BasketLine(self.free_sku.text().strip(), self.free_name.text().strip(),
                              self.free_quantity.value(), price)
            self.desk.refuse_while_linked()   # a POS linked since the dialog opened: no manager asked for nothing
            approver = self.approve() if self.approve is not None else None
            if approver is None:
                return
            if not self.return_id or self.outcome is not None:
                self._new_return()
            # Through the bridge: journaled as the window's, with who is at the till (the manager's queue says so)
            outcome = self.bridge.commit_without_original([line], approver=approver, reason=self.free_reason.text(),
                                                          return_id=self.return_id, customer=self.customer,
                                                          payment_type=self.method.currentData())
        except PosEngageError as problem:
            self._say_wrong(shown(problem))
            return
        self._on_bridge_returned(outcome)
        self.bridge.send(outcome.entry_ids)

    def _on_bridge_returned(self, outcome: ReturnOutcome) -> None:
        self.outcome = outcome
        words = [shown(outcome.message)] + [shown(w) for w in outcome.given_back] + [shown(w) for w in outcome.kept]
        self._say("\n".join(w for w in words if w))
        if self.original is not None and outcome.return_id == self.return_id:
            found = self.desk.find(self.original.original_id) if self.original.source == "journal" else None
            if found is not None and found.sales:
                self._show_sale(found.sales[0])  # what came back now shows as returned
            else:
                self._new_return()

    def _on_bridge_busy_changed(self, busy: bool) -> None:
        self.find_button.setEnabled(not busy)
        self.history_button.setEnabled(not busy and self.customer is not None and self.customer.contact is not None)
        self._update_refund()

    def _say(self, text: str) -> None:
        self.message.setProperty("tone", "")
        self.message.setText(text)
        self.message.style().polish(self.message)

    def _say_wrong(self, text: str) -> None:
        self.message.setProperty("tone", "warning")
        self.message.setText(text)
        self.message.style().polish(self.message)


def open_return_dialog(window: Any) -> ReturnDialog | None:
    """The dialog for the main window's till: its service, the identified customer, its manager's approval. The
    desk is told whether a POS is linked (the window knows: linked mode); when it refuses a return now, its words
    are shown and no dialog opens (None)."""
    from pos_engage.core.till.returns import ReturnDesk
    from pos_engage.qt.returns_bridge import ReturnsBridge

    bridge = getattr(window, "bridge", None)
    if bridge is None:
        return None
    service = bridge.service
    desk = ReturnDesk(service.config, service.client, service.journal,
                      pos_linked=lambda: bool(getattr(window, "linked", False)))
    try:
        desk.refuse_while_linked()
    except PosEngageError as refused:
        window._on_problem(shown(refused))
        return None

    def approve():
        answer = window.ask_manager()
        if answer is None:
            return None
        return window.people.verify(answer[1], by=answer[0], purpose="return without the original sale")

    dialog = ReturnDialog(desk, ReturnsBridge(service, desk, window), customer=bridge.customer, approve=approve,
                          parent=window)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.finished.connect(lambda _result: bridge.refresh_status())
    sized_to_screen(dialog, 760, 520)   # on an 800x600 screen as on a large one
    dialog.show()
    return dialog
