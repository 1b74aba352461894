"""The till window's focus part. Kiosk tills run without a window manager: the till's shortcuts are made
application-wide, the focus goes back where it was when one of the till's dialogs closes, and in a strip that
scrolls the field the focus goes to is brought into view. When the POS's sale ends or the next one opens (linked
mode), the focus goes back to the identify field, and a digit typed in the offer list goes there too: a
scanner's keys are never lost in a list that has no use for them. A mixin of MainWindow.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget

DIGITS = frozenset("0123456789")


class DigitsToIdentify(QObject):
    """On the offer list: a digit goes to the identify field, the field's text selected so that the scan replaces
    the last customer's key (the list has no use for digits; a card scanned there after picking an offer went
    nowhere). Letters, Space (apply an offer) and the arrows stay the list's."""

    def __init__(self, window) -> None:
        super().__init__(window)
        self.window = window

    def eventFilter(self, watched, event) -> bool:  # Qt override: camelCase
        if event.type() != QEvent.Type.KeyPress or event.text() not in DIGITS or len(event.text()) != 1:
            return False
        from PySide6 import QtCore
        from PySide6.QtGui import QKeyEvent
        from PySide6.QtWidgets import QApplication

        if event.modifiers() & ~(QtCore.Qt.KeyboardModifier.KeypadModifier | QtCore.Qt.KeyboardModifier.ShiftModifier):
            return False   # Ctrl+1 and the like are shortcuts, not a scan
        field = self.window.customer.input
        self.window.focus_identify()
        QApplication.sendEvent(field, QKeyEvent(event.type(), event.key(), event.modifiers(), event.text(),
                                                event.isAutoRepeat(), event.count()))
        return True


class FocusWindowPart:
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
        self._digits_to_identify = DigitsToIdentify(self)
        self.customer.offers.installEventFilter(self._digits_to_identify)

    def return_to_identify(self) -> None:
        """The next customer's scan goes to the identify field (the POS's sale ended or the next one opened),
        unless a dialog, a menu or another of the till's windows has the focus, or the cashier is typing there."""
        from PySide6.QtWidgets import QApplication

        if QApplication.activeModalWidget() is not None or QApplication.activePopupWidget() is not None:
            return
        focus = QApplication.focusWidget()
        if focus is self.customer.input or (focus is not None and focus.window() is not self):
            return
        if not self.customer.input.isEnabled():
            return   # not signed in yet
        self.focus_identify()

    def _on_focus_changed(self, old, new) -> None:
        if self.scroll is not None and new is not None and self.content.isAncestorOf(new):
            # A strip scrolls: the field a key sent the cashier to (F5: the article's number) comes into view.
            # After the events already queued (a layout pass may still move it).
            QTimer.singleShot(0, lambda: self._bring_into_view(new))
        if old is not None and old.window() is self and new is not None and new.window() is not self:
            self._focus_before_dialog = old   # a dialog of the till took the focus
        if new is None and old is not None and old.window() is not self and self.isVisible() \
                and self._opened_from_here(old.window()):
            QTimer.singleShot(0, self._restore_focus)

    def _opened_from_here(self, window: QWidget) -> bool:
        """Whether ``window`` (one that just let go of the focus) is this window's own: a dialog or window opened
        from it. One opened from another of the till's windows (the queue's code dialog) gives the focus back to
        that window, not to this one (helper B: the queue fell behind the main window after its code dialog)."""
        parent = window.parentWidget()
        return parent is None or parent.window() is self

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
