"""Counterexamples the integrity machine (test_integrity_machine.py) found, each minimised to a plain test on the
real simulator, one till or two, real journal files.

Each was a bug when found (a receipt exported although Engage may have taken it; another till's redemption taken for
ours; a commit's own redemption taken over by the first delivery round of a new journal); each now passes.
"""

from __future__ import annotations

import asyncio
import contextlib
import random
from decimal import Decimal

import httpx
import pytest

from pos_engage.core.config import Config, TillSettings
from pos_engage.core.engage.client import EngageClient, Timeouts
from pos_engage.core.engage.online import OnlineMonitor
from pos_engage.core.export.ask_first import export_checked
from pos_engage.core.journal.entry import EntryKind, EntryStatus
from pos_engage.core.journal.lease import DeliveryLease
from pos_engage.core.journal.replayer import Replayer
from pos_engage.core.journal.store import Journal
from pos_engage.core.till.basket import Basket, BasketLine
from pos_engage.core.till.service import TillService
from pos_engage.sim.state import SimState
from pos_engage.sim.transport import SimTransport

ANNA = "anna.andersson@example.se"


@pytest.fixture
def tenant() -> SimState:
    return SimState(seed=7, api_keys=("till-a", "till-b"))


@contextlib.asynccontextmanager
async def till_on(tenant: SimState, path, key: str, *, transport: httpx.AsyncBaseTransport | None = None):
    monitor = OnlineMonitor(offline_after=1, probe_interval=0.0)
    config = Config(store_external_id="12", till_id=key, till=TillSettings(redeem_deadline=0.2))
    async with EngageClient("https://engage.test", key, transport=transport or SimTransport(tenant), monitor=monitor,
                            timeouts=Timeouts(interactive=3.0, background=3.0, connect=1.0)) as client:
        with Journal.open(path) as journal:
            lease = DeliveryLease(journal)
            replayer = Replayer(journal, client, monitor=monitor, rate_per_second=None, schedule=(0.0,),
                                rng=random.Random(1), lease=lease)
            till = TillService(config, client, journal, replayer)
            try:
                yield till
            finally:
                await till.redemptions_settled()
                replayer.close()


def jacket() -> Basket:
    return Basket([BasketLine("1002", "Wool jacket", 1, Decimal("1299"))])


async def test_a_receipt_engage_got_before_the_connection_dropped_is_not_exported(tenant, tmp_path):
    """Machine: sale(Anna, no offer) at till A; drop_after_processing(0.5); deliver(A); export(A)."""
    async with till_on(tenant, tmp_path / "a.sqlite3", "till-a") as till:
        anna = (await till.identify(ANNA)).customer
        sale = await till.commit(jacket(), anna)
        tenant.faults.update({"drop_after_rate": 1.0})
        await till.deliver_now()
        tenant.faults.update({"drop_after_rate": 0.0})
        receipt = till.journal.get(sale.entry_ids[0])
        assert receipt.kind is EntryKind.RECEIPT and receipt.status is EntryStatus.WAITING_RETRY
        assert sale.receipt_id in tenant.received.receipts  # Engage has it; the till does not know

        await export_checked(till.journal, tmp_path / "exports", till.client, till.replayer.lease, store="12",
                             till="till-a", actor="manager")
        assert till.journal.get(receipt.id).status is not EntryStatus.EXPORTED  # never by API and by file


class StallingTransport(httpx.AsyncBaseTransport):
    """The simulator behind a network that swallows this till's next redeem: it never reaches Engage, and the
    till hears a timeout only when ``give_up`` is set (a dead proxy, a Wi-Fi that drops without a reset)."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner
        self.stall_next_redeem = False
        self.give_up = asyncio.Event()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        if self.stall_next_redeem and request.url.path.endswith("/redeem"):
            self.stall_next_redeem = False
            await self.give_up.wait()
            raise httpx.ReadTimeout("timed out", request=request)
        return await self.inner.handle_async_request(request)


async def test_another_tills_redemption_while_ours_was_out_without_answer_is_a_conflict(tenant, tmp_path):
    """Machine (minimised): sale(B, offer, answer held before Engage); sale(A, the same offer); B crashes; drain.
    Here without a crash: B's request times out."""
    stalling = StallingTransport(SimTransport(tenant))
    async with (till_on(tenant, tmp_path / "a.sqlite3", "till-a") as a,
                till_on(tenant, tmp_path / "b.sqlite3", "till-b", transport=stalling) as b):
        anna_a, anna_b = (await a.identify(ANNA)).customer, (await b.identify(ANNA)).customer
        offer = next(p for p in anna_b.promotions if p.pos_channel.value_type.value == "PERCENT")
        basket_b, basket_a = jacket(), jacket()
        b.apply(basket_b, offer, anna_b)
        stalling.stall_next_redeem = True
        sale_b = await b.commit(basket_b, anna_b)   # past the deadline: the sale goes on, the redeem is out
        assert sale_b.refused == ()
        a.apply(basket_a, offer, anna_a)
        sale_a = await a.commit(basket_a, anna_a)   # the partner at the next till, while B's request is out
        assert sale_a.refused == () and [r["by"] for r in tenant.received.redemptions] == ["till-a"]
        stalling.give_up.set()
        await b.redemptions_settled()
        redemption = next(i for i in sale_b.entry_ids if b.journal.get(i).kind is EntryKind.REDEEM_PROMOTION)
        assert b.journal.get(redemption).status is EntryStatus.WAITING_RETRY  # outcome unknown: checked first
        await b.deliver_now()

        assert [t["by"] for t in tenant.redeem_attempts] == ["till-a"]  # B's never reached Engage
        assert b.journal.get(redemption).status is EntryStatus.CONFLICT


class HeldRedeem(httpx.AsyncBaseTransport):
    """The simulator; the next redeem's answer waits until ``answer`` is set (Engage processed it already)."""

    def __init__(self, inner: httpx.AsyncBaseTransport) -> None:
        self.inner = inner
        self.hold_next = False
        self.answer = asyncio.Event()

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        held = self.hold_next and request.url.path.endswith("/redeem")
        self.hold_next = self.hold_next and not held
        response = await self.inner.handle_async_request(request)
        if held:
            await response.aread()
            await self.answer.wait()
        return response


async def test_the_first_delivery_round_on_a_new_journal_leaves_a_commits_redemption_to_the_commit(tenant, tmp_path):
    """Machine: partners(...) with the second commit's answer held, then deliver at that till (a new journal)."""
    held = HeldRedeem(SimTransport(tenant))
    async with till_on(tenant, tmp_path / "a.sqlite3", "till-a", transport=held) as till:
        anna = (await till.identify(ANNA)).customer
        basket = jacket()
        till.apply(basket, anna.vouchers[0], anna)
        held.hold_next = True
        sale = await till.commit(basket, anna)   # Engage took it; the answer is late: the redemption is in flight
        redemption = till.journal.get(sale.entry_ids[1])
        assert redemption.status is EntryStatus.IN_FLIGHT

        report = await till.deliver_now()        # the first round of the till's replayer on this journal
        held.answer.set()
        await till.redemptions_settled()
        assert report.recovered == 0
        assert till.journal.get(redemption.id).status is EntryStatus.DELIVERED
