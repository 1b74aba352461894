"""People, not PCs, in the window: the cashier signs in with a staff number and code, the manager approves with
their own; the audit log names who registered a customer with consent, who saw personal data and who retried.
The real window, bridge and simulator (offscreen); IT's staff list in a redirected machine-wide folder."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt

from pos_engage.core.domain import MatchKey, MatchKeyType
from pos_engage.core.journal import payloads
from pos_engage.core.journal.claims import Settlement
from pos_engage.core.journal.entry import EntryStatus
from pos_engage.core.office.people import StaffDirectory
from tests.core.conftest import sale

CUSTOMER = "sigrid.reveal@example.se"


@pytest.fixture
def staff(monkeypatch, tmp_path):
    """IT's staff list (XDG_CONFIG_DIRS is where platformdirs finds the machine-wide folder on Linux)."""
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(tmp_path / "etc-xdg"))
    directory = StaffDirectory.read()
    directory.add("1001", "Anna Berg", "manager", "482913")
    directory.add("2002", "Omar Said", "cashier", "246810")
    directory.save()
    return directory


def sign_in_with_the_keypad(qtbot, dialog, staff_id: str, code: str) -> None:
    dialog.staff.setText(staff_id)
    dialog.code.clear()
    for digit in code:
        qtbot.mouseClick(dialog.keys[digit], Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)


def test_every_action_is_audited_under_the_person_who_did_it(qtbot, staff, window, till):
    journal = till.journal
    # The till starts locked: nobody sells until someone signs in.
    dialog = window.sign_in_dialog
    assert dialog is not None and dialog.isVisible()
    assert not window.content.isEnabled() and window.person_label.text() == "Nobody signed in: Ctrl+L"
    sign_in_with_the_keypad(qtbot, dialog, "2002", "000000")
    assert dialog.isVisible() and dialog.message.text() == "Wrong code" and dialog.code.text() == ""
    sign_in_with_the_keypad(qtbot, dialog, "2002", "246810")
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5_000)
    assert window.person.actor == "Omar Said (2002)" and window.bridge.cashier == "Omar Said (2002)"
    assert window.content.isEnabled() and window.person_label.text() == "Signed in: Omar Said (2002)"

    # Omar registers a customer who consents to email offers.
    window.open_register("new.member@example.se")
    register = window.register_dialog
    register.inputs["first_name"].setText("Nina")
    register.inputs["last_name"].setText("Holm")
    register.accepts_email.setChecked(True)
    with qtbot.waitSignal(window.bridge.registered, timeout=10_000):
        qtbot.mouseClick(register.ok_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not window.bridge.busy, timeout=5_000)

    # An entry needs the manager: Anna approves with her own number and code, whoever is signed in.
    (entry,) = journal.record([payloads.receipt(sale("q-1", MatchKey(CUSTOMER, MatchKeyType.EMAIL)))])
    journal.claim_due()
    journal.settle([Settlement(entry.id, EntryStatus.NEEDS_ATTENTION, error_code="InvalidReceipt",
                               error="400: InvalidReceipt: totalGrossPrice does not match")])
    window.open_queue()
    queue = window.queue_view
    approvals = iter([("2002", "246810"), ("1001", "482913"), ("1001", "482913")])
    queue.ask_pin = lambda: next(approvals)
    queue.refresh()
    row = next(r for r in range(queue.model.rowCount()) if queue.model.entry_id(r) == entry.id)
    queue.table.selectRow(row)
    assert CUSTOMER not in queue.details.toPlainText()
    queue.unmask()  # a cashier's code shows nothing
    assert "Omar Said is not a manager" in queue.message.text() and CUSTOMER not in queue.details.toPlainText()
    queue.unmask()
    assert CUSTOMER in queue.details.toPlainText()
    queue.retry_selected()
    assert journal.get(entry.id).status is EntryStatus.PENDING

    rows = journal.audit_log()
    consent = [r for r in rows if r["action"] == "consent"]
    assert [r["actor"] for r in consent] == ["Omar Said (2002)"]
    assert json.loads(consent[0]["detail"])["ticked"] == {"email": True, "sms": False}
    assert [(r["actor"], r["entry_id"]) for r in rows if r["action"] == "reveal"] == [("Anna Berg (1001)", entry.id)]
    assert [r["actor"] for r in rows if r["action"] == "retry" and r["entry_id"] == entry.id] == ["Anna Berg (1001)"]
    assert [r["actor"] for r in rows if r["action"] == "sign-in"] == ["Omar Said (2002)"]
    assert [r["actor"] for r in rows if r["action"] == "pin-failed"] == ["Omar Said (2002)"]
    assert [r["actor"] for r in rows if r["action"] == "pin-refused"] == ["Omar Said (2002)"]
    assert not any(r["actor"] in ("root", "test-cashier") for r in rows)  # never the PC's login


