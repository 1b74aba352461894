"""The status bar says what the till knows of Engage: at start nothing, so "Checking Engage…" while the till asks
(its cheapest call, the ping the probe and doctor use, in the background), then online or offline as Engage
answered. It said "Engage online" from the start until a call failed. In the real window against the simulator
(SimTransport) up, slow and down; the same question over real loopback HTTP is in
tests/core/engage/test_online_find_out_s9.py."""

from __future__ import annotations

import time

from pos_engage.core.office.health import Connectivity

COUNT = "/api/v2/contacts/count"


def test_the_status_bar_says_checking_until_engage_has_answered_then_online(qtbot, window, till):
    label = window.connectivity_label
    assert not till.monitor.heard                         # nothing has asked Engage since the start
    till.sim_state.faults.update({"latency": 0.5})       # an Engage that takes its time
    before = len(till.sim_state.received.requests)
    started = time.perf_counter()
    checked = window.bridge.find_out_engage(till.client.ping)
    assert time.perf_counter() - started < 0.2            # the window waits for nothing
    assert label.text() == "○ Checking Engage…" and not checked.done()
    assert till.monitor.state is Connectivity.CHECKING and not till.monitor.offline   # calls still go out
    qtbot.waitUntil(lambda: label.text() == "● Engage online", timeout=10_000)
    assert checked.done() and checked.result() is Connectivity.ONLINE
    assert [(r["path"], r["status"]) for r in till.sim_state.received.requests[before:]] == [(COUNT, 200)]
    window.bridge.refresh_status()                       # and it stays said
    assert label.text() == "● Engage online"


def test_the_status_bar_says_offline_once_engage_was_asked_and_did_not_answer(qtbot, window, till):
    label = window.connectivity_label
    till.sim_state.faults.update({"down": True})
    before = len(till.sim_state.received.requests)
    window.bridge.find_out_engage(till.client.ping)
    assert label.text() == "○ Checking Engage…"
    qtbot.waitUntil(lambda: label.text().startswith("✖ Engage offline"), timeout=10_000)
    assert label.text() == "✖ Engage offline: sales are saved and sent later"
    assert till.monitor.state is Connectivity.OFFLINE
    # Asked as often as it takes to count as offline (offline_after in a row), no more.
    assert [(r["path"], r["status"]) for r in till.sim_state.received.requests[before:]] == \
        [(COUNT, "dropped")] * till.monitor.offline_after


def test_a_call_heard_before_the_question_is_not_unsaid(qtbot, window, till):
    """What a call already told (Engage answered) stays on the bar while the start's question runs."""
    window.bridge.find_out_engage(till.client.ping)
    qtbot.waitUntil(lambda: window.connectivity_label.text() == "● Engage online", timeout=10_000)
    window.bridge.find_out_engage(till.client.ping)
    assert window.connectivity_label.text() == "● Engage online"
