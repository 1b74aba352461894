"""A hypothesis state machine over the journal: whatever happens, nothing is lost, nothing delivered twice,
nothing both exported and delivered, and no entry is sent before what it depends on."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, precondition, rule

from pos_engage.core.journal.claims import Settlement
from pos_engage.core.journal.entry import EntryKind, EntryStatus, NewEntry
from pos_engage.core.journal.errors import InvalidTransition
from pos_engage.core.journal.store import Journal

FAILURES = [EntryStatus.WAITING_RETRY, EntryStatus.NEEDS_ATTENTION, EntryStatus.CONFLICT]


class JournalMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="journal-sm-"))
        self.now = 1_000_000.0
        self.journal = Journal.open(self.folder / "j.sqlite3", clock=lambda: self.now)
        self.written: set[int] = set()
        self.in_hand: dict[int, object] = {}       # claimed by "the replayer", not yet settled
        self.deliveries: dict[int, int] = {}       # entry id -> times the replayer reported it delivered
        self.exported: set[int] = set()
        self.dependency: dict[int, int | None] = {}
        self.counter = 0

    def teardown(self) -> None:
        self.journal.close()
        shutil.rmtree(self.folder, ignore_errors=True)

    @rule(kind=st.sampled_from([EntryKind.RECEIPT, EntryKind.REGISTER_CONTACT, EntryKind.REDEEM_PROMOTION]),
          depend=st.booleans(), lane=st.sampled_from([None, None, "a", "b"]))
    def enqueue(self, kind, depend, lane):
        self.counter += 1
        depends_on = max(self.written) if depend and self.written else None
        entry = self.journal.record([NewEntry(kind, {"n": self.counter}, f"k{self.counter}", depends_on=depends_on,
                                              lane=lane)])[0]
        self.written.add(entry.id)
        self.dependency[entry.id] = depends_on

    @rule(limit=st.integers(1, 5))
    def claim(self, limit):
        for entry in self.journal.claim_due(limit):
            assert entry.id not in self.in_hand, "claimed twice"
            assert entry.status is EntryStatus.IN_FLIGHT
            dep = self.dependency[entry.id]
            if dep is not None:
                assert self.journal.get(dep).status in (EntryStatus.DELIVERED, EntryStatus.EXPORTED,
                                                        EntryStatus.RESOLVED), "sent before its dependency"
            self.in_hand[entry.id] = entry

    @precondition(lambda self: self.in_hand)
    @rule(data=st.data())
    def deliver(self, data):
        entry_id = data.draw(st.sampled_from(sorted(self.in_hand)))
        self.journal.settle([Settlement(entry_id, EntryStatus.DELIVERED)])
        del self.in_hand[entry_id]
        self.deliveries[entry_id] = self.deliveries.get(entry_id, 0) + 1

    @precondition(lambda self: self.in_hand)
    @rule(data=st.data(), outcome=st.sampled_from(FAILURES))
    def fail(self, data, outcome):
        entry_id = data.draw(st.sampled_from(sorted(self.in_hand)))
        self.journal.settle([Settlement(entry_id, outcome, error="x", next_attempt_at=self.now + 5)])
        del self.in_hand[entry_id]

    @rule()
    def time_passes(self):
        self.now += 10

    @rule()
    def crash_and_reopen(self):
        self.journal.close()
        self.in_hand.clear()  # the replayer died with whatever it held
        self.journal = Journal.open(self.folder / "j.sqlite3", clock=lambda: self.now)
        self.journal.recover_in_flight()

    @rule()
    def export_undelivered(self):
        # What the exporter does: mark pending/waiting entries exported, in one transaction.
        with self.journal.write_transaction("export") as db:
            rows = db.execute("SELECT id FROM entries WHERE status IN ('pending', 'waiting_retry')").fetchall()
            db.executemany("UPDATE entries SET status = 'exported', channel = 'file' WHERE id = ?",
                           [(row[0],) for row in rows])
        self.exported.update(row[0] for row in rows)

    @precondition(lambda self: self.written)
    @rule(data=st.data())
    def resolve_or_retry(self, data):
        entry_id = data.draw(st.sampled_from(sorted(self.written)))
        try:
            if data.draw(st.booleans()):
                self.journal.resolve(entry_id, actor="manager", reason="test")
            else:
                self.journal.retry(entry_id, actor="manager")
        except InvalidTransition:
            status = self.journal.get(entry_id).status
            assert status in (EntryStatus.DELIVERED, EntryStatus.EXPORTED, EntryStatus.RESOLVED,
                              EntryStatus.IN_FLIGHT, EntryStatus.PENDING)

    @invariant()
    def nothing_lost(self):
        assert self.journal.count() == len(self.written)

    @invariant()
    def nothing_delivered_twice(self):
        assert all(times == 1 for times in self.deliveries.values())

    @invariant()
    def never_both_exported_and_delivered(self):
        assert not (self.exported & set(self.deliveries))
        for entry_id in self.exported:
            assert self.journal.get(entry_id).status is EntryStatus.EXPORTED

    @invariant()
    def delivered_ones_stay_delivered(self):
        for entry_id in self.deliveries:
            assert self.journal.get(entry_id).status is EntryStatus.DELIVERED


JournalMachine.TestCase.settings = settings(max_examples=60, stateful_step_count=40, deadline=None)
test_journal_state_machine = JournalMachine.TestCase
