"""A registration backlog in bulk when Engage's answers leave contacts unknown (issue 15, bad input: "a bulk status
that never finishes or reports partial failures"), against the simulator with a real journal.

Engage takes a batch and then cannot be asked how it went; a batch reported as failed names only some of its
contacts; a contact created in bulk that a change waits for is not found by its key yet. In each case nothing is
guessed and nothing stays in flight: the contacts Engage has not accounted for are looked up before anything is
sent again (the single path adopts what the batch created), every entry is settled, the change waiting for a new
contact goes with its id, and no customer is created twice.

The bulk status's shape is not documented (engage-api.md 11); where the simulator has no way to answer as these
cases need, a thin transport in front of it rewrites that one answer, and the rest is the simulator's.
"""

from __future__ import annotations

import json
import random

import httpx

from pos_engage.core.engage.client import EngageClient
from pos_engage.core.journal.bulk import BulkPolling
from pos_engage.core.journal.entry import EntryStatus
from pos_engage.core.journal.replayer import Replayer
from pos_engage.core.journal.store import Journal
from pos_engage.sim.state import DEMO_API_KEY, SimState
from pos_engage.sim.transport import SimTransport
from tests.core.journal.test_bulk import backlog, drain, no_duplicates, statuses


class Rewriting(SimTransport):
    """The simulator, with one kind of answer changed by ``rewrite(request, response)`` (None: unchanged)."""

    def __init__(self, state: SimState, rewrite) -> None:
        super().__init__(state)
        self.rewrite = rewrite

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        response = await super().handle_async_request(request)
        await response.aread()
        changed = self.rewrite(request, response)
        return response if changed is None else changed


def replayer_on(journal: Journal, client: EngageClient, **polling) -> Replayer:
    return Replayer(journal, client, rate_per_second=None, schedule=(0.0,), rng=random.Random(1),
                    bulk_threshold=50, bulk_polling=BulkPolling(**({"schedule": (0.0,), "timeout": 5.0} | polling)))


def bulk_posts(tenant: SimState) -> int:
    return len([r for r in tenant.received.requests if r["path"] == "/api/v2/contacts/bulk"])


async def test_engage_gone_while_a_batch_is_followed_leaves_nothing_in_flight_and_nothing_resent(tmp_path):
    tenant = SimState(seed=3)

    async def engage_goes_down(_seconds: float) -> None:   # between two reads of the batch's status
        tenant.faults.update({"down": True, "bulk_pending": False})

    with Journal.open(tmp_path / "j.sqlite3") as journal:
        ids = backlog(journal, tenant, new=120, existing=10, invalid=3, with_receipt=5, with_update=5)
        async with EngageClient("https://engage.test", DEMO_API_KEY, transport=SimTransport(tenant)) as client:
            replayer = replayer_on(journal, client, schedule=(0.01,), sleep=engage_goes_down)
            tenant.faults.update({"bulk_pending": True})
            report = await replayer.replay_once()       # once raised, leaving 133 entries in flight for good
            registrations = ids["new"] + ids["existing"] + ids["invalid"]
            assert statuses(journal, registrations) == {EntryStatus.WAITING_RETRY: 133}, report
            first = journal.get(ids["new"][0])
            assert first.check_first and "could not be read" in first.last_error
            tenant.faults.update({"down": False})
            await drain(replayer)
        assert statuses(journal, ids["new"] + ids["existing"]) == {EntryStatus.DELIVERED: 130}
        assert statuses(journal, ids["invalid"]) == {EntryStatus.NEEDS_ATTENTION: 3}
        assert statuses(journal, ids["receipts"] + ids["updates"]) == {EntryStatus.DELIVERED: 10}
    no_duplicates(tenant)
    assert bulk_posts(tenant) == 1


