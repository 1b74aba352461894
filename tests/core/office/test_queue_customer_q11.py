"""Whose receipt a queue row names (core/office/entry_wording.customer_of) over a real journal: a receipt booked to
the store's catch-all contact (till.anonymous_contact) is a walk-in customer's, said so, not its masked id
("****-in"); a receipt naming no contact says so; a customer's key stays masked."""

from __future__ import annotations

from dataclasses import replace

from pos_engage.core import texts
from pos_engage.core.domain import MatchKey, MatchKeyType
from pos_engage.core.journal import payloads
from pos_engage.core.office.entry_wording import WALK_IN, customer_of, view_of
from tests.core.conftest import sale


def test_a_receipt_to_the_walk_in_contact_says_walk_in_customer(journal):
    entry = journal.record([payloads.receipt(sale("r1", MatchKey("walk-in", MatchKeyType.EXTERNAL_ID)))])[0]
    assert view_of(entry, walk_in="walk-in").customer == WALK_IN
    assert str(WALK_IN) == "Walk-in customer" and isinstance(WALK_IN, texts.Text)   # translated where shown
    assert view_of(entry).customer == "****-in"   # not knowing the configuration, only the masked key is left


def test_another_contact_is_masked_even_beside_a_walk_in_contact(journal):
    entry = journal.record([payloads.receipt(sale("r2", MatchKey("anna@example.se", MatchKeyType.EMAIL)))])[0]
    assert customer_of(entry, walk_in="walk-in") == "a***@example.se"


def test_a_receipt_naming_no_contact_says_no_customer(journal):
    new = payloads.receipt(sale("r3"))
    body = {k: v for k, v in new.payload["receipt"].items() if k != "contact"}
    entry = journal.record([replace(new, payload={**new.payload, "receipt": body})])[0]
    assert str(customer_of(entry, walk_in="walk-in")) == "no customer"
