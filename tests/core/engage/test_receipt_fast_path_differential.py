"""An independent oracle for the receipt passthrough's fast path: it answers exactly what the full read does.

``receipt_passthrough`` looks at each line quickly (``receipt_checks._item_holds``) and builds a line's view
(``_item_view``, ``ReceiptItem.__post_init__``) only when the quick look is unsure; ``read_receipt`` builds every
view. The promise: for every payload, the two refuse alike (same ``InputError.field``, same message), fail alike
(a price past Decimal's 28 digits), or take the same body. The generators here are not the fidelity tests' (which
build receipts a POS could write): they aim at the edges of each rule the views enforce, read from
``_item_view``, ``ReceiptItem``, ``Discount``, ``Payment`` and ``check_receipt_fields``: unicode whitespace and
controls at the ends of a sku or name, lengths at 64/200 before and after the strip, numbers as int, float or
Decimal (-0.0, 1e-30, 1e19..1e25, 100.0000001), odd casing and padding of a line's type, fields missing, None or
blank, discounts at 0 or above, totals and payments a cent off, and the companion's additions or none.
"""

from __future__ import annotations

import copy
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pos_engage.core.engage import wire
from pos_engage.core.engage.wire import receipt_checks, receipt_shape
from pos_engage.core.engage.wire.receipt_additions import ReceiptAdditions
from pos_engage.core.errors import InputError

MISSING = object()  # a field left out of the line altogether

# The characters the text rules treat apart: whitespace strip() takes (\xa0 \u2028 \x85 \u3000), what it leaves
# (\u200b \ufeff), C0/C1 controls (\x85 is both), a tab, a right-to-left mark, an emoji, a Kelvin sign.
EDGE_CHARS = ["\u00a0", "\u2028", "\u2029", "\x85", "\u200b", "\ufeff", "\u3000", "\x00", "\x01", "\x1f", "\x7f",
              "\x9f", "\xa0", "\t", "\n", "\r", " ", "\u200f", "\U0001f600", "\u212a", "a", "Z", "9", "-"]
PADS = st.lists(st.sampled_from(["", " ", "\u00a0", "\u2028", "\x85", "\u200b", "\t", "\n", "\u3000"]),
                max_size=2).map("".join)


def edge_text(lengths: list[int]) -> st.SearchStrategy[str]:
    """Text whose core is one of ``lengths`` long (the rule's limit and its neighbours), padded with what strip()
    does or does not take, with an edge character somewhere or not."""
    @st.composite
    def build(draw) -> str:
        size = draw(st.sampled_from(lengths))
        core = list(draw(st.sampled_from(["a", "n", "é", "\U0001f600"])) * size)
        if core and draw(st.booleans()):
            core[draw(st.integers(0, len(core) - 1))] = draw(st.sampled_from(EDGE_CHARS))
        return draw(PADS) + "".join(core) + draw(PADS)
    return st.one_of(build(), st.text(st.sampled_from(EDGE_CHARS), max_size=6))


SKUS = edge_text([0, 1, 2, 63, 64, 65])
NAMES = edge_text([0, 1, 199, 200, 201])


def _number(values: list[str]) -> st.SearchStrategy[Any]:
    """Each value as the POS link or a file may give it: int (when whole), float, or Decimal as written."""
    def forms(text: str) -> st.SearchStrategy[Any]:
        exact = Decimal(text)
        options = [st.just(float(text)), st.just(exact)]
        if exact == exact.to_integral_value() and abs(exact) < 10**30:
            options.append(st.just(int(exact)))
        return st.one_of(options)
    return st.sampled_from(values).flatmap(forms)


EDGE_NUMBERS = ["0", "-0.0", "0.000", "1e-30", "-1e-30", "0.001", "-0.001", "0.005", "-0.005", "0.01", "-0.01",
                "1", "-1", "2.5", "-2.5", "99.99", "100", "100.0000001", "-100", "99.9999999", "1e19", "-1e19",
                "99999999999999999999", "1e20", "-1e20", "1e25", "1e-400", "1e300"]
QUANTITIES = st.one_of(_number(EDGE_NUMBERS), st.integers(-3, 3), st.floats(-10, 10, allow_nan=False))
PRICES = st.one_of(_number(EDGE_NUMBERS), st.integers(-500, 500).map(lambda c: c / 100),
                   st.floats(allow_nan=False, allow_infinity=False))
TAXES = st.one_of(_number(["0", "-0.0", "25", "25.5", "100", "100.0000001", "100.00000000000001", "-1e-30",
                           "1e-30", "101", "-1", "99.999"]), st.floats(-1, 101, allow_nan=False))
