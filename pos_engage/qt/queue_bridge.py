"""QueueBridge: the manager's long actions on the qasync loop, with progress and a safe cancel.

Each slot runs a use case of ``core/office`` (approved before it starts, by the queue view through
``ManagerActions``) and reports through past-tense signals: "Send all now" (``queue.send_all``: a cancel is read
only between batches, so it never leaves an entry in flight), export (``export.export_in_worker``: Engage asked
first, the files written in a worker thread, Stop read between records and files) and upload
(``export.upload``: the file-server transfer).
"""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from qasync import asyncSlot

from pos_engage.core.config import Config
from pos_engage.core.errors import PosEngageError
from pos_engage.core.office import queue
from pos_engage.core.office.audit_reasons import QUEUE_EXPORT, own
from pos_engage.qt.texts import shown

if TYPE_CHECKING:
    from pos_engage.core.office.export import ExportResult
    from pos_engage.core.office.queue import Journal, Replayer


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
        try:
            total = await queue.send_all(self.journal, self.replayer, should_stop=lambda: self.cancel_requested,
                                         progress=self.progressed.emit)
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
        from pos_engage.core.office import export  # the XML export loads only when a manager exports

        self.cancel_requested = False
        self._set_busy(True)
        try:
            await asyncio.sleep(0)  # let the window show that work has started
            result = await export.export_in_worker(
                self.journal, self.export_folder, self.replayer.client, self.replayer.lease, store=store, till=till,
                actor=manager, reason=own(QUEUE_EXPORT), rate_per_second=self.config.journal.rate_limit,
                progress=self.files_progressed.emit, should_stop=lambda: self.cancel_requested)
            self.finished.emit(export_message(result, self.export_folder))
        except PosEngageError as problem:
            self.finished.emit(shown(problem))
        finally:
            self._set_busy(False)

    @asyncSlot()
    async def upload(self) -> None:
        from pos_engage.core.office import export  # asyncssh loads only when needed

        self._set_busy(True)
        try:
            self.cancel_requested = False
            result = await export.upload(self.journal, self.export_folder, self.config.file_server,
                                         progress=self.files_progressed.emit,
                                         should_stop=lambda: self.cancel_requested)
            self.finished.emit(shown(result.summary()))
        except PosEngageError as problem:
            self.finished.emit(shown(problem))
        finally:
            self._set_busy(False)
