"""The Orders panel as a cashier uses it (F6): a new order from the basket, its way through the life-cycle,
cancel, returns of some lines, whether each change reached Engage, and orders made while Engage is down."""

from __future__ import annotations

import asyncio

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from pos_engage.core import credentials
from pos_engage.core.domain.order_life import OrderStage
from pos_engage.core.pin import hash_pin
from tests.qt.test_window import add_line, identified, scan, showcase


def open_orders(qtbot, window):
    with qtbot.waitSignal(window.orders_bridge.listed, timeout=10_000):
        qtbot.keyClick(window, Qt.Key.Key_F6)
    return window.orders_panel


def create_order(qtbot, window, panel, *, email: str | None = None, delivery: str = "Pickup"):
    panel.new_button.click()
    form = window.order_form
    if email is not None:
        form.inputs["email"].setText(email)
    form.delivery.setCurrentIndex(form.delivery.findData(delivery))
    with qtbot.waitSignals([window.orders_bridge.created, window.orders_bridge.busy_changed], timeout=15_000):
        form.buttons.button(form.buttons.StandardButton.Ok).click()
    qtbot.waitUntil(lambda: not window.orders_bridge.busy, timeout=15_000)
    return panel.selected()


def cell(panel, row: int, column: int) -> str:
    return panel.table.item(row, column).text()

PIN = "4826"


def move(qtbot, window, panel, stage: OrderStage) -> None:
    button = panel.move_buttons[stage]
    assert button.isEnabled(), stage
    button.click()
    if stage is OrderStage.CANCELLED:  # Engage emails the customer: the cashier is asked first
        window.ask_pin = lambda: PIN   # a paid order: a manager's code too
        window.confirm_box.yes_button.click()
    qtbot.waitUntil(lambda: not window.orders_bridge.busy and panel.selected().order.stage is stage, timeout=15_000)


def test_a_new_order_from_the_basket_reaches_engage_and_moves_through_its_life(qtbot, window, till):
    anna = showcase(till)["Anna"]
    identified(qtbot, window, lambda: scan(qtbot, window.customer.input, anna["cardNumber"]))
    add_line(qtbot, window, "1002", "Wool jacket", "1299")
    add_line(qtbot, window, "1004", "Socks", "49.50", quantity=2)
    panel = open_orders(qtbot, window)
    assert "Anna Andersson" in panel.customer_label.text() and panel.table.rowCount() == 0
    panel.new_button.click()
    assert window.order_form.inputs["email"].text() == anna["email"]  # prefilled from the customer
    window.order_form.reject()

    view = create_order(qtbot, window, panel, delivery="Home delivery")
    order_id = view.order.order_id
    assert window.basket.table.rowCount() == 0  # the basket became the order
    assert (cell(panel, 0, 0), cell(panel, 0, 2), cell(panel, 0, 3)) == (order_id, "Created", "1,398.00 SEK")
    qtbot.waitUntil(lambda: "sent" in cell(panel, 0, 4), timeout=15_000)
    stored = till.sim_state.orders[order_id]
    assert stored["delivery"] == {"method": "Home delivery"}
    assert [a["action"] for a in till.sim_state.received.order_actions] == ["ConfirmOrder"]

    assert not panel.move_buttons[OrderStage.DELIVERED].isEnabled()  # not before it is ready or shipped
    move(qtbot, window, panel, OrderStage.IN_PROGRESS)
    move(qtbot, window, panel, OrderStage.READY_FOR_PICKUP)
    qtbot.waitUntil(lambda: "sent" in cell(panel, 0, 4), timeout=15_000)
    assert till.sim_state.orders[order_id]["externalStatus"] == "ReadyForPickup"
    assert [a["action"] for a in till.sim_state.received.order_actions] == ["ConfirmOrder", "OrderReadyForPickup"]
    assert [line.split(" · ")[0] for line in panel.detail.text().splitlines()] == [
        "Change 3: Engage ✔ sent", "Change 2: Engage ✔ sent", "Change 1: Engage ✔ sent"]


