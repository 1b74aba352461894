"""Delivered means Engage said so: real loopback servers that answer in Engage's place (a guest network's login
page, a proxy's redirect to another host, an empty 204 to everything) and the till over real sockets. Nothing is
counted delivered, doctor is not healthy, and the message names what answered. The same code against a server
that answers as the contract says (engage-api.md Part A) does deliver, so the checks are not a blanket refusal."""

from __future__ import annotations

import io
import json
import random
import sys
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from pos_engage import cli
from pos_engage.core.domain import Contact, ContactKey, ContactUpdate
from pos_engage.core.engage.client import EngageClient, Timeouts
from pos_engage.core.engage.online import Connectivity, OnlineMonitor
from pos_engage.core.errors import EngageImpostor
from pos_engage.core.journal import payloads
from pos_engage.core.journal.entry import EntryStatus
from pos_engage.core.journal.replayer import Replayer
from tests.core.conftest import sale

pytestmark = pytest.mark.network

LOGIN_PAGE = (b"<!DOCTYPE html><html><head><title>Guest Wi-Fi</title></head><body><form action='/login'>"
              b"<input name='room'><button>Connect</button></form></body></html>")


@dataclass(frozen=True)
class Reply:
    """One HTTP answer exactly as the server writes it (no header is added but Date and Server)."""

    status: int
    headers: tuple[tuple[str, str], ...] = ()
    body: bytes = b""


# What answers in Engage's place, by the name the tests use; each is said in the message by the words listed.
IMPOSTORS = {
    "200 html": (Reply(200, (("Content-Type", "text/html; charset=utf-8"),), LOGIN_PAGE), "a web page, status 200"),
    "200 html, no content type": (Reply(200, (), LOGIN_PAGE), "a web page, status 200"),
    "301 to another host": (Reply(301, (("Location", "http://portal.invalid/login?next=engage"),)),
                            "a redirect (301) to http://portal.invalid/login"),
    "302 to another host": (Reply(302, (("Location", "https://login.hotel.invalid/"),)),
                            "a redirect (302) to https://login.hotel.invalid/"),
    "307 to another host": (Reply(307, (("Location", "http://proxy.invalid:8080/auth"),)),
                            "a redirect (307) to http://proxy.invalid:8080/auth"),
    "204": (Reply(204), "an empty answer (status 204) where Engage sends data"),
    "empty 200": (Reply(200, (("Content-Length", "0"),)), "an empty answer (status 200) where Engage sends data"),
}


@dataclass
class Loopback:
    """An HTTP server on 127.0.0.1 (a free port) that answers every request with ``answer(method, path)``."""

    answer: Callable[[str, str], Reply]
    requests: list[tuple[str, str]] = field(default_factory=list)

    def __enter__(self) -> Loopback:
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def _any(self) -> None:
                length = int(self.headers.get("Content-Length") or 0)
                if length:
                    self.rfile.read(length)
                outer.requests.append((self.command, self.path.split("?")[0]))
                reply = outer.answer(self.command, self.path.split("?")[0])
                self.send_response(reply.status)
                for name, value in reply.headers:
                    self.send_header(name, value)
                if reply.body and not any(n.lower() == "content-length" for n, _ in reply.headers):
                    self.send_header("Content-Length", str(len(reply.body)))
                self.end_headers()
                self.wfile.write(reply.body)

            do_GET = do_POST = do_PATCH = do_PUT = _any

            def log_message(self, *args) -> None:  # quiet
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
        self.thread.start()
        return self

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def __exit__(self, *exc_info) -> None:
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(timeout=5)


def everything(reply: Reply) -> Callable[[str, str], Reply]:
    return lambda method, path: reply


def engage_like(**overrides: Reply) -> Callable[[str, str], Reply]:
    """What Engage answers (Part A): the contact count a bare integer, a receipt 202 empty, a redeem {}, and
    whatever a test puts in its place by path ending (``receipts=Reply(204)``)."""
    json_type = (("Content-Type", "application/json; charset=utf-8"),)

    def answer(method: str, path: str) -> Reply:
        for ending, reply in overrides.items():
            if path.rstrip("/").endswith(ending):
                return reply
        if path == "/api/v2/contacts/count":
            return Reply(200, json_type, b"1234")
        if path == "/api/v3/receipts":
            return Reply(202)
        if path.endswith("/redeem"):
            return Reply(200, json_type, b"{}")
        if path == "/api/v3/contacts/id":
            return Reply(200, json_type, b'"c-1"')
        return Reply(404, json_type, b'{"errorCode":"NotFound","message":"no such thing"}')

    return answer


