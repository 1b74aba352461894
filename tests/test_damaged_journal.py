"""No unsent sale out of sight: a damaged journal set aside, or one emptied to 0 bytes, is named by the window,
doctor and uninstall-check until ``journal recover`` has brought its entries back (or a manager has acknowledged
the loss), and the entries brought back are delivered once. Real processes, a real simulator on loopback, real
SQLite files damaged the way a disk damages them (pages overwritten, a file truncated)."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from pos_engage.core.journal.store import Journal
from tests.test_cli_journal import RECEIPT

pytestmark = pytest.mark.network


def run(env, *args: str, timeout: float = 120) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pos_engage", *args], env=env, capture_output=True, text=True,
                          timeout=timeout)


def damage(path: Path) -> None:
    """Overwrite the pages of the journal's migrations table and its index with garbage: the file no longer
    opens (SQLite: 'database disk image is malformed'), while the entries' own pages are still readable."""
    db = sqlite3.connect(path)
    pages = dict(db.execute("SELECT name, rootpage FROM sqlite_master WHERE name LIKE '%sqlite_migrations%'"))
    size = db.execute("PRAGMA page_size").fetchone()[0]
    db.close()
    assert pages, "the journal has a migrations table"
    with path.open("r+b") as handle:
        for page in pages.values():
            handle.seek((page - 1) * size)
            handle.write(b"\xff" * size)


@pytest.fixture
def till(tmp_path, sim_server):
    """A configured till (the simulator on loopback is its Engage) with a journal folder."""
    config = tmp_path / "config.json"
    config.write_text(json.dumps({"store_external_id": "42", "till_id": "7",
                                  "engage": {"base_url": sim_server.base_url, "timeout_background": 3.0},
                                  "journal": {"retry_schedule": [0.05]}}))
    env = {name: value for name, value in os.environ.items() if not name.startswith("POS_ENGAGE_")}
    env |= {"POS_ENGAGE_CONFIG": str(config), "POS_ENGAGE_DATA_DIR": str(tmp_path / "data"),
            "POS_ENGAGE_API_KEY": "sim-demo-key", "QT_QPA_PLATFORM": "offscreen"}
    return tmp_path, env


def submit(folder: Path, env, unique_id: str, *, send: bool) -> None:
    receipt = folder / f"{unique_id}.json"
    receipt.write_text(json.dumps(RECEIPT | {"uniqueReceiptId": unique_id}))
    result = run(env, "receipt", "submit", *([] if send else ["--no-send"]), str(receipt))
    assert result.returncode == 0, result.stderr


def sales_before_the_damage(folder: Path, env) -> Path:
    """d-1 delivered; d-2 in flight when the till died (its request never reached Engage); d-3 queued.
    Returns the journal's path."""
    submit(folder, env, "d-1", send=True)
    submit(folder, env, "d-2", send=False)
    submit(folder, env, "d-3", send=False)
    journal = folder / "data" / "journal.sqlite3"
    db = sqlite3.connect(journal, isolation_level=None)
    db.execute("UPDATE entries SET status = 'in_flight' WHERE idempotency_key = 'receipt:d-2'")
    db.close()
    return journal


def doctor(env) -> tuple[int, dict]:
    result = run(env, "doctor", "--json")
    report = json.loads(result.stdout)
    return result.returncode, {check["name"]: check for check in report["checks"]}


def test_a_damaged_journal_is_named_everywhere_until_recover_brings_its_sales_back_delivered_once(till, sim_state):
    folder, env = till
    journal = sales_before_the_damage(folder, env)
    assert dict(sim_state.received.receipt_posts) == {"d-1": 1}
    damage(journal)

    # The window starts (it can sell on a new journal) and names the file set aside.
    started = run(env, "--self-test")
    assert started.returncode == 0, started.stderr
    (aside,) = (folder / "data").glob("journal.damaged-*.sqlite3")
    assert f"self-test: The journal was damaged and set aside as {aside}: 2 entries in it were not delivered" \
        in started.stdout
    assert f"pos-engage journal recover {aside}" in started.stdout

    code, checks = doctor(env)
    assert code == 2 and checks["journal files"]["status"] == "failed"
    assert str(aside) in checks["journal files"]["detail"] and "journal recover" in checks["journal files"]["detail"]
    refused = run(env, "uninstall-check")
    assert refused.returncode == 3 and str(aside) in refused.stdout

    # IT recovers: the three come back (deduplicated on a second run), the file is kept under a new name.
    recovered = run(env, "journal", "recover", "--it", "Sara", "--reason", "disk error on till 7")
    assert recovered.returncode == 0, recovered.stdout + recovered.stderr
    assert "2 entries back in the queue" in recovered.stdout and "1 already delivered or closed" in recovered.stdout
    kept = aside.with_name(aside.name.replace(".damaged-", ".recovered-"))
    assert kept.exists() and not aside.exists()
    again = run(env, "journal", "recover", str(kept))
    assert again.returncode == 0 and "0 entries back in the queue" in again.stdout and "2 already there" in again.stdout
    listed = json.loads(run(env, "journal", "list", "--json").stdout)
    # Delivered d-1 stays in the recovered file as history; the others wait, to be asked about first.
    assert sorted((e["idempotency_key"], e["status"]) for e in listed) == [
        ("receipt:d-2", "pending"), ("receipt:d-3", "pending")]
    shown = json.loads(run(env, "journal", "show", str(listed[0]["id"]), "--json").stdout)
    assert [(a["action"], a["actor"]) for a in shown["audit"]] == [("recovered", "IT: Sara, without a PIN")]

    # Delivered once each: d-1 is not sent again, d-2 and d-3 are sent (once, whatever replays run).
    replay = run(env, "journal", "replay", "--until-empty", "--max-seconds", "20")
    assert replay.returncode == 0, replay.stdout + replay.stderr
    assert dict(sim_state.received.receipt_posts) == {"d-1": 1, "d-2": 1, "d-3": 1}
    assert run(env, "journal", "replay").returncode == 0
    assert dict(sim_state.received.receipt_posts) == {"d-1": 1, "d-2": 1, "d-3": 1}
    listed = json.loads(run(env, "journal", "list", "--json").stdout)
    assert {e["status"] for e in listed} == {"delivered"}

    code, checks = doctor(env)
    assert checks["journal files"]["status"] == "ok" and code in (0, 1)
    assert run(env, "uninstall-check").returncode == 0
    with Journal.open(journal) as reopened:
        runs = _journal_audit(reopened, "journal recovered")
        assert [(row["actor"], row["reason"]) for row in runs] == [("IT: Sara, without a PIN", "disk error on till 7"),
                                                                   ("till 7", f"from {kept.name}")]


