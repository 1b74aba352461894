"""Replaying queued receipts to the simulator on loopback (in its own process).

(a) with the default rate limit (50 requests/s, Engage's recommendation): the achieved rate; target >= 45/s.
(b) unthrottled: the replayer's rate vs a bare ``httpx.AsyncClient`` loop posting the same receipts to a
    freshly reset simulator in the same run; target ratio >= 0.7.

    python benchmarks/replay.py [--count 10000] [--throttled-count 10000]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
import urllib.request
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _sim_process import simulator

from pos_engage import __version__
from pos_engage.core.domain import MatchKey, MatchKeyType, Payment, Receipt, ReceiptItem
from pos_engage.core.engage import wire
from pos_engage.core.engage.client import EngageClient
from pos_engage.core.journal import payloads
from pos_engage.core.journal.replayer import Replayer
from pos_engage.core.journal.store import Journal

KEY = "sim-demo-key"
CET = timezone(timedelta(hours=1))


def receipts(count: int, prefix: str) -> list[Receipt]:
    return [Receipt(f"{prefix}-{n}", str(n), datetime(2026, 11, 23, 12, tzinfo=CET), "1", "SEK",
                    MatchKey("anna.andersson@example.se", MatchKeyType.EMAIL),
                    (ReceiptItem("1001", "T-shirt", 1, Decimal("199.00"), Decimal("25")),),
                    payments=(Payment("Card", Decimal("199.00")),)) for n in range(count)]


def reset(base: str) -> None:
    urllib.request.urlopen(urllib.request.Request(f"{base}/_sim/reset", data=b"{}", method="POST"), timeout=30)


def booked(base: str) -> int:
    with urllib.request.urlopen(f"{base}/_sim/received", timeout=60) as answer:
        return len(json.load(answer)["receipts"])


async def replay(base: str, sales: list[Receipt], rate: float | None) -> float:
    folder = Path(tempfile.mkdtemp(prefix="bench-replay-"))
    with Journal.open(folder / "journal.sqlite3") as journal:
        for start in range(0, len(sales), 500):
            for receipt in sales[start:start + 500]:
                journal.record([payloads.receipt(receipt)])
        async with EngageClient(base, KEY) as client:
            replayer = Replayer(journal, client, rate_per_second=rate, batch_size=100)
            began = time.perf_counter()
            report = await replayer.replay_until_empty(max_seconds=3600)
            elapsed = time.perf_counter() - began
        assert report.delivered == len(sales), report.summary()
    return len(sales) / elapsed


async def bare_loop(base: str, sales: list[Receipt]) -> float:
    bodies = [wire.receipt_to_json(r) for r in sales]
    headers = {"apikey": KEY, "User-Agent": f"pos-engage/{__version__}", "Content-Type": "application/json"}
    async with httpx.AsyncClient(base_url=base, headers=headers) as http:
        began = time.perf_counter()
        for body in bodies:
            (await http.post("/api/v3/receipts", json=body)).raise_for_status()
        elapsed = time.perf_counter() - began
    return len(bodies) / elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000, help="receipts for the unthrottled comparison")
    parser.add_argument("--throttled-count", type=int, default=10_000, help="receipts at the default 50/s")
    args = parser.parse_args()
    with simulator() as base:
        throttled = asyncio.run(replay(base, receipts(args.throttled_count, "t"), 50.0))
        assert booked(base) == args.throttled_count
        reset(base)
        unthrottled = asyncio.run(replay(base, receipts(args.count, "u"), None))
        assert booked(base) == args.count
        reset(base)
        bare = asyncio.run(bare_loop(base, receipts(args.count, "b")))
        assert booked(base) == args.count
    print(f"(a) {args.throttled_count} receipts at the default 50/s limit: {throttled:.1f}/s (target >= 45/s)")
    print(f"(b) {args.count} receipts unthrottled: replayer {unthrottled:.0f}/s, bare httpx loop {bare:.0f}/s, "
          f"ratio {unthrottled / bare:.2f} (target >= 0.7)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