def test_cancel_and_partial_return_from_the_panel(qtbot, window, till, memory_keyring):
    credentials.set_secret(credentials.MANAGER_PIN_HASH, hash_pin(PIN))
    anna = showcase(till)["Anna"]
    identified(qtbot, window, lambda: scan(qtbot, window.customer.input, anna["cardNumber"]))
    add_line(qtbot, window, "1001", "T-shirt", "199")
    panel = open_orders(qtbot, window)
    create_order(qtbot, window, panel)
    move(qtbot, window, panel, OrderStage.CANCELLED)
    assert cell(panel, 0, 2) == "Cancelled"
    assert not any(b.isEnabled() for b in panel.move_buttons.values())  # a cancelled order is closed

    add_line(qtbot, window, "1004", "Socks", "49.50", quantity=3)
    view = create_order(qtbot, window, panel)
    for stage in (OrderStage.IN_PROGRESS, OrderStage.SHIPPED, OrderStage.DELIVERED):
        move(qtbot, window, panel, stage)
    assert panel.return_button.isEnabled()
    panel.lines.cellWidget(0, 3).setValue(2)
    panel.return_button.click()
    qtbot.waitUntil(lambda: panel.selected().order.stage is OrderStage.PARTIALLY_RETURNED, timeout=15_000)
    assert panel.lines.item(0, 2).text() == "2" and panel.lines.cellWidget(0, 3).maximum() == 1
    qtbot.waitUntil(lambda: not window.orders_bridge.busy, timeout=15_000)
    lines = till.sim_state.orders[view.order.order_id]["lineItems"]["items"]
    assert [(line["type"], line["quantity"]) for line in lines] == [("PURCHASE", 3), ("RETURN", -2)]


def test_an_order_made_during_an_outage_shows_queued_then_sent_once_delivered_in_the_background(qtbot, window,
                                                                                                 till):
    anna = showcase(till)["Anna"]
    identified(qtbot, window, lambda: scan(qtbot, window.customer.input, anna["cardNumber"]))
    add_line(qtbot, window, "1001", "T-shirt", "199")
    window.outage_action.setChecked(True)
    panel = open_orders(qtbot, window)
    create_order(qtbot, window, panel)
    assert "queued" in cell(panel, 0, 4) and till.sim_state.received.order_writes == []
    window.outage_action.setChecked(False)
    till.monitor.last_probe_at = 0
    delivery = asyncio.ensure_future(till.deliver_now(rounds=6))  # what the background replayer does
    qtbot.waitUntil(delivery.done, timeout=15_000)
    window.bridge.refresh_status()  # the status bar's tick: the panel follows the journal
    assert "sent" in cell(panel, 0, 4)
    assert [a["action"] for a in till.sim_state.received.order_actions] == ["ConfirmOrder"]


def test_no_customer_and_an_empty_basket_say_what_to_do(qtbot, window, till):
    panel = open_orders(qtbot, window)
    assert "No customer identified" in panel.customer_label.text()
    panel.new_button.click()
    assert "basket is empty" in window.customer.message.text()
    assert QApplication.activeModalWidget() is None


def test_a_new_customer_order_registers_them_first(qtbot, window, till):
    add_line(qtbot, window, "1001", "T-shirt", "199")
    panel = open_orders(qtbot, window)
    panel.new_button.click()
    form = window.order_form
    form.inputs["first_name"].setText("Sigrid")
    form.inputs["last_name"].setText("Ek")
    view = create_order(qtbot, window, panel, email="sigrid.new@example.se")
    qtbot.waitUntil(lambda: till.sim_state.orders.get(view.order.order_id) is not None, timeout=15_000)
    registered = [r["email"] for r in till.sim_state.received.registrations]
    assert registered == ["sigrid.new@example.se"]
    assert till.sim_state.orders[view.order.order_id]["contactId"] is not None


