"""What this till holds about a person, and erasing it (GDPR articles 15 and 17), for ``pos-engage gdpr``.

A person is named by an email address, a mobile number and/or a personal number (the personnummer a registration
at the till may carry, or she was looked up by). The till holds personal data in a few places, each
searched here: journal entries (the payload Engage gets, its result, the last error) and their attempts, the
orders table, the contacts cache (keyed by a salted hash of the email or mobile, so found by hashing, never by
reading), the export files in ``exports/``, and any other copy of the journal in the data folder (a migration's
backup, a damaged journal set aside). The audit log never holds personal data in clear (keys are masked there)
and is append-only, so it is read but never changed.

Forgetting erases what has reached its end: entries delivered, exported or resolved, uploaded export files,
backups. What is still on its way to Engage (an undelivered entry, an export file not uploaded yet) cannot be
erased without losing the sale or the registration: it is named, remembered, and erased by
:func:`complete_pending` once it has arrived (the till calls that at every start and with ``journal prune``).
Every extract and forget is audited with the person asking (masked) and who ran it.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pos_engage.core.domain import ContactKey
from pos_engage.core.errors import InputError
from pos_engage.core.journal.entry import EntryStatus
from pos_engage.core.journal.store import Journal

FINISHED = (EntryStatus.DELIVERED.value, EntryStatus.EXPORTED.value, EntryStatus.RESOLVED.value)
PENDING_PREFIX = "gdpr-forget:"
PENDING_ORDER_PREFIX = "gdpr-forget-order:"
_OPEN_IN_LANE = ("SELECT id FROM entries WHERE status NOT IN ('delivered', 'exported', 'resolved') AND "
                 "(lane = ? OR lane = ?)")


@dataclass(frozen=True)
class Person:
    """The keys a person gave (normalised as the till stores them) and the texts searched for."""

    keys: tuple[ContactKey, ...]

    @classmethod
    def of(cls, *, email: str | None = None, mobile: str | None = None, personal_number: str | None = None,
           default_country_code: str = "+46") -> Person:
        keys = []
        if email:
            keys.append(ContactKey.email(email))
        if mobile:
            keys.append(ContactKey.mobile(mobile, default_country_code))
        if personal_number:   # in its normal form (12 digits), as a registration's payload and the cache hold it
            keys.append(ContactKey.social_security_number(personal_number))
        if not keys:
            raise InputError("name the person by --email, --mobile or --personal-number (or several)")
        return cls(tuple(keys))

    @property
    def needles(self) -> tuple[str, ...]:
        return tuple(key.value.lower() for key in self.keys)

    def masked(self) -> str:
        return ", ".join(key.masked() for key in self.keys)

    def found_in(self, text: str | None) -> bool:
        return bool(text) and any(needle in text.lower() for needle in self.needles)


@dataclass
class Findings:
    """Everything found about one person, place by place (JSON for ``gdpr extract``)."""

    person: str
    contact_ids: list[str] = field(default_factory=list)
    entries: list[dict[str, Any]] = field(default_factory=list)
    orders: list[dict[str, Any]] = field(default_factory=list)
    cached_keys: int = 0
    export_files: list[str] = field(default_factory=list)
    other_copies: list[str] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {"person": self.person, "contact_ids": self.contact_ids, "journal_entries": self.entries,
                "orders": self.orders, "contacts_cache_rows": self.cached_keys, "export_files": self.export_files,
                "other_journal_copies": self.other_copies}


@dataclass
class ForgetReport:
    """What was erased, and what waits until it has reached Engage."""

    erased_entries: int = 0
    erased_orders: int = 0
    erased_cache_rows: int = 0
    deleted_files: list[str] = field(default_factory=list)
    waiting_entries: list[int] = field(default_factory=list)
    waiting_files: list[str] = field(default_factory=list)
    not_erasable: list[str] = field(default_factory=list)

    def summary(self) -> str:
        parts = [f"{self.erased_entries} journal entries, {self.erased_orders} orders, "
                 f"{self.erased_cache_rows} cached keys and {len(self.deleted_files)} files erased"]
        if self.waiting_entries or self.waiting_files:
            parts.append(f"{len(self.waiting_entries)} entries and {len(self.waiting_files)} export files are still "
                         "on their way to Engage: they are erased once delivered (the till checks at every start)")
        if self.not_erasable:
            parts.append("could not be erased (IT must delete them by hand): " + ", ".join(self.not_erasable))
        return "; ".join(parts)


def _contact_ids(journal: Journal, person: Person) -> list[str]:
    """The Engage contact ids this till links to the person: from the cache (by hashed key) and from the
    results of registrations that carried one of the person's keys."""
    found = {cid for key in person.keys if (cid := journal.cached_contact(key))}
    for row in journal.connection.execute(
            "SELECT payload, result FROM entries WHERE kind = 'register_contact' AND payload IS NOT NULL"):
        if person.found_in(row["payload"]) and row["result"]:
            contact_id = (json.loads(row["result"]) or {}).get("contactId")
            if contact_id:
                found.add(contact_id)
    return sorted(found)


