"""Time from process start to the till window shown, vs a bare PySide6 window, in the same run.

Each measurement is a fresh process (offscreen), timed from spawn to the line it prints once its window is
shown; the two kinds alternate so machine noise hits both. Target: ratio <= 1.5.

    python benchmarks/startup.py [--runs 10]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

BARE = """
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow()
window.setCentralWidget(QLabel("hello"))
window.resize(1280, 800)
window.show()
QTimer.singleShot(0, lambda: (print("shown", flush=True), app.quit()))
app.exec()
"""


def timed(command: list[str], env: dict[str, str]) -> float:
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    line = process.stdout.readline()
    elapsed = time.perf_counter() - start
    process.wait(timeout=60)
    if "shown" not in line:
        raise RuntimeError(f"{command[:3]} did not show a window: {line!r}")
    return elapsed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    args = parser.parse_args()
    env = os.environ | {"QT_QPA_PLATFORM": "offscreen", "POS_ENGAGE_DATA_DIR": tempfile.mkdtemp()}
    ours_command = [sys.executable, "-m", "pos_engage", "--demo", "--self-test"]
    bare_command = [sys.executable, "-c", BARE]
    timed(ours_command, env)  # warm the disk cache for both
    timed(bare_command, env)
    ours, bare = [], []
    for _ in range(args.runs):
        ours.append(timed(ours_command, env))
        bare.append(timed(bare_command, env))
    ours_median, bare_median = statistics.median(ours), statistics.median(bare)
    print(f"runs each:                     {args.runs}")
    print(f"pos-engage --demo window:      median {ours_median * 1000:.0f} ms")
    print(f"bare PySide6 window:           median {bare_median * 1000:.0f} ms")
    print(f"ratio (target <= 1.5):         {ours_median / bare_median:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
