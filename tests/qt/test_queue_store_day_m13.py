"""The queue view after the store-day review (session 13): correcting a registration shows the customer's data only
after a manager's code, audited under that manager's name as "Show personal data" is; its form is titled and wide
enough to read; a resolve's empty reason is refused before the code is asked. The real view on a real journal, IT's
staff list on disk, the real correction dialog."""

from __future__ import annotations

import asyncio
import json

import pytest
from PySide6.QtCore import QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QDialog, QLineEdit

from pos_engage.core.domain import NewContact
from pos_engage.core.journal import payloads
from pos_engage.core.journal.claims import Settlement
from pos_engage.core.journal.entry import EntryStatus
from pos_engage.core.office.people import People, StaffDirectory
from pos_engage.core.office.queue import ManagerActions
from pos_engage.qt.models.journal_model import JournalModel
from pos_engage.qt.views.queue_dialogs import ask_corrections_dialog
from pos_engage.qt.views.queue_view import QueueView
from tests.core.conftest import sale

ANNA = ("1001", "482913")
EMAIL = "anna.holm@example.se"


@pytest.fixture
def rejected(till):
    entry = till.journal.record([payloads.registration(NewContact(email=EMAIL), store_external_id="12")])[0]
    till.journal.claim_due()
    till.journal.settle([Settlement(entry.id, EntryStatus.NEEDS_ATTENTION, error_code="InternalServerError",
                                    error="400: InternalServerError: simulated failure")])
    return entry.id


@pytest.fixture
def asked():
    return []


@pytest.fixture
def view(qtbot, till, tmp_path, asked):
    staff = StaffDirectory(tmp_path / "staff.json")
    staff.add(*ANNA[:1], "Anna Berg", "manager", ANNA[1])
    staff.save()
    actions = ManagerActions(till.journal, till="3",
                             people=People(till.journal, till="3", directory=StaffDirectory.read(staff.path)))
    answers = {"pin": ANNA, "reason": "", "corrections": {"email": "anna.holm@example.com"}}

    def ask(what):
        def answer(*args):
            asked.append((what, *args))
            return answers[what]
        return answer

    view = QueueView(JournalModel(till.journal), actions, export_folder=tmp_path / "exports", store="12", till="3",
                     ask_pin=ask("pin"), ask_reason=ask("reason"), ask_corrections=ask("corrections"))
    view.answers = answers
    qtbot.addWidget(view)
    view.show()
    view.table.selectRow(0)
    return view


def audit(journal, entry_id):
    return [(row["action"], row["actor"], row["reason"]) for row in journal.audit_log(entry_id)]


def test_correcting_asks_a_managers_code_before_showing_the_customer_and_audits_it(till, rejected, view, asked):
    view.correct_selected()
    assert [what for what, *_ in asked] == ["pin", "corrections"]   # the code first, then the form
    assert asked[1][1]["email"] == EMAIL                               # the form has the address in clear
    corrected = till.journal.get(rejected)
    assert corrected.status is EntryStatus.PENDING and corrected.payload["contact"]["email"] == "anna.holm@example.com"
    actions = audit(till.journal, rejected)
    assert actions[0] == ("reveal", "Anna Berg (1001)", "personal data shown to correct the registration")
    assert [(action, actor) for action, actor, _ in actions[1:]] == [("correct", "Anna Berg (1001)"),
                                                                     ("retry", "Anna Berg (1001)")]


def test_without_the_code_the_form_is_not_opened(till, rejected, view, asked):
    view.answers["pin"] = None                        # cancelled
    view.correct_selected()
    view.answers["pin"] = (ANNA[0], "000000")        # a wrong code
    view.correct_selected()
    assert [what for what, *_ in asked] == ["pin", "pin"]
    assert "Wrong" in view.message.text()
    assert [action for action, *_ in audit(till.journal, rejected)] == []
    assert till.journal.get(rejected).payload["contact"]["email"] == EMAIL


