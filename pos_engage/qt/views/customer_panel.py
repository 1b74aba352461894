"""The customer side of the till: one input for card/email/mobile, the customer card (points and level, consents,
the last purchases on demand), the offers list, and the customers sharing a key to pick from (masked).

This module puts the panel together and shows what identifying found; its parts live beside it: the identify
field that tells a scan from typing (customer_input), the offer cards and whether each can be used now
(customer_offers), what the customer card says (customer_card) and the column's width beside the sale
(customer_column)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6 import QtCore
from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidgetItem,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from pos_engage.qt.texts import shown
from pos_engage.qt.views.customer_card import contact_details, purchases_text
from pos_engage.qt.views.customer_column import ColumnWidth
from pos_engage.qt.views.customer_input import IdentifyInput
from pos_engage.qt.views.customer_offers import OfferCardStates, OffersList, describe_offer

if TYPE_CHECKING:
    from pos_engage.core.till.candidates import Candidate
    from pos_engage.core.till.outcomes import Customer, IdentifyOutcome
    from pos_engage.qt.views.candidate_list import CandidateList

# The domain's types are imported where an outcome is drawn, not here: the window is drawn before the till's
# core modules load (see pos_engage.window), and a customer can only be shown after they have. So are the pick
# list and datetime, which the first frame does not use either (see "__feature__" in pos_engage.qt.i18n).

class CustomerPanel(OfferCardStates, ColumnWidth, QWidget):
    identify_requested = Signal(str, bool)     # text, scanned
    register_requested = Signal(str)           # prefill
    offer_toggled = Signal(object, bool)       # offer, applied
    edit_requested = Signal()
    upgrade_requested = Signal()
    purchases_requested = Signal(str)          # contact id: the last purchases, fetched only when asked
    candidate_picked = Signal(object)          # a Candidate: one of the customers sharing the key typed

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._follow_window_width(parent)
        layout = QVBoxLayout(self)
        row = QHBoxLayout()
        self.input = IdentifyInput()
        self.input.setObjectName("identifyInput")
        self.input.setPlaceholderText(self.tr("Card, email or mobile"))
        self.input.setAccessibleName(self.tr("Customer card, email or mobile"))
        # The field's clear button (×) shows only over text: made with the first text, not for the first frame.
        self.input.textChanged.connect(self._add_clear_button)
        self.find_button = QPushButton(self.tr("Find"))
        self.find_button.setAccessibleName(self.tr("Find customer"))
        row.addWidget(self.input, 1)
        row.addWidget(self.find_button)
        layout.addLayout(row)

        # The message and, when nobody was found, the button to register them, side by side in the room of two
        # lines kept whether a message is there or not: nothing below moves as messages come and go, and no empty
        # row is kept for a button that is mostly hidden (the offers below get that room).
        self.message_row = QWidget()
        message_row = QHBoxLayout(self.message_row)
        message_row.setContentsMargins(0, 0, 0, 0)
        self.message = QLabel()
        self.message.setObjectName("identifyMessage")
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("Customer message"))
        self.message.setMinimumHeight(2 * self.message.fontMetrics().lineSpacing() + 4)
        message_row.addWidget(self.message, 1)
        self.candidates: CandidateList | None = None   # built when several customers first share a key
        self.register_button = QPushButton(self.tr("Register  (F3)"))
        self.register_button.setAccessibleName(self.tr("Register new customer"))
        self.register_button.hide()
        message_row.addWidget(self.register_button)
        layout.addWidget(self.message_row)
        self._own_message: tuple[str, object] = ("", None)   # what the panel itself said, and in which tone
        self._offer_states = None   # the sale's offers as last told (OfferStates), by follow_offers
        self._states_of = None    # which offers the sale on screen can take now (follow_offer_states)

        # No title over the card: the name in large type heads it, and the offers below get the line.
        self.card = QGroupBox()
        self.card.setAccessibleName(self.tr("Customer"))
        card_layout = QVBoxLayout(self.card)
        self.name = QLabel(self.tr("No customer"))
        self.name.setObjectName("customerName")
        self.name.setWordWrap(True)
        self.name.setAccessibleName(self.tr("Customer name"))
        self.details = QLabel()
        self.details.setObjectName("customerDetails")
        self.details.setWordWrap(True)
        self.details.setAccessibleName(self.tr("Customer details"))
        card_layout.addWidget(self.name)
        card_layout.addWidget(self.details)
        # Two buttons to a row: three side by side made the column wider than its share for a contact.
        self.card_buttons = card_buttons = QGridLayout()
        card_buttons.setColumnStretch(2, 1)
        self.edit_button = QPushButton(self.tr("Edit details"))
        self.edit_button.setAccessibleName(self.tr("Edit customer details"))
        self.upgrade_button = QPushButton(self.tr("Make member"))
        self.upgrade_button.setAccessibleName(self.tr("Upgrade to member"))
        self.purchases_button = QPushButton(self.tr("Last purchases"))
        self.purchases_button.setCheckable(True)
        self.purchases_button.setAccessibleName(self.tr("Show the customer's last purchases"))
        for place, button in enumerate((self.edit_button, self.upgrade_button, self.purchases_button)):
            card_buttons.addWidget(button, place // 2, place % 2)
        card_layout.addLayout(card_buttons)
        self.purchases = QLabel()
        self.purchases.setObjectName("purchases")
        self.purchases.setWordWrap(True)
        self.purchases.setAccessibleName(self.tr("Last purchases"))
        self.purchases.hide()
        card_layout.addWidget(self.purchases)
        self.purchases_button.hide()
        self.purchases_button.toggled.connect(self._on_purchases_toggled)
        self._contact_id = ""
        self._purchases_cache: dict[str, str] = {}   # for this sale: cleared with the customer
        self.edit_button.hide()
        self.upgrade_button.hide()
        self.edit_button.clicked.connect(self.edit_requested)
        self.upgrade_button.clicked.connect(self.upgrade_requested)
        layout.addWidget(self.card)

        offers_title = QLabel(self.tr("Promotions and vouchers: tap to apply  (F4)"))
        offers_title.setObjectName("sectionTitle")
        offers_title.setWordWrap(True)
        layout.addWidget(offers_title)
        self.offers = OffersList()
        self.offers.setObjectName("offers")
        self.offers.setAccessibleName(self.tr("Promotions and vouchers"))
        self.offers.setFrameShape(QFrame.Shape.NoFrame)
        self.offers.setWordWrap(True)
        layout.addWidget(self.offers, 1)

        self._prefill = ""
        self._typed_warning = ""   # what was said about text that found nothing (forget_typed_warning)
        # The text of the latest lookup asked, while it is awaited: its answer selects the field's text if the field
        # still holds it (a scanner's Enter asks again while Engage is slow; the bridge answers the latest only).
        self._asked: str | None = None
        self._updating = False
        self.input.returnPressed.connect(self._on_input_return_pressed)
        self.find_button.clicked.connect(self._on_input_return_pressed)
        self.register_button.clicked.connect(lambda: self.register_requested.emit(self._prefill))
        self.offers.itemChanged.connect(self._on_offers_item_changed)

    def _arrange_card_buttons(self, *shown_now: bool) -> None:
        """The card's buttons that show, two to a row in their order (edit, make member, last purchases)."""
        buttons = [self.edit_button] + [b for b, on in zip((self.upgrade_button, self.purchases_button), shown_now,
                                                           strict=True) if on]
        for place, button in enumerate(buttons):
            self.card_buttons.removeWidget(button)
            self.card_buttons.addWidget(button, place // 2, place % 2)

    def _add_clear_button(self, _text: str) -> None:
        self.input.textChanged.disconnect(self._add_clear_button)
        self.input.setClearButtonEnabled(True)
        for button in self.input.findChildren(QToolButton):  # the field's own clear button (×), read out too
            button.setAccessibleName(self.tr("Clear"))

    def _on_input_return_pressed(self) -> None:
        text = self.input.text()
        scanned = self.input.take_scan()
        if text.strip():
            self._asked = text
            self.identify_requested.emit(text, scanned)

    def _on_candidate_picked(self, candidate: Candidate) -> None:
        self._asked = self.input.text()   # the shared key the list was found by
        self.candidate_picked.emit(candidate)

    def _on_purchases_toggled(self, shown_now: bool) -> None:
        self.purchases.setVisible(shown_now)
        if not shown_now:
            return
        cached = self._purchases_cache.get(self._contact_id)
        if cached is not None:
            self.purchases.setText(cached)
        else:
            self.purchases.setText(self.tr("Asking Engage…"))
            self.purchases_requested.emit(self._contact_id)

    def show_purchases(self, contact_id: str, purchases, problem: str = "") -> None:
        """The answer to purchases_requested: kept for the rest of the sale (not asked again)."""
        if problem:
            text = self.tr("The last purchases cannot be shown: {0}").format(problem)
        elif not purchases:
            text = self.tr("No purchases yet")
        else:
            text = purchases_text(purchases)
            self._purchases_cache[contact_id] = text   # a failure is not cached: the next opening asks again
        if contact_id == self._contact_id:
            self.purchases.setText(text)

    def show_outcome(self, outcome: IdentifyOutcome) -> None:
        """What a lookup found. An answer selects the field's text when it is the latest text asked, so the next
        scan replaces it; never anything typed since (Engage was slow to answer). A customer found again in the
        background comes on its own signal, to :meth:`show_found_again`. Nobody found: the card is the window's to
        settle (SaleWindowPart._after_lookup: :meth:`show_no_customer` or :meth:`say_sale_stays_with`)."""
        from pos_engage.core.till.outcomes import Found

        latest, self._asked = self._asked, None
        self._typed_warning = ""
        several = outcome.several.candidates if outcome.found is Found.MULTIPLE and outcome.several else ()
        self.show_candidates(several)
        self.register_button.hide()
        self.message.setProperty("tone", "info")
        if outcome.found is Found.NOT_FOUND:
            self._prefill = outcome.key.value if outcome.key else self.input.text()
            self.message.setText(self.tr("No customer found. Register them?"))
            self.register_button.show()
        elif outcome.found in (Found.MULTIPLE, Found.INVALID) or (outcome.found is Found.CODE
                                                                   and outcome.code.applied is None):
            self.message.setProperty("tone", "warning")
            self.message.setText(shown(outcome.message))
            if outcome.found is not Found.MULTIPLE:   # about what was typed: goes once the sale moves on
                self._typed_warning = self.message.text()
        elif outcome.found is Found.CODE:  # an offer code selected the customer's offer: its card shows it applied
            self.message.setText(shown(outcome.message))
            self.mark_applied(outcome.code.offer)
        elif outcome.customer is not None:
            self.show_customer(outcome.customer, outcome.message)
        self.message.style().polish(self.message)
        self._note_own_message()
        if latest is not None and self.input.text() == latest:
            self.input.selectAll()

    def follow_busy(self, busy: bool) -> None:
        """The till's busy_changed (wired by the window): once nothing runs, no lookup is awaited any more. A failed
        one never answers (Engage refused it): what it asked is forgotten, not left for a later answer to match."""
        if not busy:
            self._asked = None

    def show_found_again(self, outcome: IdentifyOutcome) -> None:
        """The same customer, now complete (her contact and real offers instead of the offline copy): the card,
        the offers and the message only. The identify field is the cashier's, who may be typing the next key: its
        text and selection stay as they are."""
        self.show_customer(outcome.customer, outcome.message)
        self.message.style().polish(self.message)
        self._note_own_message()

    def show_candidates(self, candidates: tuple[Candidate, ...]) -> None:
        """The customers sharing the key typed, masked, one row each, to pick from (none: the list goes)."""
        if not candidates:
            if self.candidates is not None:
                picked_here = self.candidates.hasFocus()
                self.candidates.show_candidates(())
                if picked_here:   # not on to whatever follows the hidden list: back where the next key is typed
                    self.input.setFocus()
            return
        if self.candidates is None:   # built on first use: most tills never see a shared key
            from pos_engage.qt.views.candidate_list import CandidateList

            self.candidates = CandidateList()
            self.candidates.picked.connect(self._on_candidate_picked)
            layout = self.layout()
            layout.insertWidget(layout.indexOf(self.message_row) + 1, self.candidates)
            # In the Tab order where it is read, after Find (built last, it came after everything in the window:
            # a keyboard-only cashier never reached it); Down from the field goes there too.
            QWidget.setTabOrder(self.find_button, self.candidates)
            self.input.down_pressed.connect(self._go_to_candidates)
        self.candidates.show_candidates(candidates)

    def _go_to_candidates(self) -> None:
        """Down in the identify field: into the customers sharing the key, on the first row (CandidateList)."""
        if self.candidates is not None and self.candidates.isVisible():
            self.candidates.setFocus(QtCore.Qt.FocusReason.TabFocusReason)

    def show_customer(self, customer: Customer, message: str = "") -> None:
        from pos_engage.core.till.scan import KIND_WORDS

        contact = customer.contact
        self.message.setProperty("tone", "warning" if customer.offline else "info")
        self.message.setText(shown(message))
        self.edit_button.setVisible(contact is not None)
        self.upgrade_button.setVisible(contact is not None and not contact.is_member)
        self.purchases_button.setVisible(contact is not None and not customer.offline)
        self._arrange_card_buttons(contact is not None and not contact.is_member, contact is not None
                                   and not customer.offline)
        if (contact.id if contact is not None else "") != self._contact_id:
            self._contact_id = contact.id if contact is not None else ""
            self.purchases_button.setChecked(False)
        if contact is not None:
            self.name.setText(contact.display_name)
            self.details.setText(contact_details(customer))
        else:
            self.name.setText(customer.key.masked())
            pending = self.tr("registered offline, ") if customer.registration_entry else ""
            by = shown(KIND_WORDS[customer.key.kind])
            self.details.setText(self.tr("Offline: will be matched later") + f" ({pending}{by})")
        self.show_offers(customer)

    def show_offers(self, customer: Customer | None) -> None:
        # The cards wrap their text: never a sideways scrollbar. (Set here rather than when the list is built:
        # see "Qt" in pos_engage.qt.views.main_window.)
        self.offers.setHorizontalScrollBarPolicy(QtCore.Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self._updating = True
        self.offers.clear()
        offers = list(customer.promotions) + list(customer.vouchers) if customer else []
        for offer in offers:
            heading, value = describe_offer(offer)
            item = QListWidgetItem(f"{heading}\n{value}")
            item.setData(QtCore.Qt.ItemDataRole.UserRole, offer)
            # Not user-checkable: the whole card is the target (OffersList.toggle), not its check box.
            item.setFlags(item.flags() & ~QtCore.Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(QtCore.Qt.CheckState.Unchecked)
            item.setData(QtCore.Qt.ItemDataRole.AccessibleTextRole, f"{heading}, {value}")
            self.offers.addItem(item)
        if offers:
            self._follow_offers()
            self._mark_usable()
        if customer and customer.offline and customer.promotions_fetched_at:
            from datetime import datetime

            age = datetime.now().timestamp() - customer.promotions_fetched_at
            minutes = int(age // 60)
            as_of = (self.tr("Promotions as of less than a minute ago") if minutes < 1 else
                     self.tr("Promotions as of {0} min ago").format(minutes))
            self.message.setText(self.message.text() + "\n" + as_of)
        self._updating = False
        self._note_own_message()

    def say_sale_stays_with(self, customer: Customer) -> None:
        """A lookup found nobody while the sale under way has ``customer``: her card stays (the sale is hers), and
        the message says so, not "No customer found" beside her card as if she were the one found."""
        name = customer.contact.display_name if customer.contact else customer.key.masked()
        self.message.setProperty("tone", "warning")
        self.message.setText(self.tr("No customer found; the sale stays with {0}").format(name))
        self.message.style().polish(self.message)
        self._note_own_message()

    def forget_typed_warning(self, *_args) -> None:
        """What was said about a text that found nothing (no key, no code of hers) goes once the sale moves on (a
        line added): it stayed beside the next articles, and beside the next sale's customer."""
        if self._typed_warning and self.message.text() == self._typed_warning:
            self.message.clear()
            self._note_own_message()
        self._typed_warning = ""

    def clear(self) -> None:
        self.input.clear()
        self.message.clear()
        self._typed_warning = ""
        self._note_own_message()   # a later change of the sale's offers does not bring back the last sale's words
        self.show_candidates(())
        self.register_button.hide()
        self.show_no_customer()

    def show_no_customer(self) -> None:
        """The card of a sale without a customer (the identify field and the message are left as they are)."""
        self.name.setText(self.tr("No customer"))
        self.details.clear()
        self.edit_button.hide()
        self.upgrade_button.hide()
        self.purchases_button.hide()
        self.purchases_button.setChecked(False)
        self._contact_id = ""
        self._purchases_cache.clear()   # cached for one sale only
        self.show_offers(None)
