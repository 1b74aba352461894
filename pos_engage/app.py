"""The composition root: the one module that builds long-lived objects and sees core and the simulator together.

Only here (and in cli.py) is the choice made between real Engage and the embedded simulator, by base URL and
transport, so the same code path runs in demo mode and in a store.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import os
import sys
import time
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from pos_engage.core import config as config_module
from pos_engage.core import credentials, logs
from pos_engage.core.config import Config
from pos_engage.core.domain import ContactKey, MatchKey, Payment, Receipt, ReceiptItem
from pos_engage.core.engage.client import EngageClient, Timeouts
from pos_engage.core.engage.online import OnlineMonitor
from pos_engage.core.errors import ConfigError, EngageError
from pos_engage.core.journal.replayer import Replayer
from pos_engage.core.journal.store import Journal
from pos_engage.core.paths import DataPaths, data_paths, machine_config_file, user_config_file
from pos_engage.core.till.service import TillService

STARTED = time.perf_counter()  # as early as this module is imported: the start of the till's own work

# https even in-process: the same URL rules apply in demo mode as in a store (the transport never dials it).
DEMO_BASE_URL = "https://demo.engage-sim.invalid"


def load_config(path: str | None = None, env: dict[str, str] | None = None) -> Config:
    """--config PATH (or POS_ENGAGE_CONFIG) alone, else IT's machine-wide file then the user's override."""
    env = os.environ if env is None else env
    explicit = path or env.get("POS_ENGAGE_CONFIG")
    files = [Path(explicit)] if explicit else [machine_config_file(), user_config_file()]
    if explicit and not Path(explicit).exists():
        raise ConfigError(f"the configuration file {explicit} does not exist")
    return config_module.load(files, env)


def is_demo(config: Config) -> bool:
    return not config.engage.base_url


def build_client(config: Config, env: dict[str, str] | None = None, *,
                 timeouts: Timeouts | None = None) -> EngageClient:
    """Real Engage when a base URL is configured (key from the keyring or POS_ENGAGE_API_KEY), else demo."""
    if is_demo(config):
        return demo_client()[0]
    api_key = credentials.get_secret(credentials.ENGAGE_API_KEY, env)
    if not api_key:
        raise ConfigError("no Engage API key is stored: IT provisions it with "
                          "'pos-engage configure --api-key-stdin' (or sets POS_ENGAGE_API_KEY for scripts)")
    logs.add_secret(api_key)
    timeouts = timeouts or Timeouts(interactive=config.engage.timeout_interactive,
                                    background=config.engage.timeout_background)
    return EngageClient(config.engage.base_url, api_key, timeouts=timeouts)


def paths_for(config: Config) -> DataPaths:
    return data_paths(config.data_dir)


def open_journal(config: Config, *, on_damage: str = "raise") -> Journal:
    return Journal.open(paths_for(config).journal, on_damage=on_damage)


def build_replayer(config: Config, journal: Journal, client: EngageClient,
                   monitor: OnlineMonitor | None = None) -> Replayer:
    settings = config.journal
    return Replayer(journal, client, monitor=monitor, rate_per_second=settings.rate_limit,
                    concurrency=settings.concurrency, schedule=settings.retry_schedule)


if TYPE_CHECKING:
    from pos_engage.sim.state import SimState


@dataclass
class Till:
    """Everything the till window runs on, built once here and closed in reverse order."""

    config: Config
    client: EngageClient
    monitor: OnlineMonitor
    journal: Journal
    replayer: Replayer
    service: TillService
    sim_state: SimState | None = None


def build_till(config: Config, *, demo: bool, journal_path: Path | None = None,
               sim_state: SimState | None = None) -> Till:
    """The till's parts. Demo: the embedded simulator (no credentials, no network) and its own journal."""
    monitor = OnlineMonitor(offline_after=2, probe_interval=5.0 if demo else 15.0)
    if demo:
        from pos_engage.sim.state import DEMO_API_KEY, SimState  # only demo mode loads the simulator
        from pos_engage.sim.transport import SimTransport

        sim_state = sim_state or SimState()
        client = EngageClient(DEMO_BASE_URL, DEMO_API_KEY, transport=SimTransport(sim_state), monitor=monitor,
                              timeouts=Timeouts(interactive=config.engage.timeout_interactive))
        path = journal_path or paths_for(config).root / "demo-journal.sqlite3"
    else:
        client = build_client(config)
        client.monitor = monitor
        path = journal_path or paths_for(config).journal
    journal = Journal.open(path, on_damage="continue")
    journal.recover_in_flight()
    journal.prune(config.journal.retention_days)  # retention happens by itself, not only when IT runs prune
    replayer = build_replayer(config, journal, client, monitor)
    return Till(config, client, monitor, journal, replayer, TillService(config, client, journal, replayer),
                sim_state)


