"""Start-up with no display or missing system libraries: a plain message naming the cause, exit 2, before Qt
can abort with its own misleading one (which blames xcb-cursor0 whatever is missing)."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from pos_engage import preflight


def test_no_display_is_named():
    problem = preflight.display_problem({"QT_QPA_PLATFORM": "xcb"})
    assert problem and "DISPLAY is not set" in problem


@pytest.mark.parametrize("platform", ["offscreen", "minimal", "vnc"])
def test_headless_platforms_need_no_display(platform):
    assert preflight.display_problem({"QT_QPA_PLATFORM": platform}) is None


def test_a_named_display_that_is_not_running(tmp_path):
    problem = preflight.display_problem({"QT_QPA_PLATFORM": "xcb", "DISPLAY": ":7391"})
    assert problem and ":7391 is not running" in problem


def test_missing_libraries_are_named_with_their_packages():
    absent = {"libxcb-icccm.so.4", "libEGL.so.1"}

    def load(name: str) -> object:
        if name.endswith("libqxcb.so") or name in absent:
            raise OSError(f"{name}: cannot open shared object file")
        return object()

    missing = preflight.missing_libraries("xcb", load=load)
    assert missing == [("libEGL.so.1", "libegl1"), ("libxcb-icccm.so.4", "libxcb-icccm4")]
    message = preflight.libraries_problem(missing)
    assert "apt-get install libegl1 libxcb-icccm4" in message


def test_the_plugin_loading_means_no_scan():
    calls = []

    def load(name: str) -> object:
        calls.append(name)
        return object()

    assert preflight.missing_libraries("xcb", load=load) == []
    assert len(calls) == 1  # the normal start costs one dlopen of the plugin Qt loads anyway


def test_other_systems_are_not_checked():
    assert preflight.problems({}, system="win32") == []


def test_the_window_without_a_display_says_so_and_exits_2(tmp_path):
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY")}
    config = tmp_path / "config.json"
    config.write_text("{}")
    env |= {"QT_QPA_PLATFORM": "xcb", "POS_ENGAGE_DATA_DIR": str(tmp_path / "data"), "POS_ENGAGE_CONFIG": str(config)}
    result = subprocess.run([sys.executable, "-m", "pos_engage", "--demo"], capture_output=True, text=True,
                            timeout=120, env=env)
    assert result.returncode == preflight.EXIT_CANNOT_START == 2
    assert "DISPLAY is not set" in result.stderr
    assert "Traceback" not in result.stderr
    assert "Could not load the Qt platform plugin" not in result.stderr  # Qt never got to abort
