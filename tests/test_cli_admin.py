"""configure, doctor and metrics, as IT runs them: secrets only in the keyring, honest exit codes."""

from __future__ import annotations

import io
import json
import socket

import keyring
import keyring.backends.fail
import pytest

from pos_engage import cli
from pos_engage.core import credentials
from pos_engage.core.journal import payloads
from pos_engage.core.journal.store import Journal
from pos_engage.core.pin import matches
from tests.core.conftest import sale


@pytest.fixture
def env(monkeypatch, tmp_path):
    for name in ("POS_ENGAGE_API_KEY", "POS_ENGAGE_BASE_URL", "POS_ENGAGE_CONFIG", "POS_ENGAGE_FILE_SERVER_PASSWORD"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("POS_ENGAGE_DATA_DIR", str(tmp_path / "data"))
    return monkeypatch


def run(args, stdin: str = "") -> int:
    import sys
    old = sys.stdin
    sys.stdin = io.StringIO(stdin)
    try:
        return cli.main(args)
    finally:
        sys.stdin = old


def test_configure_puts_secrets_in_the_keyring_and_nothing_secret_in_the_file(env, tmp_path, memory_keyring):
    config = tmp_path / "config.json"
    code = run(["--config", str(config), "configure", "--base-url", "https://abc123.voyado.com/", "--store", "12",
                "--till", "3", "--api-key-stdin", "--marketing-key-stdin", "--manager-pin-stdin"],
               "key-from-it\nmarketing-key\n482913\n")
    assert code == 0
    written = config.read_text()
    assert memory_keyring.store[("pos-engage", credentials.MARKETING_API_KEY)] == "marketing-key"
    assert "marketing-key" not in written
    assert json.loads(written)["engage"]["base_url"] == "https://abc123.voyado.com"
    assert "key-from-it" not in written and "482913" not in written
    assert memory_keyring.store[("pos-engage", credentials.ENGAGE_API_KEY)] == "key-from-it"
    pin_record = memory_keyring.store[("pos-engage", credentials.MANAGER_PIN_HASH)]
    assert "482913" not in pin_record and matches("482913", pin_record)
    # A second run changes one thing and keeps the rest.
    assert run(["--config", str(config), "configure", "--till", "4"]) == 0
    assert json.loads(config.read_text())["store_external_id"] == "12"


def test_configure_refuses_plain_http_to_a_remote_host(env, tmp_path, memory_keyring, capsys):
    code = run(["--config", str(tmp_path / "c.json"), "configure", "--base-url", "http://abc123.voyado.com"])
    assert code == 2 and "https" in capsys.readouterr().err
    assert not (tmp_path / "c.json").exists()


def test_configure_without_a_keyring_backend_says_what_to_do_and_writes_nothing(env, tmp_path, capsys):
    previous = keyring.get_keyring()
    keyring.set_keyring(keyring.backends.fail.Keyring())
    try:
        code = run(["--config", str(tmp_path / "c.json"), "configure", "--store", "9", "--api-key-stdin"], "k\n")
    finally:
        keyring.set_keyring(previous)
    assert code == 2 and "POS_ENGAGE_API_KEY" in capsys.readouterr().err
    assert not (tmp_path / "c.json").exists()


def doctor_config(tmp_path, base_url: str) -> str:
    path = tmp_path / "doctor.json"
    path.write_text(json.dumps({"store_external_id": "12", "till_id": "3", "engage": {"base_url": base_url}}))
    return str(path)


def doctor(config: str, capsys) -> tuple[int, dict]:
    code = run(["--config", config, "doctor", "--json"])
    return code, json.loads(capsys.readouterr().out)


def test_doctor_healthy(env, tmp_path, sim_server, capsys):
    env.setenv("POS_ENGAGE_API_KEY", "sim-demo-key")
    code, report = doctor(doctor_config(tmp_path, sim_server.base_url), capsys)
    assert (code, report["status"]) == (0, "healthy"), report
    assert {c["name"] for c in report["checks"]} >= {"configuration", "engage", "journal", "disk"}


def test_doctor_engage_down_is_degraded(env, tmp_path, capsys):
    env.setenv("POS_ENGAGE_API_KEY", "k")
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    code, report = doctor(doctor_config(tmp_path, f"http://127.0.0.1:{port}"), capsys)
    assert (code, report["status"]) == (1, "degraded")


def test_doctor_wrong_key_is_broken(env, tmp_path, sim_server, capsys):
    env.setenv("POS_ENGAGE_API_KEY", "wrong-key")
    code, report = doctor(doctor_config(tmp_path, sim_server.base_url), capsys)
    assert code == 2
    assert next(c for c in report["checks"] if c["name"] == "engage")["status"] == "failed"


def test_doctor_corrupt_journal_is_broken(env, tmp_path, sim_server, capsys):
    env.setenv("POS_ENGAGE_API_KEY", "sim-demo-key")
    (tmp_path / "data").mkdir()
    (tmp_path / "data" / "journal.sqlite3").write_text("not a journal")
    code, report = doctor(doctor_config(tmp_path, sim_server.base_url), capsys)
    assert code == 2
    assert "damaged" in next(c for c in report["checks"] if c["name"] == "journal")["detail"]


def test_metrics_textfile_for_node_exporter(env, tmp_path, sim_server, capsys):
    env.setenv("POS_ENGAGE_API_KEY", "sim-demo-key")
    with Journal.open(tmp_path / "data" / "journal.sqlite3") as journal:
        journal.record([payloads.receipt(sale("m1"))])
        journal.record([payloads.receipt(sale("m2"))])
    target = tmp_path / "textfile" / "pos_engage.prom"
    assert run(["--config", doctor_config(tmp_path, sim_server.base_url), "metrics", "--textfile", str(target)]) == 0
    text = target.read_text()
    assert 'pos_engage_queue_pending{store="12",till="3"} 2' in text
    assert 'pos_engage_engage_up{store="12",till="3"} 1' in text
    assert "# TYPE pos_engage_conflicts gauge" in text
    assert not list(target.parent.glob("*.tmp"))


def test_diagnostics_zip_holds_no_secret_or_personal_data(env, tmp_path, sim_server, capsys):
    import zipfile
    env.setenv("POS_ENGAGE_API_KEY", "sim-demo-key")
    config = doctor_config(tmp_path, sim_server.base_url)
    with Journal.open(tmp_path / "data" / "journal.sqlite3") as journal:
        journal.record([payloads.receipt(sale("d1"))])
    logs_dir = tmp_path / "data" / "logs"
    logs_dir.mkdir(parents=True)
    (logs_dir / "pos-engage.log").write_text('{"message": "old line with anna@example.se and +46701234567"}\n')
    target = tmp_path / "support" / "till-3.zip"
    assert run(["--config", config, "diagnostics", "--out", str(target)]) == 0
    with zipfile.ZipFile(target) as archive:
        names = set(archive.namelist())
        content = " ".join(archive.read(name).decode() for name in names)
    assert {"versions.json", "config.json", "journal.json", "logs/pos-engage.log"} <= names
    assert json.loads(zipfile.ZipFile(target).read("journal.json"))["pending"] == 1
    assert "sim-demo-key" not in content and "anna@example.se" not in content and "+46701234567" not in content
    assert "someone@example.se" not in content  # the receipt's payload is not in the zip


def test_uninstall_check_refuses_while_entries_are_undelivered(env, tmp_path, capsys):
    config = doctor_config(tmp_path, "")
    assert run(["--config", config, "uninstall-check"]) == 0
    with Journal.open(tmp_path / "data" / "journal.sqlite3") as journal:
        journal.record([payloads.receipt(sale("u1"))])
    assert run(["--config", config, "uninstall-check"]) == 3
    assert "1 entry is not delivered" in capsys.readouterr().out


def test_doctor_without_an_api_key_is_broken_and_says_how_to_provision(env, tmp_path, memory_keyring, capsys):
    code, report = doctor(doctor_config(tmp_path, "https://abc123.voyado.com"), capsys)
    engage = next(c for c in report["checks"] if c["name"] == "engage")
    assert code == 2 and engage["status"] == "failed" and "configure --api-key-stdin" in engage["detail"]


def test_doctor_reports_the_marketing_platform_degraded_without_its_key_and_healthy_with_it(env, tmp_path, sim_server,
                                                                                             memory_keyring, capsys):
    env.setenv("POS_ENGAGE_API_KEY", "sim-demo-key")
    path = tmp_path / "doctor.json"
    path.write_text(json.dumps({"store_external_id": "12", "till_id": "3", "engage": {"base_url": sim_server.base_url},
                                "orders": {"second_backend": {"base_url": "https://marketing.example"}}}))
    code, report = doctor(str(path), capsys)
    marketing = next(c for c in report["checks"] if c["name"] == "marketing")
    assert code == 1 and marketing["status"] == "warning" and "--marketing-key-stdin" in marketing["detail"]
    env.setenv("POS_ENGAGE_MARKETING_API_KEY", "m-key")
    code, report = doctor(str(path), capsys)
    marketing = next(c for c in report["checks"] if c["name"] == "marketing")
    assert (code, marketing["status"]) == (0, "ok") and "nothing waiting" in marketing["detail"]
