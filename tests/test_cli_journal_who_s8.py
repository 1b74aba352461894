"""``pos-engage journal show`` / ``list`` say who rang an entry up and where it came from, as recorded with it: a
receipt from ``receipt submit`` is the command line's (no person), a sale the till journaled names the person
signed in and its door, and an entry from before that was recorded says unknown. Real processes, a real simulator
on loopback."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from pos_engage.core.journal import payloads
from pos_engage.core.journal.entry import Origin, Source
from pos_engage.core.journal.store import Journal
from tests.core.conftest import sale
from tests.test_cli_journal import RECEIPT, receipt_file, run, setup

__all__ = ["setup"]

pytestmark = pytest.mark.network


def test_a_submitted_receipt_is_the_command_lines(setup, sim_state):
    folder, env = setup
    assert run(env, "receipt", "submit", receipt_file(folder, RECEIPT), "--no-send").returncode == 0
    shown = json.loads(run(env, "journal", "show", "1", "--json").stdout)
    assert shown["origin"] == "command_line" and shown["rung_by"] is None
    assert shown["rung_up"] == "Submitted at the command line (receipt submit); no person is recorded"
    (listed,) = json.loads(run(env, "journal", "list", "--json").stdout)
    assert (listed["origin"], listed["rung_by"]) == ("command_line", None)


def test_show_and_list_name_the_person_and_the_door_and_unknown_for_an_old_entry(setup, sim_state):
    folder, env = setup
    run(env, "journal", "figures")   # the journal made where the command line keeps it
    with Journal.open(folder / "data" / "journal.sqlite3") as journal:
        old = journal.record([payloads.receipt(sale("42-7-old"))])[0]
        anna = journal.record([replace(payloads.receipt(sale("42-7-pos-9")),
                                       source=Source(Origin.POS_HTTP, "Anna Berg (1001)"))])[0]
    shown = json.loads(run(env, "journal", "show", str(anna.id), "--json").stdout)
    assert (shown["rung_by"], shown["origin"]) == ("Anna Berg (1001)", "pos_http")
    assert shown["rung_up"] == "Rung up by Anna Berg (1001), at the POS, through the POS link (HTTP)"
    before = json.loads(run(env, "journal", "show", str(old.id), "--json").stdout)
    assert (before["rung_by"], before["origin"]) == (None, None)
    assert before["rung_up"].startswith("Who rang it up and where is not recorded")
    lines = run(env, "journal", "list").stdout.splitlines()
    assert "Anna Berg (1001) · POS link (HTTP)" in next(line for line in lines if line.split()[0] == str(anna.id))
    assert "unknown" in next(line for line in lines if line.split()[0] == str(old.id))
