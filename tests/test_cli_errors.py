"""Expected failures at the command line: one plain line on stderr, exit 2, never a traceback, nothing lost."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


def run(tmp_path, *args: str) -> subprocess.CompletedProcess:
    config = tmp_path / "config.json"
    # A configured till whose Engage is not there (a closed loopback port): input is refused before any sending.
    config.write_text('{"engage": {"base_url": "http://127.0.0.1:9"}}')
    env = os.environ | {"POS_ENGAGE_DATA_DIR": str(tmp_path / "data"), "POS_ENGAGE_CONFIG": str(config),
                        "POS_ENGAGE_API_KEY": "not-used"}
    return subprocess.run([sys.executable, "-m", "pos_engage", *args], capture_output=True, text=True, timeout=120,
                          env=env)


def assert_one_clear_line(result: subprocess.CompletedProcess, *words: str) -> None:
    assert result.returncode == 2, (result.returncode, result.stderr)
    assert "Traceback" not in result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, lines
    for word in words:
        assert word in lines[0]


def test_a_receipt_file_nested_100000_deep(tmp_path):
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000 + "]" * 100_000)
    assert_one_clear_line(run(tmp_path, "receipt", "submit", str(deep)), "nested too deeply")


@pytest.mark.parametrize("content", [b"\xff\xfe{\x00}\x00", b"{\"a\": \"\xc3\x28\"}"])
def test_a_receipt_file_that_is_not_utf8(tmp_path, content):
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)
    assert_one_clear_line(run(tmp_path, "receipt", "submit", str(bad)), str(bad))


def test_a_data_folder_that_is_a_file(tmp_path):
    (tmp_path / "data").write_text("a file where the data folder should be")
    result = run(tmp_path, "journal", "figures")
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert str(tmp_path / "data") in result.stderr  # the folder is named, whichever step found it unusable


def test_a_configuration_nested_100000_deep(tmp_path):
    config = tmp_path / "deep-config.json"
    config.write_text('{"till": ' * 100_000 + "{}" + "}" * 100_000)
    env = os.environ | {"POS_ENGAGE_DATA_DIR": str(tmp_path / "data"), "POS_ENGAGE_CONFIG": str(config)}
    result = subprocess.run([sys.executable, "-m", "pos_engage", "journal", "figures"], capture_output=True,
                            text=True, timeout=120, env=env)
    assert_one_clear_line(result, "nested too deeply")
    assert not (tmp_path / "data" / "journal.sqlite3").exists()  # it stopped before touching anything


def _read_only_mount_works(folder) -> bool:
    import shutil

    if os.geteuid() != 0 or not shutil.which("unshare"):
        return False
    probe = subprocess.run(["unshare", "-m", "sh", "-c", f"mount -t tmpfs -o ro,size=1m tmpfs {folder}"],
                           capture_output=True, timeout=30)
    return probe.returncode == 0


@pytest.mark.parametrize("command", [["journal", "figures"], ["receipt", "submit", "RECEIPT"], ["doctor"]])
def test_a_read_only_data_folder(tmp_path, command):
    """A data folder on a read-only file system (a real one: a tmpfs mounted read-only in a private mount
    namespace, since root ignores permission bits): one clear line per problem, exit 2, no traceback."""
    data = tmp_path / "data"
    data.mkdir()
    if not _read_only_mount_works(data):
        pytest.skip("needs root and unshare to mount a read-only file system")
    config = tmp_path / "config.json"
    config.write_text('{"engage": {"base_url": "http://127.0.0.1:9"}}')
    receipt = tmp_path / "receipt.json"
    receipt.write_text((Path(__file__).parents[1] / "docs" / "examples" / "receipt.json").read_text())
    args = " ".join(str(receipt) if part == "RECEIPT" else part for part in command)
    script = (f"mount -t tmpfs -o ro,size=1m tmpfs {data} && "
              f"exec {sys.executable} -m pos_engage {args}")
    env = os.environ | {"POS_ENGAGE_DATA_DIR": str(data), "POS_ENGAGE_CONFIG": str(config),
                        "POS_ENGAGE_API_KEY": "not-used"}
    result = subprocess.run(["unshare", "-m", "sh", "-c", script], capture_output=True, text=True, timeout=120,
                            env=env)
    assert result.returncode == 2, (result.returncode, result.stdout, result.stderr)
    assert "Traceback" not in result.stderr
    if command == ["doctor"]:  # doctor reports on stdout, the data folder as broken
        assert f"the data folder {data} cannot be written (Read-only file system)" in result.stdout
        return
    assert str(data) in result.stderr
    assert all(line.startswith("pos-engage: ") for line in result.stderr.splitlines() if line.strip()), result.stderr


def _without_root_powers() -> list[str] | None:
    """A command prefix that runs as root without the capabilities that let root ignore permission bits (None where
    that cannot be done). Not as nobody (uid 65534): this machine's interpreter lives in root's home (0700), which
    nobody cannot enter, so Python itself would not start; without CAP_DAC_OVERRIDE and CAP_DAC_READ_SEARCH, root
    meets a folder of another user's exactly as any other user does."""
    import shutil

    setpriv = shutil.which("setpriv")
    if os.geteuid() != 0 or setpriv is None:
        return None
    caps = "-dac_override,-dac_read_search"
    probe = subprocess.run([setpriv, f"--inh-caps={caps}", f"--bounding-set={caps}", "true"], capture_output=True,
                           timeout=30)
    return [setpriv, f"--inh-caps={caps}", f"--bounding-set={caps}"] if probe.returncode == 0 else None


@pytest.mark.parametrize("command", [["journal", "figures"], ["receipt", "submit", "RECEIPT"], ["doctor"]])
def test_a_data_folder_owned_by_another_user(tmp_path, command):
    """The data folder belongs to another user (uid 12345, 0700), as after a copy by IT as the wrong user: one
    clear line naming the folder, exit 2, no traceback, and nothing written into it."""
    prefix = _without_root_powers()
    if prefix is None:
        pytest.skip("needs root (and setpriv) to run as a user the folder does not belong to")
    data = tmp_path / "data"
    data.mkdir(mode=0o700)
    os.chown(data, 12345, 12345)
    config = tmp_path / "config.json"
    config.write_text('{"engage": {"base_url": "http://127.0.0.1:9"}}')
    receipt = Path(__file__).parents[1] / "docs" / "examples" / "receipt.json"
    args = [str(receipt) if part == "RECEIPT" else part for part in command]
    env = os.environ | {"POS_ENGAGE_DATA_DIR": str(data), "POS_ENGAGE_CONFIG": str(config),
                        "POS_ENGAGE_API_KEY": "not-used"}
    result = subprocess.run([*prefix, sys.executable, "-m", "pos_engage", *args], capture_output=True, text=True,
                            timeout=120, env=env)
    assert_one_clear_line(result, str(data), "Permission denied")
    assert result.stderr.startswith("pos-engage: ")
    assert list(data.iterdir()) == []   # nothing was created in someone else's folder
