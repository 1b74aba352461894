"""The offers this till has used, kept in the journal's file: each promotion assignment or reward voucher, the sale
that used it, and how far that use got (reserved in an open basket, committed with a sale, released, or found in
conflict with a use elsewhere).

An offer used in a committed sale is never applied or committed again at this till. The check is made inside the
write transaction that journals the sale, so two commits naming the same offer cannot both take it (and a partial
unique index on the table refuses a second committed use even if a check were ever skipped).

A mixin of Journal, using its connection and write transactions (like order_book.py).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from pos_engage.core import texts
from pos_engage.core.errors import InputError
from pos_engage.core.journal import payloads, reservation_holders
from pos_engage.core.journal.entry import JournalEntry, NewEntry
from pos_engage.core.journal.errors import InvalidTransition
from pos_engage.core.journal.held_answers import HeldAnswers

if TYPE_CHECKING:
    import sqlite3

# An open basket's reservation blocks the offer in another basket of this till for this long; an older one was
# left by a window that closed or crashed and no longer counts. One whose holder is known to be gone is released
# sooner, when the till starts again (release_orphaned_reservations).
RESERVATION_SECONDS = 30 * 60.0
# A receipt waiting for the cashier's decision about a refused offer goes as journaled after this (the till was
# closed meanwhile: the refused redemption stays a conflict for the manager).
HOLD_SECONDS = 10 * 60.0
ANONYMOUS_SALES = "anonymous_sales"


class OfferAlreadyUsed(InputError):
    """The offer is used by another sale at this till (committed, or refused by Engage as used elsewhere)."""

    code = "OfferAlreadyUsed"


@dataclass(frozen=True)
class OfferUse:
    """One row of the ledger: an offer and the sale that used (or holds) it."""

    offer_id: str
    kind: str                      # "promotion" | "voucher"
    sale_id: str
    status: str                    # reserved | committed | released | conflict
    entry_id: int | None
    reserved_at: float
    committed_at: float | None
    released_at: float | None
    note: str | None


@dataclass(frozen=True)
class CommittedSale:
    """A sale's entries as journaled, and those this commit took in flight for its caller to send."""

    entries: list[JournalEntry]
    taken: frozenset[int]


@dataclass(frozen=True)
class OfferToCommit:
    """An offer a sale commits: its id, kind, and the index of its redemption among the sale's new entries."""

    offer_id: str
    kind: str
    entry_index: int


def _use(row: Any) -> OfferUse:
    return OfferUse(row["offer_id"], row["kind"], row["sale_id"], row["status"], row["entry_id"], row["reserved_at"],
                    row["committed_at"], row["released_at"], row["note"])


# The condition of the partial index offer_ledger_in_use (migration 0009), word for word: SQLite uses a partial
# index only for a query that states its condition.
_IN_USE = "status IN ('committed', 'conflict', 'reserved')"

# A reservation: a new row, or this sale's own released (or still reserved) row taken again. A row this sale
# committed or Engage refused is left as it is (the upsert's WHERE).
_INTO = "INSERT INTO offer_ledger (offer_id, kind, sale_id, status, reserved_at, holder) "
_TAKEN_AGAIN = ("ON CONFLICT (offer_id, sale_id) DO UPDATE SET status = 'reserved', "
                "reserved_at = excluded.reserved_at, released_at = NULL, holder = excluded.holder "
                "WHERE offer_ledger.status IN ('reserved', 'released')")
_RESERVE = f"{_INTO}VALUES (?, ?, ?, 'reserved', ?, ?) {_TAKEN_AGAIN}"
# The same, only where no other sale's use blocks it (OfferLedger._blocking_use with reservations, in SQL): its
# commit or refusal, or its reservation still fresh (reserved_at >= ?). Parameters: the five of _RESERVE, then
# offer_id, sale_id and the freshness line. (SQLite reads the ON of an upsert after INSERT ... SELECT only once the
# SELECT has its WHERE, which it has.)
_RESERVE_UNLESS_BLOCKED = (
    f"{_INTO}SELECT ?, ?, ?, 'reserved', ?, ? WHERE NOT EXISTS (SELECT 1 FROM offer_ledger "  # noqa: S608
    f"WHERE offer_id = ? AND {_IN_USE} AND sale_id <> ? AND (status <> 'reserved' OR reserved_at >= ?)) "
    f"{_TAKEN_AGAIN}")


