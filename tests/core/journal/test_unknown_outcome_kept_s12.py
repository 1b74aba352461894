"""An attempt whose outcome is unknown stays unknown (a manager's review, session 12): whatever a later attempt
meets (Engage refuses it, a conflict), the entry keeps ``check_first``, so a manager's Retry asks Engage before
sending and an export never puts it in a file while Engage may hold it ("never also by API"). Only an order's
message, which Engage cannot be asked about, is sent on the manager's word. Against the simulator, with real
SQLite journals."""

from __future__ import annotations

from pos_engage.core.domain import MatchKey
from pos_engage.core.journal import payloads
from pos_engage.core.journal.entry import EntryKind, EntryStatus
from tests.core.conftest import sale
from tests.core.export.test_export import export
from tests.core.journal.test_replayer import replayer_for


async def test_a_receipt_engage_may_hold_is_never_filed_after_a_refusal_and_a_managers_retry(
        journal, client, sim_state, showcase, tmp_path):
    receipt = journal.record([payloads.receipt(sale("lost-then-refused", MatchKey(showcase["Anna"]["id"])))])[0]
    sim_state.faults.update({"drop_after_rate": 1.0})   # Engage books it; its answer never arrives
    await replayer_for(journal, client).replay_once()
    assert "lost-then-refused" in sim_state.received.receipts and journal.get(receipt.id).check_first

    sim_state.faults.update({"drop_after_rate": 0.0, "fail_next": 1, "error_statuses": [400]})
    await replayer_for(journal, client).replay_once()   # the next attempt is refused: a person must look
    refused = journal.get(receipt.id)
    assert refused.status is EntryStatus.NEEDS_ATTENTION
    assert refused.check_first and "outcome is unknown" in refused.last_error

    journal.retry(receipt.id, actor="Maria (manager)")   # Engage goes down before it is sent again
    assert journal.get(receipt.id).check_first
    result = export(journal, tmp_path / "out")
    assert result.exported == 0 and receipt.id in dict(result.skipped)   # held back: it may be in Engage
    assert journal.get(receipt.id).status is EntryStatus.PENDING
    assert not list((tmp_path / "out").glob("*.xml"))


async def test_a_redemption_refused_after_a_lost_answer_is_asked_about_on_retry_not_sent_twice(
        journal, client, sim_state, showcase):
    anna = showcase["Anna"]
    promotion = next(p for p in sim_state.promotions.values()
                     if p["contactId"] == anna["id"] and not p["redeemed"] and p["expiresOn"] > "2026-11-24")
    redemption = journal.record([payloads.promotion_redemption(promotion["id"], contact_id=anna["id"],
                                                               sale_id="s-1")])[0]
    sim_state.faults.update({"drop_after_rate": 1.0})
    await replayer_for(journal, client).replay_once()
    assert sim_state.promotions[promotion["id"]]["redeemed"]
    sim_state.faults.update({"drop_after_rate": 0.0, "fail_next": 1, "error_statuses": [400]})
    await replayer_for(journal, client).replay_once()   # asking Engage about it is refused this time
    assert journal.get(redemption.id).status is EntryStatus.NEEDS_ATTENTION
    assert journal.get(redemption.id).check_first

    journal.retry(redemption.id, actor="Maria (manager)")
    await replayer_for(journal, client).replay_once()
    # Asked first: Engage shows it used while our answer was lost, so a person decides; it is never redeemed twice.
    assert journal.get(redemption.id).status is not EntryStatus.PENDING
    assert [r["assignmentId"] for r in sim_state.received.redemptions] == [promotion["id"]]


async def test_an_order_message_the_manager_vouches_for_is_sent_on_retry(journal_path, clock, client, sim_state):
    from pos_engage.core.journal.store import Journal
    with Journal.open(journal_path, clock=clock) as journal:
        entry = journal.enqueue(EntryKind.ORDER_COMMUNICATION, {"order": {}}, idempotency_key="o1")
        journal.claim_due()
        journal.recover_in_flight()                      # the till stopped while sending it: outcome unknown
        await replayer_for(journal, client).replay_once()
        asked = journal.get(entry.id)
        assert asked.status is EntryStatus.NEEDS_ATTENTION and "Check with the customer" in asked.last_error
        journal.retry(entry.id, actor="Maria (manager)")   # she checked: the customer never got it
        retried = journal.get(entry.id)
        assert retried.status is EntryStatus.PENDING and not retried.check_first