def client_for(server: Loopback, monitor: OnlineMonitor | None = None) -> EngageClient:
    return EngageClient(server.base_url, "loopback-key", monitor=monitor,
                        timeouts=Timeouts(interactive=2.0, background=2.0, connect=1.0))


def replayer_for(journal, engage: EngageClient) -> Replayer:
    return Replayer(journal, engage, monitor=OnlineMonitor(), rate_per_second=None, schedule=(10.0,),
                    rng=random.Random(1))


def queued_sale_and_redemption(journal) -> list:
    return journal.record([payloads.receipt(sale("r-impostor")),
                           payloads.promotion_redemption("assignment-1", contact_id="c-1", sale_id="r-impostor")],
                          sale_id="r-impostor")


# ---------------------------------------------------------------------- nothing delivered


@pytest.mark.parametrize("impostor", list(IMPOSTORS))
async def test_a_receipt_and_a_redemption_are_not_delivered_to_what_answers_instead_of_engage(journal, impostor):
    reply, cause = IMPOSTORS[impostor]
    entries = queued_sale_and_redemption(journal)
    with Loopback(everything(reply)) as server:
        async with client_for(server) as engage:
            replayer = replayer_for(journal, engage)
            report = await replayer.replay_once()
            again = await replayer.replay_once()  # at once: only a probe may go, and none is due yet
    assert report.delivered == 0 and again.delivered == 0
    for entry in entries:
        waiting = journal.get(entry.id)
        assert waiting.status is EntryStatus.WAITING_RETRY, (impostor, waiting)
        assert "answers instead of Engage" in waiting.last_error and cause in waiting.last_error
        assert not waiting.check_first  # it never reached Engage: plainly sent again later
    assert replayer.monitor.state is Connectivity.NOT_ENGAGE
    assert journal.figures().delivered == 0


@pytest.mark.parametrize("impostor", list(IMPOSTORS))
async def test_ping_and_identify_refuse_what_answers_instead_of_engage(impostor):
    reply, cause = IMPOSTORS[impostor]
    with Loopback(everything(reply)) as server:
        async with client_for(server) as engage:
            with pytest.raises(EngageImpostor) as pinged:
                await engage.ping()
            with pytest.raises(EngageImpostor) as identified:
                await engage.identify(ContactKey.email("anna.andersson@example.se"))
    for caught in (pinged.value, identified.value):
        assert "Something between this till and Engage answers instead of Engage" in str(caught)
        assert cause in str(caught) and caught.retryable and not caught.outcome_unknown


async def test_the_key_and_the_receipt_never_follow_a_redirect(journal):
    queued_sale_and_redemption(journal)
    with Loopback(everything(IMPOSTORS["302 to another host"][0])) as server:
        async with client_for(server) as engage:
            await replayer_for(journal, engage).replay_once()
    assert server.requests and all(path.startswith("/api/") for _, path in server.requests)


async def test_a_cashier_is_not_kept_waiting_once_something_answers_instead_of_engage():
    monitor = OnlineMonitor()
    with Loopback(everything(IMPOSTORS["200 html"][0])) as server:
        async with client_for(server, monitor) as engage:
            with pytest.raises(EngageImpostor):
                await engage.identify(ContactKey.email("anna.andersson@example.se"))
            asked = len(server.requests)
            with pytest.raises(EngageImpostor, match="answers instead of Engage"):
                await engage.identify(ContactKey.email("anna.andersson@example.se"))
    assert len(server.requests) == asked  # failed at once, nothing more sent while it lasts
    assert monitor.state is Connectivity.NOT_ENGAGE and monitor.offline


# ---------------------------------------------------------------------- Engage's own answers still count


async def test_the_same_code_delivers_when_engage_answers_as_the_contract_says(journal):
    entries = queued_sale_and_redemption(journal)
    with Loopback(engage_like()) as server:
        async with client_for(server) as engage:
            report = await replayer_for(journal, engage).replay_once()
    assert report.delivered == 2
    assert {journal.get(e.id).status for e in entries} == {EntryStatus.DELIVERED}
    # The receipt's empty 202 was believed once the session's one question (the contact count) found Engage.
    assert server.requests.count(("GET", "/api/v2/contacts/count")) == 1


