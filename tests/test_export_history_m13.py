"""Each exported entry's history names the export and who approved it (store-day review, session 13): an export
wrote one audit row without an entry, so every exported entry said "no manager action yet" and `journal show N`
had "audit": [], while a retry and a resolve named their entries. Real processes, a real journal file."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from pos_engage.core.journal import payloads
from pos_engage.core.journal.entry import EntryStatus
from pos_engage.core.journal.store import Journal
from pos_engage.core.office.entry_description import audit_lines
from tests.core.conftest import sale


def pos_engage(env, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pos_engage", *args], env=env, input=stdin, capture_output=True,
                          text=True, timeout=60)


def test_an_exported_entrys_history_names_the_export_and_who_approved_it(tmp_path):
    config = tmp_path / "config.json"
    config.write_text(json.dumps({"till_id": "4", "store_external_id": "12",
                                  "engage": {"base_url": "https://tenant.voyado.com"}}))
    env = os.environ | {"POS_ENGAGE_CONFIG": str(config), "POS_ENGAGE_DATA_DIR": str(tmp_path / "data"),
                        "XDG_CONFIG_DIRS": str(tmp_path / "etc-xdg")}
    env.pop("POS_ENGAGE_API_KEY", None)
    added = pos_engage(env, "configure", "--machine", "--staff-add", "1001", "--name", "Anna Berg", "--role",
                       "manager", "--code-stdin", stdin="482913\n")
    assert added.returncode == 0, added.stderr
    journal_path = tmp_path / "data" / "journal.sqlite3"
    with Journal.open(journal_path) as journal:
        ids = [entry.id for entry in journal.record([payloads.receipt(sale("r-1"))])
               + journal.record([payloads.receipt(sale("r-2"))])]
    exported = pos_engage(env, "journal", "export", "--out", str(tmp_path / "out"), "--reason", "Engage outage",
                          "--pin-stdin", "--by", "1001", stdin="482913\n")
    assert exported.returncode == 0, exported.stderr
    with Journal.open(journal_path) as journal:
        assert {journal.get(i).status for i in ids} == {EntryStatus.EXPORTED}
        files = {i: journal.get(i).export_file for i in ids}
        for entry_id in ids:
            (row,) = journal.audit_log(entry_id)
            assert (row["action"], row["actor"], row["till"], row["reason"]) == (
                "export", "Anna Berg (1001)", "4", "Engage outage")
            assert json.loads(row["detail"])["file"] == files[entry_id]
            (line,) = audit_lines(journal.audit_log(entry_id))
            assert line.endswith("  exported to a file by Anna Berg (1001): Engage outage")
    shown = pos_engage(env, "journal", "show", str(ids[1]))
    assert shown.returncode == 0, shown.stderr
    (row,) = json.loads(shown.stdout)["audit"]
    assert (row["action"], row["actor"], row["entry_id"]) == ("export", "Anna Berg (1001)", ids[1])
    # A code typed after the export is still counted for the lockout (its rows name no entry).
    wrong = pos_engage(env, "journal", "compact", "--pin-stdin", "--by", "1001", stdin="000000\n")
    assert wrong.returncode == 2 and "Wrong code" in wrong.stderr
    with Journal.open(journal_path) as journal:
        assert [r["action"] for r in journal.audit_log() if r["entry_id"] is None][-1] == "pin-failed"
