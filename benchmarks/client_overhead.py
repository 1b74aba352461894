"""What EngageClient costs over bare httpx: identify + promotions round trips against the simulator on loopback.

Both sides make the same two requests per round trip to the same simulator process, interleaved in batches so
machine noise hits both alike. Prints both medians (per round trip) and the ratio. Target: ratio <= 1.10.

    python benchmarks/client_overhead.py [--rounds 400]
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _sim_process import simulator

from pos_engage import __version__
from pos_engage.core.domain import ContactKey
from pos_engage.core.engage.client import EngageClient

EMAIL = "anna.andersson@example.se"
KEY = "sim-demo-key"


async def with_client(client: EngageClient) -> None:
    contact_id = await client.identify(ContactKey.email(EMAIL))
    await client.list_promotions(contact_id)


async def with_bare_httpx(http: httpx.AsyncClient) -> None:
    answer = await http.get("/api/v3/contacts/id", params={"email": EMAIL})
    answer.raise_for_status()
    contact_id = answer.json()
    promotions = await http.get(f"/api/v2/contacts/{contact_id}/promotions", params={"redemptionChannelType": "POS"})
    promotions.raise_for_status()
    promotions.json()


async def measure(call, target, count: int) -> list[float]:
    samples = []
    for _ in range(count):
        start = time.perf_counter()
        await call(target)
        samples.append(time.perf_counter() - start)
    return samples


async def run(base_url: str, rounds: int, batch: int) -> tuple[list[float], list[float]]:
    headers = {"apikey": KEY, "User-Agent": f"pos-engage/{__version__}", "Content-Type": "application/json"}
    ours, bare = [], []
    async with EngageClient(base_url, KEY) as client, httpx.AsyncClient(base_url=base_url, headers=headers) as http:
        await measure(with_client, client, 20)  # warm both connection pools
        await measure(with_bare_httpx, http, 20)
        for index in range(0, rounds, batch):
            pair = [(with_client, client, ours), (with_bare_httpx, http, bare)]
            if (index // batch) % 2:
                pair.reverse()
            for call, target, sink in pair:
                sink.extend(await measure(call, target, batch))
    return ours, bare


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=1000)
    parser.add_argument("--batch", type=int, default=10)
    args = parser.parse_args()
    with simulator() as base_url:
        ours, bare = asyncio.run(run(base_url, args.rounds, args.batch))
    ours_median, bare_median = statistics.median(ours), statistics.median(bare)
    print(f"round trips each:              {len(ours)}")
    print(f"EngageClient median:           {ours_median * 1000:.3f} ms")
    print(f"bare httpx.AsyncClient median: {bare_median * 1000:.3f} ms")
    print(f"ratio (target <= 1.10):        {ours_median / bare_median:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
