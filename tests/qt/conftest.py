"""GUI test fixtures: one qasync loop for the whole session (pytest-qt has no qasync support), the real till
window against the in-process simulator, offscreen."""

from __future__ import annotations

import asyncio

import pytest
import qasync

from pos_engage.app import build_till
from pos_engage.core.config import Config, JournalSettings, OrderSettings, TillSettings
from pos_engage.qt.bridge import TillBridge
from pos_engage.qt.order_bridge import OrderBridge
from pos_engage.qt.style import apply_style
from pos_engage.qt.views.main_window import MainWindow
from pos_engage.sim.state import SimState


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/qt/" in str(item.fspath):
            item.add_marker(pytest.mark.gui)


@pytest.fixture(scope="session")
def qloop(qapp):
    # Never stop or close this loop in a test: it would quit the QApplication (toolchain.md).
    loop = qasync.QEventLoop(qapp, already_running=True)
    # already_running=True registers it as this thread's running loop for good; the running mark is set
    # per GUI test instead (below), or pytest-asyncio could not start its own loops for later async tests.
    asyncio.events._set_running_loop(None)
    apply_style(qapp)
    return loop


@pytest.fixture(autouse=True)
def qloop_running(qloop):
    asyncio.set_event_loop(qloop)
    asyncio.events._set_running_loop(qloop)
    yield
    asyncio.events._set_running_loop(None)
    asyncio.set_event_loop(None)


@pytest.fixture
def till(qloop, tmp_path):
    config = Config(store_external_id="12", till_id="3", journal=JournalSettings(retry_schedule=(0.05,),
                                                                                 rate_limit=0.0),
                    orders=OrderSettings(job_poll_schedule=(0.05,)),
                    # The window's sales without a customer reach Engage (a tenant's catch-all contact), as before.
                    till=TillSettings(anonymous_contact="walk-in"))
    parts = build_till(config, demo=True, journal_path=tmp_path / "journal.sqlite3", sim_state=SimState(seed=7))
    yield parts
    parts.journal.close()


@pytest.fixture
def window(qtbot, till):
    bridge = TillBridge(till.service, till.monitor)

    def outage(on: bool) -> None:
        till.sim_state.faults.update({"down": on})

    orders = OrderBridge(till.orders, till.deliver_now)
    main = MainWindow(bridge, orders=orders, demo=True, cashier="test-cashier", on_outage_toggled=outage)
    qtbot.addWidget(main)
    main.resize(1280, 800)
    main.show()
    qtbot.waitExposed(main)
    yield main
    qtbot.waitUntil(lambda: not bridge.busy and not orders.busy, timeout=10_000)  # running slots finish first
    bridge.shutdown()
    main.close()
