"""What the till's use cases answer: who the customer is, how a registration or a sale went.

Kept apart from TillService so the window can be built (and shown) before the Engage client and the journal
are loaded: these are plain values over the domain, with no network or storage behind them.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from decimal import Decimal

from pos_engage.core.domain import Contact, ContactKey, KeyKind, MatchKey, MatchKeyType, Promotion, RewardVoucher

_KEY_TO_MATCH = {KeyKind.EMAIL: MatchKeyType.EMAIL, KeyKind.MOBILE: MatchKeyType.MOBILE_PHONE,
                 KeyKind.CUSTOM_KEY: MatchKeyType.MEMBER_NUMBER,
                 KeyKind.SOCIAL_SECURITY_NUMBER: MatchKeyType.SOCIAL_SECURITY_NUMBER}


class Found(enum.Enum):
    FOUND = "found"
    NOT_FOUND = "not_found"
    MULTIPLE = "multiple"
    OFFLINE = "offline"
    INVALID = "invalid"


@dataclass(frozen=True)
class Customer:
    """Who the sale is for: a contact from Engage, or (offline) the key the customer gave."""

    key: ContactKey
    contact: Contact | None = None
    promotions: tuple[Promotion, ...] = ()
    vouchers: tuple[RewardVoucher, ...] = ()
    offline: bool = False
    promotions_fetched_at: float | None = None
    registration_entry: int | None = None      # registered offline: the sale's receipt waits for this entry

    @property
    def match_key(self) -> MatchKey:
        if self.contact is not None:
            return MatchKey(self.contact.id)
        return MatchKey(self.key.value, _KEY_TO_MATCH[self.key.kind])

    @property
    def name(self) -> str:
        return self.contact.display_name if self.contact else self.key.masked()


@dataclass(frozen=True)
class IdentifyOutcome:
    """What looking up a scan or typed key found, and what to tell the cashier."""

    found: Found
    customer: Customer | None = None
    key: ContactKey | None = None
    message: str = ""
    from_cache: bool = False


@dataclass(frozen=True)
class RegisterOutcome:
    """What a registration did: created, adopted, queued offline, or refused (with the fields to fix)."""

    customer: Customer | None = None
    created: bool = False
    queued: bool = False
    field_errors: dict[str, str] = field(default_factory=dict)
    message: str = ""


@dataclass(frozen=True)
class SaleOutcome:
    """A finished sale: its receipt id, its total and the journal entries that deliver it."""

    receipt_id: str
    total: Decimal
    entry_ids: tuple[int, ...]


@dataclass(frozen=True)
class ConsentEvidence:
    """What the customer agreed to, as evidence: the wording shown, when, where, by whom."""

    wording_version: str
    accepts_email: bool
    accepts_sms: bool
    cashier: str
