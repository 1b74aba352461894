"""The manager's queue view: 100,000 entries open at once, filters, PIN-guarded actions, audit."""

from __future__ import annotations

import json

import pytest

from pos_engage.core.journal import payloads
from pos_engage.core.journal.claims import Settlement
from pos_engage.core.journal.entry import EntryStatus
from pos_engage.core.journal.store import Journal
from pos_engage.core.office.queue import ManagerActions
from pos_engage.core.pin import hash_pin
from pos_engage.qt.models.journal_model import PAGE, JournalModel
from pos_engage.qt.views.queue_view import QueueView
from tests.core.conftest import sale

PIN = "4826"


def fill(journal: Journal, count: int) -> None:
    """Many rows at once (setup speed): what months of a busy till leave behind."""
    payload = json.dumps(payloads.receipt(sale("x")).payload)
    with journal.write_transaction("fill") as db:
        db.executemany("INSERT INTO entries (kind, payload, idempotency_key, status, next_attempt_at, created_at, "
                       "updated_at, delivered_at) VALUES ('receipt', ?, ?, 'delivered', 0, ?, ?, ?)",
                       [(payload, f"receipt:bulk-{n}", 1.7e9 + n, 1.7e9 + n, 1.7e9 + n) for n in range(count)])


@pytest.fixture
def pin_record():
    return {"value": hash_pin(PIN)}


@pytest.fixture
def view_for(qtbot, till, pin_record, tmp_path):
    def make(pin="4826", reason="booked by hand"):
        actions = ManagerActions(till.journal, till="3", pin_store=lambda: pin_record["value"])
        view = QueueView(JournalModel(till.journal), actions, export_folder=tmp_path / "exports",
                         store="12", till="3", ask_pin=lambda: pin, ask_reason=lambda: reason)
        qtbot.addWidget(view)
        view.show()
        return view
    return make


def needs_attention(journal: Journal, unique_id: str) -> int:
    entry = journal.record([payloads.receipt(sale(unique_id))])[0]
    journal.claim_due()
    journal.settle([Settlement(entry.id, EntryStatus.NEEDS_ATTENTION, error_code="InvalidReceipt",
                               error="400: InvalidReceipt: totalGrossPrice does not match")])
    return entry.id


def test_100000_entries_open_a_page_at_a_time_and_pass_the_model_tester(qtmodeltester, till):
    fill(till.journal, 100_000)
    model = JournalModel(till.journal)
    model.refresh()
    assert model.total == 100_000 and model.rowCount() == PAGE
    assert model.data(model.index(0, 0)) == "100000"  # newest first
    model.fetchMore()
    assert model.rowCount() == 2 * PAGE
    qtmodeltester.check(model)


def test_filters_and_summary(till, view_for):
    entry_id = needs_attention(till.journal, "bad-1")
    till.journal.record([payloads.receipt(sale("ok-1"))])
    view = view_for()
    assert view.model.rowCount() == 2
    assert "needs attention: 1" in view.summary.text() and "1 waiting" in view.summary.text()
    view.status_filter.setCurrentIndex(1)  # needs attention or conflict
    assert view.model.rowCount() == 1 and view.model.entry_id(0) == entry_id
    said = view.model.data(view.model.index(0, 8))   # a refused receipt: retried or resolved, never "corrected"
    assert "Only a registration can be corrected here" in said and "correct it" not in said.lower()


def test_retry_with_the_right_pin_and_refusal_with_a_wrong_one(till, view_for):
    entry_id = needs_attention(till.journal, "bad-2")
    wrong = view_for(pin="0000")
    wrong.table.selectRow(0)
    wrong.retry_selected()
    assert "Wrong PIN" in wrong.message.text()
    assert till.journal.get(entry_id).status is EntryStatus.NEEDS_ATTENTION
    right = view_for()
    right.table.selectRow(0)
    right.retry_selected()
    assert till.journal.get(entry_id).status is EntryStatus.PENDING
    assert till.journal.audit_log(entry_id)[-1]["actor"] == "manager (the till's PIN)"


