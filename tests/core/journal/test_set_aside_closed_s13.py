"""A journal found damaged while it is being opened (a crash left it; its check meets pages it cannot read) is
closed before it is set aside (D13's finding): Windows does not rename a file a connection still holds, so the till
could not start on a fresh journal there. Seen on Linux through /proc: when the file is renamed, no descriptor of
this process points at it."""

from __future__ import annotations

import os
import random
from pathlib import Path

import pytest

from pos_engage.core.journal import files
from pos_engage.core.journal.store import Journal


def open_descriptors_of(path: Path) -> list[str]:
    found = []
    for fd in os.listdir("/proc/self/fd"):
        try:
            target = os.readlink(f"/proc/self/fd/{fd}")
        except OSError:
            continue
        if target == str(path):
            found.append(fd)
    return found


@pytest.mark.skipif(not Path("/proc/self/fd").exists(), reason="needs /proc")
def test_a_journal_damaged_at_open_is_closed_before_it_is_set_aside(tmp_path, monkeypatch):
    path = tmp_path / "journal.sqlite3"
    with Journal.open(path) as journal:
        mark = journal._mark.file
        size = journal.connection.execute("PRAGMA page_size").fetchone()[0]
        damaged = [row[0] for row in journal.connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE tbl_name = 'entries' AND rootpage > 0")]
    files.create_owner_only(mark)   # left as a crash leaves it: the next open checks the file
    rng = random.Random(13)
    with path.open("r+b") as handle:   # the schema (page 1) stays readable: the entries' pages do not
        for page in damaged:
            handle.seek((page - 1) * size)
            handle.write(rng.randbytes(size))
    held_at_rename = []
    real_set_aside = files.set_aside

    def set_aside(damaged, clock):
        held_at_rename.append(open_descriptors_of(Path(damaged).resolve()))
        return real_set_aside(damaged, clock)

    monkeypatch.setattr(files, "set_aside", set_aside)
    with Journal.open(path, on_damage="continue") as fresh:
        assert fresh.set_aside_file is not None
    assert held_at_rename == [[]]