@pytest.mark.parametrize("empty", ["204", "empty 200"])
async def test_an_empty_done_is_delivered_where_the_contract_allows_it(journal, empty):
    reply = IMPOSTORS[empty][0]
    entries = queued_sale_and_redemption(journal)
    with Loopback(engage_like(receipts=reply, redeem=reply)) as server:
        async with client_for(server) as engage:
            report = await replayer_for(journal, engage).replay_once()
    assert report.delivered == 2
    assert {journal.get(e.id).status for e in entries} == {EntryStatus.DELIVERED}


@pytest.mark.parametrize("empty", ["204", "empty 200"])
async def test_an_empty_answer_to_an_update_or_an_upgrade_is_done_not_retried_forever(journal, empty):
    reply = IMPOSTORS[empty][0]
    anna = Contact("c-1", "Contact", first_name="Anna", email="anna.andersson@example.se", city="Malmö")
    with Loopback(engage_like(**{"c-1": reply, "updateContactType": reply})) as server:
        async with client_for(server) as engage:
            assert await engage.update_contact_body("c-1", {"city": "Lund"}) is None
            updated = await engage.update_contact("c-1", ContactUpdate(city="Lund"), current=anna)
            upgraded = await engage.upgrade_to_member("c-1", current=anna)
            entries = journal.record([payloads.contact_update("c-1", ContactUpdate(city="Lund")),
                                      payloads.upgrade_to_member("c-1")])
            replayer = replayer_for(journal, engage)
            delivered = (await replayer.replay_once()).delivered + (await replayer.replay_once()).delivered
    assert (updated.city, updated.first_name, updated.id) == ("Lund", "Anna", "c-1")
    assert upgraded.contact_type == "Member" and upgraded.email == anna.email
    assert delivered == 2 and {journal.get(e.id).status for e in entries} == {EntryStatus.DELIVERED}


async def test_a_redirect_to_engages_own_address_is_still_followed_for_an_order_job():
    json_type = (("Content-Type", "application/json"),)
    with Loopback(engage_like(**{"jobs/j-1": Reply(302, (("Location", "/api/v3/orders/o-1"),)),
                                 "orders/o-1": Reply(200, json_type, b'{"orderId":"o-1","versionTag":"v1"}')})
                  ) as server:
        async with client_for(server) as engage:
            _, stored = await engage.order_job_status("j-1")
    assert stored is not None and (stored.order_id, stored.version_tag) == ("o-1", "v1")


# ---------------------------------------------------------------------- doctor


def doctor(tmp_path, monkeypatch, base_url: str) -> tuple[int, dict]:
    for name in ("POS_ENGAGE_BASE_URL", "POS_ENGAGE_CONFIG"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("POS_ENGAGE_API_KEY", "loopback-key")
    monkeypatch.setenv("POS_ENGAGE_DATA_DIR", str(tmp_path / "data"))
    config = tmp_path / "doctor.json"
    config.write_text(json.dumps({"engage": {"base_url": base_url}}))
    out, old = io.StringIO(), sys.stdout
    sys.stdout = out
    try:
        code = cli.main(["--config", str(config), "doctor", "--json"])
    finally:
        sys.stdout = old
    return code, json.loads(out.getvalue())


@pytest.mark.parametrize("impostor", list(IMPOSTORS))
def test_doctor_is_not_healthy_and_names_what_answered(tmp_path, monkeypatch, impostor):
    reply, cause = IMPOSTORS[impostor]
    with Loopback(everything(reply)) as server:
        code, report = doctor(tmp_path, monkeypatch, server.base_url)
    engage = next(c for c in report["checks"] if c["name"] == "engage")
    assert (code, report["status"], engage["status"]) == (2, "broken", "failed"), report
    assert "answers instead of Engage" in engage["detail"] and cause in engage["detail"]


def test_doctor_is_healthy_when_engage_answers_as_engage(tmp_path, monkeypatch):
    with Loopback(engage_like()) as server:
        _, report = doctor(tmp_path, monkeypatch, server.base_url)
    assert next(c for c in report["checks"] if c["name"] == "engage")["status"] == "ok", report
