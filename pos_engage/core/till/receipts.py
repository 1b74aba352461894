"""A receipt the POS built itself, journaled as it is (issue 16): ``POST /v1/receipts`` on the POS link and
``pos-engage receipt submit`` both call :func:`checked`, then :func:`journal_receipt`.

The receipt passes through as the POS wrote it (``wire.read_receipt``: every field of Engage's model kept, checked
by Engage's rules, the field named when refused, and nothing journaled then); only what it leaves out is filled in
from ``defaults`` (the store, the currency, and at the command line its time and a unique id). Journaled once: the
unique receipt id is its idempotency key, so the same receipt sent twice is one entry.
"""

from __future__ import annotations

from typing import Any

from pos_engage.core.domain import Receipt
from pos_engage.core.engage import wire
from pos_engage.core.journal import payloads
from pos_engage.core.journal.entry import JournalEntry
from pos_engage.core.journal.store import Journal


def checked(payload: Any, *, defaults: dict[str, Any]) -> Receipt:
    """The POS's receipt read by Engage's rules, with what it leaves out taken from ``defaults`` (InputError names
    the field)."""
    return wire.read_receipt(payload, additions=wire.ReceiptAdditions(defaults=defaults)).receipt


def journal_receipt(journal: Journal, receipt: Receipt, *, exchange_rate: float | None = None,
                    as_sale: bool = False) -> list[JournalEntry]:
    """The receipt's journal entries (the one already there when this receipt was journaled before). ``as_sale``:
    they are the sale of that receipt id (the POS link's receipts, which the link reports by sale).
    ``exchange_rate``: the till's rate to the group currency (``config.group_exchange_rate``), added when the POS
    left ``exchangeRateToGroupCurrency`` out, as on every receipt the till makes itself."""
    return journal.record([payloads.receipt(receipt, exchange_rate=exchange_rate)],
                          sale_id=receipt.unique_receipt_id if as_sale else None)
