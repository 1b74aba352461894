"""Demo is a choice, never a fallback: a till without an Engage address sends nothing anywhere and says what IT
sets, the same words on the terminal, in the window and in doctor. Real processes, a real simulator on loopback
(the receipt was queued for it), a real journal file."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys

import pytest

from pos_engage.core.journal.entry import EntryStatus
from pos_engage.core.journal.store import Journal
from tests.test_cli_journal import RECEIPT

pytestmark = pytest.mark.network


def run(env, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pos_engage", *args], env=env, capture_output=True, text=True,
                          timeout=timeout)


@pytest.fixture
def unconfigured(tmp_path):
    """A till whose configuration file names no Engage address (store and till set, as IT left it)."""
    config = tmp_path / "config.json"
    config.write_text(json.dumps({"store_external_id": "42", "till_id": "7", "journal": {"retry_schedule": [0.05]}}))
    env = {name: value for name, value in os.environ.items() if not name.startswith("POS_ENGAGE_")}
    env |= {"POS_ENGAGE_CONFIG": str(config), "POS_ENGAGE_DATA_DIR": str(tmp_path / "data"),
            "POS_ENGAGE_API_KEY": "sim-demo-key", "QT_QPA_PLATFORM": "offscreen"}
    return tmp_path, config, env


def says_not_configured(stderr: str, config) -> bool:
    """The words every door uses: what is wrong, the key, the file it goes in and the command that writes it."""
    return all(part in stderr for part in (
        "not configured: this till has no Engage address, so nothing is sent anywhere", "engage.base_url",
        str(config), "configure --base-url https://<tenant>.voyado.com --api-key-stdin", "pos-engage --demo"))


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def queued_for_engage(folder, env, unique_id: str) -> None:
    """A receipt journaled for the real Engage (its address given by an environment variable, Engage down)."""
    receipt = folder / f"{unique_id}.json"
    receipt.write_text(json.dumps(RECEIPT | {"uniqueReceiptId": unique_id}))
    result = run(env | {"POS_ENGAGE_BASE_URL": f"http://127.0.0.1:{closed_port()}"}, "receipt", "submit",
                 str(receipt))
    assert result.returncode == 0 and "queued" in result.stdout, result.stderr


def entry_states(folder) -> list[tuple[str, str, list]]:
    with Journal.open(folder / "data" / "journal.sqlite3") as journal:
        return [(e.idempotency_key, e.status.value, journal.audit_log(e.id)) for e in journal.entries()]


def test_replay_without_an_address_sends_nothing_and_says_what_to_set(unconfigured, sim_state, sim_server):
    folder, config, env = unconfigured
    queued_for_engage(folder, env, "u-1")
    before = entry_states(folder)
    assert [(key, status) for key, status, _ in before] == [("receipt:u-1", "waiting_retry")]

    for command in (["journal", "replay"], ["journal", "replay", "--until-empty", "--max-seconds", "5"]):
        result = run(env, *command)
        assert result.returncode == 2, result
        assert says_not_configured(result.stderr, config), result.stderr
        assert "Traceback" not in result.stderr and result.stdout == ""
    # Nothing moved: not delivered (it was, to the embedded simulator, before), no attempt, no audit row, no demo
    # journal started on the side; the real Engage (on loopback, given the key) never heard of it.
    assert entry_states(folder) == before
    assert not (folder / "data" / "demo-journal.sqlite3").exists()
    assert sim_state.received.receipts == {}
    # With the address back, the same entry goes to the Engage it was queued for, once.
    result = run(env | {"POS_ENGAGE_BASE_URL": sim_server.base_url}, "journal", "replay", "--until-empty",
                 "--max-seconds", "20")
    assert result.returncode == 0 and "1 delivered" in result.stdout, result.stdout + result.stderr
    assert dict(sim_state.received.receipt_posts) == {"u-1": 1}


def test_submit_export_and_upload_without_an_address_exit_2_and_journal_nothing(unconfigured):
    folder, config, env = unconfigured
    receipt = folder / "receipt.json"
    receipt.write_text(json.dumps(RECEIPT))
    for command in (["receipt", "submit", str(receipt)], ["receipt", "submit", "--no-send", str(receipt)],
                    ["journal", "export"], ["journal", "upload"]):
        result = run(env, *command)
        assert result.returncode == 2, (command, result)
        assert says_not_configured(result.stderr, config), (command, result.stderr)
        assert "Traceback" not in result.stderr
    assert not (folder / "data" / "journal.sqlite3").exists()  # nothing journaled for an Engage nobody named
    assert not list((folder / "data").glob("exports/*"))
    assert receipt.exists()  # the receipt is still where the POS put it: nothing lost
    # Reading the journal needs no Engage: those commands still work.
    listed = run(env, "journal", "list")
    assert listed.returncode == 0 and "no entries" in listed.stdout


def test_doctor_reports_a_till_without_an_address_as_broken(unconfigured):
    _, config, env = unconfigured
    result = run(env, "doctor", "--json")
    assert result.returncode == 2, result.stderr
    report = json.loads(result.stdout)
    engage = next(check for check in report["checks"] if check["name"] == "engage")
    assert report["status"] == "broken" and engage["status"] == "failed"
    assert says_not_configured(engage["detail"], config)
    assert "demo" not in engage["detail"].split(";")[0]  # never "demo mode: the embedded simulator"


def test_the_window_without_an_address_opens_no_till_and_sends_nothing(unconfigured):
    folder, config, env = unconfigured
    queued_for_engage(folder, env, "w-1")
    before = entry_states(folder)
    result = run(env, "--self-test")
    assert result.returncode == 2, result
    assert says_not_configured(result.stderr, config), result.stderr
    assert "self-test ok" not in result.stdout  # no till was built: no client, no delivery
    assert entry_states(folder) == before
    assert not (folder / "data" / "demo-journal.sqlite3").exists()


def test_the_not_configured_screen_tells_it_what_to_set(qtbot, tmp_path):
    from PySide6.QtWidgets import QLabel, QPushButton

    from pos_engage.configuration import not_configured
    from pos_engage.window import not_configured_screen

    config = tmp_path / "config.json"
    screen = not_configured_screen(not_configured(str(config), env={}).problems)
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitExposed(screen)
    heading = screen.findChild(QLabel, "notConfiguredHeading").text()
    details = screen.findChild(QLabel, "notConfiguredDetails").text()
    assert "not configured" in heading and "sends nothing" in heading
    assert says_not_configured(details, config)
    assert f"pos-engage --config {config} configure --base-url" in details
    # Without an explicit file the words name IT's machine-wide file and the command that writes it.
    from pos_engage.core.paths import machine_config_file

    machine = " ".join(not_configured(env={}).problems)
    assert str(machine_config_file()) in machine and "--api-key-stdin --machine" in machine
    close = next(button for button in screen.findChildren(QPushButton) if button.text() == "Close")
    close.click()
    assert not screen.isVisible()


def test_the_demo_is_chosen_and_has_its_own_journal(unconfigured):
    folder, config, env = unconfigured
    receipt = folder / "receipt.json"
    receipt.write_text(json.dumps(RECEIPT | {"uniqueReceiptId": "demo-1"}))
    result = run(env, "--demo", "receipt", "submit", str(receipt))
    assert result.returncode == 0 and "sent to Engage" in result.stdout, result.stderr  # the embedded simulator
    with Journal.open(folder / "data" / "demo-journal.sqlite3") as demo:
        assert [(e.idempotency_key, e.status) for e in demo.entries()] == [("receipt:demo-1", EntryStatus.DELIVERED)]
    assert not (folder / "data" / "journal.sqlite3").exists()  # the real journal never holds a demo sale
    # engage.mode = "demo" in the file is the same choice: the window starts, on the demo's journal.
    config.write_text(json.dumps({"store_external_id": "42", "till_id": "7", "engage": {"mode": "demo"}}))
    started = run(env, "--self-test")
    assert started.returncode == 0, started.stderr
    assert "(demo)" in started.stdout
    assert not (folder / "data" / "journal.sqlite3").exists()
    doctor = json.loads(run(env, "doctor", "--json").stdout)
    assert next(c for c in doctor["checks"] if c["name"] == "engage")["detail"].startswith("demo mode")


def test_a_mode_that_is_not_demo_or_engage_is_refused(unconfigured):
    _, config, env = unconfigured
    config.write_text(json.dumps({"engage": {"mode": "simulator"}}))
    result = run(env, "journal", "list")
    assert result.returncode == 2
    assert "configuration.engage.mode: must be one of engage, demo — not 'simulator'" in result.stderr