def test_the_pin_locks_after_five_wrong_tries(till, view_for):
    needs_attention(till.journal, "bad-3")
    view = view_for(pin="1111")
    view.table.selectRow(0)
    for _ in range(5):
        view.retry_selected()
    assert "locked" in view.message.text()
    right = view_for()
    right.table.selectRow(0)
    right.retry_selected()
    assert "try again in" in right.message.text()


def test_resolve_requires_a_reason_and_is_audited(till, view_for):
    entry_id = needs_attention(till.journal, "bad-4")
    no_reason = view_for(reason="  ")
    no_reason.table.selectRow(0)
    no_reason.resolve_selected()
    assert "Say why" in no_reason.message.text()
    view = view_for(reason="booked by hand in Engage")
    view.table.selectRow(0)
    view.resolve_selected()
    assert till.journal.get(entry_id).status is EntryStatus.RESOLVED
    audit = till.journal.audit_log(entry_id)[-1]
    assert (audit["action"], audit["actor"], audit["till"], audit["reason"]) == (
        "resolve", "manager (the till's PIN)", "3", "booked by hand in Engage")


def test_personal_data_is_masked_until_the_pin_is_given(till, view_for):
    from pos_engage.core.domain import MatchKey, MatchKeyType
    showcase_email = "anna.andersson@example.se"
    till.journal.record([payloads.receipt(sale("p-1", MatchKey(showcase_email, MatchKeyType.EMAIL)))])
    view = view_for()
    view.table.selectRow(0)
    assert showcase_email not in view.details.toPlainText() and "a***@example.se" in view.details.toPlainText()
    view.unmask()
    assert showcase_email in view.details.toPlainText()
    view.hide()  # closed: the next person to open it sees it masked
    view.show()
    assert showcase_email not in view.details.toPlainText() and not view.unmasked


def test_export_from_the_view(till, view_for, tmp_path):
    till.journal.record([payloads.receipt(sale("e-1"))])
    view = view_for()
    view.export_all()
    assert "1 entry exported in 1 file" in view.message.text()
    assert list((tmp_path / "exports").glob("*_12-3_transactions.xml"))
    assert "exported: 1" in view.summary.text()


@pytest.fixture
def long_view(qtbot, till, pin_record, tmp_path):
    from pos_engage.qt.queue_bridge import QueueBridge

    def make(corrections=None):
        actions = ManagerActions(till.journal, till="3", pin_store=lambda: pin_record["value"])
        bridge = QueueBridge(till.journal, till.replayer, till.config, tmp_path / "exports")
        view = QueueView(JournalModel(till.journal), actions, export_folder=tmp_path / "exports",
                         store="12", till="3", ask_pin=lambda: PIN, ask_reason=lambda: "x",
                         ask_corrections=lambda contact: corrections, long_actions=bridge)
        qtbot.addWidget(view)
        view.show()
        return view, bridge
    return make


def test_correct_a_rejected_registration_from_the_view(till, long_view):
    from pos_engage.core.domain import NewContact
    entry = till.journal.record([payloads.registration(NewContact(email="typo@example.se"), store_external_id="1")])[0]
    till.journal.claim_due()
    till.journal.settle([Settlement(entry.id, EntryStatus.NEEDS_ATTENTION, error_code="ValidationError",
                                    error="422: ValidationError: (email: not valid)")])
    view, _ = long_view(corrections={"email": "fixed@example.se"})
    view.table.selectRow(0)
    view.correct_selected()
    corrected = till.journal.get(entry.id)
    assert corrected.status is EntryStatus.PENDING and corrected.payload["contact"]["email"] == "fixed@example.se"
    assert "corrected" in view.message.text()


def test_send_all_now_shows_progress_and_delivers(qtbot, till, long_view):
    for n in range(120):
        till.journal.record([payloads.receipt(sale(f"s-{n}"))])
    view, bridge = long_view()
    progress = []
    bridge.progressed.connect(lambda done, waiting: progress.append((done, waiting)))
    with qtbot.waitSignal(bridge.finished, timeout=30_000) as blocker:
        view.send_all()
    assert "120 delivered" in blocker.args[0] and progress[-1] == (120, 0) and len(progress) >= 3
    assert till.journal.figures().delivered == 120 and "0 waiting" in view.summary.text()


