"""A return's message writes the refund as the till's language writes money (a cashier's review at 800x600 in
Swedish: "Återbetala 249.00 SEK", the rest of the dialog saying 249,00): the amount is an Amount, shown per language."""

from __future__ import annotations

from PySide6.QtCore import Qt

from pos_engage.qt import i18n
from pos_engage.qt.texts import shown
from tests.qt.test_returns import one_t_shirt_picked


def test_the_refund_in_the_return_message_is_written_as_the_language_writes_money(qtbot, window, till):
    dialog = one_t_shirt_picked(qtbot, window, till)
    with qtbot.waitSignal(dialog.bridge.returned, timeout=10_000) as blocker:
        qtbot.mouseClick(dialog.return_button, Qt.MouseButton.LeftButton)
    outcome = blocker.args[0]
    message = outcome.message
    qtbot.waitUntil(lambda: outcome.return_id in till.sim_state.received.receipts, timeout=10_000)
    assert "159.20" in shown(message)
    i18n.current = "sv"
    try:
        assert "159,20" in shown(message) and "159.20" not in shown(message), shown(message)
    finally:
        i18n.current = "en"
    dialog.close()


def test_a_refund_in_cash_says_the_whole_kronor_to_give_back_in_the_tills_language(qtbot, window, till):
    """159.20 back in cash is 159 kr handed over (cash_rounding.py), said in Swedish as Swedish writes money."""
    dialog = one_t_shirt_picked(qtbot, window, till)
    dialog.method.setCurrentIndex(dialog.method.findData("Cash"))
    with qtbot.waitSignal(dialog.bridge.returned, timeout=10_000) as blocker:
        qtbot.mouseClick(dialog.return_button, Qt.MouseButton.LeftButton)
    message = blocker.args[0].message
    # The return's send ends after its answer: waited for, or it ran on into the next test's window
    qtbot.waitUntil(lambda: not dialog.bridge.busy, timeout=10_000)
    qtbot.waitUntil(lambda: blocker.args[0].return_id in till.sim_state.received.receipts, timeout=10_000)
    assert "Refund 159.20 SEK: give back 159.00 in cash" in shown(message)
    i18n.current = "sv"
    try:
        assert "159,20" in shown(message) and "159,00" in shown(message), shown(message)
    finally:
        i18n.current = "en"
    dialog.close()