def test_changing_cashier_signs_the_first_one_out(qtbot, staff, window, till):
    window.sign_in("2002", "246810")
    window.open_sign_in()  # Ctrl+L
    dialog = window.sign_in_dialog
    sign_in_with_the_keypad(qtbot, dialog, "1001", "482913")
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5_000)
    assert window.cashier == "Anna Berg (1001)"
    actions = [(r["action"], r["actor"]) for r in till.journal.audit_log() if r["action"].startswith("sign")]
    assert actions == [("sign-in", "Omar Said (2002)"), ("sign-out", "Omar Said (2002)"),
                       ("sign-in", "Anna Berg (1001)")]


@pytest.fixture
def damaged_staff_list(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(tmp_path / "etc-xdg"))
    (tmp_path / "etc-xdg" / "pos-engage").mkdir(parents=True)
    (tmp_path / "etc-xdg" / "pos-engage" / "staff.json").write_text("{")


def test_a_damaged_staff_list_locks_the_till_and_says_why(qtbot, damaged_staff_list, window, till):
    assert not window.content.isEnabled() and window.person is None
    assert "The staff list" in window.customer.message.text() and "is damaged" in window.customer.message.text()
    window.open_settings(ask_pin=lambda: ("1001", "482913"))
    assert getattr(window, "settings_dialog", None) is None


@pytest.fixture
def no_staff_list(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(tmp_path / "etc-xdg"))


def test_a_shared_till_names_the_till_and_asks_nobody_to_sign_in(qtbot, no_staff_list, window, till):
    assert getattr(window, "sign_in_dialog", None) is None
    assert window.content.isEnabled() and window.person_label.text() == "Till 3 (shared, no sign-in)"
    window.open_sign_in()
    assert "IT keeps no staff list" in window.customer.message.text()


def test_a_shared_till_in_a_store_with_a_staff_list_still_asks_a_managers_code(qtbot, staff, monkeypatch, till,
                                                                                tmp_path):
    from dataclasses import replace

    from pos_engage.qt.bridge import TillBridge
    from pos_engage.qt.views.main_window import MainWindow

    config = till.service.config
    monkeypatch.setattr(till.service, "config", replace(config, till=replace(config.till, sign_in="shared")))
    bridge = TillBridge(till.service, till.monitor)
    window = MainWindow(bridge, demo=True, cashier="")
    qtbot.addWidget(window)
    assert getattr(window, "sign_in_dialog", None) is None and window.cashier == "till 3"
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))  # the user's file, in a test folder
    window.open_settings(ask_pin=lambda: ("2002", "246810"))  # a cashier's code opens nothing
    assert getattr(window, "settings_dialog", None) is None and "not a manager" in window.customer.message.text()
    window.open_settings(ask_pin=lambda: ("1001", "482913"))
    dialog = window.settings_dialog
    dialog.policy.setCurrentIndex(dialog.policy.findData("deny"))
    dialog.save()
    assert not dialog.isVisible()
    rows = till.journal.audit_log()
    assert [r["actor"] for r in rows if r["action"] == "pin-ok"] == ["Anna Berg (1001)"]
    assert [(r["actor"], r["detail"]) for r in rows if r["action"] == "settings"] == [
        ("Anna Berg (1001)", "till")]  # the section changed
    bridge.shutdown()


def test_the_keypad_types_into_the_field_with_the_focus_and_moves_on(qtbot):
    from pos_engage.qt.views.sign_in_dialog import CodeDialog

    answers = []
    dialog = CodeDialog(check=lambda staff_id, code: answers.append((staff_id, code)) or None)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.activateWindow()
    qtbot.waitUntil(dialog.staff.hasFocus, timeout=2_000)

    def tap(keys: str) -> None:
        for key in keys:
            qtbot.mouseClick(dialog.keys[key], Qt.MouseButton.LeftButton)

    tap("10011")
    tap("⌫")
    assert dialog.staff.text() == "1001" and dialog.code.text() == ""
    tap("→")
    qtbot.waitUntil(dialog.code.hasFocus, timeout=2_000)
    tap("482913")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert answers == [("1001", "482913")] and not dialog.isVisible()
