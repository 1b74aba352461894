"""The basket's payment part: the tenders (one tap picks how what remains is paid), an amount for a part payment
typed or tapped on a keypad, quick-cash amounts when cash is the tender, and the payments taken so far. A mixin
of BasketPanel (it uses the panel's layout, lines and signals); its texts keep BasketPanel's translation
context.

The tenders are the till's (core's payment_methods: till.payment_methods, else by the currency): the window is
built before the till is loaded, so it is given them from the configuration as it is built (set_payment_methods),
and the till's own are set again when it is attached."""

from __future__ import annotations

from PySide6 import QtCore
from PySide6.QtWidgets import QButtonGroup, QGridLayout, QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget

from pos_engage.core.till.payment_methods import METHOD_WORDS, PAYMENT_METHODS
from pos_engage.qt.texts import shown
from pos_engage.qt.views.basket_amounts import money, parse_amount, quick_cash

translate = QtCore.QCoreApplication.translate


class BasketPaying:
    methods: tuple[str, ...] = ()   # the tenders offered, in the order shown; the first is each sale's

    def _build_paying(self, layout, methods: tuple[str, ...] = PAYMENT_METHODS) -> None:
        # Tenders: one tap picks how what remains is paid; the choice goes back to the first for each sale.
        self.tenders = QButtonGroup(self)
        self.tender_buttons: dict[str, QPushButton] = {}
        self.tender_grid = QGridLayout()
        self.set_payment_methods(methods)
        layout.addLayout(self.tender_grid)

        paying = QHBoxLayout()
        self.amount = QLineEdit()
        self.amount.setPlaceholderText(translate("BasketPanel", "Amount given"))
        self.amount.setToolTip(translate("BasketPanel", "Leave empty to pay all that remains"))
        self.amount.setAccessibleName(translate("BasketPanel", "Amount paid by this method"))
        self.keypad_button = QPushButton("⌨")
        self.keypad_button.setCheckable(True)
        self.keypad_button.setAccessibleName(translate("BasketPanel", "Keypad"))
        self.keypad_button.setToolTip(translate("BasketPanel", "Keypad"))
        self.take_payment_button = QPushButton(translate("BasketPanel", "Part payment (F8)"))
        self.take_payment_button.setAccessibleName(translate("BasketPanel", "Take part payment"))
        self.clear_payments_button = QPushButton(translate("BasketPanel", "Clear payments"))
        self.clear_payments_button.setAccessibleName(translate("BasketPanel", "Clear payments"))
        paying.setContentsMargins(0, 0, 0, 0)
        paying.addWidget(self.amount, 1)
        paying.addWidget(self.keypad_button)
        self.amount_box = QWidget()
        self.amount_box.setLayout(paying)
        self.quick_box = QWidget()
        self.quick_row = QHBoxLayout(self.quick_box)
        self.quick_row.setContentsMargins(0, 0, 0, 0)
        self.quick_buttons = []
        for _ in range(3):
            button = QPushButton()
            button.setObjectName("quickCash")
            policy = button.sizePolicy()
            policy.setRetainSizeWhenHidden(True)   # shown only for cash, without moving what is below
            button.setSizePolicy(policy)
            button.hide()
            button.clicked.connect(lambda _checked=False, b=button: self._on_quick_cash(b))
            self.quick_row.addWidget(button)
            self.quick_buttons.append(button)
        self.quick_row.addStretch(1)
        # Amount, quick cash, part payment: side by side when wide, stacked in a strip (_arrange).
        self.paying_grid = QGridLayout()
        layout.addLayout(self.paying_grid)
        self.keypad: QWidget | None = None   # built when first opened: not part of drawing the till
        self.payments_label = QLabel()
        self.payments_label.setObjectName("payments")
        self.payments_label.setAccessibleName(translate("BasketPanel", "Payments"))
        self.payments_label.setWordWrap(True)
        self.actions_box = QWidget()
        self.actions_layout = actions = QHBoxLayout(self.actions_box)
        actions.setContentsMargins(0, 0, 0, 0)
        actions.addWidget(self.take_payment_button)
        actions.addWidget(self.clear_payments_button)

    def set_payment_methods(self, methods: tuple[str, ...]) -> None:
        """The till's tenders as buttons (core decides which: payment_methods); the first is chosen. Nothing is
        rebuilt when they are the ones shown already (the window was given them as it was built)."""
        methods = tuple(methods) or PAYMENT_METHODS
        if methods == self.methods:
            return
        # Placed in the grid now only when they replace tenders already placed: as the window is built they are
        # placed by its first arrangement (_arrange_paying), since placing them is Qt's namespace's first use,
        # which builds all its enums while the window is drawn (views/main_window.py, test_architecture).
        placed = bool(self.tender_buttons)
        for button in self.tender_buttons.values():
            self.tenders.removeButton(button)
            self.tender_grid.removeWidget(button)
            button.deleteLater()
        self.tender_buttons = {}
        self.methods = methods
        for method in methods:
            button = QPushButton(self.method_label(method), self)
            button.setObjectName("tender")
            button.setCheckable(True)
            button.setAccessibleName(translate("BasketPanel", "Pay by {0}").format(self.method_label(method)))
            self.tenders.addButton(button)
            self.tender_buttons[method] = button
        self.tender_buttons[methods[0]].setChecked(True)
        if placed:
            self._place_tenders()

    def _place_tenders(self) -> None:
        for index, button in enumerate(self.tender_buttons.values()):
            if self.compact:
                self.tender_grid.addWidget(button, index // 2, index % 2)
            else:
                self.tender_grid.addWidget(button, 0, index)

    def _arrange_paying(self) -> None:
        self._place_tenders()
        for widget in (self.amount_box, self.quick_box, self.actions_box, self.payments_label):
            self.paying_grid.removeWidget(widget)
        self.actions_layout.removeWidget(self.payments_label)
        if self.compact:  # the payments taken on a row of their own
            for row, widget in enumerate((self.amount_box, self.quick_box, self.actions_box, self.payments_label)):
                self.paying_grid.addWidget(widget, row, 0)
        else:  # beside the part-payment buttons
            self.actions_layout.addWidget(self.payments_label, 1)
            self.paying_grid.addWidget(self.amount_box, 0, 0)
            self.paying_grid.addWidget(self.quick_box, 0, 1)
            self.paying_grid.addWidget(self.actions_box, 1, 0, 1, 2)

    def method_label(self, method: str) -> str:
        return shown(METHOD_WORDS[method]) if method in METHOD_WORDS else method

    def method(self) -> str:
        """The tender chosen for what remains."""
        for method, button in self.tender_buttons.items():
            if button.isChecked():
                return method
        return self.methods[0]

    def choose_method(self, method: str) -> None:
        if method in self.tender_buttons:   # a tender this till does not offer is not chosen
            self.tender_buttons[method].setChecked(True)
        self._show_to_pay()

    def reset_method(self) -> None:
        """Each sale starts with the first tender (Card): the last customer's cash is not the next one's, nor her
        keypad (open, it hid the next customer's lines)."""
        self.choose_method(self.methods[0])
        self.amount.clear()
        self.close_keypad()

    def close_keypad(self) -> None:
        """The lines back in the keypad's place (its button unchecked, which puts them back)."""
        self.keypad_button.setChecked(False)

    def typed_amount(self):
        """The amount typed (Decimal), None when empty; raises InvalidOperation for something else."""
        text = self.amount.text().strip()
        return parse_amount(text) if text else None

    def take_payment(self) -> None:
        """Part of the payment by the chosen tender; an empty amount pays the rest."""
        from decimal import InvalidOperation

        try:
            amount = self.typed_amount()
        except InvalidOperation:
            self.problem.emit(translate("BasketPanel", "The amount is not a number"))
            return
        self.payment_requested.emit(self.method(), amount)
        # The amount is cleared once the payment is taken (the window's payment_taken), not here: a refused one
        # (cash coins cannot make, more than a card may pay) stays for the cashier to correct, not to type again.

    def _on_quick_cash(self, button: QPushButton) -> None:
        self.choose_method("Cash")
        self.amount.setText(button.property("amount_text"))

    def _on_keypad_toggled(self, on: bool) -> None:
        if on and self.keypad is None:
            self.keypad = QWidget()
            keys = QGridLayout(self.keypad)
            keys.setContentsMargins(0, 0, 0, 0)
            # Three rows of four: low enough to sit where the lines are without pushing Finish down.
            for index, key in enumerate(("7", "8", "9", "⌫", "4", "5", "6", ",", "1", "2", "3", "0")):
                button = QPushButton(key)
                button.setObjectName("key")
                button.setAccessibleName(translate("BasketPanel", "Delete") if key == "⌫" else key)
                button.setFocusPolicy(QtCore.Qt.FocusPolicy.NoFocus)   # the typing stays in the amount field
                button.clicked.connect(lambda _checked=False, k=key: self._on_key(k))
                keys.addWidget(button, index // 4, index % 4)
            self.lines.addWidget(self.keypad)
        self.lines.setCurrentWidget(self.keypad if on else self.table)

    def _on_key(self, key: str) -> None:
        if key == "⌫":
            self.amount.backspace()
        else:
            self.amount.insert(key)

    _paid_text = ""       # the payments taken so far, as said (_show_payments); the cash rounding is added to it
    _rounding_text = ""   # "Cash rounding +0,31": cash chosen, or cash that paid the rest was rounded
    _cash_rounded = None  # by how much the cash that paid the rest was rounded (core's Basket.cash_rounded)

    def _show_payments(self, basket) -> None:
        """The payments taken so far, by tender."""
        if basket.payments:
            parts = ", ".join(f"{self.method_label(p.type)} {money(p.value)}" for p in basket.payments)
            self._paid_text = translate("BasketPanel", "Paid: {0}").format(parts)
        else:
            self._paid_text = ""
        self.payments_label.setText(self._paid_text)

    def _show_rounding(self) -> None:
        """The cash rounding where the payments are, in the room kept for them (a touch screen shows no tooltip);
        in a strip whose totals are stacked, beside the total in the block that never scrolls (the payments
        scroll away from "to pay" there)."""
        beside_total = getattr(self, "_totals_stacked", False)
        self.rounding_label.setText(self._rounding_text if beside_total else "")
        shown_with_payments = "" if beside_total else self._rounding_text
        self.payments_label.setText(" · ".join(part for part in (self._paid_text, shown_with_payments) if part))

    def _show_to_pay(self) -> None:
        """While paying, "to pay" is the dominant figure; quick-cash amounts when cash is the tender. With cash, what
        is to pay is rounded to the coins there are (29,69 kr is 30,00 in cash; "cash rounding +0,31" beside the
        payments). Once cash has paid the rest, by how much it was rounded is still said, until the payments are
        cleared or the sale ends: the cashier sees why 30,00 was taken for 29,69."""
        remaining = self._remaining
        if remaining is None:
            self.total_label.setText(translate("BasketPanel", "Total {0}").format(money(0, self.currency))
                                     if self.currency else "")
            self.to_pay_label.setText("")
            self._rounding_text = ""
            self.rounding_label.setText("")
        else:
            # Cash pays in the coins there are (core's cash_rounding): "to pay" is then the amount to take (979,00
            # for a total of 978,80), and by how much it was rounded is said beside the payments (in the large
            # type beside "to pay", or beside the total, it did not fit an 800 px window's footer).
            cash = self.method() == "Cash" and bool(self._cash_rounding)
            self.total_label.setText(translate("BasketPanel", "Total {0}").format(money(self._total, self.currency)))
            self.to_pay_label.setText(translate("BasketPanel", "To pay {0}").format(
                money(self._cash_due if cash else remaining, self.currency)))
            rounded = self._cash_rounding if cash else self._cash_rounded   # core's figures; none: ""
            self._rounding_text = translate("BasketPanel", "Cash rounding {0}").format(
                money(rounded, signed=True)) if rounded else ""
            self.to_pay_label.setToolTip(self._rounding_text)
            self._show_rounding()
        self.to_pay_label.setProperty("dominant", remaining is not None)
        self.to_pay_label.style().polish(self.to_pay_label)
        self._show_pay_or_change()   # the change in its place, or not; the total dominant when neither is
        amounts = quick_cash(self._cash_due) if remaining is not None and self.method() == "Cash" else []
        for index, button in enumerate(self.quick_buttons):
            if index < len(amounts):
                words = translate("BasketPanel", "Exact {0}") if index == 0 else "{0}"
                button.setText(words.format(money(amounts[index])))
                button.setProperty("amount_text", f"{amounts[index]:.2f}".replace(".", ","))
            button.setVisible(index < len(amounts))
