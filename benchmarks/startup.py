"""Time from process start to the till window shown, vs a bare PySide6 window, in the same run; and to the
till ready behind it (client, journal and event loop loaded, the first scan handled).

Each measurement is a fresh process (offscreen), timed from spawn to the lines it prints: the window shown,
then the till ready. The two kinds alternate so machine noise hits both, and both run with compiled bytecode,
as an installed till does. Target: ratio (shown) <= 1.5.

    python benchmarks/startup.py [--runs 20]
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


def timed(command: list[str], env: dict[str, str], *, lines: int = 1) -> list[float]:
    """Seconds from spawn to each of the first ``lines`` lines the process prints."""
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, env=env)
    stamps, texts = [], []
    for _ in range(lines):
        texts.append(process.stdout.readline())
        stamps.append(time.perf_counter() - start)
    process.wait(timeout=60)
    if "shown" not in texts[0] or (lines > 1 and "ready" not in texts[1]):
        raise RuntimeError(f"{command[:3]} did not report its window: {texts!r}")
    return stamps


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)  # the machines are noisy: a median of many
    args = parser.parse_args()
    # As installed: with compiled bytecode, which pip writes at install and PyInstaller ships. (A machine with
    # PYTHONDONTWRITEBYTECODE would otherwise compile our source on every start, and time that.) The cache goes
    # to a temporary folder, for both programs alike, and is filled by the warm-up runs.
    env = {key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"}
    env |= {"QT_QPA_PLATFORM": "offscreen", "POS_ENGAGE_DATA_DIR": tempfile.mkdtemp(),
            "PYTHONPYCACHEPREFIX": tempfile.mkdtemp()}
    ours_command = [sys.executable, "-m", "pos_engage", "--demo", "--self-test"]
    bare_command = [sys.executable, "-c", BARE]
    timed(ours_command, env, lines=2)  # warm the disk cache for both
    timed(bare_command, env)
    shown, ready, bare = [], [], []
    for _ in range(args.runs):
        ours_shown, ours_ready = timed(ours_command, env, lines=2)
        shown.append(ours_shown)
        ready.append(ours_ready)
        bare.extend(timed(bare_command, env))
    shown_median, ready_median = statistics.median(shown), statistics.median(ready)
    bare_median = statistics.median(bare)
    print(f"runs each:                          {args.runs}")
    print(f"bare PySide6 window shown:          median {bare_median * 1000:.0f} ms")
    print(f"pos-engage --demo window shown:     median {shown_median * 1000:.0f} ms")
    print(f"pos-engage --demo till ready:       median {ready_median * 1000:.0f} ms")
    print(f"ratio shown (target <= 1.5):        {shown_median / bare_median:.2f}")
    print(f"ratio ready:                        {ready_median / bare_median:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
