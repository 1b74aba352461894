"""How the queue window shares its height and width and lets go of the keyboard: the details pane gets the height
the table's rows leave (at least eight lines: at 1024×768 it showed three; in a smaller window the table gives up
rows for them, down to four, since at 800×600 the details showed three lines and a fourth cut mid-text), "What to
do" the table's width as soon as it is known, and Escape closes the window, the till's window taking the keyboard
back (the cashier's next typing went into the queue). A mixin of QueueView (its splitter, table and details); a
dialog of the queue's own (a manager's code, a reason) takes Escape itself while it is open.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QMainWindow, QSplitter

from pos_engage.qt.views.queue_table import widen_what_to_do

ROWS_SEEN = 7          # the table's rows on screen at 768 px high
FEWEST_ROWS = 4        # what the table keeps when a small window wants the details' lines (800×600)
DETAILS_LINES = 8      # what it is, who rang it up, what to do and the summary begin to show


class SharedSplitter(QSplitter):
    """The table above, the details below, their heights shared again each time the splitter is resized (also when
    the buttons below take another row, which does not resize the window)."""

    def __init__(self, share) -> None:
        super().__init__(Qt.Orientation.Vertical)
        self._share = share

    def resizeEvent(self, event) -> None:  # Qt override: camelCase
        super().resizeEvent(event)
        self._share()


class QueueFit:
    def _set_up_fit(self) -> None:
        self._user_moved_splitter = False
        self.splitter.splitterMoved.connect(self._on_splitter_moved)
        self.details.setMinimumHeight(self._lines_high(3))
        # "What to do" is sized from the table's visible width: when that width is known (the first showing left
        # it at its least, WHAT_TO_DO_WIDTH: the width was read before the table was laid out), and each time it
        # changes.
        self.table.viewport().installEventFilter(self)
        # Window-wide: the queue's own dialogs are windows of their own, so Escape there cancels the dialog only.
        closer = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        closer.setContext(Qt.ShortcutContext.WindowShortcut)
        closer.activated.connect(self.close)
        self.escape_shortcut = closer

    def eventFilter(self, watched, event) -> bool:  # Qt override: camelCase
        if event.type() == QEvent.Type.Resize and watched is self.table.viewport():
            widen_what_to_do(self.table, self.model)
        return super().eventFilter(watched, event)

    def _on_splitter_moved(self, *_) -> None:
        self._user_moved_splitter = True   # the manager's own choice is kept

    def _lines_high(self, lines: int) -> int:
        margins = self.details.contentsMargins()
        frame = 2 * self.details.frameWidth() + margins.top() + margins.bottom()
        return lines * self.details.fontMetrics().lineSpacing() + frame + 8

    def share_height(self) -> None:
        """The table ROWS_SEEN rows, fewer (down to FEWEST_ROWS) when the details would get less than DETAILS_LINES
        lines, the details the rest: at 1024×768 that is DETAILS_LINES lines and more, at 800×600 DETAILS_LINES."""
        if getattr(self, "_user_moved_splitter", True):   # not set up yet, or the manager's own choice
            return
        total = self.splitter.height() - self.splitter.handleWidth()
        if total <= 0:
            return
        table = self.table
        chrome = table.horizontalHeader().sizeHint().height() + table.horizontalScrollBar().sizeHint().height() \
            + 2 * table.frameWidth()
        row = table.verticalHeader().defaultSectionSize()
        # ROWS_SEEN rows first; past them, the details get everything (the table's own stretch left them 3 lines).
        # Short of DETAILS_LINES lines, the table gives up rows for them down to FEWEST_ROWS.
        rows_wanted = min(chrome + ROWS_SEEN * row, max(chrome + FEWEST_ROWS * row,
                                                        total - self._lines_high(DETAILS_LINES)))
        table_height = min(total - self.details.minimumHeight(), rows_wanted)
        self.splitter.setSizes([table_height, total - table_height])

    def closeEvent(self, event) -> None:  # Qt override: camelCase
        super().closeEvent(event)
        if event.isAccepted():
            self._give_the_keyboard_back()

    @staticmethod
    def _give_the_keyboard_back() -> None:
        """The till's window (the main window) is active again, its focus where the cashier left it."""
        for widget in QApplication.topLevelWidgets():
            if isinstance(widget, QMainWindow) and widget.isVisible():
                widget.activateWindow()
                widget.raise_()
                return
