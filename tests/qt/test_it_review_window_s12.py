"""What IT meets in the window (session 12): the not-configured screen is on the screen whatever its size (seen
under Xvfb at 800x600: a fixed 960 px window cut every line IT reads and hid the Close button), and settings with a
key that cannot be used are not half saved."""

from __future__ import annotations

from pos_engage.window import not_configured_screen


def test_the_not_configured_screen_fits_the_screen_it_opens_on(qtbot):
    screen = not_configured_screen(["not configured: this till has no store_external_id and till_id"])
    qtbot.addWidget(screen)
    screen.show()
    qtbot.waitExposed(screen)
    room = screen.screen().availableGeometry()
    assert screen.width() <= room.width() and screen.height() <= room.height()
    assert room.contains(screen.frameGeometry().topLeft())


def test_settings_with_a_key_pasted_with_curly_quotes_are_not_half_saved(qtbot, window, memory_keyring, monkeypatch,
                                                                         tmp_path):
    """The key is stored first: refused (a curly quote pasted in), nothing of the form was written either; before,
    the other settings were saved and then the key refused (helper F12's note)."""
    from pos_engage.core import credentials
    from pos_engage.core.pin import hash_pin

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    credentials.set_secret(credentials.MANAGER_PIN_HASH, hash_pin("4826"))
    window.open_settings(ask_pin=lambda: "4826")
    dialog = window.settings_dialog
    dialog.fields["store"].setText("77")
    dialog.fields["api_key"].setText("\u201cnew-key-from-voyado\u201d")
    dialog.save()
    assert dialog.isVisible() and "curly quote" in dialog.error.text()
    assert not (tmp_path / "config" / "pos-engage" / "config.json").exists()
    assert ("pos-engage", credentials.ENGAGE_API_KEY) not in memory_keyring.store
