"""The customer card in the real window against the in-process simulator (offscreen): customers sharing a mobile
listed masked and picked with the mouse, a new loyalty card scanned into the registration form, and the points from
Engage's point accounts; each at 480×800 and 1024×768, in English and Swedish, fitting without anything cut."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt
from PySide6.QtGui import QFontMetrics

from pos_engage.core.domain import ContactKey
from pos_engage.qt.views.register_dialog import RegisterDialog
from pos_engage.sim.data import card_number
from tests.qt import test_fit
from tests.qt.test_fit import laid_out, problems_of

# test_fit's fixtures: the window in English and in Swedish (its translator installed).
language = test_fit.language
till_window = test_fit.till_window

SHARED = "070 888 88 88"     # Maja Lind (a Member) and Nils Lind (a newsletter Contact)
SIZES = ((480, 800), (1024, 768))


def identify(qtbot, window, text: str):
    with qtbot.waitSignal(window.bridge.identified, timeout=10_000) as blocker:
        window.customer.input.setText(text)
        window.customer.find_button.click()
    return blocker.args[0]


def rows(window) -> list:
    listed = window.customer.candidates
    return [listed.item(row) for row in range(listed.count())]


def tap(qtbot, window, item) -> object:
    listed = window.customer.candidates
    with qtbot.waitSignal(window.bridge.identified, timeout=10_000) as blocker:
        qtbot.mouseClick(listed.viewport(), Qt.MouseButton.LeftButton, pos=listed.visualItemRect(item).center())
    return blocker.args[0]


def assert_rows_fit(window) -> None:
    """Each row is a touch target of at least 44 px and shows all of its text (wrapped, never cut)."""
    listed = window.customer.candidates
    for item in rows(window):
        rect = listed.visualItemRect(item)
        needed = QFontMetrics(listed.font()).boundingRect(QRect(0, 0, rect.width() - 12, 10_000),
                                                          Qt.TextFlag.TextWordWrap, item.text())
        assert rect.height() >= 44 and needed.height() <= rect.height(), item.text()
        assert listed.viewport().rect().contains(rect), item.text()


def test_a_tap_on_a_row_identifies_that_customer(qtbot, window, till):
    listed = identify(qtbot, window, SHARED)
    assert listed.several is not None and window.customer.candidates.isVisible()
    texts = [item.text() for item in rows(window)]
    assert len(texts) == 2 and any("Member" in t for t in texts) and any("not a member" in t for t in texts)
    for secret in ("Maja", "Nils", "maja.lind", "nils.lind"):   # masked until chosen
        assert all(secret not in t for t in texts)
    assert_rows_fit(window)
    maja = next(item for item in rows(window) if "Member" in item.text().split("\n")[0]
                and "not a member" not in item.text())
    picked = tap(qtbot, window, maja)
    assert picked.customer.contact.first_name == "Maja" and window.bridge.customer.contact.first_name == "Maja"
    assert window.customer.name.text() == "Maja Lind" and not window.customer.candidates.isVisible()
    contact_id = picked.customer.contact.id
    assert till.journal.cached_contact(ContactKey.email("maja.lind@example.se")) == contact_id
    assert "Points:" in window.customer.details.text()


def test_a_new_customer_clears_the_list(qtbot, window, till):
    identify(qtbot, window, SHARED)
    anna = {c["name"].split()[0]: c for c in till.sim_state.showcase()["contacts"]}["Anna"]
    identify(qtbot, window, anna["email"])
    assert not window.customer.candidates.isVisible()


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_the_pick_list_and_the_points_fit(qtbot, till_window, till, language, width, height):
    window = laid_out(qtbot, till_window, width, height)
    identify(qtbot, window, SHARED)
    qtbot.wait(20)
    assert window.customer.candidates.isVisible()
    assert not (found := problems_of(window)), "\n".join(found)
    assert_rows_fit(window)
    picked = tap(qtbot, window, rows(window)[0])
    assert picked.customer is not None
    anna = {c["name"].split()[0]: c for c in till.sim_state.showcase()["contacts"]}["Anna"]
    identify(qtbot, window, anna["cardNumber"])
    qtbot.wait(20)
    details = window.customer.details.text()
    points, pending, level = {"en": ("Points: 1,250", "(40 pending)", "Level: Gold"),
                              "sv": ("Poäng: 1\u202f250", "(40 väntande)", "Nivå: Gold")}[language]
    assert points in details and pending in details and level in details
    assert not (found := problems_of(window)), "\n".join(found)


def test_points_engage_cannot_tell_are_said_to_be_unavailable(qtbot, window, till):
    till.sim_state.point_accounts_failure = 503
    anna = {c["name"].split()[0]: c for c in till.sim_state.showcase()["contacts"]}["Anna"]
    outcome = identify(qtbot, window, anna["email"])
    assert outcome.customer.contact.first_name == "Anna" and outcome.customer.promotions
    assert "Points unavailable" in window.customer.details.text()
    assert window.customer.offers.count() > 0


# ---------------------------------------------------------------------- the card field at registration

def test_a_card_scanned_into_its_field_ends_there_and_registers_with_the_customer(qtbot, window, till):
    window.open_register("")
    dialog = window.register_dialog
    dialog.inputs["first_name"].setText("Tove")
    dialog.inputs["email"].setText("tove.ek@example.se")
    card = card_number(901)
    field = dialog.inputs["card_number"]
    field.setFocus()
    qtbot.keyClicks(field, "]E0" + card)
    qtbot.keyClick(field, Qt.Key.Key_Return)   # the scanner's Enter: not the form's Register
    assert dialog.isVisible() and field.text() == card and not field.hasFocus()
    assert not [r for r in till.sim_state.received.requests if r["method"] == "POST"]
    with qtbot.waitSignal(window.bridge.registered, timeout=10_000) as blocker:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert blocker.args[0].created
    stored = till.sim_state.contacts[blocker.args[0].customer.contact.id]["attributes"]
    assert stored["cardNumber"] == card
    assert identify(qtbot, window, card).customer.contact.first_name == "Tove"


@pytest.mark.parametrize(("card", "field", "why"), [
    ("7350000000017", "card_number", "check digit"),
    ("ABC-123", "card_number", "digits only"),
])
def test_a_card_the_store_cannot_take_is_said_on_its_field(qtbot, window, till, card, field, why):
    window.open_register("")
    dialog = window.register_dialog
    dialog.inputs["first_name"].setText("Tove")
    dialog.inputs["email"].setText("tove.ek@example.se")
    dialog.inputs["card_number"].setText(card)
    if why == "digits only":   # refused by the form itself, before anything is sent
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    else:
        with qtbot.waitSignal(window.bridge.registered, timeout=10_000):
            qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.errors[field].isVisible() and why in dialog.errors[field].text()
    assert [name for name, label in dialog.errors.items() if label.isVisible()] == [field]
    assert not [r for r in till.sim_state.received.requests if r["method"] == "POST"]


def test_a_card_typed_as_the_mobile_is_refused(qtbot, window, till):
    window.open_register("")
    dialog = window.register_dialog
    dialog.inputs["first_name"].setText("Tove")
    dialog.inputs["mobile_phone"].setText(card_number(902))
    dialog.inputs["card_number"].setText(card_number(902))
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.errors["mobile_phone"].isVisible() and "card" in dialog.errors["mobile_phone"].text()
    assert not [r for r in till.sim_state.received.requests if r["method"] == "POST"]


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_the_card_field_and_its_error_fit(qtbot, till_window, language, width, height):
    dialog = RegisterDialog("", "cashier", till_window)
    dialog.inputs["card_number"].setText("7350000000017")
    dialog.show_errors({"card_number": dialog.tr("A card number has digits only: scan the card or type its "
                                                 "number")})
    laid_out(qtbot, dialog, min(width, dialog.sizeHint().width()), min(height, dialog.sizeHint().height()))
    assert dialog.errors["card_number"].isVisible() and dialog.inputs["card_number"].isVisible()
    assert {"en": "Loyalty card", "sv": "Kundkort"}[language] in [
        label.text() for label in dialog.findChildren(type(dialog.errors["card_number"]))]
    assert not (found := problems_of(dialog)), "\n".join(found)
    dialog.close()
