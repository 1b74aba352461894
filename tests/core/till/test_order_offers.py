"""Each offer is redeemed exactly once (issue 12) also when it goes on an order for later delivery: the offer ledger
takes an order's offers in the transaction that journals the order, as it takes a committed sale's; a basket that
becomes an order leaves no reservation behind; an offer code scanned into the window is applied by the sale
session's own rule. Against the simulator on real loopback HTTP, two tills on one journal file (the window and a
second process of one till, or two windows sharing a journal) and each with its own API key.

Each test here failed before the fix: an order's redemption bypassed the ledger (the offer was offered, applied and
redeemed again on a receipt, and one order could take an offer a receipt had used); the basket that became the
order kept its reservation; a code scanned while the sale waited for the cashier's answer about a refused offer
slipped a discount onto the held sale, past the ledger's commit.
"""

from __future__ import annotations

import contextlib
import random
from decimal import Decimal

import pytest

from pos_engage.core.config import Config, OrderSettings, TillSettings
from pos_engage.core.domain import Address
from pos_engage.core.engage.client import EngageClient, Timeouts
from pos_engage.core.engage.online import OnlineMonitor
from pos_engage.core.journal.entry import EntryKind, EntryStatus
from pos_engage.core.journal.offer_ledger import OfferAlreadyUsed
from pos_engage.core.journal.order_delivery import JobPolling
from pos_engage.core.journal.replayer import Replayer
from pos_engage.core.journal.store import Journal
from pos_engage.core.till.basket import Basket, BasketLine
from pos_engage.core.till.orders import OrderDesk
from pos_engage.core.till.outcomes import Found
from pos_engage.core.till.service import TillService
from pos_engage.core.till.session import SaleSessions
from pos_engage.core.till.till_sale import TillSales
from pos_engage.sim.server import SimServer
from pos_engage.sim.state import SimState

ANNA = "anna.andersson@example.se"
FAST = JobPolling(schedule=(0.0,), timeout=5.0)
REDEMPTIONS = (EntryKind.REDEEM_PROMOTION, EntryKind.REDEEM_VOUCHER)


class Till:
    """One till's parts on a journal file: the cashier's use cases, its sales, its order desk."""

    def __init__(self, service: TillService, orders: OrderDesk) -> None:
        self.service = service
        self.orders = orders
        self.sessions = SaleSessions(service)
        self.sales = TillSales(self.sessions)

    @property
    def journal(self) -> Journal:
        return self.service.journal

    async def drain(self) -> None:
        """Deliver everything due, as background delivery would, until nothing is left to take."""
        for _ in range(30):
            report = await self.service.deliver_now()
            if not report.claimed:
                return


@pytest.fixture
def engage():
    """One simulated tenant on 127.0.0.1, a free port, with an API key per till."""
    with SimServer(SimState(seed=7, api_keys=("till-a", "till-b"))) as server:
        yield server


@contextlib.asynccontextmanager
async def till_on(server: SimServer, path, key: str):
    monitor = OnlineMonitor(probe_interval=0.0)
    config = Config(store_external_id="12", till_id=key, till=TillSettings(redeem_deadline=1.0),
                    orders=OrderSettings(job_poll_schedule=(0.0,)))
    async with EngageClient(server.base_url, key, monitor=monitor,
                            timeouts=Timeouts(interactive=3.0, background=3.0, connect=1.0)) as client:
        with Journal.open(path) as journal:
            replayer = Replayer(journal, client, monitor=monitor, rate_per_second=None, schedule=(0.0,),
                                rng=random.Random(1), job_polling=FAST)
            service = TillService(config, client, journal, replayer)
            try:
                yield Till(service, OrderDesk(config, client, journal))
            finally:
                await service.redemptions_settled()
                replayer.close()


def jacket() -> BasketLine:
    return BasketLine("1002", "Wool jacket", 1, Decimal("1299"))


def percent_offer(customer):
    return next(p for p in customer.promotions if p.pos_channel.value_type.value == "PERCENT")


def redemptions_of(journal: Journal, offer_id: str) -> list:
    return [e for e in journal.entries() if e.kind in REDEMPTIONS
            and offer_id in ((e.payload or {}).get("assignmentId"), (e.payload or {}).get("voucherId"))]


