"""wire: tolerant reading of Engage's JSON and error bodies; exact, lossless writing of receipts."""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from pos_engage.core.domain import ItemType, MatchKey, MatchKeyType, Payment, Receipt, ReceiptItem
from pos_engage.core.engage import wire
from pos_engage.core.errors import InputError


@pytest.mark.parametrize(("body", "code", "message"), [
    ('{"errorCode":"ContactNotFound","message":"no such contact"}', "ContactNotFound", "no such contact"),
    ('{"title":"ContactNotFound","status":404,"detail":"gone"}', "ContactNotFound", "gone"),
    ('{"Message":"An error has occurred."}', None, "An error has occurred."),
    ('{"code":"X","Message":"m"}', "X", "m"),
    ('"MultipleMatches"', "MultipleMatches", None),
    ('"Something went wrong here"', None, "Something went wrong here"),
    ("plain text failure", None, "plain text failure"),
    ("{broken json", None, "{broken json"),
    ("", None, None),
    ("[1, 2]", None, "[1, 2]"),
])
def test_error_bodies_of_every_shape(body, code, message):
    parsed_code, parsed_message, _ = wire.parse_error_body(body)
    assert (parsed_code, parsed_message) == (code, message)


def test_field_errors_from_model_state_map_to_domain_fields():
    body = ('{"errorCode":"ValidationError","message":"bad",'
            '"errors":{"mobilePhone":["needs +46"],"contact.firstName":["x"]}}')
    _, _, fields = wire.parse_error_body(body)
    assert fields == {"mobile_phone": "needs +46", "first_name": "x"}


def test_a_code_that_names_a_field_becomes_a_field_error():
    _, _, fields = wire.parse_error_body('{"errorCode":"InvalidEmailAddress","message":"bad email"}')
    assert fields == {"email": "bad email"}


@given(st.text(max_size=300))
def test_parse_error_body_never_raises(body):
    wire.parse_error_body(body)


def test_unknown_fields_are_ignored_and_kept_aside():
    contact = wire.contact_from_json({"id": "c1", "attributes": {"firstName": "A", "shoeSize": 41},
                                      "meta": {"contactType": "Member", "newThing": 1}, "surprise": True})
    assert contact.first_name == "A" and contact.extra == {"shoeSize": 41}


def test_contact_id_tolerates_object_and_rejects_nonsense():
    assert wire.contact_id_from_json("abc") == "abc"
    assert wire.contact_id_from_json({"id": "abc"}) == "abc"
    with pytest.raises(ValueError, match="contact id"):
        wire.contact_id_from_json(42)


@pytest.mark.parametrize("spelling", ["contactId", "ContactId", "CONTACTID", "contactid"])
def test_match_key_type_is_case_insensitive(spelling):
    assert MatchKeyType.parse(spelling) is MatchKeyType.CONTACT_ID


def test_a_receipt_file_whose_total_disagrees_is_refused():
    payload = wire.receipt_to_json(sample_receipt(Decimal("10.00")))
    payload["totalGrossPrice"] = 11
    with pytest.raises(InputError, match="totalGrossPrice"):
        wire.receipt_from_json(payload)


@pytest.mark.parametrize("missing", ["uniqueReceiptId", "createdDate", "storeExternalId", "currency", "items",
                                     "contact"])
def test_a_receipt_file_missing_a_required_field_names_it(missing):
    payload = wire.receipt_to_json(sample_receipt(Decimal("10.00")))
    del payload[missing]
    with pytest.raises(InputError) as caught:
        wire.receipt_from_json(payload)
    assert missing in str(caught.value)


def test_both_return_conventions_read_the_same():
    docs = wire.receipt_to_json(sample_receipt(Decimal("20.00"), ItemType.RETURN))
    integrator = {**docs, "items": [{**docs["items"][0], "quantity": 1}]}
    assert wire.receipt_from_json(docs) == wire.receipt_from_json(integrator)
    assert wire.receipt_from_json(docs).total_gross_price == Decimal("-20.00")


def sample_receipt(price: Decimal, kind: ItemType = ItemType.PURCHASE) -> Receipt:
    return Receipt("u1", "1", datetime(2026, 1, 2, 3, 4, 5, tzinfo=timezone(timedelta(hours=1))), "1", "SEK",
                   MatchKey("c1"), (ReceiptItem("s", "n", 1, price, Decimal("25"), type=kind),),
                   payments=(Payment("Card", price if kind is ItemType.PURCHASE else -price),))


amounts = st.decimals(min_value=Decimal("0"), max_value=Decimal("99999.99"), places=2, allow_nan=False)
texts = st.text(st.characters(blacklist_categories=("Cc", "Cs")), min_size=1, max_size=30).filter(str.strip)
items = st.builds(
    ReceiptItem, sku=texts, article_name=texts, quantity=st.integers(1, 999), gross_paid_price=amounts,
    tax_percent=st.sampled_from([Decimal("0"), Decimal("6"), Decimal("12"), Decimal("25")]),
    type=st.sampled_from(list(ItemType)), article_group=st.just(""),
)


@given(st.lists(items, min_size=1, max_size=8), st.sampled_from(list(MatchKeyType)),
       st.integers(-12, 14), st.booleans())
def test_receipts_round_trip_through_json_without_loss(lines, key_type, offset_hours, with_promotion):
    receipt = Receipt(
        "u-1", "17", datetime(2026, 5, 6, 7, 8, 9, tzinfo=timezone(timedelta(hours=offset_hours))), "store-1",
        "SEK", MatchKey(" key ", key_type), tuple(lines),
        payments=(Payment("Card", sum((i.signed_total for i in lines), Decimal(0))),),
        used_promotions=("p-1",) if with_promotion else (),
    )
    import json
    payload = json.loads(wire.dumps(wire.receipt_to_json(receipt)))
    assert wire.receipt_from_json(payload) == receipt
