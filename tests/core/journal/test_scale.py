"""The journal at the size a store reaches (1,000 entries a day, a million in under three years).

Counters, figures and the queue's pages answer what a full scan answers (the scan is the oracle: plain SQL
over every row, NOT INDEXED), and their query plans read no history: no SCAN of the entries, no sort of them.
Pruning keeps exactly the audit record the retention promises and never touches an undelivered entry; the
space it frees goes back to the disk. A journal is checked at open only when a process left it without
closing it. The million-entry tests use the session fixture in conftest.py (``-m scale``; CI: 200,000).
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos_engage.core.domain import NewContact
from pos_engage.core.journal import files, payloads
from pos_engage.core.journal.claims import Settlement
from pos_engage.core.journal.entry import TRANSITIONS, EntryKind, EntryStatus, NewEntry
from pos_engage.core.journal.errors import JournalCorrupt
from pos_engage.core.journal.reads import Figures
from pos_engage.core.journal.store import Journal
from tests.core.conftest import Clock, sale
from tests.core.journal.conftest import RETENTION_DAYS, BigJournal

SETTLED = ("delivered", "exported", "resolved")
OPEN = ("pending", "waiting_retry", "in_flight")
FILTERS = ((), (EntryStatus.NEEDS_ATTENTION, EntryStatus.CONFLICT),  # the queue view's status filters
           (EntryStatus.PENDING, EntryStatus.WAITING_RETRY, EntryStatus.IN_FLIGHT), (EntryStatus.DELIVERED,),
           (EntryStatus.EXPORTED,), (EntryStatus.RESOLVED,))


# ---------------------------------------------------------------------------------------------- oracles

def counted(db: sqlite3.Connection) -> dict[tuple[str, str], int]:
    return {(s, k): n for s, k, n in db.execute("SELECT status, kind, count(*) FROM entries NOT INDEXED "
                                                "GROUP BY status, kind")}


def counters(db: sqlite3.Connection) -> dict[tuple[str, str], int]:
    return {(s, k): n for s, k, n in db.execute("SELECT status, kind, n FROM entry_counts WHERE n != 0")}


def scanned_figures(db: sqlite3.Connection) -> Figures:
    """The figures from plain aggregates over every row (what figures() did before it had counters)."""
    by_status = dict(db.execute("SELECT status, count(*) FROM entries NOT INDEXED GROUP BY status").fetchall())
    oldest = db.execute("SELECT min(created_at) FROM entries NOT INDEXED WHERE status IN "
                        "('pending', 'waiting_retry', 'in_flight')").fetchone()[0]
    last = db.execute("SELECT max(delivered_at) FROM entries NOT INDEXED").fetchone()[0]
    blocked = db.execute("SELECT count(*) FROM entries e NOT INDEXED JOIN entries d ON d.id = e.depends_on "
                         "WHERE e.status IN ('pending', 'waiting_retry') AND d.status IN "
                         "('needs_attention', 'conflict')").fetchone()[0]
    anonymous = db.execute("SELECT value FROM meta WHERE name = 'anonymous_sales'").fetchone()
    return Figures(pending=sum(by_status.get(s, 0) for s in OPEN), oldest_pending_at=oldest,
                   needs_attention=by_status.get("needs_attention", 0), conflicts=by_status.get("conflict", 0),
                   exported=by_status.get("exported", 0), delivered=by_status.get("delivered", 0),
                   blocked=blocked, last_delivered_at=last, anonymous_sales=int(anonymous[0]) if anonymous else 0)


def scanned_ids(db: sqlite3.Connection, statuses, kinds, *, newest_first: bool = True) -> list[int]:
    rows = db.execute("SELECT id, status, kind FROM entries NOT INDEXED ORDER BY id").fetchall()
    ids = [i for i, status, kind in rows if (not statuses or status in statuses) and (not kinds or kind in kinds)]
    return ids[::-1] if newest_first else ids


def plans_of(db: sqlite3.Connection, action: Callable[[], object]) -> dict[str, list[str]]:
    """Every statement ``action`` runs on ``db``, with its query plan."""
    statements: list[str] = []
    db.set_trace_callback(statements.append)
    try:
        action()
    finally:
        db.set_trace_callback(None)
    plans = {}
    for sql in statements:
        if sql.lstrip().upper().startswith(("SELECT", "UPDATE", "DELETE")):
            plans[sql] = [row[3] for row in db.execute(f"EXPLAIN QUERY PLAN {sql}")]
    return plans


# Partial indexes hold only the backlog or what retention has not reached: reading one in order is no scan of
# the history. entry_counts is a few dozen rows.
BOUNDED_SCANS = ("SCAN entry_counts", "SCAN entries USING INDEX entries_open_created",
                 "SCAN entries USING INDEX entries_prunable")


def reads_no_history(plans: dict[str, list[str]]) -> list[str]:
    """The plan lines that would read or sort every entry."""
    return [f"{sql}: {line}" for sql, lines in plans.items() for line in lines
            if (line.startswith("SCAN") and line not in BOUNDED_SCANS) or "TEMP B-TREE" in line]


# ---------------------------------------------------------------------------------------------- helpers

def _fresh(clock: Clock) -> Journal:
    return Journal.open(Path(tempfile.mkdtemp(prefix="scale-")) / "journal.sqlite3", clock=clock)


def _insert(journal: Journal, rows: list[tuple[str, str, float, int | None]]) -> None:
    """(status, kind, created/settled time, depends_on) rows, written as the store would have left them."""
    with journal.write_transaction("test rows") as db:
        for n, (status, kind, at, depends_on) in enumerate(rows):
            db.execute("INSERT INTO entries (kind, payload, idempotency_key, depends_on, status, next_attempt_at, "
                       "created_at, updated_at, delivered_at, result, last_error) VALUES "
                       "(?, '{\"email\":\"a@example.se\"}', ?, ?, ?, ?, ?, ?, ?, '{}', 'x')",
                       (kind, f"{kind}:{n}", depends_on, status, at, at, at, at if status == "delivered" else None))


def _run_op(journal: Journal, clock: Clock, op: tuple) -> None:
    """One thing a till, a manager or the exporter does to the journal."""
    name, value = op
    db = journal.connection
    ids = [row[0] for row in db.execute("SELECT id FROM entries ORDER BY id")]
    if name == "record":
        kinds = list(EntryKind)
        entries = [NewEntry(kinds[(value + i) % len(kinds)], {"n": value}, f"k-{clock()}-{value}-{i}",
                            depends_on_index=0 if i else None) for i in range(1 + value % 3)]
        journal.record(entries)
    elif name == "claim":
        journal.claim_due(limit=1 + value % 4)
    elif name == "settle":
        flying = [row[0] for row in db.execute("SELECT id FROM entries WHERE status = 'in_flight'")]
        targets = sorted(TRANSITIONS[EntryStatus.IN_FLIGHT])
        journal.settle([Settlement(entry_id, targets[(value + n) % len(targets)], next_attempt_at=clock())
                        for n, entry_id in enumerate(flying)])
    elif name == "retry" and ids:
        entry = journal.get(ids[value % len(ids)])
        if entry.status in (EntryStatus.NEEDS_ATTENTION, EntryStatus.CONFLICT, EntryStatus.WAITING_RETRY):
            journal.retry(entry.id, actor="m")
    elif name == "resolve" and ids:
        entry = journal.get(ids[value % len(ids)])
        if EntryStatus.RESOLVED in TRANSITIONS[entry.status]:
            journal.resolve(entry.id, actor="m", reason="test")
    elif name == "export":
        with journal.write_transaction("export") as tx:  # what the exporter does to what it wrote to a file
            tx.execute("UPDATE entries SET status = 'exported', channel = 'file' WHERE status IN "
                       "('pending', 'waiting_retry') AND id % 3 = ?", (value % 3,))
    elif name == "prune":
        clock.advance(value * 86400)
        journal.prune(2.0, batch=1 + value % 3)
    elif name == "delete" and ids:
        with journal.write_transaction("delete") as tx:  # nothing deletes entries today; the trigger is ready
            victim = ids[value % len(ids)]
            if not tx.execute("SELECT 1 FROM entries WHERE depends_on = ?", (victim,)).fetchone():
                tx.execute("DELETE FROM attempts WHERE entry_id = ?", (victim,))
                tx.execute("DELETE FROM entries WHERE id = ?", (victim,))
    clock.advance(1)


OPS = st.tuples(st.sampled_from(("record", "record", "claim", "settle", "retry", "resolve", "export", "prune",
                                 "delete")), st.integers(min_value=0, max_value=40))


# ---------------------------------------------------------------------------------------------- counters

@given(st.lists(OPS, min_size=1, max_size=40))
def test_the_counters_and_figures_match_a_full_scan_whatever_happens(ops):
    clock = Clock()
    with _fresh(clock) as journal:
        for op in ops:
            _run_op(journal, clock, op)
            assert counters(journal.connection) == counted(journal.connection), op
            assert journal.figures() == scanned_figures(journal.connection), op
            assert journal.count() == sum(counted(journal.connection).values())


def test_an_older_journal_gains_counters_of_what_it_holds(journal_path, clock):
    import sqlite_utils

    from pos_engage.core.journal import schema
    journal_path.parent.mkdir(parents=True)
    older = sqlite_utils.Database(journal_path)
    schema.migrations.apply(older, stop_before="0006_scale")
    for n, status in enumerate(["delivered"] * 5 + ["pending", "conflict", "exported"]):
        older.execute("INSERT INTO entries (kind, idempotency_key, status, next_attempt_at, created_at, updated_at) "
                      "VALUES (?, ?, ?, 0, ?, ?)", ("receipt" if n % 2 else "redeem_voucher", f"k{n}", status, n, n))
    older.conn.commit()
    older.close()
    with Journal.open(journal_path, clock=clock) as journal:
        assert counters(journal.connection) == counted(journal.connection)
        assert journal.count(statuses=[EntryStatus.DELIVERED]) == 5
        assert journal.count(statuses=[EntryStatus.DELIVERED], kinds=[EntryKind.RECEIPT]) == 2
        assert journal.figures() == scanned_figures(journal.connection)


# ---------------------------------------------------------------------------------------------- query plans

def _mixed(journal: Journal, clock: Clock) -> None:
    rows = [(("delivered", "exported", "resolved", "needs_attention", "conflict", "pending", "waiting_retry")[n % 7],
             list(EntryKind)[n % len(EntryKind)], clock() + n, None) for n in range(300)]
    _insert(journal, rows)
    with journal.write_transaction("dependencies") as db:  # some wait for one that needs a person
        db.execute("UPDATE entries SET depends_on = id - 1 WHERE status = 'pending' AND id % 2 = 0")


def test_no_figure_count_or_filter_reads_the_history(journal, clock):
    _mixed(journal, clock)
    db = journal.connection
    actions = [journal.figures, journal.count, lambda: journal.prune(RETENTION_DAYS), journal.recover_in_flight]
    for statuses in FILTERS:
        for kinds in ((), (EntryKind.RECEIPT,), (EntryKind.ORDER_ACTION, EntryKind.REDEEM_VOUCHER)):
            actions.append(lambda s=statuses, k=kinds: journal.count(statuses=s, kinds=k))
            actions.append(lambda s=statuses, k=kinds: journal.entries(statuses=s, kinds=k, limit=20,
                                                                       newest_first=True, after=150))
    for action in actions:
        plans = plans_of(db, action)
        assert plans  # the action did run queries
        assert reads_no_history(plans) == []


# ---------------------------------------------------------------------------------------------- paging

@given(statuses=st.lists(st.sampled_from(list(EntryStatus)), unique=True, max_size=3),
       kinds=st.lists(st.sampled_from(list(EntryKind)), unique=True, max_size=2),
       picks=st.lists(st.tuples(st.sampled_from(list(EntryStatus)), st.sampled_from(list(EntryKind))),
                      max_size=60),
       page=st.integers(min_value=1, max_value=25), newest_first=st.booleans())
def test_pages_one_after_the_other_are_the_filtered_history_in_order(statuses, kinds, picks, page, newest_first):
    with _fresh(Clock()) as journal:
        _insert(journal, [(status.value, kind.value, float(n), None) for n, (status, kind) in enumerate(picks)])
        pages, after = [], None
        while batch := journal.entries(statuses=statuses, kinds=kinds, limit=page, newest_first=newest_first,
                                       after=after):
            assert len(batch) <= page
            pages.extend(entry.id for entry in batch)
            after = batch[-1].id
        expected = scanned_ids(journal.connection, statuses, kinds, newest_first=newest_first)
        assert pages == expected
        assert journal.count(statuses=statuses, kinds=kinds) == len(expected)
        by_offset = journal.entries(statuses=statuses, kinds=kinds, limit=page, offset=page,
                                    newest_first=newest_first)
        assert [entry.id for entry in by_offset] == expected[page:2 * page]


# ---------------------------------------------------------------------------------------------- retention

ENTRY = st.tuples(st.sampled_from(list(EntryStatus)), st.sampled_from(list(EntryKind)),
                  st.floats(min_value=0, max_value=90), st.integers(min_value=0, max_value=2))


def _snapshot(db: sqlite3.Connection) -> dict[int, dict]:
    return {row["id"]: dict(row) for row in db.execute("SELECT * FROM entries")}


def _attempts(db: sqlite3.Connection) -> dict[int, int]:
    return dict(db.execute("SELECT entry_id, count(*) FROM attempts GROUP BY entry_id").fetchall())


@given(st.lists(ENTRY, max_size=40), st.floats(min_value=1, max_value=60), st.integers(min_value=1, max_value=7))
def test_prune_keeps_exactly_what_the_retention_promises(generated, retention, batch):
    clock = Clock()
    with _fresh(clock) as journal:
        now = clock()
        with journal.write_transaction("history") as db:
            for n, (status, kind, age_days, attempts) in enumerate(generated):
                at = now - age_days * 86400
                db.execute("INSERT INTO entries (kind, payload, idempotency_key, status, next_attempt_at, created_at, "
                           "updated_at, delivered_at, result, last_error, sale_id, depends_on) VALUES (?, ?, ?, ?, ?, "
                           "?, ?, ?, '{\"contactId\":\"c\"}', 'Engage said a@example.se', ?, ?)",
                           (kind.value, json.dumps({"email": "a@example.se"}), f"{kind.value}:a@example.se:{n}",
                            status.value, at, at - 60, at, at if status is EntryStatus.DELIVERED else None, f"s{n}",
                            n if n and kind is EntryKind.RECEIPT else None))  # a receipt waits for the one before
                db.executemany("INSERT INTO attempts (entry_id, at, outcome, error) VALUES (?, ?, 'x', 'a@example.se')",
                               [(n + 1, at)] * attempts)
        before, attempts_before = _snapshot(journal.connection), _attempts(journal.connection)
        cutoff = now - retention * 86400
        promised = {i for i, row in before.items()
                    if row["status"] in SETTLED and (row["delivered_at"] or row["updated_at"]) < cutoff}

        assert journal.prune(retention, batch=batch) == len(promised)
        assert journal.prune(retention, batch=batch) == 0  # nothing twice

        after, attempts_after = _snapshot(journal.connection), _attempts(journal.connection)
        assert after.keys() == before.keys()  # the audit record of every entry stays
        for entry_id, old in before.items():
            new = after[entry_id]
            if entry_id not in promised:  # undelivered, or inside the retention: untouched, attempts and all
                assert new == old
                assert attempts_after.get(entry_id) == attempts_before.get(entry_id)
                continue
            assert (new["payload"], new["result"], new["last_error"]) == (None, None, None)
            assert new["pruned_at"] == now and entry_id not in attempts_after
            kept = ("kind", "status", "sale_id", "created_at", "delivered_at", "attempts", "depends_on", "lane")
            assert {k: new[k] for k in kept} == {k: old[k] for k in kept}
            if old["kind"] == EntryKind.REGISTER_CONTACT:  # derived from the customer's email: retired
                assert new["idempotency_key"] == f"register:pruned-{entry_id}"
            else:  # a receipt's key is its uniqueReceiptId: kept, to tell a repeat
                assert new["idempotency_key"] == old["idempotency_key"]
        db = journal.connection
        assert db.execute("PRAGMA freelist_count").fetchone()[0] == 0  # the space went back to the disk
        assert journal.integrity() == "ok"
        assert counters(db) == counted(db)
        assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1  # back on after the rewrite
        assert db.execute("PRAGMA foreign_key_check").fetchall() == []


def _size_on_disk(journal: Journal) -> int:
    journal.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    return journal.path.stat().st_size


def test_a_new_journal_gives_pruned_space_back_to_the_disk(journal, clock):
    assert journal.connection.execute("PRAGMA auto_vacuum").fetchone()[0] == 2  # incremental
    for n in range(60):
        journal.record([payloads.receipt(sale(f"r{n}-{i}")) for i in range(50)])
    for claimed in iter(lambda: journal.claim_due(limit=500), []):
        journal.settle([Settlement(e.id, EntryStatus.DELIVERED) for e in claimed])
    full = _size_on_disk(journal)
    clock.advance(31 * 86400)
    assert journal.prune(30) == 3000
    assert _size_on_disk(journal) < full / 2
    assert journal.get(1).idempotency_key == "receipt:r0-0"


def test_compact_switches_an_older_journal_to_incremental_vacuum(journal_path, clock):
    import sqlite_utils

    from pos_engage.core.journal import schema
    journal_path.parent.mkdir(parents=True)
    older = sqlite_utils.Database(journal_path)  # what a version before 0006 created: no auto_vacuum
    schema.migrations.apply(older)
    older.close()
    with Journal.open(journal_path, clock=clock) as journal:
        assert journal.connection.execute("PRAGMA auto_vacuum").fetchone()[0] == 0
        journal.record([payloads.registration(NewContact(email=f"c{n}@example.se"), store_external_id="1")
                        for n in range(2000)])
        for claimed in iter(lambda: journal.claim_due(limit=500), []):
            journal.settle([Settlement(e.id, EntryStatus.DELIVERED) for e in claimed])
        clock.advance(31 * 86400)
        journal.prune(30)
        assert journal.connection.execute("PRAGMA freelist_count").fetchone()[0] > 0  # freed, but kept
        before, after = journal.compact(actor="it", reason="years of history")
        assert after < before
        assert journal.connection.execute("PRAGMA auto_vacuum").fetchone()[0] == 2
        assert journal.audit_log()[-1]["action"] == "compact"
        assert json.loads(journal.audit_log()[-1]["detail"]) == {"bytes_before": before, "bytes_after": after}
        assert journal.count() == 2000 and journal.integrity() == "ok"


# ---------------------------------------------------------------------------------------------- integrity at open

HOLDER = """
import sys, time
from pos_engage.core.journal.store import Journal
from pos_engage.core.journal.entry import EntryKind
journal = Journal.open(sys.argv[1])
if sys.argv[2:] != ["--read-only"]:
    journal.enqueue(EntryKind.RECEIPT, {}, idempotency_key="held-" + str(time.time()))
