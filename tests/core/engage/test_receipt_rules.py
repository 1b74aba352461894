"""The receipt passthrough's fast paths refuse and take exactly what its full checks do.

``receipt_passthrough`` (a committed POS-link sale, ``POST /v1/receipts``) checks Engage's rules without building
the receipt's view: each line is looked at quickly (``receipt_checks._item_holds``) and only a line that may break
a rule is read into its view, to name the field. And a body that nothing changed after the POS's fields were
checked (no Decimal turned into its number, nothing added or derived) is not checked a second time. For any
receipt a POS could build, and the same receipt with one value bent the way a POS gets it wrong (a PURCHASE with
a quantity of 0 or below, a negative price, a discount above 0, a tax rate past 100, a long or multi-line sku,
payments that do not add up, a wrong type...), the answer must be the one of ``read_receipt`` with every check
run in full: the same body, or the same refusal naming the same field.
"""

from __future__ import annotations

import copy
from decimal import Decimal

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from pos_engage.core.engage import wire
from pos_engage.core.engage.wire import receipt_checks, receipt_shape, sales
from pos_engage.core.errors import InputError
from tests.core.engage.test_receipt_fidelity import item, receipts
from tests.core.engage.test_receipt_quick_checks import broken, places

# What a POS gets wrong, by field name (any other place takes a value of the wrong kind).
BENT = {
    "quantity": [0, -1, -0.5, 0.0, Decimal("-2"), Decimal("0.000"), 2, 0.25],
    "grossPaidPrice": [-0.01, -100, 0, 1e25, Decimal("-3.50"), Decimal("1E+30"), 99.99],
    "taxPercent": [-1, 100.01, 101, 100, 0, Decimal("100.0000001"), 25.0],
    "value": [0.01, 5, -5, 0, None, Decimal("0.001")],
    "sku": ["", "   ", "a" * 64, "a" * 65, " padded ", "tab\there", "line\nbreak", "\x7f", 7, None],
    "articleName": ["", "  ", "n" * 200, "n" * 201, "a\ttab", "\u200frtl", "emoji \U0001f600", None, 3],
    "type": ["purchase", " RETURN ", "ADJUSTMENT", "refund", "", None, 1],
    "matchKey": ["", "  ", "k" * 101, "multi\nline", "someone@example.se", None],
    "matchKeyType": ["email", "EMAIL", "nope", "", None],
    "uniqueReceiptId": ["", "u" * 101, "ctrl\x01", "ok-1", None],
    "receiptNumber": ["", "  ", "r" * 101, "tab\t", None],
    "currency": ["SEKX", "se", "sek", "", None, "S\nK"],
    "storeExternalId": ["", "s" * 101, "s\x02", None],
    "createdDate": ["2026-11-27T14:05:00", "yesterday", "", None],
    "totalGrossPrice": [0, -1, 1e9, None, "12.00"],
    "type_payment": ["", "  ", "p" * 51, "Card", None],
}
ANY = st.sampled_from([None, 7, "seven", [None], {"x": 1}, True, 1.5, Decimal("2.5")])


def verdict(body: dict, passthrough: bool) -> object:
    try:
        taken = wire.receipt_passthrough(body) if passthrough else wire.read_receipt(body).body
    except InputError as refused:
        return ("refused", refused.field, str(refused))
    except ArithmeticError as failed:   # a price past Decimal's 28 digits: the full read fails on its own too
        return ("failed", type(failed).__name__)
    return ("taken", taken)


def bend(receipt: dict, data: st.DataObject) -> dict:
    spots = [path for path, _ in places(receipt) if path]
    path = data.draw(st.sampled_from(spots))
    name = path[-1] if isinstance(path[-1], str) else ""
    if name == "type" and len(path) > 1 and path[0] == "paymentMethods":
        name = "type_payment"
    value = data.draw(st.sampled_from(BENT[name]) | ANY) if name in BENT else data.draw(ANY)
    return broken(receipt, path, value)


