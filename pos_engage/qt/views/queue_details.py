"""The queue view's details of the selected entry: what it is (core/office/entry_description: "Receipt 2003 — 874.29
SEK, Card — sale pos-2003") and who rang it up where ("Rung up by Anna Berg (1001), at the POS, through the POS link
(HTTP)", as the journal recorded it; where is said once, there), what to do, who did what (the audit, or "no manager
action yet": before the summary columns, which repeat the row, and the attempts, which an entry retried many times makes
long; at 1024×768 a resolved entry's who and why was below the fold), its summary columns, its attempts (each outcome in
plain words), and its raw data for IT behind a toggle. What went wrong is said first in the manager's words (core's
explain), then Engage's own message as Engage stored it, labelled as Engage's (in Swedish the manager read Engage's
English as if it were ours); the till's own reasons, stored in English, are said only in the manager's words (the record
keeps them; the raw data shows them, for IT). A receipt booked to the store's walk-in contact says "Walk-in customer".
Personal data stays masked unless a manager's code unmasked it, and each entry shown unmasked is audited once ("reveal",
naming who saw it). A mixin of QueueView (it uses the view's table, model, details box and unmask state); its texts keep
QueueView's translation context.
"""

from __future__ import annotations

import json
from datetime import datetime

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, Qt

from pos_engage.core.office.entries import EntryKind, EntryStatus
from pos_engage.core.office.entry_description import audit_lines, describe, who_and_where
from pos_engage.core.office.entry_wording import engage_message
from pos_engage.core.office.masking import masked_payload
from pos_engage.qt.models.journal_model import STATUS_WORDS, status_word
from pos_engage.qt.texts import shown
from pos_engage.qt.views.queue_table import SUMMARY_COLUMNS, WHAT_TO_DO

# The texts, in QueueView's translation context (lupdate reads these literals; _tr looks them up).
TEXTS = (
    QT_TRANSLATE_NOOP("QueueView", "Attempts:"),
    QT_TRANSLATE_NOOP("QueueView", "Audit:"),
    QT_TRANSLATE_NOOP("QueueView", "Not tried yet"),
    QT_TRANSLATE_NOOP("QueueView", "Engage's message:"),
    QT_TRANSLATE_NOOP("QueueView", "The marketing platform's message:"),
)

# The statuses an entry has because of what Engage (or the marketing platform) last answered.
STILL_REFUSED = (EntryStatus.NEEDS_ATTENTION, EntryStatus.CONFLICT, EntryStatus.WAITING_RETRY)


def _tr(text: str) -> str:
    return QCoreApplication.translate("QueueView", text)


class EntryDetails:
    def selected_id(self) -> int | None:
        index = self.table.currentIndex()
        return self.model.entry_id(index.row()) if index.isValid() else None

    def show_details(self) -> None:
        entry_id = self.selected_id()
        if entry_id is None:
            self.details.clear()
            self._enable_entry_buttons(None)
            return
        journal = self.model.journal
        entry = journal.get(entry_id)
        self._enable_entry_buttons(entry)
        payload = entry.payload if self.unmasked else masked_payload(entry)
        if self.unmasked and entry_id not in self.revealed:  # who saw which customer's data: audited
            self.actions.people.revealed(self.revealed_to, entry_id)
            self.revealed.add(entry_id)
        # Each attempt's outcome is a status: in the manager's words ("waiting to retry", not waiting_retry), with
        # Engage's words when it answered (the till's own English reason is said in the details' first lines).
        marketing = entry.kind is EntryKind.MARKETING_ORDER
        attempts = [f"{datetime.fromtimestamp(a['at']):%Y-%m-%d %H:%M:%S}  "
                    f"{status_word(a['outcome']) if a['outcome'] in STATUS_WORDS else a['outcome']}  "
                    f"{engage_message(a['error_code'], a['error'], marketing=marketing)}".rstrip()
                    for a in journal.attempts_of(entry_id)]
        # Engage's message while it is why the entry waits: under "Closed without being sent" or "Sent by file" the
        # last refusal read as if it still stood (the attempts keep it).
        theirs = (engage_message(entry.last_error_code, entry.last_error, marketing=marketing)
                  if entry.status in STILL_REFUSED else "")
        whose = _tr("The marketing platform's message:") if marketing else _tr("Engage's message:")
        said_by_them = [f"{whose} {theirs}"] if theirs else []
        audit = [shown(line) for line in audit_lines(journal.audit_log(entry_id))]
        what = describe(entry, journal, till=self.till)
        who = who_and_where(entry)
        row = self.table.currentIndex().row()
        cell = lambda column: self.model.data(self.model.index(row, column)) or ""  # noqa: E731
        label = shown(entry.label)   # "receipt": the kind's words, as the list's column says them
        summary = [f"{label[:1].upper()}{label[1:]} #{entry.id} — {status_word(entry.status)}",
                   *([shown(what)] if what else []), *([shown(who)] if who else []), cell(WHAT_TO_DO),
                   *said_by_them, "", _tr("Audit:"), *audit, "",
                   *(f"{self.model.headerData(column, Qt.Orientation.Horizontal)}: {cell(column)}"
                     for column in SUMMARY_COLUMNS if cell(column)),
                   "", _tr("Attempts:"), *(attempts or [_tr("Not tried yet")])]
        # The raw JSON is for IT and Engage's support, behind a toggle; shown unmasked, it is what was asked for. The
        # last error as stored (the till's own reasons in English) is theirs too.
        stored = [f"last_error: {entry.last_error_code or ''}: {entry.last_error}"] if entry.last_error else []
        raw = (["", *stored, json.dumps(payload, indent=2, ensure_ascii=False)]
               if self.raw_button.isChecked() or self.unmasked else [])
        self.details.setPlainText("\n".join([*summary, *raw]))
