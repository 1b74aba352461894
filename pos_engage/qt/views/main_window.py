"""The till window: the customer on the left, the basket on the right, the queue always in the status bar.

This module builds the window and puts it together: its panels, its menus and their keys, and the wiring between
the panels and the till's bridge. What the window does is in its parts, mixins of MainWindow, one job each:
window_layout (fitted to its screen, wide or one column, scrolling; what the basket slot shows), window_focus
(kiosk tills: shortcuts and focus without a window manager), window_status (the status bar and the problem
line), window_people (who is at the till: sign-in, a manager's code), window_sale (the cashier's keys on the
sale), window_register (registering and editing a customer), window_dialogs (the manager's queue and settings,
the help) and window_orders (the customer's orders). The parts' texts keep MainWindow's translation context:
they call QCoreApplication.translate("MainWindow", …), as lupdate files a self.tr() under the class it is in."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QBoxLayout,
    QLabel,
    QMainWindow,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from pos_engage.core.till.payment_methods import payment_methods as till_tenders
from pos_engage.qt.views.basket_panel import BasketPanel
from pos_engage.qt.views.customer_panel import CustomerPanel
from pos_engage.qt.views.window_dialogs import SHORTCUTS, DialogsWindowPart
from pos_engage.qt.views.window_focus import FocusWindowPart
from pos_engage.qt.views.window_layout import (
    COMPACT_BELOW,
    FRAME_ROOM,
    SCROLL_BELOW,
    LayoutWindowPart,
    sized_to_screen,
)
from pos_engage.qt.views.window_orders import OrdersWindowPart
from pos_engage.qt.views.window_people import PeopleWindowPart
from pos_engage.qt.views.window_register import RegisterWindowPart
from pos_engage.qt.views.window_sale import SaleWindowPart
from pos_engage.qt.views.window_status import StatusWindowPart

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

    from pos_engage.qt.bridge import TillBridge
    from pos_engage.qt.order_bridge import OrderBridge

# Imported from here by the tests, the screenshots script and window_orders (the window's names before its parts
# were split out).
__all__ = ["FRAME_ROOM", "SHORTCUTS", "MainWindow", "sized_to_screen"]

# The window is shown before the Engage client, the journal, qasync and the till's core modules are loaded (they
# take most of the start): this module imports only what drawing the till needs; the dialogs and the manager's
# windows load when first opened. For the same reason nothing that draws the window touches PySide6's "Qt"
# namespace (its first use builds all of its enums, as long again as drawing the window): methods that run
# later reach it as QtCore.Qt, and the defaults stand in for it while building (a test keeps it so).


class MainWindow(QMainWindow, LayoutWindowPart, FocusWindowPart, StatusWindowPart, PeopleWindowPart,
                 SaleWindowPart, RegisterWindowPart, DialogsWindowPart, OrdersWindowPart):
    """The till. Built and shown first, then ``attach``-ed to the till's bridge once that is loaded: until then
    the status bar says "Starting…" (the keys a cashier presses meanwhile wait in Qt's queue, not lost)."""

    def __init__(self, bridge: TillBridge | None = None, *, orders: OrderBridge | None = None, demo: bool = False,
                 cashier: str = "", on_outage_toggled=None, placed: bool = False, settings=None,
                 payment_methods: tuple[str, ...] = ()) -> None:
        """``placed``: put on its screen as it is built (place_on_screen, with ``settings``), so that its content
        is built for the size it opens at (pos_engage.window); otherwise laid out when placed or first resized.
        ``payment_methods``: the till's tenders, from its configuration (the till is attached later); with a
        ``bridge``, its till's."""
        super().__init__()
        self.bridge: TillBridge | None = None
        self.orders_bridge: OrderBridge | None = None
        self.orders_panel = None
        self._orders_figures = None
        self.cashier = cashier   # who the audit log and the consent evidence name (see sign_in)
        self.person = None       # the signed-in person (core/office/people.Person), or None
        self._people = None
        self.country_code = ""
        self.ask_pin = None      # how a manager's code is asked for (None: the code dialog); a test answers here
        self.setWindowTitle(self.tr("pos-engage: till companion") + ("  [DEMO]" if demo else ""))
        # Built from the window down: each part is made inside its parent, which is already in the window. A
        # widget tree moved to another parent is restyled widget by widget (the application's stylesheet), so
        # building parts on their own and then putting them together cost the first paint several such passes.
        central = QWidget()
        self.setCentralWidget(central)
        # The one column scrolls where it must; the wide layout fits as it is. The scroll area is made when the
        # window first needs one (_lay_out_for), so that drawing a wide till does not pay for it; placed as it is
        # built, the window makes it now, while the content is still empty, instead of moving the content later.
        self.content = central
        self.scroll: QScrollArea | None = None
        self.footer: QWidget | None = None
        if placed:
            self._restore_geometry(settings)
            if self.width() < COMPACT_BELOW or self.height() < SCROLL_BELOW:
                self._scrolling()
        outer = QVBoxLayout(central)
        if demo:
            marker = QLabel(self.tr("DEMO: embedded Engage simulator with demo data. Nothing reaches a real Engage."))
            # One line in a strip (set_compact): two were 20 px of an 800×600 screen's linked sale.
            marker.setToolTip(marker.text())
            self.demo_marker = marker
            marker.setObjectName("demoMarker")
            marker.setWordWrap(True)
            marker.setAccessibleName(self.tr("Demo mode"))
            outer.addWidget(marker)
        # Wide: the customer beside the basket; compact (narrower than COMPACT_BELOW, down to a side strip
        # beside the POS): one column that scrolls where it must. The box turns, nothing is rebuilt. (A box
        # layout's direction, not a splitter's orientation, which is in the Qt namespace: see above.)
        self.parts = parts = QBoxLayout(QBoxLayout.Direction.LeftToRight)
        self.customer = CustomerPanel(central)
        # The basket slot: the till's own basket, or the POS's sale (read-only) when a POS is linked.
        self.basket_stack = QStackedWidget(central)
        if bridge is not None:
            payment_methods = till_tenders(bridge.service.config)
        self.basket = BasketPanel(self.basket_stack, payment_methods)
        self.basket_stack.addWidget(self.basket)
        self.pos_sale = None
        self.linked = False
        parts.addWidget(self.customer, 2)
        parts.addWidget(self.basket_stack, 3)
        outer.addLayout(parts, 1)
        self.compact = False
        self._status = None
        self._focus_before_dialog = None
        self._problem_shown = False
        self._build_status_bar()
        # The menus' titles now, their entries and F-keys when the till is attached (_build_menus), before any key
        # is handled (keys pressed meanwhile wait in Qt's queue): the first frame does not pay for them.
        self._menus = self._build_menu_titles(demo)
        self._on_outage_toggled = on_outage_toggled
        if placed:
            self._lay_out_for(self.width(), self.height())
        self.customer.input.setFocus()
        if bridge is not None:
            self.attach(bridge, orders)
        else:
            self.connectivity_label.setText(self.tr("Starting…"))

    def attach(self, bridge: TillBridge, orders: OrderBridge | None = None) -> None:
        """Connect the window to the till (Engage client, journal, replayer behind the bridge) and its orders."""
        from PySide6 import QtCore

        self.bridge = bridge
        self.orders_bridge = orders
        if self.scroll is not None:
            self.scroll.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)  # Tab goes from control to control
        self._build_menus()
        self._kiosk_ready()
        self.country_code = bridge.service.config.default_country_code
        self.basket.set_vat_rates(bridge.service.config.till.vat_rates)
        self.basket.set_payment_methods(till_tenders(bridge.service.config))   # as built, unless they differ
        self._wire()
        self.basket.show_basket(bridge.basket)
        self._start_sign_in()

    # -------------------------------------------------------------- Qt events
    # Here, not in a part: the parts come after QMainWindow in the bases, so QMainWindow's own handlers would win.

    def showEvent(self, event) -> None:  # Qt override: camelCase
        super().showEvent(event)
        # Kiosk tills have no window manager to make the till the active window: until it is, Qt answers no
        # shortcut (F1 to F12 did nothing, seen with xdotool on Xvfb without one). Asked for once it is shown.
        QTimer.singleShot(0, self.activateWindow)

    def closeEvent(self, event) -> None:
        settings = getattr(self, "settings", None)
        if settings is not None:
            settings.setValue("window/geometry", self.saveGeometry())
        super().closeEvent(event)

    def resizeEvent(self, event) -> None:
        self._lay_out_for(event.size().width(), event.size().height())
        super().resizeEvent(event)

    # -------------------------------------------------------------- building

    def _action(self, menu, text: str, shortcut: str, slot) -> QAction:
        """A menu entry with its F-key; ``text`` is already translated. While a dialog is open its keys belong
        to the dialog (the shortcuts become application-wide in _kiosk_ready)."""
        from PySide6.QtGui import QAction, QKeySequence  # the menus are filled after the first frame
        from PySide6.QtWidgets import QApplication

        action = QAction(text, self)
        action.setShortcuts([QKeySequence(shortcut)])
        action.triggered.connect(lambda _checked=False: None if QApplication.activeModalWidget() else slot())
        menu.addAction(action)
        return action

    def _build_menu_titles(self, demo: bool) -> dict:
        bar = self.menuBar()
        menus = {"sale": bar.addMenu(self.tr("&Sale"))}
        if demo:
            menus["demo"] = bar.addMenu(self.tr("&Demo"))
        menus["manager"] = bar.addMenu(self.tr("&Manager"))
        menus["help"] = bar.addMenu(self.tr("&Help"))
        return menus

    def _build_menus(self) -> None:
        sale = self._menus["sale"]
        self._action(sale, self.tr("Find customer"), "F2", self.focus_identify)
        self._action(sale, self.tr("Register new customer"), "F3", self.register_new)
        self._action(sale, self.tr("Promotions and vouchers"), "F4", self.customer.offers.setFocus)
        add_article = self._action(sale, self.tr("Add an article"), "F5", self.basket.sku.setFocus)
        self._action(sale, self.tr("Orders…"), "F6", self.open_orders)
        self.return_action = self._action(sale, self.tr("Return against a sale…"), "F7", self.open_return)
        part_payment = self._action(sale, self.tr("Take part payment"), "F8", self.take_payment)
        self.finish_action = self._action(sale, self.tr("Finish sale"), "F9", self.finish)
        new_sale = self._action(sale, self.tr("New sale"), "F12", self.new_sale)
        # In linked mode the POS owns articles, payment and returns (a PUT with returnOf): these are off
        # (show_pos_sale); a refund booked here the POS would never hear of.
        self.own_basket_actions = (add_article, self.return_action, part_payment, self.finish_action, new_sale)
        sale.addSeparator()
        self._action(sale, self.tr("Sign in / change cashier"), "Ctrl+L", self.open_sign_in)
        self._action(sale, self.tr("Quit"), "Ctrl+Q", self.close)
        if "demo" in self._menus:
            from PySide6.QtGui import QAction

            self.outage_action = QAction(self.tr("Simulate Engage outage"), self)
            self.outage_action.setCheckable(True)
            self.outage_action.toggled.connect(self._on_outage_toggled or (lambda _on: None))
            self._menus["demo"].addAction(self.outage_action)
        manager_menu = self._menus["manager"]
        self._action(manager_menu, self.tr("Offline queue"), "Ctrl+M", self.open_queue)
        self._action(manager_menu, self.tr("Settings"), "Ctrl+,", self.open_settings)
        self._action(self._menus["help"], self.tr("Keyboard shortcuts"), "F1", self.show_help)
        self._enable_own_basket_actions(not self.linked)   # a POS linked before the till was attached

    def _wire(self) -> None:
        bridge, customer, basket = self.bridge, self.customer, self.basket
        customer.identify_requested.connect(bridge.identify)
        # Asked first when the sale has a customer already (a lookup found nobody beside her card), as F3 asks.
        customer.register_requested.connect(self.register_new)
        customer.offer_toggled.connect(self._on_customer_offer_toggled)
        customer.edit_requested.connect(self.open_edit)
        customer.upgrade_requested.connect(bridge.upgrade_to_member)
        customer.purchases_requested.connect(bridge.load_purchases)
        customer.candidate_picked.connect(bridge.pick_candidate)
        bridge.purchases_loaded.connect(customer.show_purchases)
        # Each offer card says whether the sale on screen can take it now, told after every change of a sale.
        customer.follow_offer_states(bridge.offer_states)
        bridge.follow_offers(customer.show_offer_states, customer)
        basket.line_added.connect(bridge.add_line)
        basket.line_removed.connect(bridge.remove_line)
        basket.line_shown.connect(self.show_basket_line)
        basket.quantity_changed.connect(bridge.change_quantity)
        # The change due stays on screen until the next customer starts.
        basket.line_added.connect(lambda _line: basket.clear_change())
        customer.identify_requested.connect(lambda _text, _scanned: basket.clear_change())
        # A problem's message stays only while it is the latest thing that happened.
        customer.identify_requested.connect(self._clear_problem)
        basket.line_added.connect(self._clear_problem)
        basket.line_added.connect(customer.forget_typed_warning)   # 'hej123' found nobody: said, then gone
        bridge.payment_taken.connect(self._clear_problem)
        bridge.payment_taken.connect(basket.amount.clear)   # taken: a refused amount stays to be corrected
        bridge.sale_recorded.connect(self._clear_problem)
        basket.payment_requested.connect(bridge.take_payment)
        basket.payments_cleared.connect(bridge.clear_payments)
        bridge.payment_taken.connect(self._on_bridge_payment_taken)
        basket.finish_requested.connect(lambda _method: self.finish())
        basket.problem.connect(basket.show_problem)   # said beside the basket, where the cashier is looking
        bridge.sale_refused.connect(basket.show_problem)
        bridge.identified.connect(customer.show_outcome)
        bridge.identified.connect(self._after_lookup)   # nobody found: whose card stays, said (window_sale)
        bridge.found_again.connect(customer.show_found_again)
        bridge.basket_changed.connect(basket.show_basket)
        bridge.status_changed.connect(self._on_bridge_status_changed)
        bridge.busy_changed.connect(self._on_bridge_busy_changed)
        bridge.busy_changed.connect(customer.follow_busy)   # idle: no lookup awaited (a failed one never answers)
        bridge.failed.connect(self._on_problem)
        bridge.sale_recorded.connect(self._on_bridge_sale_recorded)
        bridge.offers_refused.connect(lambda sale: basket.ask_about_refused(sale, bridge.resolve_refused))
        bridge.sale_delivered.connect(self._on_bridge_sale_delivered)
        bridge.status_changed.connect(self._follow_queued_sale)   # a queued sale's line says when it went
        bridge.registered.connect(self._on_bridge_registered)
        bridge.inbox_loaded.connect(self._on_bridge_inbox_loaded)
        bridge.refresh_status()