print("open", flush=True)
sys.stdin.readline()
journal.close()
print("closed", flush=True)
"""


def _holder(path: Path, *extra: str) -> subprocess.Popen:
    """Another process with the journal open (and a write of its own), until told to close or killed."""
    process = subprocess.Popen([sys.executable, "-c", HOLDER, str(path), *extra], stdin=subprocess.PIPE,
                               stdout=subprocess.PIPE, text=True, cwd=Path(__file__).parents[3])
    assert process.stdout.readline().strip() == "open"
    return process


def _checked_at(path: Path, clock: Clock) -> float | None:
    with Journal.open(path, clock=clock) as journal:
        last = journal.last_integrity_check()
        return last[0] if last else None


def test_a_cleanly_closed_journal_is_not_checked_at_open(journal_path, clock):
    first = _checked_at(journal_path, clock)  # a new journal (no marks yet) is checked once
    assert first == clock()
    clock.advance(60)
    assert _checked_at(journal_path, clock) == first
    holder = _holder(journal_path)
    holder.stdin.write("\n")
    holder.stdin.flush()
    assert holder.stdout.readline().strip() == "closed" and holder.wait(10) == 0
    clock.advance(60)
    assert _checked_at(journal_path, clock) == first
    assert list(files.marks_folder(journal_path).glob("*.lock")) == []


def test_a_journal_another_live_process_has_open_is_not_checked(journal_path, clock):
    first = _checked_at(journal_path, clock)
    holder = _holder(journal_path)
    try:
        clock.advance(60)
        assert _checked_at(journal_path, clock) == first
    finally:
        holder.kill()
        holder.wait(10)


def test_a_journal_left_by_a_killed_writer_is_checked_at_open(journal_path, clock):
    _checked_at(journal_path, clock)
    holder = _holder(journal_path)
    os.kill(holder.pid, signal.SIGKILL)
    assert holder.wait(10) == -signal.SIGKILL
    clock.advance(60)
    assert _checked_at(journal_path, clock) == clock()  # checked now
    with Journal.open(journal_path, clock=clock) as journal:
        assert journal.connection.execute("SELECT value FROM meta WHERE name = 'integrity_after_crash'"
                                          ).fetchone()[0] == "1"
        assert journal.count() == 1  # the killed writer's committed entry is there
    clock.advance(60)
    assert _checked_at(journal_path, clock) == clock() - 60  # once: the mark it left is gone


def test_damage_after_a_crash_is_found_at_the_next_open(journal_path, clock):
    with Journal.open(journal_path, clock=clock) as journal:
        journal.record([payloads.receipt(sale(f"r{n}")) for n in range(300)])
        root = journal.connection.execute("SELECT rootpage FROM sqlite_master WHERE name = 'entries_lane'"
                                          ).fetchone()[0]
        page = journal.connection.execute("PRAGMA page_size").fetchone()[0]
    holder = _holder(journal_path, "--read-only")
    os.kill(holder.pid, signal.SIGKILL)
    holder.wait(10)
    data = bytearray(journal_path.read_bytes())
    # An index page that opening never reads (entries by lane): only the integrity check can find it.
    data[(root - 1) * page:root * page] = b"\xff" * page
    journal_path.write_bytes(bytes(data))
    with pytest.raises(JournalCorrupt) as caught:
        Journal.open(journal_path, clock=clock)
    assert caught.value.aside.exists()


def test_integrity_is_checked_on_demand(journal_path, clock):
    _checked_at(journal_path, clock)
    clock.advance(60)
    with Journal.open(journal_path, clock=clock, check_integrity=True) as journal:
        assert journal.last_integrity_check() == (clock(), "ok")
        clock.advance(60)
        assert journal.check_integrity() == "ok"
        assert journal.last_integrity_check() == (clock(), "ok")


# ---------------------------------------------------------------------------------------------- a million entries

@pytest.fixture
def big(big_journal: BigJournal):
    with Journal.open(big_journal.path, clock=Clock(big_journal.now)) as journal:
        yield journal


@pytest.mark.scale
def test_a_big_journal_counts_and_figures_as_a_full_scan_does(big, big_journal):
    db = big.connection
    assert counters(db) == counted(db)
    assert sum(counters(db).values()) == big_journal.entries == big.count()
    figures = big.figures()
    assert figures == scanned_figures(db)
    assert figures.blocked and figures.needs_attention and figures.pending  # the oracle compared real numbers
    assert reads_no_history(plans_of(db, big.figures)) == []


@pytest.mark.scale
def test_a_big_journal_starts_without_reading_its_history(big_journal):
    clock = Clock(big_journal.now)
    with Journal.open(big_journal.path, clock=clock) as journal:  # the fixture closed it cleanly
        checked = journal.last_integrity_check()
    clock.advance(3600)
    with Journal.open(big_journal.path, clock=clock) as journal:
        assert journal.last_integrity_check() == checked  # no quick_check at this open
        plans = plans_of(journal.connection, lambda: (journal.recover_in_flight(), journal.prune(RETENTION_DAYS)))
        assert reads_no_history(plans) == []
        prunable = journal.connection.execute(
            "SELECT count(*) FROM entries NOT INDEXED WHERE pruned_at IS NULL AND status IN "
            "('delivered', 'exported', 'resolved') AND COALESCE(delivered_at, updated_at) < ?",
            (clock() - RETENTION_DAYS * 86400,)).fetchone()[0]
        assert prunable == 0  # the prune of an hour's worth found what a scan finds
        assert journal.figures() == scanned_figures(journal.connection)


@pytest.mark.scale
@pytest.mark.gui
def test_every_queue_filter_on_a_big_journal_pages_as_a_full_scan_does(qapp, big):
    from pos_engage.qt.models.journal_model import PAGE, JournalModel

    everything = big.connection.execute("SELECT id, status, kind FROM entries NOT INDEXED").fetchall()
    model = JournalModel(big)
    for statuses in FILTERS:
        for kinds in ((), (EntryKind.RECEIPT,), (EntryKind.ORDER_ACTION,), (EntryKind.ORDER_COMMUNICATION,)):
            expected = sorted((i for i, s, k in everything if (not statuses or s in statuses)
                               and (not kinds or k in kinds)), reverse=True)
            model.set_filter(statuses, kinds)
            if model.canFetchMore():
                model.fetchMore()
            assert model.total == len(expected)
            shown = [model.entry_id(row) for row in range(model.rowCount())]
            assert shown == expected[:len(shown)] and len(shown) == min(len(expected), 2 * PAGE)
            plans = plans_of(big.connection, model.fetchMore)
            assert reads_no_history(plans) == []


@pytest.mark.gui
def test_a_kind_chosen_in_a_combo_box_filters_the_queue(qtbot, journal, clock):
    """Qt hands a combo box's enum back as its plain value: the queue view's kind filter raised on every choice."""
    from PySide6.QtWidgets import QComboBox

    from pos_engage.qt.models.journal_model import JournalModel
    from pos_engage.qt.views.queue_view import STATUS_FILTERS

    _mixed(journal, clock)
    kinds = QComboBox()  # filled as the queue view fills its own
    qtbot.addWidget(kinds)
    for kind in EntryKind:
        kinds.addItem(kind.value, kind)
    model = JournalModel(journal)
    for kind in (EntryKind.REDEEM_VOUCHER, EntryKind.RECEIPT):
        kinds.setCurrentIndex(kinds.findData(kind))
        for _, statuses in STATUS_FILTERS:
            model.set_filter(statuses, (kinds.currentData(),))
            shown = [model.entry_id(row) for row in range(model.rowCount())]
            assert shown == scanned_ids(journal.connection, statuses, (kind,))
            assert model.total == len(shown)


# ---------------------------------------------------------------------------------------------- command line

def _cli(tmp_path: Path, monkeypatch, capsys, *args: str) -> tuple[int, str]:
    from pos_engage import cli

    for name in ("POS_ENGAGE_BASE_URL", "POS_ENGAGE_CONFIG", "POS_ENGAGE_FILE_SERVER_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("POS_ENGAGE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("POS_ENGAGE_API_KEY", "k")
    config = tmp_path / "config.json"
    config.write_text(json.dumps({"engage": {"base_url": "http://127.0.0.1:9"}}))  # nobody answers: degraded
    code = cli.main(["--config", str(config), *args])
    return code, capsys.readouterr().out


def test_doctor_says_when_the_file_was_checked_and_deep_checks_it_now(tmp_path, monkeypatch, capsys):
    journal_path = tmp_path / "data" / "journal.sqlite3"
    with Journal.open(journal_path, clock=Clock(1_700_000_000.0)):  # November 2023
        pass  # a new journal is checked once, at its first open

    _, out = _cli(tmp_path, monkeypatch, capsys, "doctor", "--json")
    journal = next(c for c in json.loads(out)["checks"] if c["name"] == "journal")
    assert journal["status"] == "ok" and journal["detail"].startswith("integrity: ok (checked 2023-11-1")

    _, out = _cli(tmp_path, monkeypatch, capsys, "doctor", "--deep", "--json")
    journal = next(c for c in json.loads(out)["checks"] if c["name"] == "journal")
    assert journal["detail"] == "integrity: ok (now)"
    with Journal.open(journal_path) as reopened:
        assert reopened.last_integrity_check()[0] > 1_700_000_000.0  # remembered


def test_journal_compact_gives_an_old_journals_space_back_and_is_audited(tmp_path, monkeypatch, capsys):
    import sqlite_utils

    from pos_engage.core.journal import schema
    journal_path = tmp_path / "data" / "journal.sqlite3"
    journal_path.parent.mkdir(parents=True)
    older = sqlite_utils.Database(journal_path)  # created before 0006: no auto_vacuum
    schema.migrations.apply(older)
    older.close()
    with Journal.open(journal_path) as journal:
        journal.record([payloads.receipt(sale(f"r{n}")) for n in range(500)])
        with journal.write_transaction("gone") as db:
            db.execute("DELETE FROM entries")
    code, out = _cli(tmp_path, monkeypatch, capsys, "journal", "compact", "--reason", "years", "--it", "Ola")
    assert code == 0 and out.startswith("journal compacted: ")
    with Journal.open(journal_path) as journal:
        assert journal.connection.execute("PRAGMA auto_vacuum").fetchone()[0] == 2
        last = journal.audit_log()[-1]
        assert (last["action"], last["actor"], last["reason"]) == ("compact", "IT: Ola, without a PIN", "years")
        sizes = json.loads(last["detail"])
        assert sizes["bytes_after"] < sizes["bytes_before"] / 2
