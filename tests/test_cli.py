"""The command line as IT and a trainer use it."""

from __future__ import annotations

import subprocess
import sys

from pos_engage import __version__


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pos_engage", *args], capture_output=True, text=True, timeout=120)


def test_version():
    result = run("--version")
    assert result.returncode == 0 and result.stdout.strip() == f"pos-engage {__version__}"


def test_help_names_the_demo():
    result = run("--help")
    assert result.returncode == 0 and "--demo" in result.stdout


def test_demo_tour_talks_to_the_embedded_simulator():
    result = run("demo-tour")
    assert result.returncode == 0, result.stderr
    assert "found Anna Andersson, Member" in result.stdout
    assert "same contact" in result.stdout
    assert "booked by Engage" in result.stdout


def test_self_test_opens_and_closes_the_window_offscreen(tmp_path):
    import os
    result = subprocess.run([sys.executable, "-m", "pos_engage", "--demo", "--self-test"], capture_output=True,
                            text=True, timeout=120,
                            env=os.environ | {"QT_QPA_PLATFORM": "offscreen", "POS_ENGAGE_DATA_DIR": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    shown, ready = result.stdout.splitlines()[:2]
    assert shown.startswith("self-test: window shown") and ready.startswith("self-test ok: ready")
    assert "(demo)" in ready


def test_the_running_till_writes_the_metrics_textfile(tmp_path):
    import json
    import os
    prom = tmp_path / "textfile" / "pos_engage.prom"
    config = tmp_path / "config.json"
    config.write_text(json.dumps({"store_external_id": "12", "till_id": "3",
                                  "till": {"metrics_textfile": str(prom)}}))
    result = subprocess.run([sys.executable, "-m", "pos_engage", "--config", str(config), "--demo", "--self-test"],
                            capture_output=True, text=True, timeout=120,
                            env=os.environ | {"QT_QPA_PLATFORM": "offscreen", "POS_ENGAGE_DATA_DIR": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    assert 'pos_engage_queue_pending{store="12",till="3"} 0' in prom.read_text()


def test_the_windows_options_are_read_without_the_parsers_and_everything_else_gets_the_full_parser():
    from pos_engage.cli import build_parser, window_options

    for argv in ([], ["--demo", "--self-test"], ["--config", "x.json", "--demo"], ["--config=x.json"],
                 ["--self-test", "--config", "a b.json"]):
        assert window_options(argv) == build_parser().parse_args(argv), argv
    for argv in (["--help"], ["doctor"], ["--demo", "journal", "list"], ["--version"], ["--config"],
                 ["--config="], ["--config", "--demo"], ["--dmeo"], ["-h"]):
        assert window_options(argv) is None, argv  # the full parser reads it and says what is wrong
