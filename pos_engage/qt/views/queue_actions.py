"""What the manager can do from the queue view: retry, resolve, correct, unmask, export, send all and upload,
each approved by a manager's code that core checks and audits, and the progress of the long ones (QueueBridge).
A mixin of QueueView (it uses the view's table, buttons, message line and askers); which buttons are offered
follows the selected entry's status, so nobody is asked for a code for what cannot be done. Its texts keep
QueueView's translation context.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication

from pos_engage.core.errors import PosEngageError
from pos_engage.core.office.audit_reasons import QUEUE_EXPORT, QUEUE_EXPORT_ENTRY, QUEUE_RETRY, own
from pos_engage.core.office.entries import EntryKind, EntryStatus, sources_of
from pos_engage.qt.queue_bridge import export_message
from pos_engage.qt.texts import shown
from pos_engage.qt.views.sign_in_dialog import split_code

# The texts, in QueueView's translation context (lupdate reads these literals; _tr looks them up).
TEXTS = (
    QT_TRANSLATE_NOOP("QueueView", "Entry {0} will be sent again"),
    QT_TRANSLATE_NOOP("QueueView", "Entry {0} closed: {1}"),
    QT_TRANSLATE_NOOP("QueueView", "Personal data shown until this window closes"),
    QT_TRANSLATE_NOOP("QueueView", "Registration {0} corrected; it will be sent again"),
    QT_TRANSLATE_NOOP("QueueView", "Sending…"),
    QT_TRANSLATE_NOOP("QueueView", "Uploading…"),
    QT_TRANSLATE_NOOP("QueueView", "{0} sent, {1} still waiting…"),
    QT_TRANSLATE_NOOP("QueueView", "File {0} of {1}…"),
    QT_TRANSLATE_NOOP("QueueView", "Exporting…"),
)


def _tr(text: str) -> str:
    return QCoreApplication.translate("QueueView", text)


class QueueActions:
    def _enable_entry_buttons(self, entry) -> None:
        """Only what can be done to this entry is offered: checked before anyone is asked for a code."""
        status = entry.status if entry is not None else None
        self.retry_button.setEnabled(status in sources_of(EntryStatus.PENDING) and status is not EntryStatus.IN_FLIGHT
                                     and status is not EntryStatus.PENDING)
        self.resolve_button.setEnabled(status in sources_of(EntryStatus.RESOLVED))
        self.correct_button.setEnabled(entry is not None and entry.kind is EntryKind.REGISTER_CONTACT
                                       and status is EntryStatus.NEEDS_ATTENTION)
        self.export_selected_button.setEnabled(status in sources_of(EntryStatus.EXPORTED))
        self.unmask_button.setEnabled(not self.unmasked)

    def _cannot_approve(self) -> bool:
        """Core says no manager's code can be checked here (no keyring for the till's PIN, no manager on IT's
        list): that, and what IT must do, is said instead of asking for a code that could never be right."""
        problem = self.actions.approval_problem()
        if problem is not None:
            self.message.setText(shown(problem))
        return problem is not None

    def _guarded(self, action: Callable[[str, str | None], str]) -> None:
        """Ask for a manager's code, then run ``action(code, staff number)``; core checks and audits it."""
        if self._cannot_approve():
            return
        answer = self.ask_pin()
        if answer is None:
            return
        by, pin = split_code(answer)
        try:
            self.message.setText(action(pin, by))
        except PosEngageError as problem:
            self.message.setText(shown(problem))
            return
        self.refresh()
        self.on_changed()

    def retry_selected(self) -> None:
        entry_id = self.selected_id()
        if entry_id is None:
            return

        def retry(pin: str, by: str | None) -> str:
            self.actions.retry(entry_id, pin=pin, by=by, reason=own(QUEUE_RETRY))
            return _tr("Entry {0} will be sent again").format(entry_id)

        self._guarded(retry)

    def resolve_selected(self) -> None:
        entry_id = self.selected_id()
        if entry_id is None:
            return
        reason = self.ask_reason()
        if reason is None:
            return
        try:   # before the code: a reason refused after it had the manager type the code again
            self.actions.check_reason(reason)
        except PosEngageError as problem:
            self.message.setText(shown(problem))
            return

        def resolve(pin: str, by: str | None) -> str:
            self.actions.resolve(entry_id, pin=pin, by=by, reason=reason)
            return _tr("Entry {0} closed: {1}").format(entry_id, reason)

        self._guarded(resolve)

    def unmask(self) -> None:
        entry_id = self.selected_id()

        def show(pin: str, by: str | None) -> str:
            self.revealed_to = self.actions.reveal(entry_id, pin=pin, by=by)
            self.unmasked = True
            if entry_id is not None:
                self.revealed.add(entry_id)
            return _tr("Personal data shown until this window closes")

        self._guarded(show)
        self.show_details()

    def correct_selected(self) -> None:
        """Fix what Engage rejected in a registration, then send it again; what waited for it follows. The form
        shows the customer's data in clear, so a manager's code comes first and the showing is audited, as "Show
        personal data" is; the same manager then approves the correction."""
        entry_id = self.selected_id()
        if entry_id is None or self._cannot_approve():
            return
        answer = self.ask_pin()
        if answer is None:
            return
        by, pin = split_code(answer)
        try:
            manager, contact = self.actions.to_correct(entry_id, pin=pin, by=by)
        except PosEngageError as problem:
            self.message.setText(shown(problem))
            return
        changes = self.ask_corrections(contact)
        if not changes:
            return
        try:
            self.actions.correct(entry_id, changes, person=manager)
        except PosEngageError as problem:
            self.message.setText(shown(problem))
            return
        self.message.setText(_tr("Registration {0} corrected; it will be sent again").format(entry_id))
        self.refresh()
        self.on_changed()

    def send_all(self) -> None:
        def start(pin: str, by: str | None) -> str:
            self.actions.approve("send-all", pin=pin, by=by, purpose="send all now")
            self.long_actions.send_all()
            return _tr("Sending…")

        self._guarded(start)

    def upload(self) -> None:
        def start(pin: str, by: str | None) -> str:
            self.actions.approve("upload", pin=pin, by=by, purpose="upload files")
            self.long_actions.upload()
            return _tr("Uploading…")

        self._guarded(start)

    def _on_long_actions_progressed(self, delivered: int, waiting: int) -> None:
        self.message.setText(_tr("{0} sent, {1} still waiting…").format(delivered, waiting))

    def _on_long_actions_files_progressed(self, done: int, total: int) -> None:
        self.message.setText(_tr("File {0} of {1}…").format(done, total))

    def _on_long_actions_finished(self, summary: str) -> None:
        self.message.setText(summary)
        self.refresh()
        self.message.stamp = self._moment(self.model.journal.figures())   # said until the queue or Engage changes
        self.on_changed()

    def _on_long_actions_busy_changed(self, busy: bool) -> None:
        self.cancel_button.setEnabled(busy)
        for button in (self.send_all_button, self.upload_button, self.export_button):
            button.setEnabled(not busy)

    def export_selected(self) -> None:
        """Just this entry by file (with what must travel with it); it is then never sent by API."""
        entry_id = self.selected_id()
        if entry_id is None:
            return

        def export(pin: str, by: str | None) -> str:
            result = self.actions.export(self.export_folder, store=self.store, pin=pin, by=by, only={entry_id},
                                         reason=own(QUEUE_EXPORT_ENTRY, entry=entry_id))
            why = "; ".join(reason for _, reason in result.skipped)
            return export_message(result, self.export_folder) + (f" ({why})" if why else "")

        self._guarded(export)

    def export_all(self) -> None:
        def export(pin: str, by: str | None) -> str:
            if self.long_actions is not None:  # in the till: with progress and Stop
                manager = self.actions.verify(pin, by=by, purpose="export the queue")
                self.long_actions.export(self.store, self.till, manager.actor)
                return _tr("Exporting…")
            result = self.actions.export(self.export_folder, store=self.store, pin=pin, by=by,
                                         reason=own(QUEUE_EXPORT))
            return export_message(result, self.export_folder)

        self._guarded(export)
