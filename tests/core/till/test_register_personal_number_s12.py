"""A personnummer given at registration reaches Engage, finds her next time, and never makes a second contact
(the mission: a personnummer is one of the keys a customer is found by). Against the simulator (the real ASGI
app, as strict as Engage: it refuses a number that cannot be one), with real SQLite journals."""

from __future__ import annotations

import httpx
import pytest

from pos_engage.core.domain import ContactKey, NewContact
from pos_engage.core.engage import wire
from pos_engage.core.errors import InputError
from pos_engage.core.journal.entry import EntryStatus
from pos_engage.sim.state import DEMO_API_KEY, SimState
from pos_engage.sim.transport import SimTransport
from tests.conftest import DEMO_URL
from tests.core.till.test_registration import Till, with_email

TOLVAN = "191212121212"          # Skatteverket's test personnummer (Tolvan Tolvansson), nobody's real one
NEW_PERSONAL = "199001012385"    # a valid number no demo contact holds (the Luhn digit of 9001012385 holds)


@pytest.fixture
async def till(tmp_path, sim_state):
    made = Till(tmp_path / "journal.sqlite3", sim_state, till_id="3")
    yield made
    await made.close()


async def test_a_new_customer_registered_with_her_personnummer_is_found_by_it_next_time(till, sim_state):
    form = NewContact(first_name="Sara", last_name="Holm", email="sara.holm@example.se",
                      social_security_number="19900101-2385")   # as the cashier types it
    done = await till.service.register(form)
    assert done.created
    held = sim_state.contacts[done.customer.contact.id]
    assert held["attributes"]["socialSecurityNumber"] == NEW_PERSONAL   # the normal form, 12 digits
    found = await till.client.identify(ContactKey.social_security_number("900101-2385"))
    assert found == done.customer.contact.id


async def test_a_personnummer_engage_holds_under_another_email_is_her_not_a_second_contact(
        till, sim_state, showcase):
    anna = showcase["Anna"]   # the demo gives Anna the test number
    assert sim_state.contacts[anna["id"]]["attributes"]["socialSecurityNumber"] == TOLVAN
    before = len(sim_state.contacts)
    form = NewContact(first_name="Anna", last_name="Andersson", email="anna.ny@example.se",
                      social_security_number="19121212-1212")
    asked = await till.service.register(form)
    assert asked.existing is not None and asked.existing.contact.id == anna["id"]
    assert ("email", "a***@example.se", "anna.ny@example.se") in asked.existing.changes()   # what Engage holds: masked
    assert till.requests("POST", "/api/v3/contacts") == [] and len(sim_state.contacts) == before


def test_a_personnummer_that_cannot_be_one_is_refused_on_its_field_before_anything_is_sent():
    with pytest.raises(InputError) as refused:
        NewContact(email="sara.holm@example.se", social_security_number="19900101-2384")   # wrong check digit
    assert refused.value.field == "social_security_number" and "check digit" in str(refused.value)
    with pytest.raises(InputError) as alone:
        NewContact(first_name="Sara", social_security_number=NEW_PERSONAL)   # a number alone reaches nobody
    assert alone.value.field == "email"


async def test_engage_refuses_a_personnummer_that_cannot_be_one_on_the_forms_field(sim_state):
    """A number that passed no check of ours (another door, a body built by hand) is Engage's to refuse: the
    simulator answers 400 InvalidSocialSecurityNumber, and the refusal names the form's field."""
    body = wire.new_contact_to_json(NewContact(first_name="Sara", email="sara.holm@example.se"))
    body["socialSecurityNumber"] = "199001012384"
    async with httpx.AsyncClient(transport=SimTransport(sim_state), base_url=DEMO_URL,
                                 headers={"apikey": DEMO_API_KEY, "Content-Type": "application/json"}) as engage:
        answer = await engage.post("/api/v3/contacts", json=body)
        looked_up = await engage.get("/api/v3/contacts/id", params={"socialSecurityNumber": "199001012384"})
    assert answer.status_code == 400 and answer.json()["errorCode"] == "InvalidSocialSecurityNumber"
    assert wire.field_name(next(iter(answer.json()["errors"]))) == "social_security_number"
    assert looked_up.status_code == 400 and looked_up.json()["errorCode"] == "InvalidSocialSecurityNumber"
    assert with_email(sim_state, "sara.holm@example.se") == []


async def test_a_registration_queued_offline_whose_personnummer_another_till_registered_meanwhile_adopts_her(
        tmp_path, sim_state: SimState):
    offline = Till(tmp_path / "a.sqlite3", sim_state, till_id="1")
    online = Till(tmp_path / "b.sqlite3", sim_state, till_id="2")
    try:
        sim_state.faults.update({"down": True})
        queued = await offline.service.register(NewContact(first_name="Sara", mobile_phone="+46701112233",
                                                           social_security_number=NEW_PERSONAL))
        assert queued.queued
        sim_state.faults.update({"down": False})
        made = await online.service.register(NewContact(first_name="Sara", email="sara.holm@example.se",
                                                        social_security_number=NEW_PERSONAL))
        assert made.created
        offline.monitor.last_probe_at = 0
        for _ in range(5):
            await offline.replayer.replay_once()
        entry = offline.journal.get(queued.customer.registration_entry)
        assert entry.status is EntryStatus.DELIVERED and entry.result["contactId"] == made.customer.contact.id
        holders = [c for c in sim_state.contacts.values()
                   if c["attributes"].get("socialSecurityNumber") == NEW_PERSONAL]
        assert len(holders) == 1
    finally:
        await offline.close()
        await online.close()


async def test_a_queued_registration_whose_personnummer_several_contacts_share_names_that_key(till, sim_state):
    """Engage holding two contacts with one number (a merge left undone): the queued registration is not sent (it
    could only add a third) and says which of its keys they share, in the stored reason and in the queue's."""
    from pos_engage.core.office.entry_wording import explain

    for contact_id in list(sim_state.contacts)[5:7]:
        contact = sim_state.contacts[contact_id]
        contact["attributes"]["socialSecurityNumber"] = NEW_PERSONAL
        sim_state._index(contact)   # the tenant's own index, as a create would have written it
    sim_state.faults.update({"down": True})
    queued = await till.service.register(NewContact(first_name="Sara", email="sara.holm@example.se",
                                                    social_security_number=NEW_PERSONAL))
    sim_state.faults.update({"down": False})
    till.monitor.last_probe_at = 0
    for _ in range(3):
        await till.replayer.replay_once()
    entry = till.journal.get(queued.customer.registration_entry)
    assert entry.status is EntryStatus.NEEDS_ATTENTION and "personal number" in entry.last_error
    assert "personal number" in str(explain(entry))
    assert with_email(sim_state, "sara.holm@example.se") == []
