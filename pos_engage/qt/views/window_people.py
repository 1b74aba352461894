"""The till window's people part: who is at the till. With IT's staff directory (``core/office/people.py``)
the cashier signs in with a staff number and code when the till starts and with "Sign in / change cashier"
(Ctrl+L); until then the sale cannot be used. In a shared till nobody signs in and the till itself ("till 3") is
named as who did what; whoever it is, core's till is told (TillService.at_till), so every sale it journals
records who rang it up. A manager's code is asked for here for what the window does under a manager's name. A
mixin of MainWindow; its texts keep MainWindow's translation context.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from pos_engage.core.errors import PosEngageError
from pos_engage.qt.texts import shown


class PeopleWindowPart:
    @property
    def people(self):
        """Sign-in and codes for this till (core/office/people.People), once the till is attached."""
        if self._people is None and self.bridge is not None:
            from pos_engage.core.office.people import People

            service = self.bridge.service
            self._people = People(service.journal, till=service.config.till_id, sign_in=service.config.till.sign_in)
        return self._people

    def _start_sign_in(self) -> None:
        if self.people.problem is not None:  # IT's staff list cannot be read: nobody can sign in; say why
            self._signed_in(None)
            self._on_problem(shown(self.people.problem))
            return
        if self.people.sign_in_required:
            self._signed_in(None)
            self.open_sign_in()
        else:
            self.cashier = self.cashier or self.people.shared.actor
            self.bridge.cashier = self.bridge.cashier or self.cashier
            self._at_till(self.cashier)
            # Said as the till, in the till's language: "Shared till: till 1" (Swedish "Delad kassa: till 1") named
            # it twice, the second time by the journal's untranslated actor. The actor stays what is recorded.
            till = self.bridge.service.config.till_id
            self._show_person(QCoreApplication.translate("MainWindow", "Till {0} (shared, no sign-in)").format(till),
                              QCoreApplication.translate("MainWindow", "Till {0}").format(till))

    def open_sign_in(self) -> None:
        """Sign in / change cashier (Ctrl+L): the staff number and code, checked (and audited) by core."""
        from pos_engage.qt.views.sign_in_dialog import CodeDialog

        people = self.people
        if people is None or not people.has_directory:
            self._on_problem(QCoreApplication.translate("MainWindow",
                                                        "Nobody signs in at this till: IT keeps no staff list"))
            return
        # Cancel leaves the sale locked until someone signs in (the till can still be closed).
        dialog = CodeDialog(self, staff_number=True, check=self.sign_in)
        self.sign_in_dialog = dialog
        dialog.finished.connect(lambda _result: setattr(self, "sign_in_dialog", None))
        dialog.open()

    def sign_in(self, staff_id: str | None, code: str) -> str | None:
        """Check the code; on success this person is the cashier from now on. Returns what was wrong, or None."""
        try:
            person = self.people.sign_in(staff_id or "", code, replacing=self.person)
        except PosEngageError as problem:
            return shown(problem)
        self._signed_in(person)
        return None

    def _signed_in(self, person) -> None:
        self.person = person
        self.cashier = person.actor if person else ""
        if self.bridge is not None:
            self.bridge.cashier = self.cashier  # what the bridge passes on names the person, not the PC
        self._at_till(self.cashier or None)
        for part in (self.content, self.footer):   # no sale, no customer until someone signs in
            if part is not None:
                part.setEnabled(person is not None)
        if person is not None:
            self._show_person(QCoreApplication.translate("MainWindow", "Signed in: {0}").format(person.actor),
                              person.actor)
        else:
            # Whole in a strip too: "Ctrl+L" alone at 800×600 did not say what it was for.
            nobody = QCoreApplication.translate("MainWindow", "Nobody signed in: Ctrl+L")
            self._show_person(nobody, nobody)
        if person is not None:
            self.focus_identify()

    def _at_till(self, actor: str | None) -> None:
        """Core's till records who is at it with every sale it journals (the window's, the POS link's):
        the person signed in, the till itself when shared, nobody (None) while no one is signed in."""
        if self.bridge is not None:
            self.bridge.service.at_till = actor

    def _show_person(self, whole: str, short: str) -> None:
        """Who is at the till; a narrow strip shows the name alone (the whole sentence is the tooltip)."""
        self._person_texts = (whole, short)
        self.person_label.setText(short if self.compact else whole)
        self.person_label.setToolTip(whole)

    def ask_manager(self, ask_pin=None):
        """A manager's code for something outside the queue view (Settings): the person, or None. When core says
        no code can be checked here (no keyring for the till's PIN, no manager on IT's list), that and what IT must
        do is said instead of asking for a code that could never be right."""
        from pos_engage.qt.views.queue_view import ask_pin_dialog
        from pos_engage.qt.views.sign_in_dialog import split_code

        problem = self.people.approval_problem() if self.people is not None else None
        if problem is not None:
            self._on_problem(shown(problem))
            return None
        answer = (ask_pin or self.ask_pin or (lambda: ask_pin_dialog(self, self.people.has_directory)))()
        return None if answer is None else split_code(answer)
