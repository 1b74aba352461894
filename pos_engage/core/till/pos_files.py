"""What the POS's two file folders share (the inbox's baskets and receipts, inbox.py, and the POS link's sales and
commits, sale_files.py): how long a file must stay unchanged before it is read, a file written whole for its
reader, and the files set aside as unreadable, watched for their writer finishing them.
"""

from __future__ import annotations

import contextlib
import logging
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from pos_engage.core import texts

log = logging.getLogger(__name__)

def loose_file_refusal() -> str:
    """Why a file dropped in the inbox folder itself is set aside on a linked till (inbox.py, sale_files.py)."""
    return texts.tr("this till is linked to its POS: write the sale as sales/<posSaleId>.json and its commit as "
                    "commits/<posSaleId>.json (docs/pos-link.md, Folders)")


SETTLE_SECONDS = 2.0        # a file that cannot be read and changed within this is left for the next poll
TAKE_BACK_SECONDS = 600.0   # how long a file set aside as unreadable is watched for its writer finishing it


@dataclass(frozen=True)
class _SetAside:
    back_to: Path          # where the POS wrote it
    reason: Path
    size: int
    mtime_ns: int
    at: float


class Unreadable:
    """Files set aside because they could not be read, watched for ``TAKE_BACK_SECONDS``: one that changes after
    it was set aside was still being written (a POS writing in place that paused longer than ``SETTLE_SECONDS``),
    so it goes back where the POS wrote it, its reason file gone, and is read again at the next poll."""

    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        self.clock = clock
        self._files: dict[Path, _SetAside] = {}

    def note(self, moved: Path, back_to: Path, reason: Path, before: os.stat_result) -> None:
        """``before``: the file as it was just before it was moved (a write after that is its writer going on)."""
        self._files[moved] = _SetAside(back_to, reason, before.st_size, before.st_mtime_ns, self.clock())

    def take_back(self) -> list[Path]:
        """Put back the files that changed since they were set aside; returns where they are now."""
        back = []
        for moved, aside in list(self._files.items()):
            try:
                stat = moved.stat()
            except OSError:
                del self._files[moved]   # someone took it away: theirs now
                continue
            if (stat.st_size, stat.st_mtime_ns) == (aside.size, aside.mtime_ns):
                if self.clock() - aside.at > TAKE_BACK_SECONDS:
                    del self._files[moved]
                continue
            if aside.back_to.exists():   # the POS wrote the file again meanwhile: that one is the sale
                del self._files[moved]
                continue
            try:
                os.replace(moved, aside.back_to)
            except OSError as problem:   # still held by its writer (Windows): next poll
                log.info("POS file %s changed after it was set aside; not put back yet: %s", moved, problem)
                continue
            del self._files[moved]
            with contextlib.suppress(OSError):
                aside.reason.unlink()
            log.warning("POS file %s was still being written when it was set aside: put back to be read again",
                        aside.back_to)
            back.append(aside.back_to)
        return back


def write_atomically(path: Path, text: str) -> None:
    """The whole file or the previous one, never half of it (a reader may open it at any moment)."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    with open(temporary, "w", encoding="utf-8", newline="\n") as out:
        out.write(text)
        out.flush()
        os.fsync(out.fileno())
    os.replace(temporary, path)
