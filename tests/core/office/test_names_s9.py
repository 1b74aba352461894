"""One name for one sale (session 9's screenshots): the till's window said "Sale 1-1-20261128023302-29d3a9" of the sale
it had just rung up, the manager's queue "Receipt 20261128023302-29d3a9" of the same sale. Both now take the number
from core's one rule (entry_description.receipt_number, read by sale_number for the window): the receipt's number as
journaled, or, for a sale nothing was journaled of, the number the basket gives its receipt."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal

from pos_engage.core.domain import MatchKey, MatchKeyType
from pos_engage.core.journal import payloads
from pos_engage.core.journal.entry import EntryKind, NewEntry
from pos_engage.core.office.entry_description import describe, sale_number
from pos_engage.core.till.basket import Basket, BasketLine

CARD = MatchKey("7350000000016", MatchKeyType.CARD_ID)
CREATED = datetime(2026, 11, 28, 2, 33, 2, tzinfo=UTC)


def window_receipt(store: str = "1", till: str = "1"):
    """A receipt as the till's window makes one: its basket numbers it (store-till-<time>-<hex>)."""
    basket = Basket([BasketLine(sku="1001", name="T-shirt", unit_price=Decimal("199.00"), quantity=1)])
    return basket.to_receipt(contact=CARD, store=store, till=till, created=CREATED)


def test_the_window_and_the_queue_name_a_journaled_sale_alike(journal):
    receipt = window_receipt()
    [entry] = journal.record([payloads.receipt(receipt)])
    number = sale_number(journal, receipt.unique_receipt_id, store="1", till="1")
    # Not the receipt id the window was handed (1-1-20261128023302-…): the queue's number.
    assert number != receipt.unique_receipt_id and receipt.unique_receipt_id.endswith(f"-{number}")
    assert str(describe(entry, journal, till="1")).startswith(f"Receipt {number} — ")


def test_the_number_is_the_receipts_own_as_journaled(journal):
    # A receipt the POS numbered itself (a basket file, a POS link sale): its own number, as the queue says it.
    receipt = replace(window_receipt(), receipt_number="5911")
    [entry] = journal.record([payloads.receipt(receipt)])
    assert sale_number(journal, receipt.unique_receipt_id, store="1", till="1") == "5911"
    assert str(describe(entry, journal, till="1")).startswith("Receipt 5911 — ")


def test_a_sale_nothing_was_journaled_of_goes_by_its_receipts_number(journal):
    # No customer and no catch-all contact: counted, never journaled; the window still names it as its receipt does.
    receipt = window_receipt(store="12", till="3")
    assert sale_number(journal, receipt.unique_receipt_id, store="12", till="3") == receipt.receipt_number



def test_an_order_is_named_by_the_id_the_orders_window_shows(journal):
    # The queue's row said only "order": which of a customer's orders waits was not told.
    order_id = "1-1-20261128025833-08fc"
    created, confirmed = journal.record([
        NewEntry(EntryKind.ORDER_CREATE, {"order": {"orderId": order_id, "status": "Created"}}, f"order:{order_id}:1"),
        NewEntry(EntryKind.ORDER_ACTION, {"orderId": order_id, "action": "ConfirmOrder"},
                 f"order-action:{order_id}:1")])
    assert str(describe(created)) == f"Order {order_id}"
    assert str(describe(confirmed)) == f"Message for order {order_id}"
