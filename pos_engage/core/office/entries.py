"""The journal's words a door shows or parses, and nothing that carries work out: entry kinds and statuses, their
labels, which statuses an entry may move on from, and the journal's errors. Light on purpose: the command line's
parser and the window's views import it without loading the journal's store.

The queue's rows in plain words (``EntryView``, ``view_of``) are in ``core/office/queue.py``; the figures the status
bar and ``doctor`` read are in ``core/office/health.py``.
"""

from __future__ import annotations

from pos_engage.core.journal.entry import (
    KIND_LABELS,
    MARKETING_KINDS,
    UNDELIVERED,
    EntryKind,
    EntryStatus,
    JournalEntry,
    sources_of,
)
from pos_engage.core.journal.errors import JournalDamaged, JournalError

__all__ = ["KIND_LABELS", "MARKETING_KINDS", "UNDELIVERED", "EntryKind", "EntryStatus", "JournalDamaged",
           "JournalEntry", "JournalError", "sources_of"]
