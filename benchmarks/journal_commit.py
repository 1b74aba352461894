"""Recording a sale (receipt + one redemption) in the journal while Engage is down, vs a bare sqlite3
insert + commit of the same two rows with the same durability settings (WAL, synchronous=FULL).

What the cashier waits for is the commit: delivery happens after. With Engage down and known offline, the
delivery attempt right after the commit costs nothing (no probe due, no request). Targets: median < 20 ms,
ratio <= 3. Both run interleaved in one process, on the same disk.

    python benchmarks/journal_commit.py [--sales 300]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sqlite3
import statistics
import tempfile
import time
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

from pos_engage.core.domain import MatchKey, MatchKeyType, Payment, Receipt, ReceiptItem
from pos_engage.core.engage.client import EngageClient
from pos_engage.core.engage.online import Connectivity, OnlineMonitor
from pos_engage.core.journal import payloads
from pos_engage.core.journal.replayer import Replayer
from pos_engage.core.journal.store import Journal

CET = timezone(timedelta(hours=1))


def make_sale(n: int) -> list:
    receipt = Receipt(f"bench-{n}", str(n), datetime(2026, 11, 23, 12, tzinfo=CET), "1", "SEK",
                      MatchKey("anna@example.se", MatchKeyType.EMAIL),
                      (ReceiptItem("1001", "T-shirt", 1, Decimal("199.00"), Decimal("25")),
                       ReceiptItem("1002", "Socks", 2, Decimal("98.00"), Decimal("25"))),
                      payments=(Payment("Card", Decimal("297.00")),), used_promotions=("template-1",))
    return [payloads.receipt(receipt), payloads.promotion_redemption(f"assignment-{n}", contact_id="c-1")]


def bare_connection(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = FULL")
    db.execute("CREATE TABLE IF NOT EXISTS rows (id INTEGER PRIMARY KEY, key TEXT UNIQUE, payload TEXT)")
    return db


async def run(sales: int) -> tuple[list[float], list[float]]:
    folder = Path(tempfile.mkdtemp(prefix="bench-journal-"))
    journal = Journal.open(folder / "journal.sqlite3")
    bare = bare_connection(folder / "bare.sqlite3")
    monitor = OnlineMonitor(offline_after=1, probe_interval=3600)
    monitor.state = Connectivity.OFFLINE  # Engage down, already known to be down
    monitor.last_probe_at = monitor.clock()
    async with EngageClient("http://127.0.0.1:9", "k", monitor=monitor) as client:
        replayer = Replayer(journal, client, monitor=monitor)
        ours, baseline = [], []
        for n in range(sales):
            entries = make_sale(n)
            start = time.perf_counter()
            journal.record(entries, sale_id=f"sale-{n}")
            await replayer.replay_once()  # the delivery attempt after the commit: offline, so nothing goes out
            ours.append(time.perf_counter() - start)
            rows = [(f"bare-{n}-{i}", json.dumps(e.payload)) for i, e in enumerate(entries)]
            start = time.perf_counter()
            bare.execute("BEGIN IMMEDIATE")
            bare.executemany("INSERT INTO rows (key, payload) VALUES (?, ?)", rows)
            bare.execute("COMMIT")
            baseline.append(time.perf_counter() - start)
    journal.close()
    bare.close()
    return ours, baseline


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sales", type=int, default=300)
    args = parser.parse_args()
    ours, baseline = asyncio.run(run(args.sales))
    ours_median, bare_median = statistics.median(ours), statistics.median(baseline)
    print(f"sales recorded:                     {len(ours)}")
    print(f"journal (sale + delivery attempt):  median {ours_median * 1000:.2f} ms, "
          f"p95 {statistics.quantiles(ours, n=20)[18] * 1000:.2f} ms (target median < 20 ms)")
    print(f"bare sqlite3 insert + commit:       median {bare_median * 1000:.2f} ms")
    print(f"ratio (target <= 3):                {ours_median / bare_median:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
