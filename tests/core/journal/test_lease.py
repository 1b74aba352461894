"""The delivery lease: one deliverer per journal. A second connection or process sends nothing and says who
delivers; in-flight entries are taken only from a holder that is gone (dead, or expired where it cannot be
checked), and then checked with Engage before anything is sent again."""

from __future__ import annotations

import asyncio
import collections
import json
import os
import signal
import socket
import subprocess
import sys
import time
from datetime import UTC, datetime

import pytest

from pos_engage.core.domain import MatchKey, NewContact
from pos_engage.core.journal import payloads
from pos_engage.core.journal.claims import Settlement
from pos_engage.core.journal.entry import EntryStatus
from pos_engage.core.journal.lease import DEFAULT_TTL, DeliveryLease, Identity, LeaseLost
from pos_engage.core.journal.replayer import Replayer
from pos_engage.core.journal.store import Journal
from tests.core.conftest import sale


def receipts(journal: Journal, count: int, prefix: str = "r") -> None:
    journal.record([payloads.receipt(sale(f"{prefix}-{n}")) for n in range(count)])


def in_flight(journal: Journal) -> int:
    return journal.count(statuses=[EntryStatus.IN_FLIGHT])


async def until(condition) -> None:
    for _ in range(3000):
        if condition():
            return
        await asyncio.sleep(0.01)
    raise AssertionError("never happened")


def dead_pid() -> int:
    """The pid of a process that has ended."""
    ended = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True)
    return int(ended.stdout)


def test_a_second_connection_sends_nothing_and_is_told_who_delivers(journal, journal_path, clock):
    first = DeliveryLease(journal)
    assert first.acquire() and first.recovered == 0
    with Journal.open(journal_path, clock=clock) as other:
        second = DeliveryLease(other)
        assert not second.acquire()
        message = second.refusal()
        assert f"pid {os.getpid()}, since " in message and message.endswith("nothing sent twice")
        first.release()
        assert second.acquire()
        assert second.recovered == 0  # given back: its holder had nothing in flight


def test_a_live_holder_keeps_its_entries_even_past_its_expiry(journal, journal_path, clock):
    holder = DeliveryLease(journal)
    assert holder.acquire()
    receipts(journal, 3)
    assert len(journal.claim_due()) == 3
    with Journal.open(journal_path, clock=clock) as other:
        clock.advance(DEFAULT_TTL * 10)  # a suspended PC: the holder on this host still runs, and may still send
        assert not DeliveryLease(other).acquire()
        assert in_flight(other) == 3


def test_a_dead_holder_is_replaced_at_once_and_its_entries_are_checked_first(journal, journal_path, clock):
    killed = DeliveryLease(journal, identity=Identity(dead_pid(), socket.gethostname(), 12345))
    assert killed.acquire()
    receipts(journal, 3)
    journal.claim_due()
    with Journal.open(journal_path, clock=clock) as other:
        successor = DeliveryLease(other)
        assert successor.acquire()  # no waiting for the expiry: the process is gone
        assert successor.recovered == 3
        assert f"pid {killed.identity.pid}, which stopped: 3 entries" in successor.takeover_note()
        entries = other.entries()
        assert {e.status for e in entries} == {EntryStatus.PENDING} and all(e.check_first for e in entries)


def test_a_reused_pid_is_not_taken_for_the_holder(journal, journal_path, clock):
    # The parent process runs, but it started at another time than the holder's process did.
    impostor = DeliveryLease(journal, identity=Identity(os.getppid(), socket.gethostname(), 1))
    assert impostor.acquire()
    with Journal.open(journal_path, clock=clock) as other:
        assert DeliveryLease(other).acquire()


def test_a_holder_on_another_host_keeps_the_lease_until_it_expires(journal, journal_path, clock):
    remote = DeliveryLease(journal, identity=Identity(4242, "till-9", 77))
    assert remote.acquire()
    receipts(journal, 2)
    journal.claim_due()
    with Journal.open(journal_path, clock=clock) as other:
        local = DeliveryLease(other)
        assert not local.acquire()
        assert "pid 4242 on till-9" in local.refusal()
        clock.advance(DEFAULT_TTL - 1)
        assert not local.acquire()
        clock.advance(2)
        assert local.acquire() and local.recovered == 2


