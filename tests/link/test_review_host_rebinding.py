"""The POS link answers only requests for its own loopback address (issue 16's review: DNS rebinding).

A web page whose name the attacker's DNS turns into 127.0.0.1 calls the link as a page of its own origin: the
browser sends no ``Origin`` on a same-origin GET, but its ``Host`` is the page's name. Such a request is refused
(403 HostRefused) before the token is looked at; 127.0.0.1, localhost and [::1] with the link's port are answered,
as httpx, curl and the reference POS send them. Over loopback HTTP."""

from __future__ import annotations

import asyncio
import io
import json
import shutil
import socket
import subprocess
from argparse import Namespace

import httpx
import pytest

from pos_engage import cli_link
from pos_engage.core.config import Config
from pos_engage.link.server import LinkServer
from tests.link.conftest import TOKEN

BEARER = {"Authorization": f"Bearer {TOKEN}"}


def refused(answer: httpx.Response) -> dict:
    assert answer.status_code == 403, answer.text
    assert answer.headers["content-type"].startswith("application/problem+json")
    problem = answer.json()
    assert problem["code"] == "HostRefused" and "WWW-Authenticate" not in answer.headers
    return problem


async def test_a_request_for_another_host_is_refused_before_the_token(rig):
    port = rig.server.port
    for host in (f"evil.example:{port}", "evil.example", f"127.0.0.1.nip.io:{port}", f"127.0.0.1:{port + 1}",
                 f"localhost.:{port}"):
        problem = refused(await rig.http.get("/v1/status", headers={"Host": host}))
        assert host in problem["detail"]
        # no token at all: still the Host's refusal, nothing said about the token
        async with httpx.AsyncClient(base_url=rig.server.url) as bare:
            refused(await bare.put("/v1/sales/s1", headers={"Host": host}, json={"currency": "SEK", "lines": []}))
    assert not rig.sessions.holds("s1")

    for host in (f"127.0.0.1:{port}", f"localhost:{port}", f"LOCALHOST:{port}", f"[::1]:{port}", "127.0.0.1"):
        answer = await rig.http.get("/v1/status", headers={"Host": host})
        assert answer.status_code == 200, (host, answer.text)


@pytest.mark.skipif(shutil.which("curl") is None, reason="curl is not installed here")
async def test_curl_is_answered_and_a_rebound_name_refused(rig):
    port = rig.server.port
    common = ["curl", "-s", "-H", f"Authorization: Bearer {TOKEN}", "-w", "\n%{http_code}"]

    def curl(*args: str) -> tuple[int, dict]:
        out = subprocess.run([*common, *args], capture_output=True, text=True, timeout=20, check=True).stdout
        body, status = out.rsplit("\n", 1)
        return int(status), json.loads(body)

    status, _ = await asyncio.to_thread(curl, f"http://127.0.0.1:{port}/v1/status")
    assert status == 200
    status, _ = await asyncio.to_thread(curl, f"http://localhost:{port}/v1/status")
    assert status == 200
    # the attacker's name resolving to the till's address, as DNS rebinding makes it
    status, problem = await asyncio.to_thread(curl, "--resolve", f"rebind.example:{port}:127.0.0.1",
                                              f"http://rebind.example:{port}/v1/status")
    assert (status, problem["code"]) == (403, "HostRefused")


async def test_the_reference_pos_is_answered_by_name(rig):
    args = Namespace(url=f"http://localhost:{rig.server.port}", token=TOKEN, sale="host-1", customer=None,
                     wait=1.5, json=False)
    assert await asyncio.to_thread(cli_link.pos_demo, args, Config(), io.StringIO()) == 0
    assert rig.sessions.get("host-1").status == "committed"



def ipv6_loopback() -> bool:
    """Whether this machine has ::1 (a CI container may run with IPv6 off)."""
    try:
        with socket.socket(socket.AF_INET6, socket.SOCK_STREAM) as probe:
            probe.bind(("::1", 0))
        return True
    except OSError:
        return False


@pytest.mark.skipif(not ipv6_loopback(), reason="this machine has no IPv6 loopback (::1)")
async def test_the_link_on_ipv6_answers_its_own_address_only(rig):
    # the link listening on ::1: its own address is [::1] with its port
    server = LinkServer(rig.link.asgi(), host="::1", port=0)
    await server.start()
    try:
        async with httpx.AsyncClient(base_url=server.url, headers=BEARER) as http:
            assert server.url.startswith("http://[::1]:")
            assert (await http.get("/v1/status")).status_code == 200
            refused(await http.get("/v1/status", headers={"Host": f"[::1]:{rig.server.port}"}))   # not its port
    finally:
        await server.stop()
