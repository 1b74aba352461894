"""Contacts: the key a customer is found by, the contact Engage holds, and what a registration or update sends."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field, fields
from datetime import datetime

from pos_engage.core import texts
from pos_engage.core.domain import personal_numbers
from pos_engage.core.domain.checks import mask, normalise_email, normalise_mobile, require_text
from pos_engage.core.errors import InputError


class KeyKind(enum.Enum):
    """How a contact is looked up. CUSTOM_KEY is the tenant's member or card number."""

    EMAIL = "email"
    MOBILE = "mobile"
    CUSTOM_KEY = "custom_key"
    SOCIAL_SECURITY_NUMBER = "ssn"


@dataclass(frozen=True)
class ContactKey:
    """A normalised lookup key. Build it with :meth:`email`, :meth:`mobile`, :meth:`custom` or
    :meth:`social_security_number`."""

    kind: KeyKind
    value: str

    def __post_init__(self) -> None:
        if not isinstance(self.kind, KeyKind):
            raise InputError("kind must be a KeyKind")
        require_text(self.value, self.kind.value)

    @classmethod
    def email(cls, text: str) -> ContactKey:
        return cls(KeyKind.EMAIL, normalise_email(text))

    @classmethod
    def mobile(cls, text: str, default_country_code: str = "+46") -> ContactKey:
        return cls(KeyKind.MOBILE, normalise_mobile(text, default_country_code))

    @classmethod
    def custom(cls, text: str) -> ContactKey:
        return cls(KeyKind.CUSTOM_KEY, require_text(text, "customKey", max_length=64))

    @classmethod
    def social_security_number(cls, text: str, prefer: str = "SE") -> ContactKey:
        """A Swedish personnummer (12 digits) or Finnish henkilötunnus, in its normal form (personal_numbers);
        ``prefer``: the country whose reading wins when a number is valid both ways."""
        text = require_text(text, "socialSecurityNumber", max_length=32)
        return cls(KeyKind.SOCIAL_SECURITY_NUMBER, personal_numbers.normalise(text, prefer=prefer))

    def masked(self) -> str:
        """For screens and logs: the one masking format (checks.mask); a personal number keeps less of itself."""
        if self.kind is KeyKind.SOCIAL_SECURITY_NUMBER:
            return personal_numbers.masked(self.value)
        return mask(self.value)


class ContactType(enum.StrEnum):
    """Engage's contact types the till knows; a tenant may have more, carried as plain strings."""

    MEMBER = "Member"
    CONTACT = "Contact"


@dataclass(frozen=True)
class Preferences:
    """Marketing preferences per channel."""

    accepts_email: bool = False
    accepts_sms: bool = False
    accepts_postal: bool = False


@dataclass(frozen=True)
class Contact:
    """A contact as Engage returns it. Fields the till does not use stay in ``extra``."""

    id: str
    contact_type: str
    first_name: str = ""
    last_name: str = ""
    email: str = ""
    mobile_phone: str = ""
    member_number: str = ""
    zip_code: str = ""
    city: str = ""
    country_code: str = ""
    preferences: Preferences = Preferences()
    created_on: datetime | None = None
    modified_on: datetime | None = None
    extra: dict = field(default_factory=dict, compare=False, hash=False)
    card_number: str = ""       # the loyalty card handed out (the tenant's card attribute; found by customKey)

    @property
    def display_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip() or self.email or self.mobile_phone or self.id

    @property
    def is_member(self) -> bool:
        return self.contact_type == ContactType.MEMBER

    @property
    def level(self) -> str:
        """The customer's loyalty level where the tenant keeps one on the contact: Engage has no standard field for
        it (engage-api.md 2.1 lists none), so it is one of the attributes tenants name it by, else ""."""
        attributes = {key.lower(): value for key, value in (self.extra or {}).items()}
        for key in LEVEL_ATTRIBUTES:
            value = attributes.get(key)
            if value not in (None, "") and not isinstance(value, dict | list):
                return str(value)
        return ""


# The attribute names (lower case) tenants keep a loyalty level under, in the order they are looked for.
LEVEL_ATTRIBUTES = ("level", "memberlevel", "loyaltylevel", "tier", "memberstatus")


