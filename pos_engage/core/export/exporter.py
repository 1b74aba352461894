"""Exporting the queue to Engage import files, so an entry goes by API or by file, never both.

Order of work, and what a crash at each point leaves behind:

1. each file is written as ``name.tmp`` and fsynced     -> crash: an orphan .tmp; the entries are still queued
2. ONE transaction records the manifest rows ("writing") and marks the entries exported
                                                         -> crash before commit: as 1; after: the rows say so
3. each .tmp is renamed to its final name, then "ready"  -> crash: recovery finishes the rename

``recover`` (run before every export and upload) deletes orphan .tmp files and finishes interrupted renames,
so a file either is in the manifest with its entries exported, or does not exist.

An entry whose last attempt may have reached Engage (``check_first``: a lost answer, a delivery interrupted) is
never exported blind: ``check_unknown_outcomes`` asks Engage first (``dispatch.check_done``, as the replayer
would before a resend). Found done, it is delivered and not exported; not done, it may go by file; Engage cannot
be asked (down, another process delivering), it stays in the queue with the reason. ``export_queue`` on its own
holds every such entry back, with that reason. A redemption held back keeps its sale's receipt back too (the
receipt's file would carry the redemption).

Receipts stream: the selection reads only what it decides on (ids, kinds, states, dependencies and each receipt's
matchKeyType, by json_extract), never a payload; each transactions file is then written record by record from
the journal, RECEIPTS_AT_ONCE payloads at a time, and checked against its XSD by iterparse as it stands on disk.
Memory stays bounded by the number of queued entries (a few hundred bytes each for the selection), not by their
payloads: 100,000 receipts export within EXPORT_MEMORY_BOUND (docs/scale.md has the figures). The bytes are
those the whole-document writer gave (xml_export.document_parts: each record serialised as it stands in its
document). ``should_stop`` is asked between records as well as between files, and ``progress`` counts entries.
"""

from __future__ import annotations

import contextlib
import hashlib
import logging
import os
import time
from collections import defaultdict
from collections.abc import Callable, Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pos_engage.core import texts
from pos_engage.core.errors import EngageConflict, PosEngageError
from pos_engage.core.export import xml_export
from pos_engage.core.journal.entry import EntryKind, EntryStatus, JournalEntry
from pos_engage.core.journal.errors import JournalError, storage_error
from pos_engage.core.journal.store import Journal, Settlement

if TYPE_CHECKING:
    from pos_engage.core.engage.client import EngageClient
    from pos_engage.core.journal.lease import DeliveryLease

log = logging.getLogger(__name__)

QUEUED = (EntryStatus.PENDING, EntryStatus.WAITING_RETRY)
FILE_KINDS = (EntryKind.REGISTER_CONTACT, EntryKind.UPDATE_CONTACT, EntryKind.RECEIPT, EntryKind.ORDER_CREATE,
              EntryKind.ORDER_UPDATE)
ORDER_WRITES = (EntryKind.ORDER_CREATE, EntryKind.ORDER_UPDATE)
# Order emails (actions, v2 events) have no file form: they stay queued and go by API once Engage answers
# (an action whose order went by file asks Engage for the imported order's versionTag first).
# Redemptions have no file form: they travel as usedPromotions/usedBonusChecks of their sale's receipt.
SALE_COMPANIONS = (EntryKind.REDEEM_PROMOTION, EntryKind.REDEEM_VOUCHER)
# Receipt payloads read from the journal at a time while a file is written.
RECEIPTS_AT_ONCE = 500
# What 100,000 queued receipts may take (tracemalloc's peak, Python's allocations) while exported: the selection's
# few hundred bytes per entry and the manifest's ids, not the payloads (tests/core/export/test_export_stream.py).
EXPORT_MEMORY_BOUND = 64 * 1024 * 1024
NOT_CHECKED = texts.tr("its last attempt may have reached Engage: it goes by file only once Engage has been asked "
                       "whether it took effect (export again when Engage answers)")


@dataclass
class ExportResult:
    """What an export wrote, how many entries it took out of the queue, and what stayed and why."""

    files: list[Path] = field(default_factory=list)
    exported: int = 0
    skipped: list[tuple[int, str]] = field(default_factory=list)   # entry id, why it stays in the queue
    recovered: list[str] = field(default_factory=list)
    stopped: bool = False                                            # asked to stop: nothing was exported
    found_delivered: list[int] = field(default_factory=list)        # asked first: Engage had them; not exported

    def summary(self) -> str:
        if self.stopped:
            return texts.tr("Export stopped before anything was committed: every entry is still in the queue")
        if self.skipped:
            return texts.tr("{exported} entries exported in {files} file(s); {stay} stay in the queue",
                            exported=self.exported, files=len(self.files), stay=len(self.skipped))
        return texts.tr("{exported} entries exported in {files} file(s)", exported=self.exported,
                        files=len(self.files))


