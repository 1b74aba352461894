"""The offer ledger's "held by another sale" answers, kept while the ledger is as it was when each was read
(OfferLedger.held_elsewhere: a sale's state asks on every change, and the ledger's read was a sixth of an applied
offer's answer). When the ledger changes, OfferLedger drops them (_held_answers, _wrote_own).
"""

from __future__ import annotations


class HeldAnswers:
    """OfferLedger.held_elsewhere's answers while the ledger is as ``seen`` (its data_version, the connection's
    total_changes): by (sale, offer ids), each with the clock's span it holds for (from when it was read, not to
    trust a clock set back, to the first expiry of a reservation it counted)."""

    LIMIT = 64   # answers kept (a till has a few open sales); more are dropped all at once

    def __init__(self, seen: tuple[int, int]) -> None:
        self.seen = seen
        self.by_sale: dict[tuple, tuple[float, float, dict[str, str]]] = {}

    def get(self, sale_id: str | None, ids: tuple[str, ...], now: float) -> dict[str, str] | None:
        found = self.by_sale.get((sale_id, ids))
        return found[2] if found is not None and found[0] <= now <= found[1] else None

    def keep(self, sale_id: str | None, ids: tuple[str, ...], now: float, lasts: float,
             held: dict[str, str]) -> None:
        if len(self.by_sale) >= self.LIMIT:
            self.by_sale.clear()
        self.by_sale[(sale_id, ids)] = (now, lasts, held)
