"""The queue's details as the manager review found them (screenshots 24, 25): a POS receipt's entry said only
"receipt", its attempt "waiting_retry", its audit "-" and its customer 30 stars and "b3b2"; the queue's dialogs
were English in a Swedish till (their strings filed under the context "parent")."""

from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import pytest
from lxml import etree
from PySide6.QtCore import QTimer, QTranslator
from PySide6.QtWidgets import QApplication, QInputDialog

from pos_engage.core.domain import MatchKey, MatchKeyType, Payment, Receipt, ReceiptItem
from pos_engage.core.journal import payloads
from pos_engage.core.journal.claims import Settlement
from pos_engage.core.journal.entry import EntryStatus
from pos_engage.core.office.queue import ManagerActions
from pos_engage.core.pin import hash_pin
from pos_engage.qt import i18n
from pos_engage.qt.models.journal_model import JournalModel
from pos_engage.qt.views import queue_dialogs
from pos_engage.qt.views.queue_view import QueueView

CONTACT_ID = "9b810e76-6ec9-4286-a3ca-828dd5f4b3b2"


def pos_receipt(number: str) -> Receipt:
    """A receipt the POS committed through the POS link (uniqueReceiptId store-till-posSaleId)."""
    return Receipt(f"12-3-pos-{number}", number, datetime(2026, 11, 27, 22, 40, tzinfo=timezone(timedelta(hours=1))),
                   "12", "SEK", MatchKey(CONTACT_ID, MatchKeyType.CONTACT_ID),
                   (ReceiptItem("3001", "Jeans slim", 1, Decimal("874.29"), Decimal("25")),),
                   payments=(Payment("Card", Decimal("874.29")),))


@pytest.fixture
def waiting_view(qtbot, till, tmp_path):
    """The review's entry: a POS receipt Engage did not answer for (Engage down), selected in the queue."""
    entry = till.journal.record([payloads.receipt(pos_receipt("2003"))])[0]
    till.journal.claim_due()
    till.journal.settle([Settlement(entry.id, EntryStatus.WAITING_RETRY, error_code="EngageUnavailable",
                                    error="Cannot connect to Engage (connection refused)")])
    record = {"value": hash_pin("4826")}
    actions = ManagerActions(till.journal, till="3", pin_store=lambda: record["value"])
    view = QueueView(JournalModel(till.journal), actions, export_folder=tmp_path / "exports", store="12", till="3",
                     ask_pin=lambda: "4826", ask_reason=lambda: "booked by hand")
    qtbot.addWidget(view)
    view.show()
    view.table.selectRow(0)
    return view


def test_the_details_say_what_the_entry_is_and_where_it_came_from(waiting_view):
    text = waiting_view.details.toPlainText()
    assert "Receipt 2003 — 874.29 SEK, Card — from the POS (sale pos-2003)" in text


def test_who_did_what_is_said_in_words(waiting_view):
    assert "No manager action yet" in waiting_view.details.toPlainText()
    waiting_view.resolve_selected()
    text = waiting_view.details.toPlainText()
    assert "closed without sending by manager (the till's PIN): booked by hand" in text
    assert "No manager action yet" not in text


def test_an_attempt_is_in_plain_words(waiting_view):
    text = waiting_view.details.toPlainText()
    # The till's own reason (no connection) is said in the explanation's words, not as a stored English text.
    assert text.endswith("waiting to retry") and "waiting_retry" not in text
    assert "Engage did not answer; it will be tried again by itself." in text


def test_an_attempt_is_in_swedish_in_a_swedish_till(qapp, waiting_view):
    translator = QTranslator()
    assert translator.load(str(i18n.compiled("sv")))
    qapp.installTranslator(translator)
    try:
        waiting_view.show_details()
        text = waiting_view.details.toPlainText()
        assert text.endswith("väntar på nytt försök") and "waiting_retry" not in text
        assert "Cannot connect" not in text   # the till's own English (session 11): not in a Swedish screen
    finally:
        qapp.removeTranslator(translator)


def test_the_customer_is_masked_short(waiting_view):
    text = waiting_view.details.toPlainText()
    assert "***b3b2" in text and "****b3b2" not in text and CONTACT_ID not in text


