"""Writing the queue's export files and recording them, so an entry goes by API or by file, never both.

Order of work, and what a crash at each point leaves behind:

1. each file is written as ``name.tmp`` and fsynced     -> crash: an orphan .tmp; the entries are still queued
2. ONE transaction records the manifest rows ("writing") and marks the entries exported
                                                         -> crash before commit: as 1; after: the rows say so
3. each .tmp is renamed to its final name, then "ready"  -> crash: recovery finishes the rename

``recover`` (run before every export and upload) deletes orphan .tmp files and finishes interrupted renames,
so a file either is in the manifest with its entries exported, or does not exist.

What goes is decided in plan.py; asking Engage first about entries whose last attempt may have reached it is in
ask_first.py. ``export_queue`` on its own holds every such entry back, with that reason.

Receipts stream: each transactions file is written record by record from the journal, RECEIPTS_AT_ONCE payloads at
a time, and checked against its XSD by iterparse as it stands on disk. Memory stays bounded by the number of queued
entries (a few hundred bytes each for the selection), not by their payloads: 100,000 receipts export within
EXPORT_MEMORY_BOUND (docs/scale.md has the figures). The bytes are those the whole-document writer gave
(xml_export.document_parts: each record serialised as it stands in its document). ``should_stop`` is asked between
records as well as between files, and ``progress`` counts entries.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from collections import defaultdict
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass
from pathlib import Path

from pos_engage.core.export import xml_export
from pos_engage.core.export.plan import ExportResult, _full, _PlannedFile, plan
from pos_engage.core.journal.errors import JournalError, storage_error
from pos_engage.core.journal.store import Journal

# Receipt payloads read from the journal at a time while a file is written.
RECEIPTS_AT_ONCE = 500
# What 100,000 queued receipts may take (tracemalloc's peak, Python's allocations) while exported: the selection's
# few hundred bytes per entry and the manifest's ids, not the payloads (tests/core/export/test_export_stream.py).
EXPORT_MEMORY_BOUND = 64 * 1024 * 1024


def _fsync_dir(folder: Path) -> None:
    if hasattr(os, "O_DIRECTORY"):
        fd = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def recover(journal: Journal, folder: Path) -> list[str]:
    """Finish or undo what a crash interrupted (see the module docstring)."""
    notes: list[str] = []
    db = journal.connection
    writing = db.execute("SELECT id, file_name FROM exports WHERE state = 'writing'").fetchall()
    for row in writing:
        final, tmp = folder / row["file_name"], folder / (row["file_name"] + ".tmp")
        if tmp.exists():
            os.replace(tmp, final)
        if final.exists():
            with journal.write_transaction("finish an interrupted export") as tx:
                tx.execute("UPDATE exports SET state = 'ready' WHERE id = ?", (row["id"],))
            notes.append(f"finished interrupted export {row['file_name']}")
        else:
            notes.append(f"export file {row['file_name']} is missing although its entries are marked exported: "
                         "restore it from backup or ask IT")
    listed = {row[0] for row in db.execute("SELECT file_name FROM exports")}
    if folder.exists():
        for tmp in folder.glob("*.xml.tmp"):
            if tmp.name[:-4] not in listed:
                tmp.unlink()  # written before a crash, never committed: its entries are still queued
                notes.append(f"removed unfinished {tmp.name}; its entries are still in the queue")
    return notes


class _Stopped(Exception):
    """Asked to stop while a file was being written."""


class _Namer:
    """File names in the order files are written: a name the manifest already has takes the next sequence
    number (two exports within one second would name their files alike)."""

    def __init__(self, journal: Journal, stamp: str, store: str, till: str) -> None:
        self.taken = {row[0] for row in journal.connection.execute("SELECT file_name FROM exports")}
        self.stamp, self.store, self.till = stamp, store, till
        self.counters: dict[str, int] = defaultdict(int)

    def __call__(self, kind: str) -> str:
        name = ""
        while not name or name in self.taken:
            self.counters[kind] += 1
            sequence = "" if self.counters[kind] == 1 else f"-{self.counters[kind]}"
            name = f"{self.stamp}_{self.store}-{self.till}{sequence}_{kind}.xml"
        self.taken.add(name)
        return name


@dataclass
class _Written:
    """A file written as name.tmp (fsynced), with the entries it carries and its checksum."""

    kind: str
    name: str
    entry_ids: list[int]
    sha256: str


def _write_whole(folder: Path, planned: _PlannedFile) -> _Written:
    with open(folder / (planned.name + ".tmp"), "wb") as handle:
        handle.write(planned.content)
        handle.flush()
        os.fsync(handle.fileno())
    return _Written(planned.kind, planned.name, planned.entry_ids, hashlib.sha256(planned.content).hexdigest())


def _write_receipts(journal: Journal, folder: Path, group: list[tuple[int, list[int]]], *, name: Callable[[str], str],
                    max_per_file: int, result: ExportResult, step: Callable[[], None],
                    wrote: Callable[[list[_Written]], None]) -> None:
    """One matchKeyType's receipts, max_per_file to a file, written as they are read: RECEIPTS_AT_ONCE payloads
    at a time, each record serialised as it stands in its document. A receipt that cannot be written stays in the
    queue (skipped); each file is checked against the XSD as written and then told to ``wrote``. ``step`` runs
    before each record (it raises to stop)."""
    handle, digest, ids, current = None, None, [], ""
    tail = b""

    def close() -> None:
        nonlocal handle
        if handle is None:
            return
        handle.write(tail)
        digest.update(tail)
        handle.flush()
        os.fsync(handle.fileno())
        handle.close()
        handle = None
        xml_export.check_file(folder / (current + ".tmp"), "transactions")
        wrote([_Written("transactions", current, list(ids), digest.hexdigest())])

    try:
        records = 0
        for start in range(0, len(group), RECEIPTS_AT_ONCE):
            chunk = group[start:start + RECEIPTS_AT_ONCE]
            companions_of = dict(chunk)
            for entry in _full(journal, [receipt_id for receipt_id, _ in chunk]):
                companions = companions_of[entry.id]
                step()
                receipt = (entry.payload or {}).get("receipt") or {}
                try:
                    head, body, tail = xml_export.document_parts(xml_export.transaction_fragment(receipt))
                except (xml_export.NotExportable, KeyError, TypeError) as problem:
                    result.skipped.append((entry.id, f"cannot be written as XML: {problem}"))
                    continue
                if handle is None:
                    current = name("transactions")
                    handle = open(folder / (current + ".tmp"), "wb")  # noqa: SIM115 - closed by close()
                    digest, ids, records = hashlib.sha256(head), [], 0
                    handle.write(head)
                handle.write(body)
                digest.update(body)
                ids += [entry.id, *companions]
                records += 1
                if records >= max_per_file:
                    close()
        close()
    finally:
        if handle is not None:
            handle.close()


def export_queue(journal: Journal, folder: Path, *, store: str, till: str, actor: str, reason: str = "",
                 clock: Callable[[], float] = time.time,
                 max_per_file: int = xml_export.MAX_RECORDS_PER_FILE,
                 progress: Callable[[int, int], None] | None = None,
                 should_stop: Callable[[], bool] | None = None,
                 only: set[int] | None = None,
                 verified: Collection[int] = (),
                 held: Mapping[int, str] | None = None,
                 said: Mapping[str, str] | None = None,
                 _after_write: Callable[[], None] | None = None) -> ExportResult:
    """Export every queued entry that has a file form, except those whose last attempt may have reached Engage
    and that Engage was not asked about (``verified``: asked, not done; see ``check_unknown_outcomes``).
    Each exported entry gets an audit row naming ``actor``, with ``reason``; ``said``: the code of a reason the
    till gave itself, kept in those rows' detail so that it is shown in the reader's language
    (core/office/audit_reasons).
    ``progress(done, total)`` counts entries; ``should_stop`` is asked between records and between files, and
    a stop before the one commit leaves every entry queued and no file behind. ``_after_write`` is a test seam: it
    runs after the files are written and before the manifest commits (where a crash is most dangerous)."""
    folder = Path(folder)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise storage_error(exc, f"create the export folder {folder}") from exc
    recovered = recover(journal, folder)
    stamp = time.strftime("%Y%m%d%H%M%S", time.localtime(clock()))
    planned, result = plan(journal, max_per_file=max_per_file, only=only, verified=verified, held=held)
    result.recovered = recovered
    if not planned.entries:
        return result
    name = _Namer(journal, stamp, store, till)
    files = len(planned.contacts) + len(planned.orders) + sum(-(-len(group) // max_per_file)
                                                              for group in planned.receipts.values())
    written: list[_Written] = []

    def step() -> None:
        if should_stop and should_stop():  # before the commit: stopping is always clean
            raise _Stopped

    def wrote(more: list[_Written]) -> None:
        written.extend(more)
        if progress and more:
            progress(len(written), max(files, len(written)))

    try:
        for whole in planned.contacts:
            step()
            whole.name = name(whole.kind)
            wrote([_write_whole(folder, whole)])
        for group in planned.receipts.values():
            _write_receipts(journal, folder, group, name=name, max_per_file=max_per_file, result=result,
                            step=step, wrote=wrote)
        for whole in planned.orders:
            step()
            whole.name = name(whole.kind)
            wrote([_write_whole(folder, whole)])
        step()
        _fsync_dir(folder)
    except _Stopped:
        _remove_unfinished(folder, name.taken)
        result.stopped = True
        return result
    except OSError as exc:
        _remove_unfinished(folder, name.taken)
        raise storage_error(exc, "write the export files") from exc
    except BaseException:
        _remove_unfinished(folder, name.taken)
        raise
    if not written:
        return result
    if _after_write:
        _after_write()
    now = clock()
    with journal.write_transaction("record the export") as db:
        for file in written:
            db.execute("INSERT INTO exports (file_name, file_kind, state, entry_count, sha256, created_at) "
                       "VALUES (?, ?, 'writing', ?, ?, ?)", (file.name, file.kind, len(file.entry_ids), file.sha256,
                                                             now))
            for entry_id in file.entry_ids:
                changed = db.execute(
                    "UPDATE entries SET status = 'exported', channel = 'file', export_file = ?, updated_at = ? "
                    "WHERE id = ? AND status IN ('pending', 'waiting_retry')", (file.name, now, entry_id)).rowcount
                if not changed:  # claimed for delivery meanwhile: never both
                    raise JournalError(f"entry {entry_id} changed while it was being exported; export again")
        # One row per entry, as a retry or a resolve writes: each exported entry's history names the export, its
        # file and who approved it (one row for the whole export, without an entry, left each entry's "no manager
        # action yet"). Its detail: the file, and the till's own reason's code (core/office/audit_reasons), if any.
        db.executemany("INSERT INTO audit (at, entry_id, action, actor, till, reason, detail) "
                       "VALUES (?, ?, 'export', ?, ?, ?, ?)",
                       ((now, entry_id, actor, till, reason, json.dumps({"file": file.name, **(said or {})}))
                        for file in written for entry_id in file.entry_ids))
    for file in written:
        os.replace(folder / (file.name + ".tmp"), folder / file.name)
    _fsync_dir(folder)
    with journal.write_transaction("finish the export") as db:
        db.executemany("UPDATE exports SET state = 'ready' WHERE file_name = ?", [(f.name,) for f in written])
    result.files = [folder / f.name for f in written]
    result.exported = sum(len(f.entry_ids) for f in written)
    return result


def _remove_unfinished(folder: Path, names: Collection[str]) -> None:
    """The .tmp files of an export that will not commit (a name already in the manifest has no .tmp here)."""
    for file_name in names:
        (folder / (file_name + ".tmp")).unlink(missing_ok=True)


