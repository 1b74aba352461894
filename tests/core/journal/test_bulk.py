"""A registration backlog through the bulk contacts API (issue 15), against the simulator with a real journal.

10,000 queued registrations: new customers, customers Engage already holds and registrations Engage refuses,
some with a receipt or a change waiting for them. Every entry is settled (created, adopted, or needing attention
with Engage's words), the waiting ones are delivered with the contact's id, and no customer is created twice.
A batch whose status never finishes and a bulk POST whose answer is lost leave their contacts to the single
path's lookup, which adopts what Engage created: still no duplicate.
"""

from __future__ import annotations

import random
from collections import Counter

import pytest

from pos_engage.core.domain import ContactUpdate, MatchKey, MatchKeyType, NewContact
from pos_engage.core.engage.client import EngageClient
from pos_engage.core.journal import payloads
from pos_engage.core.journal.bulk import BulkPolling
from pos_engage.core.journal.entry import EntryKind, EntryStatus, NewEntry
from pos_engage.core.journal.replayer import Replayer
from pos_engage.core.journal.store import Journal
from pos_engage.sim.state import DEMO_API_KEY, SimState
from pos_engage.sim.transport import SimTransport
from tests.core.conftest import sale


def registration(n: int, *, kind: str = "new") -> NewEntry:
    email = f"{kind}.customer{n}@example.se"
    entry = payloads.registration(NewContact(first_name="Kund", last_name=f"Nummer{n}", email=email),
                                  store_external_id="12")
    if kind == "invalid":  # a name Engage refuses (longer than 100 characters), as an older till could journal
        contact = {**entry.payload["contact"], "firstName": "x" * 150}
        entry = NewEntry(entry.kind, {**entry.payload, "contact": contact}, entry.idempotency_key, lane=entry.lane)
    return entry


def backlog(journal: Journal, tenant: SimState, *, new: int, existing: int, invalid: int, with_receipt: int,
            with_update: int) -> dict[str, list[int]]:
    """Queue the registrations (shuffled), existing ones already in Engage; the first ``with_receipt`` new ones
    get a receipt waiting for them, the next ``with_update`` a change of their name."""
    for n in range(existing):
        tenant.create_contact({"firstName": "Finns", "lastName": f"Redan{n}",
                               "email": f"existing.customer{n}@example.se"},
                              contact_type="Member", source="Test", store=None)
    plan = [("new", n) for n in range(new)] + [("existing", n) for n in range(existing)] + \
        [("invalid", n) for n in range(invalid)]
    random.Random(5).shuffle(plan)
    ids: dict[str, list[int]] = {"new": [], "existing": [], "invalid": [], "receipts": [], "updates": []}
    written = journal.record([registration(n, kind=kind) for kind, n in plan])
    for (kind, _n), entry in zip(plan, written, strict=True):
        ids[kind].append(entry.id)
    waiting = []
    for index, entry_id in enumerate(ids["new"][:with_receipt + with_update]):
        email = journal.get(entry_id).payload["contact"]["email"]
        if index < with_receipt:
            waiting.append(payloads.receipt(sale(f"bulk-sale-{index}", MatchKey(email, MatchKeyType.EMAIL)),
                                            depends_on=entry_id))
        else:
            waiting.append(payloads.contact_update(None, ContactUpdate(first_name="Ändrad"), depends_on=entry_id))
    for entry in journal.record(waiting):
        ids["receipts" if entry.kind is EntryKind.RECEIPT else "updates"].append(entry.id)
    return ids


async def drain(replayer: Replayer, rounds: int = 60) -> None:
    for _ in range(rounds):
        report = await replayer.replay_once()
        if not report.claimed and not replayer.journal.claim_due(1, kinds=[]):
            if not replayer.journal.connection.execute(
                    "SELECT 1 FROM entries WHERE status IN ('pending', 'waiting_retry') LIMIT 1").fetchone():
                return
            replayer.journal.wake_waiting()


def statuses(journal: Journal, ids: list[int]) -> Counter:
    return Counter(journal.get(i).status for i in ids)


def no_duplicates(tenant: SimState) -> None:
    emails = Counter(c["attributes"].get("email", "").lower() for c in tenant.contacts.values())
    assert [email for email, n in emails.items() if n > 1 and email] == []


@pytest.fixture
def tenant() -> SimState:
    return SimState(seed=3)


