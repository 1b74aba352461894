"""Journal entries: their kinds, their states, and the transitions between states that are allowed.

The state machine (enforced by the store; anything else raises InvalidTransition)::

    pending ──claim──▶ in_flight ──▶ delivered                       (terminal)
       ▲                  │   ├────▶ waiting_retry ──due──▶ in_flight
       │                  │   ├────▶ needs_attention (permanent 4xx, with Engage's message)
       │                  │   └────▶ conflict        (409: e.g. already redeemed)
       └──start-up────────┘          (in flight when the till stopped: outcome unknown, check first)
    pending / waiting_retry ──export──▶ exported     (terminal: never sent by API afterwards)
    needs_attention / conflict / waiting_retry ──retry──▶ pending   (a manager: fixed it, or "send now")
    any but delivered/exported ──resolve──▶ resolved (terminal, audited, with a reason)
"""

from __future__ import annotations

import contextlib
import contextvars
import enum
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from pos_engage.core import texts
from pos_engage.core.engage.retry import CallKind


class EntryKind(enum.StrEnum):
    REGISTER_CONTACT = "register_contact"
    UPDATE_CONTACT = "update_contact"
    UPGRADE_CONTACT = "upgrade_contact"
    REDEEM_PROMOTION = "redeem_promotion"
    REDEEM_VOUCHER = "redeem_voucher"
    RECEIPT = "receipt"
    ORDER_CREATE = "order_create"
    ORDER_UPDATE = "order_update"
    ORDER_ACTION = "order_action"
    ORDER_COMMUNICATION = "order_communication"
    MARKETING_ORDER = "marketing_order"        # the second orders platform, not Engage
    REACTIVATE_VOUCHER = "reactivate_voucher"  # a voucher used on a sale returned in full is given back
    REINSTATE_PROMOTION = "reinstate_promotion"  # the promotion of a sale returned in full, assigned again


# How safe each kind is to send again (Part A decision 10).
CALL_KINDS: dict[EntryKind, CallKind] = {
    EntryKind.REGISTER_CONTACT: CallKind.CHECKED_WRITE,   # checked by a lookup on the same key
    EntryKind.UPDATE_CONTACT: CallKind.IDEMPOTENT_WRITE,
    EntryKind.UPGRADE_CONTACT: CallKind.IDEMPOTENT_WRITE,
    EntryKind.REDEEM_PROMOTION: CallKind.CHECKED_WRITE,   # checked in the promotion list (redeemed)
    EntryKind.REDEEM_VOUCHER: CallKind.CHECKED_WRITE,     # checked in the voucher list (redeemed)
    EntryKind.RECEIPT: CallKind.RECEIPT,
    EntryKind.ORDER_CREATE: CallKind.IDEMPOTENT_WRITE,    # a resend replaces the order with the same orderId
    EntryKind.ORDER_UPDATE: CallKind.IDEMPOTENT_WRITE,    # a full replace (PUT): the same body twice is one change
    EntryKind.ORDER_ACTION: CallKind.NEVER_REPEAT,        # a resend would email the customer again
    EntryKind.ORDER_COMMUNICATION: CallKind.NEVER_REPEAT,
    EntryKind.MARKETING_ORDER: CallKind.IDEMPOTENT_WRITE,  # the platform updates an order sent again
    # Not safe to repeat blindly: if the customer used the voucher again after our reactivation, a second one would
    # give it back twice; checked in the voucher list (dispatch.check_reactivated).
    EntryKind.REACTIVATE_VOUCHER: CallKind.CHECKED_WRITE,
    # A second assignment is a second promotion: checked in the contact's promotions (dispatch.check_reinstated).
    EntryKind.REINSTATE_PROMOTION: CallKind.CHECKED_WRITE,
}

# Kinds that go to the second orders platform, delivered by their own sink (never held up by Engage's state).
MARKETING_KINDS = frozenset({EntryKind.MARKETING_ORDER})

