"""The till window's register part: registering a new customer (F3, asked first when the sale has one) and
editing an identified customer's details, each in the register dialog, and the bridge's answer to a
registration (done, refused with what was wrong, or already in Engage). A mixin of MainWindow; its texts keep
MainWindow's translation context.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication

from pos_engage.qt.views.window_layout import sized_to_screen

if TYPE_CHECKING:
    from pos_engage.core.till.outcomes import RegisterOutcome


REGISTER_WIDTH = 520   # the registration dialog's width where the screen allows it


class RegisterWindowPart:
    def register_new(self, prefill: str | None = None) -> None:
        """F3, or the panel's Register after a lookup found nobody (``prefill``: the key it looked up): with a
        customer on the sale, ask first (the sale's offers go with her); never prefill what was scanned into a
        field it does not belong in (F3 over her own key)."""
        if self.bridge is not None and self.bridge.customer is not None:
            self.confirm(QCoreApplication.translate("MainWindow", "Register a new customer?"),
                         QCoreApplication.translate("MainWindow", "{0} is the customer of this sale. Register someone "
                                                    "else instead? The offers applied for {0} are taken off the "
                                                    "sale.").format(self.customer.name.text()),
                         QCoreApplication.translate("MainWindow", "Register someone new"),
                         lambda: self.open_register(prefill or ""))
            return
        self.open_register(self.customer.input.text() if prefill is None else prefill)

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
        # Wider than its fields need where the screen has room: a message under a field wraps to one line there,
        # not three, and the form with what to correct stays within 800x600.
        sized_to_screen(dialog, max(hint.width(), REGISTER_WIDTH), hint.height())   # on the screen, whatever its size
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
