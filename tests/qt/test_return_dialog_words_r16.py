"""The return dialog as a store's review found it in the Swedish window (R16): its refusals in English, a walk-in
sale's number answered "no sale has it", and a cash refund's coins said only once the return was made."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTranslator

from pos_engage.qt import i18n
from tests.qt.test_returns import one_t_shirt_picked, open_returns


@pytest.fixture
def swedish(qapp):
    """The window's words and numbers in Swedish (as i18n.install does, without touching the app's other
    translators)."""
    translator = QTranslator()
    assert translator.load(str(i18n.compiled("sv")))
    qapp.installTranslator(translator)
    i18n.current = "sv"
    yield
    i18n.current = "en"
    qapp.removeTranslator(translator)


def find(qtbot, dialog, number: str) -> str:
    dialog.number.clear()
    qtbot.keyClicks(dialog.number, number)
    qtbot.keyClick(dialog.number, Qt.Key.Key_Return)
    return dialog.message.text()


def test_what_the_finder_answers_is_said_in_swedish(qtbot, window, till, swedish):
    dialog = one_t_shirt_picked(qtbot, window, till)
    with qtbot.waitSignal(dialog.bridge.returned, timeout=10_000) as blocker:
        qtbot.mouseClick(dialog.return_button, Qt.MouseButton.LeftButton)
    returned = blocker.args[0].return_id
    qtbot.waitUntil(lambda: not dialog.bridge.busy, timeout=10_000)
    said = find(qtbot, dialog, "12345")
    assert said.startswith("Inget köp i den här kassan har kvittonummer 12345"), said
    assert dialog.message.property("tone") == "warning"
    said = find(qtbot, dialog, returned.removeprefix("12-3-"))   # the return's own slip
    assert said.startswith(f"Kvitto {returned.removeprefix('12-3-')} är en retur"), said
    dialog.close()


def test_a_walk_in_sales_number_says_what_it_was_and_names_the_managers_return(qtbot, window, till, swedish):
    """A sale without a customer where no catch-all contact is set: journaled as sale_commit journals it (its id
    only, counted), so its number finds no lines. The words name the dialog's own box and button, in Swedish."""
    sale_id = "12-3-20261129093000-abc123"
    till.journal.commit_sale([], sale_id=sale_id, anonymous=True)
    dialog = open_returns(qtbot, window)
    said = find(qtbot, dialog, "20261129093000-abc123")
    assert said.startswith("Kvitto 20261129093000-abc123 var ett köp utan kund"), said
    assert f"”{dialog.without.title()}”" in said and f"”{dialog.free_button.text()}”" in said
    assert dialog.without.title() == "Inget ursprungligt köp (en chef godkänner)"
    assert dialog.message.property("tone") == "warning"
    assert not dialog.return_button.isEnabled()
    dialog.close()


def test_cash_says_what_is_handed_back_before_the_return_is_made(qtbot, window, till, swedish):
    """159,20 kr back (one T-shirt): by card that is all; in cash the dialog says 159,00 and the rounding before the
    button is pressed, and follows the tender as it changes."""
    dialog = one_t_shirt_picked(qtbot, window, till)
    assert dialog.method.currentData() == "Card"
    assert dialog.refund.text() == "Återbetalning: 159,20 SEK", dialog.refund.text()
    dialog.method.setCurrentIndex(dialog.method.findData("Cash"))
    assert dialog.refund.text() == "Återbetalning: 159,20 SEK. Ge tillbaka 159,00 kontant (öresavrundning \u22120,20)"
    assert dialog.return_button.isEnabled()
    dialog.method.setCurrentIndex(dialog.method.findData("Card"))
    assert "Ge tillbaka" not in dialog.refund.text()
    dialog.close()
