"""Starting the till window: the window first, then the till behind it.

Most of a start is loading the Engage client (httpx), the journal and qasync. A cashier should not stare at
nothing meanwhile, so the window is built and painted from light modules only, marked "Starting…", and the
till is attached once loaded. Keys pressed in between wait in Qt's queue (user input is not processed before
the till is attached), so a scan made at once is not lost. The log file, too, is opened after the first paint;
what is logged before it is held and written first (``logs.hold``). Once attached, the till asks Engage in the
background whether it answers: the status bar says "Checking Engage…" until it knows, never "online" on faith.

A till without an Engage address (and without the demo chosen) opens no till at all: a screen tells IT what to set
(the file, the key, the command) and nothing is sent anywhere. A journal set aside as damaged, or one that vanished
or was emptied, is told to the manager in a blocking message at every start until IT has recovered it (or a
manager has acknowledged the loss, with the PIN): the sales in it are not in the queue.
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
    from collections.abc import Callable

    from pos_engage.app import Till
    from pos_engage.core.office.health import Trouble

log = logging.getLogger(__name__)

# Seconds the metrics' first write waits for the start's question to Engage (a whole interactive timeout or two
# would leave the textfile stale as long).
METRICS_WAIT_FOR_ENGAGE = 10.0


def run_window(config: Config, *, demo: bool, log_dir: Path, self_test: bool = False,
               config_path: str | None = None) -> int:
    """Open the till window and run until it is closed; the log file (held until then, ``logs.hold``) opens in
    ``log_dir`` once the window is shown. ``self_test``: close it again as soon as the till is ready, printing
    when the window was shown and when it was ready (IT's and CI's proof that the build starts). Not configured
    (no Engage address, no demo): the screen that says what IT sets, exit 2."""
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
    from pos_engage import configuration

    if not demo and not configuration.is_configured(config):
        return _run_not_configured(application, configuration.not_configured(config_path).problems, log_dir,
                                   self_test=self_test)
    unset = None if demo else configuration.identity_not_set(config_path)
    if unset is not None:
        return _run_not_configured(application, unset.problems, log_dir, self_test=self_test)

    parts: dict[str, Till] = {}

    def outage(on: bool) -> None:
        till = parts.get("till")
        if till is not None and till.sim_state is not None:
            till.sim_state.faults.update({"down": on})

    # Never the PC's login: the till's own name until someone signs in (core/office/people.py; the window asks).
    cashier = f"till {config.till_id}"
    # Placed where it was last closed, or sized to the screen it is on, as it is built: its content is built for
    # that size at once (a strip's scroll area first, instead of moving the built content into it).
    # Its tenders from the configuration (core's payment_methods: no Swish on a Finnish till), as it is built.
    from pos_engage.core.till.payment_methods import payment_methods

    window = MainWindow(demo=demo, cashier=cashier, on_outage_toggled=outage, placed=True,
                        payment_methods=payment_methods(config))
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
    from pos_engage.core.till.returns import pos_link_set_up
    from pos_engage.qt.bridge import TillBridge
    from pos_engage.qt.order_bridge import OrderBridge

    async def main() -> None:
        till = parts["till"] = build_till(config, demo=demo)
        inbox = Inbox(Path(config.till.inbox_dir), linked=pos_link_set_up(config)) if config.till.inbox_dir \
            else None
        bridge = TillBridge(till.service, till.monitor, inbox=inbox, cashier=cashier)
        window.attach(bridge, OrderBridge(till.orders, till.deliver_now))
        from pos_engage.qt.link_bridge import linked_from_start, start_linked_mode

        # A till set up for a linked POS waits for its sale from now on, before anything awaited lets a key in.
        waiting = linked_from_start(till, bridge, window)
        # Nothing has asked Engage yet: the status bar says "Checking Engage…" until its cheapest call has answered
        # (or failed), asked in the background so the window is ready meanwhile.
        engage_checked = bridge.find_out_engage(till.client.ping)
        ready_ms = (time.perf_counter() - STARTED) * 1000
        log.info("till window shown after %.0f ms, ready after %.0f ms", shown_ms, ready_ms)
        stop, closed = asyncio.Event(), asyncio.Event()
        application.lastWindowClosed.connect(closed.set)
        if self_test:
            for line in till.trouble.lines() if till.trouble else ():
                print(f"self-test: {line}", flush=True)
            print(f"self-test ok: ready {ready_ms:.0f} ms after start "
                  f"({'demo' if demo else 'Engage at ' + config.engage.base_url})", flush=True)
            window.close()
        elif till.trouble:  # unsent sales outside the queue: the manager is told before anything else
            await tell_journal_trouble(window, till.journal, manager=window.cashier, till_id=config.till_id)
        # The POS link (pos_link.enabled): the POS's sale is shown in the window and driven from both sides.
        link = None if self_test else await start_linked_mode(till, bridge, window, demo=demo, waiting=waiting)
        delivery = asyncio.ensure_future(till.replayer.run(stop))
        marketing = asyncio.ensure_future(till.marketing.run(stop) if till.marketing else asyncio.sleep(0))
        monitoring = asyncio.ensure_future(_write_metrics_every_minute(till, stop, engage_checked))
        if window.isVisible():
            await closed.wait()
        stop.set()
        if link is not None:
            await link.stop()
        await delivery
        await marketing
        await monitoring
        # A lookup the cashier started may still be running: let it end before the connection closes.
        for _ in range(100):
            if not bridge.busy:
                break
            await asyncio.sleep(0.05)
        bridge.shutdown()
        await bridge.sessions.offline_copies.close()   # customers still being found again: before the client closes
        await till.aclose()
        till.journal.close()

    qasync.run(main())
    _exit_without_finalization(0)
    return 0  # pragma: no cover - not reached


def _run_not_configured(application, lines: tuple[str, ...], log_dir: Path, *, self_test: bool) -> int:
    """No Engage address and no demo: nothing is built that could send. The lines go to the terminal and the log
    (a windowed build has no terminal), and the screen shows them until it is closed; exit 2."""
    from pos_engage.core import logs

    for line in lines:
        print(f"pos-engage: {line}", file=sys.stderr, flush=True)
    logs.configure(log_dir)
    log.warning("not configured, nothing is sent: %s", " / ".join(lines))
    screen = not_configured_screen(lines)
    screen.show()
    if not self_test:
        application.lastWindowClosed.connect(application.quit)
        application.exec()
    _exit_without_finalization(2)
    return 2  # pragma: no cover - not reached


def not_configured_screen(lines: tuple[str, ...] | list[str]):
    """The till's window when it is not configured: what is missing, and the file, key and command IT uses."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

    from pos_engage.core import texts
    from pos_engage.qt.texts import shown

    screen = QWidget()
    screen.setObjectName("notConfigured")
    screen.setWindowTitle(shown(texts.tr("pos-engage: not configured")))
    layout = QVBoxLayout(screen)
    layout.setContentsMargins(48, 48, 48, 48)
    heading = QLabel(shown(texts.tr("This till is not configured: it sends nothing anywhere")))
    heading.setObjectName("notConfiguredHeading")
    heading.setStyleSheet("font-size: 22pt; font-weight: bold;")
    heading.setWordWrap(True)
    details = QLabel("\n\n".join(shown(line) for line in lines))
    details.setObjectName("notConfiguredDetails")
    details.setAccessibleName(shown(texts.tr("What IT sets")))
    details.setWordWrap(True)
    details.setStyleSheet("font-size: 13pt;")
    details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # IT copies the command
    close = QPushButton(shown(texts.tr("Close")))
    close.setAccessibleName(close.text())
    close.clicked.connect(screen.close)
    layout.addWidget(heading)
    layout.addWidget(details)
    layout.addStretch(1)
    layout.addWidget(close, 0, Qt.AlignmentFlag.AlignRight)
    from pos_engage.qt.views.window_layout import sized_to_screen

    # On the screen whatever its size: at 800x600 a fixed 960 px cut every line and hid the Close button.
    sized_to_screen(screen, 960, 560)
    return screen


