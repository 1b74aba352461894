"""A customer looked up by her personnummer and not found is registered with it, and found by it next time: the
real window, the real bridge and the in-process simulator (offscreen). The field is there only when she gave the
number (data minimisation), and the form fits the small screens with what to correct shown."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from tests.qt import test_fit
from tests.qt.test_customer_card import identify
from tests.qt.test_fit import laid_out, problems_of
from tests.qt.test_register_dialog import submit

language = test_fit.language
till_window = test_fit.till_window

TYPED = "19900101-2385"        # valid, and no demo contact holds it
NORMAL = "199001012385"


def test_a_customer_looked_up_by_her_personnummer_is_registered_with_it_and_found_by_it_next_time(
        qtbot, window, till):
    assert identify(qtbot, window, TYPED).customer is None   # nobody in Engage has it
    window.register_new()                                     # F3: the number she gave goes with her
    dialog = window.register_dialog
    assert dialog.inputs["social_security_number"].text() == TYPED
    assert dialog.inputs["email"].text() == "" and dialog.inputs["mobile_phone"].text() == ""
    dialog.inputs["first_name"].setText("Sara")
    dialog.inputs["last_name"].setText("Holm")
    dialog.inputs["email"].setText("sara.holm@example.se")
    outcome = submit(qtbot, window, dialog)
    assert outcome.created
    held = till.sim_state.contacts[outcome.customer.contact.id]
    assert held["attributes"]["socialSecurityNumber"] == NORMAL
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5_000)
    window.bridge.new_sale()
    again = identify(qtbot, window, "900101-2385")           # the short form finds her too
    assert again.customer is not None and again.customer.contact.id == outcome.customer.contact.id


def test_a_personnummer_with_a_wrong_check_digit_is_shown_on_its_field_and_nothing_is_sent(qtbot, window, till):
    window.open_register(TYPED)
    dialog = window.register_dialog
    dialog.inputs["social_security_number"].setText("19900101-2384")   # the cashier "corrects" it wrongly
    dialog.inputs["first_name"].setText("Sara")
    dialog.inputs["email"].setText("sara.holm@example.se")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    error = dialog.errors["social_security_number"]
    assert error.isVisible() and "check digit" in error.text()
    assert dialog.isVisible()
    assert not [r for r in till.sim_state.received.requests if r["method"] == "POST"]


def test_no_personnummer_is_asked_of_a_customer_who_gave_an_email_or_a_mobile(qtbot, window):
    for given in ("sara.holm@example.se", "070 111 22 33", ""):
        window.open_register(given)
        dialog = window.register_dialog
        assert "social_security_number" not in dialog.inputs
        dialog.reject()


@pytest.mark.parametrize(("width", "height"), test_fit.SIZES)
def test_the_registration_with_a_personnummer_fits_with_what_to_correct_shown(qtbot, till_window, width, height):
    laid_out(qtbot, till_window, width, height)
    till_window.open_register(TYPED)
    dialog = till_window.register_dialog
    qtbot.waitExposed(dialog)
    dialog.inputs["first_name"].setText("Sara")
    dialog.inputs["mobile_phone"].setText("0705")
    assert dialog.contact() is None
    qtbot.wait(20)
    assert dialog.errors["mobile_phone"].isVisible()
    assert dialog.height() <= height
    assert not (found := problems_of(dialog)), "\n".join(found)
    dialog.reject()
