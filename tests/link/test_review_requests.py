"""Requests a POS vendor's integrator sent while trying the link from its documents alone (issue 16's review), over
real loopback HTTP: each answer is problem+json the POS can act on, never a 500 or an empty redirect."""

from __future__ import annotations

import pytest

from tests.link.test_bad_input import SALE, problem_of


@pytest.mark.parametrize("value", ["\u00b2", "\u0663", "\uff11", "1\u00b9", "+1", " 1"])
async def test_a_version_or_wait_that_is_not_ascii_digits_is_a_clear_refusal(rig, value):
    """str.isdigit() holds for '²' (which int() refuses: a 500) and for Arabic-Indic or full-width digits (which
    int() took): the query is whole numbers written 0-9, as the OpenAPI document says (type integer)."""
    await rig.http.put("/v1/sales/q-1", json=SALE)
    for name in ("afterVersion", "waitSeconds"):
        params = {"afterVersion": "0", "waitSeconds": "0", name: value}
        answer = await rig.http.get("/v1/sales/q-1", params=params)
        body = problem_of(answer, 422, "InvalidQuery")
        assert body["errors"][0]["field"] == name


@pytest.mark.parametrize(("method", "path"), [("GET", "/v1/status/"), ("GET", "/v1/sales/t-1/"),
                                              ("PUT", "/v1/sales/t-1/"), ("POST", "/v1/sales/t-1/commit/")])
async def test_a_trailing_slash_is_not_a_route_rather_than_an_empty_redirect(rig, method, path):
    """Starlette answered these with a bare 307 to the path without the slash (no problem+json, and before the token
    was looked at); a POS that does not follow redirects saw an empty answer. The routes are those of the contract."""
    await rig.http.put("/v1/sales/t-1", json=SALE)
    answer = await rig.http.request(method, path, json=SALE if method != "GET" else None,
                                    headers={"Idempotency-Key": "k-" + method})
    body = problem_of(answer, 404, "NoSuchRoute")
    assert path in body["detail"]
    assert "location" not in answer.headers


@pytest.mark.parametrize("quantity", [100001, 10**15, -10**9])
async def test_a_quantity_beyond_the_bound_is_refused_saying_the_bound_not_other_than_0(rig, quantity):
    """A quantity of 1e15 was refused as "must be a number other than 0": the bound is said (and is in the
    OpenAPI document)."""
    line = {**SALE["lines"][0], "quantity": quantity, "lineTotal": 100 if quantity > 0 else -100}
    body = problem_of(await rig.http.put("/v1/sales/q-2", json={"currency": "SEK", "lines": [line]}), 422,
                      "InvalidSale")
    assert body["errors"] == [{"field": "lines[0].quantity", "reason": "must be between -100000 and 100000"}]


async def test_a_basket_whose_lines_add_up_beyond_what_a_commit_takes_is_refused_at_once(rig):
    """1,000 lines at the largest line total each were taken (toPay 10^14) and the commit of that toPay refused
    (total at most 10^11): a sale that could never be committed. Refused at the PUT, naming the lines."""
    lines = [{**SALE["lines"][0], "lineId": str(i), "lineTotal": 10**11} for i in range(2)]
    body = problem_of(await rig.http.put("/v1/sales/q-3", json={"currency": "SEK", "lines": lines}), 422,
                      "InvalidSale")
    assert [e["field"] for e in body["errors"]] == ["lines"]
    ok = await rig.http.put("/v1/sales/q-3", json={"currency": "SEK", "lines": lines[:1]})
    assert ok.status_code == 200 and ok.json()["totals"]["toPay"] == 10**11
    commit = {"receiptNumber": "Q3", "createdDate": "2026-11-27T14:05:00+01:00", "total": 10**11,
              "payments": [{"method": "Card", "amount": 10**11}]}
    done = await rig.http.post("/v1/sales/q-3/commit", json=commit, headers={"Idempotency-Key": "q-3"})
    assert done.status_code == 200 and done.json()["status"] == "committed", done.text
