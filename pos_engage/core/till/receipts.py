"""A receipt the POS built itself, journaled as it is (issue 16): ``POST /v1/receipts`` on the POS link and
``pos-engage receipt submit`` both call :func:`checked`, then :func:`journal_receipt` with the rate to the group
currency the till adds (:func:`exchange_rate_of`).

The receipt passes through as the POS wrote it (``wire.read_receipt``: every field of Engage's model kept, checked
by Engage's rules, the field named when refused, and nothing journaled then); only what it leaves out is filled in
from ``defaults`` (the store, the currency, and at the command line its time and a unique id). Journaled once: the
unique receipt id is its idempotency key, so the same receipt sent twice is one entry.
"""

from __future__ import annotations

import json
from typing import Any

from pos_engage.core import texts
from pos_engage.core.config import Config, group_exchange_rate
from pos_engage.core.domain import Receipt
from pos_engage.core.engage import wire
from pos_engage.core.journal import payloads
from pos_engage.core.journal.entry import JournalEntry
from pos_engage.core.journal.store import Journal
from pos_engage.core.till.pos_sale_input import SaleProblem
from pos_engage.core.till.sale_commit import require_rate


def checked(payload: Any, *, defaults: dict[str, Any]) -> Receipt:
    """The POS's receipt read by Engage's rules, with what it leaves out taken from ``defaults`` (InputError names
    the field)."""
    return wire.read_receipt(payload, additions=wire.ReceiptAdditions(defaults=defaults)).receipt


def exchange_rate_of(config: Config, receipt: Receipt) -> float | None:
    """The ``exchangeRateToGroupCurrency`` the till adds to a receipt the POS built (config.group_exchange_rate, for
    its currency); refused (InputError naming the field, nothing journaled) when the receipt is in a currency whose
    rate the till does not know and the POS gave none: Engage would count it in the group's currency as it is."""
    require_rate(config, receipt.currency, receipt.source_json or {})
    return group_exchange_rate(config, receipt.currency)


def journal_receipt(journal: Journal, receipt: Receipt, *, exchange_rate: float | None = None,
                    as_sale: bool = False) -> list[JournalEntry]:
    """The receipt's journal entries (the one already there when this receipt was journaled before). ``as_sale``:
    they are the sale of that receipt id (the POS link's receipts, which the link reports by sale).
    ``exchange_rate``: the till's rate to the group currency (``config.group_exchange_rate``), added when the POS
    left ``exchangeRateToGroupCurrency`` out, as on every receipt the till makes itself."""
    entry = payloads.receipt(receipt, exchange_rate=exchange_rate)
    before = journal.by_key(entry.idempotency_key)
    if before is not None and before.payload is not None and before.payload != _as_stored(entry.payload):
        # The same receipt again is answered with its first entries (a POS retrying); another receipt under that
        # id would be dropped as a repeat, here and by Engage, while the POS was told it was journaled.
        raise SaleProblem(texts.tr("Another receipt was journaled under uniqueReceiptId {id}: a receipt needs an "
                                   "id of its own", id=receipt.unique_receipt_id), code="ReceiptIdUsed",
                          kind="conflict", errors=[{"field": "uniqueReceiptId", "reason": "used by another receipt"}])
    return journal.record([entry], sale_id=receipt.unique_receipt_id if as_sale else None)


def _as_stored(payload: dict[str, Any]) -> Any:
    """The payload as the journal gives it back (JSON: tuples become lists), to compare with an entry read."""
    return json.loads(json.dumps(payload))