def test_the_dialogs_strings_are_filed_under_queueview_for_lupdate(tmp_path):
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    lupdate = str(lupdate) if lupdate.exists() else shutil.which("pyside6-lupdate")
    fresh = tmp_path / "dialogs.ts"
    subprocess.run([lupdate, queue_dialogs.__file__, "-ts", str(fresh)], check=True, capture_output=True, timeout=120)
    filed = {(m.getparent().findtext("name"), m.findtext("source")) for m in etree.parse(str(fresh)).iter("message")}
    wanted = {"Email", "Mobile", "Correct registration", "Resolve", QUESTION}
    assert {("QueueView", text) for text in wanted} <= filed
    assert not {context for context, _ in filed} - {"QueueView"}


QUESTION = "Why is it resolved without sending? It will never reach Engage."


class QueueViewSwedish(QTranslator):
    """Only QueueView's context, as the shipped translation will hold it."""

    def translate(self, context, source, disambiguation=None, n=-1):
        words = {"Resolve": "Markera som löst",
                 QUESTION: "Varför markeras den som löst utan att skickas? Den når då aldrig Engage."}
        return words.get(source) if context == "QueueView" else None


def test_the_reason_dialog_is_swedish_in_a_swedish_till(qtbot, qapp, waiting_view):
    translator = QueueViewSwedish()
    qapp.installTranslator(translator)
    seen = {}

    def read_and_cancel():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QInputDialog):
            QTimer.singleShot(20, read_and_cancel)
            return
        seen.update(title=dialog.windowTitle(), label=dialog.labelText())
        dialog.reject()

    try:
        QTimer.singleShot(20, read_and_cancel)
        assert queue_dialogs.ask_reason_dialog(waiting_view) is None
    finally:
        qapp.removeTranslator(translator)
    assert seen == {"title": "Markera som löst",
                    "label": "Varför markeras den som löst utan att skickas? Den når då aldrig Engage."}


def test_an_entry_not_tried_yet_says_so(qtbot, till, tmp_path):
    till.journal.record([payloads.receipt(pos_receipt("2005"))])
    record = {"value": hash_pin("4826")}
    view = QueueView(JournalModel(till.journal), ManagerActions(till.journal, till="3",
                                                                pin_store=lambda: record["value"]),
                     export_folder=tmp_path / "exports", store="12", till="3")
    qtbot.addWidget(view)
    view.show()
    view.table.selectRow(0)
    lines = view.details.toPlainText().splitlines()
    assert lines[lines.index("Attempts:") + 1] == "Not tried yet"
    assert "-" not in lines
    assert not [line for line in lines if line.startswith("Attempts") and line != "Attempts:"]   # said once


def test_the_description_writes_the_amount_as_the_tills_language_does(waiting_view):
    i18n.current = "sv"
    try:
        waiting_view.show_details()
        text = waiting_view.details.toPlainText()   # (the no-break space reads back as a space)
        assert "Receipt 2003 — 874,29 SEK, Card" in text and "Receipt 2003 — 874.29" not in text
    finally:
        i18n.current = "en"


def test_the_shipped_swedish_for_resolve_is_not_the_word_for_quitting_or_finishing_a_sale():
    # Helper R16's store review: "Avsluta…" in the queue read as the window's "Avsluta" (quit, Ctrl+Q) and "Avsluta
    # köp", for an action after which the entry never reaches Engage.
    shipped = Path(queue_dialogs.__file__).parents[2] / "resources" / "translations" / "pos_engage_sv.ts"
    words: dict[str, set[str]] = {}
    for message in etree.parse(str(shipped)).iter("message"):
        words.setdefault(message.findtext("source"), set()).add(message.findtext("translation"))
    resolve = words["Resolve…"] | words["Resolve"]
    others = set().union(*(words[s] for s in words if s.startswith(("Quit", "Finish sale", "Finish the sale"))))
    assert not {word.rstrip("…") for word in resolve} & {word.rstrip("…") for word in others}, (resolve, others)
    assert all("Engage" in words[s].pop() for s in words if s.startswith("Why is it resolved without sending"))
