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


@migrations(name="0005_offer_ledger")
def _offer_ledger(db: sqlite_utils.Database) -> None:
    # The offers this till has used, one row per offer and sale: an offer in a committed sale is never applied
    # or committed again here (the partial unique index makes two committed sales for one offer impossible).
    db.execute("""
        CREATE TABLE offer_ledger (
            offer_id TEXT NOT NULL,            -- promotion assignment id or reward voucher id
            kind TEXT NOT NULL CHECK (kind IN ('promotion', 'voucher')),
            sale_id TEXT NOT NULL,             -- the sale's uniqueReceiptId
            status TEXT NOT NULL CHECK (status IN ('reserved', 'committed', 'released', 'conflict')),
            entry_id INTEGER REFERENCES entries(id),   -- the redemption entry, once committed
            reserved_at REAL NOT NULL,
            committed_at REAL,
            released_at REAL,
            note TEXT,                         -- why it was released or is in conflict
            PRIMARY KEY (offer_id, sale_id)
        )""")
    db.execute("CREATE UNIQUE INDEX offer_ledger_one_commit ON offer_ledger (offer_id) WHERE status = 'committed'")
    db.execute("CREATE INDEX offer_ledger_entry ON offer_ledger (entry_id)")
    # Who redeemed: a redemption found already redeemed is ours only if Engage's redeemedOn falls within one of our
    # own attempts. Every path that sends (the till at commit, any replayer, start-up recovery) moves the entry in
    # and out of in_flight, so each such period is kept here, in the entry's result ("periods": [start, end] pairs),
    # whatever process sent it; the gaps between attempts are not ours. The time is SQLite's own wall clock (unix
    # seconds, to the millisecond), not the journal's injectable clock: it is compared with Engage's clock. A period
    # ends when its outcome is settled, or, when the till stopped mid-call and start-up recovery finds it, at most
    # 60 s after it began (a call is answered or given up well within its timeout): a redemption by another till
    # while this one was down is not taken for ours.
    db.execute("""
        CREATE TRIGGER redeem_attempt_starts AFTER UPDATE OF status ON entries
        WHEN NEW.status = 'in_flight' AND OLD.status <> 'in_flight'
            AND NEW.kind IN ('redeem_promotion', 'redeem_voucher')
        BEGIN
            UPDATE entries SET result = json_insert(
                json_insert(COALESCE(result, '{}'), '$.periods', json('[]')),
                '$.periods[#]', json_array((julianday('now') - 2440587.5) * 86400.0, NULL))
            WHERE id = NEW.id;
        END""")
    db.execute("""
        CREATE TRIGGER redeem_attempt_ends AFTER UPDATE OF status ON entries
        WHEN OLD.status = 'in_flight' AND NEW.status <> 'in_flight'
            AND NEW.kind IN ('redeem_promotion', 'redeem_voucher')
            AND json_type(NEW.result, '$.periods[#-1]') = 'array'
        BEGIN
            UPDATE entries SET result = json_set(result, '$.periods[#-1][1]',
                MIN((julianday('now') - 2440587.5) * 86400.0, json_extract(result, '$.periods[#-1][0]') + 60.0))
            WHERE id = NEW.id;
        END""")
    # A redemption Engage refused (used elsewhere) marks the offer's use here as a conflict, for good.
    db.execute("""
        CREATE TRIGGER redeem_conflict_in_ledger AFTER UPDATE OF status ON entries
        WHEN NEW.status = 'conflict' AND NEW.kind IN ('redeem_promotion', 'redeem_voucher')
        BEGIN
            UPDATE offer_ledger SET status = 'conflict', note = NEW.last_error WHERE entry_id = NEW.id;
        END""")