def journal_trouble_box(trouble: Trouble, parent=None):
    """The blocking message about unsent sales outside the queue: each file set aside or journal lost, named,
    with what to do. A loss also has "Acknowledge the loss…" (the manager PIN; audited)."""
    from PySide6.QtCore import Qt
    from PySide6.QtWidgets import QMessageBox

    from pos_engage.core import texts
    from pos_engage.qt.texts import shown

    box = QMessageBox(QMessageBox.Icon.Warning, "pos-engage",
                      shown(texts.tr("Unsent sales are outside the queue: tell the manager and IT now.")),
                      QMessageBox.StandardButton.Ok, parent)
    box.setObjectName("journalTrouble")
    box.setInformativeText("\n\n".join([*(shown(line) for line in trouble.lines()), shown(texts.tr(
        "The till can sell meanwhile: new sales are kept and sent as usual. This message comes back at every start "
        "until it is put right."))]))
    box.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)  # IT copies the file and command
    box.setStyleSheet("QLabel#qt_msgbox_informativelabel { min-width: 720px; }")
    box.setWindowModality(Qt.WindowModality.ApplicationModal)
    box.setAccessibleName(shown(texts.tr("Unsent sales are outside the queue")))
    box.acknowledge_button = None
    if trouble.lost:
        box.acknowledge_button = box.addButton(shown(texts.tr("Acknowledge the loss…")),
                                               QMessageBox.ButtonRole.ActionRole)
    return box


