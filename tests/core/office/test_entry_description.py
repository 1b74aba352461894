"""An entry's details say what it is and where it came from (a POS receipt's number, total, payment and sale id; a
redemption's offer and receipt), who did what in words, and the customer's key short (the manager review of the
queue window found "receipt", "-" and 32 stars)."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal

from pos_engage.core.domain import MatchKey, MatchKeyType, Payment, Receipt, ReceiptItem
from pos_engage.core.domain.sales import Discount
from pos_engage.core.journal import payloads
from pos_engage.core.office.entry_description import NO_MANAGER_ACTION, audit_lines, describe, short_key
from pos_engage.core.office.entry_wording import view_of
from pos_engage.core.office.queue import ManagerActions
from pos_engage.core.pin import hash_pin

CONTACT_ID = "9b810e76-6ec9-4286-a3ca-828dd5f4b3b2"
WHEN = datetime(2026, 11, 27, 22, 40, tzinfo=timezone(timedelta(hours=1)))


def receipt(unique_id: str, number: str, *, payments=(("Card", "874.29"),), offer: str | None = None,
            extra=None) -> Receipt:
    discounts = (Discount(Decimal("-50.00"), offer, "promotion"),) if offer else ()
    return Receipt(unique_id, number, WHEN, "1", "SEK", MatchKey(CONTACT_ID, MatchKeyType.CONTACT_ID),
                   (ReceiptItem("3001", "Jeans slim", 1, Decimal("874.29"), Decimal("25"), discounts=discounts),),
                   payments=tuple(Payment(t, Decimal(v)) for t, v in payments),
                   used_promotions=("promo-1",) if offer else ())


def test_a_pos_receipt_names_its_number_total_payment_and_pos_sale(journal):
    entry = journal.record([payloads.receipt(receipt("1-1-pos-2003", "2003"))])[0]
    assert describe(entry, journal) == "Receipt 2003 — 874.29 SEK, Card — from the POS (sale pos-2003)"


def test_the_windows_own_sale_and_a_return_say_so(journal):
    own, back = journal.record([
        payloads.receipt(receipt("1-1-20261127212928-a685fb", "20261127212928-a685fb",
                                 payments=(("Cash", "200.00"), ("Swish", "674.29")))),
        payloads.receipt(receipt("1-1-20261127213000-b00b00", "20261127213000-b00b00"),
                         extra_data=[("originalUniqueReceiptId", "1-1-pos-2001"), ("originalReceiptNumber", "2001")]),
    ])
    assert describe(own, journal) == ("Receipt 20261127212928-a685fb — 874.29 SEK, Cash, Swish — rung up in this "
                                      "till's window")
    assert describe(back, journal).startswith("Return 20261127213000-b00b00 of receipt 2001 — ")


def test_a_redemption_names_the_offer_and_its_receipt(journal):
    journal.record([payloads.receipt(receipt("1-1-pos-2003", "2003", offer="50 kr off your purchase"))])
    redemption = journal.record([payloads.promotion_redemption("assignment-1", contact_id=CONTACT_ID,
                                                               promotion_id="promo-1", sale_id="1-1-pos-2003")])[0]
    assert describe(redemption, journal) == ("Offer '50 kr off your purchase' for receipt 2003, from the POS "
                                             "(sale pos-2003)")
    alone = journal.record([payloads.promotion_redemption("assignment-2", contact_id=CONTACT_ID,
                                                          promotion_id="promo-2", sale_id="1-1-pos-9")])[0]
    assert describe(alone, journal) == "Offer for sale 1-1-pos-9 (its receipt is not in this journal)"


def test_the_description_keeps_its_template_for_the_tills_language(journal):
    entry = journal.record([payloads.receipt(receipt("1-1-pos-2003", "2003"))])[0]
    text = describe(entry, journal)
    assert text.template == "Receipt {number} — {amount}, {payment} — {origin}"
    assert text.values["origin"].template == "from the POS (sale {sale})"


def test_who_did_what_in_words(journal):
    entry = journal.record([payloads.receipt(receipt("1-1-pos-2003", "2003"))])[0]
    assert audit_lines(journal.audit_log(entry.id)) == [NO_MANAGER_ACTION] == ["No manager action yet"]
    record = {"value": hash_pin("4826")}
    ManagerActions(journal, till="1", pin_store=lambda: record["value"]).resolve(entry.id, reason="booked by hand",
                                                                                pin="4826")
    (line,) = audit_lines(journal.audit_log(entry.id))
    assert " closed without sending by " in line and line.endswith(": booked by hand")
    assert "resolve" not in line


def test_a_contact_id_is_masked_short():
    assert short_key(CONTACT_ID) == "***b3b2"
    assert short_key("anna@example.se") == "a***@example.se" and short_key("+46701234567") == "+*******4567"
    assert short_key("191212121212") == "**********12"   # a personal number as everywhere else


def test_the_queue_row_shows_the_short_mask(journal):
    entry = journal.record([payloads.receipt(receipt("1-1-pos-2003", "2003"))])[0]
    assert view_of(entry).customer == "***b3b2"


def test_a_till_id_with_a_dash_names_the_pos_sale_and_the_windows_own_sale_rightly(journal):
    """A till id may hold '-' (config_checks.safe_id): "1-till-a-pos-2003" was read as till "till", sale
    "a-pos-2003", and the window's own "1-till-a-<time>-<hex>" as a POS sale "a-<time>-<hex>"."""
    pos, own = journal.record([payloads.receipt(receipt("1-till-a-pos-2003", "2003")),
                               payloads.receipt(receipt("1-till-a-20261127212928-a685fb", "20261127212928-a685fb"))])
    assert describe(pos, journal, till="till-a").endswith("— from the POS (sale pos-2003)")
    assert describe(own, journal, till="till-a").endswith("— rung up in this till's window")
    assert describe(own, journal).endswith("— rung up in this till's window")   # the till unknown: still the window's
