"""Each offer is redeemed exactly once, whether it goes on a receipt or on an order (issue 12), as a hypothesis state
machine: two tills on ONE journal file (each its own Journal connection, API key, client and replayer), on one
simulated tenant served on 127.0.0.1. The machine identifies customers, rings up a jacket, applies and removes
offers (picked, or scanned as a voucher's number), saves the basket as an order, commits it as a receipt (the
cashier removes or keeps an offer Engage refused), voids it, cancels orders, delivers, and sneaks an offer the
customer's list showed a while ago onto a fresh basket committed as a receipt or an order (a POS or a form with a
stale list: only the ledger's check in the commit's transaction stands in the way).

What must hold after every step:

1. no offer has two redemption entries in the journal (a sale's or an order's): the second use is refused at this
   till, in the transaction that would journal it;
2. every redemption entry is the one use the ledger records for its offer (committed, or a conflict Engage
   reported), so nothing is redeemed that the ledger does not know;
3. no offer is reserved by a sale that is closed (committed, voided, or saved as an order);
4. Engage never refused a redemption as already used: nothing this till redeemed was redeemed twice.
And at the end, everything delivered: the simulator booked each offer the ledger committed exactly once, by the
till whose sale or order used it.
"""

from __future__ import annotations

import asyncio
import contextlib
import shutil
import tempfile
from collections import Counter
from decimal import Decimal
from pathlib import Path

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from pos_engage.core.domain import Address, Promotion
from pos_engage.core.errors import InputError
from pos_engage.core.journal.entry import EntryStatus
from pos_engage.core.till.basket import Basket, BasketLine
from pos_engage.core.till.sale_session import SaleSession
from pos_engage.sim.server import SimServer
from pos_engage.sim.state import SimState
from tests.core.till.test_order_offers import REDEMPTIONS, Till, till_on

TILLS = ("till-a", "till-b")
CUSTOMERS = ("anna.andersson@example.se", "anna.andersson@example.se", "ingrid.andersson14@example.se")
PICKS = st.integers(0, 11)


def offer_of(entry) -> str:
    payload = entry.payload or {}
    return payload.get("assignmentId") or payload.get("voucherId") or ""


class OrderOffersMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.loop = asyncio.new_event_loop()
        self.folder = Path(tempfile.mkdtemp(prefix="order-offers-"))
        self.server = SimServer(SimState(seed=7, api_keys=TILLS)).start()
        self.stack = contextlib.AsyncExitStack()
        self.tills: dict[str, Till] = {
            name: self.run(self.stack.enter_async_context(till_on(self.server, self.folder / "j.sqlite3", name)))
            for name in TILLS}
        self.closed: list[SaleSession] = []
        self.orders: list[str] = []
        self.seen: dict[str, list] = {}   # a customer's offers as a list showed them once (for the stale sneaks)
        for name in TILLS:
            self.ring_up(name, self.sale(name))

    def run(self, coroutine):
        return self.loop.run_until_complete(coroutine)

    def teardown(self) -> None:
        try:
            self.run(self.stack.aclose())
        finally:
            self.server.stop()
            self.loop.close()
            shutil.rmtree(self.folder, ignore_errors=True)

    # -------------------------------------------------------------- helpers

    def sale(self, till: str) -> SaleSession:
        return self.tills[till].sales.current

    def next_sale(self, till: str, before: SaleSession) -> None:
        """The sale ended (committed, voided, an order): the next one opens, the customer stays on screen."""
        sales = self.tills[till].sales
        if before.status != "open":
            self.closed.append(before)
            self.ring_up(till, sales.open())

    def ring_up(self, till: str, sale: SaleSession) -> None:
        """Each sale starts with a jacket rung up: every step after it can end the sale."""
        self.tills[till].sales.add_line(sale, BasketLine("1002", "Wool jacket", 1, Decimal("1299")))

    def offers(self, till: str) -> list:
        """The offers of the sale's customer, who is identified first when the sale has none yet."""
        if self.sale(till).customer is None:
            self.identify(till, CUSTOMERS[0])
        customer = self.sale(till).customer
        return [*customer.promotions, *customer.vouchers] if customer is not None else []

    # -------------------------------------------------------------- rules

    @rule(till=st.sampled_from(TILLS), email=st.sampled_from(CUSTOMERS))
    def identify(self, till: str, email: str) -> None:
        t = self.tills[till]
        customer = self.run(t.service.identify(email)).customer
        if customer is None:
            return
        self.seen.setdefault(email, []).extend([*customer.promotions, *customer.vouchers])
        with contextlib.suppress(InputError):   # a sale waiting for the cashier keeps its customer
            t.sales.set_customer(self.sale(till), customer, email)

    @rule(till=st.sampled_from(TILLS), pick=PICKS)
    def apply(self, till: str, pick: int) -> None:
        offers = self.offers(till)
        if offers:
            with contextlib.suppress(InputError):
                self.tills[till].sales.apply(self.sale(till), offers[pick % len(offers)].id)

    @rule(till=st.sampled_from(TILLS), pick=PICKS)
    def scan_voucher(self, till: str, pick: int) -> None:
        self.offers(till)
        customer = self.sale(till).customer
        if customer is not None and customer.vouchers:
            voucher = customer.vouchers[pick % len(customer.vouchers)]
            self.run(self.tills[till].sales.identify(self.sale(till), voucher.voucher_number))

    @rule(till=st.sampled_from(TILLS), pick=PICKS)
    def remove_offer(self, till: str, pick: int) -> None:
        applied = self.sale(till).basket.discounts
        if applied:
            with contextlib.suppress(InputError):
                self.tills[till].sales.remove_offer(self.sale(till), applied[pick % len(applied)].source_id)

    @rule(till=st.sampled_from(TILLS))
    def make_order(self, till: str) -> None:
        """The window's Orders form: the basket (a copy) saved as an order, then the sale is over."""
        t, sale = self.tills[till], self.sale(till)
        if sale.status != "open" or t.sales.sale(sale).held is not None:
            return
        try:
            view = t.orders.create(sale.basket.copy(), sale.customer, Address(email="walk.in@example.se"))
        except InputError:
            return
        self.orders.append(view.order.order_id)
        t.sales.became_order(sale)   # the next sale opens, for the same customer
        self.closed.append(sale)
        self.ring_up(till, self.sale(till))

    @rule(till=st.sampled_from(TILLS), remove=st.booleans())
    def commit(self, till: str, remove: bool) -> None:
        t, sale = self.tills[till], self.sale(till)
        try:
            if t.sales.sale(sale).held is not None:
                t.sales.resolve(sale, remove=remove, cashier="kim")
            else:
                outcome = self.run(t.sales.commit(sale, "Card"))
                if outcome.refused:
                    t.sales.resolve(sale, remove=remove, cashier="kim")
        except InputError:
            return
        self.next_sale(till, sale)

    @rule(till=st.sampled_from(TILLS))
    def void(self, till: str) -> None:
        sale = self.sale(till)
        self.tills[till].sales.void(sale)
        self.next_sale(till, sale)

    @rule(till=st.sampled_from(TILLS), pick=PICKS)
    def cancel_order(self, till: str, pick: int) -> None:
        if self.orders:
            with contextlib.suppress(InputError):
                self.tills[till].orders.cancel(self.orders[pick % len(self.orders)])

    @rule(till=st.sampled_from(TILLS), email=st.sampled_from(CUSTOMERS), pick=PICKS, as_order=st.booleans())
    def sneak_stale_offer(self, till: str, email: str, pick: int, as_order: bool) -> None:
        """An offer from a list shown a while ago, on a fresh basket no reservation knows of."""
        seen = self.seen.get(email)
        if not seen:
            return
        t = self.tills[till]
        customer = self.run(t.service.identify(email)).customer
        offer = seen[pick % len(seen)]
        basket = Basket([BasketLine("1004", "Socks", 2, Decimal("49.50"))])
        try:
            basket.apply_promotion(offer) if isinstance(offer, Promotion) else basket.apply_voucher(offer)
            if as_order:
                self.orders.append(t.orders.create(basket, customer, Address()).order.order_id)
            else:
                self.run(t.service.commit(basket, customer))
        except InputError:
            return

    @rule(till=st.sampled_from(TILLS))
    def deliver(self, till: str) -> None:
        self.run(self.tills[till].drain())

    # -------------------------------------------------------------- what must hold

    @invariant()
    def each_offer_once(self) -> None:
        journal = self.tills[TILLS[0]].journal
        redemptions = [e for e in journal.entries() if e.kind in REDEMPTIONS]
        twice = [offer for offer, n in Counter(offer_of(e) for e in redemptions).items() if n > 1]
        assert not twice, f"offers with two redemption entries: {twice}"
        for entry in redemptions:
            uses = [(u.sale_id, u.status) for u in journal.offer_uses(offer_of(entry)) if u.entry_id == entry.id]
            assert len(uses) == 1 and uses[0][1] in ("committed", "conflict"), \
                f"redemption {entry.id} ({entry.idempotency_key}) is not the ledger's use: {uses}"
            assert entry.status is not EntryStatus.CONFLICT, f"Engage refused {entry.idempotency_key}: used twice"

    @invariant()
    def no_closed_sale_holds_an_offer(self) -> None:
        journal = self.tills[TILLS[0]].journal
        for sale in self.closed:
            if sale.basket.unique_id:
                held = [u.offer_id for u in journal.sale_offers(sale.basket.unique_id) if u.status == "reserved"]
                assert not held, f"{sale.status} sale {sale.basket.unique_id} still reserves {held}"

    def check_all_delivered(self) -> None:
        for till in TILLS:
            self.run(self.tills[till].drain())
        journal = self.tills[TILLS[0]].journal
        received = self.server.state.received
        booked = Counter([r["assignmentId"] for r in received.redemptions]
                         + [r["voucherId"] for r in received.voucher_redemptions])
        for entry in (e for e in journal.entries() if e.kind in REDEMPTIONS):
            assert entry.status is EntryStatus.DELIVERED, (entry.idempotency_key, entry.status, entry.last_error)
            assert booked[offer_of(entry)] == 1, (entry.idempotency_key, booked[offer_of(entry)])
        assert sum(booked.values()) == len([e for e in journal.entries() if e.kind in REDEMPTIONS])


class OrderOffersMachineDrained(OrderOffersMachine):
    def teardown(self) -> None:
        try:
            self.check_all_delivered()
        finally:
            super().teardown()


OrderOffersMachineDrained.TestCase.settings = settings(max_examples=25, stateful_step_count=30, deadline=None)
TestOrderOffersMachine = OrderOffersMachineDrained.TestCase
