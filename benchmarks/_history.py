"""A journal with years of history for the benchmarks: ``count`` entries at 1,000 a day up to now, as a till
leaves them (delivered, a few exported or resolved; those past the 30-day retention already pruned to their
record), written in one transaction. Works on any version of the journal's schema (the table is created by
whatever ``pos_engage`` is imported), so the same history measures the code before and after a change."""

from __future__ import annotations

import json
import random
import sqlite3
import time
from pathlib import Path

PER_DAY = 1000
RETENTION_DAYS = 30
KINDS = ("receipt",) * 70 + ("redeem_promotion",) * 10 + ("register_contact",) * 5 + ("update_contact",) * 5 + \
    ("redeem_voucher",) * 5 + ("upgrade_contact",) * 2 + ("order_create",) * 2 + ("order_action",)


def _payload() -> str:
    from datetime import datetime, timedelta, timezone
    from decimal import Decimal

    from pos_engage.core.domain import MatchKey, MatchKeyType, Payment, Receipt, ReceiptItem
    from pos_engage.core.journal import payloads

    receipt = Receipt("history-0001", "1", datetime(2026, 11, 23, 12, tzinfo=timezone(timedelta(hours=1))), "1",
                      "SEK", MatchKey("someone@example.se", MatchKeyType.EMAIL),
                      (ReceiptItem("1001", "T-shirt", 1, Decimal("199.00"), Decimal("25")),),
                      payments=(Payment("Card", Decimal("199.00")),))
    return json.dumps(payloads.receipt(receipt).payload, separators=(",", ":"))


def fill_history(path: Path, count: int, *, backlog: int = 0, now: float | None = None, seed: int = 7) -> None:
    """Create the journal at ``path`` (if needed) and add ``count`` entries ending at ``now``: settled ones, and
    the last ``backlog`` still open (mostly pending, a few needing attention or in conflict)."""
    from pos_engage.core.journal.store import Journal

    Journal.open(path).close()
    if not count:
        return
    now = time.time() if now is None else now
    rng = random.Random(seed)
    payload = _payload()
    first = now - count * 86400 / PER_DAY
    pruned_before = now - RETENTION_DAYS * 86400
    rows = []
    for n in range(count):
        created = first + n * 86400 / PER_DAY
        settled = created + 5
        kind = rng.choice(KINDS)
        if n < count - backlog:
            status = rng.choices(("delivered", "exported", "resolved"), (97, 2, 1))[0]
        else:
            status = rng.choices(("pending", "waiting_retry", "needs_attention", "conflict"), (90, 5, 3, 2))[0]
            settled = created if status == "pending" else created + 5  # never pruned, never "delivered"
        pruned = status in ("delivered", "exported", "resolved") and settled < pruned_before
        key = f"register:pruned-h{n}" if pruned and kind == "register_contact" else f"{kind}:history-{n}"
        rows.append((kind, None if pruned else payload, key, f"history-sale-{n // 2}", status, created, created,
                     settled, settled if status == "delivered" else None, settled + 86400 * RETENTION_DAYS
                     if pruned else None))
    db = sqlite3.connect(path, isolation_level=None)
    try:
        db.execute("PRAGMA journal_mode = WAL")
        db.execute("PRAGMA cache_size = -262144")
        db.execute("PRAGMA temp_store = MEMORY")
        db.execute("BEGIN")
        db.executemany("INSERT INTO entries (kind, payload, idempotency_key, sale_id, status, attempts, "
                       "next_attempt_at, created_at, updated_at, delivered_at, pruned_at) "
                       "VALUES (?, ?, ?, ?, ?, 1, ?, ?, ?, ?, ?)", rows)
        db.execute("COMMIT")
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    finally:
        db.close()