@migrations(name="0006_scale")
def _scale(db: sqlite_utils.Database) -> None:
    # A store writes about 1,000 entries a day: nothing asked every second may scan them. The figures count
    # from this table, kept by triggers inside the very transaction that changes an entry, so it is always
    # exact and no code that writes entries has to remember it.
    db.execute("""
        CREATE TABLE entry_counts (
            status TEXT NOT NULL,
            kind TEXT NOT NULL,
            n INTEGER NOT NULL,
            PRIMARY KEY (status, kind)
        ) WITHOUT ROWID""")
    db.execute("INSERT INTO entry_counts (status, kind, n) SELECT status, kind, count(*) FROM entries "
               "GROUP BY status, kind")
    db.execute("""
        CREATE TRIGGER entry_counts_insert AFTER INSERT ON entries
        BEGIN
            INSERT INTO entry_counts (status, kind, n) VALUES (NEW.status, NEW.kind, 1)
                ON CONFLICT (status, kind) DO UPDATE SET n = n + 1;
        END""")
    db.execute("""
        CREATE TRIGGER entry_counts_update AFTER UPDATE OF status, kind ON entries
        WHEN OLD.status IS NOT NEW.status OR OLD.kind IS NOT NEW.kind
        BEGIN
            UPDATE entry_counts SET n = n - 1 WHERE status = OLD.status AND kind = OLD.kind;
            INSERT INTO entry_counts (status, kind, n) VALUES (NEW.status, NEW.kind, 1)
                ON CONFLICT (status, kind) DO UPDATE SET n = n + 1;
        END""")
    db.execute("""
        CREATE TRIGGER entry_counts_delete AFTER DELETE ON entries
        BEGIN
            UPDATE entry_counts SET n = n - 1 WHERE status = OLD.status AND kind = OLD.kind;
        END""")
    # The queue view's filters, newest first, a page at a time: one range of this index per kind and status.
    db.execute("CREATE INDEX entries_kind_status ON entries (kind, status, id)")
    # Partial indexes hold only the few rows they serve (the backlog; what retention has not reached yet), so
    # years of delivered entries cost them nothing.
    db.execute("CREATE INDEX entries_open_created ON entries (created_at) "
               "WHERE status IN ('pending', 'waiting_retry', 'in_flight')")
    db.execute("CREATE INDEX entries_prunable ON entries (COALESCE(delivered_at, updated_at)) "
               "WHERE pruned_at IS NULL AND status IN ('delivered', 'exported', 'resolved')")
    # Pruning rewrites entries: each one's foreign keys are looked up in the tables that point at it.
    db.execute("CREATE INDEX orders_registration ON orders (registration_entry)")


@migrations(name="0007_pos_link")
def _pos_link(db: sqlite_utils.Database) -> None:
    # The POS link's idempotency keys: a POS that timed out sends the same request again with the same key and
    # gets the first answer, also after the till restarted; the same key with another request is refused.
    db.execute("""
        CREATE TABLE pos_link_requests (
            idempotency_key TEXT PRIMARY KEY,
            fingerprint TEXT NOT NULL,             -- method, path and body (canonical JSON), hashed
            status INTEGER NOT NULL,
            answer TEXT NOT NULL,
            created_at REAL NOT NULL
        )""")
    db.execute("CREATE INDEX pos_link_requests_created ON pos_link_requests (created_at)")


@migrations(name="0008_returns")
def _returns(db: sqlite_utils.Database) -> None:
    # Returns against the original sale (core/till/returns.py). Each receipt this till journals is indexed by its
    # receiptNumber (the number on the slip) and its uniqueReceiptId (the slip's barcode): a return finds its sale
    # with one index probe. The lines are read from the entry itself, so retention prunes them as it prunes every
    # payload (an older sale is found in the customer's purchases in Engage). A trigger keeps the index, so every
    # path that journals a receipt (a sale, the POS link, recovery, a corrected held receipt) is indexed without
    # remembering to; pruning re-inserts entries without a payload, which the trigger passes over.
    db.execute("""
        CREATE TABLE sales_index (
            unique_receipt_id TEXT PRIMARY KEY,
            receipt_number TEXT NOT NULL,
            entry_id INTEGER NOT NULL,         -- the receipt's entry (no foreign key: prune re-inserts entries)
            contact_id TEXT                    -- Engage's contact id when the receipt named one, else NULL
        )""")
    db.execute("CREATE INDEX sales_index_number ON sales_index (receipt_number)")
    index_receipt = """
            INSERT INTO sales_index (unique_receipt_id, receipt_number, entry_id, contact_id)
            SELECT json_extract(NEW.payload, '$.receipt.uniqueReceiptId'),
                   COALESCE(json_extract(NEW.payload, '$.receipt.receiptNumber'),
                            json_extract(NEW.payload, '$.receipt.uniqueReceiptId')), NEW.id,
                   CASE WHEN lower(json_extract(NEW.payload, '$.receipt.contact.matchKeyType')) = 'contactid'
                        THEN json_extract(NEW.payload, '$.receipt.contact.matchKey') END
            WHERE json_extract(NEW.payload, '$.receipt.uniqueReceiptId') IS NOT NULL
            ON CONFLICT (unique_receipt_id) DO UPDATE SET receipt_number = excluded.receipt_number,
                entry_id = excluded.entry_id, contact_id = COALESCE(excluded.contact_id, contact_id);"""
    for event in ("INSERT", "UPDATE OF payload"):
        db.execute(f"""
            CREATE TRIGGER sales_index_{event.split()[0].lower()} AFTER {event} ON entries
            WHEN NEW.kind = 'receipt' AND NEW.payload IS NOT NULL AND json_valid(NEW.payload)
            BEGIN {index_receipt}
            END""")
    db.execute("""
        INSERT OR IGNORE INTO sales_index (unique_receipt_id, receipt_number, entry_id, contact_id)
        SELECT json_extract(payload, '$.receipt.uniqueReceiptId'),
               COALESCE(json_extract(payload, '$.receipt.receiptNumber'),
                        json_extract(payload, '$.receipt.uniqueReceiptId')), id,
               CASE WHEN lower(json_extract(payload, '$.receipt.contact.matchKeyType')) = 'contactid'
                    THEN json_extract(payload, '$.receipt.contact.matchKey') END
        FROM entries WHERE kind = 'receipt' AND payload IS NOT NULL AND json_valid(payload)
            AND json_extract(payload, '$.receipt.uniqueReceiptId') IS NOT NULL""")
    # What has been returned of each line of an original sale, one row per return: written in the same
    # transaction as the return's receipt, so a line is never returned beyond what was bought.
    db.execute("""
        CREATE TABLE returned_lines (
            original_id TEXT NOT NULL,         -- the original's uniqueReceiptId (or engage:<transaction id>)
            line INTEGER NOT NULL,             -- the line's index in the original's items
            return_id TEXT NOT NULL,           -- the return's uniqueReceiptId
            quantity INTEGER NOT NULL CHECK (quantity > 0),
            refund TEXT NOT NULL,              -- the amount refunded for those units (Decimal as text)
            at REAL NOT NULL,
            PRIMARY KEY (original_id, line, return_id)
        )""")
    db.execute("CREATE INDEX returned_lines_return ON returned_lines (return_id)")


