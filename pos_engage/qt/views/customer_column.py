"""The customer column in the window: its width, and in one column the linked POS's sale it holds.

Wide, the column keeps its share of the window whatever the sale beside it shows (the review of linked mode saw it
jump between 347 and 401 px with the POS's sale, moving the scan field and Find, and cutting the field's
placeholder); in one column (compact) it is as wide as the window. In one column with a POS linked, the POS's sale
is held below the identify row, above the customer card (``hold_sale``): at 800×600 the POS's lines came after the
card and the offers, and the cashier scrolled to see what the POS rang up. A mixin of CustomerPanel, which calls
``_follow_window_width`` as it is built; the window calls ``set_compact`` and ``hold_sale``."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize

# Wide, the column's share of the window's width (the sale beside it has the rest); QWIDGETSIZE_MAX, no bound.
WIDE_SHARE = 0.4
WIDGET_SIZE_MAX = 16_777_215


class ColumnWidth:
    def _follow_window_width(self, parent) -> None:
        self._compact = False
        self.held_sale = None   # the POS's sale held in the column (hold_sale), or None
        if parent is not None:   # the column's width follows its parent's (_fit_width)
            parent.installEventFilter(self)

    def set_compact(self, compact: bool) -> None:
        """Called by the window as it turns one column (compact: as wide as the window) or two (wide)."""
        self._compact = compact
        self._fit_width()

    def hold_sale(self, sale) -> None:
        """Hold ``sale`` (a widget: the linked POS's sale) below the identify row and what it says, above the
        customer card; None: hold nothing (the window puts the sale back in its own slot)."""
        if sale is self.held_sale:
            return
        layout = self.layout()
        if self.held_sale is not None:   # no longer laid out here: hidden until the window places it again
            layout.removeWidget(self.held_sale)
            self.held_sale.hide()
        self.held_sale = sale
        if sale is not None:
            layout.insertWidget(layout.indexOf(self.card), sale)
            sale.show()

    def eventFilter(self, watched, event) -> bool:  # Qt override: camelCase
        if event.type() == QEvent.Type.Resize and watched is self.parentWidget():
            self._fit_width()
        return False

    def _fit_width(self) -> None:
        """Wide: the column keeps its share of the window (WIDE_SHARE) whatever the sale beside it shows, so the
        identify field and Find never move; it gives way only down to the room its identify row needs (the field's
        placeholder whole, and Find), if the sale beside it cannot do with less. Compact: the window's width."""
        parent = self.parentWidget()
        if self._compact or parent is None:
            self.setMinimumWidth(0)
            self.setMaximumWidth(WIDGET_SIZE_MAX)
            return
        margins = parent.layout().contentsMargins() if parent.layout() is not None else None
        room = parent.width() - (margins.left() + margins.right() + parent.layout().spacing() if margins else 0)
        share = max(0, int(room * WIDE_SHARE))
        self.setMaximumWidth(share)
        self.setMinimumWidth(min(share, self._identify_row_width()))

    def _identify_row_width(self) -> int:
        field = self.input
        metrics = field.fontMetrics()
        frame = field.sizeHint().width() - 17 * metrics.horizontalAdvance("x")   # QLineEdit's own hint: 17 x's
        margins = self.layout().contentsMargins()
        return (metrics.horizontalAdvance(field.placeholderText()) + frame + self.layout().spacing() +
                self.find_button.sizeHint().width() + margins.left() + margins.right() + 2)

    def sizeHint(self) -> QSize:  # Qt override: camelCase
        hint = super().sizeHint()
        if self._compact or self.maximumWidth() >= WIDGET_SIZE_MAX:
            return hint
        return QSize(self.maximumWidth(), hint.height())   # its share: never less when there is room for it