@dataclass
class _PlannedFile:
    """One file an export is about to write, with the entries it carries."""

    kind: str                      # contacts | transactions | orders
    entry_ids: list[int]
    content: bytes
    name: str = ""


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


class _Queued:
    """What the selection decides on about a queued entry, without its payload (a few hundred bytes)."""

    __slots__ = ("check_first", "depends_on", "id", "key_type", "kind", "sale_id", "status")

    def __init__(self, row: tuple) -> None:
        self.id, kind, status, self.depends_on, self.sale_id, check_first, self.key_type = row
        self.kind, self.status, self.check_first = EntryKind(kind), EntryStatus(status), bool(check_first)


def _queued(journal: Journal) -> list[_Queued]:
    """Every queued entry with a file form, oldest first, read without payloads."""
    kinds = [kind.value for kind in FILE_KINDS + SALE_COMPANIONS]
    rows = journal.connection.execute(
        "SELECT id, kind, status, depends_on, sale_id, check_first, "
        "CASE WHEN kind = 'receipt' THEN json_extract(payload, '$.receipt.contact.matchKeyType') END "
        "FROM entries WHERE status IN ('pending', 'waiting_retry') AND kind IN (?, ?, ?, ?, ?, ?, ?) ORDER BY id",
        kinds)
    return [_Queued(row) for row in rows]


def _full(journal: Journal, ids: list[int]) -> list[JournalEntry]:
    """The entries with these ids, payloads and all, in this order (read a few hundred at a time)."""
    return journal._rows_by_id(ids)


def _select(journal: Journal, only: set[int] | None = None, held: Mapping[int, str] | None = None,
            result: ExportResult | None = None) -> tuple[list[_Queued], list[_Queued]]:
    """Queued entries that have a file form (all, or the ``only`` ones), and the redemptions that travel with
    their receipts. ``held``: entries that stay in the queue (with why), and with them what depends on them."""
    held = held or {}
    skipped = result.skipped if result is not None else []
    candidates = _queued(journal)
    if only is not None:
        chosen_sales = {e.sale_id for e in candidates if e.id in only and e.sale_id}
        candidates = [e for e in candidates
                      if e.id in only or (e.kind in SALE_COMPANIONS and e.sale_id in chosen_sales)]
    for entry in candidates:
        if entry.id in held:
            skipped.append((entry.id, held[entry.id]))
    # A receipt carries its sale's redemptions: one of them held back keeps the receipt back too.
    held_sales = {e.sale_id: e.id for e in candidates if e.id in held and e.kind in SALE_COMPANIONS and e.sale_id}
    by_id = {e.id: e for e in candidates if e.id not in held}
    chosen, companions = [], []
    for entry in candidates:
        if entry.kind in SALE_COMPANIONS or entry.id in held:
            continue
        if entry.kind is EntryKind.RECEIPT and entry.sale_id in held_sales:
            skipped.append((entry.id, texts.tr("waits for its sale's redemption (entry {entry}): {why}",
                                               entry=held_sales[entry.sale_id],
                                               why=held[held_sales[entry.sale_id]])))
            continue
        if entry.depends_on is not None:
            if entry.depends_on in held:
                skipped.append((entry.id, texts.tr("waits for entry {entry}: {why}", entry=entry.depends_on,
                                                   why=held[entry.depends_on])))
                continue
            dependency = by_id.get(entry.depends_on) or journal.get(entry.depends_on)
            # A receipt may only go with its contact: in the same export, or already in Engage.
            if dependency.id not in by_id and dependency.status not in (EntryStatus.DELIVERED, EntryStatus.EXPORTED):
                continue
            if entry.kind is EntryKind.UPDATE_CONTACT and dependency.status is not EntryStatus.DELIVERED \
                    and dependency.id not in by_id:
                continue
        chosen.append(entry)
    sales = {e.sale_id for e in chosen if e.kind is EntryKind.RECEIPT and e.sale_id}
    companions = [e for e in by_id.values() if e.kind in SALE_COMPANIONS and e.sale_id in sales]
    return chosen, companions


