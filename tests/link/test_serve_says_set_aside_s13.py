"""``pos-engage serve`` starting on a damaged journal (D13's finding): it sets the file aside and serves on a fresh
one, as the window does, and now says so in one line on stderr, as the window and doctor name the file: IT, who runs
serve on a PC with no companion screen, learns there is a file to recover. Real processes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest

from pos_engage.core.journal.errors import JournalDamaged
from pos_engage.core.journal.store import Journal
from tests.core.journal.test_damaged_while_open_d13 import damage_while_open, record_sales
from tests.link.test_serve import free_port

pytestmark = pytest.mark.network


def test_serve_on_a_damaged_journal_says_in_one_line_where_it_was_set_aside(tmp_path):
    data = tmp_path / "data"
    data.mkdir()
    path = data / "demo-journal.sqlite3"
    journal = Journal.open(path)
    record_sales(journal, 3)
    damage_while_open(path)
    with pytest.raises(JournalDamaged):
        journal.figures()   # the till met the damage: its close leaves the file to be checked at the next start
    journal.close()
    env = {k: v for k, v in os.environ.items() if not k.startswith("POS_ENGAGE_")}
    env |= {"POS_ENGAGE_DATA_DIR": str(data), "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "cfg"),
            "POS_ENGAGE_POS_LINK_TOKEN": "t" * 32}
    serve = subprocess.Popen([sys.executable, "-m", "pos_engage", "serve", "--demo", "--port", str(free_port())],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
    try:
        assert serve.stdout.readline().startswith("POS link on")
        serve.send_signal(signal.SIGTERM)
        _, err = serve.communicate(timeout=30)
    finally:
        if serve.poll() is None:
            serve.kill()
            serve.wait()
    (aside,) = data.glob("demo-journal.damaged-*.sqlite3")
    (said,) = [line for line in err.splitlines() if "set aside" in line] or [err]
    assert said.startswith(f"pos-engage: The journal was damaged and set aside as {aside}: "), err
    assert said.endswith(f"IT brings them back with 'pos-engage journal recover {aside}'.")
    assert "Traceback" not in err
