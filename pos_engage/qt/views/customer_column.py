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
        self._beside = None     # the row of the card beside the offers while a sale is held
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
        self._card_beside_offers(sale is not None)
        if sale is not None:
            # The sale takes the room the card and the offers leave (its lines scroll inside its table).
            layout.insertWidget(layout.indexOf(self._beside or self.card), sale, 1)
            sale.show()

    def _card_beside_offers(self, beside: bool) -> None:
        """Holding a sale (one column, a POS linked): the card and the offers side by side below it, in one row as
        high as the card, the offers scrolling in their half. One below the other, the offers came after the card
        below the fold at 800×600 (only F4 reached them) and the POS's lines had two and a half rows."""
        from PySide6.QtWidgets import QHBoxLayout, QVBoxLayout, QWidget

        if beside == (self._beside is not None):
            return
        layout = self.layout()
        title = self.offers_title
        if beside:
            self._beside = row = QWidget(self)
            row.setObjectName("cardBesideOffers")
            across = QHBoxLayout(row)
            across.setContentsMargins(0, 0, 0, 0)
            offers = QVBoxLayout()
            offers.setContentsMargins(0, 0, 0, 0)
            place = layout.indexOf(self.card)
            for widget in (self.card, title, self.offers):
                layout.removeWidget(widget)
            across.addWidget(self.card, 1)
            offers.addWidget(title)
            offers.addWidget(self.offers, 1)
            across.addLayout(offers, 1)
            # As high as the card: the offers' own wish (a list's 192 px) does not make the row taller; it asks for
            # three lines, a card and a half (and so the row never gets less, the card without a customer is low).
            self.offers.wished_height = self.offers.fontMetrics().lineSpacing() * 3
            self.offers.setMinimumHeight(self.offers.wished_height)
            layout.insertWidget(place, row)
            row.show()
            # Tighter inside, as high as the card is the row: what it saves the POS's lines get.
            inner = self.card.layout()
            self._card_spacing = (inner.contentsMargins(), inner.spacing())
            inner.setContentsMargins(8, 2, 8, 4)
            inner.setSpacing(2)
            self._column_margins = layout.contentsMargins(), layout.spacing()
            edges = self._column_margins[0]
            layout.setContentsMargins(edges.left(), 2, edges.right(), 2)
            layout.setSpacing(3)
            # The identify row's message beside the field and Find, not on a row of its own below them: its two
            # lines' room (kept so that nothing jumps) was 50 px of a 600 px screen, blank once she is found.
            # (The message and Register move; their row keeps its place in the column, empty and hidden, as a pick
            # list of the customers sharing a key goes below it, CustomerPanel.show_candidates. The field is not
            # moved: a widget moved to another parent loses the focus, and the cashier may be typing in it.)
            # In a box of their own, half the row: the field keeps its width as Register comes and goes.
            self._message_beside = box = QWidget(self)
            box.setObjectName("messageBesideField")
            QHBoxLayout(box).setContentsMargins(0, 0, 0, 0)
            self._move_message(self.message_row.layout(), box.layout())
            self._identify_row().addWidget(box, 1)
            self.message_row.hide()
        else:
            row, self._beside = self._beside, None
            for widget in (self.card, title, self.offers):
                row.layout().removeWidget(widget)   # from the row's inner column too (removeWidget recurses)
                widget.setParent(self)
            place = layout.indexOf(row)
            layout.removeWidget(row)
            row.deleteLater()
            self.offers.wished_height = 0
            self.offers.setMinimumHeight(0)
            layout.setContentsMargins(self._column_margins[0])
            layout.setSpacing(self._column_margins[1])
            margins, spacing = self._card_spacing
            self.card.layout().setContentsMargins(margins)
            self.card.layout().setSpacing(spacing)
            box, self._message_beside = self._message_beside, None
            self._move_message(box.layout(), self.message_row.layout())
            self._identify_row().removeWidget(box)
            box.deleteLater()
            self.message_row.show()
            layout.insertWidget(place, self.card)
            layout.insertWidget(place + 1, title)
            layout.insertWidget(place + 2, self.offers, 1)
            for widget in (self.card, title, self.offers):
                widget.show()

    def _move_message(self, source, target) -> None:
        """The identify message and Register from the layout ``source`` to ``target``, shown or hidden as they
        were (a widget moved to another parent is hidden)."""
        for widget in (self.message, self.register_button):
            shown_before = not widget.isHidden()
            source.removeWidget(widget)
            target.addWidget(widget, 1 if widget is self.message else 0)
            widget.setVisible(shown_before)

    def _identify_row(self):
        """The row of the identify field and Find (the column's first)."""
        return self.layout().itemAt(0).layout()

    @property
    def offers_title(self):
        """The offers' title (the label above the list; the panel keeps no name for it)."""
        from PySide6.QtWidgets import QLabel

        return next(label for label in self.findChildren(QLabel, "sectionTitle") if label.parentWidget() in
                    (self, self._beside))

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

