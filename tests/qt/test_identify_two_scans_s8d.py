"""Two lookups under way at once (session 8d): a scanner's Enter asks again while Engage is slow to answer the scan
before (only the Find button waits for the till). Each answer is shown as an answer: the second is not taken for a
customer found again in the background (that comes on its own signal), so nothing of the first answer stays beside
it, and the field's text is selected when it is the latest text asked, so the next scan replaces it. A lookup that
fails is not left awaited. Against the simulator's latency and error faults over the real client, in the real
window."""

from __future__ import annotations

from PySide6.QtCore import Qt

from pos_engage.core.till.outcomes import Found
from tests.qt.test_window import identified, scan, showcase


def scanned_over(qtbot, field, code: str) -> None:
    """A keyboard-wedge scanner into the field as it is (no clearing first): the whole code, then Enter."""
    qtbot.keyClicks(field, code)
    qtbot.keyClick(field, Qt.Key.Key_Return)


def test_a_second_scan_while_the_first_is_slow_is_answered_as_an_answer_and_selected(qtbot, window, till):
    anna = showcase(till)["Anna"]
    panel, field = window.customer, window.customer.input
    answers = []
    window.bridge.identified.connect(answers.append)
    till.sim_state.faults.update({"latency": 0.3})
    scan(qtbot, field, "nobody@example.com")   # found by no one: the register button would show
    scan(qtbot, field, anna["cardNumber"])     # the next customer's card, before the first answer came
    qtbot.waitUntil(lambda: bool(answers) and not window.bridge.busy, timeout=10_000)
    assert [a.found for a in answers] == [Found.FOUND]   # the latest scan's answer only
    assert panel.name.text() == "Anna Andersson"
    # Her answer is shown as one: the first answer's register button does not stay beside her card.
    assert not panel.register_button.isVisible()
    assert field.selectedText() == anna["cardNumber"]

    till.sim_state.faults.update({"latency": 0.0})
    ola = showcase(till)["Ola"]
    outcome = identified(qtbot, window, lambda: scanned_over(qtbot, field, ola["cardNumber"]))
    assert outcome.found is Found.FOUND and field.text() == ola["cardNumber"]   # replaced, not appended to hers
    assert field.selectedText() == ola["cardNumber"]


def test_an_earlier_scan_answered_after_a_later_one_never_becomes_the_sales_customer(qtbot, window, till):
    """Anna's card takes Engage four calls, an unknown email one: scanned in that order while Engage is slow, the
    email's answer comes first. It is the one shown; Anna's, coming after, is dropped: the field says the email,
    and the sale's customer is not Anna behind the cashier's back."""
    anna = showcase(till)["Anna"]
    panel, field = window.customer, window.customer.input
    answers = []
    window.bridge.identified.connect(answers.append)
    till.sim_state.faults.update({"latency": 0.3})
    scan(qtbot, field, anna["cardNumber"])
    scan(qtbot, field, "nobody@example.com")
    qtbot.waitUntil(lambda: bool(answers) and not window.bridge.busy, timeout=10_000)
    assert [a.found for a in answers] == [Found.NOT_FOUND]
    assert window.bridge.customer is None and panel.register_button.isVisible()
    assert field.selectedText() == "nobody@example.com"
    till.sim_state.faults.update({"latency": 0.0})


def test_a_failed_lookup_is_not_left_awaited(qtbot, window, till):
    """Engage refuses the lookup (a 400): the window says so, and its text is not kept as asked."""
    field = window.customer.input
    problems = []
    window.bridge.failed.connect(problems.append)
    till.sim_state.faults.update({"fail_next": 1, "error_statuses": [400]})
    scan(qtbot, field, "someone@example.com")
    qtbot.waitUntil(lambda: bool(problems) and not window.bridge.busy, timeout=10_000)
    assert window.customer._asked is None
    assert field.text() == "someone@example.com" and not field.hasSelectedText()
