"""TillService against the simulator: identify (cache, not found, multiple, offline), register, finish a sale."""

from __future__ import annotations

import random
from decimal import Decimal

import pytest

from pos_engage.core.config import Config, TillSettings
from pos_engage.core.domain import ContactKey, NewContact, Preferences
from pos_engage.core.engage.client import EngageClient
from pos_engage.core.engage.online import OnlineMonitor
from pos_engage.core.errors import InputError
from pos_engage.core.journal.entry import EntryKind
from pos_engage.core.journal.replayer import Replayer
from pos_engage.core.till.basket import Basket, BasketLine
from pos_engage.core.till.outcomes import Found
from pos_engage.core.till.service import ConsentEvidence, TillService


@pytest.fixture
async def till(journal, recorder):
    monitor = OnlineMonitor()
    async with EngageClient("https://engage.test", "sim-demo-key", transport=recorder, monitor=monitor) as client:
        replayer = Replayer(journal, client, monitor=monitor, rate_per_second=None, schedule=(0.0,),
                            rng=random.Random(1))
        yield TillService(Config(store_external_id="12", till_id="3"), client, journal, replayer)


def paths(recorder):
    return [r.url.path for r in recorder.requests]


async def test_identify_by_card_then_again_from_the_cache(till, recorder, showcase):
    first = await till.identify(showcase["Anna"]["cardNumber"], scanned=True)
    assert first.found is Found.FOUND and first.customer.contact.first_name == "Anna"
    assert {p.pos_channel.value_type.value for p in first.customer.promotions} >= {"PERCENT", "MONEY"}
    assert first.customer.vouchers
    recorder.requests.clear()
    again = await till.identify(showcase["Anna"]["cardNumber"], scanned=True)
    assert again.found is Found.FOUND and again.from_cache
    assert "/api/v3/contacts/id" not in paths(recorder)  # a known customer never costs a lookup again


async def test_not_found_offers_registration_with_the_key(till):
    outcome = await till.identify("new.person@example.se")
    assert outcome.found is Found.NOT_FOUND and outcome.key.value == "new.person@example.se"


async def test_multiple_matches_asks_for_a_better_key(till, showcase):
    outcome = await till.identify(showcase["Karin"]["mobilePhone"])
    assert outcome.found is Found.MULTIPLE and "email" in outcome.message


async def test_invalid_input_is_explained(till, recorder):
    outcome = await till.identify("anna@")
    assert outcome.found is Found.INVALID and "valid email" in outcome.message
    assert recorder.requests == []


async def test_offline_the_customer_is_attached_by_key(till, sim_state, showcase):
    await till.identify(showcase["Anna"]["email"])  # promotions seen once, then Engage goes down
    sim_state.faults.update({"down": True})
    till.journal.forget_contact(ContactKey.email(showcase["Anna"]["email"]))
    outcome = await till.identify(showcase["Anna"]["email"])
    assert outcome.found is Found.OFFLINE and outcome.customer.offline
    assert outcome.customer.match_key.type.value == "email"
    assert "matched later" in outcome.message


async def test_register_online_with_consent_evidence(till, sim_state, journal):
    outcome = await till.register(NewContact(first_name="Ny", email="ny@example.se", mobile_phone="0705551234",
                                             preferences=Preferences(accepts_email=True)),
                                  consent=ConsentEvidence("2026-10", True, False, "cashier-7"))
    assert outcome.created and outcome.customer.contact.email == "ny@example.se"
    consent = journal.audit_log()[-1]
    assert consent["action"] == "consent" and consent["actor"] == "cashier-7" and '"accepts_email": true' in \
        consent["detail"] and "ny@example.se" not in consent["detail"]
    again = await till.identify("ny@example.se")
    assert again.from_cache


async def test_register_shows_engages_field_errors(till):
    contact = NewContact(first_name="Ny", email="ny@example.se")
    object.__setattr__(contact, "email", "ny@")
    outcome = await till.register(contact)
    assert outcome.customer is None and "email" in outcome.field_errors


