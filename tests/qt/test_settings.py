"""The settings dialog: opened only with the manager PIN, checked before saving, a real connection test."""

from __future__ import annotations

import json

import pytest
from PySide6.QtCore import Qt

from pos_engage.core import credentials
from pos_engage.core.pin import hash_pin


@pytest.fixture
def managed(memory_keyring, monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))  # the user's file, in a test folder
    credentials.set_secret(credentials.MANAGER_PIN_HASH, hash_pin("4826"))
    return tmp_path / "config" / "pos-engage" / "config.json"


def test_a_wrong_pin_does_not_open_settings(window, managed):
    window.open_settings(ask_pin=lambda: "0000")
    assert getattr(window, "settings_dialog", None) is None
    assert "Wrong PIN" in window.customer.message.text()


def test_an_insecure_address_is_refused_and_nothing_is_written(qtbot, window, managed):
    window.open_settings(ask_pin=lambda: "4826")
    dialog = window.settings_dialog
    dialog.fields["base_url"].setText("http://10.0.0.5/")
    dialog.save()
    assert "not secure" in dialog.error.text() and dialog.isVisible()
    assert not managed.exists()


def test_test_connection_makes_a_real_call(qtbot, window, managed, sim_server):
    window.open_settings(ask_pin=lambda: "4826")
    dialog = window.settings_dialog
    dialog.fields["base_url"].setText(sim_server.base_url)
    dialog.fields["api_key"].setText("wrong-key")
    with qtbot.waitSignal(window.bridge.connection_tested, timeout=10_000):
        qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    assert dialog.test_result.text().startswith("✖") and "API key" in dialog.test_result.text()
    dialog.fields["api_key"].setText("sim-demo-key")
    with qtbot.waitSignal(window.bridge.connection_tested, timeout=10_000):
        qtbot.mouseClick(dialog.test_button, Qt.MouseButton.LeftButton)
    assert dialog.test_result.text().startswith("✔")


def test_saving_writes_the_users_file_and_the_key_to_the_keyring(qtbot, window, managed, memory_keyring, till):
    window.open_settings(ask_pin=lambda: "4826")
    dialog = window.settings_dialog
    dialog.fields["base_url"].setText("https://abc123.voyado.com")
    dialog.fields["api_key"].setText("new-key-from-voyado")
    dialog.fields["store"].setText("77")
    dialog.policy.setCurrentIndex(dialog.policy.findData("deny"))
    dialog.save()
    assert not dialog.isVisible()
    saved = json.loads(managed.read_text())
    assert saved["engage"]["base_url"] == "https://abc123.voyado.com" and saved["store_external_id"] == "77"
    assert saved["till"]["offline_redemption"] == "deny"
    assert "new-key-from-voyado" not in managed.read_text()
    assert memory_keyring.store[("pos-engage", credentials.ENGAGE_API_KEY)] == "new-key-from-voyado"
    assert till.journal.audit_log()[-1]["action"] == "settings"


@pytest.fixture
def machine_wide(monkeypatch, tmp_path, managed):
    """IT's machine-wide file (XDG_CONFIG_DIRS is where platformdirs looks for it on Linux)."""
    monkeypatch.delenv("POS_ENGAGE_CONFIG", raising=False)
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(tmp_path / "etc-xdg"))
    it_file = tmp_path / "etc-xdg" / "pos-engage" / "config.json"
    it_file.parent.mkdir(parents=True)
    it_file.write_text(json.dumps({"engage": {"base_url": "https://chain.voyado.com"}, "store_external_id": "12",
                                   "till_id": "3", "till": {"card_patterns": ["\\\\d{13}"]}}))
    return it_file


def test_saving_with_a_machine_wide_file_leaves_its_keys_untouched(qtbot, window, managed, machine_wide):
    from pos_engage.configuration import load_config

    window.open_settings(ask_pin=lambda: "4826")
    dialog = window.settings_dialog
    for name in ("base_url", "store", "till", "card_patterns"):
        assert not dialog.fields[name].isEnabled(), name
        assert "set by IT" in dialog.labels[name]
    assert dialog.fields["server_host"].isEnabled() and "set by IT" not in dialog.labels["server_host"]
    dialog.policy.setCurrentIndex(dialog.policy.findData("deny"))
    dialog.save()
    assert not dialog.isVisible()
    assert json.loads(managed.read_text()) == {"till": {"offline_redemption": "deny"}, "version": 1}
    config = load_config()
    assert (config.engage.base_url, config.store_external_id, config.till_id) == (
        "https://chain.voyado.com", "12", "3")
    assert config.till.offline_redemption == "deny"


def test_saving_without_changes_writes_nothing(qtbot, window, managed, machine_wide):
    window.open_settings(ask_pin=lambda: "4826")
    window.settings_dialog.save()
    assert not managed.exists()


def test_the_dialog_fits_a_1024_by_768_screen_and_scrolls(qtbot, window, managed):
    window.open_settings(ask_pin=lambda: "4826")
    dialog = window.settings_dialog
    qtbot.waitExposed(dialog)
    dialog.resize(dialog.width(), 700)  # what a 768 px screen leaves after the title bar and the taskbar
    assert dialog.height() <= 700
    assert dialog.buttons.geometry().bottom() <= dialog.height()  # Save stays visible
    assert dialog.scroll.widget().sizeHint().height() > 0 and dialog.scroll.widgetResizable()
