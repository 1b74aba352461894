"""Checkpoints off the path of a sale: the journal's WAL is copied back into its file by a thread of its own.

In WAL mode SQLite copies the log back into the database ("checkpoints") on the commit that crosses
``wal_autocheckpoint`` pages, inside that commit: two more fsyncs and the pages copied, paid by whichever write
happened to cross the line. At a till that write is a cashier's offer, a POS's apply or commit. Here a thread with
its own connection checkpoints soon after writes (PASSIVE: it never waits for, or blocks, the till's reads and
writes), so at a till's pace (a sale every few seconds) the log never reaches the line and no request pays for it.

Under a sustained stream of writes (a replay, a benchmark's tight loop) a PASSIVE checkpoint running beside the
writer never catches up with it, and SQLite only starts the log over once one has: the log would grow, and every
read and write slow with it (a 40 MB log made commits ~25% slower). So the till's own connection keeps SQLite's
line (BACKSTOP_PAGES, its default): there the writer's checkpoint finds most pages copied already, and starts the
log over as before.

Nothing is less durable for it: every commit is in the WAL, fsynced (synchronous=FULL), before it returns; a
checkpoint only moves committed pages into the main file.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from pathlib import Path

log = logging.getLogger(__name__)

# The till's connection checkpoints past this many WAL pages (4 MB; SQLite's default): reached only under a
# sustained stream of writes, which this thread cannot keep ahead of (above).
BACKSTOP_PAGES = 1000
# At most one checkpoint per PAUSE_SECONDS: writes in a burst are copied back together, not each on its own.
PAUSE_SECONDS = 0.1


class Checkpointer:
    """Checkpoints the journal at ``path`` after writes, from a daemon thread. ``wrote`` after each commit;
    ``close`` before the till's connection closes (SQLite's last close then checkpoints and removes the WAL)."""

    def __init__(self, path: Path, *, busy_timeout_ms: int, pause: float = PAUSE_SECONDS) -> None:
        self.path = path
        self.pause = pause
        self.checkpoints = 0            # completed (the tests read it)
        self._busy_timeout_ms = busy_timeout_ms
        self._wrote = threading.Event()
        self._closing = threading.Event()
        self._thread = threading.Thread(target=self._run, name="journal-checkpoint", daemon=True)
        self._thread.start()

    def wrote(self) -> None:
        self._wrote.set()

    def close(self) -> None:
        self._closing.set()
        self._wrote.set()
        self._thread.join(timeout=self._busy_timeout_ms / 1000 + 5)

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def _run(self) -> None:
        db = None
        try:
            db = sqlite3.connect(self.path, isolation_level=None, timeout=self._busy_timeout_ms / 1000)
            db.execute("PRAGMA synchronous = FULL")   # the main file is fsynced after the copy, as the WAL was
            while True:
                self._wrote.wait()
                if self._closing.is_set():
                    return
                self._wrote.clear()
                db.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
                self.checkpoints += 1
                # Writes during the pause set the event again: they are copied back by the next round.
                if self._closing.wait(self.pause):
                    return
        except sqlite3.Error as trouble:   # the till's connection checkpoints itself (BACKSTOP_PAGES)
            log.warning("Journal checkpoints fall back to the till's own writes: %s", trouble)
        finally:
            if db is not None:
                db.close()
