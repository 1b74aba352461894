"""The offer ledger as a state machine: open baskets apply, remove and void offers and commit in any order, on a
real journal file. Whatever happens, an offer is committed by at most one sale, has at most one redemption entry,
and the till's answers agree with a plain model of who holds what."""

from __future__ import annotations

import asyncio
import shutil
import tempfile
from decimal import Decimal
from pathlib import Path

from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import Bundle, RuleBasedStateMachine, consumes, invariant, rule

from pos_engage.core.config import Config, TillSettings
from pos_engage.core.domain import ContactKey, KeyKind, Money, Promotion, RedemptionChannel, RewardVoucher, ValueType
from pos_engage.core.engage.client import EngageClient
from pos_engage.core.engage.online import Connectivity, OnlineMonitor
from pos_engage.core.errors import InputError
from pos_engage.core.journal.entry import EntryKind
from pos_engage.core.journal.offer_ledger import OfferAlreadyUsed
from pos_engage.core.journal.replayer import Replayer
from pos_engage.core.journal.store import Journal
from pos_engage.core.till.basket import Basket, BasketLine
from pos_engage.core.till.outcomes import Customer
from pos_engage.core.till.service import TillService

OFFERS = ([Promotion(f"p{n}", f"t{n}", f"{10 * (n + 1)} off", channels=(
    RedemptionChannel("POS", ValueType.MONEY, amount=Money(Decimal(10 * (n + 1)), "SEK")),)) for n in range(3)]
    + [RewardVoucher(f"v{n}", str(n), "Voucher", Money(Decimal("25"), "SEK")) for n in range(2)])


class LedgerMachine(RuleBasedStateMachine):
    baskets = Bundle("baskets")

    def __init__(self) -> None:
        super().__init__()
        self.folder = Path(tempfile.mkdtemp(prefix="ledger-machine-"))
        self.journal = Journal.open(self.folder / "journal.sqlite3")
        monitor = OnlineMonitor(offline_after=1, probe_interval=3600)
        monitor.state = Connectivity.OFFLINE  # Engage down: commits journal, nothing is sent
        self.client = EngageClient("http://127.0.0.1:9", "k", monitor=monitor)
        self.till = TillService(Config(till=TillSettings(offline_redemption="allow", offline_never=())),
                                self.client, self.journal, Replayer(self.journal, self.client, monitor=monitor))
        self.customer = Customer(ContactKey(KeyKind.EMAIL, "anna@example.se"), None,
                                 tuple(o for o in OFFERS if isinstance(o, Promotion)),
                                 tuple(o for o in OFFERS if isinstance(o, RewardVoucher)), offline=True)
        self.held: dict[str, int] = {}        # offer id -> the open basket (number) holding it
        self.committed: dict[str, str] = {}   # offer id -> the sale that committed it
        self.open: dict[int, Basket] = {}
        self.baskets_made = 0

    def teardown(self) -> None:
        self.journal.close()
        asyncio.run(self.client.aclose())
        shutil.rmtree(self.folder, ignore_errors=True)

    @rule(target=baskets)
    def new_basket(self) -> int:
        self.baskets_made += 1
        number = self.baskets_made
        self.open[number] = Basket([BasketLine("1002", "Wool jacket", 1, Decimal("1299"))])
        return number

    @rule(number=baskets, offer=st.sampled_from(OFFERS))
    def apply(self, number: int, offer) -> None:
        basket = self.open.get(number)
        if basket is None:
            return
        if any(d.source_id == offer.id for d in basket.discounts):
            return
        expected_refusal = offer.id in self.committed or self.held.get(offer.id, number) != number
        try:
            self.till.apply(basket, offer, self.customer)
        except OfferAlreadyUsed:
            assert expected_refusal
            return
        assert not expected_refusal, (offer.id, self.held, self.committed)
        self.held[offer.id] = number

    @rule(number=baskets, offer=st.sampled_from(OFFERS))
    def remove(self, number: int, offer) -> None:
        basket = self.open.get(number)
        if basket is None or not any(d.source_id == offer.id for d in basket.discounts):
            return
        self.till.remove_offer(basket, offer.id)
        if self.held.get(offer.id) == number:  # a sneaked offer was never held by this basket
            del self.held[offer.id]

    @rule(number=consumes(baskets))
    def void(self, number: int) -> None:
        basket = self.open.pop(number, None)
        if basket is None:
            return
        self.till.void(basket)
        for offer_id in [o for o, n in self.held.items() if n == number]:
            del self.held[offer_id]

    @rule(number=consumes(baskets), sneak=st.sampled_from(OFFERS) | st.none())
    def commit(self, number: int, sneak) -> None:
        """Commit; ``sneak``: an offer put on the basket without asking the ledger (as a second window might)."""
        basket = self.open.pop(number, None)
        if basket is None:
            return
        if sneak is not None and not any(d.source_id == sneak.id for d in basket.discounts):
            try:
                (basket.apply_promotion(sneak) if isinstance(sneak, Promotion) else basket.apply_voucher(sneak))
            except InputError:
                sneak = None
        else:
            sneak = None
        ids = [d.source_id for d in basket.discounts]
        expected_refusal = any(offer_id in self.committed for offer_id in ids)
        try:
            sale = asyncio.run(self.till.commit(basket, self.customer))
        except OfferAlreadyUsed:
            assert expected_refusal
            self.open[number] = basket  # nothing journaled: the cashier may still void it
            if sneak is not None:
                basket.release(sneak.id)
            return
        assert not expected_refusal, (ids, self.committed)
        for offer_id in ids:
            self.committed[offer_id] = sale.receipt_id
            if self.held.get(offer_id) == number:
                del self.held[offer_id]

    @invariant()
    def each_offer_is_committed_once_with_one_redemption(self) -> None:
        db = self.journal.connection
        committed = dict(db.execute("SELECT offer_id, count(*) FROM offer_ledger WHERE status = 'committed' "
                                    "GROUP BY offer_id").fetchall())
        assert all(count == 1 for count in committed.values())
        assert set(committed) == set(self.committed)
        for offer_id, sale_id in self.committed.items():
            uses = [u for u in self.journal.offer_uses(offer_id) if u.status == "committed"]
            assert [u.sale_id for u in uses] == [sale_id]
            redemption = self.journal.get(uses[0].entry_id)
            assert redemption.sale_id == sale_id and redemption.kind in (EntryKind.REDEEM_PROMOTION,
                                                                         EntryKind.REDEEM_VOUCHER)
        redemptions = db.execute("SELECT json_extract(payload, '$.assignmentId'), json_extract(payload, "
                                 "'$.voucherId') FROM entries WHERE kind IN ('redeem_promotion', "
                                 "'redeem_voucher')").fetchall()
        offers = [a or v for a, v in redemptions]
        assert len(offers) == len(set(offers)) == len(self.committed)


LedgerMachine.TestCase.settings = settings(max_examples=40, stateful_step_count=25, deadline=None)
TestLedgerMachine = LedgerMachine.TestCase
