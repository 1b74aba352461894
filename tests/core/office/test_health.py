"""The health checks doctor, metrics and uninstall-check read, and the connection test of Settings and doctor: each
against the real thing (a journal file, a data folder, the simulator on a loopback port, a closed port)."""

from __future__ import annotations

import socket

import pytest

from pos_engage.core.config import Config
from pos_engage.core.engage.client import EngageClient
from pos_engage.core.errors import EngageAuthError
from pos_engage.core.journal import identity, payloads
from pos_engage.core.office import connection, health
from pos_engage.sim.state import DEMO_API_KEY
from tests.core.conftest import sale
from tests.test_damaged_journal import damage


@pytest.fixture
def config(tmp_path) -> Config:
    return Config(store_external_id="12", till_id="3", data_dir=str(tmp_path / "data"))


def journal_with_sales(config: Config, count: int = 2):
    path = health.data_paths(config.data_dir).journal
    path.parent.mkdir(parents=True, exist_ok=True)
    with identity.open_journal(path) as journal:
        journal.record([payloads.receipt(sale(f"h-{n}")) for n in range(count)])
    return path


def test_a_new_till_is_healthy_and_has_nothing_undelivered(config):
    assert [c.status for c in health.journal_checks(config)] == [health.OK]
    assert health.journal_files_check(config).status == health.OK
    found = health.undelivered(config)
    assert not found.blocks and not found.journal_exists


def test_a_damaged_journal_set_aside_is_broken_and_blocks_uninstalling(config):
    path = journal_with_sales(config)
    damage(path)
    identity.open_journal(path, on_damage="continue").close()   # the window's way: set aside, a new journal
    (aside,) = path.parent.glob("journal.damaged-*.sqlite3")
    check = health.journal_files_check(config)
    assert check.status == health.FAIL and str(aside) in check.detail and "journal recover" in check.detail
    found = health.undelivered(config)
    assert found.blocks and found.trouble.set_aside[0].undelivered == 2


def test_undelivered_entries_block_uninstalling(config):
    journal_with_sales(config, 3)
    found = health.undelivered(config)
    assert found.waiting == 3 and found.blocks
    figures, pacing = health.queue_and_pacing(config)
    assert figures.pending == 3 and pacing is None
    assert health.journal_summary(config)["by_status"] == {"pending": 3}


def test_a_file_where_the_data_folder_should_be_is_broken(config):
    data = health.data_paths(config.data_dir).root
    data.parent.mkdir(parents=True, exist_ok=True)
    data.write_text("not a folder")
    check = health.disk_check(config)
    assert check.status == health.FAIL and "a file is where the folder should be" in check.detail


async def test_the_connection_test_of_settings_against_engage_on_loopback(sim_server):
    await connection.try_connection(sim_server.base_url, DEMO_API_KEY)   # answers and accepts the key
    with pytest.raises(EngageAuthError):
        await connection.try_connection(sim_server.base_url, "not-the-key")


async def test_doctors_engage_line_ok_broken_or_degraded(sim_server):
    timeouts = connection.DOCTOR_TIMEOUTS
    ok = await connection.engage_check(EngageClient(sim_server.base_url, DEMO_API_KEY, timeouts=timeouts),
                                       sim_server.base_url)
    assert ok.status == health.OK and "answers and accepts the key" in ok.detail
    refused = await connection.engage_check(EngageClient(sim_server.base_url, "wrong", timeouts=timeouts),
                                            sim_server.base_url)
    assert refused.status == health.FAIL      # waiting will not fix a refused key: IT acts
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        closed = f"http://127.0.0.1:{probe.getsockname()[1]}"
    away = await connection.engage_check(EngageClient(closed, DEMO_API_KEY, timeouts=timeouts), closed)
    assert away.status == health.WARN and "sales queue meanwhile" in away.detail


def test_a_journal_that_fails_to_read_without_being_damaged_is_not_called_damaged(config, monkeypatch):
    """Only damage sends IT to set the file aside: a disk that fails a read (or the disk being full, a folder that
    is not permitted) is named as what it is, and the file is left alone."""
    import sqlite3

    path = journal_with_sales(config)

    def failing(_path):
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(identity, "open_journal", failing)   # no real disk fails on demand here
    [check] = health.journal_checks(config)
    assert check.status == health.FAIL and "disk I/O error" in check.detail
    assert "damaged" not in check.detail and "move the file aside" not in check.detail
    monkeypatch.setattr(identity, "open_journal", lambda _path: (_ for _ in ()).throw(
        sqlite3.DatabaseError("database disk image is malformed")))
    [check] = health.journal_checks(config)
    assert "is damaged" in check.detail and "move the file aside" in check.detail and path.exists()
