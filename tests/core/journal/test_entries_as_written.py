"""A sale's entries are returned as they were written, not read back: they must equal what the journal reads.

``Journal.record`` and ``Journal.commit_sale`` build the entries they have just inserted from what they wrote
(store._as_written) instead of reading each one back; an entry whose idempotency key was already journaled, or
that the same transaction changed again (taken to send now, held), is read back. Whatever the batch, what they
return must be exactly what :meth:`Journal.get` reads afterwards, field for field and type for type.
"""

from __future__ import annotations

import dataclasses
import itertools

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pos_engage.core.journal.entry import EntryKind, NewEntry
from pos_engage.core.journal.offer_ledger import OfferToCommit
from pos_engage.core.journal.store import Journal

_JSON = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**53), 2**53) | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.tuples(inner, inner)
    | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=8)
_KINDS = st.sampled_from([EntryKind.RECEIPT, EntryKind.REDEEM_PROMOTION, EntryKind.REDEEM_VOUCHER,
                          EntryKind.UPDATE_CONTACT])


@st.composite
def _batches(draw):
    """Entries of one sale: keys drawn from a small pool (so some are journaled already, by an earlier example
    or earlier in the same batch), dependencies on earlier entries of the batch, lanes, odd payloads."""
    size = draw(st.integers(1, 4))
    entries = []
    for index in range(size):
        payload = draw(st.none() | st.dictionaries(st.text(max_size=6), _JSON, max_size=4))
        entries.append(NewEntry(draw(_KINDS), payload, f"key-{draw(st.integers(0, 30))}",
                                depends_on_index=draw(st.none() | st.integers(0, index - 1)) if index else None,
                                lane=draw(st.none() | st.sampled_from(["lane-a", "lane-b"]))))
    send_now = draw(st.lists(st.integers(0, size - 1), unique=True, max_size=size))
    hold = draw(st.none() | st.integers(0, size - 1))
    return entries, send_now, hold


def _as_read(journal: Journal, entries) -> list:
    return [journal.get(entry.id) for entry in entries]


def _same(returned, read) -> None:
    assert returned == read
    # Equal is not enough: a float column must come back a float, a list a list (not a tuple), as read.
    for mine, theirs in zip(returned, read, strict=True):
        for field in dataclasses.fields(mine):
            assert repr(getattr(mine, field.name)) == repr(getattr(theirs, field.name)), field.name


@settings(deadline=None, max_examples=150, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(batch=_batches(), anonymous=st.booleans(), clock_is_whole=st.booleans())
def test_commit_sale_returns_the_entries_as_the_journal_reads_them(tmp_path, batch, anonymous, clock_is_whole):
    entries, send_now, hold = batch
    with Journal.open(tmp_path / "journal.sqlite3", clock=(lambda: 1_800_000_000) if clock_is_whole
                      else (lambda: 1_800_000_000.25)) as journal:
        sale = f"sale-{next(_SALES)}"
        offers = [OfferToCommit(f"offer-{sale}-{i}", "promotion", i) for i in send_now]
        committed = journal.commit_sale(entries, sale_id=sale, offers=offers, send_now=send_now, hold=hold,
                                        anonymous=anonymous)
        _same(committed.entries, _as_read(journal, committed.entries))


@settings(deadline=None, max_examples=100, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(batch=_batches(), sale_id=st.none() | st.text(max_size=5))
def test_record_returns_the_entries_as_the_journal_reads_them(tmp_path, batch, sale_id):
    entries, _send_now, _hold = batch
    with Journal.open(tmp_path / "journal.sqlite3") as journal:
        recorded = journal.record(entries, sale_id=sale_id)
        _same(recorded, _as_read(journal, recorded))


def test_an_entry_journaled_already_is_returned_as_stored_not_as_asked(journal):
    first = journal.record([NewEntry(EntryKind.RECEIPT, {"n": 1}, "receipt:r1")], sale_id="s1")[0]
    again = journal.commit_sale([NewEntry(EntryKind.RECEIPT, {"n": 2}, "receipt:r1")], sale_id="s2").entries[0]
    assert again == first
    assert again.payload == {"n": 1} and again.sale_id == "s1"


_SALES = itertools.count()
