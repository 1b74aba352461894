"""Export time and peak memory for N queued receipts, today's code and (``--old``) the code before, in one run.

Each export runs in a fresh process on a journal generated alike by the same version (a journal written by a
newer version is refused by an older one); peak memory is the process's maximum resident size (getrusage), time
is the export call alone.

    python benchmarks/export.py --receipts 20000 100000 --old /tmp/old
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

CHILD = """
import json, resource, sys, time
from pos_engage.core.journal.store import Journal
from pos_engage.core.export.exporter import export_queue
with Journal.open(sys.argv[1]) as journal:
    start = time.perf_counter()
    result = export_queue(journal, sys.argv[2], store="1", till="7", actor="benchmark")
    seconds = time.perf_counter() - start
print(json.dumps({"seconds": round(seconds, 2), "exported": result.exported, "files": len(result.files),
                  "peak_rss_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)}))
"""


BUILD = """
import sys
from pos_engage.core.domain import MatchKey, MatchKeyType
from pos_engage.core.journal import payloads
from pos_engage.core.journal.store import Journal
from tests.core.conftest import sale

keys = (MatchKey("someone@example.se", MatchKeyType.EMAIL), MatchKey("+46701234567", MatchKeyType.MOBILE_PHONE))
count = int(sys.argv[2])
with Journal.open(sys.argv[1]) as journal:
    for start in range(0, count, 5000):
        journal.record([payloads.receipt(sale(f"x{n}", contact=keys[n % 2]))
                        for n in range(start, min(count, start + 5000))])
"""


def child(script: str, code: Path, *args: str) -> str:
    """Run ``script`` with ``code`` first on the path (each version builds the journal it reads)."""
    return subprocess.run([sys.executable, "-c", script, *args], env=os.environ | {"PYTHONPATH": str(code)},
                          cwd=code, capture_output=True, text=True, check=True).stdout


def run(count: int, code: Path, work: Path) -> dict:
    journal = work / f"journal-{code.name}.sqlite3"
    child(BUILD, code, str(journal), str(count))
    answer = child(CHILD, code, str(journal), str(work / f"out-{code.name}"))
    return json.loads(answer.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--receipts", type=int, nargs="+", default=[20_000, 100_000])
    parser.add_argument("--old", help="a git worktree of the code before")
    args = parser.parse_args()
    for count in args.receipts:
        for label, code in ([("before", Path(args.old))] if args.old else []) + [("after", ROOT)]:
            with tempfile.TemporaryDirectory() as folder:
                print(json.dumps({"receipts": count, "code": label} | run(count, code, Path(folder))), flush=True)

if __name__ == "__main__":
    main()