def test_an_empty_reason_is_refused_before_the_code_is_asked(till, rejected, view, asked):
    for empty in ("", "   "):
        view.answers["reason"] = empty
        view.resolve_selected()
    assert [what for what, *_ in asked] == ["reason", "reason"]   # no code asked for a reason that will be refused
    assert view.message.text() == "Say why the entry is closed without sending it"
    view.answers["reason"] = "booked by hand in Engage"
    view.resolve_selected()
    assert [what for what, *_ in asked][-2:] == ["reason", "pin"]
    assert till.journal.get(rejected).status is EntryStatus.RESOLVED


def test_the_correction_form_shows_its_title_and_the_whole_address(qtbot, qapp, view):
    seen = {}

    def read_and_cancel():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QDialog):
            QTimer.singleShot(20, read_and_cancel)
            return
        (edit,) = [e for e in dialog.findChildren(QLineEdit) if e.text() == EMAIL and e.isVisible()]
        seen.update(title=dialog.windowTitle(), width=dialog.width(), text=edit.text(),
                    title_room=dialog.fontMetrics().horizontalAdvance(dialog.windowTitle()),
                    text_room=edit.fontMetrics().horizontalAdvance(edit.text()), edit_width=edit.width())
        dialog.reject()

    QTimer.singleShot(0, read_and_cancel)
    assert ask_corrections_dialog(view, {"email": EMAIL, "mobilePhone": "+46701234567"}) is None
    assert seen["title"] == "Correct registration" and seen["text"] == EMAIL
    assert seen["width"] >= seen["title_room"] + 150 and seen["width"] <= 1024
    assert seen["edit_width"] > seen["text_room"] + 8


SWEDISH = {"{when}  {what} by {who}: {why}": "{when}  {what} av {who}: {why}", "sent again": "skickas igen",
           "corrected": "rättad", "personal data shown": "personuppgifter visade",
           "exported to a file": "exporterad till fil",
           "retry from the queue view": "nytt försök från kön", "after correction": "efter rättning",
           "corrected {fields}": "rättade {fields}", "the email address": "e-postadressen",
           "personal data shown to correct the registration": "personuppgifter visade för att rätta registreringen",
           "entry {entry} exported from the queue view": "post {entry} exporterad från kön"}


class Swedish(QTranslator):
    """The few sentences of core (context "texts") these tests read, as the shipped translation will hold them."""

    def translate(self, context, source, disambiguation=None, n=-1):
        return SWEDISH.get(source) if context == "texts" else None


@pytest.fixture
def swedish(qapp):
    translator = Swedish()
    qapp.installTranslator(translator)
    yield
    qapp.removeTranslator(translator)


def history(view) -> list[str]:
    text = view.details.toPlainText().splitlines()
    start = text.index("Audit:") + 1
    return [line.split("  ", 1)[1] for line in text[start:text.index("", start)]]


def test_the_tills_own_reasons_are_said_in_the_screens_language(till, rejected, view, swedish):
    view.correct_selected()
    view.show_details()
    assert history(view) == [
        "personuppgifter visade av Anna Berg (1001): personuppgifter visade för att rätta registreringen",
        "rättad av Anna Berg (1001): rättade e-postadressen",
        "skickas igen av Anna Berg (1001): efter rättning"]
    receipt = till.journal.record([payloads.receipt(sale("r-9"))])[0].id
    till.journal.claim_due(ids=[receipt])
    till.journal.settle([Settlement(receipt, EntryStatus.NEEDS_ATTENTION, error_code="InvalidReceipt",
                                    error="400: InvalidReceipt: totalGrossPrice does not match")])
    view.refresh()
    view.table.selectRow(view.model.row_of(receipt, within=10))
    view.retry_selected()
    view.answers["pin"] = ANNA
    view.export_selected()
    view.show_details()
    assert history(view)[0] == "skickas igen av Anna Berg (1001): nytt försök från kön"
    assert history(view)[1] == f"exporterad till fil av Anna Berg (1001): post {receipt} exporterad från kön"


def test_said_by_its_code_not_by_its_stored_words_and_a_persons_reason_as_typed(till, rejected, view, swedish):
    till.journal.audit("retry", actor="Anna Berg (1001)", till="3", entry_id=rejected,
                       reason="Retried from the manager's queue (reworded)", detail=json.dumps({"said": "queue-retry"}))
    till.journal.audit("retry", actor="Anna Berg (1001)", till="3", entry_id=rejected, reason="kunden ringde")
    view.show_details()
    assert history(view) == ["skickas igen av Anna Berg (1001): nytt försök från kön",
                             "skickas igen av Anna Berg (1001): kunden ringde"]


