"""Journal.statuses: each entry's status read without its payload, as get() would give it (an unknown id is an
error, as with get)."""

from __future__ import annotations

import pytest

from pos_engage.core.journal import payloads
from pos_engage.core.journal.claims import Settlement
from pos_engage.core.journal.entry import EntryStatus
from pos_engage.core.journal.errors import UnknownEntry
from pos_engage.core.journal.store import Journal
from tests.core.conftest import sale


def test_each_entrys_status_is_the_one_get_reads(journal: Journal):
    first, second = journal.record([payloads.receipt(sale("s-1")), payloads.receipt(sale("s-2"))])
    [claimed] = journal.claim_due(1)
    journal.settle([Settlement(claimed.id, EntryStatus.DELIVERED)])
    assert journal.statuses([first.id, second.id, first.id]) == {
        first.id: journal.get(first.id).status, second.id: journal.get(second.id).status}
    assert set(journal.statuses([first.id, second.id]).values()) == {EntryStatus.DELIVERED, EntryStatus.PENDING}
    assert journal.statuses([]) == {}


def test_an_id_the_journal_does_not_have_is_an_error_as_with_get(journal: Journal):
    [entry] = journal.record([payloads.receipt(sale("s-1"))])
    with pytest.raises(UnknownEntry):
        journal.statuses([entry.id, entry.id + 1000])
