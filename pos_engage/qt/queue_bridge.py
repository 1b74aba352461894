"""QueueBridge: the manager's long actions on the qasync loop, with progress and a safe cancel.

"Send all now" replays batch by batch and checks for a cancel only between batches, so a cancel never leaves
an entry in flight; upload runs the file-server transfer. Both report through past-tense signals.

Export first asks Engage about entries whose last attempt may have reached it (on the loop, as this journal's
deliverer), then writes the files in a worker thread with its own journal connection (a connection belongs to
its thread), so the window and its Stop button stay live however many receipts go: Stop is read between records
and files, and before the one commit leaves everything in the queue. Progress comes back as a queued signal.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from qasync import asyncSlot

from pos_engage.core import credentials
from pos_engage.core.config import Config
from pos_engage.core.errors import PosEngageError
from pos_engage.core.journal.replayer import Replayer, ReplayReport
from pos_engage.core.journal.store import Journal
from pos_engage.qt.texts import shown

if TYPE_CHECKING:
    from pos_engage.core.export.exporter import ExportResult


def export_message(result: ExportResult, folder: Path) -> str:
    """What an export did, in the till's language, and where its files are."""
    return shown(result.summary()) + (f" → {folder}" if result.files else "")


class QueueBridge(QObject):
    progressed = Signal(int, int)        # delivered so far, still waiting
    files_progressed = Signal(int, int)  # files done, files in all (export, upload)
    finished = Signal(str)               # what happened, in words
    busy_changed = Signal(bool)

    def __init__(self, journal: Journal, replayer: Replayer, config: Config, export_folder: Path,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.journal, self.replayer, self.config, self.export_folder = journal, replayer, config, export_folder
        self.cancel_requested = False
        self.busy = False

    def cancel(self) -> None:
        self.cancel_requested = True

    def _set_busy(self, busy: bool) -> None:
        self.busy = busy
        self.busy_changed.emit(busy)

    @asyncSlot()
    async def send_all(self) -> None:
        """Everything due or waiting goes now, batch by batch (the rate limit still applies)."""
        self.cancel_requested = False
        self._set_busy(True)
        total = ReplayReport()
        try:
            self.journal.wake_waiting()
            while not self.cancel_requested:
                report = await self.replayer.replay_once()
                total.add(report)
                self.progressed.emit(total.delivered, self.journal.figures().pending)
                if not report.claimed or report.offline:
                    break
            summary = shown(total.summary())
            self.finished.emit(self.tr("{0} (stopped: the rest stays in the queue)").format(summary)
                               if self.cancel_requested else summary)
        except PosEngageError as problem:
            self.finished.emit(shown(problem))
        finally:
            self._set_busy(False)

    @asyncSlot(str, str, str)
    async def export(self, store: str, till: str, manager: str) -> None:
        """Export the queue to Engage import files off the GUI thread, stoppable at any moment until the commit."""
        from pos_engage.core.export.exporter import check_unknown_outcomes, export_queue
        self.cancel_requested = False
        self._set_busy(True)
        try:
            await asyncio.sleep(0)  # let the window show that work has started
            checked = await check_unknown_outcomes(self.journal, self.replayer.client, self.replayer.lease,
                                                   rate_per_second=self.config.journal.rate_limit)
            path, clock, folder = self.journal.path, self.journal.clock, self.export_folder

            def write_files() -> ExportResult:
                with Journal.open(path, clock=clock) as own:
                    return export_queue(own, folder, store=store, till=till, actor=manager,
                                        reason="exported from the queue view", progress=self.files_progressed.emit,
                                        should_stop=lambda: self.cancel_requested, verified=checked.verified,
                                        held=checked.held)

            # A plain thread of its own, ended with the export (qasync's default executor is made of QThreads
            # that Qt complains about when the application ends before them).
            with ThreadPoolExecutor(max_workers=1, thread_name_prefix="export") as worker:
                result = await asyncio.get_running_loop().run_in_executor(worker, write_files)
            result.found_delivered = checked.delivered
            self.finished.emit(export_message(result, self.export_folder))
        except PosEngageError as problem:
            self.finished.emit(shown(problem))
        finally:
            self._set_busy(False)

    @asyncSlot()
    async def upload(self) -> None:
        from pos_engage.core.export.upload import FileServer, upload_ready  # asyncssh loads only when needed
        self._set_busy(True)
        try:
            password = credentials.get_secret(credentials.FILE_SERVER_PASSWORD) or ""
            self.cancel_requested = False
            result = await upload_ready(self.journal, self.export_folder, FileServer(self.config.file_server, password),
                                        progress=self.files_progressed.emit,
                                        should_stop=lambda: self.cancel_requested)
            self.finished.emit(shown(result.summary()))
        except PosEngageError as problem:
            self.finished.emit(shown(problem))
        finally:
            self._set_busy(False)
