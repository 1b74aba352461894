"""The window with a personal number: the customer card never shows it in clear, found or offline, and a wrong one
is told in the message line before anything is sent (the real window, bridge and in-process simulator)."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel

from tests.qt.test_window import enter, identified, showcase, type_slowly

PERSONNUMMER = "198112189876"    # Skatteverket's example, given to the demo's Anna here


def shown_texts(window) -> str:
    """Everything the customer card shows: its labels and its offers."""
    labels = [label.text() for label in window.customer.findChildren(QLabel)]
    offers = [window.customer.offers.item(i).text() for i in range(window.customer.offers.count())]
    return "\n".join(labels + offers)


def test_a_customer_found_by_personnummer_shows_her_name_and_never_the_number(qtbot, window, till):
    anna = showcase(till)["Anna"]
    till.sim_state.update_contact(till.sim_state.contacts[anna["id"]], {"socialSecurityNumber": PERSONNUMMER})
    outcome = identified(qtbot, window, lambda: type_slowly(qtbot, window.customer.input, "811218-9876"))
    assert outcome.found.value == "found" and outcome.customer.contact.id == anna["id"]
    assert window.customer.name.text() == "Anna Andersson"
    texts = shown_texts(window)
    assert "9876" not in texts and "811218" not in texts


def test_offline_the_card_shows_the_personnummer_masked(qtbot, window, till):
    window.outage_action.setChecked(True)
    outcome = identified(qtbot, window, lambda: enter(qtbot, window.customer.input, "19811218-9876"))
    assert outcome.customer.offline
    assert window.customer.name.text() == "**********76"
    texts = shown_texts(window)
    assert "9876" not in texts and "811218" not in texts
    window.outage_action.setChecked(False)


def test_a_wrong_check_digit_is_told_and_nothing_is_looked_up(qtbot, window, till):
    before = len(till.sim_state.received.requests)
    identified(qtbot, window, lambda: type_slowly(qtbot, window.customer.input, "811218-9875"))
    assert window.customer.message.text() == "The personnummer's check digit is wrong: check the number"
    assert [r["path"] for r in till.sim_state.received.requests[before:]] == []