def test_stopping_send_all_leaves_nothing_in_flight(qtbot, till, long_view):
    for n in range(200):
        till.journal.record([payloads.receipt(sale(f"c-{n}"))])
    view, bridge = long_view()
    bridge.progressed.connect(lambda done, waiting: bridge.cancel())  # stop after the first batch
    with qtbot.waitSignal(bridge.finished, timeout=30_000) as blocker:
        view.send_all()
    assert "stopped" in blocker.args[0]
    figures = till.journal.figures()
    assert 0 < figures.delivered < 200 and figures.pending == 200 - figures.delivered
    assert till.journal.count(statuses=[EntryStatus.IN_FLIGHT]) == 0


def test_upload_without_a_file_server_says_so(qtbot, till, long_view, monkeypatch):
    monkeypatch.setenv("POS_ENGAGE_FILE_SERVER_PASSWORD", "x")
    view, bridge = long_view()
    with qtbot.waitSignal(bridge.finished, timeout=10_000) as blocker:
        view.upload()
    assert "file server is not set up" in blocker.args[0]


def test_export_from_the_till_shows_progress_per_file(qtbot, till, long_view, tmp_path):
    from pos_engage.core.domain import MatchKey, MatchKeyType
    till.journal.record([payloads.receipt(sale("x-1", MatchKey("c-1")))])
    till.journal.record([payloads.receipt(sale("x-2", MatchKey("a@example.se", MatchKeyType.EMAIL)))])
    view, bridge = long_view()
    files = []
    bridge.files_progressed.connect(lambda done, total: files.append((done, total)))
    with qtbot.waitSignal(bridge.finished, timeout=10_000) as blocker:
        view.export_all()
    assert files == [(1, 2), (2, 2)] and "2 entries exported in 2 files" in blocker.args[0]


def test_export_only_the_selected_entry(till, view_for, tmp_path):
    first = till.journal.record([payloads.receipt(sale("sel-1"))])[0]
    till.journal.record([payloads.receipt(sale("sel-2"))])
    view = view_for()
    row = next(r for r in range(view.model.rowCount()) if view.model.entry_id(r) == first.id)
    view.table.selectRow(row)
    view.export_selected()
    assert "1 entry exported in 1 file" in view.message.text()
    statuses = {e.idempotency_key: e.status for e in till.journal.entries()}
    assert statuses == {"receipt:sel-1": EntryStatus.EXPORTED, "receipt:sel-2": EntryStatus.PENDING}


def test_only_what_the_selected_entry_allows_is_offered_and_the_raw_data_is_behind_a_toggle(till, view_for):
    """Issue 14: Retry on a delivered entry asked for the PIN, then failed in developer wording; the details ended
    in raw JSON. A delivered entry offers neither Retry nor Resolve (nobody is asked for a code); one that needs
    attention offers both; the details are a summary, the JSON only when the toggle is on."""
    fill(till.journal, 1)
    needs_attention(till.journal, "bad-raw")
    asked = []
    view = view_for()
    view.actions.pin_store = lambda: asked.append("pin") or hash_pin(PIN)
    statuses = {view.model.data(view.model.index(row, 5)): row for row in range(view.model.rowCount())}
    view.table.selectRow(statuses["delivered"])
    assert not view.retry_button.isEnabled() and not view.resolve_button.isEnabled()
    view.retry_button.click()   # a disabled button does nothing: no code asked
    assert asked == []
    view.table.selectRow(statuses["needs attention"])
    assert view.retry_button.isEnabled() and view.resolve_button.isEnabled()
    summary = view.details.toPlainText()
    assert summary and "{" not in summary   # plain words, no JSON
    view.raw_button.click()
    assert '"uniqueReceiptId"' in view.details.toPlainText()
    view.raw_button.click()
    assert view.details.toPlainText() == summary
