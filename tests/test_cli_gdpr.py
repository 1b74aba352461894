"""``pos-engage gdpr`` as IT runs it for a customer's request: real processes on a real journal file."""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys

from pos_engage.core.domain import MatchKey, MatchKeyType
from pos_engage.core.journal import payloads
from pos_engage.core.journal.store import Journal
from tests.core.conftest import sale

EMAIL = "karin.forget-me@example.se"


def run(env, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pos_engage", "gdpr", *args], env=env, capture_output=True,
                          text=True, timeout=60)


def test_extract_then_forget_from_the_command_line(tmp_path):
    data = tmp_path / "data"
    config = tmp_path / "config.json"
    config.write_text(json.dumps({"till_id": "4"}))
    env = os.environ | {"POS_ENGAGE_CONFIG": str(config), "POS_ENGAGE_DATA_DIR": str(data)}
    with Journal.open(data / "journal.sqlite3") as journal:
        (entry,) = journal.record([payloads.receipt(sale("r-1", MatchKey(EMAIL, MatchKeyType.EMAIL)))])
        journal.resolve(entry.id, actor="test", reason="booked by hand")

    out = tmp_path / "karin.json"
    extracted = run(env, "extract", "--email", EMAIL, "--out", str(out), "--it", "Erik")
    assert extracted.returncode == 0, extracted.stderr
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    found = json.loads(out.read_text())
    assert [e["payload"]["receipt"]["uniqueReceiptId"] for e in found["journal_entries"]] == ["r-1"]
    assert EMAIL not in extracted.stdout  # the terminal names the person masked

    refused = run(env, "forget", "--email", EMAIL)
    assert refused.returncode == 2 and "--reason" in refused.stderr
    forgotten = run(env, "forget", "--email", EMAIL, "--reason", "customer request", "--it", "Erik")
    assert forgotten.returncode == 0, forgotten.stderr
    assert "1 journal entries" in forgotten.stdout
    assert json.loads(run(env, "extract", "--email", EMAIL, "--it", "Erik").stdout)["journal_entries"] == []
    with Journal.open(data / "journal.sqlite3") as journal:
        actions = [(row["action"], row["actor"], row["till"]) for row in journal.audit_log()]
    erik = "IT: Erik, without a PIN"
    assert ("gdpr-forget", erik, "4") in actions and ("gdpr-extract", erik, "4") in actions

    nobody = run(env, "extract")
    assert nobody.returncode == 2 and "--email, --mobile or --personal-number" in nobody.stderr
