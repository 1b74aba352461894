"""The POS link as a hypothesis state machine: a POS over real loopback HTTP and the cashier in the window (the
session's use cases, as the link bridge calls them) drive a few sales at once against the simulator: open or
replace baskets, identify customers, apply and remove offers from either side, void, commit (with a new key, the
same key again, or totals that differ), take Engage down and up, deliver, and restart the till on the same journal
file. What docs/pos-link.md promises must hold whatever the order:

1. every answer is 2xx, or problem+json with a documented code (never a 500);
2. a commit answered once is the commit: the same key answers the same body (also after a restart), another key
   or a PUT of that posSaleId is a 409 (SaleCommitted / SaleIdUsed), and a voided sale stays voided;
3. at no time do two open sales hold the same offer (the offer ledger), and no offer is in two committed sales;
4. a commit whose totals differ from the session's is refused (409 TotalsDiffer) and changes nothing;
5. once Engage is back and the journal drained, the simulator (the oracle) booked exactly one receipt for each
   committed sale that was posted, none for any other, each carrying the offers its commit answered applied, and
   redeemed each of those offers exactly once, unless the commit named it refused.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import shutil
import tempfile
import uuid
from pathlib import Path

from hypothesis import event, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule

from pos_engage.core.journal.entry import EntryStatus
from pos_engage.core.till.pos_commit_input import created_now
from pos_engage.sim.state import SimState
from tests.link.conftest import served

SALES = ("s1", "s2", "s3")
CUSTOMERS = ("anna.andersson@example.se", "ingrid.andersson14@example.se")
ARTICLES = [
    {"lineId": "a", "sku": "1002", "name": "Wool jacket", "quantity": 1, "lineTotal": 129900, "vatPercent": 25},
    {"lineId": "b", "sku": "1001", "name": "T-shirt", "quantity": 3, "lineTotal": 59700, "vatPercent": 25},
    {"lineId": "c", "sku": "2001", "name": "Cheese, 0.412 kg", "quantity": 0.412, "lineTotal": 8240,
     "vatPercent": 12},
    {"lineId": "d", "sku": "3001", "name": "Socks", "quantity": 2, "lineTotal": 9800, "vatPercent": 25},
]
DOCUMENTED = set(re.findall(r"^\| `([A-Za-z]+)` \| \d{3} \|", (Path(__file__).parents[2] / "docs" / "pos-link.md")
                            .read_text(encoding="utf-8"), re.MULTILINE))


class LinkMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.loop = asyncio.new_event_loop()
        self.folder = Path(tempfile.mkdtemp(prefix="link-machine-"))
        self.tenant = SimState(seed=7, api_keys=("till-a",))
        self.stack: contextlib.AsyncExitStack | None = None
        self.rig = None
        self.committed: dict[str, dict] = {}     # posSaleId -> {"key", "body", "answer"} of the commit answered 200
        self.voided: set[str] = set()
        self.sent: dict[str, dict] = {}          # posSaleId -> the body of its last PUT
        self.restarts = 0
        self.start()

    # ------------------------------------------------------------------ the till, started and stopped

    def run(self, coroutine):
        return self.loop.run_until_complete(coroutine)

    def start(self) -> None:
        self.stack = contextlib.AsyncExitStack()
        self.rig = self.run(self.stack.enter_async_context(served(self.tenant, self.folder / "journal.sqlite3")))

    def stop(self) -> None:
        stack, self.stack, self.rig = self.stack, None, None
        self.run(stack.aclose())

    def teardown(self) -> None:
        try:
            if self.rig is not None:
                self.drain_and_check()
        finally:
            if self.stack is not None:
                with contextlib.suppress(Exception):
                    self.stop()
            self.loop.close()
            shutil.rmtree(self.folder, ignore_errors=True)

    # ------------------------------------------------------------------ the POS's requests

    def call(self, method: str, path: str, **kwargs) -> tuple[int, dict]:
        answer = self.run(self.rig.http.request(method, path, **kwargs))
        body = answer.json() if answer.content else {}
        # (1) 2xx, or problem+json naming a documented code
        assert answer.status_code < 500, f"{method} {path}: {answer.status_code} {answer.text}"
        if answer.status_code >= 400:
            assert answer.headers["content-type"].startswith("application/problem+json"), answer.text
            assert body.get("code") in DOCUMENTED, f"{method} {path}: undocumented {body.get('code')}: {body}"
            event(f"{method} {path.split('/')[-1] if path.count('/') > 3 else 'sale'}: {body['code']}")
        return answer.status_code, body

    def state(self, sale: str) -> dict | None:
        status, body = self.call("GET", f"/v1/sales/{sale}")
        return body if status == 200 else None

    def expect_closed(self, sale: str, status: int, body: dict) -> None:
        """(2) a committed or voided posSaleId says so."""
        if sale in self.committed:
            assert status == 409 and body["code"] in ("SaleCommitted", "SaleIdUsed"), (sale, status, body)
        elif sale in self.voided:
            assert status == 409 and body["code"] in ("SaleVoided", "SaleIdUsed"), (sale, status, body)

    @rule(sale=st.sampled_from(SALES), lines=st.lists(st.sampled_from(range(len(ARTICLES))), min_size=1,
                                                      max_size=4, unique=True),
          customer=st.sampled_from((None, None, *CUSTOMERS)))
    def put(self, sale: str, lines: list[int], customer: str | None) -> None:
        sent = {"currency": "SEK", "lines": [ARTICLES[n] for n in sorted(lines)]}
        if customer:
            sent["customerKey"] = customer
        status, body = self.call("PUT", f"/v1/sales/{sale}", json=sent)
        self.sent[sale] = sent
        self.expect_closed(sale, status, body)
        if status == 200:
            assert [line["lineId"] for line in body["lines"]] == [line["lineId"] for line in sent["lines"]]
            assert body["totals"]["toPay"] == sum(line["lineTotal"] for line in body["lines"])

    @rule(sale=st.sampled_from(SALES), customer=st.sampled_from(CUSTOMERS),
          lines=st.lists(st.sampled_from(range(len(ARTICLES))), min_size=1, max_size=4, unique=True),
          picks=st.lists(st.integers(0, 9), max_size=3), by_put=st.booleans())
    def ring_up(self, sale: str, customer: str, lines: list[int], picks: list[int], by_put: bool) -> None:
        """What most POS sales are: the basket with the customer's card, then an offer or two, each applied by
        its own request or named in the basket sent again (``offers``, as a POS that writes files does)."""
        self.put(sale, lines, customer)
        if not by_put:
            for pick in picks:
                self.apply(sale, pick, window=False)
            return
        state = self.state(sale)
        if state is None or not state["offers"] or not picks:
            return
        wanted = list(dict.fromkeys(state["offers"][pick % len(state["offers"])]["offerId"] for pick in picks))
        sent = {"currency": "SEK", "lines": [ARTICLES[n] for n in sorted(lines)], "customerKey": customer,
                "offers": wanted}
        status, body = self.call("PUT", f"/v1/sales/{sale}", json=sent)
        self.sent[sale] = sent
        if status == 200:
            applied = [a["offerId"] for a in body["applied"]]
            for offer in wanted:   # applied, or said why not
                assert offer in applied or any(offer in message for message in body["messages"]), (offer, body)
            event(f"PUT offers: {len([o for o in wanted if o in applied])} of {len(wanted)} applied")

    @rule(sale=st.sampled_from(SALES), cashier_removes=st.booleans())
    def put_again(self, sale: str, cashier_removes: bool) -> None:
        """A POS sends its whole sale again with every article (its offers named): what the cashier took off in the
        window meanwhile stays off, and the same body sent again once taken is no change (the same state, version)."""
        sent = self.sent.get(sale)
        if sent is None:
            return
        taken_off = None
        if cashier_removes and sent.get("offers"):
            state = self.state(sale)   # the cashier takes an offer off an open sale (a closed one has no window)
            named = [a["offerId"] for a in state["applied"] if a["offerId"] in sent["offers"]] \
                if state and state["status"] == "open" else []
            if named:
                taken_off = named[0]
                self.run(self.rig.sessions.remove_offer(sale, taken_off))
        status, first = self.call("PUT", f"/v1/sales/{sale}", json=sent)
        self.expect_closed(sale, status, first)
        if status != 200:
            return
        if taken_off is not None:
            assert taken_off not in [a["offerId"] for a in first["applied"]], (taken_off, first)
            event("PUT again: the offer the cashier took off stays off")
        # Sent again, it is no change: the same state, version included. The first may still differ from the one
        # before it by what came of its own customerKey's lookup (a sale the till no longer held, opened anew:
        # "Engage is not answering: the customer is attached ..." in its messages, which the next PUT does not
        # repeat, as the key is no longer new); from the second on, nothing differs.
        status, second = self.call("PUT", f"/v1/sales/{sale}", json=sent)
        status, third = self.call("PUT", f"/v1/sales/{sale}", json=sent)
        assert status == 200 and third == second, (second, third)

    @rule(sale=st.sampled_from(SALES), customer=st.sampled_from(CUSTOMERS))
    def identify(self, sale: str, customer: str) -> None:
        status, body = self.call("POST", f"/v1/sales/{sale}/customer", json={"key": customer})
        self.expect_closed(sale, status, body)

    @rule(sale=st.sampled_from(SALES), pick=st.integers(0, 9), window=st.booleans())
    def apply(self, sale: str, pick: int, window: bool) -> None:
        state = self.state(sale)
        if state is None or not state["offers"]:
            return
        # Mostly what the state offers as applicable (what a cashier picks), now and then one it does not
        usable = [o for o in state["offers"] if o["applicable"]] if pick % 5 else []
        choice = usable or state["offers"]
        offer = choice[pick % len(choice)]["offerId"]
        if window:   # the cashier, through the session's use case (as the link bridge calls it)
            try:
                self.run(self.rig.sessions.apply(sale, offer))
                event("window apply: applied")
            except Exception as refused:   # the window shows any refusal: which one is not what this checks
                event(f"window apply: {type(refused).__name__}")
            return
        status, body = self.call("POST", f"/v1/sales/{sale}/offers/{offer}")
        if status == 200:
            event("POS apply: applied")
            assert offer in [a["offerId"] for a in body["applied"]]

    @rule(sale=st.sampled_from(SALES), pick=st.integers(0, 3), window=st.booleans())
    def remove(self, sale: str, pick: int, window: bool) -> None:
        state = self.state(sale)
        if state is None or not state["applied"]:
            return
        offer = state["applied"][pick % len(state["applied"])]["offerId"]
        if window:
            try:
                self.run(self.rig.sessions.remove_offer(sale, offer))
            except Exception as refused:   # as apply's
                event(f"window remove: {type(refused).__name__}")
            return
        status, body = self.call("DELETE", f"/v1/sales/{sale}/offers/{offer}")
        if status == 200:
            assert offer not in [a["offerId"] for a in body["applied"]]

    @rule(sale=st.sampled_from(SALES))
    def void(self, sale: str) -> None:
        status, body = self.call("POST", f"/v1/sales/{sale}/void")
        if sale in self.committed:
            self.expect_closed(sale, status, body)
        if status == 200:
            assert body["status"] == "voided"
            self.voided.add(sale)

    @rule(sale=st.sampled_from(SALES), again=st.booleans(), off_by=st.sampled_from((0, 0, 0, 1, -100)))
    def commit(self, sale: str, again: bool, off_by: int) -> None:
        if again and sale in self.committed:   # the POS lost the answer: the same request, the same key
            first = self.committed[sale]
            status, body = self.call("POST", f"/v1/sales/{sale}/commit", json=first["body"],
                                     headers={"Idempotency-Key": first["key"]})
            assert (status, body) == (200, first["answer"]), "a commit sent again answered otherwise"
            return
        state = self.state(sale)
        if state is None:
            return
        to_pay = state["totals"]["toPay"] + off_by
        sent = {"receiptNumber": f"R-{uuid.uuid4().hex[:8]}", "createdDate": created_now(), "total": to_pay,
                "payments": [{"method": "Card", "amount": to_pay}]}
        key = uuid.uuid4().hex
        status, body = self.call("POST", f"/v1/sales/{sale}/commit", json=sent, headers={"Idempotency-Key": key})
        if state["status"] != "open":
            assert status == 409 or (status == 200 and sale in self.committed and off_by == 0), (status, body)
            return
        if off_by:   # (4) refused, nothing changed
            assert status == 409 and body["code"] == "TotalsDiffer", (status, body)
            assert self.state(sale)["version"] == state["version"]
            return
        if status == 200:
            assert body["status"] == "committed"
            event(f"commit: {len(body['applied'])} offer(s), posted {body['receipt']['posted']}, "
                  f"{len(body['receipt']['refusedOffers'])} refused")
            self.committed[sale] = {"key": key, "body": sent, "answer": body}

    # ------------------------------------------------------------------ the world around

    @rule(down=st.booleans())
    def engage(self, down: bool) -> None:
        self.tenant.faults.update({"down": down})

    @rule()
    def deliver(self) -> None:
        self.run(self.rig.service.deliver_now())

    @rule()
    def restart(self) -> None:
        """The till stops (its open sales are gone, docs: "The till restarted") and starts on the same file."""
        self.stop()
        self.start()
        self.restarts += 1
        self.voided.clear()   # docs: a voided sale's id is unknown after a restart and can be opened again
        for sale in self.committed:   # (2) still committed, and the same key still answers the same
            first = self.committed[sale]
            status, body = self.call("POST", f"/v1/sales/{sale}/commit", json=first["body"],
                                     headers={"Idempotency-Key": first["key"]})
            assert (status, body) == (200, first["answer"]), f"{sale}'s commit answered otherwise after a restart"

    @invariant()
    def no_offer_twice(self) -> None:
        """(3) an offer is in at most one open sale, and in at most one committed sale."""
        if self.rig is None:
            return
        held: dict[str, str] = {}
        for session in list(self.rig.sessions._sessions.values()):
            if session.status != "open":
                continue
            for discount in session.basket.discounts:
                assert discount.source_id not in held, (
                    f"{discount.source_id} applied in open sales {held[discount.source_id]} and "
                    f"{session.pos_sale_id}")
                held[discount.source_id] = session.pos_sale_id
        used: dict[str, str] = {}
        for sale, commit in self.committed.items():
            for applied in commit["answer"]["applied"]:
                assert applied["offerId"] not in used, f"{applied['offerId']} committed in {used} and {sale}"
                used[applied["offerId"]] = sale

    # ------------------------------------------------------------------ at the end: what Engage booked

    def drain_and_check(self) -> None:
        self.tenant.faults.update({"down": False})
        self.rig.service.client.monitor.last_probe_at = 0
        journal = self.rig.service.journal
        for _ in range(10):
            self.run(self.rig.service.redemptions_settled())
            self.run(self.rig.service.deliver_now())
            if all(e.status is EntryStatus.DELIVERED for e in journal.entries(limit=1_000_000)):
                break
        left = [(e.id, e.kind, e.status) for e in journal.entries(limit=1_000_000)
                if e.status is not EntryStatus.DELIVERED]
        assert not left, f"not delivered once Engage was back: {left}"
        received = self.tenant.received
        posted = {commit["answer"]["receipt"]["uniqueReceiptId"]: (sale, commit)
                  for sale, commit in self.committed.items() if commit["answer"]["receipt"]["posted"]}
        # (5) one receipt per posted commit, none else
        assert set(received.receipts) == set(posted), (sorted(received.receipts), sorted(posted))
        assert all(received.receipt_posts[receipt] == 1 for receipt in posted), dict(received.receipt_posts)
        redeemed: dict[str, int] = {}
        for record in received.redemptions:
            redeemed[record["assignmentId"]] = redeemed.get(record["assignmentId"], 0) + 1
        for record in received.voucher_redemptions:
            redeemed[record["voucherId"]] = redeemed.get(record["voucherId"], 0) + 1
        committed_offers: set[str] = set()
        for sale, commit in posted.values():
            answer = commit["answer"]
            refused = set(answer["receipt"]["refusedOffers"])
            for applied in answer["applied"]:
                committed_offers.add(applied["offerId"])
                if applied["offerId"] not in refused:
                    assert redeemed.get(applied["offerId"]) == 1, (
                        f"{sale}'s offer {applied['offerId']} redeemed {redeemed.get(applied['offerId'], 0)} times")
        # nothing redeemed that no committed sale took
        assert set(redeemed) <= committed_offers, (sorted(redeemed), sorted(committed_offers))


LinkMachine.TestCase.settings = settings(
    max_examples=int(os.environ.get("POS_ENGAGE_LINK_MACHINE_EXAMPLES", "20")), stateful_step_count=25, deadline=None)
TestLinkMachine = LinkMachine.TestCase
