"""Starting the till window: the window first, then the till behind it.

Most of a start is loading the Engage client (httpx), the journal and qasync. A cashier should not stare at
nothing meanwhile, so the window is built and painted from light modules only, marked "Starting…", and the
till is attached once loaded. Keys pressed in between wait in Qt's queue (user input is not processed before
the till is attached), so a scan made at once is not lost. The log file, too, is opened after the first paint;
what is logged before it is held and written first (``logs.hold``).
"""

from __future__ import annotations

import logging
import os
import sys
import time
from pathlib import Path
from typing import TYPE_CHECKING

from pos_engage import STARTED
from pos_engage.core.config import Config

if TYPE_CHECKING:
    import asyncio

    from pos_engage.app import Till

log = logging.getLogger(__name__)


def run_window(config: Config, *, demo: bool, log_dir: Path, self_test: bool = False) -> int:
    """Open the till window and run until it is closed; the log file (held until then, ``logs.hold``) opens in
    ``log_dir`` once the window is shown. ``self_test``: close it again as soon as the till is ready, printing
    when the window was shown and when it was ready (IT's and CI's proof that the build starts)."""
    from PySide6.QtCore import QEventLoop, qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    from pos_engage.qt import i18n
    from pos_engage.qt.style import apply_style
    from pos_engage.qt.views.main_window import MainWindow

    application = QApplication.instance() or QApplication(sys.argv)
    application.setApplicationName("pos-engage")
    # Closing the window must not stop the event loop under our feet: main() finishes delivery, closes the
    # journal and the connection pool, and then the run ends.
    application.setQuitOnLastWindowClosed(False)
    apply_style(application)
    i18n.install(application, config.till.language)
    qInstallMessageHandler(_qt_messages_to_log)

    parts: dict[str, Till] = {}

    def outage(on: bool) -> None:
        till = parts.get("till")
        if till is not None and till.sim_state is not None:
            till.sim_state.faults.update({"down": on})

    # Never the PC's login: the till's own name until someone signs in (core/office/people.py; the window asks).
    cashier = f"till {config.till_id}"
    window = MainWindow(demo=demo, cashier=cashier, on_outage_toggled=outage)
    window.resize(1280, 800)
    window.show()
    application.processEvents(QEventLoop.ProcessEventsFlag.ExcludeUserInputEvents)  # paint it now
    shown_ms = (time.perf_counter() - STARTED) * 1000
    if self_test:
        print(f"self-test: window shown {shown_ms:.0f} ms after start", flush=True)
    from pos_engage.core import logs

    logs.configure(log_dir)  # held until now (logs.hold): what was logged meanwhile is written

    import asyncio  # the rest of the till loads while the cashier already sees the window

    import qasync

    from pos_engage.app import build_till
    from pos_engage.core.till.inbox import Inbox
    from pos_engage.qt.bridge import TillBridge
    from pos_engage.qt.order_bridge import OrderBridge

    async def main() -> None:
        till = parts["till"] = build_till(config, demo=demo)
        inbox = Inbox(Path(config.till.inbox_dir)) if config.till.inbox_dir else None
        bridge = TillBridge(till.service, till.monitor, inbox=inbox, cashier=cashier)
        window.attach(bridge, OrderBridge(till.orders, till.deliver_now))
        ready_ms = (time.perf_counter() - STARTED) * 1000
        log.info("till window shown after %.0f ms, ready after %.0f ms", shown_ms, ready_ms)
        stop, closed = asyncio.Event(), asyncio.Event()
        application.lastWindowClosed.connect(closed.set)
        if self_test:
            print(f"self-test ok: ready {ready_ms:.0f} ms after start "
                  f"({'demo' if demo else 'Engage at ' + config.engage.base_url})", flush=True)
            window.close()
        delivery = asyncio.ensure_future(till.replayer.run(stop))
        marketing = asyncio.ensure_future(till.marketing.run(stop) if till.marketing else asyncio.sleep(0))
        monitoring = asyncio.ensure_future(_write_metrics_every_minute(till, stop))
        if window.isVisible():
            await closed.wait()
        stop.set()
        await delivery
        await marketing
        await monitoring
        # A lookup the cashier started may still be running: let it end before the connection closes.
        for _ in range(100):
            if not bridge.busy:
                break
            await asyncio.sleep(0.05)
        bridge.shutdown()
        await till.aclose()
        till.journal.close()

    qasync.run(main())
    _exit_without_finalization(0)
    return 0  # pragma: no cover - not reached


def show_start_problem(lines: list[str]) -> None:
    """The till does not start on a configuration that cannot work: the person at it reads why in a window
    (a windowed build has no console for the lines the command line prints) and closes it. Where no window can
    open or nobody could see it (offscreen, no display: ``preflight``), the printed lines are all there is."""
    from pos_engage import preflight

    if preflight.platform_of(os.environ) in ("offscreen", "minimal") or preflight.problems():
        return
    from PySide6.QtWidgets import QApplication

    application = QApplication.instance() or QApplication(sys.argv)  # noqa: F841 - a message box needs one
    start_problem_box(lines).exec()


def start_problem_box(lines: list[str]):
    """The message the till shows instead of starting: what is wrong, key by key, and who puts it right."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    box = QMessageBox(QMessageBox.Icon.Critical, "pos-engage",
                      "The till cannot start: its configuration needs to be corrected first.",
                      QMessageBox.StandardButton.Close)
    box.setInformativeText("\n".join(lines) + "\n\nAsk IT to correct this, then start the till again. Nothing "
                           "already sold is lost.")
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # IT can copy the lines
    box.setStyleSheet("QLabel#qt_msgbox_informativelabel { min-width: 720px; }")  # a key path on one line
    box.setAccessibleName("The till cannot start")
    return box


def _qt_messages_to_log(mode, context, message: str) -> None:
    """Qt's own warnings go to our (redacted) log instead of a console a windowed build does not have."""
    logging.getLogger("qt").warning("%s", message)


async def _write_metrics_every_minute(till: Till, stop: asyncio.Event) -> None:
    """The running till keeps node_exporter's textfile current (when IT configured one)."""
    import asyncio
    import contextlib

    target = till.config.till.metrics_textfile
    if not target:
        return
    from pos_engage.core import metrics
    from pos_engage.core.engage.online import Connectivity

    while True:  # at start, every minute, and once more on the way out (the last figures)
        try:
            metrics.write_textfile(Path(target), metrics.render(
                till.journal.figures(), engage_up=till.monitor.state is Connectivity.ONLINE,
                store=till.config.store_external_id, till=till.config.till_id))
        except OSError as problem:
            log.warning("metrics textfile not written: %s", problem)
        if stop.is_set():
            return
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
