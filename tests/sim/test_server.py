"""``pos-engage-sim`` as a real process on a free loopback port."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import urllib.request

import pytest

pytestmark = pytest.mark.network


def test_pos_engage_sim_serves_on_the_port_it_prints_and_stops():
    process = subprocess.Popen(
        [sys.executable, "-m", "pos_engage.sim.server", "--port", "0", "--seed", "4", "--faults", '{"latency": 0}'],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=os.environ | {"PYTHONUNBUFFERED": "1"},
    )
    try:
        first = process.stdout.readline()
        key_line = process.stdout.readline()
        assert first.startswith("Engage simulator on http://127.0.0.1:")
        assert key_line.strip() == "API key: sim-demo-key"
        base = first.split(" on ")[1].strip()
        with urllib.request.urlopen(f"{base}/_sim/health", timeout=5) as answer:
            assert json.load(answer)["ok"] is True
        request = urllib.request.Request(f"{base}/api/v2/contacts/count",
                                         headers={"apikey": "sim-demo-key", "Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=5) as answer:
            assert json.load(answer) >= 50
    finally:
        process.terminate()
        process.wait(timeout=10)


def test_bad_faults_argument_is_a_clear_usage_error():
    result = subprocess.run([sys.executable, "-m", "pos_engage.sim.server", "--faults", '{"meteor": 1}'],
                            capture_output=True, text=True, timeout=30)
    assert result.returncode == 2 and "meteor" in result.stderr
