"""The registration dialog asks before anything changes for a customer Engage already holds: the real window, the
real bridge and the in-process simulator (offscreen)."""

from __future__ import annotations

from PySide6.QtCore import Qt

from pos_engage.core.domain import Contact, ContactKey, ContactUpdate, Preferences
from pos_engage.core.till.outcomes import ExistingContact, RegisterOutcome
from pos_engage.qt.views.register_dialog import RegisterDialog


def showcase(till) -> dict:
    return {c["name"].split()[0]: c for c in till.sim_state.showcase()["contacts"]}


def submit(qtbot, window, dialog) -> RegisterOutcome:
    with qtbot.waitSignal(window.bridge.registered, timeout=10_000) as blocker:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    return blocker.args[0]


def test_registering_a_newsletter_subscriber_asks_before_upgrading_and_upgrades_on_yes(qtbot, window, till):
    erik = showcase(till)["Erik"]
    held = till.sim_state.contacts[erik["id"]]
    window.open_register(erik["email"])
    dialog = window.register_dialog
    dialog.inputs["first_name"].setText("Erik")
    dialog.inputs["last_name"].setText("Svensson-Ek")
    dialog.accepts_sms.setChecked(True)
    outcome = submit(qtbot, window, dialog)

    assert outcome.existing is not None and outcome.existing.upgrade
    assert dialog.isVisible() and dialog.question.isVisible()  # the cashier is asked; nothing happened yet
    assert "newsletter" in dialog.question.text() and "S*** → Svensson-Ek" in dialog.question.text()  # held: masked
    assert dialog.yes_button.isVisible() and dialog.yes_button.text() == "Upgrade to member and save"
    assert dialog.no_button.isVisible() and not dialog.ok_button.isEnabled()
    assert not dialog.inputs["last_name"].isEnabled()  # the form is what the question is about
    assert held["meta"]["contactType"] == "Contact" and held["attributes"]["lastName"] == "Svensson"
    assert window.bridge.customer is None

    with qtbot.waitSignal(window.bridge.registered, timeout=10_000) as blocker:
        qtbot.mouseClick(dialog.yes_button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(dialog.yes_button, Qt.MouseButton.LeftButton)  # a double click answers once
    assert blocker.args[0].customer.contact.id == erik["id"]
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5_000)
    assert held["meta"]["contactType"] == "Member" and held["attributes"]["lastName"] == "Svensson-Ek"
    assert held["preferences"]["acceptsSms"] is True
    assert window.customer.name.text() == "Erik Svensson-Ek"
    assert len([c for c in till.sim_state.contacts.values() if c["attributes"].get("email") == erik["email"]]) == 1
    qtbot.waitUntil(lambda: not window.bridge.busy, timeout=5_000)
    patches = [r for r in till.sim_state.received.requests if r["method"] == "PATCH"]
    assert len(patches) == 1


def test_a_member_with_other_details_is_kept_as_engage_has_her_when_the_cashier_says_no(qtbot, window, till):
    anna = showcase(till)["Anna"]
    held = till.sim_state.contacts[anna["id"]]
    window.open_register(anna["email"])
    dialog = window.register_dialog
    dialog.inputs["first_name"].setText("Anna")
    dialog.inputs["last_name"].setText("Lind")
    outcome = submit(qtbot, window, dialog)
    assert outcome.existing is not None and not outcome.existing.upgrade
    assert "already a member" in dialog.question.text() and dialog.yes_button.text() == "Save the changes"
    with qtbot.waitSignal(window.bridge.registered, timeout=10_000) as blocker:
        qtbot.mouseClick(dialog.no_button, Qt.MouseButton.LeftButton)
    assert blocker.args[0].customer.contact.id == anna["id"]
    assert held["attributes"]["lastName"] == "Andersson"
    assert window.customer.name.text() == "Anna Andersson"
    assert not [r for r in till.sim_state.received.requests if r["method"] == "PATCH"]


def test_the_question_lists_each_change_with_the_forms_labels(qtbot):
    contact = Contact("0f0c1b7e-0000-4000-8000-000000000001", "Member", first_name="Ada", last_name="Berg",
                      email="ada@example.se", preferences=Preferences(accepts_email=False))
    existing = ExistingContact(contact, ContactKey.email("ada@example.se"),
                               ContactUpdate(zip_code="111 22", preferences=Preferences(accepts_email=True)),
                               upgrade=False)
    dialog = RegisterDialog("ada@example.se")
    qtbot.addWidget(dialog)
    answers = []
    dialog.ask_about_existing(RegisterOutcome(existing=existing, message="Ada is already a member."),
                              lambda found, yes: answers.append((found, yes)))
    lines = dialog.question.text().splitlines()
    assert lines == ["Ada is already a member.", "Postcode: – → 111 22", "Offers by email: no → yes"]
    dialog.no_button.click()
    dialog.yes_button.click()  # the question is answered already
    assert answers == [(existing, False)]
