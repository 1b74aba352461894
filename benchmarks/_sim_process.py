"""Start ``pos-engage-sim`` in its own process on a free loopback port (benchmarks share no GIL with it)."""

from __future__ import annotations

import contextlib
import subprocess
import sys


@contextlib.contextmanager
def simulator(seed: int = 1, faults: str = "{}"):
    """Yields the base URL; the process is stopped when the block ends."""
    process = subprocess.Popen(
        [sys.executable, "-m", "pos_engage.sim.server", "--port", "0", "--seed", str(seed), "--faults", faults],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    try:
        line = process.stdout.readline()
        if not line.startswith("Engage simulator on "):
            raise RuntimeError(f"simulator did not start: {line}{process.stderr.read()}")
        yield line.split(" on ", 1)[1].strip()
    finally:
        process.terminate()
        process.wait(timeout=10)
