"""Asking Engage first about the queued entries whose last attempt may have reached it, before they go by file.

Separate from the writing (exporter.py) and the selection (plan.py) because it is the one part of an export that
talks to Engage and takes the journal's delivery lease. An entry with ``check_first`` (a lost answer, a delivery
interrupted) is never exported blind: ``check_unknown_outcomes`` asks Engage (``dispatch.check_done``, as the
replayer would before a resend). Found done, it is delivered and not exported; not done, it may go by file; Engage
cannot be asked (down, another process delivering), it stays in the queue with the reason. ``export_checked`` asks,
then exports.
"""

from __future__ import annotations

import contextlib
import logging
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pos_engage.core import texts
from pos_engage.core.errors import EngageConflict, PosEngageError
from pos_engage.core.export.exporter import export_queue
from pos_engage.core.export.plan import NOT_CHECKED, SALE_COMPANIONS, ExportResult, _full, _queued
from pos_engage.core.journal.claims import Settlement
from pos_engage.core.journal.entry import EntryKind, EntryStatus, JournalEntry
from pos_engage.core.journal.store import Journal

if TYPE_CHECKING:
    from pos_engage.core.engage.client import EngageClient
    from pos_engage.core.journal.lease import DeliveryLease

log = logging.getLogger(__name__)


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
    from pos_engage.core.journal import delivery, dispatch
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
        if found is delivery.NOT_DONE:
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
