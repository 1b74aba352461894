"""IT's staff list at the command line (store-day review, session 13): re-adding a staff number on the list
silently replaced that person (Anna Berg, the only manager, became "Other", a cashier, and the store had no
manager), and nothing kept the last manager from being removed or demoted. Real processes, IT's folder redirected."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest


def pos_engage(env, *args: str, stdin: str = "") -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "pos_engage", *args], env=env, input=stdin, capture_output=True,
                          text=True, timeout=60)


def add(env, staff_id: str, name: str, role: str, code: str, *more: str) -> subprocess.CompletedProcess:
    return pos_engage(env, "configure", "--machine", "--staff-add", staff_id, "--name", name, "--role", role,
                      "--code-stdin", *more, stdin=f"{code}\n")


def listed(env) -> list[str]:
    return [" ".join(line.split()) for line in pos_engage(env, "configure", "--staff-list").stdout.splitlines()]


@pytest.fixture
def env(tmp_path):
    config = tmp_path / "config.json"
    config.write_text(json.dumps({"till_id": "4", "store_external_id": "12"}))
    env = os.environ | {"POS_ENGAGE_CONFIG": str(config), "POS_ENGAGE_DATA_DIR": str(tmp_path / "data"),
                        "XDG_CONFIG_DIRS": str(tmp_path / "etc-xdg")}
    env.pop("POS_ENGAGE_API_KEY", None)
    assert add(env, "1001", "Anna Berg", "manager", "482913").returncode == 0
    assert add(env, "2002", "Omar Said", "cashier", "246810").returncode == 0
    return env


def test_a_staff_number_on_the_list_is_refused_in_one_line_naming_who_holds_it(env):
    refused = add(env, "1001", "Other", "cashier", "13579135")
    assert refused.returncode == 2
    assert refused.stderr.strip() == ("pos-engage: The staff number 1001 is Anna Berg's (manager): nothing was "
                                      "changed. To replace Anna Berg, add --replace; for a new person, choose another "
                                      "number")
    assert refused.stdout == ""
    assert listed(env) == ["1001 manager Anna Berg", "2002 cashier Omar Said"]


def test_replace_says_who_was_replaced(env):
    replaced = add(env, "2002", "Omar Said-Berg", "cashier", "13579135", "--replace")
    assert replaced.returncode == 0, replaced.stderr
    assert replaced.stdout.splitlines()[0].endswith(", replacing Omar Said (cashier)")
    assert replaced.stdout.startswith("Omar Said-Berg (2002), cashier, is on the staff list ")
    assert listed(env) == ["1001 manager Anna Berg", "2002 cashier Omar Said-Berg"]
    new_code = add(env, "1001", "Anna Berg", "manager", "111222333", "--replace")   # a new code for the same person
    assert new_code.returncode == 0 and "replacing Anna Berg (manager)" in new_code.stdout


def test_the_only_manager_is_neither_removed_nor_demoted(env):
    demoted = add(env, "1001", "Other", "cashier", "13579135", "--replace")
    assert demoted.returncode == 2
    assert demoted.stderr.startswith("pos-engage: Anna Berg (1001) is the only manager on the staff list: nothing "
                                     "was changed.")
    assert "Add another manager first" in demoted.stderr
    removed = pos_engage(env, "configure", "--machine", "--staff-remove", "1001")
    assert removed.returncode == 2 and "Anna Berg (1001) is the only manager" in removed.stderr
    assert listed(env) == ["1001 manager Anna Berg", "2002 cashier Omar Said"]
    # With a second manager, either may go.
    assert add(env, "1002", "Karin Lind", "manager", "97531975").returncode == 0
    removed = pos_engage(env, "configure", "--machine", "--staff-remove", "1001")
    assert removed.returncode == 0, removed.stderr
    assert listed(env) == ["1002 manager Karin Lind", "2002 cashier Omar Said"]


def test_a_list_without_a_manager_is_said_by_configure_and_doctor(tmp_path):
    config = tmp_path / "config.json"
    config.write_text(json.dumps({"till_id": "4", "store_external_id": "12"}))
    env = os.environ | {"POS_ENGAGE_CONFIG": str(config), "POS_ENGAGE_DATA_DIR": str(tmp_path / "data"),
                        "XDG_CONFIG_DIRS": str(tmp_path / "etc-xdg")}
    first = add(env, "2002", "Omar Said", "cashier", "246810")
    assert first.returncode == 0
    assert "warning: the staff list has no manager yet" in first.stdout
    doctor = pos_engage(env, "doctor", "--json")
    (people,) = [c for c in json.loads(doctor.stdout)["checks"] if c["name"] == "people"]
    assert people["status"] == "warning"
    assert people["detail"].startswith("1 person on the staff list, 0 managers; cashiers sign in; but no manager")
    second = add(env, "1001", "Anna Berg", "manager", "482913")
    assert "warning" not in second.stdout
    doctor = pos_engage(env, "doctor", "--json")
    (people,) = [c for c in json.loads(doctor.stdout)["checks"] if c["name"] == "people"]
    assert people["detail"].startswith("2 people on the staff list, 1 manager; cashiers sign in")
