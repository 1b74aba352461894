"""The replayer against the simulator: delivery of every kind, checks before resending, conflicts, outages."""

from __future__ import annotations

import random

import pytest

from pos_engage.core.domain import ContactUpdate, MatchKey, MatchKeyType, NewContact
from pos_engage.core.engage.online import Connectivity, OnlineMonitor
from pos_engage.core.journal import payloads
from pos_engage.core.journal.entry import EntryKind, EntryStatus
from pos_engage.core.journal.rate import TokenBucket
from pos_engage.core.journal.replayer import Replayer
from tests.core.conftest import sale

FAST = (0.0,)  # retry at once: the clock is the test's


def replayer_for(journal, client, **options) -> Replayer:
    options.setdefault("schedule", FAST)
    options.setdefault("rate_per_second", None)
    return Replayer(journal, client, rng=random.Random(1), **options)


def usable_promotion(sim_state, contact_id):
    return next(p for p in sim_state.promotions.values()
                if p["contactId"] == contact_id and not p["redeemed"] and p["expiresOn"] > "2026-11-24")


async def test_every_kind_is_delivered(journal, client, sim_state, showcase):
    anna = showcase["Anna"]
    promotion = usable_promotion(sim_state, anna["id"])
    voucher = next(v for v in sim_state.vouchers.values() if v["contactId"] == anna["id"] and not v["redeemed"])
    journal.record([
        payloads.registration(NewContact(first_name="Ny", email="ny@example.se"), store_external_id="5"),
        payloads.contact_update(anna["id"], ContactUpdate(city="Uppsala")),
        payloads.upgrade_to_member(showcase["Erik"]["id"]),
        payloads.promotion_redemption(promotion["id"], contact_id=anna["id"]),
        payloads.voucher_redemption(voucher["id"], contact_id=anna["id"]),
        payloads.receipt(sale("r-all", MatchKey(anna["id"]))),
    ])
    report = await replayer_for(journal, client).replay_once()
    assert (report.claimed, report.delivered) == (6, 6)
    received = sim_state.received
    assert [r["email"] for r in received.registrations] == ["ny@example.se"]
    assert received.updates[0]["fields"] == ["city"]
    assert sim_state.contacts[showcase["Erik"]["id"]]["meta"]["contactType"] == "Member"
    assert [r["assignmentId"] for r in received.redemptions] == [promotion["id"]]
    assert [r["voucherId"] for r in received.voucher_redemptions] == [voucher["id"]]
    assert list(received.receipts) == ["r-all"]
    assert journal.figures().delivered == 6


async def test_a_receipt_waits_for_the_offline_registration_and_carries_its_id(journal, client, sim_state):
    registration, receipt = journal.record([
        payloads.registration(NewContact(first_name="Ny", email="ny@example.se"), store_external_id="5"),
        payloads.receipt(sale("r-dep", MatchKey("ny@example.se", MatchKeyType.EMAIL)), depends_on_index=0)])
    replayer = replayer_for(journal, client)
    first = await replayer.replay_once()
    assert (first.claimed, first.delivered) == (1, 1)  # only the registration: the receipt waited
    contact_id = journal.get(registration.id).result["contactId"]
    await replayer.replay_once()
    assert sim_state.received.receipts["r-dep"]["contact"] == {"matchKey": contact_id, "matchKeyType": "contactId"}
    assert journal.get(receipt.id).status is EntryStatus.DELIVERED


async def test_dependents_of_a_rejected_registration_wait_and_say_why(journal, client, sim_state):
    registration, update = journal.record([
        payloads.registration(NewContact(email="ok@example.se"), store_external_id="5"),
        payloads.contact_update(None, ContactUpdate(city="Lund"), depends_on_index=0)])
    bad = dict(journal.get(registration.id).payload)
    bad["contact"] = dict(bad["contact"], email="broken@")
    journal.connection.execute("UPDATE entries SET payload = json(?) WHERE id = ?",
                               (__import__("json").dumps(bad), registration.id))
    replayer = replayer_for(journal, client)
    await replayer.replay_once()
    rejected = journal.get(registration.id)
    assert rejected.status is EntryStatus.NEEDS_ATTENTION
    assert rejected.last_error_code == "InvalidEmailAddress" and "email" in rejected.last_error.lower()
    assert journal.figures().blocked == 1
    assert (await replayer.replay_once()).claimed == 0
    # The manager corrects the email and retries: the dependent follows.
    journal.replace_payload(registration.id, dict(bad, contact=dict(bad["contact"], email="fixed@example.se")),
                            actor="manager", reason="typo in email")
    journal.retry(registration.id, actor="manager", reason="corrected")
    await replayer.replay_once()
    await replayer.replay_once()
    assert journal.get(update.id).status is EntryStatus.DELIVERED
    assert [a["action"] for a in journal.audit_log(registration.id)] == ["correct", "retry"]


