"""The point-account calls against Voyado's swagger (an oracle we did not write) and the simulator: the paths and
query parameters the client sends are the swagger's, and what the simulator answers is the swagger's model, which
the client reads (balance, pending points, the definitions' names)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from pos_engage.core.domain import ContactKey, ContactType
from pos_engage.core.engage import responses
from pos_engage.core.errors import EngageNotFound, MultipleMatches
from tests.core.engage.test_contract import needs_swagger, swagger, swagger_problems  # noqa: F401 - a fixture


def endpoint(spec: dict, method: str, path: str) -> dict:
    return next(e for e in spec["endpoints"] if e["method"] == method and e["path"] == path)


@needs_swagger
async def test_the_point_account_calls_are_the_swaggers(client, recorder, showcase, swagger):  # noqa: F811
    await client.point_accounts(showcase["Anna"]["id"])
    await client.point_definitions()
    for sent in recorder.requests:
        documented = endpoint(swagger, "GET", sent.url.path)
        names = {q["name"] for q in documented["query"]}
        assert set(sent.url.params) <= names, sent.url
        assert {q["name"] for q in documented["query"] if q["required"]} <= set(sent.url.params)


@needs_swagger
async def test_the_simulators_point_accounts_are_the_swaggers_model(raw_answers, swagger):  # noqa: F811
    accounts, definitions = raw_answers
    page_fields = swagger["models"]["PointAccountModelsResult"]["fields"]
    assert set(accounts) <= set(page_fields)
    for account in accounts["items"]:
        assert swagger_problems(swagger, "PointAccountModel", account) == []
    for definition in definitions:
        assert set(definition) <= set(swagger["models"]["PointDefinitionModel"]["fields"])


@pytest.fixture
async def raw_answers(client, showcase):
    ola = showcase["Ola"]["id"]
    accounts = await client._read("/api/v2/point-accounts", params={"contactId": ola})
    definitions = await client._read("/api/v2/point-accounts/definitions", expected=responses.OBJECT_OR_LIST)
    return accounts.payload, definitions.payload


async def test_the_client_reads_balances_and_kinds(client, showcase):
    accounts = await client.point_accounts(showcase["Anna"]["id"])
    assert [(a.balance, a.pending, a.definition_id) for a in accounts] == [(Decimal(1250), Decimal(40), "1")]
    assert accounts[0].expires is not None and accounts[0].expires.utcoffset() is not None
    names = {d.id: d.name for d in await client.point_definitions()}
    assert names == {"1": "Bonus points", "2": "Climate points"}


async def test_an_unknown_contact_has_no_point_accounts(client):
    with pytest.raises(EngageNotFound):
        await client.point_accounts("00000000-0000-4000-8000-000000000000")


async def test_a_lookup_narrowed_to_a_contact_type_sends_the_documented_parameter(client, recorder, sim_state):
    maja = next(c for c in sim_state.contacts.values() if c["attributes"]["firstName"] == "Maja"
                and c["attributes"]["lastName"] == "Lind")
    key = ContactKey.mobile("0708888888")
    assert await client.identify_of_type(key, ContactType.MEMBER) == maja["id"]
    assert dict(recorder.requests[-1].url.params) == {"mobilePhone": "+46708888888", "contactType": "Member"}
    with pytest.raises(MultipleMatches):
        await client.identify_of_type(ContactKey.mobile("0709999999"), ContactType.MEMBER)