def test_every_control_of_the_panel_and_the_form_has_an_accessible_name(qtbot, window, till):
    from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QSpinBox, QTableWidget

    anna = showcase(till)["Anna"]
    identified(qtbot, window, lambda: scan(qtbot, window.customer.input, anna["cardNumber"]))
    add_line(qtbot, window, "1001", "T-shirt", "199")
    panel = open_orders(qtbot, window)
    create_order(qtbot, window, panel)
    panel.new_button.click()  # the form too (the basket is empty now: it says so instead)
    add_line(qtbot, window, "1002", "Wool jacket", "1299")
    panel.new_button.click()
    for widget in (panel, window.order_form):
        controls = [w for kind in (QLineEdit, QAbstractButton, QComboBox, QSpinBox, QTableWidget)
                    for w in widget.findChildren(kind) if w.isVisible()]
        assert controls
        unnamed = [w for w in controls if not w.accessibleName() and not (
            isinstance(w, QAbstractButton) and w.text()) and w.objectName() != "qt_spinbox_lineedit"]
        assert unnamed == [], widget
    window.order_form.reject()


def test_with_the_second_platform_on_the_panel_shows_where_each_order_got_there_too(qtbot, till):
    from dataclasses import replace

    from pos_engage.core.config import MarketingSettings
    from pos_engage.core.marketing.client import MarketingClient
    from pos_engage.core.marketing.sink import MarketingSink
    from pos_engage.core.till.orders import OrderDesk
    from pos_engage.qt.bridge import TillBridge
    from pos_engage.qt.order_bridge import OrderBridge
    from pos_engage.qt.views.main_window import MainWindow
    from pos_engage.sim.marketing import MARKETING_DEMO_KEY, MarketingState, MarketingTransport

    platform = MarketingState()
    config = replace(till.config, orders=replace(till.config.orders, second_backend=MarketingSettings(
        base_url="https://marketing.test")))
    till.orders = OrderDesk(config, till.client, till.journal)
    till.marketing = MarketingSink(till.journal, MarketingClient("https://marketing.test", MARKETING_DEMO_KEY,
                                                                 transport=MarketingTransport(platform)))
    bridge, orders = TillBridge(till.service, till.monitor), OrderBridge(till.orders, till.deliver_now)
    window = MainWindow(bridge, orders=orders, demo=True, cashier="test-cashier")
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    anna = showcase(till)["Anna"]
    identified(qtbot, window, lambda: scan(qtbot, window.customer.input, anna["cardNumber"]))
    add_line(qtbot, window, "1001", "T-shirt", "199")
    panel = open_orders(qtbot, window)
    assert not panel.table.isColumnHidden(5)
    view = create_order(qtbot, window, panel)
    qtbot.waitUntil(lambda: "sent" in cell(panel, 0, 5), timeout=15_000)
    assert platform.orders[view.order.order_id]["status"] == "INITIALIZED"
    assert "marketing platform ✔ sent" in panel.detail.text()
    qtbot.waitUntil(lambda: not bridge.busy and not orders.busy, timeout=10_000)
    bridge.shutdown()
    window.close()


def test_a_bad_email_on_the_order_form_is_explained_there_and_nothing_typed_is_lost(qtbot, window, till):
    add_line(qtbot, window, "1001", "T-shirt", "199")
    panel = open_orders(qtbot, window)
    panel.new_button.click()
    form = window.order_form
    form.inputs["first_name"].setText("Sigrid")
    form.inputs["email"].setText("sigrid@@example")
    ok = form.buttons.button(form.buttons.StandardButton.Ok)
    with qtbot.waitSignal(window.orders_bridge.failed, timeout=10_000):
        ok.click()
    qtbot.waitUntil(lambda: not window.orders_bridge.busy, timeout=10_000)
    assert form.isVisible() and "email" in form.error.text().lower() and ok.isEnabled()
    assert form.inputs["first_name"].text() == "Sigrid" and window.basket.table.rowCount() == 1
    assert till.journal.count() == 0
    form.inputs["email"].setText("sigrid@example.se")
    with qtbot.waitSignal(window.orders_bridge.created, timeout=10_000):
        ok.click()
    qtbot.waitUntil(lambda: not window.orders_bridge.busy, timeout=15_000)
    assert not form.isVisible() and panel.table.rowCount() == 1
