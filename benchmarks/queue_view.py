"""Opening the manager's queue view on 100,000 journal entries: time to first paint and peak memory, against
the same view on an empty journal (the baseline) in the same run. Each case runs in a fresh process, so peak
memory is its own. Targets: first paint < 300 ms, peak RSS < 200 MB.

    python benchmarks/queue_view.py [--entries 100000]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

CASE = r"""
import json, os, resource, sys, time
os.environ["QT_QPA_PLATFORM"] = "offscreen"
from PySide6.QtWidgets import QApplication
from pos_engage.core.journal.manager import ManagerActions
from pos_engage.core.journal.store import Journal
from pos_engage.qt.models.journal_model import JournalModel
from pos_engage.qt.views.queue_view import QueueView
app = QApplication(sys.argv)
journal = Journal.open(sys.argv[1])
start = time.perf_counter()
view = QueueView(JournalModel(journal), ManagerActions(journal, till="1", pin_store=lambda: None),
                 export_folder=".", store="1", till="1")
view.resize(1100, 700)
view.show()
app.processEvents()
view.grab()  # render it once, as the screen would
painted = time.perf_counter() - start
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"first_paint_ms": painted * 1000, "peak_rss_mb": peak, "rows_loaded": view.model.rowCount(),
                  "total": view.model.total}))
"""


def fill(path: Path, count: int) -> None:
    from pos_engage.core.journal import payloads
    from pos_engage.core.journal.store import Journal
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from tests.core.conftest import sale

    payload = json.dumps(payloads.receipt(sale("bench")).payload)
    with Journal.open(path) as journal, journal.write_transaction("fill") as db:
        db.executemany("INSERT INTO entries (kind, payload, idempotency_key, status, next_attempt_at, created_at, "
                       "updated_at) VALUES ('receipt', ?, ?, ?, 0, ?, ?)",
                       [(payload, f"receipt:b{n}", "delivered" if n % 50 else "needs_attention", 1.7e9 + n,
                         1.7e9 + n) for n in range(count)])


def measure(path: Path) -> dict:
    result = subprocess.run([sys.executable, "-c", CASE, str(path)], capture_output=True, text=True, timeout=300,
                            env=os.environ | {"QT_QPA_PLATFORM": "offscreen"})
    if result.returncode != 0:
        raise RuntimeError(result.stderr)
    return json.loads(result.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--entries", type=int, default=100_000)
    args = parser.parse_args()
    folder = Path(tempfile.mkdtemp(prefix="bench-queue-"))
    fill(folder / "full.sqlite3", args.entries)
    fill(folder / "empty.sqlite3", 0)
    measure(folder / "full.sqlite3")  # warm the disk cache
    full, empty = measure(folder / "full.sqlite3"), measure(folder / "empty.sqlite3")
    print(f"{full['total']} entries ({full['rows_loaded']} rows loaded for the first screen):")
    ratio = full["first_paint_ms"] / empty["first_paint_ms"]
    print(f"  first paint {full['first_paint_ms']:.0f} ms (target < 300 ms), "
          f"empty journal {empty['first_paint_ms']:.0f} ms, ratio {ratio:.2f}")
    print(f"  peak RSS {full['peak_rss_mb']:.0f} MB (target < 200 MB), empty journal {empty['peak_rss_mb']:.0f} MB, "
          f"ratio {full['peak_rss_mb'] / empty['peak_rss_mb']:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
