"""An export's and an upload's result counts its entries and files in words that agree with the count: "1 entry
exported in 1 file", "2 files uploaded", never "1 entries" or "file(s)" (review, session 11). Each counted word is a
whole text of its own for the translator ("1 file", "{count} files": Swedish "1 fil", "{count} filer"), nested in
the sentence as a value, so the window shows each in the till's language."""

from __future__ import annotations

from pathlib import Path

from pos_engage.core import texts
from pos_engage.core.domain import MatchKey, MatchKeyType, NewContact
from pos_engage.core.export.exporter import export_queue
from pos_engage.core.export.plan import ExportResult
from pos_engage.core.export.upload import UploadResult
from pos_engage.core.journal import payloads
from tests.core.conftest import sale


def test_one_receipt_exported_is_one_entry_in_one_file(journal, tmp_path):
    journal.record([payloads.receipt(sale("one-1"))])
    result = export_queue(journal, tmp_path, store="1", till="2", actor="manager", clock=journal.clock)
    assert result.summary() == "1 entry exported in 1 file"


def test_a_registration_and_its_receipt_are_two_entries_in_two_files(journal, tmp_path):
    journal.record([payloads.registration(NewContact(first_name="Up", email="up@example.se"), store_external_id="1"),
                    payloads.receipt(sale("two-1", MatchKey("up@example.se", MatchKeyType.EMAIL)),
                                     depends_on_index=0)])
    result = export_queue(journal, tmp_path, store="1", till="2", actor="manager", clock=journal.clock)
    assert result.summary() == "2 entries exported in 2 files"


def test_what_stays_in_the_queue_is_counted_without_a_verb_to_agree_with_it():
    one_left = ExportResult(files=[Path("a.xml")], exported=3, skipped=[(9, "why")])
    assert one_left.summary() == "3 entries exported in 1 file; 1 left in the queue"
    two_left = ExportResult(files=[Path("a.xml"), Path("b.xml")], exported=1, skipped=[(8, "x"), (9, "y")])
    assert two_left.summary() == "1 entry exported in 2 files; 2 left in the queue"


def test_an_upload_counts_its_files():
    assert UploadResult(uploaded=["a.xml"]).summary() == "1 file uploaded"
    assert UploadResult(uploaded=["a.xml", "b.xml"]).summary() == "2 files uploaded"
    assert UploadResult().summary() == "0 files uploaded"
    assert (UploadResult(uploaded=["a.xml"], failed=[("b.xml", "refused")]).summary()
            == "1 file uploaded, 1 not uploaded: b.xml: refused")


def test_each_counted_word_is_its_own_text_for_the_translator():
    # The sentence's values are core texts, each translated in its turn (qt/texts.shown): singular and plural are
    # two whole texts, not one "file(s)".
    summary = ExportResult(files=[Path("a.xml")], exported=2).summary()
    assert isinstance(summary, texts.Text) and "(s)" not in summary.template
    counted = [value.template for value in summary.values.values() if isinstance(value, texts.Text)]
    assert counted == ["{count} entries", "1 file"]
    uploaded = UploadResult(uploaded=["a.xml", "b.xml"]).summary()
    assert [value.template for value in uploaded.values.values()] == ["{count} files"]