@settings(deadline=None, max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(receipt=receipts(), data=st.data())
def test_the_passthrough_refuses_and_takes_what_the_full_read_does(receipt, data):
    body = bend(receipt, data) if data.draw(st.booleans()) else receipt
    quick = verdict(body, passthrough=True)
    with pytest.MonkeyPatch.context() as patch:
        # The full read: every line read into its view, the whole checked again whether or not anything changed.
        patch.setattr(receipt_checks, "_item_holds", lambda line: False)
        derive = receipt_checks._derive
        patch.setattr(sales, "_derive", lambda body: derive(body) or True)
        assert quick == verdict(body, passthrough=True) == verdict(body, passthrough=False)
    assert quick == verdict(body, passthrough=False)


@settings(deadline=None, max_examples=400, suppress_health_check=[HealthCheck.too_slow])
@given(line=item(), data=st.data())
def test_a_line_the_quick_look_takes_is_one_its_view_takes(line, data):
    """Both ways: a line _item_holds takes, _item_view takes; a line it does not, _item_view refuses (else every
    such line would cost the full read for nothing), but for a price too large to judge quickly."""
    spots = [path for path, _ in places(line) if path]
    path = data.draw(st.sampled_from(spots))
    name = path[-1] if isinstance(path[-1], str) else ""
    value = data.draw(st.sampled_from(BENT[name]) | ANY) if name in BENT else data.draw(ANY)
    line = broken(line, path, value) if data.draw(st.booleans()) else copy.deepcopy(line)
    body = {"items": [line]}
    assume(receipt_shape._shape_fits("Receipt", body) and receipt_shape._encodable_at_once(body))
    receipt_checks._derive(body)
    try:
        receipt_checks._item_view(line, "items[0]")
    except InputError:
        viewed = False
    except ArithmeticError:   # a price past Decimal's 28 digits: the full read fails on its own
        viewed = None
    else:
        viewed = True
    quick = receipt_checks._item_holds(line)
    if quick:
        assert viewed is True
    elif not receipt_shape._is_number(price := line.get("grossPaidPrice")) \
            or abs(price) < receipt_shape.TOO_LARGE:
        assert viewed is False   # a huge price is left to the full read, which may take it


@pytest.mark.parametrize(("change", "field"), [
    (lambda r: r["items"][0].update(type="PURCHASE", quantity=-1), "items[0].quantity"),
    (lambda r: r["items"][0].update(type="PURCHASE", grossPaidPrice=-5.0), "items[0].grossPaidPrice"),
    (lambda r: r["items"][0].update(discounts=[{"value": 5.0}]), "items[0].discounts[0].value"),
    (lambda r: r["items"][0].update(sku="x" * 65), "items[0].sku"),
    (lambda r: r["items"][0].update(taxPercent=125), "items[0].taxPercent"),
    (lambda r: r.update(paymentMethods=[{"type": "Card", "value": 1.0}]), "paymentMethods"),
    (lambda r: r.update(currency="SEKX"), "currency"),
    (lambda r: r["items"][0].update(quantity="2"), "items[0].quantity"),
])
def test_the_passthrough_refuses_a_broken_rule_naming_the_field(change, field):
    receipt = {"contact": {"matchKey": "someone@example.se", "matchKeyType": "Email"}, "uniqueReceiptId": "u1",
               "receiptNumber": "1", "createdDate": "2026-11-27T14:05:00+01:00", "storeExternalId": "12",
               "currency": "SEK", "totalGrossPrice": 10.0, "paymentMethods": [{"type": "Card", "value": 10.0}],
               "items": [{"type": "PURCHASE", "sku": "1", "articleName": "A", "quantity": 1,
                          "grossPaidPrice": 10.0, "taxPercent": 25.0}]}
    assert wire.receipt_passthrough(copy.deepcopy(receipt))["items"][0]["taxAmount"] == 2.0
    change(receipt)
    with pytest.raises(InputError) as refused:
        wire.receipt_passthrough(receipt)
    assert refused.value.field == field
