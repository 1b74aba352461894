"""What every delivery of a journal entry shares: its refusals, the answer "not done", and the contact it is for.

Separate from dispatch.py (which routes each kind to its call) so the modules that deliver one concern (orders,
redemptions, give-backs) share these without importing the router. ``NOT_DONE`` is what a check before a resend
answers when the earlier call did not take effect; ``CannotDeliver`` (and ``OutcomeUnknown``) is an entry that
cannot be sent as it stands; the contact id is the entry's own or the one its registration got.
"""

from __future__ import annotations

from pos_engage.core.errors import InputError
from pos_engage.core.journal.entry import EntryKind, EntryStatus, JournalEntry

NOT_DONE = object()


class CannotDeliver(InputError):
    """The entry cannot be sent as it stands (a dependency never delivered, an unreadable payload)."""

    code = "NotSendable"


class OutcomeUnknown(CannotDeliver):
    """Sent before, outcome unknown, and nothing to check it against: a person must decide."""


def _contact_from(dependency: JournalEntry | None) -> str | None:
    if dependency is None or dependency.kind is not EntryKind.REGISTER_CONTACT:
        return None
    if dependency.status is EntryStatus.DELIVERED and dependency.result:
        return dependency.result.get("contactId")
    return None


def _contact_id(entry: JournalEntry, dependency: JournalEntry | None) -> str:
    contact_id = (entry.payload or {}).get("contactId") or _contact_from(dependency)
    if not contact_id:
        raise CannotDeliver(f"entry {entry.id} is for a contact whose registration (entry {entry.depends_on}) was "
                            "not delivered by the API: correct and retry that registration, or resolve this one")
    return contact_id
