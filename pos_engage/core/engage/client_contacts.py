"""Engage's calls for the customer card beyond identify: a lookup narrowed to one contact type (how the till lists
the customers who share a key) and the contact's point accounts.

A base class of EngageClient, using its request helpers (``_read``, ``_parsed``).

Several contacts with one key: Engage's lookup answers 409 ``MultipleMatches`` and names none of them, and no call
in Voyado's swagger lists the contacts a key matches (``bykey`` and ``contactoverview`` answer one contact,
``memberstatus`` "the first found"). What the lookup does document is the optional ``contactType`` (engage-api.md
2.2): asked once per contact type, it names each type's one holder of the key. Two contacts of the same type with
one key stay unnamed (409 again): for them the cashier asks for another key.
"""

from __future__ import annotations

from pos_engage.core.domain import ContactKey
from pos_engage.core.domain.checks import require_text
from pos_engage.core.domain.points import PointAccount, PointDefinition
from pos_engage.core.engage import responses, wire
from pos_engage.core.errors import InputError


class ContactLookups:
    """Contact-type lookups and point accounts; mixed into EngageClient."""

    async def identify_of_type(self, key: ContactKey, contact_type: str) -> str:
        """The id of the one contact of ``contact_type`` holding ``key`` (404 none, 409 several of that type)."""
        if not isinstance(key, ContactKey):
            raise InputError("identify_of_type needs a ContactKey")
        answer = await self._read("/api/v3/contacts/id",
                                  params=wire.key_query(key, require_text(contact_type, "contactType", max_length=50)),
                                  expected=responses.CONTACT_ID)
        return self._parsed(answer, wire.contact_id_from_json, "contact id")

    async def point_accounts(self, contact_id: str) -> tuple[PointAccount, ...]:
        """The contact's point accounts (v2 only: ``GET /api/v2/point-accounts?contactId=``); none is ()."""
        answer = await self._read("/api/v2/point-accounts",
                                  params={"contactId": require_text(contact_id, "contactId"), "offset": "0",
                                          "count": "10"})
        return self._parsed(answer, wire.point_accounts_from_json, "point accounts")

    async def point_definitions(self) -> tuple[PointDefinition, ...]:
        """The tenant's kinds of points (their names): ``GET /api/v2/point-accounts/definitions``."""
        answer = await self._read("/api/v2/point-accounts/definitions", params={"offset": "0", "count": "100"},
                                  expected=responses.OBJECT_OR_LIST)
        return self._parsed(answer, wire.point_definitions_from_json, "point definitions")
