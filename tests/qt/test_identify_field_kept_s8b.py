"""What the cashier types in the identify field is hers (session 8b): the answer to a lookup selects the text it
looked up (so the next scan replaces it), but a customer found again in the background, once Engage answers after an
offline identification, only completes the card and the offers: the field's text and selection stay as they are.
Neither does a slow answer select what was typed after its lookup was asked. Against the simulator's 'down' and
'latency' faults over the real client, in the real window."""

from __future__ import annotations

import asyncio

from pos_engage.core.till.outcomes import Found
from tests.qt.test_linked_mode import done
from tests.qt.test_offline_customer_again_s8 import shows_anna
from tests.qt.test_window import identified, scan, showcase


def keys(qtbot, field, text: str, delay: int = 60) -> None:
    """A person types into the field where its cursor is (no Enter): a pause between keys, as a scanner does not."""
    for char in text:
        qtbot.keyClicks(field, char)
        qtbot.wait(delay)


def test_a_customer_found_again_in_the_background_leaves_the_field_as_the_cashier_left_it(qtbot, window, till):
    anna = showcase(till)["Anna"]
    field = window.customer.input
    till.sim_state.faults.update({"down": True})
    outcome = identified(qtbot, window, lambda: scan(qtbot, field, anna["cardNumber"]))
    assert outcome.found is Found.OFFLINE and till.monitor.offline
    assert field.selectedText() == anna["cardNumber"]   # the answer: a scan now replaces what was looked up

    keys(qtbot, field, "0701")   # the cashier starts on the next key
    assert field.text() == "0701" and not field.hasSelectedText()
    till.sim_state.faults.update({"down": False})
    with qtbot.waitSignal(window.bridge.found_again, timeout=10_000) as blocker:
        assert done(qtbot, asyncio.ensure_future(till.monitor.probe(till.service.client.for_background().ping)))
    assert blocker.args[0].found is Found.FOUND
    shows_anna(window, anna, blocker.args[0].customer)   # the card and the offers are hers now
    assert field.text() == "0701" and not field.hasSelectedText() and field.cursorPosition() == 4
    keys(qtbot, field, "23")
    assert field.text() == "070123"   # nothing she typed was replaced


def test_found_again_with_the_looked_up_key_still_there_does_not_select_it_again(qtbot, window, till):
    """The cashier put the cursor back into the key (to correct it): the background lookup leaves it there."""
    anna = showcase(till)["Anna"]
    field = window.customer.input
    till.sim_state.faults.update({"down": True})
    identified(qtbot, window, lambda: scan(qtbot, field, anna["cardNumber"]))
    field.deselect()
    field.setCursorPosition(2)
    till.sim_state.faults.update({"down": False})
    with qtbot.waitSignal(window.bridge.found_again, timeout=10_000):
        assert done(qtbot, asyncio.ensure_future(till.monitor.probe(till.service.client.for_background().ping)))
    assert window.customer.name.text() == "Anna Andersson"
    assert not field.hasSelectedText() and field.cursorPosition() == 2 and field.text() == anna["cardNumber"]


def test_a_slow_answer_does_not_select_what_was_typed_after_its_lookup(qtbot, window, till):
    people = showcase(till)
    field = window.customer.input
    till.sim_state.faults.update({"latency": 0.4})
    with qtbot.waitSignal(window.bridge.identified, timeout=10_000) as blocker:
        scan(qtbot, field, people["Anna"]["cardNumber"])
        keys(qtbot, field, "07", delay=20)   # typed onto the key while Engage is slow to answer
    assert blocker.args[0].found is Found.FOUND and window.customer.name.text() == "Anna Andersson"
    typed = people["Anna"]["cardNumber"] + "07"
    assert field.text() == typed and not field.hasSelectedText()
    till.sim_state.faults.update({"latency": 0.0})
    # The next lookup's answer selects its text again, as every answer to what the field holds does.
    identified(qtbot, window, lambda: scan(qtbot, field, people["Ola"]["cardNumber"]))
    assert field.selectedText() == people["Ola"]["cardNumber"]


def test_a_copy_found_again_while_the_cashier_s_own_lookup_runs_leaves_her_answer_to_the_panel(qtbot, window, till,
                                                                                             monkeypatch):
    """Her own lookup's answer is the one the panel shows (and selects its text): the background one, landing
    meanwhile, comes on its own signal and only completes the card of the sale's customer."""
    anna = showcase(till)["Anna"]
    field = window.customer.input
    till.sim_state.faults.update({"down": True})
    copy = identified(qtbot, window, lambda: scan(qtbot, field, anna["cardNumber"])).customer
    assert copy.offline

    found_again, release = [], asyncio.Event()
    lookup = till.service.identify_again

    async def held_back(customer):   # the real lookup, its answer held until the cashier's own is under way
        outcome = await lookup(customer)
        found_again.append(outcome)
        await release.wait()
        return outcome

    monkeypatch.setattr(till.service, "identify_again", held_back)
    till.sim_state.faults.update({"down": False})
    assert done(qtbot, asyncio.ensure_future(till.monitor.probe(till.service.client.for_background().ping)))
    qtbot.waitUntil(lambda: bool(found_again), timeout=10_000)
    assert found_again[0].found is Found.FOUND

    answers, completed = [], []
    window.bridge.identified.connect(answers.append)
    window.bridge.found_again.connect(completed.append)
    till.sim_state.faults.update({"latency": 0.3})
    scan(qtbot, field, "nobody@example.com")
    qtbot.waitUntil(lambda: window.bridge.busy, timeout=5_000)   # her lookup is under way
    release.set()
    qtbot.waitUntil(lambda: bool(answers) and bool(completed), timeout=10_000)
    assert [outcome.found for outcome in answers] == [Found.NOT_FOUND]   # her answer, hers only
    assert field.selectedText() == "nobody@example.com" and window.customer.register_button.isVisible()
    assert not completed[0].customer.offline   # found again, whole, while her lookup ran
    # ...and her lookup found nobody on a sale with nothing of the customer's yet: she is taken off it, and her card
    # does not stay beside "No customer found" as if she were the one found (session 12's review).
    assert window.bridge.customer is None and window.customer.name.text() == "No customer"
    till.sim_state.faults.update({"latency": 0.0})
