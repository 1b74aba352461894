"""The till window's sale part: what the cashier's keys do to the sale (find customer, finish, part payment,
void and start the next sale, with a manager's code when payments are taken), the question asked before
something that cannot be taken back, and what the window shows when the bridge says the sale moved on: the sale
named as the manager's queue names it, "Receipt <its number>" (core/office/entry_description.sale_number). A mixin
of MainWindow; its texts keep MainWindow's translation context.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from pos_engage.core.errors import PosEngageError
from pos_engage.qt.i18n import money
from pos_engage.qt.texts import shown


class SaleWindowPart:
    def focus_identify(self) -> None:
        self.customer.input.setFocus()
        self.customer.input.selectAll()
        if self.scroll is not None:   # F2 with the field already focused: no focus change brings it into view
            self._bring_into_view(self.customer.input)

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
            self.basket.show_problem(QCoreApplication.translate("MainWindow", "The amount is not a number"))
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
        payments taken a manager's code is needed. Every void of a sale is audited. A customer identified with no
        article and nothing paid (the wrong customer found, say) is voided without a question: nothing is lost,
        and a question there caught the scanner's next burst (its space answered "Go back", the rest of it went
        into the identify field)."""
        basket = self.bridge.basket
        if not basket.lines and self.bridge.customer is None:
            self._start_next_sale()
            return
        if not basket.lines and not basket.payments:
            self._void_confirmed(False)
            return
        if basket.payments:
            question = QCoreApplication.translate("MainWindow", "Payments of {0} are taken for this sale. Void it "
                                                  "anyway? A manager's code is needed, and the payments must be given "
                                                  "back.").format(money(basket.paid_so_far, basket.currency))
        else:
            question = (QCoreApplication.translate("MainWindow", "Void this sale (1 line) and start a new one?")
                        if len(basket.lines) == 1 else
                        QCoreApplication.translate("MainWindow", "Void this sale ({0} lines) and start a new "
                                                   "one?").format(len(basket.lines)))
        self.confirm(QCoreApplication.translate("MainWindow", "Void the sale?"), question,
                     QCoreApplication.translate("MainWindow", "Void the sale"),
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
        self.basket.clear_entry()   # nothing typed for the voided sale carries into the next one
        self.focus_identify()

    def confirm(self, title: str, question: str, yes_text: str, on_yes) -> None:
        """Ask before something that cannot be taken back; ``on_yes`` runs only on the explicit answer. The
        focus comes back to where it was (kiosk tills have no window manager to do it)."""
        from PySide6.QtWidgets import QMessageBox

        focus = self.focusWidget()
        box = QMessageBox(QMessageBox.Icon.Question, title, question, QMessageBox.StandardButton.NoButton, self)
        yes = box.addButton(yes_text, QMessageBox.ButtonRole.AcceptRole)
        no = box.addButton(QCoreApplication.translate("MainWindow", "Go back"), QMessageBox.ButtonRole.RejectRole)
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

    def _on_customer_offer_toggled(self, offer, applied: bool) -> None:
        if applied:
            if not self.bridge.apply_offer(offer):
                self.customer.uncheck(offer)
        else:
            self.bridge.release_offer(offer.id)

    def _after_lookup(self, outcome) -> None:
        """A lookup that found nobody, for the till's own sale: the card of the customer before does not stay as
        if she were the one found. A sale with nothing of hers yet has lost her (TillBridge.
        _forget_unstarted_customer): the card says "No customer". A sale under way keeps her, never lost without a
        word: her card stays and the message says the sale stays with her. (A linked POS's sale is the POS's: its
        customer and card stay as the POS's state draws them, the message as the panel says it.)"""
        from pos_engage.core.till.outcomes import Found

        if outcome.found is not Found.NOT_FOUND or self.linked:
            return
        if self.bridge.customer is None:
            self.customer.show_no_customer()
        else:
            self.customer.say_sale_stays_with(self.bridge.customer)

    def _on_bridge_inbox_loaded(self, message: str) -> None:
        self.basket.sale_status.setText(message)
        self.focus_identify()

    def _on_bridge_sale_recorded(self, sale) -> None:
        self.customer.clear()
        self.basket.reset_method()
        self.basket.clear_entry()   # a count set and not added is not the next customer's
        saved = (QCoreApplication.translate("MainWindow", "Receipt {0} saved ({1}); sending to Engage…")
                 if sale.entry_ids else
                 QCoreApplication.translate("MainWindow", "Receipt {0} saved ({1}); no customer, so nothing goes to "
                                                          "Engage (this store has no catch-all contact)"))
        # What the cashier must now do for the customer (a partner's code to give): its card went with the customer
        # just now, and this is when she acts on it. Said under the sale's news, and kept there as that news changes.
        self._hand_over = (sale.receipt_id, "\n".join(
            "➜ " + shown(act.text) for act in getattr(sale, "hand_over", ())))
        self.basket.sale_status.setText(self._with_hand_over(
            sale.receipt_id, saved.format(self._sale_number(sale.receipt_id),
                                          money(sale.total, self.bridge.basket.currency))))
        self._last_sale_entries = (sale.receipt_id, tuple(sale.entry_ids))
        self.focus_identify()  # the sale is safe in the journal: the next customer can be scanned at once

    def _on_bridge_payment_taken(self, change) -> None:
        self.basket.show_change(change)

    def _on_bridge_sale_delivered(self, receipt_id: str, status: str) -> None:
        if status == "not_sent":   # said when it was saved: nothing was for Engage
            return
        text = (QCoreApplication.translate("MainWindow", "✔ Receipt {0}: sent to Engage") if status == "sent" else
                QCoreApplication.translate("MainWindow", "↻ Receipt {0}: queued, will be sent when Engage "
                                                         "answers")).format(self._sale_number(receipt_id))
        text = self._with_hand_over(receipt_id, text)
        # No focus change here: by now the cashier may be typing the next customer's key (or reading why the next
        # sale refused something: the news waits under it, show_sale_status).
        self.basket.show_sale_status(text)
        last = getattr(self, "_last_sale_entries", None)
        self._queued_sale = (last[0], last[1], text) if status == "queued" and last and last[0] == receipt_id else None

    def _follow_queued_sale(self, _status=None) -> None:
        """The last sale said "queued": once the queue has sent it (a status refresh after Engage came back), its
        line says "sent", unless something newer has taken the line since (it said "queued" long after the
        delivery, while the status bar's queue was empty)."""
        queued = getattr(self, "_queued_sale", None)
        if queued is None:
            return
        receipt_id, entry_ids, text = queued
        if self.basket.last_sale_status() != text:
            self._queued_sale = None   # the line says something newer: left as it is
            return
        if self.bridge.service.status_of(entry_ids) == "sent":
            self._on_bridge_sale_delivered(receipt_id, "sent")

    def _with_hand_over(self, receipt_id: str, text: str) -> str:
        """The last sale's news, with what the cashier must hand over for that sale under it."""
        sale, acts = getattr(self, "_hand_over", ("", ""))
        return f"{text}\n{acts}" if acts and sale == receipt_id else text

    def _sale_number(self, receipt_id: str) -> str:
        """The number the sale goes by in the manager's queue too ("Receipt 20261128023302-29d3a9"): core's one rule
        (entry_description.sale_number), not the receipt id the bridge hands over ("1-1-20261128023302-29d3a9")."""
        from pos_engage.core.office.entry_description import sale_number

        service = self.bridge.service
        return sale_number(service.journal, receipt_id, store=service.config.store_external_id,
                           till=service.config.till_id)
