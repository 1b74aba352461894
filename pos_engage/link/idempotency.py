"""Idempotency keys of the POS link, kept in the journal's file (table pos_link_requests, migration 0007).

A POS that timed out sends the same request again with the same ``Idempotency-Key``: it gets the first answer,
also after the till restarted, and nothing is done twice. The same key with another request (method, path or
body) is refused (422): the POS has a bug, and guessing which request it meant could book the wrong sale. Only
successful answers are kept: a refused request changed nothing, so trying it again is safe. Two requests with one
key at the same moment are taken one after the other (the second gets the first's answer).

Keys are kept ``KEEP_SECONDS`` (7 days, docs/pos-link.md) and then forgotten: when the till starts, and while it
runs by the request that stores a key, at most once every ``PRUNE_EVERY_SECONDS`` (a till that runs for weeks kept
every key since it started)."""

from __future__ import annotations

import asyncio
import hashlib
import json
from dataclasses import dataclass

KEEP_SECONDS = 7 * 24 * 3600.0
PRUNE_EVERY_SECONDS = 3600.0   # the old keys of a running till: one DELETE an hour, in a write the link makes anyway


@dataclass(frozen=True)
class Stored:
    fingerprint: str
    status: int
    answer: str


def fingerprint(method: str, path: str, canonical_body: str) -> str:
    return hashlib.sha256(f"{method} {path}\n{canonical_body}".encode()).hexdigest()


def canonical(value: object) -> str:
    return json.dumps(value, sort_keys=True, ensure_ascii=False, separators=(",", ":"), default=str)


class IdempotencyStore:
    def __init__(self, journal) -> None:
        self.journal = journal
        self._locks: dict[str, asyncio.Lock] = {}
        self._pruned_at = float("-inf")   # the journal's clock when old keys were last forgotten

    def lock(self, key: str) -> asyncio.Lock:
        lock = self._locks.get(key)
        if lock is None:
            if len(self._locks) > 1000:  # only keys in use need one
                self._locks = {k: v for k, v in self._locks.items() if v.locked()}
            lock = self._locks[key] = asyncio.Lock()
        return lock

    def get(self, key: str) -> Stored | None:
        row = self.journal.connection.execute("SELECT fingerprint, status, answer FROM pos_link_requests "
                                              "WHERE idempotency_key = ?", (key,)).fetchone()
        return Stored(row[0], row[1], row[2]) if row else None

    def put(self, key: str, fingerprint_: str, status: int, answer: str) -> None:
        """Kept without waiting for the disk (the journal's ``durable=False`` write; its next durable commit makes
        it durable): what it answers is journaled durably already, and losing the record in a power cut in between
        costs only a retry that is told the sale is unknown, never a second receipt (the receipt's entry is
        journaled once by its idempotency key whatever the POS sends again)."""
        now = self.journal.clock()
        with self.journal.write_transaction("remember the POS's request", durable=False) as db:
            db.execute("INSERT OR IGNORE INTO pos_link_requests (idempotency_key, fingerprint, status, answer, "
                       "created_at) VALUES (?, ?, ?, ?, ?)", (key, fingerprint_, status, answer, now))
            if now - self._pruned_at >= PRUNE_EVERY_SECONDS:   # in the same transaction: no write of its own
                self._forget_before(db, now)

    def prune(self) -> int:
        """Forget the keys older than ``KEEP_SECONDS`` now (the till starts); how many were forgotten."""
        with self.journal.write_transaction("forget old POS requests") as db:
            return self._forget_before(db, self.journal.clock())

    def _forget_before(self, db, now: float) -> int:
        self._pruned_at = now
        return db.execute("DELETE FROM pos_link_requests WHERE created_at < ?", (now - KEEP_SECONDS,)).rowcount
