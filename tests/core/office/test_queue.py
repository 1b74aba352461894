"""The manager's view: plain words, masked data, and PIN-guarded, audited actions."""

from __future__ import annotations

import pytest

from pos_engage.core.domain import MatchKey, MatchKeyType, NewContact
from pos_engage.core.domain.checks import mask
from pos_engage.core.errors import InputError
from pos_engage.core.journal import payloads
from pos_engage.core.journal.claims import Settlement
from pos_engage.core.journal.entry import EntryStatus
from pos_engage.core.office.entry_wording import explain, view_of
from pos_engage.core.office.masking import masked_payload
from pos_engage.core.office.queue import ManagerActions
from pos_engage.core.pin import PinLocked, hash_pin
from tests.core.conftest import sale


@pytest.fixture
def actions(journal):
    record = {"value": hash_pin("4826")}
    return ManagerActions(journal, till="3", pin_store=lambda: record["value"])


def fail(journal, entry_id, status, code, error):
    journal.claim_due()
    journal.settle([Settlement(entry_id, status, error_code=code, error=error)])


def test_rows_in_plain_words_with_masked_customers(journal):
    entry = journal.record([payloads.receipt(sale("r1", MatchKey("anna.andersson@example.se", MatchKeyType.EMAIL)))])[0]
    view = view_of(entry)
    assert (view.kind, view.customer, view.amount, view.status) == ("receipt", "a***@example.se", "199.00 SEK",
                                                                     "pending")
    assert mask("+46701234567") == "+*******4567"


def test_a_rejected_email_says_what_to_do(journal):
    entry = journal.record([payloads.registration(NewContact(email="x@example.se"), store_external_id="1")])[0]
    fail(journal, entry.id, EntryStatus.NEEDS_ATTENTION, "ValidationError",
         "422: ValidationError: invalid (email: The email address is not valid)")
    assert explain(journal.get(entry.id)).startswith("Engage rejected the email address: correct it and retry")


def test_a_refused_receipt_is_not_told_to_be_corrected_but_what_the_queue_lets_a_manager_do(journal, actions):
    """Only a registration has a Correct in the queue (ManagerActions.correct); a refused receipt is retried once
    the cause is put right, or resolved with the reason: that is what it says, never "correct it"."""
    for unique_id, error in (("r-total", "400: InvalidReceipt: totalGrossPrice does not match"),
                             ("r-other", "400: InvalidReceipt: unknown store")):
        entry = journal.record([payloads.receipt(sale(unique_id))])[0]
        fail(journal, entry.id, EntryStatus.NEEDS_ATTENTION, "InvalidReceipt", error)
        said = str(explain(journal.get(entry.id)))
        assert "correct it" not in said.lower() and "Only a registration can be corrected here" in said
        assert "retry this once the cause Engage gives is put right" in said and "resolve it with the reason" in said
        with pytest.raises(InputError):    # and indeed: the queue has no correction for a receipt
            actions.to_correct(entry.id, pin="4826")
    assert str(explain(journal.get(entry.id))).startswith("Engage refused this receipt.")


def test_a_till_engage_refuses_key_or_address_is_for_it_and_nothing_is_lost(journal):
    for code, error in (("Unauthorized", "401: Unauthorized: Engage refused the API key: check it in settings (IT)"),
                        ("EngageAuthError", "403: Engage does not allow this till's address: call IT")):
        entry = journal.record([payloads.receipt(sale(f"r-{code}"))])[0]
        fail(journal, entry.id, EntryStatus.WAITING_RETRY, code, error)
        assert explain(journal.get(entry.id)).startswith("Engage refused this till (its API key or its address): "
                                                         "call IT. Everything is kept")


def test_conflicts_and_waiting_dependents_are_explained(journal):
    registration, receipt = journal.record([
        payloads.registration(NewContact(email="x@example.se"), store_external_id="1"),
        payloads.receipt(sale("r2"), depends_on_index=0)])
    fail(journal, registration.id, EntryStatus.CONFLICT, "PromotionAlreadyRedeemed", "409")
    assert "already used" in explain(journal.get(registration.id))
    assert f"Waits for entry {registration.id}" in explain(journal.get(receipt.id), journal.get(registration.id))


def test_payloads_are_masked_for_display(journal):
    entry = journal.record([payloads.registration(NewContact(email="kari@example.no", mobile_phone="+4791234567"),
                                                  store_external_id="1")])[0]
    shown = masked_payload(entry)["contact"]
    assert shown["email"] == "k***@example.no" and shown["mobilePhone"] == "+******4567"