def _matching_entries(db: sqlite3.Connection, person: Person, contact_ids: list[str]) -> list[sqlite3.Row]:
    rows = []
    for row in db.execute("SELECT id, kind, status, payload, result, last_error FROM entries "
                          "WHERE payload IS NOT NULL OR result IS NOT NULL OR last_error IS NOT NULL"):
        texts = " ".join(value for value in (row["payload"], row["result"], row["last_error"]) if value)
        if person.found_in(texts) or any(contact_id in texts for contact_id in contact_ids):
            rows.append(row)
    attempt_ids = {r["entry_id"] for r in db.execute("SELECT entry_id, error FROM attempts WHERE error IS NOT NULL")
                   if person.found_in(r["error"])}
    known = {row["id"] for row in rows}
    for entry_id in sorted(attempt_ids - known):
        rows.append(db.execute("SELECT id, kind, status, payload, result, last_error FROM entries WHERE id = ?",
                               (entry_id,)).fetchone())
    return rows


def _matching_orders(journal: Journal, person: Person, contact_ids: list[str]) -> list[sqlite3.Row]:
    hashes = [journal._key_hash(key) for key in person.keys]
    rows = []
    for row in journal.connection.execute("SELECT order_id, contact_id, key_hash, stage, body FROM orders"):
        if row["key_hash"] in hashes or row["contact_id"] in contact_ids or person.found_in(row["body"]):
            rows.append(row)
    return rows


def _files_with(person: Person, folder: Path, pattern: str) -> list[Path]:
    if not folder.is_dir():
        return []
    found = []
    for path in sorted(folder.glob(pattern)):
        try:
            if path.is_file() and person.found_in(path.read_bytes().decode("utf-8", errors="replace")):
                found.append(path)
        except OSError:
            continue
    return found


def _other_copies(journal: Journal, data_folder: Path) -> list[Path]:
    """Journal copies beside the live one: migration backups, damaged journals set aside, recovered ones."""
    live = {journal.path.name, f"{journal.path.name}-wal", f"{journal.path.name}-shm"}
    return [path for path in sorted(data_folder.glob("*journal*"))
            if path.is_file() and path.name not in live and not path.name.endswith(("-wal", "-shm"))]


def extract(journal: Journal, data_folder: Path, person: Person, *, actor: str, till: str | None = None) -> Findings:
    """Everything this till holds about the person, as JSON-ready data (audited)."""
    contact_ids = _contact_ids(journal, person)
    findings = Findings(person.masked(), contact_ids=contact_ids)
    for row in _matching_entries(journal.connection, person, contact_ids):
        findings.entries.append({"id": row["id"], "kind": row["kind"], "status": row["status"],
                                 "payload": json.loads(row["payload"]) if row["payload"] else None,
                                 "result": json.loads(row["result"]) if row["result"] else None,
                                 "last_error": row["last_error"]})
    for row in _matching_orders(journal, person, contact_ids):
        findings.orders.append({"order_id": row["order_id"], "stage": row["stage"], "body": json.loads(row["body"])})
    findings.cached_keys = sum(1 for key in person.keys if journal.cached_contact(key))
    findings.export_files = [str(p) for p in _files_with(person, data_folder / "exports", "*")]
    findings.other_copies = [str(p) for p in _other_copies(journal, data_folder)
                             if person.found_in(p.read_bytes().decode("utf-8", errors="replace"))]
    journal.audit("gdpr-extract", actor=actor, till=till, detail=json.dumps(
        {"person": person.masked(), "entries": len(findings.entries), "orders": len(findings.orders),
         "files": len(findings.export_files) + len(findings.other_copies)}))
    return findings