def test_a_holder_renews_its_lease_while_it_delivers(journal, journal_path, clock):
    remote = DeliveryLease(journal, identity=Identity(4242, "till-9", 77))
    assert remote.acquire()
    with Journal.open(journal_path, clock=clock) as other:
        local = DeliveryLease(other)
        for _ in range(10):  # ten minutes of requests, each checking the lease first
            clock.advance(DEFAULT_TTL / 5)
            remote.ensure()
            assert not local.acquire()


def test_an_old_holder_sends_and_settles_nothing_once_taken_over(journal, journal_path, clock):
    stale = DeliveryLease(journal, identity=Identity(4242, "till-9", 77))
    assert stale.acquire()
    receipts(journal, 2)
    claimed = journal.claim_due()
    clock.advance(DEFAULT_TTL + 1)
    with Journal.open(journal_path, clock=clock) as other:
        assert DeliveryLease(other).acquire()
        with pytest.raises(LeaseLost):
            stale.ensure()  # its next request is not sent
        with pytest.raises(LeaseLost):
            journal.settle([Settlement(e.id, EntryStatus.DELIVERED) for e in claimed], guard=stale.guard)
        assert {e.status for e in other.entries()} == {EntryStatus.PENDING}  # the new holder's to check and send


def test_replayers_sharing_one_connection_share_its_lease(journal, client):
    first, second = Replayer(journal, client, rate_per_second=None), Replayer(journal, client, rate_per_second=None)
    assert first.lease is second.lease


async def test_two_replayers_on_separate_connections_never_send_twice(journal, journal_path, clock, client,
                                                                      sim_state, showcase, recorder):
    anna = showcase["Anna"]
    promotions = [p for p in sim_state.promotions.values() if p["contactId"] == anna["id"] and not p["redeemed"]
                  and p["expiresOn"] > datetime.now(UTC).isoformat()]
    receipts(journal, 8)
    for promotion in promotions:
        journal.record([payloads.promotion_redemption(promotion["id"], contact_id=anna["id"])])
    sim_state.faults.update({"latency": 0.05})
    with Journal.open(journal_path, clock=clock) as other:
        first = Replayer(journal, client, rate_per_second=None)
        second = Replayer(other, client, rate_per_second=None)
        delivering = asyncio.ensure_future(first.replay_until_empty(max_seconds=30))
        await until(lambda: in_flight(other))
        refused = await second.replay_until_empty(max_seconds=30)
        assert refused.claimed == 0 and refused.busy and "is delivering this journal" in refused.summary()
        assert in_flight(other)  # the first one's entries stay the first one's
        report = await delivering
        first.close()
        assert report.delivered == 8 + len(promotions) and not report.errors
        assert (await second.replay_once()).claimed == 0  # its turn now, and nothing is left
    posts = collections.Counter(r.url.path for r in recorder.requests if r.method == "POST")
    assert posts.pop("/api/v3/receipts") == 8
    assert set(posts.values()) == {1} and len(posts) == len(promotions)  # each redemption sent once


async def test_an_outcome_for_an_entry_no_longer_in_flight_never_crashes_the_replayer(journal, journal_path, clock,
                                                                                      client, sim_state):
    receipts(journal, 4)
    sim_state.faults.update({"latency": 0.05})
    replayer = Replayer(journal, client, rate_per_second=None)
    delivering = asyncio.ensure_future(replayer.replay_once())
    with Journal.open(journal_path, clock=clock) as other:
        await until(lambda: in_flight(other))
        assert other.recover_in_flight() == 4  # what a version without the lease did: take them back
    report = await delivering  # no InvalidTransition: their current state stands
    assert report.claimed == 4 and report.delivered == 0
    assert all(e.status is EntryStatus.PENDING and e.check_first for e in journal.entries())


# ---------------------------------------------------------------------- real processes, a slowed simulator


@pytest.fixture
def till(tmp_path, sim_server):
    config = tmp_path / "config.json"
    config.write_text(json.dumps({"store_external_id": "42", "till_id": "7",
                                  "engage": {"base_url": sim_server.base_url, "timeout_background": 10.0},
                                  "journal": {"retry_schedule": [0.05]}}))
    env = os.environ | {"POS_ENGAGE_CONFIG": str(config), "POS_ENGAGE_DATA_DIR": str(tmp_path / "data"),
                        "POS_ENGAGE_API_KEY": "sim-demo-key"}
    return tmp_path / "data" / "journal.sqlite3", env


