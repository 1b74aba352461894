"""Who made a queue entry is worded for its kind (session 8d): a sale or a return is rung up, a registration is
registered, a contact's update or upgrade is changed, an order is made. Before, every entry read as a sale ("Rung
up by Anna Berg (1001), in this till's window" for a registration). On a real journal."""

from __future__ import annotations

from dataclasses import replace

import pytest

from pos_engage.core.domain import ContactUpdate, NewContact
from pos_engage.core.journal import payloads
from pos_engage.core.journal.entry import Origin, Source
from pos_engage.core.office.entry_description import who_and_where
from tests.core.office.test_entry_description import CONTACT_ID, receipt

# Each made twice (n): a second entry with the same idempotency key would be the first one again.
ENTRIES = {
    "receipt": lambda n: payloads.receipt(receipt(f"1-1-x{n}", "3")),
    "redemption": lambda n: payloads.voucher_redemption(f"v-{n}", contact_id=CONTACT_ID, sale_id="1-1-x"),
    "reactivation": lambda n: payloads.voucher_reactivation(f"v-{n}", contact_id=CONTACT_ID, return_id="1-1-r",
                                                            original_id="1-1-x", redeemed_on=None),
    "registration": lambda n: payloads.registration(NewContact(first_name="Eva", email=f"eva{n}@example.se"),
                                                    store_external_id="1"),
    "update": lambda n: payloads.contact_update(CONTACT_ID, ContactUpdate(first_name="Eva")),
    "upgrade": lambda n: payloads.upgrade_to_member(f"{CONTACT_ID}{n}"),
    "order": lambda n: payloads.marketing_order({"email": "eva@example.se"}, order_id="o-1", change=n),
}


@pytest.mark.parametrize(("kind", "by", "nobody"), [
    ("receipt", "Rung up by Anna Berg (1001), in this till's window",
     "Rung up in this till's window; nobody was signed in at the till"),
    ("redemption", "Rung up by Anna Berg (1001), in this till's window",
     "Rung up in this till's window; nobody was signed in at the till"),
    ("reactivation", "Rung up by Anna Berg (1001), in this till's window",
     "Rung up in this till's window; nobody was signed in at the till"),
    ("registration", "Registered by Anna Berg (1001), in this till's window",
     "Registered in this till's window; nobody was signed in at the till"),
    ("update", "Changed by Anna Berg (1001), in this till's window",
     "Changed in this till's window; nobody was signed in at the till"),
    ("upgrade", "Changed by Anna Berg (1001), in this till's window",
     "Changed in this till's window; nobody was signed in at the till"),
    ("order", "Made by Anna Berg (1001), in this till's window",
     "Made in this till's window; nobody was signed in at the till"),
])
def test_who_made_an_entry_is_worded_for_its_kind(journal, kind, by, nobody):
    signed_in, nobody_in = journal.record([replace(ENTRIES[kind](1), source=Source(Origin.WINDOW, "Anna Berg (1001)")),
                                           replace(ENTRIES[kind](2), source=Source(Origin.WINDOW))])
    assert who_and_where(signed_in) == by
    assert who_and_where(nobody_in) == nobody
    assert who_and_where(signed_in).values["where"].template == "in this till's window"   # translated in its turn