def booked(server: SimServer, offer_id: str) -> list[str]:
    """Who the simulator says redeemed the offer (each a successful redeem)."""
    received = server.state.received
    return [r["by"] for r in received.redemptions if r["assignmentId"] == offer_id] + \
        [r["by"] for r in received.voucher_redemptions if r["voucherId"] == offer_id]


async def order_from_the_window(till: Till, offer_id: str | None = None):
    """The window's way to an order: Anna identified, a jacket rung up, an offer applied (by the session's rule),
    the basket saved as an order (OrderDesk.create on a copy, as the Orders form sends it), the sale closed."""
    sale = till.sales.current
    anna = (await till.service.identify(ANNA)).customer
    till.sales.set_customer(sale, anna, ANNA)
    till.sales.add_line(sale, jacket())
    offer_id = offer_id or percent_offer(anna).id
    till.sales.apply(sale, offer_id)
    view = till.orders.create(sale.basket.copy(), anna, Address())
    till.sales.became_order(sale)
    return sale, view, offer_id


async def test_an_offer_an_order_used_is_not_offered_applied_or_redeemed_again_at_either_till(engage, tmp_path):
    async with (till_on(engage, tmp_path / "j.sqlite3", "till-a") as a,
                till_on(engage, tmp_path / "j.sqlite3", "till-b") as b):
        _, view, offer_id = await order_from_the_window(a)
        # At the other till on the same journal, before the order reached Engage: the offer is not offered ...
        anna_b = (await b.service.identify(ANNA)).customer
        assert offer_id not in {p.id for p in anna_b.promotions}
        # ... not applied, however it is asked for (the offer as the customer's list had it a moment ago) ...
        offer = next(p for p in await b.service.client.list_promotions(anna_b.contact.id) if p.id == offer_id)
        with pytest.raises(OfferAlreadyUsed, match=view.order.order_id):
            b.service.apply(Basket([jacket()]), offer, anna_b)
        # ... and a receipt that names it anyway (a POS that kept a stale list) is refused, nothing journaled.
        stale = Basket([jacket()])
        stale.apply_promotion(offer)
        entries_before = len(b.journal.entries())
        with pytest.raises(OfferAlreadyUsed):
            await b.service.commit(stale, anna_b)
        assert len(b.journal.entries()) == entries_before
        await a.drain()
        assert booked(engage, offer_id) == ["till-a"]
        [redemption] = redemptions_of(a.journal, offer_id)
        assert redemption.status is EntryStatus.DELIVERED and view.order.order_id in redemption.idempotency_key
        assert [(u.sale_id, u.status, u.entry_id) for u in a.journal.offer_uses(offer_id)
                if u.status == "committed"] == [(view.order.order_id, "committed", redemption.id)]


async def test_an_offer_a_receipt_used_cannot_go_on_an_order_and_two_orders_never_share_one(engage, tmp_path):
    async with (till_on(engage, tmp_path / "j.sqlite3", "till-a") as a,
                till_on(engage, tmp_path / "j.sqlite3", "till-b") as b):
        anna = (await a.service.identify(ANNA)).customer
        promotion, voucher = percent_offer(anna), anna.vouchers[0]
        sale = a.sales.current
        a.sales.set_customer(sale, anna, ANNA)
        a.sales.add_line(sale, jacket())
        a.sales.apply(sale, promotion.id)
        await a.sales.commit(sale, "Card")
        basket = Basket([jacket()])
        basket.apply_promotion(promotion)   # a basket that kept the offer from before the sale
        with pytest.raises(OfferAlreadyUsed):
            b.orders.create(basket, anna, Address())
        assert b.journal.orders_for(contact_id=anna.contact.id) == []   # nothing of the order was saved

        first, second = Basket([jacket()]), Basket([jacket()])
        first.apply_voucher(voucher)
        second.apply_voucher(voucher)
        a.orders.create(first, anna, Address())
        with pytest.raises(OfferAlreadyUsed):   # a double-clicked Save on the form: a second order, same voucher
            b.orders.create(second, anna, Address())
        assert len(a.journal.orders_for(contact_id=anna.contact.id)) == 1
        await a.drain()
        assert booked(engage, promotion.id) == ["till-a"] and booked(engage, voucher.id) == ["till-a"]
        assert len(redemptions_of(a.journal, promotion.id)) == len(redemptions_of(a.journal, voucher.id)) == 1


