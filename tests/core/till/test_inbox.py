"""The POS inbox: good files are claimed and finished, bad ones set aside with a reason, none lost."""

from __future__ import annotations

import json
import os
import time
from decimal import Decimal

from pos_engage.core.till.inbox import Inbox

BASKET = {"basket": {"currency": "SEK", "lines": [
    {"sku": "1002", "name": "Wool jacket", "quantity": 1, "unitPrice": "1299.00", "taxPercent": 25},
    {"sku": "1004", "name": "Socks", "quantity": -1, "unitPrice": 49.5}]}}
RECEIPT = {"contact": {"matchKey": "x", "matchKeyType": "externalId"}, "uniqueReceiptId": "pos-77",
           "receiptNumber": "77", "createdDate": "2026-11-23T10:00:00+01:00", "storeExternalId": "1",
           "currency": "SEK", "paymentMethods": [],
           "items": [{"type": "PURCHASE", "sku": "1001", "articleName": "T-shirt", "quantity": 2,
                      "grossPaidPrice": 398, "taxPercent": 25}]}


def drop(folder, name, content) -> None:
    (folder / name).write_text(content if isinstance(content, str) else json.dumps(content), encoding="utf-8")


def test_a_basket_file_is_claimed_then_done(tmp_path):
    inbox = Inbox(tmp_path)
    drop(tmp_path, "sale-1.json", BASKET)
    item, rejected = inbox.take()
    assert rejected == [] and item.source == "basket"
    assert [(line.sku, line.quantity, line.unit_price) for line in item.basket.lines] == [
        ("1002", 1, Decimal("1299.00")), ("1004", -1, Decimal("49.5"))]
    assert item.path.parent.name == "processing"
    assert inbox.take() == (None, [])  # claimed: not handed out twice
    inbox.finished(item)
    assert (tmp_path / "done" / "sale-1.json").exists()


def test_a_receipt_file_keeps_its_unique_id(tmp_path):
    inbox = Inbox(tmp_path)
    drop(tmp_path, "r.json", RECEIPT)
    item, _ = inbox.take()
    assert item.source == "receipt" and item.basket.unique_id == "pos-77"
    assert item.basket.lines[0].unit_price == Decimal("199.00") and item.basket.total == Decimal("398.00")


def test_a_receipt_file_keeps_the_payments_the_pos_took(tmp_path):
    inbox = Inbox(tmp_path)
    drop(tmp_path, "r.json", {**RECEIPT, "paymentMethods": [{"type": "Cash", "value": 100},
                                                            {"type": "Card", "value": 298}]})
    item, _ = inbox.take()
    taken = [(p.type, p.value) for p in item.basket.payments]
    assert taken == [("Cash", Decimal("100.00")), ("Card", Decimal("298.00"))]
    assert item.basket.remaining == 0


def test_bad_files_are_set_aside_with_the_reason(tmp_path):
    inbox = Inbox(tmp_path)
    drop(tmp_path, "a-broken.json", "{ not json")
    settled = time.time() - 60   # a broken file written just now may still be growing: it waits for the next poll
    os.utime(tmp_path / "a-broken.json", (settled, settled))
    drop(tmp_path, "b-empty.json", {"basket": {"lines": []}})
    drop(tmp_path, "c-price.json", {"basket": {"lines": [{"sku": "1", "quantity": 1, "unitPrice": "abc"}]}})
    drop(tmp_path, "d-good.json", BASKET)
    item, rejected = inbox.take()
    assert item is not None and item.path.name == "d-good.json"
    assert len(rejected) == 3
    for name in ("a-broken.json", "b-empty.json", "c-price.json"):
        assert (tmp_path / "rejected" / name).exists()  # kept, never deleted
        reason = (tmp_path / "rejected" / f"{name}.reason.txt").read_text()
        assert "set aside" in reason
    assert "unitPrice" in (tmp_path / "rejected" / "c-price.json.reason.txt").read_text()


def test_a_voided_inbox_sale_is_set_aside_not_lost(tmp_path):
    inbox = Inbox(tmp_path)
    drop(tmp_path, "v.json", BASKET)
    item, _ = inbox.take()
    inbox.voided(item, "customer changed their mind")
    assert "customer changed their mind" in (tmp_path / "rejected" / "v.json.reason.txt").read_text()