def _held_back(journal: Journal, verified: Collection[int], held: Mapping[int, str] | None) -> dict[int, str]:
    """What stays in the queue: the entries named in ``held``, and every entry whose last attempt may have
    reached Engage and that was not found undone by asking it (``verified``)."""
    reasons = {e.id: NOT_CHECKED for e in _queued(journal) if e.check_first and e.id not in verified}
    reasons.update(held or {})
    return reasons


def _contact_records(entries: list[JournalEntry], journal: Journal,
                     result: ExportResult) -> list[tuple[list[int], dict[str, Any], str | None]]:
    """(entry ids, body, contact id) per contact element; updates of a registration in the same export are
    folded into it (it alone carries the key)."""
    registrations = {e.id: e for e in entries if e.kind is EntryKind.REGISTER_CONTACT}
    folded: dict[int, list[JournalEntry]] = defaultdict(list)
    records = []
    for entry in entries:
        payload = entry.payload or {}
        if entry.kind is EntryKind.UPDATE_CONTACT:
            if entry.depends_on in registrations:
                folded[entry.depends_on].append(entry)
                continue
            contact_id = payload.get("contactId")
            if not contact_id and entry.depends_on:
                dependency = journal.get(entry.depends_on)
                contact_id = (dependency.result or {}).get("contactId")
            if not contact_id:
                result.skipped.append((entry.id, "an update without a known contact id cannot go by file"))
                continue
            records.append(([entry.id], dict(payload["changes"]), contact_id))
    for registration in registrations.values():
        body = dict(registration.payload["contact"])
        ids = [registration.id]
        for update in folded[registration.id]:
            body.update(update.payload["changes"])
            ids.append(update.id)
        records.append((ids, body, None))
    return records


def _order_files(journal: Journal, writes: list[JournalEntry], exported_contacts: set[int], result: ExportResult,
                 max_per_file: int) -> list[_PlannedFile]:
    """One <order> per order, its latest queued version (a v3 order is replaced whole): every queued version of
    it is marked exported with that file, so none of them is also sent by API."""
    from pos_engage.core.journal.dispatch import CannotDeliver, prepared_payload

    versions: dict[str, list[JournalEntry]] = defaultdict(list)
    for entry in writes:
        dependency = journal.get(entry.depends_on) if entry.depends_on is not None else None
        if dependency is not None and entry.depends_on not in exported_contacts \
                and dependency.status is not EntryStatus.DELIVERED:
            result.skipped.append((entry.id, "its customer's registration could not be exported"))
            continue
        versions[str(((entry.payload or {}).get("order") or {}).get("orderId"))].append(entry)
    fragments: list[tuple[list[int], Any]] = []
    for order_id in sorted(versions):
        latest = max(versions[order_id], key=lambda e: e.id)
        dependency = journal.get(latest.depends_on) if latest.depends_on is not None else None
        try:  # after a delivered registration, the order names the contact id it got
            body = prepared_payload(latest, dependency)["order"]
            fragments.append(([e.id for e in versions[order_id]], xml_export.order_fragment(body)))
        except (xml_export.NotExportable, CannotDeliver, KeyError, TypeError) as problem:
            result.skipped.extend((e.id, f"cannot be written as XML: {problem}") for e in versions[order_id])
    files = []
    for start in range(0, len(fragments), max_per_file):
        chunk = fragments[start:start + max_per_file]
        content = xml_export.serialise(xml_export.orders_document(f for _, f in chunk), "orders")
        files.append(_PlannedFile("orders", [i for ids, _ in chunk for i in ids], content))
    return files


@dataclass
class _Plan:
    """What an export will write: contacts and orders built whole (few), receipts as ids to stream per
    matchKeyType, each with the redemptions its file carries."""

    contacts: list[_PlannedFile] = field(default_factory=list)
    receipts: dict[str, list[tuple[int, list[int]]]] = field(default_factory=dict)
    orders: list[_PlannedFile] = field(default_factory=list)

    @property
    def entries(self) -> int:
        return (sum(len(f.entry_ids) for f in self.contacts + self.orders)
                + sum(len(group) for group in self.receipts.values()))


