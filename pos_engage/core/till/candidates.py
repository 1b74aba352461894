"""Several customers share the key the cashier typed: the ones Engage can name, masked, for the cashier to pick.

Engage's lookup answers 409 MultipleMatches and names nobody; asked again once per contact type (the lookup's
documented ``contactType``), it names each type's one holder of the key (client_contacts.py says why that is the
only listing Engage offers). A Member and a newsletter Contact sharing a family's mobile are both listed; two
Members sharing it stay unnamed, and the cashier asks for another key (the email, the card).

Until the cashier picks one, the list shows nothing a person behind the customer could read out: initials, the
email and member number masked as every screen masks them (checks.mask), the city. Only the contact id, which
says nothing about the person, is kept to identify the one picked.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass

from pos_engage.core.domain import Contact, ContactKey, ContactType, KeyKind
from pos_engage.core.domain.checks import initials, mask
from pos_engage.core.errors import EngageNotFound, MultipleMatches


@dataclass(frozen=True)
class Candidate:
    """One of the customers sharing a key, as the pick list shows them (masked)."""

    contact_id: str
    key: ContactKey           # the shared key the cashier typed
    initials: str             # "K. B."
    contact_type: str
    email: str = ""           # masked: k***@example.se
    mobile: str = ""          # masked, shown only when the shared key is not the mobile
    member_number: str = ""   # masked: ***003
    city: str = ""

    @property
    def is_member(self) -> bool:
        return self.contact_type == ContactType.MEMBER

    @classmethod
    def of(cls, contact: Contact, key: ContactKey) -> Candidate:
        return cls(contact.id, key, initials(contact.first_name, contact.last_name), contact.contact_type,
                   email=mask(contact.email) if contact.email and key.kind is not KeyKind.EMAIL else "",
                   mobile=mask(contact.mobile_phone) if contact.mobile_phone and key.kind is not KeyKind.MOBILE
                   else "",
                   member_number=mask(contact.member_number) if contact.member_number else "",
                   city=contact.city)


@dataclass(frozen=True)
class SeveralMatches:
    """What the till could find out about the customers sharing ``key``: those it can name, and whether others
    share it too (``unlisted``: the cashier asks for another key when none of the named is the customer)."""

    key: ContactKey
    candidates: tuple[Candidate, ...] = ()
    unlisted: bool = True


async def several_matches(client, key: ContactKey,
                          contact_types: Sequence[str] = tuple(ContactType)) -> SeveralMatches:
    """Ask Engage once per contact type who holds ``key`` (both at once); each type's one holder is a candidate.
    Engage's failures propagate (the caller falls back to asking for another key)."""

    async def of_type(contact_type: str) -> Contact | bool | None:
        try:
            return await client.get_contact(await client.identify_of_type(key, contact_type))
        except EngageNotFound:
            return None
        except MultipleMatches:
            return True          # several of this type: Engage names none of them

    found = await asyncio.gather(*(of_type(str(t)) for t in contact_types))
    contacts = [c for c in found if isinstance(c, Contact)]
    # A single one named after a 409 means the others are of a type this till does not know: unlisted too.
    unlisted = any(c is True for c in found) or len(contacts) < 2
    return SeveralMatches(key, tuple(Candidate.of(c, key) for c in contacts), unlisted)
