"""What an IT administrator's review found (session 12), each as IT meets it: real processes, real journal files,
the simulator on loopback.

- Tills given an Engage address but no store or till id all booked their receipts as store 1, till 1; Engage keeps
  one receipt per id, so a second till's sale of the same number was lost, and doctor said "ok".
- The uninstaller's check answered 2 for a configuration it could not read (NSIS refused only on 3), and 0 with
  export files written and never uploaded (their sales' one copy): /PURGE then deleted them.
- A journal damaged past its header made doctor and the uninstaller's check end in a traceback (exit 1).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from pos_engage.core.journal import payloads
from pos_engage.core.journal.store import Journal
from tests.core.conftest import sale
from tests.core.export.test_export import export

pytestmark = pytest.mark.network


def run(env, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pos_engage", *args], env=env, capture_output=True, text=True,
                          timeout=timeout)


@pytest.fixture
def till(tmp_path, sim_server):
    """A till IT configured with the Engage address only (as an installer given just /ENGAGEURL leaves it)."""
    config = tmp_path / "config.json"
    config.write_text(json.dumps({"engage": {"base_url": sim_server.base_url}}))
    env = {name: value for name, value in os.environ.items() if not name.startswith("POS_ENGAGE_")}
    env |= {"POS_ENGAGE_CONFIG": str(config), "POS_ENGAGE_DATA_DIR": str(tmp_path / "data"),
            "POS_ENGAGE_API_KEY": "sim-demo-key", "QT_QPA_PLATFORM": "offscreen"}
    return tmp_path, config, env


def with_ids(config) -> None:
    config.write_text(json.dumps(json.loads(config.read_text()) | {"store_external_id": "12", "till_id": "3"}))


def test_a_till_without_store_and_till_ids_is_not_configured_for_doctor_and_the_window(till):
    _, config, env = till
    doctor = run(env, "doctor", "--json")
    assert doctor.returncode == 2, doctor.stderr
    report = json.loads(doctor.stdout)
    line = next(check for check in report["checks"] if check["name"] == "configuration")
    assert line["status"] == "failed" and "store_external_id and till_id" in line["detail"]
    assert "configure" in line["detail"] and "--store" in line["detail"] and str(config) in line["detail"]
    window = run(env, "--self-test")
    assert window.returncode == 2 and "store_external_id and till_id" in window.stderr
    assert "self-test ok" not in window.stdout   # no till was built: nothing booked as store 1, till 1

    with_ids(config)
    done = run(env, "doctor", "--json")
    # Healthy but for the people line where the test machine has no keyring (the till's PIN cannot be kept there).
    assert done.returncode in (0, 1), done.stderr
    assert all(c["status"] == "ok" for c in json.loads(done.stdout)["checks"] if c["name"] != "people"), done.stdout
    assert "self-test ok" in run(env, "--self-test").stdout


def test_the_uninstall_check_cannot_tell_with_a_configuration_it_cannot_read(till):
    _, config, env = till
    config.write_text('{"version": 1,,}')
    checked = run(env, "uninstall-check")
    assert checked.returncode == 3, checked
    assert "cannot tell whether sales are undelivered" in checked.stdout + checked.stderr
    assert "Traceback" not in checked.stderr


def test_export_files_not_uploaded_keep_the_uninstaller_out_and_doctor_warns(till):
    folder, config, env = till
    with_ids(config)
    with Journal.open(folder / "data" / "journal.sqlite3") as journal:
        journal.record([payloads.receipt(sale("x1"))])
        assert export(journal, folder / "exports").exported == 1   # the sale's one copy is now the file
    checked = run(env, "uninstall-check")
    assert checked.returncode == 3 and "1 export file is written and not uploaded" in checked.stdout
    doctor = json.loads(run(env, "doctor", "--json").stdout)
    exports = next(check for check in doctor["checks"] if check["name"] == "exports")
    assert exports["status"] == "warning" and "journal upload" in exports["detail"]


def test_a_journal_damaged_past_its_header_is_said_in_one_line_never_a_traceback(till):
    folder, config, env = till
    with_ids(config)
    path = folder / "data" / "journal.sqlite3"
    with Journal.open(path) as journal:
        for n in range(20):
            journal.record([payloads.receipt(sale(f"d{n}"))])
        journal.connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        page = journal.connection.execute("SELECT rootpage FROM sqlite_master WHERE name = ?",
                                          ("entry_counts",)).fetchone()[0]
    with path.open("r+b") as damaged:   # the queue's counters' page overwritten (a bad sector), the file closed cleanly
        damaged.seek((page - 1) * 4096)
        damaged.write(os.urandom(4096))
    for args in (("doctor", "--json"), ("doctor", "--deep", "--json")):
        doctor = run(env, *args)
        assert "Traceback" not in doctor.stderr, doctor.stderr
        assert doctor.returncode == 2, doctor
        line = next(check for check in json.loads(doctor.stdout)["checks"] if check["name"] == "journal")
        assert line["status"] == "failed" and "damaged" in line["detail"] and "journal recover" in line["detail"]
    checked = run(env, "uninstall-check")
    assert checked.returncode == 3 and "Traceback" not in checked.stderr, checked


def test_configure_stores_every_secret_or_none(tmp_path, memory_keyring, monkeypatch, capsys):
    """A good API key followed by a marketing key pasted with a curly quote: before, the first was stored and the
    second refused (helper F12's note); every value is checked before any is stored."""
    from pos_engage.core import credentials
    from tests.test_cli_admin import run as run_in_process

    monkeypatch.setenv("POS_ENGAGE_DATA_DIR", str(tmp_path / "data"))
    config = tmp_path / "config.json"
    code = run_in_process(["--config", str(config), "configure", "--store", "12", "--till", "3", "--api-key-stdin",
                           "--marketing-key-stdin"], "good-key\n\u201cmarketing-key\u201d\n")
    assert code == 2 and "nothing was stored" in capsys.readouterr().err
    assert ("pos-engage", credentials.ENGAGE_API_KEY) not in memory_keyring.store
    assert not config.exists()


def test_an_address_with_the_api_path_is_refused_and_an_address_without_engage_is_broken(till, sim_server):
    """'--base-url .../api/v3/' was taken, and doctor read every 404 as Engage down for now (exit 1, "sales queue
    meanwhile"), which never heals. The API's path is refused where it is given; an address where Engage's API is
    not (a proxy's prefix wrong) is broken in doctor."""
    _, config, env = till
    given = run(env, "--config", str(config), "configure", "--base-url", sim_server.base_url + "/api/v3/")
    assert given.returncode == 2 and "names Engage's API path" in given.stderr
    config.write_text(json.dumps({"store_external_id": "12", "till_id": "3",
                                  "engage": {"base_url": sim_server.base_url + "/engage-prefix"}}))
    doctor = run(env, "doctor", "--json")
    line = next(check for check in json.loads(doctor.stdout)["checks"] if check["name"] == "engage")
    assert doctor.returncode == 2 and line["status"] == "failed" and "not at" in line["detail"], doctor.stdout


def test_journal_show_masks_personal_data_and_shows_it_to_a_named_person_audited(tmp_path, sim_server):
    """It printed a customer's email in clear to whoever ran it, with no one named and nothing audited, where the
    queue view masks it and audits a reveal (helper I12's review, item 7)."""
    from tests.test_cli_journal import RECEIPT, receipt_file
    from tests.test_cli_journal import run as run_cli

    config = tmp_path / "config.json"
    config.write_text(json.dumps({"store_external_id": "12", "till_id": "7",
                                  "engage": {"base_url": "http://127.0.0.1:9"}}))   # down: the entry stays queued
    env = {name: value for name, value in os.environ.items() if not name.startswith("POS_ENGAGE_")}
    env |= {"POS_ENGAGE_CONFIG": str(config), "POS_ENGAGE_DATA_DIR": str(tmp_path / "data"),
            "POS_ENGAGE_API_KEY": "sim-demo-key"}
    submitted = run_cli(env, "receipt", "submit", receipt_file(tmp_path, RECEIPT | {"uniqueReceiptId": "p-1"}))
    assert submitted.returncode == 0, submitted.stderr
    email = RECEIPT["contact"]["matchKey"]
    shown = run_cli(env, "journal", "show", "1", "--json")
    assert shown.returncode == 0 and email not in shown.stdout and "uniqueReceiptId" in shown.stdout
    refused = run_cli(env, "journal", "show", "1", "--reveal")
    assert refused.returncode == 2 and email not in refused.stdout
    revealed = run_cli(env, "journal", "show", "1", "--json", "--reveal", "--it", "Erik Ek")
    assert revealed.returncode == 0 and email in revealed.stdout
    audit = json.loads(run_cli(env, "journal", "show", "1", "--json").stdout)["audit"]
    assert [(row["action"], row["actor"]) for row in audit if row["action"] == "reveal"] == [
        ("reveal", "IT: Erik Ek, without a PIN")]
