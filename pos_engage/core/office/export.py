"""Export and upload, the manager's and IT's way out when Engage is away for long (design.md §1).

Who approved them is settled by :class:`~pos_engage.core.office.queue.ManagerActions` (the queue view) or at the
command line (``core/office/people.for_command_line``) before these run; each exported entry's audit row names
that person (the actor given here), and an upload's approval is its own row (``ManagerActions.approve``).

Three ways to export, one rule: an entry whose last attempt may have reached Engage is asked about first (as this
journal's deliverer, holding its delivery lease); what Engage had is delivered and never exported, what could not
be asked about stays in the queue with the reason.

* ``ManagerActions.export`` (``core/office/queue.py``): the queue or a few entries, at once, on this thread
  (nothing is asked of Engage: what may have reached it is held back by the export itself).
* :func:`export_checked`: the command line's export, asking Engage first with a lease of its own.
* :func:`export_in_worker`: the window's, asking Engage first (as the running till's deliverer), then writing the
  files in a worker thread with a journal connection of its own (a connection belongs to its thread), so the window
  and its Stop button stay live however many receipts go. Stop is read between records and files and before the
  one commit, which leaves everything in the queue.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from pos_engage.core.export.ask_first import check_unknown_outcomes
from pos_engage.core.export.exporter import export_queue
from pos_engage.core.export.plan import ExportResult
from pos_engage.core.journal.store import Journal
from pos_engage.core.office.audit_reasons import said

if TYPE_CHECKING:
    from pos_engage.core.config import FileServerSettings
    from pos_engage.core.engage.client import EngageClient
    from pos_engage.core.export.upload import UploadResult
    from pos_engage.core.journal.lease import DeliveryLease

__all__ = ["ExportResult", "export_checked", "export_in_worker", "upload"]

Progress = Callable[[int, int], None]


async def export_checked(journal: Journal, folder: Path, client: EngageClient | None, *, store: str, till: str,
                         actor: str, reason: str, rate_per_second: float | None = None) -> ExportResult:
    """Export the queue from the command line. ``client``: Engage, to ask about entries whose outcome is unknown,
    under a delivery lease of this journal taken for the while (None when no key is set here: those entries stay
    in the queue with the reason)."""
    from pos_engage.core.export.ask_first import export_checked as checked_export
    from pos_engage.core.journal.lease import DeliveryLease

    options = {"store": store, "till": till, "actor": actor, "reason": reason, "rate_per_second": rate_per_second,
               "said": said(reason)}
    if client is None:
        return await checked_export(journal, folder, None, None, **options)
    lease = DeliveryLease.of(journal)
    async with client:
        try:
            return await checked_export(journal, folder, client, lease, **options)
        finally:
            lease.release()


async def export_in_worker(journal: Journal, folder: Path, client: EngageClient, lease: DeliveryLease, *,
                           store: str, till: str, actor: str, reason: str, rate_per_second: float | None = None,
                           progress: Progress | None = None,
                           should_stop: Callable[[], bool] | None = None) -> ExportResult:
    """Export the queue from the running till: ``client`` and ``lease`` are its deliverer's (the window holds the
    journal's delivery lease). Engage is asked on the running loop, the files are written in a thread of their own."""
    checked = await check_unknown_outcomes(journal, client, lease, rate_per_second=rate_per_second)
    path, clock = journal.path, journal.clock

    def write_files() -> ExportResult:
        with Journal.open(path, clock=clock) as own:
            return export_queue(own, folder, store=store, till=till, actor=actor, reason=reason, progress=progress,
                                should_stop=should_stop, verified=checked.verified, held=checked.held,
                                said=said(reason))

    # A plain thread of its own, ended with the export (qasync's default executor is made of QThreads that Qt
    # complains about when the application ends before them).
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="export") as worker:
        result = await asyncio.get_running_loop().run_in_executor(worker, write_files)
    result.found_delivered = checked.delivered
    return result


async def upload(journal: Journal, folder: Path, settings: FileServerSettings, *, progress: Progress | None = None,
                 should_stop: Callable[[], bool] | None = None) -> UploadResult:
    """Upload every exported file not yet uploaded to Engage's file server (contacts first), with the password IT
    stored in the keyring. The approval (``ManagerActions.approve("upload", ...)``) comes first."""
    # Imported here: asyncssh takes a tenth of a second to load, and only an upload needs it.
    from pos_engage.core import credentials
    from pos_engage.core.export.upload import FileServer, upload_ready

    password = credentials.get_secret(credentials.FILE_SERVER_PASSWORD) or ""
    return await upload_ready(journal, folder, FileServer(settings, password), progress=progress,
                              should_stop=should_stop)
