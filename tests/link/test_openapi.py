"""The POS link's OpenAPI document: valid OpenAPI 3.1 (openapi-spec-validator, an oracle we did not write), served
as built from the routes, equal to the copy in docs/, and every route it lists is served. A hypothesis fuzz of the
documented routes (bodies from the documented schemas, then broken on purpose) never gets a 500, and every answer
is either the documented JSON or a problem+json."""

from __future__ import annotations

import json
import string
import uuid
from pathlib import Path

import jsonschema
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openapi_spec_validator import validate

from pos_engage.link import schemas
from pos_engage.link.app import ROUTES
from pos_engage.link.openapi import document, text
from tests.link.conftest import ANNA

DOCS_COPY = Path(__file__).parents[2] / "docs" / "pos-link-openapi.json"


def test_the_document_is_valid_openapi_and_equal_to_the_docs_copy():
    validate(document())
    assert DOCS_COPY.read_text(encoding="utf-8") == text(), \
        "docs/pos-link-openapi.json is stale: python -m pos_engage.link.openapi > docs/pos-link-openapi.json"


async def test_the_served_document_is_the_built_one_and_lists_every_route(rig):
    served = (await rig.http.get("/v1/openapi.json")).json()
    assert served == json.loads(text())
    listed = {(method.upper(), path) for path, item in served["paths"].items() for method in item}
    assert listed == {(spec.method, spec.path) for spec in ROUTES}


# ---------------------------------------------------------------------- fuzz

_scalars = st.one_of(st.none(), st.booleans(), st.integers(-(10**12), 10**12),
                     st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=30))
_json = st.recursive(_scalars, lambda inner: st.one_of(st.lists(inner, max_size=4),
                                                       st.dictionaries(st.text(max_size=12), inner, max_size=4)),
                     max_leaves=20)
_line = st.fixed_dictionaries(
    {"lineId": st.text(string.ascii_letters + string.digits + "._-", min_size=1, max_size=8),
     "sku": st.text(min_size=1, max_size=10), "name": st.text(min_size=1, max_size=20),
     "quantity": st.one_of(st.integers(-5, 5), st.decimals(-5, 5, places=3).map(float)),
     "lineTotal": st.one_of(st.integers(-(10**6), 10**6), _scalars), "vatPercent": st.sampled_from([0, 6, 12, 25])},
    optional={"posDiscounts": st.lists(st.fixed_dictionaries({"amount": st.integers(-10, 10**5)}), max_size=2),
              "articleGroup": _scalars, "extraData": _json, "packQuantity": _scalars})
_sale = st.fixed_dictionaries({"currency": st.sampled_from(["SEK", "EUR", "JPY", "KWD", "sek", "XXX"]),
                               "lines": st.lists(_line, max_size=4)},
                              optional={"customerKey": st.sampled_from([ANNA, "", "0701234567", "x" * 300])})
_commit = st.fixed_dictionaries(
    {"receiptNumber": st.text(max_size=10), "createdDate": st.sampled_from(["2026-11-27T10:00:00+01:00", "now", ""]),
     "total": st.one_of(st.integers(-(10**6), 10**6), _scalars),
     "payments": st.lists(st.fixed_dictionaries({"method": st.sampled_from(["Card", "Cash", ""]),
                                                 "amount": st.integers(-(10**6), 10**6)}), max_size=2)},
    optional={"taxDetails": _json, "extraData": _json, "exchangeRateToGroupCurrency": _scalars})
_sale_id = st.one_of(st.sampled_from(["f1", "f2"]), st.text(string.ascii_letters + "._-", min_size=1, max_size=70))
_request = st.one_of(
    st.tuples(st.just("PUT"), st.builds("/v1/sales/{}".format, _sale_id), st.one_of(_sale, _json)),
    st.tuples(st.just("GET"), st.builds("/v1/sales/{}?afterVersion=0&waitSeconds=0".format, _sale_id), st.none()),
    st.tuples(st.just("POST"), st.builds("/v1/sales/{}/customer".format, _sale_id),
              st.one_of(st.fixed_dictionaries({"key": st.sampled_from([ANNA, "", "123"])}), _json)),
    st.tuples(st.sampled_from(["POST", "DELETE"]), st.builds("/v1/sales/f1/offers/{}".format,
                                                              st.text(string.ascii_letters, min_size=1)), st.none()),
    st.tuples(st.just("POST"), st.builds("/v1/sales/{}/commit".format, _sale_id), st.one_of(_commit, _json)),
    st.tuples(st.just("POST"), st.builds("/v1/sales/{}/void".format, _sale_id), st.none()),
    st.tuples(st.just("POST"), st.just("/v1/receipts"), _json),
    st.tuples(st.just("GET"), st.just("/v1/status"), st.none()),
)


async def test_a_fuzz_of_the_documented_routes_never_gets_a_500(rig):
    seen: list[int] = []

    @settings(max_examples=100, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.lists(_request, min_size=1, max_size=6))
    def run(requests):
        for method, path, body in requests:
            calls.append((method, path, body))

    calls: list = []
    run()
    for method, path, body in calls:
        content = None if body is None else json.dumps(body).encode()
        answer = await rig.http.request(method, path, content=content, headers={
            "Idempotency-Key": uuid.uuid4().hex, "Content-Type": "application/json"})
        seen.append(answer.status_code)
        assert answer.status_code < 500, (method, path, body, answer.text)
        if answer.status_code >= 400:
            problem = answer.json()
            assert answer.headers["content-type"] == "application/problem+json"
            jsonschema.validate(problem, schemas.PROBLEM)
        elif "/v1/sales/" in path and answer.status_code == 200:
            jsonschema.validate(answer.json(), schemas.SALE_STATE)
    assert 200 in seen and 422 in seen


def test_every_operation_declares_the_statuses_every_route_can_answer():
    # The till's last resort (LinkApp._crashed: 500 InternalError) and a journal it cannot write (503) can answer
    # any route; a POS's generated client knows them only if each operation says so (helper R16's integrator review).
    built = document()
    for path, item in built["paths"].items():
        for method, operation in item.items():
            assert operation["responses"]["500"] == {"$ref": "#/components/responses/InternalError"}, (method, path)
            assert operation["responses"]["503"] == {"$ref": "#/components/responses/NotReady"}, (method, path)
    internal = built["components"]["responses"]["InternalError"]
    assert internal["content"]["application/problem+json"]["schema"] == {"$ref": "#/components/schemas/Problem"}
