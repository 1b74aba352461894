"""Committing a sale with two offers through TillService while Engage is down, vs a bare sqlite3 insert + commit
of the same three rows with the same durability settings (WAL, synchronous=FULL); and, online with a slowed
Engage, how long commit takes to say "saved" against the redeem deadline.

The commit checks and takes both offers in the till's ledger inside the transaction that journals the receipt and
the two redemptions. Target (issue 12): median within 3x the bare commit; online, never longer than the deadline
(plus the local commit). Both run interleaved in one process, on the same disk.

    python benchmarks/offer_commit.py [--sales 200]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sqlite3
import statistics
import tempfile
import time
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from pos_engage.core.config import Config, TillSettings
from pos_engage.core.domain import ContactKey, KeyKind, Money, Promotion, RedemptionChannel, RewardVoucher, ValueType
from pos_engage.core.engage.client import EngageClient
from pos_engage.core.engage.online import Connectivity, OnlineMonitor
from pos_engage.core.journal.replayer import Replayer
from pos_engage.core.journal.store import Journal
from pos_engage.core.till.basket import Basket, BasketLine
from pos_engage.core.till.outcomes import Customer
from pos_engage.core.till.service import TillService
from pos_engage.sim.state import DEMO_API_KEY, SimState
from pos_engage.sim.transport import SimTransport


def offers(n: int) -> tuple[Promotion, RewardVoucher]:
    promotion = Promotion(f"assignment-{n}", "template-1", "20 %",
                          channels=(RedemptionChannel("POS", ValueType.PERCENT, percent=Decimal("20")),))
    return promotion, RewardVoucher(f"voucher-{n}", str(n), "Voucher", Money(Decimal("50"), "SEK"))


def bare_connection(path: Path) -> sqlite3.Connection:
    db = sqlite3.connect(path, isolation_level=None)
    db.execute("PRAGMA journal_mode = WAL")
    db.execute("PRAGMA synchronous = FULL")
    db.execute("CREATE TABLE IF NOT EXISTS rows (id INTEGER PRIMARY KEY, key TEXT UNIQUE, payload TEXT)")
    return db


async def offline(sales: int, folder: Path) -> tuple[list[float], list[float]]:
    journal = Journal.open(folder / "journal.sqlite3")
    bare = bare_connection(folder / "bare.sqlite3")
    monitor = OnlineMonitor(offline_after=1, probe_interval=3600)
    monitor.state = Connectivity.OFFLINE  # Engage down, already known to be down
    config = Config(till=TillSettings(offline_redemption="allow"))
    customer = Customer(ContactKey(KeyKind.EMAIL, "anna@example.se"), None, offline=True)
    ours, baseline = [], []
    async with EngageClient("http://127.0.0.1:9", "k", monitor=monitor) as client:
        till = TillService(config, client, journal, Replayer(journal, client, monitor=monitor))
        for n in range(sales):
            basket = Basket([BasketLine("1001", "T-shirt", 1, Decimal("199")), BasketLine("1002", "Socks", 2,
                                                                                        Decimal("49"))])
            for offer in offers(n):
                till.apply(basket, offer, customer)
            start = time.perf_counter()
            sale = await till.commit(basket, customer)
            ours.append(time.perf_counter() - start)
            rows = [(f"bare-{n}-{i}", json.dumps(journal.get(e).payload)) for i, e in enumerate(sale.entry_ids)]
            start = time.perf_counter()
            bare.execute("BEGIN IMMEDIATE")
            bare.executemany("INSERT INTO rows (key, payload) VALUES (?, ?)", rows)
            bare.execute("COMMIT")
            baseline.append(time.perf_counter() - start)
    journal.close()
    bare.close()
    return ours, baseline


async def online(sales: int, folder: Path, latency: float, deadline: float) -> list[float]:
    tenant = SimState(seed=7)
    anna = next(c for c in tenant.contacts.values() if c["attributes"]["email"] == "anna.andersson@example.se")
    journal = Journal.open(folder / "online.sqlite3")
    config = replace(Config(), till=TillSettings(redeem_deadline=deadline))
    waits = []
    async with EngageClient("https://engage.test", DEMO_API_KEY, transport=SimTransport(tenant),
                            monitor=OnlineMonitor()) as client:
        till = TillService(config, client, journal, Replayer(journal, client))
        for _ in range(sales):
            tenant.reset()
            tenant.faults.update({"latency": 0.0})
            customer = (await till.identify(anna["attributes"]["email"])).customer
            basket = Basket([BasketLine("1002", "Wool jacket", 1, Decimal("1299"))])
            till.apply(basket, next(p for p in customer.promotions if p.pos_channel.percent), customer)
            till.apply(basket, customer.vouchers[0], customer)
            tenant.faults.update({"latency": latency})
            start = time.perf_counter()
            await till.commit(basket, customer)
            waits.append(time.perf_counter() - start)
            journal.connection.execute("DELETE FROM offer_ledger")  # the demo tenant is reset for the next sale
        await till.redemptions_settled()
    journal.close()
    return waits


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sales", type=int, default=200)
    parser.add_argument("--online-sales", type=int, default=10)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-offers-"))
    ours, baseline = asyncio.run(offline(args.sales, folder))
    ours_median, bare_median = statistics.median(ours), statistics.median(baseline)
    print(f"offline commit, 2 offers ({len(ours)} sales): median {ours_median * 1000:.2f} ms, "
          f"p95 {statistics.quantiles(ours, n=20)[18] * 1000:.2f} ms")
    print(f"bare sqlite3 insert + commit (3 rows):  median {bare_median * 1000:.2f} ms")
    print(f"ratio (target <= 3):                    {ours_median / bare_median:.2f}")
    waits = asyncio.run(online(args.online_sales, folder, latency=3.0, deadline=1.5))
    print(f"online, Engage 3 s slow, deadline 1.5 s: commit said 'saved' after at most {max(waits):.2f} s "
          f"(median {statistics.median(waits):.2f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
