"""The till window started on a damaged journal and on one emptied to 0 bytes: a blocking message names the file
and what to do, the queue view says it at the top, and a loss goes away only when a manager acknowledges it with
the PIN (audited with the manager's name). Real window, real journal files, offscreen."""

from __future__ import annotations

import asyncio

import pytest
from PySide6.QtWidgets import QMessageBox

from pos_engage.app import build_till
from pos_engage.core import credentials
from pos_engage.core.config import Config, JournalSettings
from pos_engage.core.journal import identity, payloads, recovery
from pos_engage.core.pin import hash_pin
from pos_engage.qt.bridge import TillBridge
from pos_engage.qt.views.main_window import MainWindow
from pos_engage.sim.state import SimState
from pos_engage.window import tell_journal_trouble
from tests.core.conftest import sale
from tests.test_damaged_journal import damage

PIN = "4826"


def journal_with_sales(path) -> None:
    with identity.open_journal(path) as journal:
        journal.record([payloads.receipt(sale("w-1"))])
        journal.record([payloads.receipt(sale("w-2"))])


@pytest.fixture
def start_on(qloop, qtbot, tmp_path):
    """Build the till on the journal at hand (as the window's start does) and show its window."""
    started = []

    def start(path):
        config = Config(store_external_id="12", till_id="3",
                        journal=JournalSettings(retry_schedule=(0.05,), rate_limit=0.0))
        till = build_till(config, demo=True, journal_path=path, sim_state=SimState(seed=7))
        bridge = TillBridge(till.service, till.monitor)
        window = MainWindow(bridge, demo=True, cashier="karin")
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        started.append((till, bridge))
        return till, window

    yield start
    for till, bridge in started:
        bridge.shutdown()
        till.journal.close()


def the_message(window) -> QMessageBox:
    box = window.findChild(QMessageBox, "journalTrouble")
    assert box is not None and box.isVisible()
    return box


def test_a_damaged_journal_is_told_in_a_blocking_message_and_at_the_top_of_the_queue(qtbot, tmp_path, start_on):
    path = tmp_path / "data" / "journal.sqlite3"
    journal_with_sales(path)
    damage(path)
    till, window = start_on(path)
    (aside,) = path.parent.glob("journal.damaged-*.sqlite3")
    assert till.journal.figures().pending == 0  # the till sells on a new journal meanwhile

    told = asyncio.ensure_future(tell_journal_trouble(window, till.journal, manager="karin", till_id="3"))
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "journalTrouble") is not None)
    box = the_message(window)
    qtbot.waitUntil(box.isVisible)
    assert box.isModal() and box.icon() is QMessageBox.Icon.Warning
    assert "Unsent sales are outside the queue" in box.text()
    details = box.informativeText()
    assert f"set aside as {aside}: 2 entries in it were not delivered" in details
    assert f"pos-engage journal recover {aside}" in details
    assert box.acknowledge_button is None  # a file set aside is put right by recovering it, not by a click
    box.button(QMessageBox.StandardButton.Ok).click()
    qtbot.waitUntil(told.done)

    window.open_queue()  # as the manager opens it
    view = window.queue_view
    qtbot.addWidget(view)
    assert view.trouble.isVisible() and str(aside) in view.trouble.text()
    result = recovery.recover(till.journal, aside, actor="it-sara", till="3")
    assert len(result.imported) == 2
    view.refresh()
    assert not view.trouble.isVisible()
    assert view.model.journal.figures().pending == 2
    # Recovered: the next start says nothing.
    again = asyncio.ensure_future(tell_journal_trouble(window, till.journal, manager="karin", till_id="3"))
    qtbot.waitUntil(again.done)
    assert window.findChild(QMessageBox, "journalTrouble") is None or \
        not window.findChild(QMessageBox, "journalTrouble").isVisible()


def test_a_journal_emptied_to_0_bytes_is_told_until_a_manager_acknowledges_it_with_the_pin(
        qtbot, tmp_path, start_on, memory_keyring):
    credentials.set_secret(credentials.MANAGER_PIN_HASH, hash_pin(PIN))
    path = tmp_path / "data" / "journal.sqlite3"
    journal_with_sales(path)
    path.write_bytes(b"")
    till, window = start_on(path)
    assert till.trouble and till.trouble.lost[0].what == "emptied"

    pins = iter(["0000", PIN])
    told = asyncio.ensure_future(tell_journal_trouble(
        window, till.journal, manager="karin", till_id="3", ask_pin=lambda: next(pins),
        ask_reason=lambda: "no backup of that day"))
    qtbot.waitUntil(lambda: window.findChild(QMessageBox, "journalTrouble") is not None)
    box = the_message(window)
    assert f"The journal {path} was emptied to 0 bytes since it was last used" in box.informativeText()
    assert "acknowledge" in box.informativeText()
    box.acknowledge_button.click()  # wrong PIN: the message comes back and says so

    def shown_again() -> bool:
        boxes = [b for b in window.findChildren(QMessageBox, "journalTrouble") if b.isVisible()]
        return bool(boxes) and "PIN" in boxes[-1].text()

    qtbot.waitUntil(shown_again)
    assert not told.done() and recovery.troubles(path).lost
    [b for b in window.findChildren(QMessageBox, "journalTrouble") if b.isVisible()][-1].acknowledge_button.click()
    qtbot.waitUntil(told.done)
    assert not recovery.troubles(path)
    rows = till.journal.connection.execute(
        "SELECT actor, till, reason FROM audit WHERE action = 'journal loss acknowledged'").fetchall()
    (actor, till_id, reason), = [tuple(row) for row in rows]
    assert (till_id, reason) == ("3", "no backup of that day")
    assert actor in ("karin", "manager (the till's PIN)")  # the person the PIN names, where it names one
