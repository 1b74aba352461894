"""Who rang an entry up and where it came from is data on the entry's own row (migration 0010_who_rang_up), on a
real SQLite journal: written with the entry in its INSERT, read back by every read, kept by pruning, told by the
door that journals (journaling_from) for entries that say nothing, and unknown (None) for an entry of a journal
written before it was recorded, which is migrated in place."""

from __future__ import annotations

import sqlite3

from pos_engage.core.journal import payloads
from pos_engage.core.journal.claims import Settlement
from pos_engage.core.journal.entry import EntryKind, EntryStatus, Origin, Source, current_source, journaling_from
from pos_engage.core.journal.store import Journal
from tests.core.conftest import sale

ANNA = "Anna Berg (1001)"


def with_source(entry, origin: Origin, rung_by: str | None):
    from dataclasses import replace

    return replace(entry, source=Source(origin, rung_by))


def test_an_entry_records_who_rang_it_up_and_where_as_written_and_as_read(journal):
    receipt = with_source(payloads.receipt(sale("1-1-a")), Origin.WINDOW, ANNA)
    redemption = with_source(payloads.promotion_redemption("as-1", contact_id="c-1", sale_id="1-1-a"),
                             Origin.WINDOW, ANNA)
    written = journal.commit_sale([receipt, redemption], sale_id="1-1-a").entries
    assert [(e.rung_by, e.origin) for e in written] == [(ANNA, Origin.WINDOW)] * 2
    assert [journal.get(e.id) for e in written] == written          # as written is as read back
    row = journal.connection.execute("SELECT rung_by, origin FROM entries WHERE id = ?", (written[0].id,)).fetchone()
    assert tuple(row) == (ANNA, "window")                             # on the row itself, plain data
    assert {e.id: (e.rung_by, e.origin) for e in map(journal.get, [e.id for e in written])} == {
        e.id: (ANNA, Origin.WINDOW) for e in written}


def test_an_entry_without_a_source_takes_what_the_door_said_and_nothing_outside(journal):
    assert current_source() is None
    outside = journal.record([payloads.receipt(sale("1-1-out"))])[0]
    with journaling_from(Origin.POS_HTTP, "till 3") as told:
        assert current_source() == told
        inside = journal.record([payloads.receipt(sale("1-1-in"))])[0]
        own = journal.record([with_source(payloads.receipt(sale("1-1-own")), Origin.WINDOW, ANNA)])[0]
    assert current_source() is None
    assert (outside.rung_by, outside.origin) == (None, None)
    assert (journal.get(inside.id).rung_by, journal.get(inside.id).origin) == ("till 3", Origin.POS_HTTP)
    assert (journal.get(own.id).rung_by, journal.get(own.id).origin) == (ANNA, Origin.WINDOW)   # its own wins
    with journaling_from(Origin.COMMAND_LINE):   # nobody at a till: who is None, where is said
        line = journal.record([payloads.receipt(sale("1-1-cli"))])[0]
    assert (journal.get(line.id).rung_by, journal.get(line.id).origin) == (None, Origin.COMMAND_LINE)


def test_pruning_keeps_who_and_where_but_not_the_payload(journal, clock):
    entry = journal.record([with_source(payloads.receipt(sale("1-1-p")), Origin.POS_FOLDER, ANNA)])[0]
    journal.claim_due()
    journal.settle([Settlement(entry.id, EntryStatus.DELIVERED)])
    clock.advance(40 * 86400)
    assert journal.prune(30) == 1
    pruned = journal.get(entry.id)
    assert pruned.payload is None and (pruned.rung_by, pruned.origin) == (ANNA, Origin.POS_FOLDER)


def test_an_origin_a_newer_version_wrote_reads_as_unknown_rather_than_failing(journal):
    entry = journal.record([payloads.receipt(sale("1-1-new"))])[0]
    with journal.write_transaction("test"):
        journal.connection.execute("UPDATE entries SET origin = 'teleport' WHERE id = ?", (entry.id,))
    assert journal.get(entry.id).origin is None
    assert (journal.get(entry.id).rung_by, journal.get(entry.id).origin) == (None, None)


def test_an_old_journal_is_migrated_and_its_entries_read_as_unknown(journal_path, clock):
    import sqlite_utils

    from pos_engage.core.journal import schema

    journal_path.parent.mkdir(parents=True)
    older = sqlite_utils.Database(journal_path)
    schema.migrations.apply(older, stop_before="0010_who_rang_up")   # the journal a till has today
    older.execute("INSERT INTO entries (kind, payload, idempotency_key, sale_id, status, next_attempt_at, "
                  "created_at, updated_at) VALUES ('receipt', ?, 'receipt:1-1-old', '1-1-old', 'pending', 0, 0, 0)",
                  ('{"receipt": {"uniqueReceiptId": "1-1-old", "receiptNumber": "old"}}',))
    older.conn.commit()
    older.close()
    with Journal.open(journal_path, clock=clock) as journal:
        old = journal.get(1)
        assert old.idempotency_key == "receipt:1-1-old" and (old.rung_by, old.origin) == (None, None)
        assert (journal.get(1).rung_by, journal.get(1).origin) == (None, None)
        new = journal.record([with_source(payloads.receipt(sale("1-1-new")), Origin.POS_HTTP, ANNA)])[0]
        assert (journal.get(new.id).rung_by, journal.get(new.id).origin) == (ANNA, Origin.POS_HTTP)
        assert journal.count(kinds=[EntryKind.RECEIPT]) == 2
    backup = journal_path.with_name("journal.sqlite3.before-0010_who_rang_up.bak")
    copy = sqlite3.connect(backup)   # the copy kept before the change has the old schema
    columns = {row[1] for row in copy.execute("PRAGMA table_info(entries)")}
    copy.close()
    assert "rung_by" not in columns and "origin" not in columns
