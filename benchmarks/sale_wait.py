"""How long the cashier's window waits for a finished sale with a backlog queued (the issue's 1.99 s per sale
with 5,000 entries), today's code and (``--old``) the code before, in one run.

Each version runs in its own process on a journal it generates (a backlog of receipts), against one simulator
process on loopback: per sale, a receipt is journaled and the window's wait is timed as the bridge waits
(``deliver_now`` for at most the interactive timeout, 4 s). Before: deliver_now replays the 50 oldest due entries;
after: it sends the sale's own entries first (Replayer.replay_entries).

    python benchmarks/sale_wait.py --backlog 5000 --sales 20 --old /tmp/old
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _sim_process import simulator

ROOT = Path(__file__).resolve().parent.parent

CHILD = """
import asyncio, json, statistics, sys, time
from pos_engage.core.engage.client import EngageClient
from pos_engage.core.engage.online import OnlineMonitor
from pos_engage.core.journal import payloads
from pos_engage.core.journal.entry import EntryStatus
from pos_engage.core.journal.replayer import Replayer
from pos_engage.core.journal.store import Journal
from tests.core.conftest import sale

path, base, backlog, sales = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])

async def main():
    with Journal.open(path) as journal:
        for start in range(0, backlog, 5000):
            journal.record([payloads.receipt(sale(f"old-{n}")) for n in range(start, min(backlog, start + 5000))])
        async with EngageClient(base, "sim-demo-key") as client:
            replayer = Replayer(journal, client, monitor=OnlineMonitor(), rate_per_second=50.0)
            waits, sent = [], 0
            for n in range(sales):
                ids = tuple(e.id for e in journal.record([payloads.receipt(sale(f"new-{n}"))]))
                start = time.perf_counter()
                send = (replayer.replay_entries(ids) if hasattr(replayer, "replay_entries")
                        else replayer.replay_once())
                delivery = asyncio.ensure_future(send)
                await asyncio.wait({delivery}, timeout=4.0)
                waits.append(time.perf_counter() - start)
                await delivery
                sent += journal.get(ids[0]).status is EntryStatus.DELIVERED
            replayer.close()
    print(json.dumps({"wait_mean_s": round(statistics.mean(waits), 3), "wait_max_s": round(max(waits), 3),
                      "sale_sent_in_its_wait": sent, "sales": sales}))

asyncio.run(main())
"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--backlog", type=int, default=5000)
    parser.add_argument("--sales", type=int, default=20)
    parser.add_argument("--old", help="a git worktree of the code before")
    args = parser.parse_args()
    for label, code in ([("before", Path(args.old))] if args.old else []) + [("after", ROOT)]:
        for backlog in (0, args.backlog):
            with simulator() as base, tempfile.TemporaryDirectory() as folder:
                answer = subprocess.run(
                    [sys.executable, "-c", CHILD, str(Path(folder) / "journal.sqlite3"), base, str(backlog),
                     str(args.sales)], env=os.environ | {"PYTHONPATH": str(code)}, cwd=code, capture_output=True,
                    text=True, check=True)
            print(json.dumps({"code": label, "backlog": backlog} | json.loads(answer.stdout.strip().splitlines()[-1])),
                  flush=True)


if __name__ == "__main__":
    main()