def _marks(values: list) -> str:
    """One ``?`` per value for ``IN (...)``."""
    return ", ".join("?" * len(values))


def _chunks(values: Iterable[str], size: int = 500) -> Iterator[list[str]]:
    """The offer ids in lists of at most ``size`` (a customer has a handful; SQLite takes at most 32766 values
    in one statement, and a tenant's bug must not make identifying fail)."""
    values = list(values)
    for start in range(0, len(values), size):
        yield values[start:start + size]


def _refusal(use: OfferUse) -> OfferAlreadyUsed:
    if use.status == "conflict":
        return OfferAlreadyUsed(texts.tr("This offer cannot be used again: Engage refused it for sale {sale} (used "
                                         "elsewhere)", sale=use.sale_id))
    if use.status == "reserved":
        return OfferAlreadyUsed(texts.tr("This offer is in another open sale at this till ({sale}): finish or void "
                                         "that sale first", sale=use.sale_id))
    return OfferAlreadyUsed(texts.tr("This offer was already used in sale {sale} at this till", sale=use.sale_id))


class OfferLedger:
    """Uses Journal's ``_db``, ``_write``, ``_insert_entries``, ``_as_journaled``, ``clock`` and ``get``."""

    _db: sqlite3.Connection

    # ------------------------------------------------------------------ reading

    def offer_uses(self, offer_id: str) -> list[OfferUse]:
        rows = self._db.execute("SELECT * FROM offer_ledger WHERE offer_id = ? ORDER BY reserved_at, sale_id",
                                (offer_id,)).fetchall()
        return [_use(row) for row in rows]

    def sale_offers(self, sale_id: str) -> list[OfferUse]:
        rows = self._db.execute("SELECT * FROM offer_ledger WHERE sale_id = ? ORDER BY reserved_at, offer_id",
                                (sale_id,)).fetchall()
        return [_use(row) for row in rows]

    def used_offers(self, offer_ids: Iterable[str]) -> set[str]:
        """Which of these offers this till must not offer again: used in a committed sale, or refused by Engage."""
        # The in-use index's own condition, said as it is, so SQLite reads that index (released rows left out)
        # and not every row an offer ever had: with a few hundred released uses of an offer, 125 us -> 4 us.
        return {row[0] for ids in _chunks(offer_ids) for row in self._db.execute(
            f"SELECT DISTINCT offer_id FROM offer_ledger WHERE offer_id IN ({_marks(ids)}) AND {_IN_USE} "  # noqa: S608
            f"AND status <> 'reserved'", ids)}

    def held_elsewhere(self, offer_ids: Iterable[str], sale_id: str | None) -> dict[str, str]:
        """Of these offers, those another sale stops ``sale_id`` from taking (used, refused by Engage, or held by
        another open sale at this till), each with why in the cashier's words: what a sale lists as not applicable
        before anyone tries (reserve_offer decides, inside its transaction).

        Answered from :class:`HeldAnswers` while the ledger is as it was then (a sale's state asks on every
        change, and the ledger's read was a sixth of an applied offer's answer); the answer is the caller's own."""
        ids = tuple(offer_ids)
        now = self.clock()
        answers = self._held_answers()
        found = answers.get(sale_id, ids, now)
        if found is not None:
            return dict(found)
        rows = sorted((row for chunk in _chunks(ids) for row in self._db.execute(
            f"SELECT * FROM offer_ledger WHERE offer_id IN ({_marks(chunk)}) AND sale_id IS NOT ? AND {_IN_USE}",  # noqa: S608
            (*chunk, sale_id))), key=lambda row: row["status"])
        fresh = now - RESERVATION_SECONDS
        held: dict[str, str] = {}
        lasts = float("inf")   # until a reservation it counted (shown or not) expires: the answer changes then
        for use in (_use(row) for row in rows):
            counts = use.status != "reserved" or use.reserved_at >= fresh
            if counts and use.status == "reserved":
                lasts = min(lasts, use.reserved_at + RESERVATION_SECONDS)
            if use.offer_id not in held and counts:
                held[use.offer_id] = texts.message_of(_refusal(use))   # its template kept: translated where shown
        answers.keep(sale_id, ids, now, lasts, held)
        return dict(held)

    def _held_answers(self) -> HeldAnswers:
        """The held_elsewhere answers still true: all are dropped when another connection (another process, or
        another Journal in this one) committed since (SQLite's ``PRAGMA data_version``, read before the ledger
        is, so a commit between the two only drops an answer that was new already) or this connection wrote
        anything but what :meth:`_wrote_own` accounts for (``total_changes``: a commit, an order, a release of
        orphans)."""
        seen = (self._db.execute("PRAGMA data_version").fetchone()[0], self._db.total_changes)
        answers = getattr(self, "_held", None)
        if answers is None or answers.seen != seen:
            answers = self._held = HeldAnswers(seen)
        return answers

    def _wrote_own(self, sale_id: str, changes_before: int) -> None:
        """This connection reserved or released offers of ``sale_id`` alone (``changes_before``: its total_changes
        before that write): what the held_elsewhere answers for ``sale_id`` itself said is still true (they leave
        its own uses out), every other sale's answer is dropped."""
        answers = getattr(self, "_held", None)
        if answers is not None and answers.seen[1] == changes_before:   # nothing else written meanwhile
            answers.seen = (answers.seen[0], self._db.total_changes)
            answers.by_sale = {key: answer for key, answer in answers.by_sale.items() if key[0] == sale_id}

    def _blocking_use(self, db: sqlite3.Connection, offer_id: str, sale_id: str, *,
                      reservations: bool) -> OfferUse | None:
        """Another sale's use that stops ``sale_id`` from taking the offer, else this sale's own conflict (inside a
        transaction). One read of the in-use index for both (an apply's reservation made two)."""
        rows = db.execute(f"SELECT * FROM offer_ledger WHERE offer_id = ? AND {_IN_USE} ORDER BY status",  # noqa: S608
                          (offer_id,)).fetchall()
        fresh = self.clock() - RESERVATION_SECONDS
        own = None
        for use in (_use(row) for row in rows):
            if use.sale_id == sale_id:
                own = use if use.status == "conflict" else own
            elif use.status != "reserved" or (reservations and use.reserved_at >= fresh):
                return use
        return own

    # ------------------------------------------------------------------ an open basket

    @property
    def reservation_holder(self) -> str:
        """Who this connection's reservations name as their holder: this process and this connection."""
        holder = getattr(self, "_holder", None)
        if holder is None:
            holder = self._holder = reservation_holders.new_holder()
        return holder

    def _forget_holder(self) -> None:
        """The connection is closed: its reservations' sales went with it (Journal.close)."""
        reservation_holders.forget(getattr(self, "_holder", None))

    def release_orphaned_reservations(self) -> int:
        """Release the reservations whose holder is gone (a till that restarted, crashed or was killed): open sales
        are kept in memory only, so their sales are gone with it, and the offers would stay blocked in every new
        sale for RESERVATION_SECONDS. Called when a till starts serving sales (SaleSessions). How many."""
        holders = [row[0] for row in self._db.execute(
            "SELECT DISTINCT holder FROM offer_ledger WHERE status = 'reserved' AND holder IS NOT NULL")]
        gone = [holder for holder in holders if reservation_holders.holder_gone(holder)]
        if not gone:
            return 0
        with self._write("release the offers of sales that are gone", durable=False) as db:
            return sum(db.execute("UPDATE offer_ledger SET status = 'released', released_at = ?, note = ? "
                                  "WHERE status = 'reserved' AND holder = ?",
                                  (self.clock(), "its sale was gone: the till had stopped", holder)).rowcount
                       for holder in gone)

    def reserve_offer(self, offer_id: str, kind: str, sale_id: str) -> None:
        """The cashier applied the offer to the open sale ``sale_id``: refused if another sale used or holds it.

        Written without waiting for the disk (``durable=False``): the reservation only keeps the offer out of
        another open basket meanwhile, every other process sees it at once, and a program crash keeps it. A
        power cut may take it back, together with the open sale that held it; nothing is lost, because the
        commit takes the offer in its own durable transaction after checking the ledger again.

        One statement (:meth:`_write_one`): the row goes in only where no other sale's use blocks it, read and
        written under the one write lock. Where nothing went in (a use blocks it, or this sale's own use is past
        reserving), the transaction it replaced decides and says why: :meth:`_blocking_use`, then the same
        INSERT, under BEGIN IMMEDIATE (a use released in between is reserved there, as it would have been)."""
        now, changes = self.clock(), self._db.total_changes
        fresh = now - RESERVATION_SECONDS
        if self._write_one("reserve the offer", _RESERVE_UNLESS_BLOCKED,
                           (offer_id, kind, sale_id, now, self.reservation_holder, offer_id, sale_id, fresh),
                           durable=False).rowcount != 1:
            with self._write("reserve the offer", durable=False) as db:
                blocking = self._blocking_use(db, offer_id, sale_id, reservations=True)
                if blocking is not None:
                    raise _refusal(blocking)
                db.execute(_RESERVE, (offer_id, kind, sale_id, now, self.reservation_holder))
        self._wrote_own(sale_id, changes)

    def release_offer(self, offer_id: str, sale_id: str, *, note: str = "") -> None:
        """The offer left the open sale (removed, or the sale voided): another sale may use it.

        Written without waiting for the disk, as the reservation it ends (``durable=False``; a void or a removed
        offer answered the POS ~0.25 ms later for the fsync): a power cut may take the release back, and the
        reservation then blocks the offer in this till's other baskets until it is RESERVATION_SECONDS old, as
        one left by a window that crashed does. Nothing is ever used twice or lost by it: a commit checks the
        ledger in its own durable transaction."""
        changes = self._db.total_changes
        self._write_one("release the offer", "UPDATE offer_ledger SET status = 'released', released_at = ?, "
                        "note = ? WHERE offer_id = ? AND sale_id = ? AND status = 'reserved'",
                        (self.clock(), note or None, offer_id, sale_id), durable=False)
        self._wrote_own(sale_id, changes)

    def release_sale(self, sale_id: str, *, note: str = "") -> int:
        """A voided sale: every offer it reserved is free again. Committed uses stay. Not waiting for the disk, as
        :meth:`release_offer`."""
        changes = self._db.total_changes
        released = self._write_one("release the sale's offers", "UPDATE offer_ledger SET status = 'released', "
                                   "released_at = ?, note = ? WHERE sale_id = ? AND status = 'reserved'",
                                   (self.clock(), note or None, sale_id), durable=False).rowcount
        self._wrote_own(sale_id, changes)
        return released

    # ------------------------------------------------------------------ committing a sale

    def commit_sale(self, entries: Sequence[NewEntry], *, sale_id: str, offers: Sequence[OfferToCommit] = (),
                    send_now: Sequence[int] = (), hold: int | None = None,
                    anonymous: bool = False) -> CommittedSale:
        """Journal a sale's entries and take its offers, in one transaction.

        Refused (OfferAlreadyUsed, nothing written) if another sale at this till used one of the offers.
        ``send_now``: indexes of entries the caller sends itself right away; they are journaled in flight, so no
        replayer takes them meanwhile and a crash leaves them to be checked like any unknown outcome.
        ``hold``: the index of an entry (the receipt) kept back until :meth:`release_held` (when this commit took
        something to send: a sale committed again, a double click, leaves the receipt as the first commit left it).
        ``anonymous``: count an anonymous sale (its receipt is not sent to Engage) and keep its id
        (:meth:`sale_committed`)."""
        now = self.clock()
        # The entries as written, returned without reading them back; one changed below is read back instead.
        written: dict[int, JournalEntry] = {}
        with self._write("record the sale") as db:
            ids = self._insert_entries(db, entries, sale_id, written)
            self._take_offers(db, offers, ids, sale_id=sale_id)   # a refusal rolls the entries back with it
            taken = set()
            for index in send_now:  # a sale committed twice (a double click): only what is still pending
                if db.execute("UPDATE entries SET status = 'in_flight', updated_at = ? WHERE id = ? "
                              "AND status = 'pending'", (now, ids[index])).rowcount:
                    taken.add(ids[index])
                    written.pop(ids[index], None)   # its triggers wrote the attempt's start into it
            if hold is not None and (taken or not send_now):  # a sale committed twice: the first decides
                db.execute("UPDATE entries SET next_attempt_at = ? WHERE id = ? AND status = 'pending'",
                           (now + HOLD_SECONDS, ids[hold]))
                written.pop(ids[hold], None)
            # Its id is kept (a posSaleId is not sold twice, and a sale committed twice is counted once).
            if anonymous and db.execute("INSERT INTO anonymous_sales (sale_id, committed_at) VALUES (?, ?) "
                                        "ON CONFLICT (sale_id) DO NOTHING", (sale_id, now)).rowcount:
                db.execute("INSERT INTO meta (name, value) VALUES (?, '1') ON CONFLICT (name) DO UPDATE SET "
                           "value = CAST(value AS INTEGER) + 1", (ANONYMOUS_SALES,))
        return CommittedSale(self._as_journaled(ids, written), frozenset(taken))

    def sale_committed(self, sale_id: str) -> bool:
        """Whether this till committed a sale under this uniqueReceiptId: its receipt is journaled, or it was a sale
        without a customer that journaled none (only its id, :meth:`commit_sale`)."""
        return (self.sold_without_customer(sale_id)
                or self._db.execute("SELECT 1 FROM entries WHERE idempotency_key = ?",
                                    (payloads.receipt_key(sale_id),)).fetchone() is not None)

    def sold_without_customer(self, *sale_ids: str) -> bool:
        """Whether this till committed one of these uniqueReceiptIds as a sale without a customer: its id is all
        that was kept (no receipt journaled, so no lines to return against)."""
        return self._db.execute(f"SELECT 1 FROM anonymous_sales WHERE sale_id IN ({_marks(sale_ids)})",  # noqa: S608
                                sale_ids).fetchone() is not None

    def release_held(self, entry_id: int) -> None:
        """The cashier decided: the held receipt goes now."""
        with self._write("release the receipt") as db:
            db.execute("UPDATE entries SET next_attempt_at = ? WHERE id = ? AND status = 'pending'",
                       (self.clock(), entry_id))

    def replace_held(self, entry_id: int, payload: dict[str, Any]) -> None:
        """The cashier removed a refused offer: the held receipt is replaced before it was ever sent."""
        with self._write("correct the receipt") as db:
            updated = db.execute("UPDATE entries SET payload = ?, next_attempt_at = ?, updated_at = ? WHERE id = ? "
                                 "AND status = 'pending' AND attempts = 0",
                                 (json.dumps(payload, ensure_ascii=False, separators=(",", ":")), self.clock(),
                                  self.clock(), entry_id)).rowcount
            if not updated:
                raise InvalidTransition(texts.tr("The receipt has already been sent: the offer cannot be removed "
                                                 "from it any more"))

    def anonymous_sales(self) -> int:
        row = self._db.execute("SELECT value FROM meta WHERE name = ?", (ANONYMOUS_SALES,)).fetchone()
        return int(row[0]) if row else 0

    # ------------------------------------------------------------------ taking a sale's or an order's offers

    def _take_offers(self, db: sqlite3.Connection, offers: Sequence[OfferToCommit], ids: Sequence[int], *,
                     sale_id: str, moved_from: str | None = None) -> None:
        """Inside the write transaction that journals ``sale_id`` (a sale, :meth:`commit_sale`; an order,
        order_book.save_order): its offers are taken (refused, OfferAlreadyUsed, when another sale or order used
        one), and what the basket ``moved_from`` reserved is released there, so a basket that became an order
        leaves no reservation behind and the order holds the offers instead."""
        now = self.clock()
        for offer in offers:
            blocking = self._blocking_use(db, offer.offer_id, sale_id, reservations=False)
            if blocking is not None:
                raise _refusal(blocking)
        if moved_from:
            db.execute("UPDATE offer_ledger SET status = 'released', released_at = ?, note = ? WHERE sale_id = ? "
                       "AND status = 'reserved'", (now, f"became order {sale_id}", moved_from))
        for offer in offers:
            db.execute(
                "INSERT INTO offer_ledger (offer_id, kind, sale_id, status, entry_id, reserved_at, committed_at) "
                "VALUES (?, ?, ?, 'committed', ?, ?, ?) ON CONFLICT (offer_id, sale_id) DO UPDATE SET "
                "status = 'committed', entry_id = excluded.entry_id, committed_at = excluded.committed_at, "
                "released_at = NULL, note = NULL WHERE offer_ledger.status IN ('reserved', 'released')",
                (offer.offer_id, offer.kind, sale_id, ids[offer.entry_index], now, now))