async def test_deferred_matching_never_blocks_on_a_lookup(journal, client, sim_state, showcase, recorder):
    journal.record([payloads.receipt(sale("r-key", MatchKey(showcase["Anna"]["email"], MatchKeyType.EMAIL)))])
    await replayer_for(journal, client).replay_once()
    # The receipt, then (its answer being an empty 202) the session's one check that Engage itself answered.
    assert [r.url.path for r in recorder.requests] == ["/api/v3/receipts", "/api/v2/contacts/count"]
    assert "r-key" not in sim_state.received.unmatched_receipts


async def test_a_second_redemption_is_a_conflict_for_the_manager(journal, client, sim_state, showcase):
    promotion = next(p for p in sim_state.promotions.values()
                     if p["contactId"] == showcase["Anna"]["id"] and p["redeemed"])
    entry = journal.record([payloads.promotion_redemption(promotion["id"], contact_id=showcase["Anna"]["id"])])[0]
    report = await replayer_for(journal, client).replay_once()
    assert report.conflicts == 1
    conflict = journal.get(entry.id)
    assert conflict.status is EntryStatus.CONFLICT and conflict.last_error_code == "PromotionAlreadyRedeemed"
    assert journal.figures().conflicts == 1


async def test_dropped_after_processing_is_checked_not_resent(journal, client, sim_state, showcase, recorder):
    anna = showcase["Anna"]
    promotion = usable_promotion(sim_state, anna["id"])
    journal.record([payloads.registration(NewContact(first_name="Ny", email="drop@example.se"), store_external_id="1"),
                    payloads.promotion_redemption(promotion["id"], contact_id=anna["id"])])
    sim_state.faults.update({"drop_after_rate": 1.0})
    replayer = replayer_for(journal, client)
    assert (await replayer.replay_once()).retrying == 2
    # A registration looks its contact up before creating: that GET was dropped, so no POST went. The redemption's
    # POST was processed, then dropped: it is checked before anything is sent again.
    assert [e.check_first for e in journal.entries()] == [False, True]
    sim_state.faults.update({"drop_after_rate": 0.0})
    report = await replayer.replay_once()
    # The redemption Engage made while our answer was lost goes to a person (another till's use at that moment
    # would look the same): looked at, never sent again.
    assert (report.delivered, report.conflicts) == (1, 1)
    assert len(sim_state.received.registrations) == 1 and len(sim_state.received.redemptions) == 1
    posts = [r for r in recorder.requests if r.method == "POST"]
    assert len(posts) == 2  # one create, one redeem: the redemption was looked at, not sent again


async def test_an_unknown_v2_order_outcome_goes_to_a_person(journal, client, sim_state, showcase):
    from datetime import datetime, timedelta, timezone
    from decimal import Decimal

    from pos_engage.core.domain import CommunicationItem, OrderCommunication
    order = OrderCommunication("W-1", MatchKey(showcase["Anna"]["email"], MatchKeyType.EMAIL), "Confirmed", "Paid",
                               datetime(2026, 11, 23, 9, tzinfo=timezone(timedelta(hours=1))), "1", "SEK",
                               (CommunicationItem("1001", "T-shirt", 1, Decimal("199")),))
    entry = journal.record([payloads.order_communication(order)])[0]
    sim_state.faults.update({"drop_after_rate": 1.0})
    report = await replayer_for(journal, client).replay_once()
    assert report.needs_attention == 1
    assert journal.get(entry.id).status is EntryStatus.NEEDS_ATTENTION
    assert len(sim_state.received.communications) == 1  # sent once; never again without a person