def _journal_audit(journal: Journal, action: str) -> list[sqlite3.Row]:
    return journal.connection.execute("SELECT * FROM audit WHERE action = ? ORDER BY id", (action,)).fetchall()


def test_a_journal_emptied_to_0_bytes_is_a_loss_until_a_backup_is_recovered_and_the_loss_acknowledged(till, sim_state):
    folder, env = till
    journal = sales_before_the_damage(folder, env)
    backup = folder / "backup.sqlite3"
    shutil.copyfile(journal, backup)  # IT's nightly copy (the journal was closed: no -wal to take along)
    journal.write_bytes(b"")  # the disk gave back an empty file

    started = run(env, "--self-test")
    assert started.returncode == 0, started.stderr
    assert f"self-test: The journal {journal} was emptied to 0 bytes since it was last used" in started.stdout
    emptied = list((folder / "data").glob("journal.emptied-*.sqlite3"))
    assert len(emptied) == 1 and emptied[0].stat().st_size == 0  # kept, as evidence, never reused as a journal
    code, checks = doctor(env)
    assert code == 2 and "was emptied to 0 bytes" in checks["journal files"]["detail"]
    assert run(env, "uninstall-check").returncode == 3

    recovered = run(env, "journal", "recover", str(backup), "--it", "Sara")
    assert recovered.returncode == 1  # brought back, but the loss is still told until acknowledged
    assert "2 entries back in the queue" in recovered.stdout and "acknowledge-lost" in recovered.stdout
    replay = run(env, "journal", "replay", "--until-empty", "--max-seconds", "20")
    assert replay.returncode == 0, replay.stdout + replay.stderr
    assert dict(sim_state.received.receipt_posts) == {"d-1": 1, "d-2": 1, "d-3": 1}
    assert run(env, "uninstall-check").returncode == 3

    refused = run(env, "journal", "acknowledge-lost", "--by", "manager-eva")
    assert refused.returncode == 2  # argparse: the reason is required
    acknowledged = run(env, "journal", "acknowledge-lost", "--it", "Eva", "--reason",
                       "restored from the nightly backup")
    assert acknowledged.returncode == 0 and "1 lost journals acknowledged" in acknowledged.stdout
    assert run(env, "uninstall-check").returncode == 0
    code, checks = doctor(env)
    assert checks["journal files"]["status"] == "ok"
    with Journal.open(journal) as reopened:
        rows = _journal_audit(reopened, "journal loss acknowledged")
        assert [(r["actor"], r["reason"]) for r in rows] == [("IT: Eva, without a PIN",
                                                              "restored from the nightly backup")]
        assert len(_journal_audit(reopened, "journal lost")) == 1


def test_a_journal_that_vanished_is_told_by_doctor_before_anything_opens_it(till):
    folder, env = till
    submit(folder, env, "v-1", send=False)
    journal = folder / "data" / "journal.sqlite3"
    journal.unlink()
    code, checks = doctor(env)
    assert code == 2 and f"The journal {journal} vanished since it was last used" in checks["journal files"]["detail"]
    assert checks["journal"]["status"] == "failed" and "though this till had one" in checks["journal"]["detail"]
    refused = run(env, "uninstall-check")
    assert refused.returncode == 3 and "vanished" in refused.stdout
    # A journal set aside by name is not a loss: it is told as set aside (the rename kept the file).
    assert run(env, "journal", "list").returncode == 0
    assert run(env, "journal", "acknowledge-lost", "--reason", "the PC was reinstalled", "--it", "Eva").returncode == 0
    assert run(env, "uninstall-check").returncode == 0
