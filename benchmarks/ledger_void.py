"""A voided sale's offers freed (OfferLedger.release_sale), on a young till's offer ledger and on a year's, against
a bare release of the same row by its primary key (offer and sale) on the same journal, in the same run.

The ledger keeps a row per offer and sale ever reserved (released ones too: they say who tried what). A void asks
for the sale's reserved rows by its sale id; since migration 0011_sale_reservations an index of reserved rows by
sale answers it, where the UPDATE read the whole ledger before (2.3 ms at 70,000 rows on this machine).
Target: a void costs the same on a year's ledger as on a young one (within 1.5x; a bare release is ~1x).

    python benchmarks/ledger_void.py [--voids 300]
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from pos_engage.core.journal.store import Journal

SIZES = (1_000, 70_000)   # a few days of a busy till's offers, and a year's


def measure(rows: int, voids: int, folder: Path) -> tuple[float, float]:
    with Journal.open(folder / f"journal-{rows}.sqlite3") as journal:
        db = journal._db
        db.execute("BEGIN")
        db.executemany("INSERT INTO offer_ledger (offer_id, kind, sale_id, status, reserved_at, released_at) "
                       "VALUES (?, 'promotion', ?, 'released', 1, 2)",
                       ((f"offer-{i % 300}", f"old-sale-{i}") for i in range(rows)))
        db.execute("COMMIT")
        ours, bare = [], []
        for n in range(voids):
            journal.reserve_offer(f"voucher-{n}", "voucher", f"sale-{n}")
            started = time.perf_counter()
            journal.release_sale(f"sale-{n}", note="sale voided")
            ours.append(time.perf_counter() - started)
            journal.reserve_offer(f"voucher-b{n}", "voucher", f"sale-b{n}")
            started = time.perf_counter()
            journal.release_offer(f"voucher-b{n}", f"sale-b{n}", note="sale voided")   # by its primary key
            bare.append(time.perf_counter() - started)
        return statistics.median(ours), statistics.median(bare)


def main(voids: int) -> None:
    folder = Path(tempfile.mkdtemp(prefix="ledger-void-"))
    figures = {rows: measure(rows, voids, folder) for rows in SIZES}
    print(f"A void's release of its offers, {voids} voids each (p50)")
    for rows, (ours, bare) in figures.items():
        print(f"  {rows:>7,} ledger rows: void {ours * 1e6:7.1f} us, a release by primary key {bare * 1e6:6.1f} us "
              f"({ours / bare:.2f}x)")
    young, old = (figures[rows][0] for rows in SIZES)
    print(f"  a year's ledger against a young one: {old / young:.2f}x (target <= 1.5x)")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--voids", type=int, default=300)
    main(parser.parse_args().voids)
