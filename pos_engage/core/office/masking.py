"""Personal data masked for a manager's or IT's eyes: an entry's payload (or result) with every email, phone, card
and personal number masked, as the queue view and ``journal show`` show it unless a person unmasks it (audited:
people.People.revealed). Apart from queue.py, which says what to do about an entry, not how its data is shown."""

from __future__ import annotations

from typing import Any

from pos_engage.core.domain import personal_numbers
from pos_engage.core.domain.checks import mask
from pos_engage.core.journal.entry import JournalEntry


def masked_payload(entry: JournalEntry) -> Any:
    """The payload with every email, phone, card and personal number masked (unless a manager unmasks it)."""
    return masked(entry.payload)


def masked(value: Any) -> Any:
    """``value`` (an entry's payload or result, as JSON) with every email, phone, card and personal number masked."""
    def walk(value: Any) -> Any:
        if isinstance(value, dict):
            return {k: walk(v) for k, v in value.items()}
        if isinstance(value, list):
            return [walk(v) for v in value]
        if isinstance(value, str):
            # A henkilötunnus (131052-308T) is neither all digits nor an email: it needs its own test.
            if personal_numbers.looks_like(value):
                return personal_numbers.masked(value)
            if "@" in value or (value.lstrip("+").isdigit() and len(value) >= 7):
                return mask(value)
        return value
    return walk(value)
