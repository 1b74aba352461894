"""A sale without a customer, booked to the store's catch-all contact (till.anonymous_contact = "walk-in"), reads as
a walk-in customer's in the manager's queue: its row and its details said "****-in", a masked fragment of the
contact's id, as if it were some customer's. The real window rings the sale up (the simulator as Engage) and opens
the queue as a manager does (the window's own queue, built with its configuration)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStyleOptionViewItem

from pos_engage.core.journal.entry import EntryKind
from pos_engage.qt.views.queue_table import CUSTOMER
from tests.qt.test_window import add_line


def shown_in_row(view, row: int, column: int) -> str:
    """The text the table draws in a cell (its delegate's, not only the model's)."""
    index = view.model.index(row, column)
    option = QStyleOptionViewItem()
    (view.table.itemDelegateForColumn(column) or view.table.itemDelegate()).initStyleOption(option, index)
    return option.text


def test_a_walk_in_sale_reads_as_a_walk_in_customer_in_the_row_and_the_details(qtbot, window, till):
    assert till.service.config.till.anonymous_contact == "walk-in"
    add_line(qtbot, window, "1004", "Socks", "49")
    with qtbot.waitSignal(window.bridge.sale_delivered, timeout=10_000):
        qtbot.keyClick(window, Qt.Key.Key_F9)
    (receipt,) = till.journal.entries(kinds=(EntryKind.RECEIPT,))
    assert receipt.payload["receipt"]["contact"]["matchKey"] == "walk-in"   # booked to the catch-all contact

    window.open_queue()
    view = window.queue_view
    qtbot.addWidget(view)
    row = next(r for r in range(view.model.rowCount()) if view.model.entry_id(r) == receipt.id)
    assert shown_in_row(view, row, CUSTOMER) == "Walk-in customer"
    view.table.selectRow(row)
    text = view.details.toPlainText()
    assert "Customer: Walk-in customer" in text and "-in\n" not in text and "***" not in text


def test_a_receipt_of_a_real_customer_stays_masked(qtbot, window, till):
    from pos_engage.core.domain import MatchKey, MatchKeyType
    from pos_engage.core.journal import payloads
    from tests.core.conftest import sale

    (entry,) = till.journal.record([payloads.receipt(sale("r9", MatchKey("anna@example.se", MatchKeyType.EMAIL)))])
    window.open_queue()
    view = window.queue_view
    qtbot.addWidget(view)
    row = next(r for r in range(view.model.rowCount()) if view.model.entry_id(r) == entry.id)
    assert shown_in_row(view, row, CUSTOMER) == "a***@example.se"
