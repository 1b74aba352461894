"""The window in linked mode: the POS's sale (a session of core/till/session.py) shown read-only, and the cashier's
identify and offer picks sent to that session, so they reach the POS within one long-poll round.

Both ways go through the one session: a change the POS makes (its basket, a customer it scanned, an offer it
applied) is heard as a session change and redrawn here; a change made in the window (identify through TillBridge,
an offer card tapped) is made on the session (SaleSessions.set_customer / apply / remove_offer), whose change wakes
the POS's long poll. While a POS sale is shown, the customer panel's offer cards act on that sale instead of the
till's own basket (the window's own handler is disconnected meanwhile and connected again afterwards). The state a
change is drawn from is the one the offer cards are told (TillBridge.pos_sale_drawn): read once per change.

On a till set up for a linked POS (pos_link.enabled "on": returns.pos_link_set_up) the window is in linked mode from
its start (``wait_for_pos``): it waits for the POS's first sale with no article or payment entry, as it does between
two sales. Meanwhile the cashier may identify the customer (the customer hands the card over first): she is held by
the till's own, empty sale and goes onto the POS's next sale when it opens without a customer of its own
(``_carry_waiting_customer``). Her offer cards are dimmed meanwhile, each saying that offers are applied once the
POS has opened the sale (TillBridge.offers_wait), and usable as soon as it has; F4 or a tap into them says so too,
and the focus stays in the identify field (``eventFilter``), where the next scan goes. The demo's setting
("demo") sets up no POS: its window keeps the till's own basket until a POS opens a sale, as its returns do. A
customer identified on the till's own sale with no lines yet goes onto that POS's sale as above. A POS's sale opened
while the till's own sale has lines waits (``_defer``): the own sale stays on screen with its lines, customer,
offers and payments, the cashier is told that the POS's sale is shown once this one is finished or voided, and it is
shown then (the POS drives its sale meanwhile as ever); it was hidden under the POS's sale, where a customer
identified later sat on it, unseen, and went onto no POS sale.

``start_linked_mode`` serves the link for the window when pos_link is enabled (on the same qasync loop). A bridge
listens to the sessions until it is closed (``close``: the link stopped, or its window is gone): SaleSessions
outlives both, and a listener left behind would call a dead panel at every later change of a sale."""

from __future__ import annotations

import asyncio
import contextlib
import logging

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal

from pos_engage.core.errors import ConfigError, InputError
from pos_engage.core.till.outcomes import Customer, IdentifyOutcome, RegisterOutcome
from pos_engage.core.till.sale_session import SaleSession
from pos_engage.core.till.session import SaleSessions
from pos_engage.qt.texts import shown
from pos_engage.qt.views.pos_sale_panel import PosSalePanel

log = logging.getLogger(__name__)


