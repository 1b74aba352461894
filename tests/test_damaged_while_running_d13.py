"""The journal damaged under a running till, as real processes: ``pos-engage serve`` answers the POS 503
JournalDamaged, doctor says it in one line meanwhile, and after a clean stop the next start checks the file, sets it
aside and names it (the window's self-test line, doctor's "journal files" line) with the sales recorded before the
damage still in it. The file is damaged from this process, through a file handle of its own."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from tests.core.journal.test_damaged_while_open_d13 import damage_while_open
from tests.link.test_serve import free_port

pytestmark = pytest.mark.network

TOKEN = "it-made-this-one"
SALE = {"currency": "SEK", "customerKey": "anna.andersson@example.se", "lines": [
    {"lineId": "1", "sku": "1", "name": "T-shirt", "quantity": 1, "lineTotal": 19900, "vatPercent": 25}]}


def run(env, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pos_engage", *args], env=env, capture_output=True, text=True,
                          timeout=120)


def commit(http: httpx.Client, sale_id: str) -> httpx.Response:
    assert http.put(f"/v1/sales/{sale_id}", json=SALE).status_code == 200
    return http.post(f"/v1/sales/{sale_id}/commit", headers={"Idempotency-Key": sale_id}, json={
        "receiptNumber": sale_id, "createdDate": "2026-11-28T10:00:00+01:00", "total": 19900,
        "payments": [{"method": "Card", "amount": 19900}]})


def test_a_journal_damaged_under_serve_is_refused_said_and_set_aside_at_the_next_start(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("POS_ENGAGE_")}
    env |= {"POS_ENGAGE_DATA_DIR": str(tmp_path / "data"), "HOME": str(tmp_path),
            "XDG_CONFIG_HOME": str(tmp_path / "cfg"), "POS_ENGAGE_POS_LINK_TOKEN": TOKEN,
            "QT_QPA_PLATFORM": "offscreen"}
    port = free_port()
    serve = subprocess.Popen([sys.executable, "-m", "pos_engage", "serve", "--demo", "--port", str(port)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
    try:
        assert serve.stdout.readline().startswith("POS link on")
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=10,
                          headers={"Authorization": f"Bearer {TOKEN}"}) as http:
            for n in range(3):
                assert commit(http, f"before-{n}").status_code == 200
            journal = tmp_path / "data" / "demo-journal.sqlite3"
            damage_while_open(journal)
            refused = commit(http, "after")
            assert refused.status_code == 503 and refused.json()["code"] == "JournalDamaged"
            assert int(refused.headers["retry-after"]) > 0

            doctor = run(env, "--demo", "doctor", "--json")
            checks = {check["name"]: check for check in json.loads(doctor.stdout)["checks"]}
            assert doctor.returncode == 2 and checks["journal"]["status"] == "failed"
            assert "Restart the till" in checks["journal"]["detail"] and "\n" not in checks["journal"]["detail"]
        serve.send_signal(signal.SIGTERM)
        assert serve.wait(timeout=30) == 0   # a clean stop: yet the next start must check the file
    finally:
        if serve.poll() is None:
            serve.kill()
            serve.wait()

    started = run(env, "--demo", "--self-test")
    assert started.returncode == 0, started.stderr
    (aside,) = (tmp_path / "data").glob("demo-journal.damaged-*.sqlite3")
    assert f"The journal was damaged and set aside as {aside}" in started.stdout
    doctor = run(env, "--demo", "doctor", "--json")
    checks = {check["name"]: check for check in json.loads(doctor.stdout)["checks"]}
    assert checks["journal files"]["status"] == "failed" and str(aside) in checks["journal files"]["detail"]

    recovered = run(env, "--demo", "journal", "recover", str(aside), "--it", "Sara", "--reason", "disk fault")
    assert recovered.returncode == 0, recovered.stdout + recovered.stderr
    # The three sales recorded before the damage are all read back (delivered ones stay as history in the file).
    counted = re.search(r"(\d+) entries back in the queue .*?, (\d+) already there, (\d+) already delivered",
                        recovered.stdout)
    assert counted is not None, recovered.stdout
    back, there, delivered = (int(n) for n in counted.groups())
    assert back + delivered == 3 and there == 0 and "not readable" not in recovered.stdout, recovered.stdout
    assert not Path(aside).exists()
