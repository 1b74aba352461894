"""What the till's use cases answer: who the customer is, how a registration or a sale went.

Kept apart from TillService so the window can be built (and shown) before the Engage client and the journal
are loaded: these are plain values over the domain, with no network or storage behind them.
"""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from pos_engage.core import texts
from pos_engage.core.config import MatchKeyTypes
from pos_engage.core.domain import (
    Contact,
    ContactKey,
    ContactUpdate,
    MatchKey,
    Preferences,
    Promotion,
    RewardVoucher,
)
from pos_engage.core.domain.checks import initials, mask, mask_name
from pos_engage.core.domain.contacts import UPDATABLE_FIELDS
from pos_engage.core.engage import wire

if TYPE_CHECKING:
    from pos_engage.core.till.candidates import SeveralMatches
    from pos_engage.core.till.hand_over import HandOver
    from pos_engage.core.till.loyalty import Points


class Found(enum.Enum):
    FOUND = "found"
    NOT_FOUND = "not_found"
    MULTIPLE = "multiple"
    OFFLINE = "offline"
    INVALID = "invalid"
    CODE = "code"           # an offer code, not a key (core/till/codes.py): ``code`` says what it did


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
    points: Points | None = None               # her point accounts (None: not asked, as for an offline customer)

    @property
    def match_key(self) -> MatchKey:
        """Whom Engage books the sale to, with the default matchKeyTypes (Voyado's swagger enum)."""
        return self.match_key_with(MatchKeyTypes())

    def match_key_with(self, types: MatchKeyTypes) -> MatchKey:
        """Whom Engage books the sale to: the contact id once known, else the key the customer gave, typed as the
        tenant matches that kind of key (``config.engage.match_key_types``: a card is a card, not a member
        number)."""
        if self.contact is not None:
            return wire.contact_match_key(self.contact.id, types)
        return wire.match_key_for(self.key, types)

    @property
    def name(self) -> str:
        return self.contact.display_name if self.contact else self.key.masked()

    @property
    def without_engage(self) -> bool:
        """Taken while Engage could not be asked (offline, or no contact found for her yet): her offers are not
        known to Engage's rules now, so the store's offline rules decide (offer_rules.offline_refusal)."""
        return self.offline or self.contact is None


@dataclass(frozen=True)
class IdentifyOutcome:
    """What looking up a scan or typed key found, and what to tell the cashier."""

    found: Found
    customer: Customer | None = None
    key: ContactKey | None = None
    message: str = ""
    from_cache: bool = False
    code: Any = None        # with Found.CODE: the codes.CodeOutcome
    several: SeveralMatches | None = None   # with Found.MULTIPLE: the customers to pick from (masked)


@dataclass(frozen=True)
class ExistingContact:
    """A registration found the customer already in Engage. Nothing changes there until the cashier says so:
    the window asks ``message`` and answers with TillService.confirm_registration."""

    contact: Contact
    key: ContactKey
    update: ContactUpdate | None      # the form's fields that differ from Engage's (None: nothing differs)
    upgrade: bool                     # a newsletter Contact, to become a Member
    consent: ConsentEvidence | None = None
    concurrent: bool = False          # another till created her between this till's lookup and its create (409)

    @property
    def name(self) -> str:
        """Who the question is about, as the pick list of customers sharing a key names them: her initials. The
        cashier asks "Erik?"; whoever typed someone's email does not learn the owner's name from the till."""
        return initials(self.contact.first_name, self.contact.last_name)

    def changes(self) -> list[tuple[str, str, str]]:
        """(field, what Engage holds, what the form holds) for each change, for the question to list. What Engage
        holds is masked (held_shown): she is not yet known to be the customer at the till."""
        if self.update is None:
            return []
        rows = [(name, held_shown(name, str(getattr(self.contact, name) or "")), getattr(self.update, name))
                for name in UPDATABLE_FIELDS if getattr(self.update, name) is not None]
        if self.update.preferences is not None:
            held, wanted = self.contact.preferences, self.update.preferences
            rows += [(name, _yes_no(getattr(held, name)), _yes_no(getattr(wanted, name)))
                     for name in ("accepts_email", "accepts_sms") if getattr(held, name) != getattr(wanted, name)]
        return rows


# What Engage holds under these is a key to a person: the question shows it masked (checks.mask), as every screen
# does. Anyone who knows an email could otherwise read her mobile from it.
KEY_FIELDS = frozenset({"email", "mobile_phone", "card_number", "social_security_number"})
# Her names are masked to their first letter, as an email's own part is (checks.mask_name): the cashier can still
# tell "Svensson → Svensson-Ek" (S*** → Svensson-Ek) from another person's name. Postcode, city and country are a
# place, not a person, and stay as the pick list shows the city.
NAME_FIELDS = frozenset({"first_name", "last_name"})


def held_shown(name: str, held: str) -> str:
    """What Engage holds for a field, as the question about a customer Engage holds shows it: a key masked, a name
    to its first letter, the rest as held (empty stays empty). What the cashier typed is hers to check: as typed."""
    if not held:
        return ""
    if name in KEY_FIELDS:
        return mask(held)
    return mask_name(held) if name in NAME_FIELDS else held


def _yes_no(value: bool) -> str:
    return texts.tr("yes") if value else texts.tr("no")


@dataclass(frozen=True)
class RegisterOutcome:
    """What a registration did: created, adopted, queued offline, refused (with the fields to fix), or found the
    customer already in Engage (``existing``: a question for the cashier, nothing adopted yet)."""

    customer: Customer | None = None
    created: bool = False
    queued: bool = False
    field_errors: dict[str, str] = field(default_factory=dict)
    message: str = ""
    existing: ExistingContact | None = None


@dataclass(frozen=True)
class RefusedOffer:
    """An offer Engage refused at commit (used elsewhere meanwhile): the cashier removes it or keeps it."""

    offer_id: str
    description: str
    entry_id: int          # its redemption entry (in conflict)
    reason: str


@dataclass(frozen=True)
class SaleOutcome:
    """A finished sale: its receipt id, its total and the journal entries that deliver it.

    ``refused``: offers Engage refused at commit; the receipt (``held_receipt``) waits for the cashier's decision.
    ``posted``: False for a sale without a customer that is counted but not sent (no catch-all contact).
    ``hand_over``: what the cashier must now do for the customer (a partner's code to give: core/till/hand_over.py)."""

    receipt_id: str
    total: Decimal
    entry_ids: tuple[int, ...]
    refused: tuple[RefusedOffer, ...] = ()
    held_receipt: int | None = None
    posted: bool = True
    message: str = ""
    hand_over: tuple[HandOver, ...] = ()


@dataclass(frozen=True)
class ConsentEvidence:
    """What the customer agreed to, as evidence: the wording shown, when, where, by whom."""

    wording_version: str
    accepts_email: bool
    accepts_sms: bool
    cashier: str

    def record(self, *, outcome: str, held: Preferences | None, sent: bool, entry: int | None = None) -> dict:
        """The audit row's content. ``accepts_email``/``accepts_sms`` are what Engage holds after this
        registration, as Engage confirmed them (None while it is queued: nothing is confirmed yet); what the
        customer ticked at the till is kept beside them as ``ticked``, and ``sent`` says whether it went to
        Engage. So the evidence never claims a consent Engage does not hold."""
        return {"wording_version": self.wording_version, "outcome": outcome, "sent": sent,
                "accepts_email": held.accepts_email if held is not None else None,
                "accepts_sms": held.accepts_sms if held is not None else None,
                "ticked": {"email": self.accepts_email, "sms": self.accepts_sms},
                **({"entry": entry} if entry is not None else {})}
