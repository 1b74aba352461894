"""The queue's details in a Swedish till: each failure state the journal has, with the text stored as the journal's
code stores it (the till's own reasons raised by core/journal's real code; Engage's as EngageError.describe() words
them), rendered by the real queue view over a real journal file. What went wrong is said first in the manager's
words (a translatable sentence of ours, never with the stored text inside it); Engage's own message follows,
labelled as Engage's, as it was stored; the till's own English reasons stay out of the details (they stay in the
record, and in the raw data for IT). Before session 11 the details showed "… (400: InvalidEmail: …)" inside the
Swedish sentence, the till's English reasons as they were, and "väntar på nytt försök  Cannot connect to Engage"."""

from __future__ import annotations

from dataclasses import replace

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator

from pos_engage.core import texts
from pos_engage.core.errors import EngageConflict, EngageServerError, EngageTransportError, EngageValidationError
from pos_engage.core.journal import delivery, dispatch, give_backs, payloads
from pos_engage.core.journal.claims import Settlement
from pos_engage.core.journal.entry import EntryKind, EntryStatus
from pos_engage.core.office.entry_wording import engage_message, explain
from pos_engage.core.office.queue import ManagerActions
from pos_engage.qt import i18n
from pos_engage.qt.models.journal_model import JournalModel
from pos_engage.qt.views.queue_view import QueueView
from tests.core.conftest import sale


def raised(call):
    try:
        call()
    except Exception as problem:   # the very problem core raises is what is stored
        return problem
    raise AssertionError("expected core to refuse")


def raised_async(coroutine):
    """A coroutine that refuses before its first await (no client is needed to see why)."""
    return raised(lambda: coroutine.send(None))


def failures(receipt):
    """(status, code, stored text, Engage's words or "") for each failure state, stored as core stores them."""
    as_action = replace(receipt, kind=EntryKind.ORDER_ACTION, payload={"orderId": "o1"}, depends_on=5)
    redemption = replace(receipt, id=4, kind=EntryKind.REDEEM_VOUCHER, status=EntryStatus.CONFLICT)
    own = [raised(lambda: dispatch.prepared_payload(replace(receipt, payload={}), None)),          # pruned
           raised(lambda: delivery._contact_id(replace(receipt, payload={}, depends_on=7), None)),  # registration
           raised(lambda: dispatch.prepared_payload(as_action, None)),                             # order message
           raised_async(dispatch.check_done(None, as_action)),                                    # outcome unknown
           raised_async(give_backs.give_back(None, replace(receipt, kind=EntryKind.REACTIVATE_VOUCHER), redemption))]
    cases = [(EntryStatus.NEEDS_ATTENTION, problem.code, str(problem), "") for problem in own]
    cases.append((EntryStatus.NEEDS_ATTENTION, "UnreadableEntry", "entry 1 cannot be read: KeyError('receipt')", ""))
    invalid = EngageValidationError("The value is not valid", status=400, code="InvalidEmail",
                                    field_errors={"email": "not an email address"}).describe()
    refused = EngageValidationError("Store not found", status=400, code="InvalidStore").describe()
    conflict = EngageConflict("Already redeemed", status=409, code="PromotionAlreadyRedeemed").describe()
    down = EngageServerError("Service Unavailable", status=503).describe()
    cases += [(EntryStatus.NEEDS_ATTENTION, "InvalidEmail", invalid, invalid),
              (EntryStatus.NEEDS_ATTENTION, "InvalidStore", f"{refused} (an earlier attempt's outcome is unknown)",
               refused),
              (EntryStatus.CONFLICT, "PromotionAlreadyRedeemed", conflict, conflict),
              (EntryStatus.WAITING_RETRY, "EngageServerError", down, down),
              (EntryStatus.WAITING_RETRY, "EngageTransportError",
               EngageTransportError("Cannot connect to Engage (connection refused)").describe(), "")]
    return cases


@pytest.fixture
def swedish(qapp):
    translator = QTranslator()
    assert translator.load(str(i18n.compiled("sv")))
    qapp.installTranslator(translator)
    yield
    qapp.removeTranslator(translator)


def test_every_failure_state_leads_with_our_words_and_labels_engages(qtbot, till, tmp_path, swedish):
    journal = till.journal
    first = journal.record([payloads.receipt(sale("r0"))])[0]
    cases = failures(first)
    entries = [first, *journal.record([payloads.receipt(sale(f"r{n}")) for n in range(1, len(cases))])]
    journal.claim_due()
    journal.settle([Settlement(entry.id, status, error_code=code, error=stored, next_attempt_at=journal.clock() + 600)
                    for entry, (status, code, stored, _) in zip(entries, cases, strict=True)])
    view = QueueView(JournalModel(journal), ManagerActions(journal, till="3", pin_store=lambda: None),
                     export_folder=tmp_path / "exports", store="12", till="3")
    qtbot.addWidget(view)
    label = QCoreApplication.translate("QueueView", "Engage's message:")
    for entry, (status, code, stored, engages) in zip(entries, cases, strict=True):
        entry = journal.get(entry.id)
        assert (entry.status, entry.last_error) == (status, stored)   # the record stays as stored
        words = explain(entry)
        # Ours, translatable, with nothing stored inside (the stored text as a value stays English in Swedish).
        assert isinstance(words, texts.Text) and not any(stored in str(v) for v in words.values.values())
        assert engage_message(code, stored) == engages
        row = next(r for r in range(view.model.rowCount()) if view.model.entry_id(r) == entry.id)
        view.table.selectRow(row)
        lines = view.details.toPlainText().splitlines()
        lead = lines.index(view.model.data(view.model.index(row, 8)))   # "What to do": our words, first
        if engages:
            assert lines[lead + 1] == f"{label} {engages}", stored
        else:   # the till's own English reason: in the record only (and the raw data, for IT)
            assert not any(stored in line or line.startswith(label) for line in lines), stored
            view.raw_button.setChecked(True)   # IT's raw data keeps the record as stored
            assert f"last_error: {code}: {stored}" in view.details.toPlainText()
            view.raw_button.setChecked(False)


def test_engages_message_is_not_said_of_an_entry_closed_since(qtbot, till, tmp_path):
    """Under "Closed without being sent" the details went on saying Engage's refusal as if it still stood; the
    attempts keep it."""
    from pos_engage.core.pin import hash_pin

    journal = till.journal
    entry = journal.record([payloads.receipt(sale("r1"))])[0]
    refused = EngageValidationError("Store not found", status=400, code="InvalidStore").describe()
    journal.claim_due()
    journal.settle([Settlement(entry.id, EntryStatus.NEEDS_ATTENTION, error_code="InvalidStore", error=refused)])
    code = hash_pin("4826")
    view = QueueView(JournalModel(journal), ManagerActions(journal, till="3", pin_store=lambda: code),
                     export_folder=tmp_path / "exports", store="12", till="3", ask_pin=lambda: "4826",
                     ask_reason=lambda: "booked by hand")
    qtbot.addWidget(view)
    view.table.selectRow(0)
    assert f"Engage's message: {refused}" in view.details.toPlainText()
    view.resolve_selected()
    text = view.details.toPlainText()
    assert "Closed without being sent" in text and "Engage's message" not in text
    # Who closed it and why, before the columns the row repeats: at 1024×768 it was below the details' fold.
    assert text.index("closed without sending by") < text.index("Created:")
    assert text.rstrip().endswith(f"needs attention  {refused}")   # the attempt, as it was answered