def replay(env) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "pos_engage", "journal", "replay", "--until-empty",
                             "--max-seconds", "60"], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            text=True)


def wait_for(condition, what: str, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        time.sleep(0.02)


def count_in_flight(path) -> int:
    with Journal.open(path) as journal:
        return in_flight(journal)


@pytest.mark.network
@pytest.mark.slow
def test_two_replay_processes_on_one_journal_send_nothing_twice(till, sim_state, showcase):
    path, env = till
    anna = showcase["Anna"]
    promotions = [p for p in sim_state.promotions.values() if p["contactId"] == anna["id"] and not p["redeemed"]
                  and p["expiresOn"] > datetime.now(UTC).isoformat()]
    with Journal.open(path) as journal:
        receipts(journal, 12)
        for promotion in promotions:
            journal.record([payloads.promotion_redemption(promotion["id"], contact_id=anna["id"])])
        for n in range(4):
            journal.record([payloads.registration(NewContact(first_name="Two", email=f"two{n}@example.se"),
                                                  store_external_id="42")])
        total = journal.count()
    sim_state.faults.update({"latency": 0.2})
    first = replay(env)
    wait_for(lambda: count_in_flight(path) > 0, "the first replay to take entries")
    second = replay(env)
    second_out, second_err = second.communicate(timeout=60)
    first_out, first_err = first.communicate(timeout=120)
    assert (first.returncode, second.returncode) == (0, 0), (first_err, second_err)
    assert f"another pos-engage (pid {first.pid}, since " in second_out and "nothing sent twice" in second_out
    assert "Traceback" not in first_err + second_err
    with Journal.open(path) as journal:
        assert journal.count(statuses=[EntryStatus.DELIVERED]) == total, first_out
    posts = collections.Counter(r["path"] for r in sim_state.received.requests if r["method"] == "POST")
    assert posts.pop("/api/v3/receipts") == 12
    assert posts.pop("/api/v3/contacts") == 4
    assert set(posts.values()) == {1} and len(posts) == len(promotions)  # each redemption sent once


@pytest.mark.network
@pytest.mark.slow
def test_a_sigkilled_replayer_is_taken_over_and_its_entries_checked_before_a_resend(till, sim_state):
    path, env = till
    emails = [f"killed{n}@example.se" for n in range(6)]
    with Journal.open(path) as journal:
        for email in emails:
            journal.record([payloads.registration(NewContact(first_name="Kill", email=email), store_external_id="42")])
        journal.record([payloads.receipt(sale(f"k-{n}", MatchKey(sim_state.showcase()["contacts"][0]["id"])))
                        for n in range(6)])
    sim_state.faults.update({"latency": 1.0})
    victim = replay(env)
    wait_for(lambda: count_in_flight(path) > 0, "the replay to take entries")
    time.sleep(0.3)  # its requests are on their way
    victim.send_signal(signal.SIGKILL)
    victim.wait(timeout=10)
    stranded = count_in_flight(path)
    assert stranded > 0
    # Engage finishes what reached it before the kill; then the next replay takes over.
    wait_for(lambda: all(r["status"] is not None for r in list(sim_state.received.requests)), "the simulator")
    sim_state.faults.update({"latency": 0.0})
    successor = subprocess.run([sys.executable, "-m", "pos_engage", "journal", "replay", "--until-empty",
                                "--max-seconds", "60"], env=env, capture_output=True, text=True, timeout=90)
    assert successor.returncode == 0, successor.stderr
    assert f"took over from pos-engage pid {victim.pid}, which stopped: {stranded} entries" in successor.stdout
    with Journal.open(path) as journal:
        assert {e.status for e in journal.entries()} == {EntryStatus.DELIVERED}, successor.stdout
    created = [r["email"] for r in sim_state.received.registrations]
    assert sorted(created) == sorted(emails)  # each customer created once: the check found the killed one's
    for email in emails:
        assert len(sim_state.find("email", email)) == 1
    assert sorted(sim_state.received.receipts) == sorted(f"k-{n}" for n in range(6))
