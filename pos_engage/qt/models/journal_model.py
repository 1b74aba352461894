"""The queue as a table: rows loaded a page at a time (fetchMore), newest first, so a million entries open at
once; filters by status and kind; sorted by a column (sort); refreshed when the journal changes.

Each page continues after the last id loaded (keyset) along an index already in that order, and the totals come
from the journal's counters: no filter sorts or counts the history (the "Sent" filter sorted every delivered
entry: 2.1 s on a million).

The last column says who made each entry and where in a few words (core's EntryView.rung_up: "Anna Berg ·
POS link"), its tooltip the whole sentence with the staff number (EntryView.rung_up_in_full), both read with the
entry's own row: nothing more is asked of the journal for it.

Sorted by a column's value, never by its words ("1 200,00" after "900,00"; times by time; statuses in the order a
manager deals with them, core's STATUS_ORDER), each sort's ties in the default order, newest first. By time (or the
entry's number) and by status or kind the rows still come a page at a time from the journal's own indexes: by
time along the ids, either way; by status or kind one run of the filter per status (per kind, in the order of
their words in the till's language), each newest first. The other columns (the amount, the customer, the attempts,
the next try, what to do, who) have no index: the filter's newest SORTED_AT_MOST rows are loaded and sorted here,
and ``sorted_among`` says how many the filter holds when that is more (the view says so)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import datetime
from functools import cmp_to_key

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QAbstractTableModel,
    QCollator,
    QCoreApplication,
    QLocale,
    QModelIndex,
    Qt,
)

from pos_engage.core.office.entries import KIND_LABELS, EntryKind, EntryStatus
from pos_engage.core.office.entry_wording import STATUS_ORDER, EntryView, view_of
from pos_engage.core.office.queue import Journal
from pos_engage.qt import i18n
from pos_engage.qt.texts import shown

PAGE = 200
# Sorted by a column the journal has no index for: at most this many of the filter's newest rows (2,000 load and sort
# in about 60 ms, and again at every refresh while the queue is open so sorted).
SORTED_AT_MOST = 2000
COLUMNS = (QT_TRANSLATE_NOOP("JournalModel", "Entry"), QT_TRANSLATE_NOOP("JournalModel", "Created"),
           QT_TRANSLATE_NOOP("JournalModel", "Kind"), QT_TRANSLATE_NOOP("JournalModel", "Customer"),
           QT_TRANSLATE_NOOP("JournalModel", "Amount"), QT_TRANSLATE_NOOP("JournalModel", "Status"),
           QT_TRANSLATE_NOOP("JournalModel", "Attempts"), QT_TRANSLATE_NOOP("JournalModel", "Next try"),
           QT_TRANSLATE_NOOP("JournalModel", "What to do"))
# Who made the entry and where, after the columns above; its header is the words the queue's list gave it
# (QueueView). Worded for every kind: "Rung up by" read wrong over a registration or an order (session 9); the cell
# says who and where ("Omar Said · window", "till 1 · POS link"), its tooltip and the details the sentence for the
# kind ("Registered by …", "Made by …").
WHO = len(COLUMNS)
WHO_HEADER = QT_TRANSLATE_NOOP("QueueView", "Who · where")
ENTRY, CREATED, KIND, CUSTOMER, AMOUNT, STATUS, ATTEMPTS, NEXT_TRY, WHAT_TO_DO = range(WHO)

# The order of a column's first click (then each click turns it round): the newest, the largest amount, the most
# attempts first; the rest from the start (A to Z, the most urgent status, the soonest try).
FIRST_DESCENDING = (ENTRY, CREATED, AMOUNT, ATTEMPTS)
# The default: newest first, as the queue opens.
DEFAULT_SORT = (CREATED, Qt.SortOrder.DescendingOrder)


# What the manager reads for each entry status (EntryStatus values).
STATUS_WORDS = {"pending": QT_TRANSLATE_NOOP("JournalModel", "pending"),
                "in_flight": QT_TRANSLATE_NOOP("JournalModel", "being sent"),
                "delivered": QT_TRANSLATE_NOOP("JournalModel", "delivered"),
                "waiting_retry": QT_TRANSLATE_NOOP("JournalModel", "waiting to retry"),
                "needs_attention": QT_TRANSLATE_NOOP("JournalModel", "needs attention"),
                "conflict": QT_TRANSLATE_NOOP("JournalModel", "conflict"),
                "exported": QT_TRANSLATE_NOOP("JournalModel", "sent by file"),
                "resolved": QT_TRANSLATE_NOOP("JournalModel", "resolved")}


def status_word(status: str) -> str:
    """An entry's status as the manager reads it, in the till's language."""
    return QCoreApplication.translate("JournalModel", STATUS_WORDS[status])


def _in_the_tills_language(view: EntryView) -> EntryView:
    """Core's words in a row translated once, as the row is loaded (not on every paint); its amount as the language
    writes amounts (1 299,00 SEK in Swedish: core gives 1299.00 SEK)."""
    return replace(view, kind=shown(view.kind), customer=shown(view.customer), explanation=shown(view.explanation),
                   amount=_amount(view.amount), rung_up=shown(view.rung_up),
                   rung_up_in_full=shown(view.rung_up_in_full))


def _amount(text: str) -> str:
    from decimal import Decimal, InvalidOperation

    figure, _, currency = text.partition(" ")
    try:
        return i18n.money(Decimal(figure), currency) if figure else text
    except InvalidOperation:
        return text


def _time(stamp: float | None) -> str:
    return "" if not stamp else datetime.fromtimestamp(stamp).strftime("%Y-%m-%d %H:%M")


def _collator() -> QCollator:
    """Words compared as the till's language orders them (Swedish å, ä, ö after z), numbers in them by value
    ("order 9" before "order 10"), case aside."""
    collator = QCollator(QLocale(i18n.current))
    collator.setNumericMode(True)
    collator.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
    return collator


def _in_memory_keys(collator: QCollator) -> dict[int, Callable[[EntryView], object]]:
    """The value each column without an index is sorted by (None: the row has none; such rows go last)."""
    words = cmp_to_key(collator.compare)
    return {AMOUNT: lambda v: v.amount_value, ATTEMPTS: lambda v: v.attempts, NEXT_TRY: lambda v: v.next_attempt_at,
            CUSTOMER: lambda v: words(v.customer) if v.customer else None,
            WHAT_TO_DO: lambda v: words(v.explanation) if v.explanation else None,
            WHO: lambda v: words(v.rung_up) if v.rung_up else None}


class JournalModel(QAbstractTableModel):
    """``walk_in``: the store's catch-all contact (config till.anonymous_contact, "" when none): its receipts' rows
    say "Walk-in customer", not its masked id (core's customer_of)."""

    def __init__(self, journal: Journal, parent=None, *, walk_in: str = "") -> None:
        super().__init__(parent)
        self.journal = journal
        self.walk_in = walk_in
        self.statuses: tuple[EntryStatus, ...] = ()
        self.kinds: tuple[EntryKind, ...] = ()
        self._rows: list[EntryView] = []
        self._total = journal.count()
        self.sort_column, self.sort_order = DEFAULT_SORT
        # The runs of the filter still to be paged through in the sort's order (statuses, kinds, newest first),
        # the one being read and the last id read of it; None: sorted here, every row loaded at once.
        self._runs: list[tuple[tuple[EntryStatus, ...], tuple[EntryKind, ...], bool]] | None = self._plan()
        self._run, self._after = 0, None
        self.sorted_among: int | None = None   # the filter's size, when only its newest SORTED_AT_MOST were sorted

    # -------------------------------------------------------------- Qt model interface

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008 - Qt signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else WHO + 1

    def headerData(self, section: int, orientation, role: int = Qt.ItemDataRole.DisplayRole):
        if role == Qt.ItemDataRole.InitialSortOrderRole and orientation == Qt.Orientation.Horizontal:
            return (Qt.SortOrder.DescendingOrder if section in FIRST_DESCENDING else Qt.SortOrder.AscendingOrder)
        if role == Qt.ItemDataRole.DisplayRole and orientation == Qt.Orientation.Horizontal:
            if section == WHO:
                return QCoreApplication.translate("QueueView", WHO_HEADER)
            return self.tr(COLUMNS[section]) if 0 <= section < WHO else None
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.UserRole:
            return row.id
        if role == Qt.ItemDataRole.ToolTipRole:
            return (row.rung_up_in_full or row.rung_up) if index.column() == WHO else row.explanation
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return (str(row.id), _time(row.created_at), row.kind, row.customer, row.amount, status_word(row.status),
                str(row.attempts), _time(row.next_attempt_at), row.explanation, row.rung_up)[index.column()]

    def canFetchMore(self, parent: QModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: QModelIndex = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._runs is None:
            return
        entries = []
        while len(entries) < PAGE and self._run < len(self._runs):
            statuses, kinds, newest_first = self._runs[self._run]
            wanted = PAGE - len(entries)
            page = self.journal.entries(statuses=statuses, kinds=kinds, limit=wanted, newest_first=newest_first,
                                        after=self._after)
            entries += page
            if len(page) < wanted:   # this run is read through: the next one from its start
                self._run, self._after = self._run + 1, None
            else:
                self._after = page[-1].id
        if not entries:
            self._total = len(self._rows)
            return
        views = self._views(entries)
        self.beginInsertRows(QModelIndex(), len(self._rows), len(self._rows) + len(views) - 1)
        self._rows.extend(views)
        self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:  # Qt override
        """Sorted by ``column``'s value (-1: the default, newest first), reloaded from the first page."""
        wanted = DEFAULT_SORT if column < 0 else (column, order)
        if wanted == (self.sort_column, self.sort_order):
            return
        self.sort_column, self.sort_order = wanted
        self.refresh()

    # -------------------------------------------------------------- ours

    def set_filter(self, statuses: tuple[EntryStatus, ...] = (), kinds: tuple[EntryKind, ...] = ()) -> None:
        self.statuses, self.kinds = statuses, kinds
        self.refresh()

    def refresh(self) -> None:
        """Reload from the first page (after an action, when the journal changed, or sorted anew)."""
        self.beginResetModel()
        self._rows = []
        self._total = self.journal.count(statuses=self.statuses, kinds=self.kinds)
        self._runs, self._run, self._after = self._plan(), 0, None
        self.sorted_among = None
        if self._runs is None:
            self._rows = self._sorted_here()
            self.sorted_among = self._total if self._total > len(self._rows) else None
            self._total = len(self._rows)
        self.endResetModel()
        if self.canFetchMore():
            self.fetchMore()

    def _plan(self) -> list[tuple[tuple[EntryStatus, ...], tuple[EntryKind, ...], bool]] | None:
        """The runs of the filter that page through it in the sort's order, or None when it is sorted here."""
        column, descending = self.sort_column, self.sort_order == Qt.SortOrder.DescendingOrder
        if column in (ENTRY, CREATED):   # the journal records entries as they come: its ids are in time order
            return [(self.statuses, self.kinds, descending)]
        held = self.journal.counts()   # runs with no entry are left out: one query fewer for each
        if column == STATUS:
            statuses = [s for s in STATUS_ORDER if (not self.statuses or s in self.statuses)
                        and any(n for (status, kind), n in held.items() if status is s
                                and (not self.kinds or kind in self.kinds))]
            return [((s,), self.kinds, True) for s in (statuses[::-1] if descending else statuses)]
        if column == KIND:
            words = cmp_to_key(_collator().compare)
            kinds = sorted((k for k in (self.kinds or EntryKind)
                            if any(n for (status, kind), n in held.items() if kind is k
                                   and (not self.statuses or status in self.statuses))),
                           key=lambda k: words(shown(KIND_LABELS[k])), reverse=descending)
            return [(self.statuses, (k,), True) for k in kinds]
        return None

    def _sorted_here(self) -> list[EntryView]:
        """The filter's newest SORTED_AT_MOST rows sorted by a column the journal has no index for; the rows without
        a value last either way, each sort's ties newest first."""
        views = self._views(self.journal.entries(statuses=self.statuses, kinds=self.kinds, limit=SORTED_AT_MOST,
                                                 newest_first=True))
        key = _in_memory_keys(_collator())[self.sort_column]
        keyed = [(key(view), view) for view in views]
        valued = [pair for pair in keyed if pair[0] is not None]
        # Stable either way (reverse keeps ties in their order): ties stay newest first.
        valued.sort(key=lambda pair: pair[0], reverse=self.sort_order == Qt.SortOrder.DescendingOrder)
        return [view for _, view in valued] + [view for value, view in keyed if value is None]

    def _views(self, entries) -> list[EntryView]:
        return [_in_the_tills_language(view_of(e, self.journal.dependency_of(e), walk_in=self.walk_in))
                for e in entries]

    def entry_id(self, row: int) -> int | None:
        return self._rows[row].id if 0 <= row < len(self._rows) else None

    def row_of(self, entry_id: int, *, within: int) -> int | None:
        """The row of this entry, more pages loaded until it is found or ``within`` rows are (None: not found)."""
        while True:
            for row in range(len(self._rows)):
                if self._rows[row].id == entry_id:
                    return row
            if len(self._rows) >= within or not self.canFetchMore():
                return None
            self.fetchMore()

    def who(self, row: int) -> str | None:
        """Who rang the row's entry up and where, as the column reads it."""
        return self._rows[row].rung_up if 0 <= row < len(self._rows) else None

    @property
    def total(self) -> int:
        return self._total