async def test_an_order_message_interrupted_by_a_crash_goes_to_a_person(journal_path, clock, client, sim_state,
                                                                     showcase):
    from pos_engage.core.journal.store import Journal
    journal = Journal.open(journal_path, clock=clock)
    entry = journal.enqueue(EntryKind.ORDER_COMMUNICATION, {"order": {}}, idempotency_key="o1")
    journal.claim_due()
    journal.close()
    with Journal.open(journal_path, clock=clock) as journal:
        journal.recover_in_flight()
        await replayer_for(journal, client).replay_once()
        stuck = journal.get(entry.id)
        assert stuck.status is EntryStatus.NEEDS_ATTENTION and "Check with the customer" in stuck.last_error
    assert sim_state.received.communications == []


async def test_a_rejected_receipt_needs_attention_with_engages_message(journal, client):
    entry = journal.enqueue(EntryKind.RECEIPT, {"receipt": {"uniqueReceiptId": "x"}}, idempotency_key="receipt:x")
    await replayer_for(journal, client).replay_once()
    rejected = journal.get(entry.id)
    assert rejected.status is EntryStatus.NEEDS_ATTENTION and rejected.last_error_code == "InvalidReceipt"


async def test_a_wrong_key_keeps_everything_and_waits_for_it(journal, sim_state, clock):
    from pos_engage.core.engage.client import EngageClient
    from pos_engage.sim.transport import SimTransport
    journal.record([payloads.receipt(sale("r-key"))])
    monitor = OnlineMonitor()
    async with EngageClient("https://engage.test", "wrong", transport=SimTransport(sim_state)) as engage:
        report = await replayer_for(journal, engage, monitor=monitor).replay_once()
    assert report.retrying == 1
    entry = journal.entries()[0]
    assert entry.status is EntryStatus.WAITING_RETRY and entry.next_attempt_at >= clock() + 300
    assert monitor.auth_problem and "API key" in monitor.auth_problem


# ---------------------------------------------------------------- outage drills


async def test_drill_down_for_a_whole_run_then_back(journal, client, sim_state, clock):
    journal.record([payloads.receipt(sale(f"r{n}")) for n in range(20)])
    sim_state.faults.update({"down": True})
    monitor = OnlineMonitor(offline_after=3, probe_interval=15, clock=clock)
    replayer = replayer_for(journal, client, monitor=monitor, schedule=(10, 30, 60, 300))
    first = await replayer.replay_once()
    assert first.retrying == 20 and monitor.state is Connectivity.OFFLINE
    clock.advance(5)
    assert (await replayer.replay_once()).offline  # no probe yet: nothing sent at all
    clock.advance(15)
    assert (await replayer.replay_once()).offline  # the probe failed
    sim_state.faults.update({"down": False})
    clock.advance(15)
    back = await replayer.replay_once()  # the probe answers: everything waiting is due again at once
    assert back.delivered == 20 and monitor.state is Connectivity.ONLINE
    assert sorted(sim_state.received.receipts) == sorted(f"r{n}" for n in range(20))


async def test_drill_30_percent_server_errors_and_timeouts(journal, sim_state, clock):
    from pos_engage.core.engage.client import EngageClient, Timeouts
    from pos_engage.sim.transport import SimTransport
    journal.record([payloads.receipt(sale(f"r{n}")) for n in range(60)])
    # 15 % answer 5xx, 15 % are held past the deadline (the client gives up: outcome unknown).
    sim_state.faults.update({"error_rate": 0.15, "error_statuses": [500, 502, 503, 504], "slow_rate": 0.15,
                             "slow_seconds": 0.5})
    client = EngageClient("https://engage.test", "sim-demo-key", transport=SimTransport(sim_state),
                          timeouts=Timeouts(interactive=0.2, background=0.2))
    # Runs of failures take Engage "offline" now and then: the probe brings it back, 15 s of test time later.
    monitor = OnlineMonitor(clock=clock)
    replayer = replayer_for(journal, client, concurrency=8, monitor=monitor)
    rounds = 0
    while journal.figures().pending and rounds < 60:
        await replayer.replay_once()
        clock.advance(15)
        rounds += 1
    assert journal.figures().delivered == 60
    assert len(sim_state.received.receipts) == 60  # each booked once, whatever was repeated
    outcomes = {a["error_code"] for e in journal.entries(limit=100) for a in journal.attempts_of(e.id)}
    assert {"InternalServerError", "EngageTimeout"} <= outcomes  # both kinds of failure really happened


