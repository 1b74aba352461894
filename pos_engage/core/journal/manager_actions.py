"""The manager's actions on journal entries, each audited: retry, resolve, correct the payload, and the audit log.
A row's ``detail`` holds what the reason's words need to be said again in another language (core/office's
audit_reasons: the till's own reasons by their code).

Every move goes through the entry state machine (entry.py: which statuses each action may start from) inside one
write transaction with its audit row, so an action is never applied without its record, nor recorded without it.

A mixin of Journal (store.py), kept apart because it is the manager's and IT's door into the journal (through
core/office), not the till's or the deliverers'.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from contextlib import AbstractContextManager
from typing import Any

from pos_engage.core.journal.entry import MANAGER_RETRY_SOURCES, VOUCHED_BY_RETRY, EntryStatus, sources_of
from pos_engage.core.journal.errors import InvalidTransition, JournalError, UnknownEntry
from pos_engage.core.journal.stored_json import _json

# A retry's columns: due now; still asked about first unless a person vouched for it (VOUCHED_BY_RETRY, our enum's
# own values: never input).
_RETRY_SQL = (", next_attempt_at = ?, check_first = CASE WHEN kind IN ("
              + ", ".join(sorted(f"'{kind.value}'" for kind in VOUCHED_BY_RETRY)) + ") THEN 0 ELSE check_first END")


class ManagerActions:
    """Audited changes to entries; uses Journal's ``_write`` and ``clock``."""

    _write: Callable[..., AbstractContextManager[sqlite3.Connection]]
    clock: Callable[[], float]

    def _transition(self, entry_id: int, target: EntryStatus, *, actor: str, reason: str, till: str | None,
                    action: str, sources: frozenset[EntryStatus], extra_sql: str = "", extra_args: tuple = (),
                    detail: str | None = None) -> None:
        allowed = sources
        placeholders = ", ".join("?" for _ in allowed)
        with self._write(f"{action} entry {entry_id}") as db:
            row = db.execute("SELECT status FROM entries WHERE id = ?", (entry_id,)).fetchone()
            if row is None:
                raise UnknownEntry(f"there is no journal entry {entry_id}")
            updated = db.execute(
                f"UPDATE entries SET status = ?, updated_at = ?{extra_sql} WHERE id = ? AND status IN ({placeholders})",
                (target.value, self.clock(), *extra_args, entry_id, *(s.value for s in allowed))).rowcount
            if not updated:
                raise InvalidTransition(f"entry {entry_id} is {row['status']}: it cannot be set to {target}")
            self._audit_row(db, entry_id, action, actor, till, reason, detail)

    def retry(self, entry_id: int, *, actor: str, reason: str = "", till: str | None = None,
              detail: str | None = None) -> None:
        """Send again now (after a manager fixed what Engage rejected, or accepted a conflict's risk). An entry
        whose earlier attempt may have reached Engage is still asked about first (``check_first`` stays): a Retry
        answers what Engage refused, not whether the lost attempt arrived. Only a message Engage cannot be asked
        about (VOUCHED_BY_RETRY) goes without: the manager was asked to check with the customer first."""
        self._transition(entry_id, EntryStatus.PENDING, actor=actor, reason=reason, till=till, action="retry",
                         sources=MANAGER_RETRY_SOURCES, extra_sql=_RETRY_SQL, extra_args=(self.clock(),),
                         detail=detail)

    def resolve(self, entry_id: int, *, actor: str, reason: str, till: str | None = None,
                detail: str | None = None) -> None:
        """Close an entry for good without delivering it. A reason is required; it is audited (``detail``: the
        till's own reason's code, core/office/audit_reasons)."""
        if not reason or not reason.strip():
            raise JournalError("a reason is required to resolve an entry")
        self._transition(entry_id, EntryStatus.RESOLVED, actor=actor, reason=reason.strip(), till=till,
                         action="resolve", sources=sources_of(EntryStatus.RESOLVED), detail=detail)

    def replace_payload(self, entry_id: int, payload: dict[str, Any], *, actor: str, reason: str,
                        till: str | None = None, detail: str | None = None) -> None:
        """Correct what Engage rejected (e.g. a registration's email); only while it needs attention."""
        with self._write(f"correct entry {entry_id}") as db:
            updated = db.execute("UPDATE entries SET payload = ?, updated_at = ? WHERE id = ? AND status IN "
                                 "('needs_attention', 'conflict')", (_json(payload), self.clock(), entry_id)).rowcount
            if not updated:
                raise InvalidTransition(f"entry {entry_id} can only be corrected while it needs attention")
            self._audit_row(db, entry_id, "correct", actor, till, reason, detail)

    def _audit_row(self, db, entry_id: int | None, action: str, actor: str, till: str | None, reason: str,
                   detail: str | None) -> None:
        """The audit row of an action, in the caller's write transaction."""
        db.execute("INSERT INTO audit (at, entry_id, action, actor, till, reason, detail) VALUES (?, ?, ?, ?, ?, ?, ?)",
                   (self.clock(), entry_id, action, actor, till, reason, detail))

    def audit(self, action: str, *, actor: str, reason: str = "", till: str | None = None,
              detail: str | None = None, entry_id: int | None = None) -> None:
        with self._write("write the audit log") as db:
            self._audit_row(db, entry_id, action, actor, till, reason, detail)
