"""The queue says who rang a sale up and where it came from as the journal recorded it, not from the receipt id's
pattern: a receipt from the command line whose id the POS link would have made, or a window sale whose id is not the
window's usual <time>-<hex>, reads as what it was. Only an entry journaled before that was recorded is still read
from its id, and its who is said to be unknown. Where a recorded entry came from is said once, in its who line
(session 8e): its description keeps only what finds the sale besides its number. On a real journal."""

from __future__ import annotations

from dataclasses import replace

from pos_engage.core.journal import payloads
from pos_engage.core.journal.entry import Origin, Source
from pos_engage.core.office.entry_description import NOT_RECORDED, describe, who_and_where, who_short
from tests.core.office.test_entry_description import CONTACT_ID, receipt


def journaled(journal, entry, origin: Origin | None = None, rung_by: str | None = None):
    if origin is not None:
        entry = replace(entry, source=Source(origin, rung_by))
    return journal.record([entry])[0]


def test_the_recorded_origin_replaces_the_guess_from_the_id(journal):
    # A receipt submitted at the command line under an id of the POS link's pattern: not "from the POS".
    cli = journaled(journal, payloads.receipt(receipt("1-1-pos-2003", "2003")), Origin.COMMAND_LINE)
    assert describe(cli, journal) == "Receipt 2003 — 874.29 SEK, Card — receipt id 1-1-pos-2003"
    assert who_and_where(cli) == "Submitted at the command line (receipt submit); no person is recorded"
    # The window's sale whose number is not <time>-<hex>: the guess said "from the POS (sale 777)".
    own = journaled(journal, payloads.receipt(receipt("1-1-777", "777")), Origin.WINDOW, "Anna Berg (1001)")
    assert describe(own, journal) == "Receipt 777 — 874.29 SEK, Card"
    assert who_and_where(own) == "Rung up by Anna Berg (1001), in this till's window"
    # A POS sale whose id happens to look like the window's numbers is the POS's.
    pos = journaled(journal, payloads.receipt(receipt("1-1-20261127212928-a685fb", "R9")), Origin.POS_HTTP)
    assert describe(pos, journal).endswith("— sale 20261127212928-a685fb")
    assert who_and_where(pos).startswith("Rung up at the POS, through the POS link (HTTP)")
    inbox = journaled(journal, payloads.receipt(receipt("1-1-xyz", "88")), Origin.RECEIPT_FILE, "Omar Said (2002)")
    assert describe(inbox, journal) == "Receipt 88 — 874.29 SEK, Card"
    assert who_and_where(inbox) == ("Rung up by Omar Said (2002), in this till's window, from a receipt file the POS "
                                    "left")


def test_who_and_where_in_a_sentence_and_for_the_list(journal):
    anna = journaled(journal, payloads.receipt(receipt("1-1-pos-1", "1")), Origin.POS_HTTP, "Anna Berg (1001)")
    assert who_and_where(anna) == "Rung up by Anna Berg (1001), at the POS, through the POS link (HTTP)"
    assert who_short(anna.rung_by, anna.origin) == "Anna Berg (1001) · POS link (HTTP)"
    nobody = journaled(journal, payloads.receipt(receipt("1-1-pos-2", "2")), Origin.POS_FOLDER)
    assert who_and_where(nobody) == ("Rung up at the POS, through the POS link's folders; nobody was signed in at "
                                     "the till")
    assert who_short(None, Origin.POS_FOLDER) == "nobody signed in · POS link (folders)"
    shared = journaled(journal, payloads.receipt(receipt("1-1-x", "3")), Origin.WINDOW, "till 3")
    assert who_and_where(shared) == "Rung up in this till's window; till 3 is shared, nobody signs in"
    assert who_and_where(shared).values["where"].template == "in this till's window"   # translated in its turn


def test_an_old_entry_says_who_is_unknown_and_keeps_the_guess(journal):
    old = journaled(journal, payloads.receipt(receipt("1-1-pos-2003", "2003")))
    assert describe(old, journal).endswith("— from the POS (sale pos-2003)")
    assert who_and_where(old) == NOT_RECORDED
    assert who_short(old.rung_by, old.origin) == "unknown"
    # Not a sale's entry, and nothing recorded: nothing to say.
    update = journal.record([payloads.upgrade_to_member(CONTACT_ID)])[0]
    assert who_and_where(update) is None


def test_a_redemption_says_its_sales_origin_and_who(journal):
    sale = replace(payloads.receipt(receipt("1-1-55", "55", offer="50 kr off")),
                   source=Source(Origin.WINDOW, "Omar Said (2002)"))
    redemption = replace(payloads.promotion_redemption("as-1", contact_id=CONTACT_ID, promotion_id="promo-1",
                                                       sale_id="1-1-55"), source=Source(Origin.WINDOW,
                                                                                        "Omar Said (2002)"))
    _, offer = journal.commit_sale([sale, redemption], sale_id="1-1-55").entries
    assert describe(offer, journal) == "Offer '50 kr off' for receipt 55"
    assert who_and_where(offer) == "Rung up by Omar Said (2002), in this till's window"
