"""What a refusal says is why (a POS integrator's review: the status codes were right, the words were not): a whole
number written as a decimal (297.00, 1e3) is not called "a fraction"; a pass-through text over its limit is too
long, not "not a text"; applying an offer before any customer has its own code (NoCustomer, 409) where
OfferNotFound is a 404. Over loopback HTTP."""

from __future__ import annotations

import pytest

from tests.link.conftest import served
from tests.link.test_bad_input import problem_of

LINE = {"lineId": "1", "sku": "1", "name": "Scarf", "quantity": 1, "lineTotal": 29700, "vatPercent": 25}


@pytest.mark.parametrize("written", [b"297.00", b"29700.0", b"2.97e4"])
async def test_a_whole_number_written_as_a_decimal_is_said_so(tenant, tmp_path, written):
    body = b'{"currency": "SEK", "lines": [{"lineId": "1", "sku": "1", "name": "Scarf", "quantity": 1, ' \
           b'"lineTotal": ' + written + b', "vatPercent": 25}]}'
    async with served(tenant, tmp_path / "journal.sqlite3") as rig:
        answer = await rig.http.put("/v1/sales/s1", content=body, headers={"Content-Type": "application/json"})
        problem = problem_of(answer, 422, "InvalidSale")
        (error,) = problem["errors"]
        assert error["field"] == "lines[0].lineTotal"
        assert "fraction" not in error["reason"] and "decimal point" in error["reason"]
        whole = int(float(written))
        assert f"({whole}, not" in error["reason"]


async def test_a_pass_through_text_over_its_limit_is_too_long(tenant, tmp_path):
    line = {**LINE, "articleGroup": "x" * 4001}
    async with served(tenant, tmp_path / "journal.sqlite3") as rig:
        problem = problem_of(await rig.http.put("/v1/sales/s1", json={"currency": "SEK", "lines": [line]}),
                             422, "InvalidSale")
        assert problem["errors"] == [{"field": "lines[0].articleGroup", "reason": "is longer than 4000 characters"}]
        assert (await rig.http.put("/v1/sales/s1", json={"currency": "SEK", "lines": [
            {**LINE, "articleGroup": "x" * 4000}]})).status_code == 200


async def test_an_offer_before_any_customer_has_its_own_code(tenant, tmp_path):
    async with served(tenant, tmp_path / "journal.sqlite3") as rig:
        await rig.http.put("/v1/sales/s1", json={"currency": "SEK", "lines": [LINE]})
        problem = problem_of(await rig.http.post("/v1/sales/s1/offers/any"), 409, "NoCustomer")
        assert "Identify the customer" in problem["detail"]