@pytest.fixture
def long_view(qtbot, till, tmp_path):
    from pos_engage.qt.queue_bridge import QueueBridge

    staff = StaffDirectory(tmp_path / "staff.json")
    staff.add(*ANNA[:1], "Anna Berg", "manager", ANNA[1])
    staff.save()
    actions = ManagerActions(till.journal, till="3",
                             people=People(till.journal, till="3", directory=StaffDirectory.read(staff.path)))
    bridge = QueueBridge(till.journal, till.replayer, till.config, tmp_path / "exports")
    view = QueueView(JournalModel(till.journal), actions, export_folder=tmp_path / "exports", store="12", till="3",
                     ask_pin=lambda: ANNA, ask_reason=lambda: "x", long_actions=bridge)
    qtbot.addWidget(view)
    view.show()
    return view, bridge


def replay(qtbot, till) -> None:
    """One batch of the till's background delivery, on the running loop."""
    batch = asyncio.ensure_future(till.replayer.replay_once())
    qtbot.waitUntil(batch.done, timeout=10_000)
    batch.result()


def test_send_alls_engage_offline_is_not_said_once_engage_has_answered(qtbot, till, long_view):
    view, bridge = long_view
    till.journal.record([payloads.receipt(sale("o-1"))])
    till.sim_state.faults.update({"down": True})
    till.replayer.monitor.offline_after = 1
    while not till.replayer.monitor.offline:   # Engage is found away, as the till finds it
        replay(qtbot, till)
    with qtbot.waitSignal(bridge.finished, timeout=30_000):
        view.send_all()
    assert view.message.text().endswith("(Engage offline)")
    view.refresh()   # the window refreshes an open queue whenever the journal changes: nothing has yet
    assert view.message.text().endswith("(Engage offline)")
    till.sim_state.faults.update({"down": False})
    till.replayer.monitor.probe_due = lambda: True   # the next probe now, not in a minute
    replay(qtbot, till)
    assert not till.replayer.monitor.offline and till.journal.figures().delivered == 1
    view.refresh()   # as the window does when the journal changed
    assert view.message.text() == "" and not view.message.isVisible()


def test_a_computer_without_a_keyring_is_said_in_words_in_the_queue(qtbot, till, tmp_path, monkeypatch):
    import keyring
    from keyring.backends import fail

    monkeypatch.setenv("XDG_CONFIG_DIRS", str(tmp_path / "etc-xdg"))   # no staff list: the single PIN
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    try:
        till.journal.record([payloads.receipt(sale("k-1"))])
        view = QueueView(JournalModel(till.journal), ManagerActions(till.journal, till="3"),
                         export_folder=tmp_path / "exports", store="12", till="3", ask_pin=lambda: "4826")
        qtbot.addWidget(view)
        view.show()
        view.table.selectRow(0)
        view.unmask()
    finally:
        keyring.set_keyring(previous)
    assert view.message.text().startswith("This computer has no keyring to keep the manager PIN in")
    assert "Error" not in view.message.text()


def test_an_export_from_the_till_names_who_approved_it_in_each_entrys_history(qtbot, till, long_view):
    view, bridge = long_view
    ids = [till.journal.record([payloads.receipt(sale(f"x-{n}"))])[0].id for n in range(3)]
    with qtbot.waitSignal(bridge.finished, timeout=30_000):
        view.export_all()
    for entry_id in ids:
        assert till.journal.get(entry_id).status is EntryStatus.EXPORTED
        (row,) = till.journal.audit_log(entry_id)
        assert (row["action"], row["actor"], row["reason"]) == ("export", "Anna Berg (1001)",
                                                                "exported from the queue view")
        assert json.loads(row["detail"]) == {"file": till.journal.get(entry_id).export_file, "said": "queue-export"}
    view.table.selectRow(view.model.row_of(ids[0], within=10))
    assert history(view)[0] == "exported to a file by Anna Berg (1001): exported from the queue view"