@migrations(name="0009_offer_uses")
def _offer_uses(db: sqlite_utils.Database) -> None:
    # Whether an offer is used or held elsewhere (OfferLedger: a reservation, a commit, a sale's list of offers) is
    # asked of the rows that count: a released row never stops anyone, and an offer a customer tries on many
    # sales leaves one released row per sale, which the primary key's offer_id prefix would read every time.
    db.execute("CREATE INDEX offer_ledger_in_use ON offer_ledger (offer_id) "
               "WHERE status IN ('committed', 'conflict', 'reserved')")


@migrations(name="0010_who_rang_up")
def _who_rang_up(db: sqlite_utils.Database) -> None:
    # Who rang each entry up and where it came from (entry.Source), written on the entry's own row in the INSERT
    # that journals it (no statement more per sale). Entries journaled before this have neither: unknown.
    # No CHECK on the origin: a newer version may add one, which this one reads as unknown rather than refusing.
    db.execute("ALTER TABLE entries ADD COLUMN rung_by TEXT")   # "Anna Berg (1001)", "till 3"; NULL: nobody/unknown
    db.execute("ALTER TABLE entries ADD COLUMN origin TEXT")    # entry.Origin's value; NULL: not recorded


@migrations(name="0011_sale_reservations")
def _sale_reservations(db: sqlite_utils.Database) -> None:
    # A voided sale frees what it reserved (OfferLedger.release_sale: by its sale id). The primary key starts with
    # the offer, so that UPDATE read every row the ledger ever had: one per offer and sale, a year's worth on a
    # busy till, at every void. Only reserved rows are asked for, so only they are indexed: a reservation writes
    # this index's page, and a commit or a release takes its row out.
    db.execute("CREATE INDEX offer_ledger_reserved_by_sale ON offer_ledger (sale_id) WHERE status = 'reserved'")


@migrations(name="0012_anonymous_sales")
def _anonymous_sales(db: sqlite_utils.Database) -> None:
    # A sale without a customer, where no catch-all contact is configured, journals no receipt (nothing goes to
    # Engage): it was only counted. So nothing told that its uniqueReceiptId was taken, and after a restart the POS
    # could open and commit the same posSaleId again, counted twice (issue 16: "SaleIdUsed"). Each such sale's id
    # is kept here, written in the transaction that commits it.
    db.execute("CREATE TABLE anonymous_sales (sale_id TEXT PRIMARY KEY, committed_at REAL NOT NULL) WITHOUT ROWID")


@migrations(name="0013_reservation_holders")
def _reservation_holders(db: sqlite_utils.Database) -> None:
    # Who holds each reservation: the process and journal connection whose open sale reserved the offer
    # (OfferLedger.reservation_holder). Open sales are kept in memory only, so a reservation whose holder is gone
    # (the till restarted, crashed or was killed) holds the offer for a sale that no longer exists: it is released
    # when the till starts again (release_orphaned_reservations), not only RESERVATION_SECONDS later. NULL: a
    # reservation made before this, or one whose holder cannot be told; the time limit still frees those.
    db.execute("ALTER TABLE offer_ledger ADD COLUMN holder TEXT")


def known_migrations() -> set[str]:
    names = {m.name for m in migrations._migrations}
    assert names == set(MIGRATION_NAMES), "versions.MIGRATION_NAMES must list every migration"
    return names

