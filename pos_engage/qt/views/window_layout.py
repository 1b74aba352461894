"""The till window's layout part: where the window opens and how big (fitted to its screen), wide or one column
(compact) by its width, its content in a scroll area when the screen is low or narrow, and where a linked POS's sale
shows (the basket slot when wide, below the identify row in one column). A mixin of MainWindow; like the window,
nothing here that runs while the window is first drawn touches PySide6's "Qt" namespace (see main_window).
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QBoxLayout, QScrollArea, QVBoxLayout, QWidget

# A window manager's title bar and borders, which resize() does not count (a strip's window was 482 px wide with
# openbox's borders on a 480 px screen).
FRAME_ROOM = 40
FRAME_SIDES = 4
# Narrower than this, the till is one column (a side strip beside the POS, a small screen).
COMPACT_BELOW = 1000
# Lower than this, the window's content scrolls (wide or not): the wide layout needs about this much.
SCROLL_BELOW = 700
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


class ViewHeight(QObject):
    """On a strip's scroll view: when its height changes (the window resized, the footer laid out), the basket's
    lines are fitted to it again (LayoutWindowPart.fit_basket_lines)."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window

    def eventFilter(self, watched, event) -> bool:  # Qt override: camelCase
        if event.type() == QEvent.Type.Resize and event.size().height() != event.oldSize().height():
            self.window.fit_basket_lines()
        return False


