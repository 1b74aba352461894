"""Every file pos-engage writes is its user's only, and files from older versions are tightened at start; the
files meant for others (IT's configuration, node_exporter's textfile) stay readable."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys

from pos_engage.core import config_files, metrics
from pos_engage.core.paths import DataPaths, tighten


def mode(path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_tighten_makes_an_older_data_folder_owner_only(tmp_path):
    root = tmp_path / "data"
    (root / "exports").mkdir(parents=True)
    (root / "logs").mkdir()
    files = [root / "journal.sqlite3", root / "journal.sqlite3-wal", root / "exports" / "x_contacts.xml",
             root / "logs" / "pos-engage.log"]
    for path in files:
        path.write_text("personal data")
        os.chmod(path, 0o644)
    os.chmod(root, 0o755)  # noqa: S103 - an older, too open folder
    changed = tighten(DataPaths(root))
    assert set(files) <= set(changed)
    assert all(mode(path) == 0o600 for path in files)
    assert mode(root) == 0o700
    assert tighten(DataPaths(root)) == []  # nothing left to change
    assert tighten(DataPaths(tmp_path / "missing")) == []


def test_a_cli_run_writes_owner_only_files_and_tightens_old_ones(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    old = data / "journal.sqlite3.before-0004_orders.bak"
    old.write_text("an old backup")
    os.chmod(old, 0o644)
    cfg = tmp_path / "config.json"
    cfg.write_text("{}")
    env = os.environ | {"POS_ENGAGE_CONFIG": str(cfg), "POS_ENGAGE_DATA_DIR": str(data)}
    result = subprocess.run([sys.executable, "-m", "pos_engage", "journal", "figures"], env=env, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert mode(old) == 0o600
    written = [p for p in data.rglob("*") if p.is_file()]
    assert any(p.name == "journal.sqlite3" for p in written)
    assert all(mode(p) & 0o077 == 0 for p in written), {str(p): oct(mode(p)) for p in written}


def test_files_meant_for_others_stay_readable(tmp_path):
    previous = os.umask(0o077)
    try:
        machine = tmp_path / "etc" / "pos-engage" / "config.json"
        config_files.write_atomically(machine, {"version": 1, "store_external_id": "12"})
        textfile = tmp_path / "node_exporter" / "pos_engage.prom"
        metrics.write_textfile(textfile, "pos_engage_up 1\n")
    finally:
        os.umask(previous)
    assert mode(machine) == 0o644 and mode(machine.parent) == 0o755
    assert json.loads(machine.read_text())["store_external_id"] == "12"
    assert mode(textfile) == 0o644
