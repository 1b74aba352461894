"""What an IT administrator's review found at the command line (session 12, items 10-13), each as IT or a script
meets it: real processes, the simulator on loopback, real journal files.

- The metrics textfile rounded the last delivery's time to six digits (1.79586e+09: up to 5,000 s off).
- ``journal replay --until-empty`` with Engage down said nothing for ten minutes and exited 0 with sales unsent.
- An API key pasted with curly quotes failed far from where it was given, blaming "a text file".
- Smaller ones: ``serve --port 99999`` ended in a traceback, ``journal prune --days -5`` stripped every delivered
  entry, ``doctor | head -1`` said "cannot use: Broken pipe" (exit 2), ``journal export --out`` blamed the data
  folder for a folder it could not write, and ``configure`` with no option wrote a file and said so.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time

import pytest

from pos_engage.core.journal import payloads
from pos_engage.core.journal.store import Journal
from tests.core.conftest import sale

pytestmark = pytest.mark.network

RECEIPT = {"contact": {"matchKey": "anna.andersson@example.se", "matchKeyType": "email"},
           "paymentMethods": [{"type": "Card", "value": 199}],
           "items": [{"type": "PURCHASE", "sku": "1001", "articleName": "T-shirt", "quantity": 1,
                      "grossPaidPrice": 199, "taxPercent": 25}]}


def run(env, *args: str, stdin: str | None = None, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pos_engage", *args], env=env, input=stdin, capture_output=True,
                          text=True, timeout=timeout)


def closed_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def till_env(tmp_path, base_url: str, **extra: str) -> dict[str, str]:
    """A configured till (store 12, till 3) at ``base_url``, its own data folder, the key in the environment."""
    config = tmp_path / "config.json"
    config.write_text(json.dumps({"store_external_id": "12", "till_id": "3",
                                  "engage": {"base_url": base_url, "timeout_background": 3.0}}))
    env = {name: value for name, value in os.environ.items() if not name.startswith("POS_ENGAGE_")}
    return env | {"POS_ENGAGE_CONFIG": str(config), "POS_ENGAGE_DATA_DIR": str(tmp_path / "data"),
                  "POS_ENGAGE_API_KEY": "sim-demo-key", "HOME": str(tmp_path / "home")} | extra


def one_line(result: subprocess.CompletedProcess, code: int = 2) -> str:
    """The one line on stderr of a refusal: the exit code asked for, never a traceback."""
    assert result.returncode == code, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, lines
    return lines[0]


# ---------------------------------------------------------------------- item 10: exact metrics


def test_the_metrics_textfile_holds_the_last_delivery_time_exactly(tmp_path, sim_server):
    env = till_env(tmp_path, sim_server.base_url)
    receipt = tmp_path / "receipt.json"
    receipt.write_text(json.dumps(RECEIPT))
    sent = run(env, "receipt", "submit", str(receipt))
    assert sent.returncode == 0 and "sent to Engage" in sent.stdout, sent.stdout + sent.stderr
    with Journal.open(tmp_path / "data" / "journal.sqlite3") as journal:
        journal.record([payloads.receipt(sale("queued-1"))])
        delivered_at = journal.figures().last_delivered_at
    assert delivered_at and not delivered_at.is_integer()   # a real delivery's time, to the microsecond

    target = tmp_path / "textfile" / "pos_engage.prom"
    assert run(env, "metrics", "--textfile", str(target)).returncode == 0
    samples = dict(line.rsplit(" ", 1) for line in target.read_text().splitlines() if not line.startswith("#"))
    labels = '{store="12",till="3"}'
    assert float(samples[f"pos_engage_last_delivery_timestamp_seconds{labels}"]) == delivered_at
    assert samples[f"pos_engage_queue_pending{labels}"] == "1"   # counts as integers
    assert samples[f"pos_engage_engage_up{labels}"] == "1"
    assert samples[f"pos_engage_needs_attention{labels}"] == "0"
    age = float(samples[f"pos_engage_queue_oldest_age_seconds{labels}"])
    assert 0 <= age < 120


# ---------------------------------------------------------------------- item 11: replay --until-empty that gives up


def queued(tmp_path, count: int) -> None:
    with Journal.open(tmp_path / "data" / "journal.sqlite3") as journal:
        for number in range(count):
            journal.record([payloads.receipt(sale(f"r-{number}"))])


def test_replay_until_empty_that_gives_up_with_sales_unsent_says_what_is_left_and_exits_1(tmp_path):
    queued(tmp_path, 3)
    env = till_env(tmp_path, f"http://127.0.0.1:{closed_port()}")   # Engage down
    started = time.monotonic()
    result = run(env, "journal", "replay", "--until-empty", "--max-seconds", "3")
    assert time.monotonic() - started < 60
    line = one_line(result, code=1)
    assert "not done: 3 entries still undelivered" in line and "--max-seconds (3 s)" in line, line
    assert "Engage not answering" in line
    assert "waiting: 3 entries to send" in result.stdout   # it said so when it started waiting, not 10 min later
    with Journal.open(tmp_path / "data" / "journal.sqlite3") as journal:
        assert journal.figures().pending == 3               # nothing lost: still queued


def test_replay_until_empty_that_sends_everything_exits_0_quietly(tmp_path, sim_server, sim_state):
    queued(tmp_path, 2)
    result = run(till_env(tmp_path, sim_server.base_url), "journal", "replay", "--until-empty", "--max-seconds", "30")
    assert result.returncode == 0 and result.stderr == "", result.stdout + result.stderr
    assert "2 delivered" in result.stdout and "queue: 0 pending" in result.stdout
    assert len(sim_state.received.receipts) == 2


@pytest.mark.parametrize("seconds", ["-1", "0", "nan"])
def test_replay_refuses_max_seconds_that_would_send_nothing(tmp_path, seconds):
    result = run(till_env(tmp_path, f"http://127.0.0.1:{closed_port()}"), "journal", "replay", "--until-empty",
                 "--max-seconds", seconds)
    assert result.returncode == 2 and "--max-seconds" in result.stderr and "Traceback" not in result.stderr
    assert not (tmp_path / "data" / "journal.sqlite3").exists()


# ---------------------------------------------------------------------- item 12: a key pasted with curly quotes

CURLY_KEY = "\u201csim-demo-key\u201d"   # “sim-demo-key”, as a word processor quotes it


def test_configure_refuses_a_pasted_key_with_curly_quotes_in_one_line_and_writes_nothing(tmp_path):
    config = tmp_path / "provisioned.json"
    env = till_env(tmp_path, "http://127.0.0.1:9")
    del env["POS_ENGAGE_API_KEY"], env["POS_ENGAGE_CONFIG"]
    result = run(env, "--config", str(config), "configure", "--store", "12", "--api-key-stdin",
                 stdin=CURLY_KEY + "\n")
    line = one_line(result)
    assert "Engage API key" in line and "curly quote" in line and "not plain ASCII" in line, line
    assert "paste it again as plain text" in line and "UTF-8" not in line
    assert not config.exists()


def test_configure_stores_nothing_from_a_key_with_a_character_outside_ascii(tmp_path, memory_keyring, monkeypatch,
                                                                             capsys):
    from pos_engage import cli

    monkeypatch.setenv("POS_ENGAGE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setattr(sys, "stdin", __import__("io").StringIO("sim\u00a0demo\u00e9key\n"))
    config = tmp_path / "config.json"
    assert cli.main(["--config", str(config), "configure", "--till", "3", "--api-key-stdin"]) == 2
    assert "not plain ASCII" in capsys.readouterr().err
    assert memory_keyring.store == {} and not config.exists()


@pytest.mark.parametrize("key", [CURLY_KEY, "sim-demo-k\u00e9y", "sim-demo\x07key"])
def test_a_key_in_the_environment_that_no_request_can_carry_is_named_by_doctor_and_refused_by_submit(
        tmp_path, sim_server, sim_state, key):
    env = till_env(tmp_path, sim_server.base_url, POS_ENGAGE_API_KEY=key)
    doctor = run(env, "doctor", "--json")
    assert doctor.returncode == 2 and "Traceback" not in doctor.stderr, doctor.stderr
    report = json.loads(doctor.stdout)
    engage = next(check for check in report["checks"] if check["name"] == "engage")
    assert engage["status"] == "failed" and "POS_ENGAGE_API_KEY" in engage["detail"], engage
    assert "plain" in engage["detail"] and "text" not in doctor.stderr

    receipt = tmp_path / "receipt.json"
    receipt.write_text(json.dumps(RECEIPT))
    line = one_line(run(env, "receipt", "submit", str(receipt)))
    assert "POS_ENGAGE_API_KEY" in line and "set it again as plain text" in line, line
    assert "nothing was changed" not in line
    listed = run(env, "journal", "list")
    assert listed.stdout.strip() == "no entries"      # refused before it was journaled: exit 2 means nothing done
    assert sim_state.received.receipts == {}


def test_a_key_kept_in_the_keyring_with_a_curly_quote_is_named_where_it_is_read(memory_keyring):
    from pos_engage.core import credentials
    from pos_engage.core.errors import ConfigError

    memory_keyring.set_password(credentials.SERVICE, credentials.ENGAGE_API_KEY, CURLY_KEY)  # stored long ago
    with pytest.raises(ConfigError, match=r"in the keyring holds a curly quote.*pos-engage configure --api-key-stdin"):
        credentials.get_secret(credentials.ENGAGE_API_KEY, env={})
    memory_keyring.set_password(credentials.SERVICE, credentials.FILE_SERVER_PASSWORD, "lösenord")  # not a header
    assert credentials.get_secret(credentials.FILE_SERVER_PASSWORD, env={}) == "lösenord"


def test_the_client_refuses_a_key_no_http_header_can_carry():
    from pos_engage.core.engage.auth import check_api_key
    from pos_engage.core.errors import ConfigError

    with pytest.raises(ConfigError, match="not plain ASCII"):
        check_api_key(CURLY_KEY)
    assert check_api_key(" sim-demo-key\n") == "sim-demo-key"


def test_submit_without_a_usable_key_journals_nothing_and_says_so(tmp_path, sim_server):
    env = till_env(tmp_path, sim_server.base_url)
    del env["POS_ENGAGE_API_KEY"]            # and this machine has no keyring to read one from
    receipt = tmp_path / "receipt.json"
    receipt.write_text(json.dumps(RECEIPT))
    line = one_line(run(env, "receipt", "submit", str(receipt)))
    assert "POS_ENGAGE_API_KEY" in line, line
    assert run(env, "journal", "list").stdout.strip() == "no entries"
    assert run(env, "receipt", "submit", "--no-send", str(receipt)).returncode == 0   # journaling needs no key


# ---------------------------------------------------------------------- item 13: the smaller ones


@pytest.mark.parametrize("port", ["99999", "-1", "65536"])
def test_serve_refuses_a_port_that_does_not_exist_at_argument_parsing(tmp_path, port):
    result = run(till_env(tmp_path, "http://127.0.0.1:9"), "serve", "--demo", "--port", port, timeout=60)
    assert result.returncode == 2 and "Traceback" not in result.stderr, result.stderr
    error = result.stderr.strip().splitlines()[-1]
    assert "--port" in error and "1 to 65535" in error, error
    assert not (tmp_path / "data").exists()       # refused before anything was opened


async def test_the_link_server_refuses_a_port_above_65535_in_words():
    from pos_engage.core.errors import ConfigError
    from pos_engage.link.server import LinkServer

    async def app(scope, receive, send):  # never reached
        raise AssertionError(scope)

    with pytest.raises(ConfigError, match=r"cannot listen on 127\.0\.0\.1:99999"):
        await LinkServer(app, port=99999).start()


@pytest.mark.parametrize("days", ["-5", "0", "0.5", "nan"])
def test_prune_refuses_fewer_days_than_the_retention_allows_and_strips_nothing(tmp_path, sim_server, days):
    env = till_env(tmp_path, sim_server.base_url)
    receipt = tmp_path / "receipt.json"
    receipt.write_text(json.dumps(RECEIPT))
    assert "sent to Engage" in run(env, "receipt", "submit", str(receipt)).stdout
    result = run(env, "journal", "prune", "--days", days)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert "--days" in result.stderr and "at least 1" in result.stderr, result.stderr
    with Journal.open(tmp_path / "data" / "journal.sqlite3") as journal:
        (entry,) = journal.entries()
    assert entry.pruned_at is None and "anna.andersson@example.se" in json.dumps(entry.payload)
    assert run(env, "journal", "prune", "--days", "1").returncode == 0   # a day or more: as before


@pytest.mark.parametrize("command", [["doctor"], ["doctor", "--json"], ["journal", "list"], ["journal", "figures"]])
def test_a_reader_that_closed_standard_output_ends_the_command_quietly(tmp_path, sim_server, command):
    queued(tmp_path, 2)
    reading, writing = os.pipe()
    os.close(reading)               # `pos-engage doctor | head -1`, once head has read its line and gone
    try:
        result = subprocess.run([sys.executable, "-m", "pos_engage", *command], stdout=writing,
                                stderr=subprocess.PIPE, text=True, timeout=120,
                                env=till_env(tmp_path, sim_server.base_url))
    finally:
        os.close(writing)
    assert result.stderr == ""      # was "pos-engage: cannot use: Broken pipe", exit 2 (doctor's "broken")
    assert result.returncode == 128 + 13


def test_export_to_a_folder_that_cannot_be_made_names_that_folder(tmp_path, sim_server):
    queued(tmp_path, 1)
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    for out in (blocker / "exports", blocker):
        line = one_line(run(till_env(tmp_path, sim_server.base_url), "journal", "export", "--out", str(out),
                            "--it", "Bob"))
        assert str(out) in line and "--out" in line, line
        assert "journal file" not in line and "data folder" not in line and "nothing was exported" in line
    with Journal.open(tmp_path / "data" / "journal.sqlite3") as journal:
        assert journal.figures().pending == 1 and journal.figures().exported == 0


@pytest.mark.parametrize("options", [[], ["--machine"]])
def test_configure_with_nothing_to_change_says_so_and_writes_nothing(tmp_path, options):
    env = till_env(tmp_path, "http://127.0.0.1:9") | {"XDG_CONFIG_HOME": str(tmp_path / "user"),
                                                      "XDG_CONFIG_DIRS": str(tmp_path / "machine")}
    del env["POS_ENGAGE_CONFIG"]
    line = one_line(run(env, "configure", *options))
    assert "nothing to change" in line and "nothing written" in line and "configuration written" not in line
    assert not (tmp_path / "user").exists() and not (tmp_path / "machine").exists()
    assert run(env, "configure", "--store", "12").returncode == 0      # something to change: written
    assert json.loads((tmp_path / "user" / "pos-engage" / "config.json").read_text())["store_external_id"] == "12"


def test_output_a_terminal_cannot_take_names_the_character_and_blames_no_input_file(tmp_path, sim_server):
    env = till_env(tmp_path, sim_server.base_url)
    receipt = tmp_path / "receipt.json"
    receipt.write_text(json.dumps(RECEIPT | {"items": [RECEIPT["items"][0] | {"articleName": "Tröja"}]}))
    assert run(env, "receipt", "submit", str(receipt)).returncode == 0
    line = one_line(run(env | {"PYTHONIOENCODING": "ascii"}, "journal", "show", "1"))
    assert "LATIN SMALL LETTER O WITH DIAERESIS" in line and "not UTF-8" in line, line
    assert "save it as UTF-8" not in line and "nothing was changed" not in line   # no input file was at fault
