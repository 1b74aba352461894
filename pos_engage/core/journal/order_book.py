"""The orders the till knows, kept in the journal's file: each order's latest version, written in the same
transaction as the entries that send that version (an order change is never saved without them, nor sent
without being saved).

An order that carries offers takes them in the offer ledger (offer_ledger.py) in that same transaction, as a
committed sale does: an offer used by an order is never applied or redeemed again at this till, and the open basket
the order was made from gives its reservations up there.

A mixin of Journal, using its connection and write transactions.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pos_engage.core.domain import ContactKey
from pos_engage.core.errors import InputError
from pos_engage.core.journal.entry import JournalEntry, NewEntry
from pos_engage.core.journal.offer_ledger import OfferToCommit
from pos_engage.core.journal.reads import _COLUMNS, _row_to_entry

if TYPE_CHECKING:
    import sqlite3


class OrderChangedMeanwhile(InputError):
    """The order was changed (on this till, another window) since it was opened: open it again."""


@dataclass(frozen=True)
class OrderRecord:
    """An order's latest version as this till keeps it, with how many changes it has had."""

    order_id: str
    contact_id: str | None
    stage: str
    changes: int
    body: dict[str, Any]
    registration_entry: int | None
    created_at: float
    updated_at: float


def _record(row: Any) -> OrderRecord:
    return OrderRecord(row["order_id"], row["contact_id"], row["stage"], row["changes"], json.loads(row["body"]),
                       row["registration_entry"], row["created_at"], row["updated_at"])


class OrderBook:
    """Uses Journal's ``_db``, ``_write``, ``_insert_entries``, ``_key_hash``, ``_take_offers``, ``clock`` and
    ``get``."""

    _db: sqlite3.Connection

    def save_order(self, order_id: str, *, stage: str, changes: int, body: dict[str, Any],
                   entries: Sequence[NewEntry], contact_id: str | None = None, key: ContactKey | None = None,
                   registration_entry_index: int | None = None, offers: Sequence[OfferToCommit] = (),
                   offers_from: str | None = None) -> list[JournalEntry]:
        """Save version ``changes`` of an order with the entries that send it, in one transaction.

        The same version again (a double click, a retried save) changes nothing and returns the entries already
        journaled; a version that skips one, or an older one, means the order changed meanwhile: refused.
        ``offers``: the offers the order uses (each naming its redemption among ``entries``), taken in the offer
        ledger under the order's id, or the whole save refused (OfferAlreadyUsed) when another sale or order at
        this till used one; ``offers_from``: the open basket (its sale id) that reserved them and became this
        order, whose reservations are released in the same transaction."""
        now = self.clock()
        key_hash = self._key_hash(key) if key is not None else None
        with self._write("save the order") as db:
            row = db.execute("SELECT changes, registration_entry FROM orders WHERE order_id = ?",
                             (order_id,)).fetchone()
            stored = row["changes"] if row else 0
            if changes not in (stored, stored + 1):
                raise OrderChangedMeanwhile(f"order {order_id} was changed meanwhile (version {stored}, this is "
                                            f"{changes}): open it again")
            ids = self._insert_entries(db, entries, None)
            if offers or offers_from:
                self._take_offers(db, offers, ids, sale_id=order_id, moved_from=offers_from)
            if changes == stored + 1:
                registration = (ids[registration_entry_index] if registration_entry_index is not None
                                else (row["registration_entry"] if row else None))
                db.execute(
                    "INSERT INTO orders (order_id, contact_id, key_hash, stage, changes, body, registration_entry, "
                    "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(order_id) DO UPDATE SET "
                    "contact_id = COALESCE(excluded.contact_id, contact_id), "
                    "key_hash = COALESCE(excluded.key_hash, key_hash), stage = excluded.stage, "
                    "changes = excluded.changes, body = excluded.body, "
                    "registration_entry = excluded.registration_entry, updated_at = excluded.updated_at",
                    (order_id, contact_id, key_hash, stage, changes, json.dumps(body), registration, now, now))
        return [self.get(entry_id) for entry_id in ids]

    def order(self, order_id: str) -> OrderRecord | None:
        row = self._db.execute("SELECT * FROM orders WHERE order_id = ?", (order_id,)).fetchone()
        return _record(row) if row else None

    def orders_for(self, *, contact_id: str | None = None, key: ContactKey | None = None) -> list[OrderRecord]:
        """The orders of one customer, newest first: by Engage id, or by the key they gave (not yet matched)."""
        if not contact_id and key is None:
            return []
        key_hash = self._key_hash(key) if key is not None else None
        rows = self._db.execute(
            "SELECT * FROM orders WHERE (contact_id IS NOT NULL AND contact_id = ?) "
            "OR (key_hash IS NOT NULL AND key_hash = ?) ORDER BY created_at DESC, order_id DESC",
            (contact_id, key_hash)).fetchall()
        return [_record(row) for row in rows]

    def set_order_contact(self, order_id: str, contact_id: str) -> None:
        """The contact an order waited for now exists in Engage: later changes name it directly."""
        with self._write("remember the order's contact") as db:
            db.execute("UPDATE orders SET contact_id = ? WHERE order_id = ?", (contact_id, order_id))

    def order_entries(self, order_id: str) -> list[JournalEntry]:
        """Every entry that sent a change of this order (to Engage and the second platform), oldest first."""
        rows = self._db.execute(
            f"SELECT {_COLUMNS} FROM entries WHERE lane IN (?, ?) ORDER BY id",
            (f"order:{order_id}", f"marketing:{order_id}")).fetchall()
        return [_row_to_entry(row) for row in rows]

    def prune_orders(self, retention_days: float) -> int:
        """Personal data of orders past the retention, counted from their last change, once nothing of them is
        still on its way: a closed order (cancelled, returned) goes whole; a delivered one (it may still come
        back) keeps its lines and contact id for a return, without the email, mobile and address."""
        cutoff = self.clock() - retention_days * 86400
        open_lanes = ("SELECT 1 FROM entries WHERE status NOT IN ('delivered', 'exported', 'resolved') AND "
                      "lane IN ('order:' || o.order_id, 'marketing:' || o.order_id)")
        with self._write("prune old orders") as db:
            removed = db.execute(
                f"DELETE FROM orders WHERE order_id IN (SELECT o.order_id FROM orders o WHERE o.updated_at < ? "
                f"AND o.stage IN ('cancelled', 'returned') AND NOT EXISTS ({open_lanes}))", (cutoff,)).rowcount
            stripped = 0
            for row in db.execute(
                    f"SELECT o.order_id, o.body FROM orders o WHERE o.updated_at < ? AND (o.key_hash IS NOT NULL "
                    "OR json_extract(o.body, '$.billingAddress') IS NOT NULL OR json_extract(o.body, '$.email') != '' "
                    f"OR json_extract(o.body, '$.mobilePhone') != '') AND NOT EXISTS ({open_lanes})",
                    (cutoff,)).fetchall():
                body = json.loads(row["body"])
                body.update({"email": "", "mobilePhone": "", "billingAddress": None})
                stripped += db.execute("UPDATE orders SET body = ?, key_hash = NULL WHERE order_id = ?",
                                       (json.dumps(body, ensure_ascii=False), row["order_id"])).rowcount
        return removed + stripped