DISCOUNT_VALUES = st.one_of(_number(["0", "-0.0", "1e-30", "-1e-30", "0.01", "-0.01", "5", "-5", "-1e25"]),
                            _number(["-1", "-0.5", "-10"]), st.sampled_from([None, MISSING, "-5", " ", True]))
TYPES = st.sampled_from(["PURCHASE", "RETURN", "ADJUSTMENT", "purchase", "Return", "adjustment", " PURCHASE ",
                         "\u00a0RETURN\u2028", "\x85purchase\x85", "PURCHASE\u200b", "RETURN\t", "refund", "",
                         " ", None, MISSING, 1, "ADJUSTMENT\n", "purchaſe", "RETURn"])
# What any field may be instead (a POS gets a type wrong).
WRONG = st.sampled_from([None, MISSING, "", " ", "\u00a0", 7, 1.5, True, [], {}, "7", Decimal("2.5")])


def maybe(strategy: st.SearchStrategy[Any], wrong: float = 0.1) -> st.SearchStrategy[Any]:
    return st.one_of(strategy, WRONG) if wrong else strategy


@st.composite
def discounts(draw) -> list[Any]:
    out: list[Any] = []
    for _ in range(draw(st.integers(0, 2))):
        entry = {"value": draw(DISCOUNT_VALUES), "type": draw(st.sampled_from(["offer", "", MISSING, 3])),
                 "description": draw(st.sampled_from(["10 %", "\x01", MISSING, None]))}
        if draw(st.integers(0, 9)) == 0:
            entry["extra"] = {"nested": [1, Decimal("0.5")]}
        entry = {name: value for name, value in entry.items() if value is not MISSING}
        out.append(entry if draw(st.integers(0, 19)) else draw(st.sampled_from([None, 5, "x", []])))
    return out


def bent(draw, good: Any, edge: st.SearchStrategy[Any], odds: int = 4) -> Any:
    """Mostly a sane value (so a line gets as far as the rule under test), one time in ``odds`` an edge one."""
    return draw(edge) if draw(st.integers(1, odds)) == 1 else good


@st.composite
def lines(draw) -> Any:
    """One line: sane fields with one or more bent to their edges; now and then not a line at all."""
    if draw(st.integers(0, 39)) == 0:
        return draw(st.sampled_from([None, 3, "line", [], [{"sku": "1"}]]))
    kind = draw(st.sampled_from(["PURCHASE", "RETURN", "ADJUSTMENT"]))
    sign = -1 if kind != "PURCHASE" and draw(st.booleans()) else 1
    line = {
        "type": bent(draw, kind, TYPES),
        "sku": bent(draw, "sku-1", maybe(SKUS)),
        "articleName": bent(draw, "Article", maybe(NAMES)),
        "quantity": bent(draw, sign * draw(st.sampled_from([1, 2, 0.348, Decimal("0.348")])),
                         maybe(QUANTITIES, 0.05)),
        "grossPaidPrice": bent(draw, sign * draw(st.integers(0, 50_000)) / 100, maybe(PRICES, 0.05)),
        "taxPercent": bent(draw, draw(st.sampled_from([0, 6, 12, 25, 25.5])), maybe(TAXES, 0.05)),
        "articleNumber": bent(draw, MISSING, st.one_of(SKUS, st.sampled_from([MISSING, None, "", 12]))),
        "articleGroup": bent(draw, MISSING, st.one_of(NAMES, st.sampled_from([MISSING, None, "\x01grp", 3]))),
        "taxAmount": bent(draw, MISSING, st.sampled_from([None, 0, 2.0, Decimal("0.10"), "2"])),
        "discounts": draw(st.one_of(discounts(), st.sampled_from([MISSING, None, {}, "x"]))) if draw(
            st.booleans()) else MISSING,
        "extraData": bent(draw, MISSING, st.sampled_from([[], [{"name": "a", "value": "b"}], [{"name": None}],
                                                          [None], [{"name": 1}]]), odds=8),
        "awardsBonus": bent(draw, MISSING, st.sampled_from([True, False, None, 0, "false"]), odds=8),
        "marginPercent": bent(draw, MISSING, st.sampled_from(["25.00", " ", 12.5, "x"]), odds=8),
    }
    return {name: value for name, value in line.items() if value is not MISSING}


def share(line: Any) -> Decimal:
    """What a line adds to the total, as Engage sums it; 0 for a line the checks refuse anyway."""
    try:
        price = Decimal(str(line["grossPaidPrice"]))
    except (ArithmeticError, KeyError, TypeError):
        return Decimal(0)
    if not price.is_finite():
        return Decimal(0)
    return -abs(price) if str(line.get("type")).strip().upper() == "RETURN" else price


def signed_sum(items: list[Any]) -> Decimal:
    return sum((share(line) for line in items), Decimal(0))


