"""The README as a newcomer follows it: every file it links is in the repo, its commands use the venv's paths,
it names the system packages, and the example receipt it points to is one Engage books."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
LINK = re.compile(r"\]\(([^)#\s]+)(?:#[^)]*)?\)")


def test_every_file_the_readme_links_is_inside_the_repo():
    for target in LINK.findall(README):
        if target.startswith(("http://", "https://", "mailto:")):
            continue
        path = (ROOT / target).resolve()
        assert path.is_relative_to(ROOT), f"{target} points outside the repository"
        assert path.exists(), f"{target} does not exist"


def test_quick_start_names_the_system_packages_and_the_venv_paths():
    quick_start = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    assert "apt-get install" in quick_start
    from pos_engage.preflight import LIBRARIES

    line = next(line for line in quick_start.splitlines() if "apt-get install" in line)
    for needed in ("python3-venv", "libxcb-cursor0", "libxcb-icccm4", "libxcb-keysyms1", "libegl1", "libgl1"):
        assert needed in line.split(), needed
    packages = {package for _, package in LIBRARIES}
    assert packages <= set(line.split()) | {"libx11-6", "libx11-xcb1", "libxcb1", "libxcb-image0",
                                             "libxcb-render-util0", "libxcb-randr0", "libxcb-shm0", "libxcb-sync1",
                                             "libxcb-xfixes0", "libxcb-util1"}, "pulled in by the packages listed"
    commands = "\n".join(re.findall(r"```sh\n(.*?)```", quick_start, re.DOTALL))
    for line in commands.splitlines():  # every command of ours is shown with the venv's path
        for word in re.findall(r"(?<![/\w-])(pos-engage(?:-sim)?|pytest|pip)(?= |$)", line):
            assert f".venv/bin/{word}" in line or (word == "pytest" and ".venv/bin/python -m pytest" in line), line


@pytest.mark.network
def test_the_example_receipt_is_booked(tmp_path, sim_server, sim_state):
    example = ROOT / "docs" / "examples" / "receipt.json"
    assert "docs/examples/receipt.json" in README
    config = tmp_path / "config.json"
    config.write_text(json.dumps({"engage": {"base_url": sim_server.base_url}}))
    env = os.environ | {"POS_ENGAGE_CONFIG": str(config), "POS_ENGAGE_DATA_DIR": str(tmp_path / "data"),
                        "POS_ENGAGE_API_KEY": "sim-demo-key"}
    result = subprocess.run([sys.executable, "-m", "pos_engage", "receipt", "submit", str(example)], env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    booked = sim_state.received.receipts[json.loads(example.read_text())["uniqueReceiptId"]]
    assert booked["totalGrossPrice"] == 348.0
