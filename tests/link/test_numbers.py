"""Numbers no field of the link or of Engage's receipt can be (issue 16, Bad input: "nothing lost", never a 500)
are refused as JSON, 400 InvalidNumber: beyond a double's range (``1e400`` in a POS's own receipt ended in a 500,
a float Engage's rules could not check) or with more digits than any amount (``1e400000`` made an integer of
400,000 digits for the idempotency fingerprint, seconds of the till's loop). Every number within them reads as
before. Over loopback HTTP, and pos_json alone for the property."""

from __future__ import annotations

import json
import math
import uuid
from decimal import Decimal

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pos_engage.core.till import pos_json
from tests.link.conftest import ANNA


def problem(answer) -> dict:
    assert answer.status_code == 400, answer.text
    assert answer.headers["content-type"] == "application/problem+json"
    return answer.json()


async def test_a_receipt_with_a_number_beyond_a_double_is_400_not_500(rig):
    receipt = {"uniqueReceiptId": "big-1", "receiptNumber": "1", "createdDate": "2026-11-27T10:00:00+01:00",
               "storeExternalId": "12", "currency": "SEK", "contact": {"matchKey": ANNA, "matchKeyType": "Email"},
               "paymentMethods": [{"type": "Card", "value": 100.0}],
               "items": [{"type": "PURCHASE", "sku": "1", "articleNumber": "1", "articleName": "Socks", "quantity": 1,
                          "grossPaidPrice": 100.0, "taxAmount": 20.0, "taxPercent": 25.0}]}
    body = json.dumps(receipt)[:-1] + ', "totalGrossPrice": 1e400}'
    answer = await rig.http.post("/v1/receipts", content=body, headers={"Idempotency-Key": uuid.uuid4().hex,
                                                                          "Content-Type": "application/json"})
    assert problem(answer)["code"] == "InvalidNumber" and "1E+400" in answer.json()["detail"]
    assert answer.json()["errors"][0]["field"] == "totalGrossPrice"
    assert rig.tenant.received.receipts == {} and rig.service.journal.count() == 0


@pytest.mark.parametrize(("field", "number"), [("grossPaidPrice", "1e30"), ("grossPaidPrice", "1" + "0" * 27),
                                               ("taxPercent", "-99.99999999999999999999999999")])
async def test_a_receipt_with_a_number_too_large_to_work_out_is_422_naming_it_not_500(rig, field, number):
    """A double's range is not enough: the till works a line out to the cent in 28 digits (1e30 failed halfway,
    a 500, and so did a tax a hair above -100 %, which made the tax amount too large)."""
    item = {"type": "PURCHASE", "sku": "1", "articleNumber": "1", "articleName": "Socks", "quantity": 1,
            "grossPaidPrice": 100.0, "taxPercent": 25.0}
    receipt = {"uniqueReceiptId": "huge-1", "receiptNumber": "1", "createdDate": "2026-11-27T10:00:00+01:00",
               "storeExternalId": "12", "currency": "SEK", "contact": {"matchKey": ANNA, "matchKeyType": "Email"},
               "paymentMethods": [{"type": "Card", "value": 100.0}], "totalGrossPrice": 100.0, "items": [item]}
    body = json.dumps(receipt).replace(f'"{field}": {item[field]}', f'"{field}": {number}')
    assert number in body
    answer = await rig.http.post("/v1/receipts", content=body, headers={"Idempotency-Key": uuid.uuid4().hex,
                                                                          "Content-Type": "application/json"})
    assert answer.status_code == 422, answer.text
    assert answer.headers["content-type"] == "application/problem+json"
    assert answer.json()["errors"][0]["field"] == f"items[0].{field}"
    assert rig.tenant.received.receipts == {} and rig.service.journal.count() == 0


@pytest.mark.parametrize("number", ["1e400000", "9" * 31, "-" + "1" * 31, "9e308", "-2e308"])
async def test_a_number_no_field_can_be_is_refused_before_anything_is_done(rig, number):
    await rig.http.put("/v1/sales/s1", json={"currency": "SEK", "lines": []})
    answer = await rig.http.post("/v1/sales/s1/void", content=f'{{"note": {number}}}',
                                 headers={"Idempotency-Key": uuid.uuid4().hex})
    assert problem(answer)["code"] == "InvalidNumber"
    assert (await rig.http.get("/v1/sales/s1")).json()["status"] == "open"


@settings(max_examples=300, deadline=None)
@given(st.one_of(st.integers(-(10**30) + 1, 10**30 - 1).map(str),
                 st.floats(allow_nan=False, allow_infinity=False).map(repr),
                 st.decimals(-(10**12), 10**12, places=3).map(str)))
def test_every_number_within_them_reads_as_before(number):
    text = f'{{"n": [{number}, "{number}"]}}'
    assert pos_json.loads(text.encode()) == json.loads(text, parse_float=Decimal)


def out_of_range(number: str) -> bool:
    value = Decimal(number)
    whole = "." not in number and "e" not in number.lower()
    return (whole and abs(value) >= 10**pos_json.MAX_DIGITS) or math.isinf(float(value))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(st.integers(-(10**32), 10**32).map(str),
                          st.sampled_from(["1e307", "1.7e308", "1.8e308", "-1e309", "1e999999", "0.5", "1e-999",
                                           "-0", "12.50"])), min_size=1, max_size=5),
       st.booleans())
def test_a_body_is_refused_exactly_when_a_number_in_it_is_out_of_range_naming_where(numbers, surrogate):
    text = '{"a": {"b": [%s]}, "t": "%s"}' % (", ".join(numbers), "\\ud800" if surrogate else "x")  # noqa: UP031
    wanted = next((i for i, n in enumerate(numbers) if out_of_range(n)), None)
    expected = ("InvalidNumber", f"a.b[{wanted}]") if wanted is not None else ("InvalidText", "t") if surrogate \
        else None
    assert verdict(text) == expected


def verdict(text: str) -> tuple[str, str | None] | None:
    try:
        pos_json.loads(text.encode())
    except pos_json.JsonRefused as refused:
        return refused.code, refused.field
    return None


@pytest.mark.parametrize(("field", "value"), [("quantity", 10**400), ("grossPaidPrice", 5 * 10**26),
                                              ("grossPaidPrice", Decimal("1E+30"))])
def test_a_receipt_built_in_python_with_a_number_too_large_is_refused_naming_it(field, value):
    """Not every receipt comes through the link's JSON reader (receipt files, the CLI, the till's own): an int
    beyond a float's range overflowed inside the type check, and 5e26 failed working out the tax amount."""
    from pos_engage.core.engage.wire.sales import read_receipt, receipt_passthrough
    from pos_engage.core.errors import InputError

    item = {"type": "PURCHASE", "sku": "1", "articleName": "Socks", "quantity": 1, "grossPaidPrice": 100,
            "taxPercent": 25, field: value}
    receipt = {"uniqueReceiptId": "u1", "receiptNumber": "1", "createdDate": "2026-11-27T10:00:00+01:00",
               "storeExternalId": "12", "currency": "SEK", "contact": {"matchKey": ANNA, "matchKeyType": "Email"},
               "paymentMethods": [{"type": "Card", "value": 100}], "totalGrossPrice": 100, "items": [item]}
    for read in (read_receipt, receipt_passthrough):
        with pytest.raises(InputError) as refused:
            read(receipt)
        assert refused.value.field == f"items[0].{field}" and "too large" in str(refused.value)
