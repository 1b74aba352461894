"""The journal a store has after years: a million generated entries, built once per test run.

Skipped unless asked for: ``pytest -m scale`` builds 1,000,000 entries, CI (``CI`` set) 200,000, and
``POS_ENGAGE_SCALE_ENTRIES=n`` any size. The entries look like a till's history at 1,000 a day: delivered ones
(those past the 30-day retention already pruned, as the till does every day), a few exported or resolved, and
a backlog at the end: pending, waiting to retry, needing attention or in conflict, some waiting for those.
"""

from __future__ import annotations

import json
import os
import random
from dataclasses import dataclass
from pathlib import Path

import pytest

from pos_engage.core.journal import payloads
from pos_engage.core.journal.entry import EntryKind
from pos_engage.core.journal.store import Journal
from tests.core.conftest import sale

SCALE_ENV = "POS_ENGAGE_SCALE_ENTRIES"
PER_DAY = 1000
RETENTION_DAYS = 30.0
BACKLOG = 5000
START = 1_700_000_000.0

# How often each kind occurs in a store's history (a sale is mostly a receipt).
KIND_MIX = ((EntryKind.RECEIPT, 70), (EntryKind.REDEEM_PROMOTION, 10), (EntryKind.REGISTER_CONTACT, 5),
            (EntryKind.UPDATE_CONTACT, 5), (EntryKind.REDEEM_VOUCHER, 5), (EntryKind.UPGRADE_CONTACT, 2),
            (EntryKind.ORDER_CREATE, 2), (EntryKind.ORDER_ACTION, 1))


def scale_size(config: pytest.Config) -> int | None:
    """How many entries the scale tests run on, or None when they are not asked for."""
    if os.environ.get(SCALE_ENV):
        return int(os.environ[SCALE_ENV])
    if "scale" in (config.getoption("markexpr", "") or ""):
        return 1_000_000
    if os.environ.get("CI"):
        return 200_000
    return None


@dataclass(frozen=True)
class BigJournal:
    path: Path
    entries: int
    now: float           # the clock the generated history ends at


def _history(count: int, rng: random.Random) -> list[tuple]:
    payload = json.dumps(payloads.receipt(sale("scale-0001")).payload, separators=(",", ":"))
    kinds = [kind.value for kind, weight in KIND_MIX for _ in range(weight)]
    backlog_from = max(0, count - BACKLOG)
    pruned_before = START + (count / PER_DAY - RETENTION_DAYS) * 86400
    rows, attention = [], []
    for n in range(count):
        entry_id = n + 1
        created = START + n * 86400 / PER_DAY
        kind = rng.choice(kinds)
        depends_on = None
        if n < backlog_from:
            status = rng.choices(("delivered", "exported", "resolved"), (97, 2, 1))[0]
        else:
            status = rng.choices(("pending", "waiting_retry", "needs_attention", "conflict"), (85, 10, 3, 2))[0]
            if status in ("needs_attention", "conflict"):
                attention.append(entry_id)
            elif attention and rng.random() < 0.2:
                depends_on = rng.choice(attention)  # waits for one that needs a person: blocked
        settled = created + 5 if status in ("delivered", "exported", "resolved") else None
        pruned = settled is not None and settled < pruned_before
        key = f"register:pruned-{entry_id}" if pruned and kind == "register_contact" else f"{kind}:scale-{entry_id}"
        rows.append((entry_id, kind, None if pruned else payload, key, depends_on,
                     f"scale-sale-{entry_id // 2}", status, 1 if settled else 0, created + 10, created,
                     settled or created, settled if status == "delivered" else None,
                     settled + 86400 * RETENTION_DAYS if pruned else None))
    return rows


def build_big_journal(path: Path, count: int) -> BigJournal:
    """``count`` entries written in one transaction (executemany): seconds, not minutes. The triggers keep the
    counters as they would for entries written one by one."""
    rng = random.Random(20261127)
    with Journal.open(path) as journal:
        # Room for the indexes being built (the default 2 MB cache makes every insert a page fault).
        journal.connection.execute("PRAGMA cache_size = -262144")
        with journal.write_transaction("generate history") as db:
            db.executemany(
                "INSERT INTO entries (id, kind, payload, idempotency_key, depends_on, sale_id, status, attempts, "
                "next_attempt_at, created_at, updated_at, delivered_at, pruned_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", _history(count, rng))
    return BigJournal(path, count, START + count * 86400 / PER_DAY)


@pytest.fixture(scope="session")
def big_journal(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> BigJournal:
    count = scale_size(request.config)
    if count is None:
        pytest.skip(f"a million-entry journal: run with -m scale (or {SCALE_ENV}=n)")
    return build_big_journal(tmp_path_factory.mktemp("scale") / "journal.sqlite3", count)
