"""10,000 queued registrations (issue 15): delivered through the bulk contacts API vs one by one, both at the
default rate limit, in one run, against the simulator in its own process on loopback.

The backlog is what a long outage leaves: mostly new customers, some Engage already holds (registered at
another till meanwhile), a few it refuses; one in twenty has a receipt waiting for it. Each run starts from a
reset simulator and a fresh journal, and ends when every entry is settled; the requests are counted on the
simulator's own per-key counter (/_sim/rate).

    python benchmarks/bulk_registrations.py [--count 10000] [--single-count 10000]
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
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
from _sim_process import simulator

from pos_engage.core.config import Config
from pos_engage.core.domain import MatchKey, MatchKeyType, NewContact
from pos_engage.core.engage.client import EngageClient
from pos_engage.core.engage.online import OnlineMonitor
from pos_engage.core.journal import payloads
from pos_engage.core.journal.entry import NewEntry
from pos_engage.core.journal.replayer import Replayer
from pos_engage.core.journal.store import Journal
from tests.core.conftest import sale

KEY = "sim-demo-key"


def admin(base: str, path: str, method: str = "GET"):
    request = urllib.request.Request(f"{base}{path}", data=b"{}" if method == "POST" else None, method=method)
    with urllib.request.urlopen(request, timeout=60) as answer:
        return json.load(answer)


def kind_of(n: int) -> str:
    return "existing" if n % 10 == 1 else "invalid" if n % 50 == 7 else "new"


async def existing_customers(base: str, count: int) -> None:
    """The customers Engage holds already (created unpaced, in bulk: set-up, not measured)."""
    bodies = [{"firstName": "Finns", "email": f"c{n}@example.se"} for n in range(count) if kind_of(n) == "existing"]
    async with EngageClient(base, KEY) as client:
        for start in range(0, len(bodies), 4000):
            await client.bulk_create_bodies(bodies[start:start + 4000], contact_type="Member")


def queue(journal: Journal, count: int) -> None:
    entries = []
    for n in range(count):
        entry = payloads.registration(NewContact(first_name="Kund", last_name=f"N{n}", email=f"c{n}@example.se"),
                                      store_external_id="1")
        if kind_of(n) == "invalid":
            refused = {**entry.payload["contact"], "firstName": "x" * 150}  # longer than Engage takes
            entry = NewEntry(entry.kind, {**entry.payload, "contact": refused}, entry.idempotency_key, lane=entry.lane)
        entries.append(entry)
    written = journal.record(entries)
    journal.record([payloads.receipt(sale(f"bench-{n}", MatchKey(f"c{n}@example.se", MatchKeyType.EMAIL)),
                                     depends_on=written[n].id) for n in range(0, count, 20)])


async def run(base: str, count: int, threshold: int) -> tuple[float, dict, dict]:
    settings = Config().journal
    with tempfile.TemporaryDirectory(prefix="bench-bulk-") as folder, \
            Journal.open(Path(folder) / "journal.sqlite3") as journal:
        queue(journal, count)
        async with EngageClient(base, KEY) as client:
            replayer = Replayer(journal, client, monitor=OnlineMonitor(), rate_per_second=settings.rate_limit,
                                concurrency=settings.concurrency, bulk_threshold=threshold)
            admin(base, "/_sim/rate", "DELETE")
            began = time.perf_counter()
            await replayer.replay_until_empty(max_seconds=7200)
            elapsed = time.perf_counter() - began
            replayer.close()
        states = dict(journal.connection.execute(
            "SELECT status, count(*) FROM entries GROUP BY status").fetchall())
    (figures,) = admin(base, "/_sim/rate").values()
    return elapsed, states, figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000, help="registrations delivered in bulk")
    parser.add_argument("--single-count", type=int, default=10_000, help="registrations delivered one by one")
    args = parser.parse_args()
    limit = Config().journal.rate_limit
    results = {}
    with simulator() as base:
        for label, count, threshold in (("bulk", args.count, Config().journal.bulk_threshold),
                                        ("one by one", args.single_count, 0)):
            admin(base, "/_sim/reset", "POST")
            asyncio.run(existing_customers(base, count))
            results[label] = (count, *asyncio.run(run(base, count, threshold)))
    print(f"queued registrations at the default rate limit of {limit:g} requests/s "
          "(90 % new, 10 % already in Engage, 2 % refused; a receipt waiting for one in 20):")
    for label, (count, elapsed, states, figures) in results.items():
        print(f"  {label:>10}: {count} in {elapsed:7.1f} s, {figures['total']} requests "
              f"({figures['total'] / count:.2f} per registration), busiest second {figures['max_in_any_window']}; "
              f"entries {states}")
    bulk, single = results["bulk"], results["one by one"]
    per_bulk, per_single = bulk[1] / bulk[0], single[1] / single[0]
    print(f"  bulk is {per_single / per_bulk:.0f}x faster per registration")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