async def tell_journal_trouble(parent, journal, *, manager: str, till_id: str,
                               ask_pin: Callable[[], str | None] | None = None,
                               ask_reason: Callable[[], str | None] | None = None) -> None:
    """Show the message until it is read; a manager's acknowledgement of a loss (PIN, reason) is audited and the
    message is shown again with what is left (a wrong PIN says so and shows it again). The acknowledgement is
    ``core/office``'s (``ManagerActions.acknowledge_lost``): the audit row names the manager whose code it was, never
    ``manager`` (who is at the till: kept for the callers, not recorded)."""
    import asyncio

    from PySide6.QtWidgets import QInputDialog

    from pos_engage.core import texts
    from pos_engage.core.errors import PosEngageError
    from pos_engage.core.office.queue import ManagerActions
    from pos_engage.qt.texts import shown
    from pos_engage.qt.views.queue_view import ask_pin_dialog

    def reason_dialog() -> str | None:
        reason, ok = QInputDialog.getText(parent, shown(texts.tr("Acknowledge the loss")),
                                          shown(texts.tr("Why can the lost journal not be restored?")))
        return reason if ok and reason.strip() else None

    actions = ManagerActions(journal, till=till_id)
    ask_pin = ask_pin or (lambda: ask_pin_dialog(parent, actions.people.has_directory))
    ask_reason = ask_reason or reason_dialog
    note = ""
    while True:
        trouble = actions.troubles()
        if not trouble:
            return
        box = journal_trouble_box(trouble, parent)
        if note:
            box.setText(f"{note}\n\n{box.text()}")
        answered: asyncio.Future = asyncio.get_event_loop().create_future()
        box.finished.connect(lambda _result, done=answered: done.done() or done.set_result(None))
        box.open()
        await answered
        if box.acknowledge_button is None or box.clickedButton() is not box.acknowledge_button:
            return
        problem = actions.approval_problem()   # no code can be checked here: said, never asked for
        if problem is not None:
            note = shown(problem)
            continue
        reason = ask_reason()
        answer = ask_pin() if reason else None
        if answer is None:
            continue
        by, pin = answer if isinstance(answer, tuple) else (None, answer)  # (staff number, code) or a PIN
        try:
            # The loss is audited under the approving manager's name (the code says who it is).
            actions.acknowledge_lost(reason, pin=pin, by=by)
        except PosEngageError as problem:
            note = shown(problem)
            continue
        note = ""


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


async def _write_metrics_every_minute(till: Till, stop: asyncio.Event, engage_checked: asyncio.Future | None = None
                                     ) -> None:
    """The running till keeps node_exporter's textfile current (when IT configured one). The first write waits a
    little for the start's question to Engage (``engage_checked``), so engage_up says what it answered rather
    than "down" for the first minute; a question still open by then is written as down (it has not answered)."""
    import asyncio
    import contextlib

    target = till.config.till.metrics_textfile
    if not target:
        return
    if engage_checked is not None:
        await asyncio.wait({engage_checked}, timeout=METRICS_WAIT_FOR_ENGAGE)
    from pos_engage.core import metrics
    from pos_engage.core.office.health import Connectivity

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
