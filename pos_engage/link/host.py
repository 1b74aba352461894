"""Wiring the POS link to a running till (the window's or ``pos-engage serve``'s): its sessions, token, idempotency
keys, status and the finished-receipt passthrough."""

from __future__ import annotations

from typing import Any

from pos_engage import __version__
from pos_engage.core.till import receipts
from pos_engage.core.till.pos_json import plain
from pos_engage.core.till.session import SaleSessions
from pos_engage.link.app import LinkApp
from pos_engage.link.idempotency import IdempotencyStore
from pos_engage.link.tokens import TokenSource


def build_link(service, *, tokens: TokenSource, sessions: SaleSessions | None = None) -> LinkApp:
    """The link over a TillService (its journal and Engage client)."""
    journal, client = service.journal, service.client
    keys = IdempotencyStore(journal)
    keys.prune()

    def status() -> dict[str, Any]:
        figures = journal.figures()
        monitor = client.monitor
        # Online once Engage has answered: not while the start's check is still asking (OnlineMonitor.checking).
        online = monitor is None or not (monitor.offline or monitor.checking)
        return {"online": online, "version": __version__,
                "queue": {"pending": figures.pending, "needsAttention": figures.needs_attention,
                          "conflicts": figures.conflicts}}

    async def journal_receipt(payload: Any) -> dict[str, Any]:
        # Passed through as the POS built it (core/till/receipts.py: every field of Engage's model kept, checked
        # by Engage's rules, the field named when refused); only the store and currency are filled in when left out.
        config = service.config
        receipt = receipts.checked(plain(payload), defaults={"storeExternalId": config.store_external_id,
                                                             "currency": config.currency})
        entries = receipts.journal_receipt(journal, receipt, exchange_rate=receipts.exchange_rate_of(config, receipt),
                                           as_sale=True)
        return {"uniqueReceiptId": receipt.unique_receipt_id, "journalEntries": [e.id for e in entries]}

    return LinkApp(sessions or SaleSessions(service), tokens=tokens, keys=keys, status=status,
                   receipts=journal_receipt)