@st.composite
def payloads(draw) -> dict[str, Any]:
    items = draw(st.lists(lines(), min_size=0, max_size=4))
    total = signed_sum(items)
    off = draw(st.sampled_from([Decimal(0)] * 6 + [Decimal("0.01"), Decimal("-0.01"), Decimal("0.011"),
                                                   Decimal("0.005"), Decimal("-0.0049"), Decimal(1)]))
    stated = total + off
    sane = draw(st.integers(0, 2)) > 0   # mostly a sane head, so the lines' rules decide
    body: dict[str, Any] = {
        "contact": draw(st.sampled_from([{"matchKey": "someone@example.se", "matchKeyType": "Email"}] if sane else [
                                         {"matchKey": "someone@example.se", "matchKeyType": "Email"},
                                         {"matchKey": "m1", "matchKeyType": " memberNUMBER "},
                                         {"matchKey": " ", "matchKeyType": "Email"},
                                         {"matchKey": "m\n1", "matchKeyType": "ContactId"}, MISSING, None])),
        "uniqueReceiptId": "u-1" if sane else draw(st.sampled_from(["u-1", " u-2 ", "", "u\x85", "u" * 101,
                                                                     MISSING])),
        "receiptNumber": "1" if sane else draw(st.sampled_from(["1", MISSING, "", " ", "r\u2028"])),
        "createdDate": "2026-11-27T14:05:00+01:00" if sane else draw(st.sampled_from([
            "2026-11-27T14:05:00+01:00", "2026-11-27T14:05:00", "2026-11-27", MISSING])),
        "storeExternalId": "12" if sane else draw(st.sampled_from(["12", "s\x02", MISSING])),
        "currency": "SEK" if sane else draw(st.sampled_from(["SEK", "sek", " SEK ", "SE", "SEKX", MISSING])),
        "totalGrossPrice": draw(st.sampled_from([MISSING, float(stated), stated, "x"]) if draw(st.integers(0, 4))
                                else st.just(float(stated))),
        "items": items,
    }
    if draw(st.booleans()):
        paid = stated + draw(st.sampled_from([Decimal(0)] * 4 + [Decimal("0.01"), Decimal("0.004")]))
        first = Decimal(int(paid * 50)) / 100 if abs(paid) < 10**20 else paid  # about half, to the cent
        body["paymentMethods"] = [
            {"type": "Card" if sane else draw(st.sampled_from(["Card", " ", "p" * 51, "Ca\x01rd"])),
             "value": float(first)},
            {"type": "Cash", "value": draw(st.sampled_from([float(paid - first), paid - first]))}]
    elif draw(st.booleans()):
        body["paymentMethods"] = draw(st.sampled_from([[], None, [{"type": "Card"}], [{"value": 1.0}]]))
    return {name: value for name, value in body.items() if value is not MISSING}


@st.composite
def additions(draw, body: dict[str, Any]) -> ReceiptAdditions | None:
    """None, or what the companion's receipt of the same sale adds: its contact, line discounts, promotions."""
    if draw(st.booleans()):
        return None
    items = body.get("items") if isinstance(body.get("items"), list) else []
    companion_items = [{"discounts": draw(st.lists(st.fixed_dictionaries({"value": _number(["-1", "-0.01", "0",
                                                                                           "-1e-30"])}),
                                                   max_size=1))} for _ in items]
    companion = {"contact": draw(st.sampled_from([None, {"matchKey": "someone@example.se",
                                                         "matchKeyType": "Email"}])),
                 "items": companion_items,
                 "usedPromotions": draw(st.sampled_from([[], [{"promotionId": "p1"}]]))}
    return ReceiptAdditions.of_companion(companion, defaults=draw(st.sampled_from([
        {}, {"storeExternalId": "12", "currency": "SEK", "createdDate": "2026-11-27T14:05:00+01:00",
             "uniqueReceiptId": "u-9"}])))


def verdict(payload: dict[str, Any], extra: ReceiptAdditions | None, fast: bool) -> object:
    payload = copy.deepcopy(payload)
    try:
        body = (wire.receipt_passthrough(payload, additions=extra) if fast
                else wire.read_receipt(payload, additions=extra).body)
    except InputError as refused:
        return ("refused", refused.field, str(refused))
    except Exception as failed:  # any other failure must be the same failure on both paths
        return ("failed", type(failed).__name__)
    return ("taken", body)


@settings(deadline=None, max_examples=1500, suppress_health_check=[HealthCheck.too_slow])
@given(payload=payloads(), data=st.data())
def test_the_fast_path_answers_what_the_full_read_answers(payload, data):
    extra = data.draw(additions(payload))
    assert verdict(payload, extra, fast=True) == verdict(payload, extra, fast=False)