def require_card_number(text: str) -> str:
    """A card number as the registration form may send it: digits only (a scanner's spaces taken out), 4 to 64 of
    them. Whether it is one of this store's cards (prefix, length, check digit) is the till's rule (till/scan.py)."""
    compact = require_text(text, "card_number", max_length=80).replace(" ", "")
    if not compact.isdigit() or not 4 <= len(compact) <= 64:
        raise InputError(texts.tr("'{text}' is not a card number", text=text), field="card_number")
    return compact


SOCIAL_SECURITY_NUMBER = "social_security_number"   # the registration form's field for it


@dataclass(frozen=True)
class NewContact:
    """What a registration sends. Email and mobile are normalised; at least one of them is required."""

    first_name: str = ""
    last_name: str = ""
    email: str = ""
    mobile_phone: str = ""
    zip_code: str = ""
    country_code: str = "SE"
    contact_type: str = ContactType.MEMBER
    preferences: Preferences = Preferences()
    card_number: str = ""       # a new loyalty card handed out at registration (never a key of its own here)
    # The customer's personnummer or henkilötunnus (Engage's socialSecurityNumber): optional, in its normal form
    # (personal_numbers), so the number she was looked up by finds her next time. Not enough alone to register:
    # Engage's offers reach a customer by email or SMS.
    social_security_number: str = ""

    def __post_init__(self) -> None:
        if self.email:
            object.__setattr__(self, "email", normalise_email(self.email))
        if self.mobile_phone:
            object.__setattr__(self, "mobile_phone", normalise_mobile(self.mobile_phone))
        if self.card_number:
            object.__setattr__(self, "card_number", require_card_number(self.card_number))
        if self.social_security_number:
            try:
                normal = personal_numbers.normalise(
                    require_text(self.social_security_number, SOCIAL_SECURITY_NUMBER, max_length=32),
                    prefer=self.country_code)   # her country's reading wins for a number valid both ways
            except InputError as problem:   # named by the form's field (personal_numbers names Engage's)
                raise InputError(texts.message_of(problem), field=SOCIAL_SECURITY_NUMBER) from None
            object.__setattr__(self, "social_security_number", normal)
        if not self.email and not self.mobile_phone:
            raise InputError(texts.tr("An email address or a mobile number is needed to register"), field="email")
        for name in ("first_name", "last_name", "zip_code"):
            value = getattr(self, name)
            if value:
                object.__setattr__(self, name, require_text(value, name, max_length=100))
        require_text(self.contact_type, "contact_type", max_length=50)

    def key(self) -> ContactKey:
        """The key a duplicate registration is found by again (email first, like Engage's `any`)."""
        if self.email:
            return ContactKey(KeyKind.EMAIL, self.email)
        return ContactKey(KeyKind.MOBILE, self.mobile_phone)


# The contact fields an update may change (Engage's PATCH sends only these, only when they changed).
UPDATABLE_FIELDS = ("first_name", "last_name", "email", "mobile_phone", "zip_code", "city", "country_code",
                    "card_number")


@dataclass(frozen=True)
class ContactUpdate:
    """Changed fields only: None means 'leave as it is', "" clears the field in Engage."""

    first_name: str | None = None
    last_name: str | None = None
    email: str | None = None
    mobile_phone: str | None = None
    zip_code: str | None = None
    city: str | None = None
    country_code: str | None = None
    preferences: Preferences | None = None
    card_number: str | None = None

    def __post_init__(self) -> None:
        if self.email:
            object.__setattr__(self, "email", normalise_email(self.email))
        if self.mobile_phone:
            object.__setattr__(self, "mobile_phone", normalise_mobile(self.mobile_phone))
        if self.card_number:
            object.__setattr__(self, "card_number", require_card_number(self.card_number))
        if self.is_empty():
            raise InputError(texts.tr("Nothing to update: no field changed"))

    def is_empty(self) -> bool:
        return all(getattr(self, f.name) is None for f in fields(self))

    @classmethod
    def between(cls, before: Contact, after: dict[str, str]) -> ContactUpdate:
        """Only the fields whose value differs from what Engage holds."""
        changed = {
            name: value for name, value in after.items()
            if name in UPDATABLE_FIELDS and (value or "") != (getattr(before, name) or "")
        }
        return cls(**changed)