async def test_a_failed_batch_naming_some_contacts_leaves_the_others_to_be_looked_up(tmp_path):
    tenant = SimState(seed=3)

    def failed(request: httpx.Request, response: httpx.Response) -> httpx.Response | None:
        if request.url.path != "/api/v2/contacts/bulk/status":
            return None
        status = json.loads(response.content)
        # Engage says the batch failed and names one refused contact; the simulator created the others.
        refused = [e for e in status["errors"] if e["errorCode"] != "ApprovedContactWithKeyExists"]
        status = {**status, "status": "Failed", "errors": refused[:1]}
        return httpx.Response(200, json=status)

    with Journal.open(tmp_path / "j.sqlite3") as journal:
        ids = backlog(journal, tenant, new=80, existing=10, invalid=4, with_receipt=0, with_update=5)
        async with EngageClient("https://engage.test", DEMO_API_KEY, transport=Rewriting(tenant, failed)) as client:
            replayer = replayer_on(journal, client)
            await replayer.replay_once()
            after_batch = statuses(journal, ids["new"] + ids["existing"] + ids["invalid"])
            # One named and refused; none of the 93 others taken for created: each to be looked up.
            assert after_batch == {EntryStatus.NEEDS_ATTENTION: 1, EntryStatus.WAITING_RETRY: 93}
            assert all(journal.get(i).check_first for i in ids["new"])
            await drain(replayer)
        assert statuses(journal, ids["new"] + ids["existing"]) == {EntryStatus.DELIVERED: 90}
        assert statuses(journal, ids["invalid"]) == {EntryStatus.NEEDS_ATTENTION: 4}
        # Looked up, found (the batch had created them), adopted: the change waiting for each goes with its id.
        assert statuses(journal, ids["updates"]) == {EntryStatus.DELIVERED: 5}
        assert all(journal.get(journal.get(i).depends_on).result.get("contactId") for i in ids["updates"])
    no_duplicates(tenant)
    assert bulk_posts(tenant) == 1


async def test_a_contact_created_in_bulk_but_not_found_yet_is_looked_up_again_for_its_change(tmp_path):
    tenant = SimState(seed=3)
    missed: set[str] = set()

    def not_indexed_yet(request: httpx.Request, response: httpx.Response) -> httpx.Response | None:
        # Engage's first lookup of a new customer right after the batch does not find her yet.
        email = request.url.params.get("email", "")
        if request.url.path == "/api/v3/contacts/id" and email.startswith("new.") and email not in missed:
            missed.add(email)
            return httpx.Response(404, json={"errorCode": "ContactNotFound", "message": "no contact"})
        return None

    with Journal.open(tmp_path / "j.sqlite3") as journal:
        ids = backlog(journal, tenant, new=70, existing=0, invalid=0, with_receipt=0, with_update=5)
        transport = Rewriting(tenant, not_indexed_yet)
        async with EngageClient("https://engage.test", DEMO_API_KEY, transport=transport) as client:
            replayer = replayer_on(journal, client)
            await replayer.replay_once()
            waited = [journal.get(i).depends_on for i in ids["updates"]]
            # Created, but the change needs the id: not delivered without it (the change would need attention).
            assert statuses(journal, waited) == {EntryStatus.WAITING_RETRY: 5}
            assert all(journal.get(i).check_first for i in waited)
            assert "not found in Engage yet" in journal.get(waited[0]).last_error
            others = [i for i in ids["new"] if i not in waited]
            assert statuses(journal, others) == {EntryStatus.DELIVERED: 65}   # nothing waits: no lookup at all
            await drain(replayer)
        assert statuses(journal, ids["new"]) == {EntryStatus.DELIVERED: 70}
        assert statuses(journal, ids["updates"]) == {EntryStatus.DELIVERED: 5}
        assert all(journal.get(i).result.get("contactId") for i in waited)
    no_duplicates(tenant)
    assert bulk_posts(tenant) == 1
    assert len([c for c in tenant.contacts.values() if c["attributes"].get("firstName") == "Ändrad"]) == 5
