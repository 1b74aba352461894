"""Why the till itself could not send an entry is told in the manager's words from what the journal stores with it
(its code, its kind, the entry it depends on), never by matching the English text stored beside: a rewording of
core/journal's words, or a text stored in another language, gave the manager the catch-all "The till cannot send
this … as it stands" instead of what to do (review, session 11: queue._own_reason matched each text's beginning).

Each reason is stored for real: a real journal file, the real replayer against the simulator, the entries in the
states that make core refuse them. Then the same record with its stored text reworded must read the same."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone
from decimal import Decimal

from pos_engage.core import texts
from pos_engage.core.domain import (
    CommunicationItem,
    ContactUpdate,
    MatchKey,
    MatchKeyType,
    NewContact,
    Order,
    OrderCommunication,
    OrderLine,
)
from pos_engage.core.engage.online import OnlineMonitor
from pos_engage.core.errors import EngageAuthError
from pos_engage.core.journal import payloads
from pos_engage.core.journal.claims import Settlement
from pos_engage.core.journal.entry import EntryStatus
from pos_engage.core.journal.order_delivery import JobPolling
from pos_engage.core.journal.replayer import Replayer
from pos_engage.core.office.entry_wording import explain

FAST = JobPolling(schedule=(0.0,), timeout=1.0)
CET = timezone(timedelta(hours=1))
REWORDED = "Något gick fel (omformulerat): 42"   # the stored text in other words, in another language


async def deliver(client, journal) -> None:
    replayer = Replayer(journal, client, monitor=OnlineMonitor(), rate_per_second=None, schedule=(0.0,),
                        job_polling=FAST)
    for _ in range(20):
        if not (await replayer.replay_once()).claimed:
            return


def closed_by_hand(journal, entry_id: int) -> None:
    """Engage refused it and the manager closed it without sending (a registration, a redemption, an order)."""
    (claimed,) = journal.claim_due(ids=[entry_id])
    journal.settle([Settlement(claimed.id, EntryStatus.NEEDS_ATTENTION, error_code="X", error="400: X: no")])
    journal.resolve(entry_id, actor="Maria Lind", reason="booked by hand")


def told(journal, entry_id: int):
    """What the manager reads, from the record as stored and from the same record with its text reworded."""
    entry = journal.get(entry_id)
    assert entry.status is EntryStatus.NEEDS_ATTENTION and entry.last_error_code == "NotSendable", entry
    dependency = journal.dependency_of(entry)
    as_stored, reworded = explain(entry, dependency), explain(replace(entry, last_error=REWORDED), dependency)
    assert (reworded.template, reworded.values) == (as_stored.template, as_stored.values)
    return as_stored


async def test_several_customers_sharing_a_registrations_mobile(client, journal, showcase):
    (entry,) = journal.record([payloads.registration(
        NewContact(first_name="Nils", mobile_phone=showcase["Karin"]["mobilePhone"]), store_external_id="12")])
    await deliver(client, journal)
    assert told(journal, entry.id).template.startswith("Several customers in Engage share this registration's")


async def test_an_update_whose_registration_was_closed_without_being_sent(client, journal):
    registration, update = journal.record([
        payloads.registration(NewContact(first_name="Ny", email="ny@example.se"), store_external_id="12"),
        payloads.contact_update(None, ContactUpdate(first_name="Nyare"), depends_on_index=0)])
    closed_by_hand(journal, registration.id)
    await deliver(client, journal)
    words = told(journal, update.id)
    assert words.template.startswith("The customer's registration (entry {entry}) was not sent by the API")
    assert words.values == {"entry": registration.id}


async def test_an_order_message_whose_order_change_was_closed_without_being_sent(client, journal):
    order = Order("12-3-q12", MatchKey("anna@example.se", MatchKeyType.EMAIL), "12", "Created", "SEK",
                  datetime(2026, 11, 24, 10, tzinfo=CET), (OrderLine("1001", "T-shirt", 1, Decimal("199")),))
    write, action = journal.record([payloads.order_write(order, change=1),
                                    payloads.order_action("12-3-q12", "ConfirmOrder", change=1, language="sv-SE",
                                                          depends_on_index=0)])
    closed_by_hand(journal, write.id)
    await deliver(client, journal)
    words = told(journal, action.id)
    assert words.template.startswith("This is the message for an order change (entry {entry})")
    assert words.values == {"entry": write.id}


async def test_an_order_message_sent_when_the_till_stopped(client, journal, showcase):
    message = OrderCommunication("W-q12", MatchKey(showcase["Anna"]["email"], MatchKeyType.EMAIL), "Confirmed",
                                 "Paid", datetime(2026, 11, 24, 10, tzinfo=CET), "12", "SEK",
                                 (CommunicationItem("1001", "T-shirt", 1, Decimal("199")),))
    (entry,) = journal.record([payloads.order_communication(message)])
    journal.claim_due()
    journal.recover_in_flight()   # the till stopped while sending it: asked about before anything else
    await deliver(client, journal)
    assert told(journal, entry.id).template.startswith("The till stopped or lost the connection while sending")


async def test_a_give_back_of_a_voucher_whose_redemption_was_closed_without_being_sent(client, journal):
    (redemption,) = journal.record([payloads.voucher_redemption("v-q12", contact_id="c-1", sale_id="s-1")])
    (give_back,) = journal.record([payloads.voucher_reactivation("v-q12", contact_id="c-1", return_id="r-1",
                                                                 original_id="s-1", redeemed_on=None,
                                                                 depends_on=redemption.id)])
    closed_by_hand(journal, redemption.id)
    await deliver(client, journal)
    words = told(journal, give_back.id)
    assert words.template.startswith("The original sale's redemption (entry {entry}) is {status}, not delivered")
    assert words.values == {"entry": redemption.id, "status": "resolved"}


def test_an_entry_whose_content_was_cleared(journal):
    """The journal clears what it keeps of an entry (pruning): its payload is gone, which says so by itself."""
    (entry,) = journal.record([payloads.upgrade_to_member("c-9")])
    journal.claim_due()
    journal.settle([Settlement(entry.id, EntryStatus.NEEDS_ATTENTION, error_code="NotSendable",
                               error=f"entry {entry.id} has no content left (pruned); it cannot be sent")])
    stored = replace(journal.get(entry.id), payload=None)
    for record in (stored, replace(stored, last_error=REWORDED)):
        assert explain(record).template == "This entry's content has been cleared, so it cannot be sent: resolve it."


def test_engage_refusing_the_tills_key_is_told_by_the_status_it_answered(journal):
    """401 or 403 under a code of Engage's own (not one the queue knows): the status stored first says it, whatever
    words follow it."""
    (entry,) = journal.record([payloads.upgrade_to_member("c-8")])
    refused = EngageAuthError(texts.tr("Engage refused the API key: check it in settings (IT)"), status=401,
                              code="InvalidApiKey")
    journal.claim_due()
    journal.settle([Settlement(entry.id, EntryStatus.WAITING_RETRY, error_code=refused.code,
                               error=refused.describe(), next_attempt_at=journal.clock() + 600)])
    stored = journal.get(entry.id)
    for record in (stored, replace(stored, last_error=f"401: InvalidApiKey: {REWORDED}")):
        assert explain(record).template.startswith("Engage refused this till (its API key or its address): call IT")
