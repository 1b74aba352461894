"""Where a queue entry came from is said once (session 8e, helper-58's screenshot review): a window sale's details
read "Receipt … — 1,299.00 SEK, Card — rung up in this till's window" and, under it, "Rung up by Omar Said (2002),
in this till's window". Recorded, where is said in the who line only; the description keeps what finds the sale
besides its number (the POS's sale id, a receipt id). A shared till is not named as if it were a person ("Rung up by
till 1, in this till's window"), and the queue's list says who and where in as few words as tell its rows apart.
On a real journal."""

from __future__ import annotations

from dataclasses import replace

import pytest

from pos_engage.core.journal import payloads
from pos_engage.core.journal.entry import Origin, Source
from pos_engage.core.office.entry_description import describe, who_and_where, who_at_a_glance, who_short
from pos_engage.core.office.entry_wording import view_of
from tests.core.office.test_entry_description import CONTACT_ID, receipt
from tests.core.office.test_who_by_kind_s8d import ENTRIES


def recorded(journal, entry, origin: Origin, rung_by: str | None = "Omar Said (2002)"):
    return journal.record([replace(entry, source=Source(origin, rung_by))])[0]


def test_a_window_sale_says_where_once(journal):
    sale = recorded(journal, payloads.receipt(receipt("1-1-20261128003957-0b1957", "20261128003957-0b1957")),
                    Origin.WINDOW)
    what, who = describe(sale, journal), who_and_where(sale)
    assert what == "Receipt 20261128003957-0b1957 — 874.29 SEK, Card"
    assert who == "Rung up by Omar Said (2002), in this till's window"
    assert f"{what}\n{who}".count("window") == 1


@pytest.mark.parametrize(("origin", "tail", "where"), [
    (Origin.POS_HTTP, " — sale pos-2003", "at the POS, through the POS link (HTTP)"),
    (Origin.POS_FOLDER, " — sale pos-2003", "at the POS, through the POS link's folders"),
    (Origin.RECEIPT_FILE, "", "in this till's window, from a receipt file the POS left"),
    (Origin.INBOX_BASKET, "", "in this till's window, from a basket file the POS left"),
    (Origin.COMMAND_LINE, " — receipt id 1-1-pos-2003", "at the command line (receipt submit)"),
])
def test_each_recorded_origin_is_said_in_the_who_line_only(journal, origin, tail, where):
    entry = recorded(journal, payloads.receipt(receipt("1-1-pos-2003", "2003")), origin)
    assert describe(entry, journal, till="1") == f"Receipt 2003 — 874.29 SEK, Card{tail}"
    assert who_and_where(entry) == f"Rung up by Omar Said (2002), {where}"


def test_a_pos_sale_whose_number_is_its_sale_id_says_no_more(journal):
    """The demo's POS numbers its receipts by its sale id: "Receipt pos-5901 — …, Card — from the POS (sale pos-5901)"
    said the number twice, beside "Rung up by …, at the POS, through the POS link (HTTP)"."""
    entry = recorded(journal, payloads.receipt(receipt("1-1-pos-5901", "pos-5901")), Origin.POS_HTTP)
    assert describe(entry, journal, till="1") == "Receipt pos-5901 — 874.29 SEK, Card"


def test_a_redemption_and_a_return_say_where_once(journal):
    sale = replace(payloads.receipt(receipt("1-1-pos-2003", "2003", offer="50 kr off")),
                   source=Source(Origin.POS_HTTP, "Omar Said (2002)"))
    offer = replace(payloads.promotion_redemption("as-1", contact_id=CONTACT_ID, promotion_id="promo-1",
                                                  sale_id="1-1-pos-2003"), source=Source(Origin.POS_HTTP,
                                                                                         "Omar Said (2002)"))
    _, redemption = journal.commit_sale([sale, offer], sale_id="1-1-pos-2003").entries
    assert describe(redemption, journal, till="1") == "Offer '50 kr off' for receipt 2003, sale pos-2003"
    back = recorded(journal, payloads.receipt(receipt("1-1-20261127213000-b00b00", "20261127213000-b00b00"),
                                              extra_data=[("originalReceiptNumber", "2003")]), Origin.WINDOW)
    assert describe(back, journal) == "Return 20261127213000-b00b00 of receipt 2003 — 874.29 SEK, Card"


def test_an_entry_journaled_before_its_origin_was_recorded_still_says_where_from_its_id(journal):
    old = journal.record([payloads.receipt(receipt("1-1-20261127212928-a685fb", "20261127212928-a685fb"))])[0]
    assert describe(old, journal).endswith("— rung up in this till's window")
    assert describe(old, journal).values["origin"].template == "rung up in this till's window"


@pytest.mark.parametrize(("kind", "words"), [
    ("receipt", "Rung up in this till's window; till 1 is shared, nobody signs in"),
    ("registration", "Registered in this till's window; till 1 is shared, nobody signs in"),
    ("update", "Changed in this till's window; till 1 is shared, nobody signs in"),
    ("order", "Made in this till's window; till 1 is shared, nobody signs in"),
])
def test_a_shared_till_is_not_named_as_a_person(journal, kind, words):
    entry = recorded(journal, ENTRIES[kind](1), Origin.WINDOW, "till 1")
    said = who_and_where(entry)
    assert said == words
    assert said.values["where"].template == "in this till's window" and said.values["till"] == "1"


def test_the_queues_list_says_who_and_where_in_few_words_the_details_in_full(journal):
    assert who_at_a_glance("Omar Said (2002)", Origin.POS_HTTP) == "Omar Said · POS link"
    assert who_at_a_glance("Omar Said (2002)", Origin.POS_FOLDER) == "Omar Said · POS link"
    assert who_at_a_glance("Anna Berg (a.berg-1)", Origin.WINDOW) == "Anna Berg · window"
    assert who_at_a_glance("till 1", Origin.WINDOW) == "till 1 · window"
    assert who_at_a_glance("till 1", Origin.WINDOW).values["who"].template == "till {till}"   # "kassa 1" in Swedish
    assert who_at_a_glance(None, Origin.RECEIPT_FILE) == "nobody signed in · receipt file"
    assert who_at_a_glance("IT: Eva, without a PIN", Origin.COMMAND_LINE) == "IT: Eva, without a PIN · command line"
    assert who_at_a_glance(None, None) == "unknown"
    # The journal's list at the command line keeps the staff number and how the POS link was reached.
    assert who_short("Omar Said (2002)", Origin.POS_HTTP) == "Omar Said (2002) · POS link (HTTP)"
    entry = recorded(journal, payloads.receipt(receipt("1-1-pos-2003", "2003")), Origin.POS_HTTP)
    row = view_of(entry)
    assert row.rung_up == "Omar Said · POS link"
    assert row.rung_up_in_full == "Rung up by Omar Said (2002), at the POS, through the POS link (HTTP)"
