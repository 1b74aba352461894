"""1,000 queued registrations of customers Engage already holds, replayed at the default rate limit against the
simulator on loopback (in its own process), counted on the simulator's own per-key counter (/_sim/rate).

Each registration costs several requests (the lookup, filling what Engage has empty, reading the contact back),
which is what the limit must count. Targets: at most 50 requests in any one-second window, and a throughput of
at least 90 % of the limit. Baseline measured in the same run: the same replay unthrottled on a freshly reset
simulator (what the limit holds back).

    python benchmarks/registration_rate.py [--count 1000] [--baseline-count 300]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _sim_process import simulator

from pos_engage.core.config import Config
from pos_engage.core.domain import NewContact
from pos_engage.core.engage.client import EngageClient
from pos_engage.core.engage.online import OnlineMonitor
from pos_engage.core.journal import payloads
from pos_engage.core.journal.replayer import Replayer
from pos_engage.core.journal.store import Journal

KEY = "sim-demo-key"


def admin(base: str, path: str, method: str = "GET"):
    request = urllib.request.Request(f"{base}{path}", data=b"{}" if method == "POST" else None, method=method)
    with urllib.request.urlopen(request, timeout=60) as answer:
        return json.load(answer)


async def existing_customers(base: str, count: int) -> list[str]:
    """Customers Engage holds before the till registers them again (created unpaced: set-up, not measured)."""
    emails = [f"bench{n}@example.se" for n in range(count)]
    async with EngageClient(base, KEY) as client:
        gate = asyncio.Semaphore(8)

        async def create(email: str) -> None:
            async with gate:
                await client.register(NewContact(first_name="Bench", email=email), store_external_id="1")

        await asyncio.gather(*(create(email) for email in emails))
    return emails


async def replay(base: str, emails: list[str], rate: float | None) -> tuple[int, float]:
    """Queue a registration per customer (with a last name Engage does not have yet) and replay them all."""
    settings = Config().journal
    with tempfile.TemporaryDirectory(prefix="bench-registrations-") as folder, \
            Journal.open(Path(folder) / "journal.sqlite3") as journal:
        for email in emails:
            journal.record([payloads.registration(NewContact(first_name="Bench", last_name="Again", email=email),
                                                  store_external_id="1")])
        async with EngageClient(base, KEY) as client:
            replayer = Replayer(journal, client, monitor=OnlineMonitor(), rate_per_second=rate,
                                concurrency=settings.concurrency)
            admin(base, "/_sim/rate", "DELETE")
            began = time.perf_counter()
            report = await replayer.replay_until_empty(max_seconds=3600)
            elapsed = time.perf_counter() - began
            replayer.close()
        if report.delivered != len(emails):
            raise SystemExit(f"not all delivered: {report.summary()} {report.errors[:3]}")
    return report.delivered, elapsed


def counted(base: str) -> dict:
    (figures,) = admin(base, "/_sim/rate").values()  # one API key
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000, help="registrations replayed at the default limit")
    parser.add_argument("--baseline-count", type=int, default=300, help="registrations replayed unthrottled")
    args = parser.parse_args()
    limit = Config().journal.rate_limit
    with simulator() as base:
        emails = asyncio.run(existing_customers(base, args.count))
        delivered, elapsed = asyncio.run(replay(base, emails, limit))
        limited = counted(base)
        admin(base, "/_sim/reset", "POST")
        emails = asyncio.run(existing_customers(base, args.baseline_count))
        _, free_elapsed = asyncio.run(replay(base, emails, None))
        free = counted(base)
    achieved = limited["total"] / elapsed
    print(f"{delivered} registrations of existing customers at the default limit of {limit:g} requests/s:")
    print(f"  {limited['total']} requests in {elapsed:.1f} s ({limited['total'] / delivered:.2f} per registration)")
    print(f"  busiest one-second window on the simulator: {limited['max_in_any_window']} requests "
          f"(busiest calendar second {limited['max_per_second']}; target <= {limit:g})")
    print(f"  throughput {achieved:.1f} requests/s = {achieved / limit:.2f} of the limit (target >= 0.90)")
    print(f"baseline, unthrottled in the same run: {free['total']} requests in {free_elapsed:.1f} s = "
          f"{free['total'] / free_elapsed:.0f} requests/s, busiest window {free['max_in_any_window']} "
          f"({free['total'] / free_elapsed / achieved:.1f}x what the limit lets through)")
    ok = limited["max_in_any_window"] <= limit and achieved >= 0.9 * limit
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
