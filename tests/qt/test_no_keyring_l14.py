"""A till installed on a computer without a keyring (and without IT's staff list) cannot check the till's manager
PIN: the till says so, and what IT must do, instead of asking for a PIN that could never be right. The real window
and queue view, the keyring library's own "no backend" keyring, a real journal."""

from __future__ import annotations

import keyring
import pytest
from keyring.backends import fail

from pos_engage.core.journal import payloads
from pos_engage.core.office.queue import ManagerActions
from pos_engage.qt.models.journal_model import JournalModel
from pos_engage.qt.views.queue_view import QueueView
from tests.core.conftest import sale

NO_KEYRING = "This computer has no keyring to keep the manager PIN in"


@pytest.fixture
def no_keyring(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(tmp_path / "etc-xdg"))   # no staff list: the till's single PIN
    previous = keyring.get_keyring()
    keyring.set_keyring(fail.Keyring())
    yield
    keyring.set_keyring(previous)


def test_settings_say_what_it_must_do_and_never_ask_for_a_pin(window, no_keyring):
    asked = []
    window.open_settings(ask_pin=lambda: asked.append("pin") or "4826")
    assert asked == []                                   # no PIN asked for: none could be checked
    assert getattr(window, "settings_dialog", None) is None
    said = window.customer.message.text()
    assert said.startswith(NO_KEYRING) and "pos-engage configure --machine --staff-add" in said


def test_the_queue_says_it_for_every_manager_action_and_never_asks(qtbot, till, tmp_path, no_keyring):
    asked = []
    till.journal.record([payloads.receipt(sale("k-1"))])
    view = QueueView(JournalModel(till.journal), ManagerActions(till.journal, till="3"),
                     export_folder=tmp_path / "exports", store="12", till="3",
                     ask_pin=lambda: asked.append("pin") or "4826", ask_reason=lambda *_: "a reason")
    qtbot.addWidget(view)
    view.show()
    view.table.selectRow(0)
    for action in (view.unmask, view.export_all, view.send_all):
        view.message.setText("")
        action()
        assert view.message.text().startswith(NO_KEYRING), action
    assert asked == []
