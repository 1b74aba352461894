"""Four tills on one API key: four real `pos-engage journal replay` processes, each with its own journal, against
one simulator on loopback whose per-key limit is on (20 requests/s, 429 with Retry-After above it). Each till is
configured as IT leaves it when nobody says how many tills share the key (journal.tills_on_key 1): each believes
it has the whole 20/s, so together they start at four times the limit and must adapt to Engage's 429s. Once they
have (an adaptation period), the simulator's own counter of arriving requests (429s included) never sees more
than the limit in any second, and every receipt is delivered exactly once."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest

from pos_engage.core.journal import payloads
from pos_engage.core.journal.entry import EntryStatus
from pos_engage.core.journal.store import Journal
from tests.core.conftest import sale

KEY_LIMIT = 20
TILLS = 4
RECEIPTS = 100
ADAPTATION_SECONDS = 15.0


def till_folder(tmp_path, number: int, base_url: str) -> tuple[object, dict]:
    folder = tmp_path / f"till{number}"
    folder.mkdir()
    config = folder / "config.json"
    config.write_text(json.dumps({"store_external_id": "42", "till_id": str(number),
                                  "engage": {"base_url": base_url, "timeout_background": 10.0},
                                  "journal": {"rate_limit": KEY_LIMIT, "retry_schedule": [0.2]}}))
    env = os.environ | {"POS_ENGAGE_CONFIG": str(config), "POS_ENGAGE_DATA_DIR": str(folder / "data"),
                        "POS_ENGAGE_API_KEY": "sim-demo-key"}
    path = folder / "data" / "journal.sqlite3"
    with Journal.open(path) as journal:
        journal.record([payloads.receipt(sale(f"t{number}-{n}")) for n in range(RECEIPTS)])
    return path, env


@pytest.mark.network
@pytest.mark.slow
def test_four_tills_on_one_key_adapt_to_its_limit_and_deliver_everything_once(tmp_path, sim_server, sim_state):
    sim_state.faults.update({"rate_limit": KEY_LIMIT, "retry_after": 1.0})
    tills = [till_folder(tmp_path, n, sim_server.base_url) for n in range(TILLS)]
    sim_state.request_counter.clear()
    processes = [subprocess.Popen([sys.executable, "-m", "pos_engage", "journal", "replay", "--until-empty",
                                   "--max-seconds", "50"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                                  text=True) for _, env in tills]
    try:
        time.sleep(ADAPTATION_SECONDS)
        refused_while_adapting = sum(1 for r in sim_state.received.requests if r["status"] == 429)
        sim_state.request_counter.clear()  # from here on pacing has adapted: count afresh
        outputs = [process.communicate(timeout=60) for process in processes]
    finally:
        for process in processes:
            if process.poll() is None:
                process.kill()
                process.wait()
    for process, (out, err) in zip(processes, outputs, strict=True):
        assert process.returncode == 0 and "Traceback" not in err, (out, err)
    assert refused_while_adapting > 0  # four tills at 20/s each on a 20/s key: Engage refused at first
    after = next(iter(sim_state.request_counter.report().values()))
    assert after["total"] > 2 * KEY_LIMIT  # the tills were still delivering after the adaptation period
    late_429 = sum(1 for r in sim_state.received.requests if r["status"] == 429) - refused_while_adapting
    assert after["max_in_any_window"] <= KEY_LIMIT, (late_429, refused_while_adapting, after["seconds"])
    for path, _ in tills:
        with Journal.open(path) as journal:
            assert journal.count(statuses=[EntryStatus.DELIVERED]) == RECEIPTS
    summary = sim_state.received.summary()
    assert len(summary["receipts"]) == TILLS * RECEIPTS and summary["duplicate_receipts"] == 0
    # The deliverer kept its pacing figures in the journal: doctor, another process, reports the 429s.
    doctor = subprocess.run([sys.executable, "-m", "pos_engage", "doctor", "--json"], env=tills[0][1],
                            capture_output=True, text=True, timeout=60)
    pacing = next(c for c in json.loads(doctor.stdout)["checks"] if c["name"] == "pacing")
    assert "share 20/s of the key" in pacing["detail"] and "refused (429)" in pacing["detail"], pacing
