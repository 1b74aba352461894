"""What an export takes out of the queue: the selection and the plan of files, decided before anything is written.

Separate from the writing (exporter.py) because it is the export's one set of rules: which queued entries have a
file form, which wait for a contact or a redemption, which are held back because their last attempt may have
reached Engage (``check_first``), and how they group into files. It reads only what it decides on (ids, kinds,
states, dependencies and each receipt's matchKeyType, by json_extract), never a receipt's payload: the receipts
are planned as ids, to be streamed record by record by the writer.

An entry whose last attempt may have reached Engage is never exported blind (see ask_first.py): ``plan`` holds it
back with the reason unless it was asked about and found not done (``verified``). A redemption held back keeps its
sale's receipt back too (the receipt's file would carry the redemption).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pos_engage.core import texts
from pos_engage.core.export import xml_export
from pos_engage.core.journal.entry import EntryKind, EntryStatus, JournalEntry
from pos_engage.core.journal.store import Journal

QUEUED = (EntryStatus.PENDING, EntryStatus.WAITING_RETRY)
FILE_KINDS = (EntryKind.REGISTER_CONTACT, EntryKind.UPDATE_CONTACT, EntryKind.RECEIPT, EntryKind.ORDER_CREATE,
              EntryKind.ORDER_UPDATE)
ORDER_WRITES = (EntryKind.ORDER_CREATE, EntryKind.ORDER_UPDATE)
# Order emails (actions, v2 events) have no file form: they stay queued and go by API once Engage answers
# (an action whose order went by file asks Engage for the imported order's versionTag first).
# Redemptions have no file form: they travel as usedPromotions/usedBonusChecks of their sale's receipt.
SALE_COMPANIONS = (EntryKind.REDEEM_PROMOTION, EntryKind.REDEEM_VOUCHER)
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
        exported, files = entries_counted(self.exported), files_counted(len(self.files))
        if self.skipped:
            return texts.tr("{exported} exported in {files}; {stay} left in the queue", exported=exported,
                            files=files, stay=len(self.skipped))
        return texts.tr("{exported} exported in {files}", exported=exported, files=files)


# Counted words, singular or plural as the count asks ("1 file", "3 files"; Swedish "1 fil", "3 filer"): each form
# whole for the translator, chosen here by the rule English and Swedish share (one, or any other count). Core's
# texts have no Qt plural forms (%n); the sentences around them are worded to need no agreement with the count
# ("left in the queue"; Swedish "exporterades", "laddades upp").
def entries_counted(count: int) -> texts.Text:
    return texts.tr("1 entry") if count == 1 else texts.tr("{count} entries", count=count)


def files_counted(count: int) -> texts.Text:
    return texts.tr("1 file") if count == 1 else texts.tr("{count} files", count=count)


@dataclass
class _PlannedFile:
    """One file an export is about to write, with the entries it carries."""

    kind: str                      # contacts | transactions | orders
    entry_ids: list[int]
    content: bytes
    name: str = ""


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
    from pos_engage.core.journal.delivery import CannotDeliver
    from pos_engage.core.journal.dispatch import prepared_payload

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