# What a manager sees for each kind.
KIND_LABELS: dict[EntryKind, str] = {
    EntryKind.REGISTER_CONTACT: texts.tr("registration"),
    EntryKind.UPDATE_CONTACT: texts.tr("contact update"),
    EntryKind.UPGRADE_CONTACT: texts.tr("upgrade to member"),
    EntryKind.REDEEM_PROMOTION: texts.tr("promotion redemption"),
    EntryKind.REDEEM_VOUCHER: texts.tr("voucher redemption"),
    EntryKind.RECEIPT: texts.tr("receipt"),
    EntryKind.ORDER_CREATE: texts.tr("order"),
    EntryKind.ORDER_UPDATE: texts.tr("order change"),
    EntryKind.ORDER_ACTION: texts.tr("order message"),
    EntryKind.ORDER_COMMUNICATION: texts.tr("order message (v2)"),
    EntryKind.MARKETING_ORDER: texts.tr("order to marketing platform"),
    EntryKind.REACTIVATE_VOUCHER: texts.tr("voucher given back (return)"),
    EntryKind.REINSTATE_PROMOTION: texts.tr("promotion given back (return)"),
}


class EntryStatus(enum.StrEnum):
    PENDING = "pending"
    IN_FLIGHT = "in_flight"
    DELIVERED = "delivered"
    WAITING_RETRY = "waiting_retry"
    NEEDS_ATTENTION = "needs_attention"
    CONFLICT = "conflict"
    EXPORTED = "exported"
    RESOLVED = "resolved"


S = EntryStatus
TRANSITIONS: dict[EntryStatus, frozenset[EntryStatus]] = {
    S.PENDING: frozenset({S.IN_FLIGHT, S.EXPORTED, S.RESOLVED}),
    S.WAITING_RETRY: frozenset({S.IN_FLIGHT, S.PENDING, S.EXPORTED, S.RESOLVED}),
    S.IN_FLIGHT: frozenset({S.DELIVERED, S.WAITING_RETRY, S.NEEDS_ATTENTION, S.CONFLICT, S.PENDING}),
    S.NEEDS_ATTENTION: frozenset({S.PENDING, S.RESOLVED}),
    S.CONFLICT: frozenset({S.PENDING, S.RESOLVED}),
    S.DELIVERED: frozenset(),
    S.EXPORTED: frozenset(),
    S.RESOLVED: frozenset(),
}
TERMINAL = frozenset(s for s, targets in TRANSITIONS.items() if not targets)
# Settled: nothing more will happen by itself. A dependent entry may go once its dependency is settled.
SETTLED = TERMINAL
UNDELIVERED = frozenset({S.PENDING, S.WAITING_RETRY, S.IN_FLIGHT, S.NEEDS_ATTENTION, S.CONFLICT})


# A manager's retry. Never from in_flight: only start-up recovery may move an in-flight entry back (while the
# replayer holds it, a retry would let it be claimed and sent a second time).
MANAGER_RETRY_SOURCES = frozenset({S.NEEDS_ATTENTION, S.CONFLICT, S.WAITING_RETRY})
# Messages Engage cannot be asked about (an order's email or action): whether one whose answer was lost reached the
# customer is asked of a person instead (dispatch.check_done), so the manager's Retry is that person's answer ("it
# did not reach her"): it sends without asking again. Any other entry whose earlier outcome is unknown keeps being
# asked about first, a retried one too.
VOUCHED_BY_RETRY = frozenset({EntryKind.ORDER_ACTION, EntryKind.ORDER_COMMUNICATION})


def sources_of(target: EntryStatus) -> frozenset[EntryStatus]:
    """The states from which ``target`` may be reached."""
    return frozenset(source for source, targets in TRANSITIONS.items() if target in targets)


class Channel(enum.StrEnum):
    API = "api"
    FILE = "file"


