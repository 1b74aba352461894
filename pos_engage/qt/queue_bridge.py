"""QueueBridge: the manager's long actions on the qasync loop, with progress and a safe cancel.

"Send all now" replays batch by batch and checks for a cancel only between batches, so a cancel never leaves
an entry in flight; upload runs the file-server transfer. Both report through past-tense signals.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from qasync import asyncSlot

from pos_engage.core import credentials
from pos_engage.core.config import Config
from pos_engage.core.errors import PosEngageError
from pos_engage.core.journal.replayer import Replayer, ReplayReport
from pos_engage.core.journal.store import Journal


class QueueBridge(QObject):
    progressed = Signal(int, int)        # delivered so far, still waiting
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
            stopped = " (stopped: the rest stays in the queue)" if self.cancel_requested else ""
            self.finished.emit(total.summary() + stopped)
        except PosEngageError as problem:
            self.finished.emit(str(problem))
        finally:
            self._set_busy(False)

    @asyncSlot()
    async def upload(self) -> None:
        from pos_engage.core.export.upload import FileServer, upload_ready  # asyncssh loads only when needed
        self._set_busy(True)
        try:
            password = credentials.get_secret(credentials.FILE_SERVER_PASSWORD) or ""
            result = await upload_ready(self.journal, self.export_folder, FileServer(self.config.file_server, password))
            self.finished.emit(result.summary())
        except PosEngageError as problem:
            self.finished.emit(str(problem))
        finally:
            self._set_busy(False)
