"""Registering a new customer: field-level checks before sending, Engage's errors on the right fields, and
consents captured as evidence (the wording version shown, time, store, till, cashier), and a new loyalty card
handed out (scanned into its field; the till checks it against its card rules and Engage before registering).

When Engage already holds the customer (a newsletter subscriber, a member, or one another till registered a moment
ago), the dialog asks the cashier before anything changes there: upgrade and save, save the differences, or keep
the customer as Engage has her."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from pos_engage.core import texts
from pos_engage.core.domain import Contact, KeyKind, NewContact, Preferences
from pos_engage.core.domain.checks import is_email, is_mobile, normalise_mobile
from pos_engage.core.errors import InputError
from pos_engage.core.till.outcomes import ConsentEvidence, ExistingContact, RegisterOutcome
from pos_engage.core.till.scan import classify, clean
from pos_engage.qt.texts import shown

CONSENT_WORDING_VERSION = "2026-11"
FIELDS = ("first_name", "last_name", "email", "mobile_phone", "social_security_number", "zip_code", "card_number")
# The personal number's field is there only when the registration starts from one (the cashier looked her up by
# it and found nobody): the number she gave is then kept with her, and nobody is asked for a personnummer they did
# not offer (data minimisation). It is a key, never edited from the till once she is registered.
GIVEN_ONLY = frozenset({"social_security_number"})


def _read_as_personal_number(text: str, default_country_code: str) -> bool:
    """Whether the identify input was read as a personal number (the till's own reading, scan.classify: a mobile
    written like one, 070 111 22 33, stays a mobile)."""
    try:
        return bool(text) and classify(text, default_country_code=default_country_code).key.kind \
            is KeyKind.SOCIAL_SECURITY_NUMBER
    except InputError:
        return False


class CardField(QLineEdit):
    """The loyalty card's field. A keyboard-wedge scanner ends the card with Enter: here that only ends the card
    (its prefix and control characters taken out, as the identify input does) and moves on to the next field,
    never registers a half-filled form."""

    def keyPressEvent(self, event) -> None:
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.setText(clean(self.text()))
            self.focusNextChild()
            event.accept()
            return
        super().keyPressEvent(event)


class RegisterDialog(QDialog):
    def __init__(self, prefill: str = "", cashier: str = "", parent: QWidget | None = None, *,
                 contact: Contact | None = None, default_country_code: str = "+46") -> None:
        super().__init__(parent)
        self.default_country_code = default_country_code
        self.editing = contact is not None
        self.setWindowTitle(self.tr("Edit customer details") if self.editing else self.tr("Register new customer"))
        self.cashier = cashier
        layout = QVBoxLayout(self)
        form = QFormLayout()
        self.form = form
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)  # a narrow screen: the label above its field
        labels = {"first_name": self.tr("First name"), "last_name": self.tr("Last name"),
                  "email": self.tr("Email"), "mobile_phone": self.tr("Mobile"),
                  "social_security_number": self.tr("Personal number"), "zip_code": self.tr("Postcode"),
                  "card_number": self.tr("Loyalty card")}
        self.labels = {**labels, "city": self.tr("City"), "country_code": self.tr("Country"),
                       "accepts_email": self.tr("Offers by email"), "accepts_sms": self.tr("Offers by SMS")}
        self.inputs: dict[str, QLineEdit] = {}
        self.errors: dict[str, QLabel] = {}
        personal = not self.editing and _read_as_personal_number(prefill, default_country_code)
        for name in FIELDS:
            if name in GIVEN_ONLY and not personal:
                continue
            field = CardField() if name == "card_number" else QLineEdit()
            field.setObjectName(name)
            field.setAccessibleName(labels[name])
            error = QLabel()
            error.setObjectName(f"{name}_error")
            error.setProperty("tone", "error")
            error.setWordWrap(True)   # a long message in a narrow dialog wraps rather than widening it
            error.setAccessibleName(labels[name] + " " + self.tr("error"))
            self.inputs[name], self.errors[name] = field, error
            form.addRow(labels[name], field)
            form.addRow("", error)
            # The whole row hidden, its empty label too: a hidden error alone still cost its row's spacing, seven
            # times over, and the form no longer fit 800x600 once it had a seventh field.
            form.setRowVisible(error, False)
            # What is wrong with a field goes as soon as the cashier corrects it, not at the next Register: a
            # fixed email still said "Not a valid email address" beside it.
            field.textEdited.connect(lambda _text, corrected=name: self._clear_error(corrected))
        self.inputs["card_number"].setPlaceholderText(self.tr("New card (optional)"))
        if "social_security_number" in self.inputs:
            self.inputs["social_security_number"].setPlaceholderText(self.tr("YYYYMMDD-NNNN"))
        layout.addLayout(form)
        self.accepts_email = QCheckBox(self.tr("The customer wants offers by email"))
        self.accepts_sms = QCheckBox(self.tr("The customer wants offers by SMS"))
        for box in (self.accepts_email, self.accepts_sms):
            box.setAccessibleName(box.text())
            layout.addWidget(box)
        self.general_error = QLabel()
        self.general_error.setProperty("tone", "error")
        self.general_error.setWordWrap(True)
        self.general_error.hide()
        layout.addWidget(self.general_error)
        # The question about a customer Engage already holds: hidden until a registration finds one.
        self.question = QLabel()
        self.question.setObjectName("existing_question")
        self.question.setWordWrap(True)
        self.question.hide()
        layout.addWidget(self.question)
        self.yes_button = QPushButton()
        self.yes_button.setObjectName("existing_yes")
        self.no_button = QPushButton(self.tr("Keep as Engage has it"))
        self.no_button.setObjectName("existing_no")
        for button in (self.yes_button, self.no_button):
            button.hide()
            layout.addWidget(button)
        self.yes_button.clicked.connect(lambda: self._answer(True))
        self.no_button.clicked.connect(lambda: self._answer(False))
        self.existing: ExistingContact | None = None
        self._on_answer: Callable[[ExistingContact, bool], None] | None = None
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(
            self.tr("Save") if self.editing else self.tr("Register"))
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        if contact is not None:
            for name in self.inputs:
                self.inputs[name].setText(getattr(contact, name) or "")
            self.accepts_email.hide()
            self.accepts_sms.hide()
        elif "@" in prefill:
            self.inputs["email"].setText(prefill)
        elif personal:   # looked up by it and not found: it is hers
            self.inputs["social_security_number"].setText(prefill)
        elif prefill and is_mobile(prefill, default_country_code):
            self.inputs["mobile_phone"].setText(prefill)
        # Anything else (a card number) goes nowhere: it is never a mobile.
        self.inputs["first_name"].setFocus()

    @property
    def ok_button(self):
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def values(self) -> dict[str, str]:
        values = {name: field.text().strip() for name, field in self.inputs.items()}
        values["card_number"] = clean(values["card_number"]).replace(" ", "")   # typed with spaces, or scanned
        return values

    def checked_values(self) -> dict[str, str] | None:
        """The form's values when they pass the checks that need no Engage; else None, with the errors shown."""
        self.show_errors({})
        values = self.values()
        problems = {}
        if values["email"] and not is_email(values["email"]):
            problems["email"] = self.tr("Not a valid email address")
        if values["mobile_phone"] and not is_mobile(values["mobile_phone"], self.default_country_code):
            problems["mobile_phone"] = self.tr("Not a valid mobile number (like 070 123 45 67)")
        if values["card_number"] and not values["card_number"].isdigit():
            problems["card_number"] = self.tr("A card number has digits only: scan the card or type its number")
        elif values["card_number"] and values["card_number"] == values["mobile_phone"].replace(" ", ""):
            problems["mobile_phone"] = self.tr("This is the card's number, not a mobile number")
        if not self.editing and not values["first_name"] and not values["last_name"]:
            problems["first_name"] = self.tr("The customer's name is needed")
        if not values["email"] and not values["mobile_phone"]:
            problems["email"] = self.tr("An email address or a mobile number is needed")
        if problems:
            self.show_errors(problems)
            return None
        if values["mobile_phone"]:  # E.164 with this store's country, before anything else sees it
            values["mobile_phone"] = normalise_mobile(values["mobile_phone"], self.default_country_code)
        return values

    def contact(self) -> NewContact | None:
        """The contact to register, or None after showing what to correct."""
        values = self.checked_values()
        if values is None:
            return None
        try:
            return NewContact(first_name=values["first_name"], last_name=values["last_name"], email=values["email"],
                              mobile_phone=values["mobile_phone"], zip_code=values["zip_code"],
                              preferences=Preferences(self.accepts_email.isChecked(), self.accepts_sms.isChecked()),
                              card_number=values["card_number"],
                              social_security_number=values.get("social_security_number", ""),
                              # a number valid in both countries is read as the till's country's (+358: Finland)
                              country_code="FI" if self.default_country_code == "+358" else "SE")
        except InputError as problem:
            field = {"mobilePhone": "mobile_phone"}.get(problem.field or "", problem.field or "email")
            self.show_errors({field if field in self.errors else "email": texts.message_of(problem)})
            return None

    def consent(self) -> ConsentEvidence:
        return ConsentEvidence(CONSENT_WORDING_VERSION, self.accepts_email.isChecked(), self.accepts_sms.isChecked(),
                               self.cashier)

    def show_errors(self, field_errors: dict[str, str], general: str = "") -> None:
        for name, label in self.errors.items():
            text = shown(field_errors.get(name, ""))
            label.setText(text)
            self.form.setRowVisible(label, bool(text))
        leftover = [shown(text) for name, text in field_errors.items() if name not in self.errors]
        message = " ".join([shown(general), *leftover]).strip()
        self.general_error.setText(message)
        self.general_error.setVisible(bool(message))
        for name in self.inputs:
            if field_errors.get(name):
                self.inputs[name].setFocus()
                break
        self._grow()

    def _clear_error(self, name: str) -> None:
        """The field ``name`` edited: its error (if any) goes; the other fields' stay until they are edited."""
        error = self.errors[name]
        if error.text():
            error.clear()
            self.form.setRowVisible(error, False)

    def _grow(self) -> None:
        """Taller by what the messages just shown need (a wrapped one was cut to its first line in a strip),
        within the screen."""
        needed = self._needed_height()
        room = self._room() or needed
        if needed > self.height():
            self.resize(self.width(), min(needed, room))

    def _needed_height(self) -> int:
        """The height the dialog's content needs at its width, as laid out now."""
        layout = self.layout()
        layout.activate()
        return layout.totalHeightForWidth(self.width()) if layout.hasHeightForWidth() else self.sizeHint().height()

    def form_widgets(self) -> list[QWidget]:
        """The form's fields, their labels and errors, and the consents: what the question about a customer Engage
        holds freezes."""
        widgets: list[QWidget] = [self.accepts_email, self.accepts_sms]
        for name, field in self.inputs.items():
            widgets += [field, self.form.labelForField(field), self.errors[name]]
        return [widget for widget in widgets if widget is not None]

    def _hide_form(self) -> None:
        """On a screen too short for the form and the question, the frozen form goes: the question lists every
        change it would make, and its answers must be on the screen."""
        for widget in self.form_widgets():
            widget.hide()
        needed = self._needed_height()
        self.resize(self.width(), min(needed, self._room() or needed))   # as short as the question now needs

    def _room(self) -> int | None:
        """The height the dialog may take on its screen (a title bar left), or None without a screen."""
        screen = self.screen()
        return screen.availableGeometry().height() - 40 if screen is not None else None

    def resizeEvent(self, event) -> None:
        super().resizeEvent(event)
        self._keep_on_screen()

    def _keep_on_screen(self) -> None:
        """Grown downwards from where it opened (by _grow, or by its layout once the question about a customer
        Engage holds was shown), its buttons went below the screen's edge at 1024x768: moved up until its bottom
        is on the screen."""
        screen = self.screen()
        if screen is None or not self.isVisible():
            return
        area = screen.availableGeometry()
        frame = self.frameGeometry()
        overflow = frame.bottom() - area.bottom()
        if overflow > 0:
            self.move(self.x(), max(area.top(), self.y() - overflow))

    def ask_about_existing(self, outcome: RegisterOutcome,
                           answer: Callable[[ExistingContact, bool], None]) -> None:
        """Engage already holds this customer: show the question and what would change, and leave the decision to
        the cashier (``answer(existing, yes)``). The form is frozen meanwhile: it is what the question is about."""
        existing = outcome.existing
        if existing is None:
            return
        self.existing = existing
        # What Engage holds comes masked from core (ExistingContact.changes); nothing held shows as a dash.
        rows = [self.tr("{0}: {1} → {2}").format(self.labels.get(name, name), shown(held) or "–", shown(wanted))
                for name, held, wanted in existing.changes()]
        self.question.setText("\n".join([shown(outcome.message), *rows]))
        self.question.show()
        for widget in (*self.inputs.values(), self.accepts_email, self.accepts_sms, self.ok_button):
            widget.setEnabled(False)
        if existing.upgrade:
            self.yes_button.setText(self.tr("Upgrade to member and save"))
        else:
            self.yes_button.setText(self.tr("Save the changes"))
        self._on_answer = answer
        for button in (self.yes_button, self.no_button):
            button.show()
            button.setEnabled(True)
        room = self._room()
        if room is not None and self._needed_height() > room:
            self._hide_form()   # 800x600: the form and the question did not fit, the answers below the edge
        self.show_errors({})
        # A customer whose details would change is another person as often as not (an email typed for someone
        # else): Enter pressed by habit keeps Engage's details. Upgrading a subscriber is what was asked for.
        default = self.yes_button if existing.upgrade else self.no_button
        default.setDefault(True)
        default.setFocus()

    def _answer(self, yes: bool) -> None:
        if self.existing is None or self._on_answer is None:
            return
        self.yes_button.setEnabled(False)  # one answer per question, however fast the clicks
        self.no_button.setEnabled(False)
        self._on_answer(self.existing, yes)