@settings(deadline=None, max_examples=3000, suppress_health_check=[HealthCheck.too_slow])
@given(line=lines())
def test_a_line_the_quick_look_takes_its_view_takes(line):
    """The quick look's own promise, on lines alone (many more of them): True only when the view surely takes
    the line (of a body the shape checks take, with what is derived added)."""
    body = {"items": [copy.deepcopy(line)]}
    if not (receipt_shape._encodable_at_once(body) and receipt_shape._shape_fits("Receipt", body)):
        return
    try:
        receipt_checks._derive(body)
    except ArithmeticError:   # a price past Decimal's 28 digits fails both paths before any line is looked at
        return
    line = body["items"][0]
    if receipt_checks._item_holds(line):
        receipt_checks._item_view(line, "items[0]")   # must not raise


HEAD = {"contact": {"matchKey": "someone@example.se", "matchKeyType": "Email"}, "uniqueReceiptId": "u-1",
        "createdDate": "2026-11-27T14:05:00+01:00", "storeExternalId": "12", "currency": "SEK"}


@pytest.mark.parametrize("line", [
    {"type": "PURCHASE", "sku": "1\x85", "articleName": "A", "quantity": 1, "grossPaidPrice": 1.0, "taxPercent": 25},
    {"type": "PURCHASE", "sku": "1\x85x", "articleName": "A", "quantity": 1, "grossPaidPrice": 1.0, "taxPercent": 25},
    {"type": "PURCHASE", "sku": "\u00a0" + "s" * 64 + "\u2028", "articleName": "A", "quantity": 1,
     "grossPaidPrice": 1.0, "taxPercent": 25},
    {"type": "PURCHASE", "sku": "\u200b" + "s" * 64, "articleName": "A", "quantity": 1, "grossPaidPrice": 1.0,
     "taxPercent": 25},
    {"type": "PURCHASE", "sku": "1", "articleName": "\u3000" + "n" * 200 + "\x85", "quantity": 1,
     "grossPaidPrice": 1.0, "taxPercent": 25},
    {"type": "PURCHASE", "sku": "1", "articleName": "n" * 200 + "\u200b", "quantity": 1, "grossPaidPrice": 1.0,
     "taxPercent": 25},
    {"type": "\u00a0purchase\u2028", "sku": "1", "articleName": "A", "quantity": 1, "grossPaidPrice": 1.0,
     "taxPercent": 25},
    {"type": "purcha\u017fe", "sku": "1", "articleName": "A", "quantity": 1, "grossPaidPrice": 1.0,
     "taxPercent": 25},
    {"type": "PURCHASE", "sku": "1", "articleName": "A", "quantity": Decimal("1e-400"), "grossPaidPrice": 1.0,
     "taxPercent": 25},
    {"type": "PURCHASE", "sku": "1", "articleName": "A", "quantity": -0.0, "grossPaidPrice": -0.0, "taxPercent": -0.0},
    {"type": "PURCHASE", "sku": "1", "articleName": "A", "quantity": 1, "grossPaidPrice": 1.0,
     "taxPercent": Decimal("100.0000001")},
    {"type": "PURCHASE", "sku": "1", "articleName": "A", "quantity": 1, "grossPaidPrice": 1.0,
     "taxPercent": 100.00000000000001},
    {"type": "RETURN", "sku": "1", "articleName": "A", "quantity": -1, "grossPaidPrice": -99999999999999999999.0,
     "taxPercent": 25, "taxAmount": 0},
    {"type": "PURCHASE", "sku": "1", "articleName": "A", "quantity": 1, "grossPaidPrice": 5e26, "taxPercent": 25},
    {"type": "PURCHASE", "sku": "1", "articleName": "A", "quantity": 10**400, "grossPaidPrice": 1, "taxPercent": 25},
    {"type": "PURCHASE", "sku": "1", "articleName": "A", "quantity": 1, "grossPaidPrice": 1.0, "taxPercent": 25,
     "discounts": [{"value": -0.0}, {"value": Decimal("1e-30")}]},
    {"type": "ADJUSTMENT", "sku": "1", "articleName": "A", "quantity": -2, "grossPaidPrice": -5, "taxPercent": 0},
], ids=lambda line: repr(line)[:60])
def test_hand_picked_edges_answer_alike(line):
    """The edges read off the rules (strip() takes \\x85 and \\u2028 but not \\u200b; a long s upper-cases to S;
    a Decimal past a float's range becomes 0.0; a price past Decimal's digits), each alone on a receipt."""
    payload = {**HEAD, "items": [line]}
    for extra in (None, ReceiptAdditions.of_companion({"items": [{"discounts": [{"value": -0.5}]}]})):
        assert verdict(payload, extra, fast=True) == verdict(payload, extra, fast=False)