def run_window(config: Config, *, demo: bool, self_test: bool = False) -> int:
    """Open the till window and run until it is closed. ``self_test``: close it again as soon as it is shown
    and print how long that took (IT's and CI's proof that the build starts)."""
    import getpass

    import qasync
    from PySide6.QtCore import QTimer, qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    from pos_engage.core.till.inbox import Inbox
    from pos_engage.qt import i18n
    from pos_engage.qt.bridge import TillBridge
    from pos_engage.qt.style import STYLESHEET
    from pos_engage.qt.views.main_window import MainWindow

    application = QApplication.instance() or QApplication(sys.argv)
    application.setApplicationName("pos-engage")
    # Closing the window must not stop the event loop under our feet: main() finishes delivery, closes the
    # journal and the connection pool, and then the run ends.
    application.setQuitOnLastWindowClosed(False)
    application.setStyleSheet(STYLESHEET)
    i18n.install(application, config.till.language)
    qInstallMessageHandler(_qt_messages_to_log)

    async def main() -> None:
        till = build_till(config, demo=demo)

        def outage(on: bool) -> None:
            if till.sim_state is not None:
                till.sim_state.faults.update({"down": on})

        inbox = Inbox(Path(config.till.inbox_dir)) if config.till.inbox_dir else None
        bridge = TillBridge(till.service, till.monitor, inbox=inbox, cashier=getpass.getuser())
        window = MainWindow(bridge, demo=demo, cashier=getpass.getuser(), on_outage_toggled=outage)
        window.resize(1280, 800)
        window.show()
        stop, closed = asyncio.Event(), asyncio.Event()
        application.lastWindowClosed.connect(closed.set)
        if self_test:
            def report() -> None:
                shown_ms = (time.perf_counter() - STARTED) * 1000
                print(f"self-test ok: window shown {shown_ms:.0f} ms after start "
                      f"({'demo' if demo else 'Engage at ' + config.engage.base_url})", flush=True)
                window.close()

            QTimer.singleShot(0, report)
        delivery = asyncio.ensure_future(till.replayer.run(stop))
        monitoring = asyncio.ensure_future(_write_metrics_every_minute(till, stop))
        await closed.wait()
        stop.set()
        await delivery
        await monitoring
        # A lookup the cashier started may still be running: let it end before the connection closes.
        for _ in range(100):
            if not bridge.busy:
                break
            await asyncio.sleep(0.05)
        bridge.shutdown()
        await till.client.aclose()
        till.journal.close()

    qasync.run(main())
    _exit_without_finalization(0)
    return 0  # pragma: no cover - not reached


def _qt_messages_to_log(mode, context, message: str) -> None:
    """Qt's own warnings go to our (redacted) log instead of a console a windowed build does not have."""
    logging.getLogger("qt").warning("%s", message)


async def _write_metrics_every_minute(till: Till, stop: asyncio.Event) -> None:
    """The running till keeps node_exporter's textfile current (when IT configured one)."""
    target = till.config.till.metrics_textfile
    if not target:
        return
    from pos_engage.core import metrics
    from pos_engage.core.engage.online import Connectivity

    while not stop.is_set():
        try:
            metrics.write_textfile(Path(target), metrics.render(
                till.journal.figures(), engage_up=till.monitor.state is Connectivity.ONLINE,
                store=till.config.store_external_id, till=till.config.till_id))
        except OSError as problem:
            logging.getLogger(__name__).warning("metrics textfile not written: %s", problem)
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(stop.wait(), timeout=60)


def _exit_without_finalization(code: int) -> None:
    """End the process once everything is closed. PySide6 with qasync's socket notifiers can abort in the
    interpreter's final garbage collection after a run that used real sockets ("Fatal Python error:
    deallocating None", the PYSIDE-585 family); by now the journal, the pool and the window are closed,
    so nothing is lost by skipping that step, and IT sees a clean exit code instead of a core dump."""
    logging.shutdown()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def demo_client(state: SimState | None = None) -> tuple[EngageClient, SimState]:
    """A client wired to a fresh embedded simulator (no network, no credentials)."""
    from pos_engage.sim.state import DEMO_API_KEY, SimState
    from pos_engage.sim.transport import SimTransport

    state = state or SimState()
    return EngageClient(DEMO_BASE_URL, DEMO_API_KEY, transport=SimTransport(state)), state


async def demo_tour(out: TextIO) -> int:
    """Identify a demo customer by email and by card, show her promotions, book a sale: real calls, printed."""
    client, state = demo_client()
    customer = state.showcase()["contacts"][0]
    async with client:
        try:
            contact_id = await client.identify(ContactKey.email(customer["email"]))
            by_card = await client.identify(ContactKey.custom(customer["cardNumber"]))
            contact = await client.get_contact(contact_id)
            out.write(f"Engage (embedded simulator, demo data): found {contact.display_name}, "
                      f"{contact.contact_type} {contact.member_number}\n")
            out.write(f"  by email {customer['email']} and by card {customer['cardNumber']}: "
                      f"{'same contact' if by_card == contact_id else 'DIFFERENT contacts'}\n")
            now = datetime.now(UTC).astimezone()
            usable = [p for p in await client.list_promotions(contact_id) if p.is_usable_at_pos(now)]
            out.write(f"  {len(usable)} promotions usable in store:\n")
            for promotion in usable:
                channel = promotion.pos_channel
                value = (f"{channel.percent} %" if channel.percent is not None else
                         f"{channel.amount.amount} {channel.amount.currency}" if channel.amount else channel.code)
                expires = f", expires {promotion.expires_on:%Y-%m-%d}" if promotion.expires_on else ""
                out.write(f"    - {promotion.heading or promotion.name} ({value}){expires}\n")
            receipt = Receipt(
                unique_receipt_id=f"demo-{now:%Y%m%d%H%M%S}", receipt_number="1", created_date=now,
                store_external_id="1", currency="SEK", contact=MatchKey(contact_id),
                items=(ReceiptItem("1001", "T-shirt organic", 1, Decimal("199.00"), Decimal("25")),),
                payments=(Payment("Card", Decimal("199.00")),),
            )
            await client.post_receipt(receipt)
            booked = state.received.receipts.get(receipt.unique_receipt_id)
            out.write(f"  receipt {receipt.unique_receipt_id} for {receipt.total_gross_price} SEK: "
                      f"{'booked by Engage' if booked else 'NOT booked'}\n")
        except EngageError as exc:
            out.write(f"demo failed: {exc.describe()}\n")
            return 1
    return 0


def run_demo_tour(out: TextIO) -> int:
    return asyncio.run(demo_tour(out))
