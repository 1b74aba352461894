"""A registration the window queues while Engage is down records who was at the till and that it came from the
window (the journal's who-rang-up, migration 0010): the real window and bridge over the simulator, a real journal."""

from __future__ import annotations

from pos_engage.core.domain import NewContact
from pos_engage.core.journal.entry import EntryKind, Origin


def test_a_registration_queued_in_the_window_records_the_window_and_who_was_at_the_till(qtbot, window, till):
    till.service.at_till = "Omar Said (2002)"
    till.sim_state.faults.update({"down": True})
    with qtbot.waitSignal(window.bridge.registered, timeout=10_000) as blocker:
        window.bridge.register(NewContact(first_name="Maja", last_name="Berg", email="maja.berg@example.se"), None)
    outcome = blocker.args[0]
    assert outcome.queued and outcome.customer.registration_entry is not None
    entry = till.journal.get(outcome.customer.registration_entry)
    assert entry.kind is EntryKind.REGISTER_CONTACT
    assert (entry.origin, entry.rung_by) == (Origin.WINDOW, "Omar Said (2002)")
