"""The Orders panel: the identified customer's orders, a new order from the basket, status changes, cancel,
returns of some lines, and for each order whether its last change reached Engage (and the second platform).

Lays out and wires only: every action goes to the OrderBridge.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
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

from pos_engage.core.domain import Address
from pos_engage.core.domain.order_life import NEXT_STAGES, RETURNABLE, STAGE_WORDS, OrderStage
from pos_engage.core.till.orders import OrderView
from pos_engage.qt.texts import shown
from pos_engage.qt.views.basket_panel import money

# Where a change got, in words and a symbol (never colour alone).
REACHED_TEXT = {
    "sent": QT_TRANSLATE_NOOP("OrdersPanel", "✔ sent"),
    "queued": QT_TRANSLATE_NOOP("OrdersPanel", "↻ queued"),
    "needs_attention": QT_TRANSLATE_NOOP("OrdersPanel", "⚠ needs attention"),
    "conflict": QT_TRANSLATE_NOOP("OrdersPanel", "⚠ conflict"),
    "exported": QT_TRANSLATE_NOOP("OrdersPanel", "✔ sent by file"),
    "resolved": QT_TRANSLATE_NOOP("OrdersPanel", "– closed by the manager"),
}
# The buttons that move an order on, in life-cycle order.
MOVES = (
    (OrderStage.IN_PROGRESS, QT_TRANSLATE_NOOP("OrdersPanel", "In progress")),
    (OrderStage.READY_FOR_PICKUP, QT_TRANSLATE_NOOP("OrdersPanel", "Ready for pickup")),
    (OrderStage.SHIPPED, QT_TRANSLATE_NOOP("OrdersPanel", "Shipped")),
    (OrderStage.DELIVERED, QT_TRANSLATE_NOOP("OrdersPanel", "Delivered")),
    (OrderStage.CANCELLED, QT_TRANSLATE_NOOP("OrdersPanel", "Cancel order")),
)
SHOWN_CHANGES = 5  # the detail lists this many of an order's newest changes
DELIVERY_METHODS = (("Pickup", QT_TRANSLATE_NOOP("OrderForm", "Pickup in store")),
                    ("Home delivery", QT_TRANSLATE_NOOP("OrderForm", "Home delivery")))


class OrderForm(QDialog):
    """Who the order is for and how it is delivered; prefilled from the identified customer."""

    def __init__(self, prefill: Address, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("New order from the basket"))
        form = QFormLayout(self)
        self.inputs: dict[str, QLineEdit] = {}
        labels = (("first_name", self.tr("First name")), ("last_name", self.tr("Last name")),
                  ("email", self.tr("Email")), ("mobile_phone", self.tr("Mobile")),
                  ("street", self.tr("Street")), ("zip_code", self.tr("Postcode")), ("city", self.tr("City")))
        for name, label in labels:
            field = QLineEdit(getattr(prefill, name))
            field.setAccessibleName(label)
            self.inputs[name] = field
            form.addRow(label, field)
        self.delivery = QComboBox()
        for value, text in DELIVERY_METHODS:
            self.delivery.addItem(self.tr(text), value)
        self.delivery.setAccessibleName(self.tr("Delivery"))
        form.addRow(self.tr("Delivery"), self.delivery)
        self.error = QLabel()
        self.error.setObjectName("formError")
        self.error.setWordWrap(True)
        self.error.setAccessibleName(self.tr("What to correct"))
        form.addRow(self.error)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Create order"))
        self.buttons.rejected.connect(self.reject)
        form.addRow(self.buttons)

    def contact(self) -> Address:
        return Address(**{name: field.text().strip() for name, field in self.inputs.items()})

    def sending(self) -> None:
        """Submitted: no second order from a double click; the form stays until the order is saved."""
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(False)
        self.error.clear()

    def show_error(self, message: str) -> None:
        """Not saved: say what to correct, keep everything typed."""
        self.error.setText(message)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(True)


class OrdersPanel(QDialog):
    create_requested = Signal()                 # the main window opens the form with the basket and customer
    move_requested = Signal(object, str)        # OrderView, stage
    return_requested = Signal(object, object)   # OrderView, {sku: quantity}
    refresh_requested = Signal()

    COLUMNS = (QT_TRANSLATE_NOOP("OrdersPanel", "Order"), QT_TRANSLATE_NOOP("OrdersPanel", "Date"),
               QT_TRANSLATE_NOOP("OrdersPanel", "Status"), QT_TRANSLATE_NOOP("OrdersPanel", "Total"),
               QT_TRANSLATE_NOOP("OrdersPanel", "Engage"), QT_TRANSLATE_NOOP("OrdersPanel", "Marketing platform"))

    def __init__(self, *, marketing_on: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Orders"))
        self.views: list[OrderView] = []
        layout = QVBoxLayout(self)
        self.customer_label = QLabel()
        self.customer_label.setObjectName("ordersCustomer")
        self.customer_label.setWordWrap(True)
        self.customer_label.setAccessibleName(self.tr("Orders of"))
        layout.addWidget(self.customer_label)

        top = QHBoxLayout()
        self.new_button = QPushButton(self.tr("New order from the basket"))
        self.refresh_button = QPushButton(self.tr("Refresh"))
        for button in (self.new_button, self.refresh_button):
            button.setAccessibleName(button.text())
            top.addWidget(button)
        top.addStretch(1)
        layout.addLayout(top)

        self.table = QTableWidget(0, len(self.COLUMNS))
        self.table.setHorizontalHeaderLabels([self.tr(c) for c in self.COLUMNS])
        self.table.setAccessibleName(self.tr("The customer's orders"))
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.table.setColumnHidden(5, not marketing_on)
        layout.addWidget(self.table, 2)

        # As many move buttons to a row as the window's width takes (resizeEvent).
        self.moves = moves = QGridLayout()
        self._move_columns = 0
        self.move_buttons: dict[OrderStage, QPushButton] = {}
        for stage, text in MOVES:
            button = QPushButton(self.tr(text))
            button.setAccessibleName(self.tr("Mark the order: {0}").format(self.tr(text)))
            button.clicked.connect(lambda _checked=False, s=stage: self._move(s))
            self.move_buttons[stage] = button
        layout.addLayout(moves)

        self.lines = QTableWidget(0, 4)
        self.lines.setHorizontalHeaderLabels([self.tr("Article"), self.tr("Ordered"), self.tr("Returned"),
                                              self.tr("Return now")])
        self.lines.setAccessibleName(self.tr("Lines of the selected order"))
        self.lines.verticalHeader().hide()
        self.lines.verticalHeader().setDefaultSectionSize(46)  # room for the touch-sized spin boxes
        self.lines.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.lines.setColumnWidth(3, 160)
        layout.addWidget(self.lines, 1)
        self.return_button = QPushButton(self.tr("Return the chosen quantities"))
        self.return_button.setAccessibleName(self.return_button.text())
        layout.addWidget(self.return_button)
        self.detail = QLabel()
        self.detail.setObjectName("ordersDetail")
        self.detail.setWordWrap(True)
        self.detail.setAccessibleName(self.tr("Order status detail"))
        layout.addWidget(self.detail)

        self._arrange_moves(self.width())
        self.new_button.clicked.connect(self.create_requested)
        self.refresh_button.clicked.connect(self.refresh_requested)
        self.return_button.clicked.connect(self._return)
        self.table.itemSelectionChanged.connect(self._show_selected)
        self.show_orders([])

    def resizeEvent(self, event) -> None:  # Qt override: camelCase
        self._arrange_moves(event.size().width())
        super().resizeEvent(event)

    def _arrange_moves(self, width: int) -> None:
        buttons = list(self.move_buttons.values())
        widest = max(button.sizeHint().width() for button in buttons)
        columns = max(1, min(len(buttons), (width - 24) // (widest + 8)))
        if columns == self._move_columns:
            return
        self._move_columns = columns
        for index, button in enumerate(buttons):
            self.moves.removeWidget(button)
            self.moves.addWidget(button, index // columns, index % columns)

    # -------------------------------------------------------------- showing

    def set_customer(self, name: str) -> None:
        self.customer_label.setText(self.tr("Orders of {0}").format(name) if name else
                                    self.tr("No customer identified: a new order asks who it is for"))

    def reached(self, word: str | None) -> str:
        return self.tr(REACHED_TEXT[word]) if word in REACHED_TEXT else ""

    def show_orders(self, views: list[OrderView]) -> None:
        selected = self.selected()
        self.views = list(views)
        self.table.setRowCount(len(self.views))
        for row, view in enumerate(self.views):
            order, latest = view.order, view.latest
            engage = self.tr("in Engage (web shop)") if view.engage_raw is not None else \
                self.reached(latest.engage if latest else None)
            cells = (order.order_id, f"{order.created_at:%Y-%m-%d %H:%M}", shown(STAGE_WORDS[order.stage]),
                     f"{money(order.total)} {order.currency}", engage,
                     self.reached(latest.marketing) if latest else "")
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 3:
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                self.table.setItem(row, column, item)
        self.table.resizeColumnsToContents()
        if selected is not None:
            self.select(selected.order.order_id)
        self._show_selected()

    def show_changed(self, view: OrderView) -> None:
        """One order saved or updated: replace its row (or add it on top) and keep it selected."""
        views = [v for v in self.views if v.order.order_id != view.order.order_id]
        self.show_orders([view, *views])
        self.select(view.order.order_id)

    def select(self, order_id: str) -> None:
        for row, view in enumerate(self.views):
            if view.order.order_id == order_id:
                self.table.selectRow(row)
                return

    def selected(self) -> OrderView | None:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.views[rows[0].row()] if rows and rows[0].row() < len(self.views) else None

    def _show_selected(self) -> None:
        view = self.selected()
        allowed = NEXT_STAGES[view.order.stage] if view else frozenset()
        for stage, button in self.move_buttons.items():
            button.setEnabled(stage in allowed)
        returnable = view is not None and view.order.stage in RETURNABLE
        self.lines.setRowCount(len(view.order.items) if view else 0)
        for row, item in enumerate(view.order.items if view else ()):
            for column, text in enumerate((f"{item.name} ({item.sku})", str(item.quantity), str(item.returned))):
                self.lines.setItem(row, column, QTableWidgetItem(text))
            spin = QSpinBox()
            spin.setRange(0, item.kept if returnable else 0)
            spin.setEnabled(returnable and item.kept > 0)
            spin.setAccessibleName(self.tr("Return now: {0}").format(item.name))
            self.lines.setCellWidget(row, 3, spin)
        self.return_button.setEnabled(returnable)
        self.detail.setText(self._detail(view) if view else "")

    def _detail(self, view: OrderView) -> str:
        """Every change of the order, newest first, and how far each got (Engage; the platform when on)."""
        if view.engage_raw is not None:
            return self.tr("Placed elsewhere (e.g. the web shop); a change here takes it over at this till.")
        lines = []
        shown = view.changes[-SHOWN_CHANGES:]
        for change in reversed(shown):
            parts = [self.tr("Change {0}: Engage {1}").format(change.change, self.reached(change.engage))]
            if change.engage_detail:
                parts.append(change.engage_detail)
            if change.marketing is not None:
                parts.append(self.tr("marketing platform {0}").format(self.reached(change.marketing)))
                if change.marketing_detail:
                    parts.append(change.marketing_detail)
            lines.append(" · ".join(parts))
        if len(view.changes) > len(shown):
            lines.append(self.tr("… and {0} earlier changes").format(len(view.changes) - len(shown)))
        return "\n".join(lines)

    # -------------------------------------------------------------- actions

    def _move(self, stage: OrderStage) -> None:
        view = self.selected()
        if view is not None:
            self.move_requested.emit(view, stage.value)

    def return_quantities(self) -> dict[str, int]:
        view = self.selected()
        if view is None:
            return {}
        chosen = {}
        for row, item in enumerate(view.order.items):
            spin = self.lines.cellWidget(row, 3)
            if spin is not None and spin.value():
                chosen[item.sku] = spin.value()
        return chosen

    def _return(self) -> None:
        view, chosen = self.selected(), self.return_quantities()
        if view is not None and chosen:
            self.return_requested.emit(view, chosen)

    def set_busy(self, busy: bool) -> None:
        self.new_button.setEnabled(not busy)
        self.refresh_button.setEnabled(not busy)
        if busy:
            for button in (*self.move_buttons.values(), self.return_button):
                button.setEnabled(False)
        else:
            self._show_selected()