class LayoutWindowPart:
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

    def show_pos_sale(self, widget: QWidget) -> None:
        """Linked mode (a POS is linked): the POS's sale is shown, read-only, in the basket slot (wide) or below
        the identify row (one column, _place_pos_sale); the till's own article and payment entry (and their
        shortcuts) are off until ``show_own_basket``."""
        if self.pos_sale is not widget:
            if self.pos_sale is not None:
                self.customer.hold_sale(None)
                self.basket_stack.removeWidget(self.pos_sale)
                self.pos_sale.hide()
            self.pos_sale = widget
            self.basket_stack.addWidget(widget)
        self.linked = True
        self._basket_takes_room(False)
        self.fit_basket_lines()   # the till's own lines, hidden, ask for no height
        self._enable_own_basket_actions(False)
        self._place_pos_sale()
        self._place_pos_summary()
        self._show_footer()

    def show_own_basket(self) -> None:
        """Back to the till's own basket (no POS linked, or the link ended)."""
        self.linked = False
        self._place_pos_sale()
        self.basket_stack.setCurrentWidget(self.basket)
        self._basket_takes_room(True)
        self._enable_own_basket_actions(True)
        self._show_footer()
        self.fit_basket_lines()

    def _place_pos_sale(self) -> None:
        """Where a linked POS's sale shows. Wide: in the basket slot beside the customer. One column: below the
        identify row, above the customer card (the basket slot, with nothing to show then, is hidden): at 800×600
        the POS's lines came after the card and the offers, off screen, and the cashier scrolled to see what the
        POS rang up; the identify field stays on top, where the next scan goes."""
        sale = self.pos_sale
        if sale is None:
            return
        in_column = self.compact and self.linked
        if in_column:
            if self.basket_stack.indexOf(sale) >= 0:
                self.basket_stack.removeWidget(sale)
            self.customer.hold_sale(sale)
        else:
            self.customer.hold_sale(None)
            if self.basket_stack.indexOf(sale) < 0:
                self.basket_stack.addWidget(sale)
            if self.linked:
                self.basket_stack.setCurrentWidget(sale)
        self.basket_stack.setVisible(not in_column)

    def _basket_takes_room(self, takes: bool) -> None:
        """A stack is as tall as its tallest page, shown or not: while the POS's sale is shown, the till's own
        basket (hidden) asks for no height, or a strip had half a screen of nothing below the POS's lines."""
        from PySide6.QtWidgets import QSizePolicy

        policy = self.basket.sizePolicy()
        policy.setVerticalPolicy(QSizePolicy.Policy.Preferred if takes else QSizePolicy.Policy.Ignored)
        self.basket.setSizePolicy(policy)

    def _enable_own_basket_actions(self, enabled: bool) -> None:
        from PySide6.QtCore import QCoreApplication

        for action in getattr(self, "own_basket_actions", ()):
            action.setEnabled(enabled)
        returns = getattr(self, "return_action", None)
        if returns is not None:   # greyed, it says where returns are made meanwhile
            returns.setText(QCoreApplication.translate("MainWindow", "Return against a sale…") if enabled else
                            QCoreApplication.translate("MainWindow", "Returns: made at the POS while it is linked"))

    def _place_pos_summary(self) -> None:
        """A linked POS's totals and status: below what scrolls in a strip, below its lines when wide."""
        if self.pos_sale is None:
            return
        if hasattr(self.pos_sale, "set_compact"):
            self.pos_sale.set_compact(self.compact)
        if self.compact and self.footer is not None:
            if self.pos_sale.summary.parentWidget() is not self.footer:
                self.footer.layout().addWidget(self.pos_sale.take_summary())
        elif not self.compact:
            self.pos_sale.keep_summary()

    def set_compact(self, compact: bool) -> None:
        """One column (compact) or side by side (wide); chosen by the window's width in resizeEvent."""
        self.compact = compact
        if compact and self.scroll is None:
            self._scrolling()
        if self._status is not None:
            self._on_bridge_status_changed(self._status)
        if getattr(self, "_person_texts", None):
            self._show_person(*self._person_texts)
        marker = getattr(self, "demo_marker", None)
        if marker is not None:   # the whole sentence stays its tooltip
            from PySide6.QtCore import QCoreApplication

            marker.setText(QCoreApplication.translate("MainWindow", "DEMO: Engage simulator, demo data only")
                           if compact else marker.toolTip())
        self.parts.setDirection(QBoxLayout.Direction.TopToBottom if compact else QBoxLayout.Direction.LeftToRight)
        for part in (self.customer, self.basket):
            if hasattr(part, "set_compact"):
                part.set_compact(compact)
        self._place_pos_sale()
        # A strip scrolls; "to pay", Finish and the change to give back stay in view below what scrolls.
        if compact:
            self.footer.layout().addWidget(self.basket.take_summary())
        else:
            self.basket.keep_summary()
        self._place_pos_summary()
        self._show_footer()
        self.fit_basket_lines()

    def _show_footer(self) -> None:
        """In a strip, the own basket's "to pay" and Finish, or a linked POS's totals and status, never scroll."""
        if self.footer is None:
            return
        self.footer.setVisible(self.compact)
        if self.compact:
            self.basket.summary.setVisible(not self.linked)
            if self.pos_sale is not None:
                self.pos_sale.summary.setVisible(self.linked)

    def show_basket_line(self, row: int) -> None:
        """A strip scrolls to the basket's line ``row`` (the one just added), once the basket is laid out for it:
        at 800×600 only the total changed, the new line below the strip's view. The field below which it shows
        (the article's number, where the next scan goes) stays in view when the strip has room for both."""
        if self.scroll is None or not self.compact:
            return
        from PySide6.QtCore import QTimer

        QTimer.singleShot(0, lambda: self._bring_line_into_view(row))

    def _bring_line_into_view(self, row: int) -> None:
        table = self.basket.table
        if self.scroll is None or row >= table.rowCount() or not table.isVisible():
            return
        from PySide6.QtCore import QPoint

        # By the row, not a cell: a strip hides the table's first column (its cells have no place on screen).
        top = table.viewport().mapTo(self.content, QPoint(0, table.rowViewportPosition(row))).y()
        # The row's bottom at the view's bottom: scrolled no further than it takes, the entry above stays.
        self.scroll.ensureVisible(0, top + table.rowHeight(row), 0, 8)
        self.scroll.ensureVisible(0, top, 0, 8)

    def fit_basket_lines(self) -> None:
        """The own basket's lines as tall as a strip's view leaves below the article entry (BasketPanel.
        fit_lines_to_view), once the window is laid out for its size; wide, as the layout gives them."""
        basket = getattr(self, "basket", None)   # a window placed as it is built scrolls before it has a basket
        if basket is None:
            return
        strip = self.compact and self.scroll is not None and not self.linked
        basket.fit_lines_to_view(self.scroll.viewport().height() if strip else None)

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
        self.scroll.viewport().installEventFilter(ViewHeight(self))
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

    def _lay_out_for(self, width: int, height: int) -> None:
        if self.scroll is None and height < SCROLL_BELOW:   # a wide but low screen scrolls too
            self._scrolling()
        self.basket.follow_window_width(width)   # before set_compact arranges the totals for that width
        if (width < COMPACT_BELOW) != self.compact:
            self.set_compact(width < COMPACT_BELOW)