def _erase_entries(db: sqlite3.Connection, ids: list[int], now: float) -> None:
    db.executemany(
        "UPDATE entries SET payload = NULL, result = NULL, last_error = NULL, pruned_at = COALESCE(pruned_at, ?), "
        "idempotency_key = CASE WHEN kind = 'register_contact' THEN 'register:forgotten-' || id "
        "ELSE idempotency_key END WHERE id = ?", [(now, entry_id) for entry_id in ids])
    db.executemany("UPDATE attempts SET error = NULL WHERE entry_id = ?", [(entry_id,) for entry_id in ids])


def forget(journal: Journal, data_folder: Path, person: Person, *, actor: str, reason: str,
           till: str | None = None) -> ForgetReport:
    """Erase what the till holds about the person where it has reached its end; remember the rest (audited)."""
    if not reason or not reason.strip():
        raise InputError("a reason is required to erase a person's data (e.g. 'the customer asked, ticket 123')")
    report = ForgetReport()
    contact_ids = _contact_ids(journal, person)
    entries = _matching_entries(journal.connection, person, contact_ids)
    finished = [row["id"] for row in entries if row["status"] in FINISHED]
    report.waiting_entries = [row["id"] for row in entries if row["status"] not in FINISHED]
    orders = _matching_orders(journal, person, contact_ids)
    now = journal.clock()
    with journal.write_transaction("erase a person's data") as db:
        _erase_entries(db, finished, now)
        report.erased_entries = len(finished)
        for row in orders:
            open_versions = [r[0] for r in db.execute(_OPEN_IN_LANE, _lanes(row["order_id"]))]
            if open_versions:  # the order is still being sent: its record goes once every version has arrived
                report.waiting_entries.extend(open_versions)
                db.execute("INSERT OR REPLACE INTO meta (name, value) VALUES (?, ?)",
                           (f"{PENDING_ORDER_PREFIX}{row['order_id']}", json.dumps({"at": now, "actor": actor})))
                continue
            db.execute("DELETE FROM orders WHERE order_id = ?", (row["order_id"],))
            report.erased_orders += 1
        hashes = [journal._key_hash(key) for key in person.keys]
        report.erased_cache_rows = sum(db.execute("DELETE FROM contacts_cache WHERE key_hash = ?", (h,)).rowcount
                                       for h in hashes)
        report.erased_cache_rows += sum(db.execute("DELETE FROM contacts_cache WHERE contact_id = ?", (c,)).rowcount
                                        for c in contact_ids)
        report.waiting_entries = sorted(set(report.waiting_entries))
        for entry_id in report.waiting_entries:
            db.execute("INSERT OR REPLACE INTO meta (name, value) VALUES (?, ?)",
                       (f"{PENDING_PREFIX}{entry_id}", json.dumps({"at": now, "actor": actor})))
        db.execute("INSERT INTO audit (at, action, actor, till, reason, detail) VALUES (?, ?, ?, ?, ?, ?)",
                   (now, "gdpr-forget", actor, till, reason.strip(), json.dumps(
                       {"person": person.masked(), "erased_entries": report.erased_entries,
                        "erased_orders": report.erased_orders, "waiting_entries": report.waiting_entries})))
    _forget_in_files(journal, data_folder, person, report)
    _flush_old_pages(journal)
    return report