async def test_ten_thousand_queued_registrations_go_in_bulk_each_settled_dependents_delivered(tenant, tmp_path):
    posts = []
    with Journal.open(tmp_path / "j.sqlite3") as journal:
        ids = backlog(journal, tenant, new=8_000, existing=1_500, invalid=500, with_receipt=300, with_update=200)
        async with EngageClient("https://engage.test", DEMO_API_KEY, transport=SimTransport(tenant)) as client:
            replayer = Replayer(journal, client, rate_per_second=None, schedule=(0.0,), rng=random.Random(1),
                                bulk_threshold=100, concurrency=16,
                                bulk_polling=BulkPolling(schedule=(0.0,), timeout=5.0))
            await drain(replayer)
        posts = [r for r in tenant.received.requests if r["path"] == "/api/v2/contacts/bulk"]
        assert statuses(journal, ids["new"]) == {EntryStatus.DELIVERED: 8_000}
        assert statuses(journal, ids["existing"]) == {EntryStatus.DELIVERED: 1_500}
        assert statuses(journal, ids["invalid"]) == {EntryStatus.NEEDS_ATTENTION: 500}
        assert all(journal.get(i).result.get("adopted") for i in ids["existing"][:50])
        refused = journal.get(ids["invalid"][0])
        assert "firstName must be text of at most 100 characters" in refused.last_error
        assert statuses(journal, ids["receipts"] + ids["updates"]) == {EntryStatus.DELIVERED: 500}
        # The updates needed the new contact's id: looked up for those with something waiting, not for all.
        assert all(journal.get(journal.get(i).depends_on).result.get("contactId") for i in ids["updates"])
        assert "contactId" not in journal.get(ids["new"][-1]).result
    assert len(posts) == 3  # 10,000 in batches of at most 4,000
    assert len([r for r in tenant.received.registrations if r.get("source") == "POS"]) == 0  # none one by one
    no_duplicates(tenant)
    updated = [c for c in tenant.contacts.values() if c["attributes"].get("firstName") == "Ändrad"]
    assert len(updated) == 200


@pytest.mark.parametrize("fault", ["bulk_pending", "drop_after_rate"])
async def test_a_batch_never_finishing_or_its_answer_lost_is_looked_up_one_by_one(tenant, tmp_path, fault):
    with Journal.open(tmp_path / "j.sqlite3") as journal:
        ids = backlog(journal, tenant, new=300, existing=20, invalid=5, with_receipt=10, with_update=0)
        async with EngageClient("https://engage.test", DEMO_API_KEY, transport=SimTransport(tenant)) as client:
            replayer = Replayer(journal, client, rate_per_second=None, schedule=(0.0,), rng=random.Random(1),
                                bulk_threshold=100, bulk_polling=BulkPolling(schedule=(0.01,), timeout=0.05))
            tenant.faults.update({fault: True if fault == "bulk_pending" else 1.0})
            await replayer.replay_once()
            tenant.faults.update({fault: False if fault == "bulk_pending" else 0.0})
            first = journal.get(ids["new"][0])
            assert first.status is EntryStatus.WAITING_RETRY and first.check_first
            await drain(replayer)
        assert statuses(journal, ids["new"] + ids["existing"]) == {EntryStatus.DELIVERED: 320}
        assert statuses(journal, ids["invalid"]) == {EntryStatus.NEEDS_ATTENTION: 5}
        assert statuses(journal, ids["receipts"]) == {EntryStatus.DELIVERED: 10}
    no_duplicates(tenant)
    assert len([r for r in tenant.received.requests if r["path"] == "/api/v2/contacts/bulk"]) == 1  # never resent


async def test_below_the_threshold_registrations_go_one_by_one(tenant, tmp_path):
    with Journal.open(tmp_path / "j.sqlite3") as journal:
        ids = backlog(journal, tenant, new=20, existing=2, invalid=0, with_receipt=0, with_update=0)
        async with EngageClient("https://engage.test", DEMO_API_KEY, transport=SimTransport(tenant)) as client:
            replayer = Replayer(journal, client, rate_per_second=None, schedule=(0.0,), rng=random.Random(1),
                                bulk_threshold=100)
            await drain(replayer)
        assert statuses(journal, ids["new"] + ids["existing"]) == {EntryStatus.DELIVERED: 22}
    assert not [r for r in tenant.received.requests if r["path"] == "/api/v2/contacts/bulk"]
