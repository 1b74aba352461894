"""doctor's POS link line for IT: a link that listens but has no token to accept (every POS request refused) is a
warning that says what to run, and another program on the port is named as such (real loopback sockets)."""

from __future__ import annotations

import asyncio
import socket
import threading
from http.server import BaseHTTPRequestHandler, HTTPServer

from pos_engage import cli_link
from pos_engage.core import credentials
from pos_engage.core.config import Config, PosLinkSettings


async def test_a_link_without_a_stored_token_is_a_warning_saying_what_to_run(rig, memory_keyring, monkeypatch):
    monkeypatch.delenv("POS_ENGAGE_POS_LINK_TOKEN", raising=False)
    config = Config(pos_link=PosLinkSettings(enabled="on", port=rig.server.port))
    status, detail = await asyncio.to_thread(cli_link.doctor_line, config)
    assert status == "warning" and "--pos-link-token-new" in detail and str(rig.server.port) in detail
    credentials.set_secret(credentials.POS_LINK_TOKEN, "it-made-this-one")
    assert await asyncio.to_thread(cli_link.doctor_line, config) == (
        "ok", f"listens on http://127.0.0.1:{rig.server.port}")


def test_another_program_on_the_port_is_named_as_such():
    class Other(BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.end_headers()
            self.wfile.write(b"<html>hello</html>")

        def log_message(self, *args):
            pass

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = HTTPServer(("127.0.0.1", port), Other)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        status, detail = cli_link.doctor_line(Config(pos_link=PosLinkSettings(enabled="on", port=port)))
    finally:
        server.shutdown()
        server.server_close()
    assert status == "warning" and "something else answers" in detail
