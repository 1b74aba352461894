"""The journal's schema, as sqlite-utils migrations applied at start-up on their own connection.

A version of pos-engage that finds a migration it does not know (the journal was written by a newer version)
refuses to open it rather than misread it.
"""

from __future__ import annotations

import sqlite_utils
from sqlite_utils.migrations import Migrations

from pos_engage.core.journal.entry import EntryStatus
from pos_engage.core.journal.versions import MIGRATION_NAMES, MIGRATION_SET

migrations = Migrations(MIGRATION_SET)

_STATUSES = ", ".join(f"'{s.value}'" for s in EntryStatus)


@migrations(name="0001_entries")
def _entries(db: sqlite_utils.Database) -> None:
    db.execute(f"""
        CREATE TABLE entries (
            id INTEGER PRIMARY KEY AUTOINCREMENT,
            kind TEXT NOT NULL,
            payload TEXT,                          -- Engage's JSON body; NULL once pruned
            idempotency_key TEXT NOT NULL UNIQUE,  -- fixed at enqueue, kept on every attempt
            depends_on INTEGER REFERENCES entries(id),
            lane TEXT,                             -- entries of one lane are delivered strictly in order
            sale_id TEXT,                          -- entries written together for one sale
            status TEXT NOT NULL CHECK (status IN ({_STATUSES})),
            attempts INTEGER NOT NULL DEFAULT 0,
            next_attempt_at REAL NOT NULL,
            check_first INTEGER NOT NULL DEFAULT 0,
            last_error_code TEXT,
            last_error TEXT,
            result TEXT,
            channel TEXT NOT NULL DEFAULT 'api' CHECK (channel IN ('api', 'file')),
            export_file TEXT,
            created_at REAL NOT NULL,
            updated_at REAL NOT NULL,
            delivered_at REAL,
            pruned_at REAL
        )""")
    db.execute("CREATE INDEX entries_due ON entries (status, next_attempt_at)")
    db.execute("CREATE INDEX entries_depends_on ON entries (depends_on)")
    db.execute("CREATE INDEX entries_lane ON entries (lane, id)")
    db.execute("CREATE INDEX entries_sale ON entries (sale_id)")
    db.execute("""
        CREATE TABLE attempts (
            id INTEGER PRIMARY KEY,
            entry_id INTEGER NOT NULL REFERENCES entries(id),
            at REAL NOT NULL,
            outcome TEXT NOT NULL,
            error_code TEXT,
            error TEXT
        )""")
    db.execute("CREATE INDEX attempts_entry ON attempts (entry_id)")


@migrations(name="0002_audit_exports_cache")
def _audit_exports_cache(db: sqlite_utils.Database) -> None:
    db.execute("""
        CREATE TABLE audit (
            id INTEGER PRIMARY KEY,
            at REAL NOT NULL,
            entry_id INTEGER,
            action TEXT NOT NULL,
            actor TEXT NOT NULL,
            till TEXT,
            reason TEXT,
            detail TEXT
        )""")
    # Append-only: what a manager did can never be edited away.
    db.execute("CREATE TRIGGER audit_no_update BEFORE UPDATE ON audit BEGIN "
               "SELECT RAISE(ABORT, 'the audit log is append-only'); END")
    db.execute("CREATE TRIGGER audit_no_delete BEFORE DELETE ON audit BEGIN "
               "SELECT RAISE(ABORT, 'the audit log is append-only'); END")
    db.execute("""
        CREATE TABLE exports (
            id INTEGER PRIMARY KEY,
            file_name TEXT NOT NULL UNIQUE,
            file_kind TEXT NOT NULL CHECK (file_kind IN ('contacts', 'transactions')),
            state TEXT NOT NULL CHECK (state IN ('writing', 'ready', 'uploaded')),
            entry_count INTEGER NOT NULL,
            sha256 TEXT NOT NULL,
            created_at REAL NOT NULL,
            uploaded_at REAL,
            upload_target TEXT
        )""")
    # The contacts cache holds no personal data in clear: the key is a salted hash of the identifier.
    db.execute("""
        CREATE TABLE contacts_cache (
            key_hash TEXT PRIMARY KEY,
            contact_id TEXT NOT NULL,
            updated_at REAL NOT NULL
        )""")
    db.execute("CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL)")


@migrations(name="0003_delivered_at_index")
def _delivered_at_index(db: sqlite_utils.Database) -> None:
    # "When was anything last delivered" is asked every second; without this it scans every row.
    db.execute("CREATE INDEX entries_delivered_at ON entries (delivered_at)")


@migrations(name="0004_orders")
def _orders(db: sqlite_utils.Database) -> None:
    # The orders the till knows, each as its latest version; every change of one is also journal entries.
    db.execute("""
        CREATE TABLE orders (
            order_id TEXT PRIMARY KEY,        -- the external order id, stable for the order's whole life
            contact_id TEXT,                  -- Engage's contact id once known
            key_hash TEXT,                    -- salted hash of the customer's email/mobile, to list by key
            stage TEXT NOT NULL,
            changes INTEGER NOT NULL,         -- versions journaled; the next change is changes + 1
            body TEXT NOT NULL,               -- the order (JSON): lines, delivery, address
            registration_entry INTEGER REFERENCES entries(id),  -- the contact this order waits for, if new
            created_at REAL NOT NULL,
            updated_at REAL NOT NULL
        )""")
    db.execute("CREATE INDEX orders_contact ON orders (contact_id)")
    db.execute("CREATE INDEX orders_key ON orders (key_hash)")
    # Export files may now hold orders too: SQLite cannot change a CHECK, so the table is rebuilt (same rows).
    db.execute("""
        CREATE TABLE exports_new (
            id INTEGER PRIMARY KEY,
            file_name TEXT NOT NULL UNIQUE,
            file_kind TEXT NOT NULL CHECK (file_kind IN ('contacts', 'transactions', 'orders')),
            state TEXT NOT NULL CHECK (state IN ('writing', 'ready', 'uploaded')),
            entry_count INTEGER NOT NULL,
            sha256 TEXT NOT NULL,
            created_at REAL NOT NULL,
            uploaded_at REAL,
            upload_target TEXT
        )""")
    db.execute("INSERT INTO exports_new SELECT id, file_name, file_kind, state, entry_count, sha256, created_at, "
               "uploaded_at, upload_target FROM exports")
    db.execute("DROP TABLE exports")
    db.execute("ALTER TABLE exports_new RENAME TO exports")


def known_migrations() -> set[str]:
    names = {m.name for m in migrations._migrations}
    assert names == set(MIGRATION_NAMES), "versions.MIGRATION_NAMES must list every migration"
    return names
