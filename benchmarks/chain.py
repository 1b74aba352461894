"""A chain's tills on one API key: N real `pos-engage journal replay` processes, each with its own journal and
backlog, against one simulator process on loopback with Engage's per-key limit on. Measures the drain time, the
share of requests refused (429), the most requests the simulator saw in any one-second window, and a cashier's
lookup latency during the drain (an identify every half second on the same key: how many came back, how fast).

The same run measures today's code and the code before a change: ``--old /tmp/old`` names a git worktree of the
earlier commit (made with ``git worktree add /tmp/old <commit>`` before the change), whose processes run with it
first on PYTHONPATH.

    python benchmarks/chain.py --tills 2 4 8 --backlog 5000 --limit 50 --old /tmp/old
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _sim_process import simulator

from pos_engage.core.domain import ContactKey
from pos_engage.core.engage.client import EngageClient, Timeouts
from pos_engage.core.errors import EngageError

ROOT = Path(__file__).resolve().parent.parent

KEY = "sim-demo-key"


def admin(base: str, path: str, method: str = "GET", body: dict | None = None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base + path, data=data, method=method,
                                     headers={"Content-Type": "application/json"})
    with urllib.request.urlopen(request, timeout=10) as answer:
        return json.loads(answer.read() or b"null")


BUILD = """
import sys
from pos_engage.core.journal import payloads
from pos_engage.core.journal.store import Journal
from tests.core.conftest import sale

number, backlog = sys.argv[2], int(sys.argv[3])
with Journal.open(sys.argv[1]) as journal:
    for start in range(0, backlog, 5000):
        journal.record([payloads.receipt(sale(f"c{number}-{n}")) for n in range(start, min(backlog, start + 5000))])
"""


def prepare(folder: Path, number: int, base: str, backlog: int, limit: float, tills_on_key: int,
            code: str | None) -> dict:
    """A till's folder: its configuration and a journal with ``backlog`` receipts, written by the version that
    will deliver it (an older version refuses a journal a newer one wrote)."""
    till = folder / f"till{number}"
    till.mkdir(parents=True)
    (till / "config.json").write_text(json.dumps({
        "store_external_id": "42", "till_id": str(number), "engage": {"base_url": base},
        "journal": {"rate_limit": limit, "retry_schedule": [1.0]}
        | ({"tills_on_key": tills_on_key} if code is None else {})}))  # the code before has no such key
    root = code or str(ROOT)
    subprocess.run([sys.executable, "-c", BUILD, str(till / "data" / "journal.sqlite3"), str(number), str(backlog)],
                   env=os.environ | {"PYTHONPATH": root}, cwd=root, check=True)
    return os.environ | {"POS_ENGAGE_CONFIG": str(till / "config.json"), "POS_ENGAGE_DATA_DIR": str(till / "data"),
                         "POS_ENGAGE_API_KEY": KEY}


async def cashier(base: str, stop: asyncio.Event) -> list[float | None]:
    """An identify every half second on the same key while the tills drain: seconds taken, None when refused."""
    took: list[float | None] = []
    async with EngageClient(base, KEY, timeouts=Timeouts(interactive=4.0)) as client:
        while not stop.is_set():
            start = time.perf_counter()
            try:
                await client.identify(ContactKey.email("anna.andersson@example.se"))
                took.append(time.perf_counter() - start)
            except EngageError:
                took.append(None)
            await asyncio.sleep(0.5)
    return took


async def drain(base: str, envs: list[dict], code: str | None, max_seconds: float) -> float:
    env_code = {"PYTHONPATH": code} if code else {}
    start = time.perf_counter()
    processes = [await asyncio.create_subprocess_exec(
        sys.executable, "-m", "pos_engage", "journal", "replay", "--until-empty", "--max-seconds", str(max_seconds),
        env=env | env_code, cwd=code or None, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL) for env in envs]
    await asyncio.gather(*(p.wait() for p in processes))
    return time.perf_counter() - start


async def one_run(tills: int, backlog: int, limit: float, code: str | None, tills_on_key: int) -> dict:
    with simulator(faults=json.dumps({"rate_limit": limit, "retry_after": 1})) as base, \
            tempfile.TemporaryDirectory() as folder:
        told = tills_on_key or tills  # 0: IT set it to the number of tills on the key
        envs = [prepare(Path(folder), n, base, backlog, limit, told, code) for n in range(tills)]
        admin(base, "/_sim/rate", "DELETE")
        admin(base, "/_sim/requests", "DELETE")
        stop = asyncio.Event()
        lookups = asyncio.ensure_future(cashier(base, stop))
        seconds = await drain(base, envs, code, max_seconds=3600)
        stop.set()
        took = await lookups
        requests = admin(base, "/_sim/requests")
        rate = next(iter(admin(base, "/_sim/rate").values()))
        received = admin(base, "/_sim/received")
    refused = sum(1 for r in requests if r["status"] == 429)
    answered = sorted(t for t in took if t is not None)
    return {"tills": tills, "code": "before" if code else f"after (tills_on_key {tills_on_key or tills})",
            "drain_s": round(seconds, 1),
            "requests": len(requests), "refused_share": round(refused / max(1, len(requests)), 3),
            "max_in_any_second": rate["max_in_any_window"],
            "delivered": len(received["receipts"]), "duplicates": received["duplicate_receipts"],
            "lookups": len(took), "lookups_refused": len(took) - len(answered),
            "lookup_p50_ms": round(1000 * answered[len(answered) // 2], 1) if answered else None,
            "lookup_max_ms": round(1000 * answered[-1], 1) if answered else None}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--tills", type=int, nargs="+", default=[2, 4, 8])
    parser.add_argument("--backlog", type=int, default=5000)
    parser.add_argument("--limit", type=float, default=50.0, help="the key's limit, requests/s")
    parser.add_argument("--tills-on-key", type=int, nargs="+", default=[1, 0],
                        help="journal.tills_on_key as IT set it for today's code (0: the number of tills)")
    parser.add_argument("--old", help="a git worktree of the code before, measured in the same run")
    args = parser.parse_args()
    for tills in args.tills:
        runs = ([(args.old, 1)] if args.old else []) + [(None, told) for told in args.tills_on_key]
        for code, told in runs:
            print(json.dumps(asyncio.run(one_run(tills, args.backlog, args.limit, code, told))), flush=True)


if __name__ == "__main__":
    main()