class Origin(enum.StrEnum):
    """Where an entry came from, as recorded when it was journaled (migration 0010_who_rang_up). An entry journaled
    before that has none: its origin is unknown (the queue then still reads a receipt's id, as it did)."""

    WINDOW = "window"                # the till window's own basket
    INBOX_BASKET = "inbox_basket"    # a basket file the POS dropped in the inbox, finished in the window
    RECEIPT_FILE = "receipt_file"    # a receipt file the POS dropped in the inbox, finished in the window
    POS_LINK = "pos_link"            # the POS link, its transport not said by the door that took it
    POS_HTTP = "pos_http"            # the POS link over HTTP
    POS_FOLDER = "pos_folder"        # the POS link's folders (sales/, commits/)
    COMMAND_LINE = "command_line"    # pos-engage receipt submit

    @classmethod
    def read(cls, value: object) -> Origin | None:
        """The recorded value; None for none, or for one a newer version wrote (not misread as another)."""
        try:
            return cls(value) if value is not None else None
        except ValueError:
            return None


@dataclass(frozen=True)
class Source:
    """Who rang an entry up (the person signed in at the till, as the audit names people: "Anna Berg (1001)", or
    the till itself, "till 3", when it is shared; None when nobody was signed in, as in a headless ``serve``) and
    where it came from."""

    origin: Origin
    rung_by: str | None = None


# What the door that is journaling right now says about where it comes from (and who is at the till): a door such
# as the command line or the POS link sets it around its call (:func:`journaling_from`) and every entry written
# inside, whatever use case writes it, records it unless the entry says otherwise. Read once per write
# transaction, never a statement of its own.
_JOURNALING_FROM: contextvars.ContextVar[Source | None] = contextvars.ContextVar("journaling_from", default=None)


@contextlib.contextmanager
def journaling_from(origin: Origin, rung_by: str | None = None) -> Iterator[Source]:
    """Entries journaled inside (this task or thread, and what it awaits) record this source."""
    source = Source(Origin(origin), rung_by)
    token = _JOURNALING_FROM.set(source)
    try:
        yield source
    finally:
        _JOURNALING_FROM.reset(token)


def current_source() -> Source | None:
    """The source the door journaling now set (:func:`journaling_from`), or None."""
    return _JOURNALING_FROM.get()


def source_or(origin: Origin, rung_by: str | None) -> Source:
    """What the door journaling now said (:func:`journaling_from`), else ``origin`` and ``rung_by``: a use case's
    own default for what it journals when no door said (a sale's: the POS link; an order's: the window)."""
    return current_source() or Source(Origin(origin), rung_by)


@dataclass(frozen=True)
class NewEntry:
    """An entry to be written. ``depends_on_index`` points at another NewEntry written in the same call."""

    kind: EntryKind
    payload: dict[str, Any]
    idempotency_key: str
    depends_on: int | None = None
    depends_on_index: int | None = None
    lane: str | None = None
    source: Source | None = None   # who and where; None: what the door journaling now said (current_source)


@dataclass(frozen=True)
class JournalEntry:
    """One change waiting for, or done with, delivery: what it is, what it waits for, and how far it got."""

    id: int
    kind: EntryKind
    payload: dict[str, Any] | None
    idempotency_key: str
    depends_on: int | None
    lane: str | None
    sale_id: str | None
    status: EntryStatus
    attempts: int
    next_attempt_at: float
    check_first: bool
    last_error_code: str | None
    last_error: str | None
    result: dict[str, Any] | None
    channel: Channel
    export_file: str | None
    created_at: float
    updated_at: float
    delivered_at: float | None
    pruned_at: float | None
    rung_by: str | None = None     # the person at the till when it was journaled (Source.rung_by)
    origin: Origin | None = None   # where it came from; None: not recorded (journaled before 0010_who_rang_up)

    @property
    def label(self) -> str:
        return KIND_LABELS[self.kind]

    @property
    def call_kind(self) -> CallKind:
        return CALL_KINDS[self.kind]