async def test_a_basket_that_becomes_an_order_hands_its_reservation_to_the_order(engage, tmp_path):
    async with (till_on(engage, tmp_path / "j.sqlite3", "till-a") as a,
                till_on(engage, tmp_path / "j.sqlite3", "till-b") as b):
        sale, view, offer_id = await order_from_the_window(a)
        uses = {(u.sale_id, u.status) for u in a.journal.offer_uses(offer_id)}
        assert uses == {(sale.basket.unique_id, "released"), (view.order.order_id, "committed")}
        assert sale.status == "voided" and sale.basket.discounts == []
        following = a.sales.current   # the next sale, for her still, without the offer the order used
        assert following is not sale and following.customer.contact.id == sale.customer.contact.id
        assert offer_id not in {p.id for p in following.customer.promotions}

        # An order refused (the offer used meanwhile by a sale at the other till) leaves the basket as it was:
        # still open, still holding what it reserved, nothing moved.
        anna = (await b.service.identify(ANNA)).customer
        voucher = anna.vouchers[0]
        open_sale = a.sales.current
        a.sales.set_customer(open_sale, (await a.service.identify(ANNA)).customer, ANNA)
        a.sales.add_line(open_sale, jacket())
        a.sales.apply(open_sale, voucher.id)
        other = Basket([jacket()])
        other.apply_voucher(voucher)
        await b.service.commit(other, anna)    # a commit does not wait for another basket's reservation
        with pytest.raises(OfferAlreadyUsed):
            a.orders.create(open_sale.basket.copy(), anna, Address())
        assert open_sale.status == "open"
        assert [u.status for u in a.journal.sale_offers(open_sale.basket.unique_id)] == ["reserved"]
        a.sales.void(open_sale)
        assert [u.status for u in a.journal.sale_offers(open_sale.basket.unique_id)] == ["released"]


async def test_a_code_is_applied_by_the_sessions_rule_and_not_to_a_sale_waiting_for_the_cashier(engage, tmp_path):
    async with till_on(engage, tmp_path / "j.sqlite3", "till-a") as a:
        heard = []
        a.sessions.listeners.append(heard.append)
        sale = a.sales.current
        anna = (await a.service.identify(ANNA)).customer
        a.sales.set_customer(sale, anna, ANNA)
        a.sales.add_line(sale, jacket())
        version = sale.version
        outcome = await a.sales.identify(sale, "]C1partner-2026\r\n", scanned=True)
        assert outcome.found is Found.CODE and outcome.code.applied is not None
        code_offer = outcome.code.offer.id
        assert sale.version > version and heard[-1] is sale   # the session's change, heard like any other
        assert [u.status for u in a.journal.sale_offers(sale.basket.unique_id)] == ["reserved"]
        again = await a.sales.identify(sale, "PARTNER-2026")
        assert again.code.applied is None and "already applied" in again.code.message

        # The code's offer used at another till meanwhile: Engage refuses it, the sale waits for the cashier.
        promotion = engage.state.promotions[code_offer]
        promotion["redeemed"], promotion["redeemedOn"] = True, "2026-11-27T10:00:00.123456+00:00"
        held = await a.sales.commit(sale, "Card")
        assert [r.offer_id for r in held.refused] == [code_offer]
        voucher = anna.vouchers[0]
        late = await a.sales.identify(sale, voucher.voucher_number)   # a voucher scanned while she waits
        assert late.code.applied is None and "being committed" in late.code.message
        assert [d.source_id for d in sale.basket.discounts] == [code_offer]
        final = a.sales.resolve(sale, remove=True, cashier="kim")
        await a.drain()
        assert engage.state.received.receipts[final.receipt_id]["totalGrossPrice"] == 1299.0
        assert a.journal.offer_uses(voucher.id) == [] and booked(engage, voucher.id) == []