def plan(journal: Journal, *, max_per_file: int = xml_export.MAX_RECORDS_PER_FILE,
         only: set[int] | None = None, verified: Collection[int] = (),
         held: Mapping[int, str] | None = None) -> tuple[_Plan, ExportResult]:
    """Decide what goes: contacts first (built whole), then the receipts per matchKeyType (ids only: written
    record by record), then orders. Entries whose outcome is unknown go only when ``verified`` (asked, not done);
    ``held`` ones stay, with why."""
    result = ExportResult()
    planned = _Plan()
    chosen, companions = _select(journal, only, _held_back(journal, verified, held), result)
    contact_entries = _full(journal, [e.id for e in chosen
                                      if e.kind in (EntryKind.REGISTER_CONTACT, EntryKind.UPDATE_CONTACT)])
    records = []
    for ids, body, contact_id in _contact_records(contact_entries, journal, result):
        try:
            probe = xml_export.contacts_document([(body, contact_id)])  # alone first: a bad one fails alone
            xml_export.serialise(probe, "contacts")
        except (xml_export.NotExportable, ValueError) as problem:
            result.skipped.extend((i, str(problem)) for i in ids)
            continue
        records.append((ids, body, contact_id))
    exported_contacts = {i for ids, _, _ in records for i in ids}
    for start in range(0, len(records), max_per_file):
        chunk = records[start:start + max_per_file]
        root = xml_export.contacts_document((body, contact_id) for _, body, contact_id in chunk)
        planned.contacts.append(_PlannedFile("contacts", [i for ids, _, _ in chunk for i in ids],
                                             xml_export.serialise(root, "contacts")))

    companion_ids: dict[str, list[int]] = defaultdict(list)
    for companion in companions:
        companion_ids[companion.sale_id].append(companion.id)
    groups: dict[str, list[tuple[int, list[int]]]] = defaultdict(list)
    for entry in chosen:
        if entry.kind is not EntryKind.RECEIPT:
            continue
        if entry.depends_on is not None and entry.depends_on not in exported_contacts \
                and journal.get(entry.depends_on).status is not EntryStatus.DELIVERED:
            result.skipped.append((entry.id, "its customer's registration could not be exported"))
            continue
        # Voyado imports one matchKeyType per transactions file.
        groups[str(entry.key_type).lower()].append((entry.id, companion_ids.get(entry.sale_id or "", [])))
    planned.receipts = {key_type: groups[key_type] for key_type in sorted(groups)}

    writes = _full(journal, [e.id for e in chosen if e.kind in ORDER_WRITES])
    planned.orders = _order_files(journal, writes, exported_contacts, result, max_per_file)
    return planned, result


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
                 _after_write: Callable[[], None] | None = None) -> ExportResult:
    """Export every queued entry that has a file form, except those whose last attempt may have reached Engage
    and that Engage was not asked about (``verified``: asked, not done; see ``check_unknown_outcomes``).
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
        db.execute("INSERT INTO audit (at, action, actor, till, reason, detail) VALUES (?, 'export', ?, ?, ?, ?)",
                   (now, actor, till, reason, ", ".join(f.name for f in written)))
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


@dataclass
class Checked:
    """What asking Engage about the entries with an unknown outcome found."""

    delivered: list[int] = field(default_factory=list)   # Engage had it: delivered, never exported
    verified: set[int] = field(default_factory=set)      # Engage did not have it: it may go by file
    held: dict[int, str] = field(default_factory=dict)   # not known: stays in the queue, with why


async def check_unknown_outcomes(journal: Journal, client: EngageClient | None, lease: DeliveryLease | None, *,
                                 only: set[int] | None = None, rate_per_second: float | None = None) -> Checked:
    """Before an export: ask Engage about each queued entry whose last attempt may have reached it.

    Only the holder of the journal's delivery lease asks (the entry is claimed while it is asked, as the replayer
    would claim it): without the lease, or with Engage not answering, the entries stay in the queue with the
    reason. Each request waits for the rate limit like the replayer's."""
    from pos_engage.core.journal import dispatch
    from pos_engage.core.journal.lease import LeaseLost
    from pos_engage.core.journal.rate import RequestWindow

    checked = Checked()
    unknown = _unknown_outcomes(journal, only)
    if not unknown:
        return checked
    if client is None or lease is None or not lease.acquire():
        why = lease.refusal() if lease is not None else texts.tr("Engage cannot be asked from here")
        checked.held = {e.id: texts.tr("{reason} ({why})", reason=NOT_CHECKED, why=why) for e in unknown}
        return checked
    unknown = _unknown_outcomes(journal, only)  # taking the lease over may have recovered more
    bucket = RequestWindow(rate_per_second)

    async def pace() -> None:
        await bucket.acquire()
        lease.ensure()

    engage = client.for_background(pacer=pace)
    for entry in unknown:
        if not dispatch.can_be_asked(entry.kind):
            # A receipt (or an update) Engage may have taken cannot be asked about: it goes again by API, where
            # Engage drops a repeat, never also by file.
            checked.held[entry.id] = texts.tr("its last attempt may have reached Engage, which cannot be asked "
                                              "about it: it is sent again by API when Engage answers (Engage drops "
                                              "a repeat), never also by file")
            continue
        if not _claim(journal, entry.id, lease):
            continue  # taken for delivery meanwhile: the export leaves it alone
        try:
            found = await dispatch.check_done(engage, entry)
        except LeaseLost as lost:
            checked.held[entry.id] = texts.tr("{reason} ({why})", reason=NOT_CHECKED, why=str(lost))
            break  # the deliverer that took over recovers it
        except EngageConflict as conflict:  # Engage's answer settles it: a person decides, neither channel sends it
            journal.settle([Settlement(entry.id, EntryStatus.CONFLICT, error_code=conflict.code,
                                       error=conflict.describe())], guard=lease.guard, strict=False)
            checked.held[entry.id] = texts.tr("a conflict for the manager: {why}", why=conflict.describe())
            continue
        except PosEngageError as problem:
            checked.held[entry.id] = texts.tr("its last attempt may have reached Engage, and asking Engage failed "
                                              "({problem}): it stays in the queue", problem=_words(problem))
            _put_back(journal, entry.id, lease)
            continue
        except BaseException:
            _put_back(journal, entry.id, lease)
            raise
        if found is dispatch.NOT_DONE:
            checked.verified.add(entry.id)
            _put_back(journal, entry.id, lease)
            continue
        try:
            journal.settle([Settlement(entry.id, EntryStatus.DELIVERED, result=found or None)], guard=lease.guard,
                           strict=False)
        except LeaseLost as lost:
            checked.held[entry.id] = texts.tr("{reason} ({why})", reason=NOT_CHECKED, why=str(lost))
            break
        if entry.kind is EntryKind.REGISTER_CONTACT and found and found.get("contactId"):
            journal.cache_contact(dispatch.key_of_registration(entry), found["contactId"])
        checked.delivered.append(entry.id)
        log.info("export: entry %d had reached Engage (found done); delivered, not exported", entry.id)
    for entry in unknown:
        if entry.id not in checked.verified and entry.id not in checked.delivered:
            checked.held.setdefault(entry.id, NOT_CHECKED)
    return checked


