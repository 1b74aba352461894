"""The simulator's contact endpoints, called raw (no client of ours in between), against Voyado's swagger and the
contract (engage-api.md 2.5, 2.6, Part A): create refuses duplicates and bad formats, updateContactType answers as
documented."""

from __future__ import annotations

import json
from pathlib import Path

import httpx
import pytest

from pos_engage.sim.state import DEMO_API_KEY
from pos_engage.sim.transport import SimTransport

# CI checks the project out with ../shared beside it; an install or a bare checkout has no swagger file.
SWAGGER = Path(__file__).resolve().parents[2] / ".." / "shared" / "voyado-swagger.json"
HEADERS = {"apikey": DEMO_API_KEY, "Content-Type": "application/json"}
CREATE = "/api/v3/contacts?source=POS&storeExternalId=12"


@pytest.fixture
async def engage(sim_state):
    async with httpx.AsyncClient(transport=SimTransport(sim_state), base_url="https://engage.test",
                                 headers=HEADERS) as http:
        yield http


def swagger_endpoint(path: str, method: str) -> dict:
    if not SWAGGER.exists():
        pytest.skip(f"Voyado's swagger is not beside the checkout ({SWAGGER})")
    endpoints = json.loads(SWAGGER.read_text(encoding="utf-8"))["endpoints"]
    return next(e for e in endpoints if e["path"] == path and e["method"] == method)


async def test_update_contact_type_takes_the_query_parameter_swagger_names_and_answers_200(engage, showcase,
                                                                                          sim_state):
    documented = swagger_endpoint("/api/v2/contacts/{contactId}/updateContactType", "POST")
    (parameter,) = [q for q in documented["query"] if q["required"]]
    assert documented["body"] is None  # no body: the type is the query parameter
    erik = showcase["Erik"]
    answer = await engage.post(f"/api/v3/contacts/{erik['id']}/updateContactType",
                               params={parameter["name"]: "Member"})
    assert answer.status_code == 200
    body = answer.json()
    assert body["id"] == erik["id"] and body["meta"]["contactType"] == "Member"
    assert body["attributes"]["memberNumber"]  # a Member gets its number from Engage
    again = await engage.post(f"/api/v3/contacts/{erik['id']}/updateContactType",
                              params={parameter["name"]: "Member"})
    assert again.status_code == 200 and again.json()["attributes"]["memberNumber"] == body["attributes"]["memberNumber"]


@pytest.mark.parametrize(("contact_id", "params", "status", "code"), [
    ("00000000-0000-4000-8000-000000000000", {"contactTypeId": "Member"}, 404, "ContactNotFound"),
    ("not-a-guid", {"contactTypeId": "Member"}, 400, "InvalidContactId"),
    ("erik", {"contactTypeId": "Gold"}, 400, "InvalidContactType"),
    ("erik", {}, 400, "InvalidContactType"),
])
async def test_update_contact_type_refusals(engage, showcase, sim_state, contact_id, params, status, code):
    target = showcase["Erik"]["id"] if contact_id == "erik" else contact_id
    answer = await engage.post(f"/api/v3/contacts/{target}/updateContactType", params=params)
    assert (answer.status_code, answer.json()["errorCode"]) == (status, code)
    assert sim_state.contacts[showcase["Erik"]["id"]]["meta"]["contactType"] == "Contact"


async def test_a_create_over_a_newsletter_contacts_email_is_refused_not_duplicated(engage, showcase, sim_state):
    before = len(sim_state.contacts)
    answer = await engage.post(CREATE, json={"firstName": "Erik", "email": showcase["Erik"]["email"].upper(),
                                             "contactType": "Member"})
    assert (answer.status_code, answer.json()["errorCode"]) == (409, "ApprovedContactWithKeyExists")
    assert len(sim_state.contacts) == before


async def test_a_shared_mobile_is_no_key_when_the_new_contact_has_an_email_but_is_one_without(engage, showcase,
                                                                                              sim_state):
    family = showcase["Karin"]["mobilePhone"]
    with_email = await engage.post(CREATE, json={"firstName": "Maja", "email": "maja@example.se",
                                                 "mobilePhone": family})
    assert with_email.status_code == 201
    alone = await engage.post(CREATE, json={"firstName": "Solo", "mobilePhone": "+46705550000"})
    twin = await engage.post(CREATE, json={"firstName": "Solo", "mobilePhone": "+46705550000"})
    assert alone.status_code == 201
    assert (twin.status_code, twin.json()["errorCode"]) == (409, "ApprovedContactWithKeyExists")


@pytest.mark.parametrize(("body", "status", "code", "field"), [
    ({"firstName": "A", "email": "a@"}, 400, "InvalidEmailAddress", "email"),
    ({"firstName": "A", "mobilePhone": "0701234567"}, 400, "InvalidPhoneNumber", "mobilePhone"),
    ({"firstName": "A"}, 422, "ValidationError", "email"),
    ({"firstName": "A", "email": "a@example.se", "preferences": {"acceptsEmail": "yes"}}, 422, "ValidationError",
     "preferences"),
    ({"firstName": "A" * 101, "email": "a@example.se"}, 422, "ValidationError", "firstName"),
])
async def test_create_refuses_what_engage_refuses_with_the_field_named(engage, sim_state, body, status, code, field):
    before = len(sim_state.contacts)
    answer = await engage.post(CREATE, json=body)
    assert (answer.status_code, answer.json()["errorCode"]) == (status, code)
    assert field in answer.json()["errors"]
    assert len(sim_state.contacts) == before


async def test_an_update_to_another_customers_email_is_refused_but_a_shared_mobile_is_not(engage, showcase):
    anna, karin = showcase["Anna"], showcase["Karin"]
    taken = await engage.patch(f"/api/v3/contacts/{anna['id']}", json={"email": karin["email"]})
    assert (taken.status_code, taken.json()["errorCode"]) == (409, "ApprovedContactWithKeyExists")
    shared = await engage.patch(f"/api/v3/contacts/{anna['id']}", json={"mobilePhone": karin["mobilePhone"]})
    assert shared.status_code == 200 and shared.json()["attributes"]["mobilePhone"] == karin["mobilePhone"]
    bad = await engage.patch(f"/api/v3/contacts/{anna['id']}", json={"mobilePhone": "070"})
    assert (bad.status_code, bad.json()["errorCode"]) == (400, "InvalidPhoneNumber")
