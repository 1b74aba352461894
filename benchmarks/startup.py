"""Time from process start to the till window shown, vs a bare PySide6 window, in the same run; and to the
till ready behind it (client, journal and event loop loaded, the first scan handled).

Each measurement is a fresh process (offscreen), timed from spawn to the lines it prints: the window shown,
then the till ready. The two kinds alternate so machine noise hits both, and both run with compiled bytecode,
as an installed till does. Target: ratio (shown) <= 1.5.

With ``--entries 1000000`` the till also starts on a demo journal holding that much history (a store's three
years: delivered entries, those past the retention pruned), in the same run: "ready" on it should stay within
1.5x of "ready" on an empty journal (nothing at start may read the history).

    python benchmarks/startup.py [--runs 20] [--entries 1000000]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

# Shown means drawn, for both: painted the way pos_engage.window paints the till before it says so (the events
# that draw it processed, input left waiting). A zero timer after show() fired before the label was ever painted,
# so the bare window was timed without its first frame (nor its first text drawn) while the till was timed with.
BARE = """
import sys
from PySide6.QtCore import QEventLoop
from PySide6.QtWidgets import QApplication, QLabel, QMainWindow
app = QApplication(sys.argv)
window = QMainWindow()
window.setCentralWidget(QLabel("hello"))
window.resize(1280, 800)
window.show()
app.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)
print("shown", flush=True)
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
    parser.add_argument("--entries", type=int, default=0, help="also start on a journal with this much history")
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
    history_env = None
    if args.entries:
        sys.path.insert(0, str(Path(__file__).resolve().parent))
        from _history import fill_history

        history_env = env | {"POS_ENGAGE_DATA_DIR": tempfile.mkdtemp()}
        fill_history(Path(history_env["POS_ENGAGE_DATA_DIR"]) / "demo-journal.sqlite3", args.entries)
        timed(ours_command, history_env, lines=2)
    shown, ready, bare, history_shown, history_ready = [], [], [], [], []
    for _ in range(args.runs):
        ours_shown, ours_ready = timed(ours_command, env, lines=2)
        shown.append(ours_shown)
        ready.append(ours_ready)
        bare.extend(timed(bare_command, env))
        if history_env:
            big_shown, big_ready = timed(ours_command, history_env, lines=2)
            history_shown.append(big_shown)
            history_ready.append(big_ready)
    shown_median, ready_median = statistics.median(shown), statistics.median(ready)
    bare_median = statistics.median(bare)
    print(f"runs each:                          {args.runs}")
    print(f"bare PySide6 window shown:          median {bare_median * 1000:.0f} ms")
    print(f"pos-engage --demo window shown:     median {shown_median * 1000:.0f} ms")
    print(f"pos-engage --demo till ready:       median {ready_median * 1000:.0f} ms")
    print(f"ratio shown (target <= 1.5):        {shown_median / bare_median:.2f}")
    print(f"ratio ready:                        {ready_median / bare_median:.2f}")
    if history_env:
        big_shown, big_ready = statistics.median(history_shown), statistics.median(history_ready)
        print(f"on {args.entries:,} entries of history: window shown median {big_shown * 1000:.0f} ms, "
              f"till ready median {big_ready * 1000:.0f} ms")
        print(f"ratio ready, history / empty journal (target <= 1.5): {big_ready / ready_median:.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
