"""The till window: the customer on the left, the basket on the right, the queue always in the status bar.

Who is at the till is in the status bar too. With IT's staff directory (``core/office/people.py``) the cashier
signs in with a staff number and code when the till starts and with "Sign in / change cashier" (Ctrl+L); until
then the sale cannot be used. In a shared till nobody signs in and the till itself ("till 3") is named as who
did what. Consents are recorded under the signed-in cashier; every manager action asks for a manager's code and
is recorded under that manager's name."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QT_TRANSLATE_NOOP, QTimer
from PySide6.QtWidgets import (
    QBoxLayout,
    QLabel,
    QMainWindow,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from pos_engage.core.errors import PosEngageError
from pos_engage.qt.i18n import money
from pos_engage.qt.texts import shown
from pos_engage.qt.views.basket_panel import BasketPanel
from pos_engage.qt.views.customer_panel import CustomerPanel
from pos_engage.qt.views.window_orders import OrdersWindowPart

if TYPE_CHECKING:
    from PySide6.QtGui import QAction

    from pos_engage.core.till.outcomes import RegisterOutcome
    from pos_engage.qt.bridge import StatusSnapshot, TillBridge
    from pos_engage.qt.order_bridge import OrderBridge

# The window is shown before the Engage client, the journal, qasync and the till's core modules are loaded (they
# take most of the start): this module imports only what drawing the till needs; the dialogs and the manager's
# windows load when first opened. For the same reason nothing that draws the window touches PySide6's "Qt"
# namespace (its first use builds all of its enums, as long again as drawing the window): methods that run
# later reach it as QtCore.Qt, and the defaults stand in for it while building (a test keeps it so).

SHORTCUTS = (
    ("F1", QT_TRANSLATE_NOOP("MainWindow", "Help: this list")),
    ("F2", QT_TRANSLATE_NOOP("MainWindow", "Find customer")),
    ("F3", QT_TRANSLATE_NOOP("MainWindow", "Register new customer")),
    ("F4", QT_TRANSLATE_NOOP("MainWindow", "Promotions and vouchers")),
    ("F5", QT_TRANSLATE_NOOP("MainWindow", "Add an article")),
    ("F6", QT_TRANSLATE_NOOP("MainWindow", "Orders: the customer's orders, a new order from the basket")),
    ("F7", QT_TRANSLATE_NOOP("MainWindow", "Return against a sale: find it by its receipt, refund what was paid")),
    ("F8", QT_TRANSLATE_NOOP("MainWindow", "Take part of the payment (split payment)")),
    ("F9", QT_TRANSLATE_NOOP("MainWindow", "Finish the sale: what remains is paid by the chosen method")),
    ("F12", QT_TRANSLATE_NOOP("MainWindow", "New sale (voids this one)")),
    ("Ctrl+L", QT_TRANSLATE_NOOP("MainWindow", "Sign in / change cashier")),
    ("Ctrl+M", QT_TRANSLATE_NOOP("MainWindow", "Manager: the offline queue")),
    ("Ctrl+,", QT_TRANSLATE_NOOP("MainWindow", "Manager: settings")),
    ("Ctrl+Q", QT_TRANSLATE_NOOP("MainWindow", "Quit")),
    ("Space", QT_TRANSLATE_NOOP("MainWindow", "Apply / remove the selected promotion")),
    ("Delete", QT_TRANSLATE_NOOP("MainWindow", "Remove the selected basket line")),
)
# The status bar in a narrow strip: the sign and a word; the whole sentence is the label's tooltip.
CONNECTIVITY_SHORT = {
    "online": QT_TRANSLATE_NOOP("MainWindow", "Online"),
    "degraded": QT_TRANSLATE_NOOP("MainWindow", "Slow"),
    "offline": QT_TRANSLATE_NOOP("MainWindow", "Offline"),
    "not_engage": QT_TRANSLATE_NOOP("MainWindow", "Not Engage: call IT"),
}
# The size the till likes, when the screen has room for it; a smaller screen gets all of its own.
PREFERRED_SIZE = (1280, 800)


def sized_to_screen(widget: QWidget, width: int, height: int) -> None:
    """Resize ``widget`` to ``width`` × ``height`` or to the screen it is on, whichever is smaller (room left
    for a title bar and a taskbar), and keep it on that screen."""
    screen = widget.screen() or (widget.parentWidget().screen() if widget.parentWidget() else None)
    if screen is None:
        widget.resize(width, height)
        return
    room = screen.availableGeometry()
    size_w, size_h = min(width, room.width() - FRAME_SIDES), min(height, room.height() - FRAME_ROOM)
    widget.resize(size_w, size_h)
    widget.move(room.x() + (room.width() - size_w) // 2, room.y() + max(0, (room.height() - size_h - FRAME_ROOM) // 2))


# A window manager's title bar and borders, which resize() does not count (a strip's window was 482 px wide with
# openbox's borders on a 480 px screen).
FRAME_ROOM = 40
FRAME_SIDES = 4
# Narrower than this, the till is one column (a side strip beside the POS, a small screen).
COMPACT_BELOW = 1000
# Lower than this, the window's content scrolls (wide or not): the wide layout needs about this much.
SCROLL_BELOW = 700
# By core.office.health.Connectivity's values (a StrEnum, so its members are these keys).
CONNECTIVITY_TEXT = {
    "online": ("●", QT_TRANSLATE_NOOP("MainWindow", "Engage online")),
    "degraded": ("▲", QT_TRANSLATE_NOOP("MainWindow", "Engage slow")),
    "offline": ("✖", QT_TRANSLATE_NOOP("MainWindow", "Engage offline: sales are saved and sent later")),
    "not_engage": ("✖", QT_TRANSLATE_NOOP("MainWindow", "Something between this till and Engage answers instead of "
                                                        "Engage: sales are saved and sent later; call IT")),
}


def age_text(seconds: float | None) -> str:
    if seconds is None:
        return ""
    minutes = int(seconds // 60)
    return f"{minutes // 60} h {minutes % 60} min" if minutes >= 60 else f"{minutes} min"


class MainWindow(QMainWindow, OrdersWindowPart):
    """The till. Built and shown first, then ``attach``-ed to the till's bridge once that is loaded: until then
    the status bar says "Starting…" (the keys a cashier presses meanwhile wait in Qt's queue, not lost)."""

    def __init__(self, bridge: TillBridge | None = None, *, orders: OrderBridge | None = None, demo: bool = False,
                 cashier: str = "", on_outage_toggled=None, placed: bool = False, settings=None) -> None:
        """``placed``: put on its screen as it is built (place_on_screen, with ``settings``), so that its content
        is built for the size it opens at (pos_engage.window); otherwise laid out when placed or first resized."""
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
        self.basket = BasketPanel(self.basket_stack)
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
        self._wire()
        self.basket.show_basket(bridge.basket)
        self._start_sign_in()

    # -------------------------------------------------------------- layout

    def place_on_screen(self, settings=None) -> None:
        """Open where the till was last closed (its geometry is kept in ``settings``, a QSettings), or sized to
        the screen it is on; a geometry from a screen that is gone is not used (restoreGeometry checks)."""
        self._restore_geometry(settings)
        # Laid out for that size before it is shown: shown first with the wide layout's minimum width, a window
        # manager would keep the window that wide on a narrow screen.
        self._lay_out_for(self.width(), self.height())

    def _restore_geometry(self, settings=None) -> None:
        from PySide6.QtCore import QSettings

        self.settings = settings if settings is not None else QSettings("pos-engage", "till")
        saved = self.settings.value("window/geometry")
        if saved is None or not self.restoreGeometry(saved):
            sized_to_screen(self, *PREFERRED_SIZE)

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

    def show_pos_sale(self, widget: QWidget) -> None:
        """Linked mode (a POS is linked): the basket slot shows the POS's sale, read-only; the till's own
        article and payment entry (and their shortcuts) are off until ``show_own_basket``."""
        if self.pos_sale is not widget:
            if self.pos_sale is not None:
                self.basket_stack.removeWidget(self.pos_sale)
            self.pos_sale = widget
            self.basket_stack.addWidget(widget)
        self.basket_stack.setCurrentWidget(widget)
        self.linked = True
        self._enable_own_basket_actions(False)
        self._show_footer()

    def show_own_basket(self) -> None:
        """Back to the till's own basket (no POS linked, or the link ended)."""
        self.basket_stack.setCurrentWidget(self.basket)
        self.linked = False
        self._enable_own_basket_actions(True)
        self._show_footer()

    def _enable_own_basket_actions(self, enabled: bool) -> None:
        for action in getattr(self, "own_basket_actions", ()):
            action.setEnabled(enabled)

    def set_compact(self, compact: bool) -> None:
        """One column (compact) or side by side (wide); chosen by the window's width in resizeEvent."""
        self.compact = compact
        if compact and self.scroll is None:
            self._scrolling()
        if self._status is not None:
            self._on_bridge_status_changed(self._status)
        if getattr(self, "_person_texts", None):
            self._show_person(*self._person_texts)
        self.parts.setDirection(QBoxLayout.Direction.TopToBottom if compact else QBoxLayout.Direction.LeftToRight)
        for part in (self.customer, self.basket):
            if hasattr(part, "set_compact"):
                part.set_compact(compact)
        # A strip scrolls; "to pay", Finish and the change to give back stay in view below what scrolls.
        if compact:
            self.footer.layout().addWidget(self.basket.take_summary())
        else:
            self.basket.keep_summary()
        self._show_footer()

    def _show_footer(self) -> None:
        if self.footer is not None:   # the own basket's figures; the POS's sale shows its own
            self.footer.setVisible(self.compact and not self.linked)

    def _scrolling(self) -> None:
        """Put the window's content in a scroll area (kept from then on, wide again or not). The scroll area
        and the footer go into the window first, empty: the content then moves once, straight into its place
        (each move of a widget tree restyles every widget in it)."""
        frame = QWidget()
        column = QVBoxLayout(frame)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        self.scroll = QScrollArea(frame)
        self.scroll.setObjectName("tillScroll")
        self.scroll.setWidgetResizable(True)
        self.scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        # Below the scrolling part, what must never scroll away in a strip (set_compact puts it there).
        self.footer = QWidget(frame)
        self.footer.setObjectName("tillFooter")
        footer = QVBoxLayout(self.footer)
        footer.setContentsMargins(13, 0, 13, 4)
        self.footer.hide()
        self.footer.setEnabled(self.content.isEnabled())   # signed in or not, as the rest of the till
        column.addWidget(self.scroll, 1)
        column.addWidget(self.footer)
        focus = self.focusWidget()
        self.takeCentralWidget()
        self.setCentralWidget(frame)
        self.scroll.setWidget(self.content)
        if focus is not None and self.content.isAncestorOf(focus):
            focus.setFocus()   # taking the content out cleared its focus: a scan at once would go to the scroll area
        if self.bridge is not None:   # attached: the Qt namespace may be used (see attach)
            from PySide6 import QtCore

            self.scroll.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)

    def resizeEvent(self, event) -> None:
        self._lay_out_for(event.size().width(), event.size().height())
        super().resizeEvent(event)

    def _lay_out_for(self, width: int, height: int) -> None:
        if self.scroll is None and height < SCROLL_BELOW:   # a wide but low screen scrolls too
            self._scrolling()
        if (width < COMPACT_BELOW) != self.compact:
            self.set_compact(width < COMPACT_BELOW)

    # -------------------------------------------------------------- building

    def _build_status_bar(self) -> None:
        bar = self.statusBar()
        self.connectivity_label = QLabel()
        self.connectivity_label.setAccessibleName(self.tr("Engage connection"))
        self.queue_label = QLabel()
        self.queue_label.setAccessibleName(self.tr("Offline queue"))
        self.attention_label = QLabel()
        self.attention_label.setAccessibleName(self.tr("Needs attention"))
        self.busy_label = QLabel()
        self.person_label = QLabel()
        self.person_label.setObjectName("signedIn")
        self.person_label.setAccessibleName(self.tr("Signed in"))
        bar.addPermanentWidget(self.person_label)
        for label in (self.connectivity_label, self.queue_label, self.attention_label):
            bar.addWidget(label)
        bar.addPermanentWidget(self.busy_label)
        # Room between the parts; margins rather than a "QStatusBar QLabel" rule, which every label in the
        # window would be matched against.
        for label in (self.connectivity_label, self.queue_label, self.attention_label, self.busy_label):
            label.setContentsMargins(10, 0, 10, 0)
        # The status bar never makes the window wider than its screen (a strip says each part short instead).
        for label in (self.connectivity_label, self.queue_label, self.attention_label, self.busy_label,
                      self.person_label):
            label.setMinimumWidth(1)

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

    def _kiosk_ready(self) -> None:
        """Kiosk tills run without a window manager: nobody gives the window the focus back when a dialog
        closes, and window shortcuts stop working. The shortcuts are application-wide, and the focus goes back
        to where it was when one of the till's dialogs closes. (Set when attached: the Qt namespace this needs
        is not built while the window is first drawn.)"""
        from PySide6 import QtCore
        from PySide6.QtGui import QAction
        from PySide6.QtWidgets import QApplication

        for action in self.findChildren(QAction):
            action.setShortcutContext(QtCore.Qt.ShortcutContext.ApplicationShortcut)
        QApplication.instance().focusChanged.connect(self._on_focus_changed)

    def _on_focus_changed(self, old, new) -> None:
        if self.scroll is not None and new is not None and self.content.isAncestorOf(new):
            # A strip scrolls: the field a key sent the cashier to (F5: the article's number) comes into view.
            # After the events already queued (a layout pass may still move it).
            QTimer.singleShot(0, lambda: self._bring_into_view(new))
        if old is not None and old.window() is self and new is not None and new.window() is not self:
            self._focus_before_dialog = old   # a dialog of the till took the focus
        if new is None and old is not None and old.window() is not self and self.isVisible():
            QTimer.singleShot(0, self._restore_focus)

    def _bring_into_view(self, widget: QWidget) -> None:
        """The whole of ``widget`` in the strip's view (ensureWidgetVisible shows a field's cursor, not the field)."""
        if self.scroll is not None and widget.isVisible() and self.content.isAncestorOf(widget):
            middle = widget.mapTo(self.content, widget.rect().center())
            self.scroll.ensureVisible(middle.x(), middle.y(), 0, widget.height() // 2 + 8)

    def _restore_focus(self) -> None:
        from PySide6.QtWidgets import QApplication

        if QApplication.focusWidget() is not None or QApplication.activeModalWidget() is not None:
            return   # someone (a window manager, another dialog) took care of it
        self.activateWindow()
        self.raise_()
        target = self._focus_before_dialog
        (target if target is not None and target.isVisible() and target.isEnabled() else self.customer.input).setFocus()

    def _build_menu_titles(self, demo: bool) -> dict:
        bar = self.menuBar()
        menus = {"sale": bar.addMenu(self.tr("&Sale"))}
        if demo:
            menus["demo"] = bar.addMenu(self.tr("&Demo"))
        menus["manager"] = bar.addMenu(self.tr("&Manager"))
        menus["help"] = bar.addMenu(self.tr("&Help"))
        return menus

    def _build_menus(self) -> None:
        from importlib import import_module

        sale = self._menus["sale"]
        self._action(sale, self.tr("Find customer"), "F2", self.focus_identify)
        self._action(sale, self.tr("Register new customer"), "F3", self.register_new)
        self._action(sale, self.tr("Promotions and vouchers"), "F4", self.customer.offers.setFocus)
        add_article = self._action(sale, self.tr("Add an article"), "F5", self.basket.sku.setFocus)
        self._action(sale, self.tr("Orders…"), "F6", self.open_orders)
        self._action(sale, self.tr("Return against a sale…"), "F7",  # loaded when first opened, like the others
                     lambda: import_module("pos_engage.qt.views.return_dialog").open_return_dialog(self))
        part_payment = self._action(sale, self.tr("Take part payment"), "F8", self.take_payment)
        self.finish_action = self._action(sale, self.tr("Finish sale"), "F9", self.finish)
        new_sale = self._action(sale, self.tr("New sale"), "F12", self.new_sale)
        # In linked mode the POS owns articles and payment: these are off (show_pos_sale).
        self.own_basket_actions = (add_article, part_payment, self.finish_action, new_sale)
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
        customer.register_requested.connect(self.open_register)
        customer.offer_toggled.connect(self._on_customer_offer_toggled)
        customer.edit_requested.connect(self.open_edit)
        customer.upgrade_requested.connect(bridge.upgrade_to_member)
        customer.purchases_requested.connect(bridge.load_purchases)
        customer.candidate_picked.connect(bridge.pick_candidate)
        bridge.purchases_loaded.connect(customer.show_purchases)
        basket.line_added.connect(bridge.add_line)
        basket.line_removed.connect(bridge.remove_line)
        basket.quantity_changed.connect(bridge.change_quantity)
        # The change due stays on screen until the next customer starts.
        basket.line_added.connect(lambda _line: basket.clear_change())
        customer.identify_requested.connect(lambda _text, _scanned: basket.clear_change())
        # A problem's message stays only while it is the latest thing that happened.
        customer.identify_requested.connect(self._clear_problem)
        basket.line_added.connect(self._clear_problem)
        bridge.payment_taken.connect(self._clear_problem)
        bridge.sale_recorded.connect(self._clear_problem)
        basket.payment_requested.connect(bridge.take_payment)
        basket.payments_cleared.connect(bridge.clear_payments)
        bridge.payment_taken.connect(self._on_bridge_payment_taken)
        basket.finish_requested.connect(lambda _method: self.finish())
        basket.problem.connect(self._on_problem)
        bridge.identified.connect(customer.show_outcome)
        bridge.basket_changed.connect(basket.show_basket)
        bridge.status_changed.connect(self._on_bridge_status_changed)
        bridge.busy_changed.connect(self._on_bridge_busy_changed)
        bridge.failed.connect(self._on_problem)
        bridge.sale_recorded.connect(self._on_bridge_sale_recorded)
        bridge.offers_refused.connect(lambda sale: basket.ask_about_refused(sale, bridge.resolve_refused))
        bridge.sale_delivered.connect(self._on_bridge_sale_delivered)
        bridge.registered.connect(self._on_bridge_registered)
        bridge.inbox_loaded.connect(self._on_bridge_inbox_loaded)
        bridge.refresh_status()

    # -------------------------------------------------------------- actions

    def focus_identify(self) -> None:
        self.customer.input.setFocus()
        self.customer.input.selectAll()

    def finish(self) -> None:
        """F9 / Finish: an amount typed first (cash given, say) is taken as a payment, then the rest is paid by the
        chosen tender."""
        from decimal import InvalidOperation

        if self.linked or not self.basket.finish_button.isEnabled():
            return
        method = self.basket.method()
        try:
            given = self.basket.typed_amount()
        except InvalidOperation:
            self._on_problem(self.tr("The amount is not a number"))
            return
        if given is not None:
            if not self.bridge.take_payment(method, given):
                return   # said why (failed); nothing finished
            self.basket.amount.clear()
        self.bridge.finish(method)

    def take_payment(self) -> None:
        """F8: with an amount typed, take it; otherwise go to the amount field first."""
        if not self.basket.take_payment_button.isEnabled():
            return
        if self.basket.amount.text().strip():
            self.basket.take_payment()
        else:
            self.basket.amount.setFocus()

    def new_sale(self) -> None:
        """F12: void this sale and start the next. An empty till starts at once; a sale asks first, and with
        payments taken a manager's code is needed. Every void of a sale is audited."""
        basket = self.bridge.basket
        if not basket.lines and self.bridge.customer is None:
            self._start_next_sale()
            return
        if basket.payments:
            question = self.tr("Payments of {0} are taken for this sale. Void it anyway? A manager's code is "
                               "needed, and the payments must be given back.").format(
                money(basket.paid_so_far, basket.currency))
        else:
            question = (self.tr("Void this sale (1 line) and start a new one?") if len(basket.lines) == 1 else
                        self.tr("Void this sale ({0} lines) and start a new one?").format(len(basket.lines)))
        self.confirm(self.tr("Void the sale?"), question, self.tr("Void the sale"),
                     lambda: self._void_confirmed(bool(basket.payments)))

    def _void_confirmed(self, payments_taken: bool, ask_pin=None) -> None:
        basket = self.bridge.basket
        actor = self.cashier or "cashier"
        if payments_taken:
            from pos_engage.core.office.queue import ManagerActions

            service = self.bridge.service
            answer = self.ask_manager(ask_pin)
            if answer is None:
                return
            try:
                manager = ManagerActions(service.journal, till=service.config.till_id,
                                         people=self.people).verify(answer[1], by=answer[0], purpose="void")
            except PosEngageError as problem:
                self._on_problem(shown(problem))
                return
            actor = manager.actor
        detail = f"{len(basket.lines)} lines, total {basket.total:.2f}, paid {basket.paid_so_far:.2f}"
        self.bridge.service.journal.audit("void", actor=actor, till=self.bridge.service.config.till_id, detail=detail)
        self._start_next_sale()

    def _start_next_sale(self) -> None:
        self.bridge.new_sale()
        self.customer.clear()
        self.basket.sale_status.clear()
        self.basket.clear_change()
        self.basket.reset_method()
        self.focus_identify()

    def confirm(self, title: str, question: str, yes_text: str, on_yes) -> None:
        """Ask before something that cannot be taken back; ``on_yes`` runs only on the explicit answer. The
        focus comes back to where it was (kiosk tills have no window manager to do it)."""
        from PySide6.QtWidgets import QMessageBox

        focus = self.focusWidget()
        box = QMessageBox(QMessageBox.Icon.Question, title, question, QMessageBox.StandardButton.NoButton, self)
        yes = box.addButton(yes_text, QMessageBox.ButtonRole.AcceptRole)
        no = box.addButton(self.tr("Go back"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(no)   # Enter pressed by habit changes nothing
        box.yes_button, box.no_button = yes, no

        def answered(_result) -> None:
            self.confirm_box = None
            if focus is not None:
                focus.setFocus()
            if box.clickedButton() is yes:
                on_yes()

        box.finished.connect(answered)
        self.confirm_box = box
        box.open()

    def register_new(self) -> None:
        """F3: with a customer identified, ask first (the sale's offers go with her); never prefill what was
        scanned into a field it does not belong in."""
        if self.bridge is not None and self.bridge.customer is not None:
            self.confirm(self.tr("Register a new customer?"),
                         self.tr("{0} is the customer of this sale. Register someone else instead? The offers "
                                 "applied for {0} are taken off the sale.").format(self.customer.name.text()),
                         self.tr("Register someone new"), lambda: self.open_register(""))
            return
        self.open_register(self.customer.input.text())

    def open_register(self, prefill: str = "") -> None:
        from pos_engage.qt.views.register_dialog import RegisterDialog

        dialog = RegisterDialog(prefill, self.cashier, self, default_country_code=self.country_code)
        self.register_dialog = dialog

        def submit() -> None:
            contact = dialog.contact()
            if contact is not None:
                dialog.ok_button.setEnabled(False)  # one registration per click, however fast the clicks
                self.bridge.register(contact, dialog.consent())

        dialog.buttons.accepted.connect(submit)
        dialog.finished.connect(lambda _result: setattr(self, "register_dialog", None))
        hint = dialog.sizeHint()
        sized_to_screen(dialog, hint.width(), hint.height())   # on the screen, whatever its size
        dialog.open()

    def open_edit(self) -> None:
        if self.bridge.customer is None or self.bridge.customer.contact is None:
            return
        from pos_engage.qt.views.register_dialog import RegisterDialog

        dialog = RegisterDialog("", self.cashier, self, contact=self.bridge.customer.contact,
                                default_country_code=self.country_code)
        self.register_dialog = dialog

        def submit() -> None:
            values = dialog.checked_values()
            if values is not None:
                dialog.ok_button.setEnabled(False)
                self.bridge.update_details(values)

        dialog.buttons.accepted.connect(submit)
        dialog.finished.connect(lambda _result: setattr(self, "register_dialog", None))
        hint = dialog.sizeHint()
        sized_to_screen(dialog, hint.width(), hint.height())   # on the screen, whatever its size
        dialog.open()

    # -------------------------------------------------------------- who is at the till

    @property
    def people(self):
        """Sign-in and codes for this till (core/office/people.People), once the till is attached."""
        if self._people is None and self.bridge is not None:
            from pos_engage.core.office.people import People

            service = self.bridge.service
            self._people = People(service.journal, till=service.config.till_id, sign_in=service.config.till.sign_in)
        return self._people

    def _start_sign_in(self) -> None:
        if self.people.problem is not None:  # IT's staff list cannot be read: nobody can sign in; say why
            self._signed_in(None)
            self._on_problem(shown(self.people.problem))
            return
        if self.people.sign_in_required:
            self._signed_in(None)
            self.open_sign_in()
        else:
            self.cashier = self.cashier or self.people.shared.actor
            self.bridge.cashier = self.bridge.cashier or self.cashier
            self._show_person(self.tr("Shared till: {0}").format(self.cashier), self.cashier)

    def open_sign_in(self) -> None:
        """Sign in / change cashier (Ctrl+L): the staff number and code, checked (and audited) by core."""
        from pos_engage.qt.views.sign_in_dialog import CodeDialog

        people = self.people
        if people is None or not people.has_directory:
            self._on_problem(self.tr("Nobody signs in at this till: IT keeps no staff list"))
            return
        # Cancel leaves the sale locked until someone signs in (the till can still be closed).
        dialog = CodeDialog(self, staff_number=True, check=self.sign_in)
        self.sign_in_dialog = dialog
        dialog.finished.connect(lambda _result: setattr(self, "sign_in_dialog", None))
        dialog.open()

    def sign_in(self, staff_id: str | None, code: str) -> str | None:
        """Check the code; on success this person is the cashier from now on. Returns what was wrong, or None."""
        try:
            person = self.people.sign_in(staff_id or "", code, replacing=self.person)
        except PosEngageError as problem:
            return shown(problem)
        self._signed_in(person)
        return None

    def _signed_in(self, person) -> None:
        self.person = person
        self.cashier = person.actor if person else ""
        if self.bridge is not None:
            self.bridge.cashier = self.cashier  # what the bridge passes on names the person, not the PC
        for part in (self.content, self.footer):   # no sale, no customer until someone signs in
            if part is not None:
                part.setEnabled(person is not None)
        if person is not None:
            self._show_person(self.tr("Signed in: {0}").format(person.actor), person.actor)
        else:
            self._show_person(self.tr("Nobody signed in: Ctrl+L"), "Ctrl+L")
        if person is not None:
            self.focus_identify()

    def _show_person(self, whole: str, short: str) -> None:
        """Who is at the till; a narrow strip shows the name alone (the whole sentence is the tooltip)."""
        self._person_texts = (whole, short)
        self.person_label.setText(short if self.compact else whole)
        self.person_label.setToolTip(whole)

    def ask_manager(self, ask_pin=None):
        """A manager's code for something outside the queue view (Settings): the person, or None."""
        from pos_engage.qt.views.queue_view import ask_pin_dialog
        from pos_engage.qt.views.sign_in_dialog import split_code

        answer = (ask_pin or self.ask_pin or (lambda: ask_pin_dialog(self, self.people.has_directory)))()
        return None if answer is None else split_code(answer)

    def open_queue(self) -> None:
        """The manager's queue, in its own window (actions there ask for a manager's code)."""
        if getattr(self, "queue_view", None) is None:
            from pos_engage.core.office.queue import ManagerActions
            from pos_engage.core.paths import data_paths
            from pos_engage.qt.models.journal_model import JournalModel
            from pos_engage.qt.queue_bridge import QueueBridge
            from pos_engage.qt.views.queue_view import QueueView

            service = self.bridge.service
            config = service.config
            exports = data_paths(config.data_dir).exports
            self.queue_view = QueueView(
                JournalModel(service.journal), ManagerActions(service.journal, till=config.till_id,
                                                              people=self.people), export_folder=exports,
                store=config.store_external_id, till=config.till_id, on_changed=self.bridge.refresh_status,
                long_actions=QueueBridge(service.journal, service.replayer, config, exports, self))
            sized_to_screen(self.queue_view, 1100, 700)
            self._queue_figures = None
        self.queue_view.show()
        self.queue_view.raise_()

    def open_settings(self, ask_pin=None) -> None:
        """Settings need a manager's code; saved settings take effect at the next start (audited under that
        manager's name)."""
        from pos_engage.core.config_files import save_changes
        from pos_engage.core.credentials import ENGAGE_API_KEY, set_secret
        from pos_engage.core.office.queue import ManagerActions
        from pos_engage.qt.views.settings_dialog import SettingsDialog

        service = self.bridge.service
        actions = ManagerActions(service.journal, till=service.config.till_id, people=self.people)
        answer = self.ask_manager(ask_pin)
        if answer is None:
            return
        try:
            manager = actions.verify(answer[1], by=answer[0], purpose="settings")
        except PosEngageError as problem:
            self._on_problem(shown(problem))
            return

        from pos_engage.configuration import settings_layers

        locked, target = settings_layers()

        def save(changes: dict, api_key: str) -> str | None:
            if not changes and not api_key:
                return None  # nothing changed: nothing to write, nothing to audit
            try:
                save_changes(target, changes)
                if api_key:
                    set_secret(ENGAGE_API_KEY, api_key)
            except PosEngageError as problem:
                return shown(problem)
            service.journal.audit("settings", actor=manager.actor, till=service.config.till_id,
                                  detail=", ".join(sorted(changes)))
            self.basket.sale_status.setText(self.tr("Settings saved: they take effect when pos-engage starts again"))
            return None

        dialog = SettingsDialog(service.config, on_test=self.bridge.test_connection, on_save=save, locked=locked,
                                parent=self)
        self.bridge.connection_tested.connect(dialog.show_test)
        self.settings_dialog = dialog
        dialog.open()

    def show_help(self) -> None:
        """F1: every shortcut, in a dialog that fits the screen (a message box grew taller than a 480 x 800 strip
        in Swedish, its Close button below the screen); the list scrolls when the screen is low. A grid of labels,
        not a rich-text table, so that the descriptions wrap to the width there is."""
        from PySide6.QtWidgets import QDialog, QDialogButtonBox, QGridLayout

        box = QDialog(self)
        box.setWindowTitle(self.tr("Keyboard shortcuts"))
        box.setAccessibleName(self.tr("Keyboard shortcuts"))
        layout = QVBoxLayout(box)
        listing = QWidget()
        grid = QGridLayout(listing)
        grid.setColumnStretch(1, 1)
        for row, (key, text) in enumerate(SHORTCUTS):
            key_label, words = QLabel(f"<b>{key}</b>"), QLabel(self.tr(text))
            words.setWordWrap(True)
            words.setAccessibleName(key)
            grid.addWidget(key_label, row, 0)
            grid.addWidget(words, row, 1)
        scroll = QScrollArea(box)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QScrollArea.Shape.NoFrame)
        scroll.setWidget(listing)
        layout.addWidget(scroll, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, box)
        buttons.rejected.connect(box.reject)
        layout.addWidget(buttons)
        listed = "".join(f"<b>{key}</b> {self.tr(text)}\n" for key, text in SHORTCUTS)
        box.text = lambda: listed   # what it lists (read as a message box's text is)
        self.help_box = box
        width = 560
        needed = grid.totalHeightForWidth(width - 40) if grid.hasHeightForWidth() else listing.sizeHint().height()
        sized_to_screen(box, width, needed + buttons.sizeHint().height() + 50)
        box.open()

    # -------------------------------------------------------------- bridge signals

    def _on_customer_offer_toggled(self, offer, applied: bool) -> None:
        if applied:
            if not self.bridge.apply_offer(offer):
                self.customer.uncheck(offer)
        else:
            self.bridge.release_offer(offer.id)

    def _on_bridge_registered(self, outcome: RegisterOutcome) -> None:
        dialog = getattr(self, "register_dialog", None)
        if outcome.existing is not None and dialog is not None:  # Engage holds her already: the cashier decides
            dialog.ask_about_existing(outcome, self.bridge.confirm_registration)
            return
        if outcome.customer is None:
            if dialog is not None:
                dialog.ok_button.setEnabled(True)
                dialog.show_errors(outcome.field_errors, outcome.message if not outcome.field_errors else "")
            return
        if dialog is not None:
            dialog.accept()
        self.customer.show_customer(outcome.customer, outcome.message)
        self.basket.sku.setFocus()

    def _on_bridge_inbox_loaded(self, message: str) -> None:
        self.basket.sale_status.setText(message)
        self.focus_identify()

    def _on_bridge_sale_recorded(self, sale) -> None:
        self.customer.clear()
        self.basket.reset_method()
        self.basket.sale_status.setText(self.tr("Sale {0} saved ({1}); sending to Engage…").format(
            sale.receipt_id, money(sale.total, self.bridge.basket.currency)))
        self.focus_identify()  # the sale is safe in the journal: the next customer can be scanned at once

    def _on_bridge_payment_taken(self, change) -> None:
        self.basket.show_change(change)

    def _on_bridge_sale_delivered(self, receipt_id: str, status: str) -> None:
        text = (self.tr("✔ Sale {0}: sent to Engage") if status == "sent" else
                self.tr("↻ Sale {0}: queued, will be sent when Engage answers")).format(receipt_id)
        # No focus change here: by now the cashier may be typing the next customer's key.
        self.basket.sale_status.setText(text)

    def _on_bridge_status_changed(self, status: StatusSnapshot) -> None:
        queue = getattr(self, "queue_view", None)
        if queue is not None and queue.isVisible() and status.figures != self._queue_figures:
            self._queue_figures = status.figures  # the journal changed: show it
            queue.refresh()
        self._follow_orders(status.figures)
        self._status = status
        icon, words = CONNECTIVITY_TEXT[status.connectivity]
        whole = f"{icon} {self.tr(words)}"
        short = f"{icon} {self.tr(CONNECTIVITY_SHORT[status.connectivity])}"
        self.connectivity_label.setText(short if self.compact else whole)
        self.connectivity_label.setToolTip("\n".join(filter(None, (whole, status.detail))))
        figures = status.figures
        if figures.pending:
            queue = self.tr("Queue: {0} waiting, oldest {1}").format(figures.pending, age_text(status.oldest_age))
            self.queue_label.setText(self.tr("Queue: {0}").format(figures.pending) if self.compact else queue)
            self.queue_label.setToolTip(queue)
        else:
            self.queue_label.setText(self.tr("Queue: 0") if self.compact else self.tr("Queue: empty"))
        problems = figures.needs_attention + figures.conflicts
        attention = self.tr("⚠ {0} need attention, {1} conflicts: tell the manager").format(
            figures.needs_attention, figures.conflicts) if problems else ""
        self.attention_label.setText(f"⚠ {problems}" if self.compact and problems else attention)
        self.attention_label.setToolTip(attention)

    def _on_bridge_busy_changed(self, busy: bool) -> None:
        self.busy_label.setText(self.tr("Working…") if busy else "")
        self.customer.find_button.setEnabled(not busy)

    def _clear_problem(self, *_args) -> None:
        """A problem's message goes once its situation has ended (the next thing worked, a new customer)."""
        if self._problem_shown:
            self._problem_shown = False
            self.customer.message.clear()

    def _on_problem(self, message: str) -> None:
        self._problem_shown = True
        self.customer.message.setProperty("tone", "warning")
        self.customer.message.setText(shown(message))
        self.customer.message.style().polish(self.customer.message)
        QTimer.singleShot(0, self.customer.message.update)