def _lanes(order_id: str) -> tuple[str, str]:
    return f"order:{order_id}", f"marketing:{order_id}"


def _forget_in_files(journal: Journal, data_folder: Path, person: Person, report: ForgetReport) -> None:
    uploaded = {row[0] for row in journal.connection.execute("SELECT file_name FROM exports WHERE state = 'uploaded'")}
    for path in _files_with(person, data_folder / "exports", "*"):
        if path.name in uploaded or path.suffix != ".xml":
            path.unlink(missing_ok=True)
            report.deleted_files.append(str(path))
        else:
            report.waiting_files.append(str(path))
    for copy in _other_copies(journal, data_folder):
        if not person.found_in(copy.read_bytes().decode("utf-8", errors="replace")):
            continue
        try:
            _erase_in_copy(copy, person)
        except sqlite3.DatabaseError:
            report.not_erasable.append(str(copy))
            continue
        if person.found_in(copy.read_bytes().decode("utf-8", errors="replace")):
            report.not_erasable.append(str(copy))


def _erase_in_copy(path: Path, person: Person) -> None:
    """A backup or set-aside journal: the person's rows emptied in place, then the file rewritten (VACUUM) so no
    free page keeps the old text. Its undelivered entries are the live journal's business (journal recover)."""
    db = sqlite3.connect(path, isolation_level=None)
    try:
        db.row_factory = sqlite3.Row
        db.execute("PRAGMA secure_delete = ON")
        db.execute("BEGIN IMMEDIATE")
        ids = [row["id"] for row in db.execute("SELECT id, payload, result, last_error FROM entries")
               if person.found_in(" ".join(v for v in (row["payload"], row["result"], row["last_error"]) if v))]
        _erase_entries(db, ids, 0.0)
        tables = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
        if "orders" in tables:
            for row in db.execute("SELECT order_id, body FROM orders").fetchall():
                if person.found_in(row["body"]):
                    db.execute("DELETE FROM orders WHERE order_id = ?", (row["order_id"],))
        db.execute("COMMIT")
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        db.execute("VACUUM")
    finally:
        db.close()


def _flush_old_pages(journal: Journal) -> None:
    """The erased text must not live on in the write-ahead log or in free pages: secure_delete overwrites freed
    pages, and a truncating checkpoint empties the WAL."""
    journal.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def complete_pending(journal: Journal) -> int:
    """Erase what a forget left waiting, now that it has reached Engage (entries, then the orders whose every
    version has arrived). Cheap when nothing waits: one indexed read of the meta table."""
    waiting = [row[0] for row in journal.connection.execute(
        "SELECT name FROM meta WHERE name LIKE 'gdpr-forget%'")]
    if not waiting:
        return 0
    ids = [int(name.removeprefix(PENDING_PREFIX)) for name in waiting if name.startswith(PENDING_PREFIX)]
    placeholders = ", ".join("?" for _ in ids)
    done = [row[0] for row in journal.connection.execute(
        f"SELECT id FROM entries WHERE id IN ({placeholders}) AND status IN ('delivered', 'exported', "  # noqa: S608
        "'resolved')", ids)] if ids else []  # only "?" placeholders are interpolated
    orders = [name.removeprefix(PENDING_ORDER_PREFIX) for name in waiting if name.startswith(PENDING_ORDER_PREFIX)]
    erased = 0
    with journal.write_transaction("erase data that has now reached Engage") as db:
        _erase_entries(db, done, journal.clock())
        db.executemany("DELETE FROM meta WHERE name = ?", [(f"{PENDING_PREFIX}{i}",) for i in done])
        erased += len(done)
        for order_id in orders:
            if db.execute(_OPEN_IN_LANE, _lanes(order_id)).fetchone() is None:
                erased += db.execute("DELETE FROM orders WHERE order_id = ?", (order_id,)).rowcount
                db.execute("DELETE FROM meta WHERE name = ?", (f"{PENDING_ORDER_PREFIX}{order_id}",))
    if erased:
        _flush_old_pages(journal)
    return erased
