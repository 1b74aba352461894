"""The POS link at the command line: ``serve`` (headless), ``pos-demo`` (the reference POS), the token for IT
(``configure --pos-link-token-new``) and doctor's line about the link."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import json
import math
import os
import signal
import socket
import sys
import threading
import time
import uuid
from typing import Any, TextIO

from pos_engage.core.config import Config
from pos_engage.core.errors import ConfigError, PosEngageError


def link_enabled(config: Config) -> bool:
    """pos_link.enabled: on, off, or demo (on in demo mode only)."""
    from pos_engage import configuration

    setting = config.pos_link.enabled
    return setting == "on" or (setting == "demo" and configuration.is_demo(config))


# ---------------------------------------------------------------------- serve


def serve(args: argparse.Namespace, config: Config) -> int:
    """Serve the POS link without a window until SIGTERM or Ctrl+C; the first line says where."""
    from pos_engage import configuration
    from pos_engage.link.server import check_loopback

    host = check_loopback(args.host or config.pos_link.host)   # refused before anything is opened
    port = config.pos_link.port if args.port is None else args.port
    return asyncio.run(_serve(config, host, port, demo=configuration.is_demo(config)))


async def _serve(config: Config, host: str, port: int, *, demo: bool, out: TextIO | None = None,
                 stop: asyncio.Event | None = None) -> int:
    out = out or sys.stdout
    from pos_engage import app
    from pos_engage.link.host import build_link
    from pos_engage.link.server import LinkServer
    from pos_engage.link.tokens import from_credentials

    till = app.build_till(config, demo=demo)
    stop = stop or asyncio.Event()
    try:
        tokens = from_credentials(demo=demo)
        link = build_link(till.service, tokens=tokens)
        server = LinkServer(link.asgi(), host=host, port=port)
        await server.start()
        # Signals first: a SIGTERM right after the address is announced stops the link cleanly, not by default.
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            with contextlib.suppress(NotImplementedError, RuntimeError):   # Windows: Ctrl+C raises instead
                loop.add_signal_handler(sig, stop.set)
        # A journal set aside (damaged at start: a fresh one is used) or lost: one line each, as doctor says it; the
        # till serves meanwhile, and IT recovers the file ('pos-engage journal recover').
        for line in till.trouble.lines() if till.trouble else ():
            print(f"pos-engage: {line}", file=sys.stderr)
        if not tokens.configured:
            print("pos-engage: no POS link token is stored yet: every request is refused until IT runs "
                  "'pos-engage configure --pos-link-token-new' (no restart needed)", file=sys.stderr)
        out.write(f"POS link on {server.url}\n")
        out.flush()
        # Whether Engage answers is found out now, in the background (as the window does at start): until then
        # /v1/status says it is not known to be online, rather than "online" before anything was asked.
        monitor = till.client.monitor
        checking = monitor.find_out(till.client.ping) if monitor is not None else None
        delivery = asyncio.ensure_future(till.replayer.run(stop))
        inbox = _inbox_task(config, link.sessions, stop)
        try:
            await stop.wait()
        finally:
            await server.stop()
            stop.set()
            if checking is not None:
                checking.cancel()
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await checking
            await delivery
            if inbox is not None:
                await inbox
            await till.service.redemptions_settled()
            await link.sessions.offline_copies.close()   # before the client and the journal close
            for sig in (signal.SIGTERM, signal.SIGINT):
                with contextlib.suppress(NotImplementedError, RuntimeError):
                    loop.remove_signal_handler(sig)
    finally:
        await till.aclose()
        till.journal.close()
    print("pos-engage: the POS link stopped", file=sys.stderr)
    return 0


def _inbox_task(config: Config, sessions, stop: asyncio.Event):
    """The inbox's answer and commit files, when the till has an inbox folder."""
    if not config.till.inbox_dir:
        return None
    from pathlib import Path

    from pos_engage.core.till.sale_files import SaleFiles

    # No window reads the companion's own basket files here: one dropped in the folder itself is set aside, said.
    return asyncio.ensure_future(SaleFiles(Path(config.till.inbox_dir), sessions, loose_files_refused=True).run(stop))


# ---------------------------------------------------------------------- the token and doctor


def new_token(out: TextIO | None = None) -> int:
    """A new token, printed once and stored where the API key lives; the running link uses it within seconds."""
    out = out or sys.stdout
    from pos_engage.core import credentials
    from pos_engage.link.tokens import new_token as make

    token = make()
    credentials.set_secret(credentials.POS_LINK_TOKEN, token)
    out.write(token + "\n")
    print("pos-engage: the POS link's new token is stored in the keyring and printed above, once; give it to the "
          "POS (Authorization: Bearer <token>). The old one stops working within seconds, without a restart",
          file=sys.stderr)
    return 0