def _unknown_outcomes(journal: Journal, only: set[int] | None) -> list[JournalEntry]:
    queued = _queued(journal)
    if only is not None:
        sales = {e.sale_id for e in queued if e.id in only and e.sale_id}
        queued = [e for e in queued if e.id in only or (e.kind in SALE_COMPANIONS and e.sale_id in sales)]
    return _full(journal, [e.id for e in queued if e.check_first])


def _claim(journal: Journal, entry_id: int, lease: DeliveryLease) -> bool:
    with journal.write_transaction("take an entry to check it with Engage") as db:
        lease.guard(db)
        return bool(db.execute("UPDATE entries SET status = 'in_flight', updated_at = ? WHERE id = ? AND status IN "
                               "('pending', 'waiting_retry')", (journal.clock(), entry_id)).rowcount)


def _put_back(journal: Journal, entry_id: int, lease: DeliveryLease) -> None:
    """Back in the queue as it was: still to be checked before any resend."""
    from pos_engage.core.journal.lease import LeaseLost

    with contextlib.suppress(LeaseLost):  # lost: the deliverer that took over recovers it
        journal.settle([Settlement(entry_id, EntryStatus.PENDING, check_first=True, count_attempt=False)],
                       guard=lease.guard, strict=False)


def _words(problem: PosEngageError) -> str:
    describe = getattr(problem, "describe", None)
    return describe() if callable(describe) else str(problem)


async def export_checked(journal: Journal, folder: Path, client: EngageClient | None,
                         lease: DeliveryLease | None, *,
                         store: str, till: str, actor: str, reason: str = "", rate_per_second: float | None = None,
                         only: set[int] | None = None, **options: Any) -> ExportResult:
    """Ask Engage about the entries with an unknown outcome, then export: what Engage had is delivered, never
    exported; what it could not be asked about stays in the queue with the reason."""
    checked = await check_unknown_outcomes(journal, client, lease, only=only, rate_per_second=rate_per_second)
    result = export_queue(journal, folder, store=store, till=till, actor=actor, reason=reason, only=only,
                          verified=checked.verified, held=checked.held, **options)
    result.found_delivered = checked.delivered
    return result