async def test_register_offline_goes_to_the_journal_and_the_sale_follows_it(till, sim_state, journal):
    sim_state.faults.update({"down": True})
    outcome = await till.register(NewContact(first_name="Off", email="off@example.se"))
    assert outcome.queued and outcome.customer.registration_entry
    basket = Basket([BasketLine("1001", "T-shirt", 1, Decimal("199"))])
    sale = till.finish_sale(basket, outcome.customer)
    receipt_entry = journal.get(sale.entry_ids[0])
    assert receipt_entry.depends_on == outcome.customer.registration_entry
    sim_state.faults.update({"down": False})
    await till.deliver_now()
    await till.deliver_now()
    assert till.status_of(sale.entry_ids) == "sent"
    registered_id = journal.get(outcome.customer.registration_entry).result["contactId"]
    assert sim_state.received.receipts[sale.receipt_id]["contact"]["matchKey"] == registered_id


async def test_finish_sale_redeems_once_and_books_the_receipt(till, sim_state, journal, showcase):
    customer = (await till.identify(showcase["Anna"]["email"])).customer
    basket = Basket([BasketLine("1002", "Wool jacket", 1, Decimal("1299"))])
    promotion = next(p for p in customer.promotions if p.pos_channel.value_type.value == "PERCENT")
    till.apply(basket, promotion, customer)
    sale = till.finish_sale(basket, customer)
    assert [journal.get(i).kind for i in sale.entry_ids] == [EntryKind.RECEIPT, EntryKind.REDEEM_PROMOTION]
    report = await till.deliver_now()
    assert report.delivered == 2 and till.status_of(sale.entry_ids) == "sent"
    assert [r["assignmentId"] for r in sim_state.received.redemptions] == [promotion.id]
    booked = sim_state.received.receipts[sale.receipt_id]
    assert booked["usedPromotions"] == [{"promotionId": promotion.promotion_id}]
    assert booked["totalGrossPrice"] == float(basket.total)


async def test_offline_redemption_policy(till, showcase):
    customer = (await till.identify(showcase["Anna"]["email"])).customer
    offline = type(customer)(customer.key, None, customer.promotions, customer.vouchers, offline=True)
    money = next(p for p in customer.promotions if p.pos_channel.value_type.value == "PERCENT")
    basket = Basket([BasketLine("1002", "Wool jacket", 1, Decimal("1299"))])
    till.config = Config(till=TillSettings(offline_redemption="allow_up_to", offline_max=100.0))
    with pytest.raises(InputError, match=r"at most 100\.00 SEK off a sale"):
        till.apply(basket, money, offline)
    assert basket.discounts == []
    till.config = Config(till=TillSettings(offline_redemption="deny"))
    with pytest.raises(InputError, match="uses no offers until Engage answers again"):
        till.apply(basket, money, offline)
    till.config = Config(till=TillSettings(offline_redemption="allow"))
    till.apply(basket, money, offline)
    assert basket.discount_total > 0


async def test_a_sale_without_a_customer_is_counted_not_posted(till, journal):
    sale = till.finish_sale(Basket([BasketLine("1", "A", 1, Decimal("10"))]), None)
    assert not sale.posted and sale.entry_ids == () and "not sent" in sale.message
    assert journal.count() == 0 and journal.figures().anonymous_sales == 1


async def test_edit_and_upgrade_offline_wait_in_the_journal_in_order(till, sim_state, journal, showcase):
    erik = (await till.identify(showcase["Erik"]["email"])).customer
    sim_state.faults.update({"down": True})
    edited = await till.update_details(erik, {"city": "Lund"})
    upgraded = await till.upgrade_to_member(erik)
    assert edited.queued and upgraded.queued
    kinds = [(e.kind, e.lane) for e in journal.entries()]
    assert kinds == [(EntryKind.UPDATE_CONTACT, f"contact:{erik.contact.id}"),
                     (EntryKind.UPGRADE_CONTACT, f"contact:{erik.contact.id}")]
    sim_state.faults.update({"down": False})
    await till.deliver_now()
    await till.deliver_now()
    assert sim_state.contacts[erik.contact.id]["attributes"]["city"] == "Lund"
    assert sim_state.contacts[erik.contact.id]["meta"]["contactType"] == "Member"


async def test_an_edit_that_changes_nothing_is_refused(till, showcase):
    anna = (await till.identify(showcase["Anna"]["email"])).customer
    with pytest.raises(InputError, match="Nothing to update"):
        await till.update_details(anna, {"first_name": "Anna"})
