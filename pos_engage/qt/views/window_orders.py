"""The till window's orders part: opening the Orders panel (F6) and the new-order form, and the messages about
the order just made. A mixin of MainWindow (it uses the window's bridges, basket and customer panels); its
texts keep MainWindow's translation context.
"""

from __future__ import annotations

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

# The texts, in MainWindow's translation context (lupdate reads these literals; _tr looks them up).
TEXTS = (
    QT_TRANSLATE_NOOP("MainWindow", "Orders are not available on this till"),
    QT_TRANSLATE_NOOP("MainWindow", "The basket is empty: add what the customer orders first"),
    QT_TRANSLATE_NOOP("MainWindow", "Order {0} saved; sending to Engage…"),
    QT_TRANSLATE_NOOP("MainWindow", "✔ Order {0}: sent to Engage"),
    QT_TRANSLATE_NOOP("MainWindow", "↻ Order {0}: queued, will be sent when Engage answers"),
    QT_TRANSLATE_NOOP("MainWindow", "⚠ Order {0}: Engage did not take it; the manager sees why in the queue"),
    QT_TRANSLATE_NOOP("MainWindow", "Cancel the order?"),
    QT_TRANSLATE_NOOP("MainWindow", "Cancel order {0}? Engage emails the customer that it is cancelled."),
    QT_TRANSLATE_NOOP("MainWindow", "Order {0} is paid ({1}). Cancel it anyway? A manager's code is needed, the "
                                    "payment must be given back, and Engage emails the customer."),
    QT_TRANSLATE_NOOP("MainWindow", "Cancel the order"),
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("MainWindow", text)


class OrdersWindowPart:
    def open_orders(self) -> None:
        """The identified customer's orders, in their own window (F6)."""
        orders = self.orders_bridge
        if orders is None:
            self._on_problem(_tr("Orders are not available on this till"))
            return
        if self.orders_panel is None:
            from pos_engage.qt.views.orders_panel import OrdersPanel

            panel = OrdersPanel(marketing_on=orders.marketing_on, parent=self)
            panel.create_requested.connect(self.open_order_form)
            panel.move_requested.connect(self._on_order_move)
            panel.return_requested.connect(orders.return_lines)
            panel.refresh_requested.connect(lambda: orders.load(self.bridge.customer))
            orders.listed.connect(panel.show_orders)
            orders.changed.connect(panel.show_changed)
            orders.created.connect(self._on_order_created)
            orders.changed.connect(self._on_order_changed)
            orders.failed.connect(panel.detail.setText)
            orders.failed.connect(self._on_order_failed)
            orders.failed.connect(self._on_problem)
            orders.busy_changed.connect(panel.set_busy)
            from pos_engage.qt.views.main_window import sized_to_screen

            sized_to_screen(panel, 1040, 640)
            self.orders_panel = panel
        customer = self.bridge.customer
        self.orders_panel.set_customer(customer.name if customer else "")
        self.orders_panel.show()
        self.orders_panel.raise_()
        orders.load(customer)

    def _on_order_move(self, view, stage: str, ask_pin=None) -> None:
        """A move is passed on; cancelling asks first (Engage emails the customer), with the order paid a
        manager's code too, and is audited."""
        from pos_engage.core.domain.order_life import OrderStage

        if stage != OrderStage.CANCELLED.value:
            self.orders_bridge.move(view, stage)
            return
        order = view.order
        paid = sum((payment.value for payment in getattr(order, "payments", ()) or ()), 0)
        if paid:
            from pos_engage.qt.i18n import money

            question = _tr("Order {0} is paid ({1}). Cancel it anyway? A manager's code is needed, the payment must "
                           "be given back, and Engage emails the customer.").format(order.order_id, money(paid))
        else:
            question = _tr("Cancel order {0}? Engage emails the customer that it is cancelled.").format(order.order_id)
        self.confirm(_tr("Cancel the order?"), question, _tr("Cancel the order"),
                     lambda: self._cancel_order_confirmed(view, stage, bool(paid), ask_pin))

    def _cancel_order_confirmed(self, view, stage: str, paid: bool, ask_pin=None) -> None:
        from pos_engage.core.errors import PosEngageError
        from pos_engage.core.office.queue import ManagerActions
        from pos_engage.qt.texts import shown

        service = self.bridge.service
        actor = self.cashier or "cashier"
        if paid:
            answer = self.ask_manager(ask_pin)
            if answer is None:
                return
            try:
                actor = ManagerActions(service.journal, till=service.config.till_id, people=self.people).verify(
                    answer[1], by=answer[0], purpose="cancel order").actor
            except PosEngageError as problem:
                self._on_problem(shown(problem))
                return
        service.journal.audit("cancel-order", actor=actor, till=service.config.till_id,
                              detail=f"order {view.order.order_id}")
        self.orders_bridge.move(view, stage)

    def open_order_form(self) -> None:
        """Who the new order is for (prefilled from the identified customer), then the order from the basket."""
        from pos_engage.core.domain import Address, KeyKind
        from pos_engage.qt.views.orders_panel import OrderForm

        if not self.bridge.basket.lines:
            self._on_problem(_tr("The basket is empty: add what the customer orders first"))
            return
        customer = self.bridge.customer
        contact = customer.contact if customer else None
        key = customer.key if customer and contact is None else None
        prefill = Address(
            first_name=contact.first_name if contact else "", last_name=contact.last_name if contact else "",
            email=contact.email if contact else (key.value if key and key.kind is KeyKind.EMAIL else ""),
            mobile_phone=contact.mobile_phone if contact else (key.value if key and key.kind is KeyKind.MOBILE else ""),
            zip_code=contact.zip_code if contact else "", city=contact.city if contact else "")
        form = OrderForm(prefill, self.orders_panel or self)

        def submit() -> None:
            form.sending()
            self.orders_bridge.create(self.bridge.basket.copy(), customer, form.contact(),
                                      form.delivery.currentData(), self.basket.method())

        form.buttons.accepted.connect(submit)
        self.order_form = form
        form.open()

    def _on_order_failed(self, message: str) -> None:
        form = getattr(self, "order_form", None)
        if form is not None and form.isVisible():
            form.show_error(message)

    def _on_order_created(self, view) -> None:
        form = getattr(self, "order_form", None)
        if form is not None and form.isVisible():
            form.accept()
        self.bridge.basket_became_order()
        self.customer.show_offers(self.bridge.customer)   # the order's offers are used: no longer on her cards
        self._last_order = view.order.order_id
        self.basket.sale_status.setText(_tr("Order {0} saved; sending to Engage…").format(view.order.order_id))

    def _on_order_changed(self, view) -> None:
        latest = view.latest
        if view.order.order_id != getattr(self, "_last_order", None) or latest is None:
            return
        if latest.engage == "sent":
            text = _tr("✔ Order {0}: sent to Engage")
        elif latest.engage == "queued":
            text = _tr("↻ Order {0}: queued, will be sent when Engage answers")
        else:
            text = _tr("⚠ Order {0}: Engage did not take it; the manager sees why in the queue")
        self.basket.sale_status.setText(text.format(view.order.order_id))

    def _follow_orders(self, figures) -> None:
        """The journal changed (a delivery, a new entry): show how far the panel's orders got."""
        panel = self.orders_panel
        if panel is not None and panel.isVisible() and figures != self._orders_figures \
                and self.orders_bridge is not None and not self.orders_bridge.busy:
            self._orders_figures = figures
            panel.show_orders(self.orders_bridge.refreshed(panel.views))
