"""doctor with the link off in its configuration while a POS link listens (issue 16's review).

README's loop runs `pos-engage serve --demo`; IT then runs `pos-engage doctor` (without --demo) to see whether the
link listens, and was told "off (pos_link.enabled is 'demo')" while the link answered on that very port. doctor now
says it listens all the same. Against a link served on loopback."""

from __future__ import annotations

import asyncio
import socket

from pos_engage import cli_link
from pos_engage.core.config import Config, PosLinkSettings


async def test_doctor_says_a_link_listens_even_where_its_configuration_has_it_off(rig):
    for enabled in ("demo", "off"):
        config = Config(pos_link=PosLinkSettings(enabled=enabled, port=rig.server.port))
        status, detail = await asyncio.to_thread(cli_link.doctor_line, config)
        assert status == "ok"
        said = "off (pos_link.enabled is 'off')" if enabled == "off" else \
            "off: pos_link.enabled is 'demo', on in demo mode only (set it to 'on' to serve a POS)"
        assert detail.startswith(said)
        assert f"listens on http://127.0.0.1:{rig.server.port}" in detail


def test_doctor_says_only_off_when_nothing_listens():
    with socket.socket() as probe:   # a port nothing listens on (bound, never listening)
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
        config = Config(pos_link=PosLinkSettings(enabled="off", port=port))
        assert cli_link.doctor_line(config) == ("ok", "off (pos_link.enabled is 'off')")


def test_doctor_says_what_demo_means_for_the_link_on_a_real_till():
    """"off (pos_link.enabled is 'demo')" left IT guessing on a real till (helper I12's review): it says the link is on
    in demo mode only and how to turn it on."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
        config = Config(pos_link=PosLinkSettings(enabled="demo", port=port))
        assert cli_link.doctor_line(config) == (
            "ok", "off: pos_link.enabled is 'demo', on in demo mode only (set it to 'on' to serve a POS)")
