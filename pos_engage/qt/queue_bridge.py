"""QueueBridge: the manager's long actions on the qasync loop, with progress and a safe cancel.

"Send all now" replays batch by batch and checks for a cancel only between batches, so a cancel never leaves
an entry in flight; upload runs the file-server transfer. Both report through past-tense signals.
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QObject, Signal
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
        """Export the queue to Engage import files, file by file, stoppable until the one commit."""
        from pos_engage.core.export.exporter import export_queue
        self.cancel_requested = False
        self._set_busy(True)
        try:
            await asyncio.sleep(0)  # let the window show that work has started
            result = export_queue(self.journal, self.export_folder, store=store, till=till, actor=manager,
                                  reason="exported from the queue view", progress=self._file_progress,
                                  should_stop=lambda: self.cancel_requested)
            self.finished.emit(export_message(result, self.export_folder))
        except PosEngageError as problem:
            self.finished.emit(shown(problem))
        finally:
            self._set_busy(False)

    def _file_progress(self, done: int, total: int) -> None:
        self.files_progressed.emit(done, total)
        QCoreApplication.processEvents()  # the Stop button stays responsive between files

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