def test_actions_need_the_pin_and_are_audited(journal, actions):
    entry = journal.record([payloads.receipt(sale("r3"))])[0]
    fail(journal, entry.id, EntryStatus.NEEDS_ATTENTION, "InvalidReceipt", "bad total")
    with pytest.raises(InputError, match="Wrong PIN"):
        actions.retry(entry.id, pin="0000")
    assert journal.get(entry.id).status is EntryStatus.NEEDS_ATTENTION
    with pytest.raises(InputError, match="Say why"):
        actions.resolve(entry.id, pin="4826", reason=" ")
    actions.resolve(entry.id, pin="4826", reason="booked by hand")
    (row,) = journal.audit_log(entry.id)
    assert (row["action"], row["actor"], row["till"], row["reason"]) == ("resolve", "manager (the till's PIN)", "3",
                                                                         "booked by hand")


def test_the_pin_locks_after_repeated_wrong_attempts(journal, actions):
    entry = journal.record([payloads.receipt(sale("r4"))])[0]
    for _ in range(5):
        with pytest.raises(InputError):
            actions.retry(entry.id, pin="9999")
    with pytest.raises(PinLocked):
        actions.retry(entry.id, pin="4826")


def test_correct_a_rejected_registration_then_it_goes_again(journal, actions):
    entry = journal.record([payloads.registration(NewContact(email="typo@example.se"), store_external_id="1")])[0]
    fail(journal, entry.id, EntryStatus.NEEDS_ATTENTION, "ValidationError", "(email: invalid)")
    actions.correct(entry.id, {"email": "fixed@example.se"}, pin="4826")
    corrected = journal.get(entry.id)
    assert corrected.status is EntryStatus.PENDING and corrected.payload["contact"]["email"] == "fixed@example.se"
    assert [a["action"] for a in journal.audit_log(entry.id)] == ["correct", "retry"]


def test_order_entries_read_as_orders_and_the_marketing_platform_is_named_as_such(journal):
    from datetime import datetime, timedelta, timezone
    from decimal import Decimal

    from pos_engage.core.domain import Order, OrderLine
    from pos_engage.core.domain.order_life import OrderedItem, OrderStage, TillOrder
    from pos_engage.core.marketing import wire

    when = datetime(2026, 11, 24, 10, tzinfo=timezone(timedelta(hours=1)))
    order = Order("12-3-1", MatchKey("sigrid.ek@example.se", MatchKeyType.EMAIL), "12", "Created", "SEK", when,
                  (OrderLine("1001", "T-shirt", 2, Decimal("398")),))
    till_order = TillOrder("12-3-1", OrderStage.CREATED, (OrderedItem("1001", "T-shirt", 2, Decimal("199")),), when,
                           when, mobile_phone="+46701234567")
    write, action = journal.record([payloads.order_write(order, change=1),
                                    payloads.order_action("12-3-1", "ConfirmOrder", change=1, language="sv-SE",
                                                          depends_on_index=0)])
    (marketing,) = journal.record([payloads.marketing_order(wire.order_json(till_order, "INITIALIZED"),
                                                            order_id="12-3-1", change=1)])
    assert (view_of(write).kind, view_of(write).customer, view_of(write).amount) == ("order", "s***@example.se",
                                                                                     "398.00 SEK")
    assert (view_of(action).kind, view_of(action).customer) == ("order message", "order 12-3-1")
    assert view_of(marketing).customer == "+*******4567" and view_of(marketing).amount == "398.00 SEK"
    fail(journal, marketing.id, EntryStatus.NEEDS_ATTENTION, "Refused", "status must be one of ...")
    assert "marketing platform cannot take this order" in explain(journal.get(marketing.id))
    journal.claim_due()
    journal.settle([Settlement(write.id, EntryStatus.NEEDS_ATTENTION, error_code="OrderJobFailed",
                               error="Engage could not process the order change (job j1): InvalidOrder: bad")])
    assert explain(journal.get(write.id)).startswith("Engage could not process this order change")


def test_one_masking_format_for_screens_logs_and_the_queue():
    from pos_engage.core.domain import ContactKey
    from pos_engage.core.domain.checks import mask as checks_mask

    assert mask is checks_mask  # the queue uses the same function as the cashier's screen and the logs
    assert ContactKey.mobile("+46701234567").masked() == mask("+46701234567") == "+*******4567"
    assert ContactKey.email("anna@example.se").masked() == "a***@example.se"
    assert mask("7350000000016") == "*********0016"
    assert mask("1234") == "***34" and mask("12") == "***2" and mask("") == "***"
