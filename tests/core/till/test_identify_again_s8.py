"""A customer found while Engage was down is an offline copy (no contact, the offers last seen); once Engage answers
again she is looked up again by the same key (TillService.identify_again) and found with her contact and her real
offers. Against the simulator (its 'down' fault) over the real client, with a real journal file."""

from __future__ import annotations

from dataclasses import replace

from pos_engage.core.till.outcomes import Found
from tests.core.till.test_identify_keys import till as till  # the fixture

ANNA = "anna.andersson@example.se"


def requests(recorder) -> int:
    return len(recorder.requests)


async def test_an_offline_copy_is_found_again_with_her_contact_and_offers_once_engage_answers(till, sim_state,
                                                                                              showcase, recorder):
    sim_state.faults.update({"down": True})
    copy = (await till.identify(ANNA)).customer
    assert copy.offline and copy.contact is None and copy.promotions == ()
    still = await till.identify_again(copy)             # Engage still down: ask again later, the copy stays
    assert still.found is Found.OFFLINE and still.customer is copy

    sim_state.faults.update({"down": False})
    monitor = till.client.monitor
    if monitor.offline:   # the till's own probe (the journal's replayer sends it) finds Engage again
        assert await monitor.probe(till.client.for_background().ping)
    again = await till.identify_again(copy)
    customer = again.customer
    assert again.found is Found.FOUND and not customer.offline and customer.key == copy.key
    assert customer.contact.id == showcase["Anna"]["id"] and customer.points is not None
    assert customer.promotions and customer.vouchers      # her real offers, never seen while offline
    assert "Engage answers again" in str(again.message)
    assert till.journal.cached_contact(copy.key) == customer.contact.id   # the next scan costs no lookup


async def test_a_key_that_finds_no_one_once_engage_answers_keeps_the_copy(till, sim_state):
    sim_state.faults.update({"down": True})
    copy = (await till.identify("nobody.here@example.se")).customer
    sim_state.faults.update({"down": False})
    assert (await till.identify_again(copy)).found is Found.NOT_FOUND


async def test_a_customer_that_is_no_offline_copy_is_not_asked_for_again(till, sim_state, recorder):
    anna = (await till.identify(ANNA)).customer
    sent = requests(recorder)
    assert (await till.identify_again(anna)).customer is anna
    registered_offline = replace(anna, contact=None, offline=True, registration_entry=7)
    assert (await till.identify_again(registered_offline)).customer is registered_offline
    assert requests(recorder) == sent