def doctor_line(config: Config) -> tuple[str, str]:
    """(status, detail) for doctor: whether the POS link listens, and on what."""
    host, port = config.pos_link.host, config.pos_link.port
    where = f"http://{'[::1]' if host == '::1' else '127.0.0.1' if host == 'localhost' else host}:{port}"
    try:
        with socket.create_connection((host, port), timeout=1.0) as conn:
            conn.sendall(b"GET /v1/status HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
            answer = conn.recv(256)
    except OSError:
        answer = None
    is_link = answer is not None and b" 401 " in answer.split(b"\r\n", 1)[0] and b"problem+json" in answer
    if not link_enabled(config):
        # Off in this configuration, yet one may listen: 'serve --demo' or the demo window (pos_link.enabled 'demo'
        # is on in demo mode only), or a till started with another configuration. Said, not hidden behind "off".
        off = ("off: pos_link.enabled is 'demo', on in demo mode only (set it to 'on' to serve a POS)"
               if config.pos_link.enabled == "demo" else f"off (pos_link.enabled is {config.pos_link.enabled!r})")
        if is_link:
            return "ok", (f"{off}, but a POS link listens on {where} all the same: a demo ('pos-engage serve --demo', "
                          "the demo window) or a till started with another configuration")
        return "ok", off
    if answer is None:
        return "ok", (f"not listening on {where}, the configured pos_link.port (the window or 'pos-engage serve' "
                      "serves it while it runs; a 'serve --port' elsewhere is not looked for)")
    if is_link:
        if not _token_stored(config):
            return "warning", (f"listens on {where}, but no POS link token is stored: every request is refused "
                               "until IT runs 'pos-engage configure --pos-link-token-new' (no restart needed)")
        return "ok", f"listens on {where}"
    return "warning", f"something else answers on {where}: another program holds pos_link.port"


def _token_stored(config: Config) -> bool:
    """Whether the link has a token to accept (the keyring's, POS_ENGAGE_POS_LINK_TOKEN, or the demo's)."""
    from pos_engage import configuration
    from pos_engage.link.tokens import from_credentials

    return from_credentials(demo=configuration.is_demo(config)).configured


# ---------------------------------------------------------------------- the reference POS

DEMO_LINES = [
    {"lineId": "1", "sku": "1001", "name": "T-shirt organic", "quantity": 3, "lineTotal": 50000, "vatPercent": 25,
     "articleGroup": "Tops"},
    {"lineId": "2", "sku": "2001", "name": "Coffee beans, by weight", "quantity": 0.45, "lineTotal": 8955,
     "vatPercent": 12},
    {"lineId": "3", "sku": "1002", "name": "Wool jacket", "quantity": 1, "lineTotal": 129900, "vatPercent": 25,
     "posDiscounts": [{"amount": 10000, "description": "Autumn price", "type": "POS"}]},
]


def _money(minor: int, currency: str) -> str:
    return f"{minor / 100:.2f} {currency}"


def _print_state(state: dict[str, Any], out: TextIO) -> None:
    currency = state["currency"]
    customer = state.get("customer")
    out.write(f"  sale {state['posSaleId']} v{state['version']} ({state['status']}), customer: "
              f"{customer['name'] if customer else 'none yet'}\n")
    for line in state["lines"]:
        cut = f"  -{_money(line['discountTotal'], currency)}" if line["discountTotal"] else ""
        out.write(f"    {line['lineId']:>3} {line['name']:<28} {_money(line['lineTotal'], currency):>14}{cut}\n")
    for applied in state["applied"]:
        out.write(f"    applied: {applied['title']}\n")
    totals = state["totals"]
    out.write(f"    before {_money(totals['before'], currency)}, discounts {_money(totals['discounts'], currency)}, "
              f"to pay {_money(totals['toPay'], currency)}\n")


# Without a person at the POS's keyboard (a script, a test), it pays once an offer is applied and the sale has been
# still this long: the cashier may pick a second one (a promotion and a voucher) before the POS takes the money.
SETTLE_SECONDS = 3.0


def _interactive(args: argparse.Namespace) -> bool:
    return not getattr(args, "no_input", False) and sys.stdin is not None and sys.stdin.isatty()


def _enter_pressed(out: TextIO) -> threading.Event:
    """A person at the POS: Enter takes the payment, as a real POS's 'Total' key does."""
    pressed = threading.Event()

    def read() -> None:
        with contextlib.suppress(OSError, ValueError):
            sys.stdin.readline()
        pressed.set()

    threading.Thread(target=read, name="pos-demo-enter", daemon=True).start()
    out.write("POS: press Enter here to take the payment (the cashier identifies the customer and picks offers in "
              "the companion's window meanwhile)\n")
    return pressed


def _wait_for_the_cashier(http, checked, state: dict[str, Any], sale: str, seconds: float, settle: float,
                          pressed: threading.Event | None, out: TextIO) -> dict[str, Any]:
    """Long-poll the sale, printing each change, until the POS pays: Enter pressed (a person at the POS), or an
    offer applied and the sale still for ``settle`` seconds (a script), or ``seconds`` gone, or the sale closed."""
    deadline = time.monotonic() + seconds
    changed_at = time.monotonic()
    while state["status"] == "open":
        now = time.monotonic()
        if now >= deadline or (pressed is not None and pressed.is_set()):
            break
        if pressed is None and state["applied"] and now - changed_at >= settle:
            break
        until = deadline
        if pressed is not None:
            until = min(until, now + 1)            # Enter is looked at every second
        elif state["applied"]:
            until = min(until, changed_at + settle)
        # Whole seconds, rounded up: with 0.9 s left, int() asked waitSeconds=0, which answers at once, and the loop
        # asked again as fast as it could until the deadline.
        wait = max(1, min(25, math.ceil(until - now)))
        newer = checked(http.get(f"/v1/sales/{sale}", params={"afterVersion": state["version"],
                                                              "waitSeconds": wait}))
        if newer["version"] != state["version"]:
            changed_at = time.monotonic()
            out.write("POS: the sale changed at the till\n")
            _print_state(newer, out)
            out.flush()
        state = newer
    return state


def pos_demo(args: argparse.Namespace, config: Config, out: TextIO | None = None) -> int:
    """Play the POS against a running till: open a sale, wait for the cashier, print what was applied, commit."""
    out = out or sys.stdout
    import httpx

    from pos_engage import configuration
    from pos_engage.core.till.pos_commit_input import created_now
    from pos_engage.link.tokens import from_credentials

    url = args.url or f"http://127.0.0.1:{config.pos_link.port}"
    token = args.token or os.environ.get("POS_ENGAGE_POS_LINK_TOKEN")
    if not token:
        source = from_credentials(demo=configuration.is_demo(config))
        token = source._read()
    if not token:
        raise ConfigError("no POS link token: give --token, set POS_ENGAGE_POS_LINK_TOKEN, or store one with "
                          "'pos-engage configure --pos-link-token-new'")
    sale = args.sale or f"demo-{uuid.uuid4().hex[:8]}"
    headers = {"Authorization": f"Bearer {token}"}

    def checked(answer: httpx.Response) -> dict[str, Any]:
        if answer.status_code >= 400:
            problem = answer.json() if "json" in answer.headers.get("content-type", "") else {}
            raise PosEngageError(f"the till refused ({answer.status_code} {problem.get('code', '')}): "
                                 f"{problem.get('detail', answer.text[:200])}")
        return answer.json()

    try:
        with httpx.Client(base_url=url, headers=headers, timeout=args.wait + 10) as http:
            body: dict[str, Any] = {"currency": config.currency, "lines": DEMO_LINES}
            if args.customer:
                body["customerKey"] = args.customer
            state = checked(http.put(f"/v1/sales/{sale}", json=body))
            out.write(f"POS: sale {sale} opened at {url} with {len(DEMO_LINES)} articles\n")
            _print_state(state, out)
            pressed = _enter_pressed(out) if _interactive(args) else None
            settle = max(0.0, float(getattr(args, "settle", SETTLE_SECONDS)))
            if pressed is None:
                out.write(f"POS: waiting up to {args.wait:g} s for the cashier to identify the customer and pick "
                          f"offers (in the companion's window, or --customer); paying {settle:g} s after the last "
                          "offer picked...\n")
            out.flush()
            state = _wait_for_the_cashier(http, checked, state, sale, args.wait, settle, pressed, out)
            if state["status"] != "open":
                out.write(f"POS: the sale is {state['status']} at the till\n")
                return 1
            to_pay = state["totals"]["toPay"]
            commit = {"receiptNumber": sale, "createdDate": created_now(), "total": to_pay,
                      "payments": [{"method": "Card", "amount": to_pay}]}
            done = checked(http.post(f"/v1/sales/{sale}/commit", json=commit,
                                     headers={"Idempotency-Key": f"{sale}-commit"}))
    except httpx.HTTPError as problem:
        raise PosEngageError(f"the till at {url} does not answer ({type(problem).__name__}): is the window or "
                             "'pos-engage serve' running with the POS link on?") from problem
    entries = len(done["receipt"]["journalEntries"])
    out.write(f"POS: charged {_money(to_pay, done['currency'])} by card; receipt "
              f"{done['receipt']['uniqueReceiptId']} journaled ({entries} {'entry' if entries == 1 else 'entries'})\n")
    for message in done["messages"]:
        out.write(f"POS: the till says: {message}\n")
    if args.json:
        out.write(json.dumps(done, ensure_ascii=False) + "\n")
    return 0
