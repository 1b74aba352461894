"""pos-engage serve as IT runs it (a real process on a free loopback port): the first line says where it listens,
it refuses a non-loopback address, answers with the token IT made and stops cleanly on SIGTERM; doctor says the
link listens; a new token works without a restart (the old one stops); the reference POS runs the loop."""

from __future__ import annotations

import asyncio
import io
import os
import signal
import socket
import subprocess
import sys
import threading
from argparse import Namespace

import httpx
import pytest

from pos_engage import cli, cli_link
from pos_engage.core import credentials
from pos_engage.core.config import Config, PosLinkSettings
from pos_engage.link.tokens import TokenSource
from tests.link.conftest import ANNA


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture
def env(tmp_path):
    environment = {k: v for k, v in os.environ.items() if not k.startswith("POS_ENGAGE_")}
    environment.update({"POS_ENGAGE_DATA_DIR": str(tmp_path / "data"), "HOME": str(tmp_path),
                        "XDG_CONFIG_HOME": str(tmp_path / "cfg"), "POS_ENGAGE_POS_LINK_TOKEN": "it-made-this-one"})
    return environment


@pytest.mark.network
def test_serve_says_where_it_listens_answers_and_stops_on_sigterm(env):
    port = free_port()
    process = subprocess.Popen([sys.executable, "-m", "pos_engage", "serve", "--demo", "--port", str(port)],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True)
    try:
        first = process.stdout.readline().strip()
        assert first == f"POS link on http://127.0.0.1:{port}"
        with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=5) as http:
            assert http.get("/v1/status").status_code == 401
            status = http.get("/v1/status", headers={"Authorization": "Bearer it-made-this-one"})
            assert status.status_code == 200
            for _ in range(100):   # serve asks Engage at start, in the background: online once it answered
                if status.json()["online"] is True:
                    break
                threading.Event().wait(0.05)
                status = http.get("/v1/status", headers={"Authorization": "Bearer it-made-this-one"})
            assert status.json()["online"] is True
            opened = http.put("/v1/sales/s1", headers={"Authorization": "Bearer it-made-this-one"},
                              json={"currency": "SEK", "customerKey": ANNA, "lines": [
                                  {"lineId": "1", "sku": "1", "name": "T-shirt", "quantity": 1, "lineTotal": 19900,
                                   "vatPercent": 25}]})
            assert opened.status_code == 200 and opened.json()["customer"]["name"] == "Anna Andersson"
        process.send_signal(signal.SIGTERM)
        assert process.wait(timeout=15) == 0
        assert "stopped" in process.stderr.read()
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_serve_refuses_an_address_other_computers_reach(env, monkeypatch, capsys):
    for name, value in env.items():
        monkeypatch.setenv(name, value)
    assert cli.main(["serve", "--demo", "--host", "0.0.0.0"]) == 2  # noqa: S104 - that is what is refused
    assert "127.0.0.1 or ::1" in capsys.readouterr().err
    assert cli.main(["serve", "--demo", "--host", "192.168.1.20"]) == 2


def test_a_new_token_is_printed_once_stored_and_taken_without_a_restart(memory_keyring, monkeypatch, capsys):
    monkeypatch.delenv("POS_ENGAGE_POS_LINK_TOKEN", raising=False)
    clock = [0.0]
    source = TokenSource(lambda: credentials.get_secret(credentials.POS_LINK_TOKEN), ttl=2.0, clock=lambda: clock[0])
    assert not source.accepts("Bearer anything")
    assert cli.main(["configure", "--pos-link-token-new"]) == 0
    first = capsys.readouterr().out.strip()
    assert len(first) >= 40 and memory_keyring.store[("pos-engage", credentials.POS_LINK_TOKEN)] == first
    clock[0] += 2.0
    assert source.accepts(f"Bearer {first}") and not source.accepts(f"Basic {first}")
    assert cli.main(["configure", "--pos-link-token-new"]) == 0
    second = capsys.readouterr().out.strip()
    assert second != first
    assert source.accepts(f"Bearer {first}")       # cached for at most ttl seconds
    clock[0] += 2.0
    assert source.accepts(f"Bearer {second}") and not source.accepts(f"Bearer {first}")
    monkeypatch.setenv("POS_ENGAGE_POS_LINK_TOKEN", "from-the-environment")
    clock[0] += 2.0
    assert source.accepts("Bearer from-the-environment")


async def test_doctor_says_whether_the_link_listens_and_on_what(rig, monkeypatch):
    monkeypatch.setenv("POS_ENGAGE_POS_LINK_TOKEN", "it-made-this-one")   # without one, a warning (test_doctor_token)
    config = Config(pos_link=PosLinkSettings(enabled="on", port=rig.server.port))
    status, detail = await asyncio.to_thread(cli_link.doctor_line, config)
    assert (status, detail) == ("ok", f"listens on http://127.0.0.1:{rig.server.port}")
    await rig.server.stop()
    status, detail = await asyncio.to_thread(cli_link.doctor_line, config)
    assert status == "ok" and "not listening" in detail
    assert cli_link.doctor_line(Config(pos_link=PosLinkSettings(enabled="off")))[1].startswith("off")


async def test_the_reference_pos_waits_for_the_cashier_and_commits_what_was_applied(rig):
    out = io.StringIO()
    args = Namespace(url=rig.server.url, token="test-token-0123456789", sale="ref-1", customer=ANNA, wait=20.0,
                     settle=2.0, json=False)
    done = threading.Event()

    def play() -> int:
        try:
            return cli_link.pos_demo(args, Config(), out)
        finally:
            done.set()

    playing = asyncio.ensure_future(asyncio.to_thread(play))
    session = None
    while session is None or not session.customer:   # the POS opened the sale with the customer it scanned
        await asyncio.sleep(0.02)
        session = rig.sessions._sessions.get("ref-1")
    await asyncio.sleep(0.1)
    assert not done.is_set()    # it waits for the cashier
    first, second = [o for o in (*session.customer.promotions, *session.customer.vouchers)
                      if o.id in applicable(rig, session)][:2]
    await rig.sessions.apply(session, first.id)   # the cashier picks an offer in the window
    # Seen by the POS (it printed it), and the sale still open: the cashier may pick another before the POS takes
    # the money. Waited for by what the POS printed, not by a sleep: a slow machine's sleep could outlast --settle
    # and the POS pay before the second pick.
    seen_by = asyncio.get_running_loop().time() + 20
    while "applied:" not in out.getvalue():
        assert asyncio.get_running_loop().time() < seen_by, out.getvalue()
        await asyncio.sleep(0.01)
    assert not done.is_set() and session.status == "open"
    await rig.sessions.apply(session, second.id)
    assert await playing == 0
    printed = out.getvalue()
    assert printed.count("applied:") >= 2 and "receipt 12-till-a-ref-1 journaled (3 entries)" in printed
    committed = rig.sessions.get("ref-1")
    assert committed.status == "committed"
    assert {d.source_id for d in committed.basket.discounts} == {first.id, second.id}


def applicable(rig, session) -> set[str]:
    return {o["offerId"] for o in rig.sessions.state(session)["offers"] if o["applicable"]}