async def test_drill_429_storm_honours_retry_after(journal, client, sim_state, clock):
    entry = journal.record([payloads.receipt(sale("r429"))])[0]
    sim_state.faults.update({"storm_429_rate": 1.0, "retry_after": 42})
    replayer = replayer_for(journal, client, schedule=(10,))
    await replayer.replay_once()
    waiting = journal.get(entry.id)
    assert waiting.next_attempt_at == pytest.approx(clock() + 42)  # Retry-After wins over the 10 s schedule
    sim_state.faults.update({"storm_429_rate": 0.0})
    clock.advance(41)
    assert (await replayer.replay_once()).claimed == 0
    clock.advance(1)
    assert (await replayer.replay_once()).delivered == 1


async def test_drill_dropped_after_processing_books_each_receipt_once(journal, client, sim_state):
    journal.record([payloads.receipt(sale(f"r{n}")) for n in range(30)])
    sim_state.faults.update({"drop_after_rate": 0.5})
    replayer = replayer_for(journal, client)
    for _ in range(30):
        if not journal.figures().pending:
            break
        await replayer.replay_once()
    assert journal.figures().delivered == 30
    assert len(sim_state.received.receipts) == 30  # booked once each, whatever the repeats


async def test_the_rate_limit_paces_delivery(journal, client, sim_state):
    journal.record([payloads.receipt(sale(f"r{n}")) for n in range(30)])
    replayer = replayer_for(journal, client, concurrency=4)
    now = [0.0]
    slept: list[float] = []

    async def fake_sleep(seconds: float) -> None:  # time passes for the bucket only when it waits
        slept.append(seconds)
        now[0] += seconds

    replayer.bucket = TokenBucket(10.0, clock=lambda: now[0], sleep=fake_sleep)
    await replayer.replay_once()
    assert journal.figures().delivered == 30
    # 31 requests at 10/s with a burst of one: 30 gaps. The 30 receipts, and the session's one check that the empty
    # 202s came from Engage itself (a request delivery causes: paced like the others).
    assert sum(slept) == pytest.approx(3.0, abs=1e-6)


async def test_a_delivered_registration_fills_the_contacts_cache(journal, client):
    from pos_engage.core.domain import ContactKey
    journal.record([payloads.registration(NewContact(first_name="C", email="cache@example.se"), store_external_id="1")])
    await replayer_for(journal, client).replay_once()
    contact_id = journal.entries()[0].result["contactId"]
    assert journal.cached_contact(ContactKey.email("cache@example.se")) == contact_id


async def test_while_offline_a_cashiers_call_fails_at_once_and_the_probe_brings_engage_back(
        journal, sim_state, showcase, clock, recorder):
    from pos_engage.core.domain import ContactKey
    from pos_engage.core.engage.client import EngageClient
    from pos_engage.core.errors import EngageOffline, EngageTransportError
    monitor = OnlineMonitor(offline_after=2, probe_interval=15, clock=clock)
    async with EngageClient("https://engage.test", "sim-demo-key", transport=recorder, monitor=monitor) as till:
        sim_state.faults.update({"down": True})
        for _ in range(2):
            with pytest.raises(EngageTransportError):
                await till.identify(ContactKey.email(showcase["Anna"]["email"]))
        assert monitor.state is Connectivity.OFFLINE
        sent_before = len(recorder.requests)
        with pytest.raises(EngageOffline):
            await till.identify(ContactKey.email(showcase["Anna"]["email"]))
        assert len(recorder.requests) == sent_before  # nothing went on the wire: no waiting for a timeout
        sim_state.faults.update({"down": False})
        replayer = replayer_for(journal, till, monitor=monitor)
        clock.advance(15)
        await replayer.replay_once()  # the background probe answers
        assert monitor.state is Connectivity.ONLINE
        assert await till.identify(ContactKey.email(showcase["Anna"]["email"])) == showcase["Anna"]["id"]
