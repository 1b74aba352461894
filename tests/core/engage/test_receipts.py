"""Client + simulator: receipts booked once per uniqueReceiptId, returns, deferred matching."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal

from pos_engage.core.domain import Discount, ItemType, MatchKey, MatchKeyType, Payment, Receipt, ReceiptItem

STOCKHOLM = timezone(timedelta(hours=1))


def make_receipt(unique_id: str, contact: MatchKey, *items: ReceiptItem) -> Receipt:
    items = items or (ReceiptItem("1001", "T-shirt", 2, Decimal("398.00"), Decimal("25")),)
    total = sum((i.signed_total for i in items), Decimal(0))
    return Receipt(unique_id, unique_id, datetime(2026, 11, 23, 14, 5, tzinfo=STOCKHOLM), "1", "SEK", contact, items,
                   payments=(Payment("Card", total),))


async def test_receipt_is_booked_once_however_often_it_is_sent(client, showcase, sim_state):
    receipt = make_receipt("r-1", MatchKey(showcase["Anna"]["id"]))
    for _ in range(3):
        await client.post_receipt(receipt)
    summary = sim_state.received.summary()
    assert summary["receipts"] == ["r-1"]
    assert summary["receipt_posts"] == {"r-1": 3}
    assert summary["duplicate_receipts"] == 2
    history = await client.purchase_history(showcase["Anna"]["id"])
    assert sum(1 for t in history.items if t.transaction_number == "r-1") == 1


async def test_mixed_purchase_and_return_with_discount_is_accepted(client, showcase, sim_state):
    receipt = make_receipt(
        "r-mixed", MatchKey(showcase["Anna"]["id"]),
        ReceiptItem("1002", "Wool jacket", 1, Decimal("1039.20"), Decimal("25"),
                    discounts=(Discount(Decimal("-259.80"), "20 % off today", "promotion"),)),
        ReceiptItem("1004", "Socks", 2, Decimal("198.00"), Decimal("25"), type=ItemType.RETURN),
    )
    assert receipt.total_gross_price == Decimal("841.20")
    await client.post_receipt(receipt)
    sent = sim_state.received.receipts["r-mixed"]
    assert sent["totalGrossPrice"] == 841.2
    assert [(i["type"], i["quantity"], i["grossPaidPrice"]) for i in sent["items"]] == [
        ("PURCHASE", 1, 1039.2), ("RETURN", -2, 198.0)]


async def test_receipt_matched_later_by_email_when_identified_offline(client, showcase, sim_state):
    await client.post_receipt(make_receipt("r-mail", MatchKey(showcase["Anna"]["email"], MatchKeyType.EMAIL)))
    await client.post_receipt(make_receipt("r-nobody", MatchKey("ghost@example.se", MatchKeyType.EMAIL)))
    assert sim_state.received.unmatched_receipts == ["r-nobody"]
    assert "r-mail" in sim_state.received.receipts


async def test_receipt_json_from_a_file_is_checked_then_sent(client, sim_state, showcase):
    payload = {
        "contact": {"matchKey": showcase["Anna"]["memberNumber"], "matchKeyType": "MemberNumber"},
        "uniqueReceiptId": "file-1", "receiptNumber": "77", "createdDate": "2026-11-23T10:00:00+01:00",
        "storeExternalId": "1", "currency": "sek", "totalGrossPrice": 99.0,
        "paymentMethods": [{"type": "Cash", "value": 99}],
        "items": [{"type": "PURCHASE", "sku": "1004", "articleName": "Socks", "quantity": 1, "grossPaidPrice": 99,
                   "taxPercent": 25, "unknownField": "ignored"}],
    }
    await client.post_receipt_json(payload)
    # Passed through as the POS wrote it (issue 16, Fidelity): Engage compares the enum case-insensitively.
    assert sim_state.received.receipts["file-1"]["contact"]["matchKeyType"] == "MemberNumber"
    assert sim_state.received.receipts["file-1"]["items"][0]["unknownField"] == "ignored"
    assert "file-1" not in sim_state.received.unmatched_receipts