class LinkBridge(QObject):
    failed = Signal(str)

    def __init__(self, sessions: SaleSessions, till_bridge, window, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.sessions = sessions
        self.till_bridge = till_bridge
        self.window = window
        self.panel = PosSalePanel()
        self.current: SaleSession | None = None
        self.linked = False
        self._tasks: set[asyncio.Future] = set()
        self._shown_customer: Customer | None = None
        self._last_shown: tuple[SaleSession | None, str] = (None, "")   # the sale shown last, and its status
        self._carrying: SaleSession | None = None   # the sale the waiting customer is being put on
        # The demo's own sale in progress when a POS opened one (_defer), and the POS's sale shown once it is done.
        self._own_in_progress = None
        self._deferred: SaleSession | None = None
        self.closed = False
        sessions.listeners.append(self._on_session_changed)
        till_bridge.identified.connect(self._on_window_identified)
        till_bridge.registered.connect(self._on_window_identified)   # registered at the till: the POS's too
        self.failed.connect(window._on_problem)
        # The window deleted first (its panels with it): stop listening then, whether or not close is called.
        window.destroyed.connect(self._forget_sessions)

    def close(self) -> None:
        """Stop showing the POS's sales (the link stopped, or is being served anew by another bridge): the
        listener leaves the sessions, the window's identify no longer reaches a POS sale, and the window shows
        the till's own basket again. Safe to call more than once."""
        if self.closed:
            return
        self.closed = True
        self._forget_sessions()
        listened = [(self.till_bridge.identified, self._on_window_identified),
                    (self.till_bridge.registered, self._on_window_identified)]
        if self._own_in_progress is not None:   # _defer listens to the own sale until it is done
            listened.append((self.till_bridge.basket_changed, self._on_own_basket_changed))
        for signal, slot in listened:
            with contextlib.suppress(RuntimeError, TypeError):   # the till's bridge may be gone already
                signal.disconnect(slot)
        with contextlib.suppress(RuntimeError, TypeError):
            self.window.destroyed.disconnect(self._forget_sessions)
        if shiboken6.isValid(self.window):
            with contextlib.suppress(RuntimeError, TypeError):
                self.failed.disconnect(self.window._on_problem)
            self.unlink()

    def _forget_sessions(self, *_destroyed) -> None:
        with contextlib.suppress(ValueError):   # removed already
            self.sessions.listeners.remove(self._on_session_changed)

    # -------------------------------------------------------------- from the session to the window

    def wait_for_pos(self) -> None:
        """Linked mode before the POS has opened a sale: the window waits for it (no article or payment entry), and a
        customer identified meanwhile goes onto the sale the POS opens next."""
        if self.current is not None:
            return
        self.panel.show_waiting()
        if not self.linked:
            self._link()

    def _on_session_changed(self, session: SaleSession) -> None:
        if session.pos_sale_id is None:
            return
        if not self.linked and self._own_sale_in_progress():
            self._defer(session)
            return
        if session.status == "open":
            if session is not self.current:
                self._carry_waiting_customer(session)
            self.current = session
        elif session is not self.current:
            self._show_others()
            return
        state = self.sessions.state(session)
        self.panel.show_state(state)
        self._show_others()
        if not self.linked:
            self._link()
        # The sale ended, or another one is shown: the next scan goes to the identify field (after the cashier
        # used the offer list, a scanner's keys went nowhere).
        moved_on = (session, session.status) != self._last_shown and (session.status != "open"
                                                                      or session is not self._last_shown[0])
        self._last_shown = (session, session.status)
        customer_panel = self.window.customer
        # The window's customer is this sale's (TillBridge.customer), its offer cards told what this state says.
        self.till_bridge.pos_sale_drawn(session, state)
        if session.status != "open":
            customer_panel.clear()
            self._shown_customer = None
            # Waiting for the next sale: a customer identified now is held by the till's own sale (the POS's ended
            # one would keep her from any sale, and the next one opened without her) and carried to the next.
            self.till_bridge.pos_sale = None
        elif session.customer is not self._shown_customer and not (session.customer is None
                                                                   and self._carrying is session):
            self._shown_customer = session.customer
            if session.customer is None:
                customer_panel.clear()
            else:
                customer_panel.show_customer(session.customer)
        self._mark_applied({d.source_id for d in session.basket.discounts})
        if moved_on and hasattr(self.window, "return_to_identify"):
            self.window.return_to_identify()

    def _carry_waiting_customer(self, session: SaleSession) -> None:
        """The POS opened ``session``: the customer the cashier identified while the window waited (held by the
        till's own sale, which has no lines) goes onto it, unless the POS brought a customer of its own; the till's
        own sale is then new and empty again either way (its customer is the POS's sale's now, or was replaced)."""
        own = self.till_bridge.sale
        if own is None or own.customer is None or own.basket.lines:
            return   # nobody waiting (a sale of the demo's own with lines waits for none: _defer)
        waiting, key = own.customer, own.customer_key
        self.till_bridge.new_sale()
        if session.customer is not None:
            return
        self._shown_customer = waiting   # drawn already: her card stays as it is, not cleared until she is on it
        self._carrying = session

        async def carry() -> None:
            try:
                await self.sessions.set_customer(session, waiting, key)
            finally:
                self._carrying = None

        def not_carried() -> None:   # the sale ended meanwhile: she is nobody's, and the card says so
            self._shown_customer = None
            self.window.customer.clear()

        self._run(carry(), undo=not_carried)

    # -------------------------------------------------------------- the demo's own sale first

    def _own_sale_in_progress(self) -> bool:
        """The till's own sale has lines (the demo's setting, before a POS's sale is shown): it is not hidden."""
        own = self.till_bridge.sale
        return own is not None and bool(own.basket.lines)

    def _defer(self, session: SaleSession) -> None:
        """A POS's sale changed while the till's own sale, with lines, is on screen: it stays there, and the POS's
        sale is shown once it is finished or voided (``_own_sale_done``). The cashier is told once per POS sale, in
        the message line and under the own basket (kept there: the message line says the next scan's outcome)."""
        if self._own_in_progress is None:
            self._own_in_progress = self.till_bridge.sale
            self.till_bridge.basket_changed.connect(self._on_own_basket_changed)
        if session.status != "open" or session is self._deferred:
            return   # said already, or ended before it was shown (the next one open is shown, if any)
        self._deferred = session
        notice = self.tr("The POS opened sale {0}: it is shown here once this sale is finished (F9) or voided "
                         "(F12)").format(session.pos_sale_id)
        self.failed.emit(notice)
        self.window.basket.sale_status.setText(notice)

    def _on_own_basket_changed(self, _basket) -> None:
        if self.till_bridge.sale is not self._own_in_progress:   # finished, voided, or made an order
            # After the window's own handling of the sale's end (it clears the customer card and the status).
            QTimer.singleShot(0, self, self._own_sale_done)

    def _own_sale_done(self) -> None:
        """The till's own sale that kept a POS's sale waiting is done: the POS's sale is shown (the one it was told
        about, else another one open), else the window waits for the POS's next, as after a POS's sale."""
        if self.closed or self._own_in_progress is None or self.till_bridge.sale is self._own_in_progress:
            return
        with contextlib.suppress(RuntimeError, TypeError):
            self.till_bridge.basket_changed.disconnect(self._on_own_basket_changed)
        self._own_in_progress = None
        pending, self._deferred = self._deferred, None
        if self.linked:
            return   # shown already (the POS changed its sale after the own sale's last line was taken off)
        if pending is None or pending.status != "open":
            pending = next((s for s in reversed(self.sessions.open_sessions()) if s.pos_sale_id is not None), None)
        if pending is not None:
            self._on_session_changed(pending)
        else:
            self.wait_for_pos()

    def _show_others(self) -> None:
        """How many POS sales are open when another than the one shown is (two POS terminals on one till)."""
        shown_sale = self.current
        others = sum(1 for s in self.sessions.open_sessions() if s.pos_sale_id is not None and s is not shown_sale)
        self.panel.show_others(others, shown_sale is not None and shown_sale.status == "open")

    def _mark_applied(self, applied: set[str]) -> None:
        panel = self.window.customer
        panel._updating = True
        try:
            for row in range(panel.offers.count()):
                item = panel.offers.item(row)
                offer = item.data(Qt.ItemDataRole.UserRole)
                state = Qt.CheckState.Checked if getattr(offer, "id", None) in applied else Qt.CheckState.Unchecked
                if item.checkState() != state:
                    item.setCheckState(state)
        finally:
            panel._updating = False

    def _link(self) -> None:
        self.linked = True
        # Whenever no POS sale is open, no offer can be applied: the cards say so before a tap.
        self.till_bridge.offers_wait(self.waiting_for_sale())
        self.window.show_pos_sale(self.panel)
        panel = self.window.customer
        with contextlib.suppress(RuntimeError, TypeError):   # connected once by MainWindow._wire
            panel.offer_toggled.disconnect(self.window._on_customer_offer_toggled)
        panel.offer_toggled.connect(self._on_offer_toggled)
        panel.offers.installEventFilter(self)

    def eventFilter(self, watched, event) -> bool:  # Qt override: camelCase
        """The offer list taking the focus (F4, a tap) while no POS sale is open: every card is dimmed, so nothing
        there can be picked; the window says why and the focus goes back to the identify field (in the list the
        cashier saw no card chosen, and pressed keys that did nothing)."""
        if (event.type() == QEvent.Type.FocusIn and self._open_session() is None and self.linked
                and watched.count() > 0):
            self.failed.emit(self.waiting_for_sale())
            if hasattr(self.window, "return_to_identify"):   # once the focus has settled where it went
                QTimer.singleShot(0, self.window, self.window.return_to_identify)
        return False

    def unlink(self) -> None:
        """Back to the till's own basket (the link stopped)."""
        if not self.linked:
            return
        self.linked = False
        self.till_bridge.pos_sale = None   # the till's own sale again
        self.till_bridge.offers_wait(None)
        panel = self.window.customer
        panel.offer_toggled.disconnect(self._on_offer_toggled)
        panel.offers.removeEventFilter(self)
        panel.offer_toggled.connect(self.window._on_customer_offer_toggled)
        self.window.show_own_basket()

    # -------------------------------------------------------------- from the window to the session

    def _open_session(self) -> SaleSession | None:
        return self.current if self.linked and self.current is not None and self.current.status == "open" else None

    def _on_window_identified(self, outcome: IdentifyOutcome | RegisterOutcome) -> None:
        session = self._open_session()
        if session is None or outcome.customer is None:
            return
        self._shown_customer = outcome.customer   # already drawn by the customer panel
        key = outcome.customer.key
        self._run(self.sessions.set_customer(session, outcome.customer, key.value if key else None))

    def waiting_for_sale(self) -> str:
        """Why no offer can be applied while the POS has no sale open (on each card, and said after a tap)."""
        return self.tr("Offers are applied once the POS has opened the sale")

    def _on_offer_toggled(self, offer, applied: bool) -> None:
        session = self._open_session()
        if session is None:
            self.window.customer.uncheck(offer)
            if applied:   # waiting for the POS: there is no sale to apply it to yet (a card drawn before it said so)
                self.failed.emit(self.waiting_for_sale())
                if hasattr(self.window, "return_to_identify"):   # the next scan where it goes, not in the list
                    self.window.return_to_identify()
            return
        if applied:
            self._run(self.sessions.apply(session, offer.id), undo=lambda: self.window.customer.uncheck(offer))
        else:
            self._run(self.sessions.remove_offer(session, offer.id))

    def _run(self, work, undo=None) -> None:
        task = asyncio.ensure_future(work)
        self._tasks.add(task)

        def done(finished: asyncio.Future) -> None:
            self._tasks.discard(finished)
            if finished.cancelled():
                return
            problem = finished.exception()
            if problem is None:
                return
            if undo is not None:
                undo()
            if isinstance(problem, InputError):
                self.failed.emit(shown(problem))
            else:
                log.error("linked mode: a change to the POS sale failed", exc_info=problem)
                self.failed.emit(shown(str(problem)))

        task.add_done_callback(done)

    async def settled(self) -> None:
        """Wait for the changes the cashier made to reach the session (tests, closing)."""
        while self._tasks:
            await asyncio.wait(set(self._tasks))


class WindowLink:
    """The POS link served by the running window: the server and its bridge, stopped when the window closes."""

    def __init__(self, server, bridge: LinkBridge, files: asyncio.Future | None = None) -> None:
        self.server = server
        self.bridge = bridge
        self.files = files
        self._stop = asyncio.Event()

    async def stop(self) -> None:
        self._stop.set()
        await self.server.stop()
        if self.files is not None:
            await self.files
        await self.bridge.settled()
        self.bridge.close()   # the sessions outlive the link: nothing of the window is called any more


def linked_from_start(till, till_bridge, window) -> LinkBridge | None:
    """On a till set up for a linked POS (pos_link.enabled "on"), the window in linked mode at once, waiting for the
    POS's first sale: called as soon as the window is attached, before the till handles any key (a scan or an
    article typed meanwhile would go to the till's own basket). None on any other till."""
    from pos_engage.core.till.returns import pos_link_set_up

    if not pos_link_set_up(till.config):
        return None
    bridge = LinkBridge(till_bridge.sessions, till_bridge, window)
    bridge.wait_for_pos()
    return bridge


async def start_linked_mode(till, till_bridge, window, *, demo: bool,
                            waiting: LinkBridge | None = None) -> WindowLink | None:
    """Serve the POS link for this window when pos_link is enabled; None when it is off or cannot listen (the
    cashier is told; the till works on without it: a window waiting for its POS, ``waiting`` from
    linked_from_start, waits on, as the POS owns the sale whether it answers or not)."""
    from pos_engage.cli_link import link_enabled
    from pos_engage.link.host import build_link
    from pos_engage.link.server import LinkServer
    from pos_engage.link.tokens import from_credentials

    config = till.config
    if not link_enabled(config):
        return None
    try:
        # One SaleSessions for the POS's sales and the window's own (TillBridge.sales).
        link = build_link(till.service, tokens=from_credentials(demo=demo), sessions=till_bridge.sessions)
        server = LinkServer(link.asgi(), host=config.pos_link.host, port=config.pos_link.port)
        await server.start()
    except ConfigError as problem:
        log.warning("POS link not served: %s", problem)
        window._on_problem(shown(problem))
        return None
    log.info("POS link on %s", server.url)
    served = WindowLink(server, waiting if waiting is not None else LinkBridge(link.sessions, till_bridge, window))
    if config.till.inbox_dir:   # the same sales by folders (answers/, commits/)
        from pathlib import Path

        from pos_engage.core.till.sale_files import SaleFiles

        served.files = asyncio.ensure_future(SaleFiles(Path(config.till.inbox_dir), link.sessions).run(served._stop))
    return served
