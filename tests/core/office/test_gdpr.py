"""A person's data at this till: extract finds every place it is held; forget leaves none of it in the data
folder (checked by reading every byte of every file there, as a grep would), and what is still on its way to
Engage is erased once it has arrived."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from pos_engage.core.domain import ContactKey, MatchKey, MatchKeyType, NewContact
from pos_engage.core.engage.online import OnlineMonitor
from pos_engage.core.errors import InputError
from pos_engage.core.journal import payloads
from pos_engage.core.journal.entry import EntryKind, EntryStatus, NewEntry
from pos_engage.core.journal.replayer import Replayer
from pos_engage.core.office import gdpr
from tests.core.conftest import sale

EMAIL = "karin.forget-me@example.se"
MOBILE = "+46705550123"
OTHER = "somebody.else@example.se"


def everywhere(folder: Path, text: str) -> list[str]:
    """Every file under the folder whose bytes hold the text (any case): what `grep -ril` would list."""
    needle = text.lower().encode()
    return sorted(str(p) for p in folder.rglob("*") if p.is_file() and needle in p.read_bytes().lower())


@pytest.fixture
def replayer(journal, client):
    return Replayer(journal, client, monitor=OnlineMonitor(), rate_per_second=None, schedule=(0.0,))


async def karin_everywhere(journal, replayer, data: Path) -> None:
    """Karin registers, buys, has an order, is in an uploaded export file and in a migration backup; somebody
    else buys too (their data must survive her erasure)."""
    journal.record([payloads.registration(NewContact("Karin", "Forsberg", EMAIL, MOBILE), store_external_id="1")])
    journal.record([payloads.receipt(sale("r-karin", MatchKey(EMAIL, MatchKeyType.EMAIL)))])
    journal.record([payloads.receipt(sale("r-other", MatchKey(OTHER, MatchKeyType.EMAIL)))])
    await replayer.replay_once()
    assert {e.status for e in journal.entries()} == {EntryStatus.DELIVERED}
    order_entry = NewEntry(EntryKind.ORDER_COMMUNICATION, {"order": {"contact": {"matchKey": EMAIL}}},
                           idempotency_key="order-communication:o-1:1", lane="order:o-1")
    (saved,) = journal.save_order("o-1", stage="created", changes=1, entries=[order_entry],
                                  body={"billingAddress": {"email": EMAIL, "mobile": MOBILE}})
    journal.resolve(saved.id, actor="test", reason="sent by hand")
    exports = data / "exports"
    exports.mkdir()
    (exports / "20261127120000_1-1_contacts.xml").write_text(f"<contacts><member><email>{EMAIL}</email></member>"
                                                            "</contacts>")
    with journal.write_transaction("a manifest row") as db:
        db.execute("INSERT INTO exports (file_name, file_kind, state, entry_count, sha256, created_at) VALUES "
                    "('20261127120000_1-1_contacts.xml', 'contacts', 'uploaded', 1, 'x', 0)")
    journal.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    shutil.copy(journal.path, data / "journal.sqlite3.before-0005_offer_ledger.bak")


async def test_extract_finds_every_place_the_person_is_held(journal, replayer, journal_path):
    data = journal_path.parent
    await karin_everywhere(journal, replayer, data)
    findings = gdpr.extract(journal, data, gdpr.Person.of(email=EMAIL.upper()), actor="manager-anna", till="1")
    found = findings.as_json()
    kinds = sorted(entry["kind"] for entry in found["journal_entries"])
    assert kinds == ["order_communication", "receipt", "register_contact"]
    assert found["contact_ids"] and found["contacts_cache_rows"] == 1  # the delivered registration cached her id
    assert [order["order_id"] for order in found["orders"]] == ["o-1"]
    assert [Path(f).name for f in found["export_files"]] == ["20261127120000_1-1_contacts.xml"]
    assert [Path(f).name for f in found["other_journal_copies"]] == ["journal.sqlite3.before-0005_offer_ledger.bak"]
    assert OTHER not in json.dumps(found)
    audit = journal.audit_log()[-1]
    assert audit["action"] == "gdpr-extract" and audit["actor"] == "manager-anna"
    assert EMAIL not in json.dumps(audit)  # the audit names the person masked


async def test_forget_leaves_nothing_in_the_data_folder(journal, replayer, journal_path):
    data = journal_path.parent
    await karin_everywhere(journal, replayer, data)
    assert everywhere(data, EMAIL)  # the fixture really put her everywhere
    report = gdpr.forget(journal, data, gdpr.Person.of(email=EMAIL, mobile=MOBILE), actor="manager-anna",
                         reason="customer request, ticket 77", till="1")
    assert report.waiting_entries == [] and report.not_erasable == []
    assert report.erased_entries == 3 and report.erased_orders == 1
    assert everywhere(data, EMAIL) == []
    assert everywhere(data, MOBILE) == []
    assert everywhere(data, OTHER)  # somebody else's sale is untouched
    receipt = next(e for e in journal.entries() if e.idempotency_key == "receipt:r-other")
    assert receipt.payload is not None
    audit = journal.audit_log()[-1]
    assert audit["action"] == "gdpr-forget" and audit["actor"] == "manager-anna"
    assert audit["reason"] == "customer request, ticket 77"


async def test_what_is_still_queued_is_named_and_erased_once_delivered(journal, replayer, journal_path, sim_state):
    data = journal_path.parent
    sim_state.faults.update({"down": True})
    journal.record([payloads.receipt(sale("r-queued", MatchKey(EMAIL, MatchKeyType.EMAIL)))])
    await replayer.replay_once()
    report = gdpr.forget(journal, data, gdpr.Person.of(email=EMAIL), actor="manager-anna", reason="request")
    assert len(report.waiting_entries) == 1 and "erased once delivered" in report.summary()
    assert everywhere(data, EMAIL)  # still needed: the sale has not reached Engage
    assert gdpr.complete_pending(journal) == 0  # not delivered yet: kept
    sim_state.faults.update({"down": False})
    journal.wake_waiting()
    await replayer.replay_once()
    assert "r-queued" in sim_state.received.receipts
    assert gdpr.complete_pending(journal) == 1
    assert everywhere(data, EMAIL) == []
    assert gdpr.complete_pending(journal) == 0


def test_a_person_needs_a_key_and_forget_a_reason(journal, journal_path):
    with pytest.raises(InputError, match="--email, --mobile or --personal-number"):
        gdpr.Person.of()
    with pytest.raises(InputError, match="reason"):
        gdpr.forget(journal, journal_path.parent, gdpr.Person.of(email=EMAIL), actor="x", reason=" ")


async def test_a_person_named_by_her_personal_number_alone_is_found_and_forgotten(journal, replayer, journal_path):
    """A registration at the till may carry her personnummer (session 12), and a lookup by it is cached: she may
    name herself by it alone. Written as she gave it (short, with a hyphen); held in its normal form."""
    data = journal_path.parent
    digits = "199001012385"
    journal.record([payloads.registration(NewContact("Karin", "Forsberg", EMAIL, MOBILE,
                                                     social_security_number="19900101-2385"),
                                          store_external_id="1")])
    await replayer.replay_once()
    (registered,) = journal.entries()
    contact_id = registered.result["contactId"]
    journal.cache_contact(ContactKey.social_security_number("900101-2385"), contact_id)   # a later lookup by it
    journal.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert everywhere(data, digits)   # really held
    person = gdpr.Person.of(personal_number="900101-2385")
    found = gdpr.extract(journal, data, person, actor="manager-anna", till="1").as_json()
    assert found["contact_ids"] == [contact_id] and found["contacts_cache_rows"] == 1
    assert [entry["kind"] for entry in found["journal_entries"]] == ["register_contact"]
    assert digits not in json.dumps(journal.audit_log()[-1])   # the audit names her masked
    report = gdpr.forget(journal, data, person, actor="manager-anna", reason="customer request", till="1")
    assert report.erased_entries == 1 and report.erased_cache_rows >= 1
    assert everywhere(data, digits) == [] and everywhere(data, EMAIL) == []
