"""Opening the manager's queue view on 100,000 journal entries: time to first paint and peak memory, against
the same view on an empty journal (the baseline) in the same run; then every status filter, and the "Sent"
filter with a common and a rare kind, each timed from the choice to the repainted view. Each case runs in a
fresh process, so peak memory is its own. Targets: first paint < 300 ms, every filter < 300 ms, peak RSS
< 200 MB. The journal looks like a store's history (1,000 entries a day, a backlog of 2,000 at the end).

    python benchmarks/queue_view.py [--entries 100000]     # --entries 1000000: three years of a store
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
from pos_engage.core.office.queue import ManagerActions
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
filters = {}
kinds = {view.kind_filter.itemData(i): i for i in range(view.kind_filter.count())}
choices = [(view.status_filter.itemText(i), i, 0) for i in range(1, view.status_filter.count())]
choices += [(f"Sent, {kind}", 3, kinds[kind]) for kind in ("receipt", "order_action")]
for label, status_index, kind_index in choices:
    start = time.perf_counter()
    view.kind_filter.setCurrentIndex(kind_index)
    view.status_filter.setCurrentIndex(status_index)
    app.processEvents()
    view.grab()
    filters[label] = ((time.perf_counter() - start) * 1000, view.model.total)
    view.status_filter.setCurrentIndex(0)
    view.kind_filter.setCurrentIndex(0)
    app.processEvents()
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"first_paint_ms": painted * 1000, "peak_rss_mb": peak, "rows_loaded": view.model.rowCount(),
                  "total": view.model.total, "filters": filters}))
"""


def fill(path: Path, count: int) -> None:
    """In its own process: Linux keeps a process's peak RSS across exec, so a child forked from a parent that
    held a million rows would report the parent's peak as its own."""
    script = ("import sys; from pathlib import Path; from _history import fill_history; "
              f"fill_history(Path(sys.argv[1]), {count}, backlog={min(2000, count // 10)})")
    subprocess.run([sys.executable, "-c", script, str(path)], check=True, cwd=Path(__file__).resolve().parent,
                   env=os.environ | {"PYTHONPATH": os.pathsep.join(
                       [str(Path(__file__).resolve().parent), os.environ.get("PYTHONPATH", "")])})


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
    print("  each filter, chosen to repainted (target < 300 ms), against the empty journal:")
    for label, (ms, total) in full["filters"].items():
        print(f"    {label:<34} {ms:7.0f} ms  ({total:,} entries; empty journal {empty['filters'][label][0]:.0f} ms)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
