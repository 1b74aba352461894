"""Bad input gets a clear error before any request is made."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

import pytest

from pos_engage.core.domain import (
    ContactKey,
    ContactUpdate,
    Discount,
    MatchKey,
    NewContact,
    Payment,
    Receipt,
    ReceiptItem,
)
from pos_engage.core.errors import InputError


def item(**changes) -> ReceiptItem:
    fields = {"sku": "1001", "article_name": "T-shirt", "quantity": 1, "gross_paid_price": Decimal("199"),
              "tax_percent": Decimal("25")} | changes
    return ReceiptItem(**fields)


@pytest.mark.parametrize(("build", "field"), [
    (lambda: ContactKey.email(""), "email"),
    (lambda: ContactKey.email("   "), "email"),
    (lambda: ContactKey.email("anna@"), "email"),
    (lambda: ContactKey.email("anna at example.se"), "email"),
    (lambda: ContactKey.mobile("12"), "mobilePhone"),
    (lambda: ContactKey.mobile("070-abc"), "mobilePhone"),
    (lambda: ContactKey.custom("7350\x1b000"), "customKey"),
    (lambda: NewContact(first_name="No key"), "email"),
    (lambda: item(gross_paid_price=199.0), "grossPaidPrice"),
    (lambda: item(gross_paid_price="199"), "grossPaidPrice"),
    (lambda: item(gross_paid_price=Decimal("NaN")), "grossPaidPrice"),
    (lambda: item(gross_paid_price=Decimal("-5")), "grossPaidPrice"),
    (lambda: item(quantity=0), "quantity"),
    (lambda: item(quantity=1.5), "quantity"),
    (lambda: item(quantity=True), "quantity"),
    (lambda: item(tax_percent=Decimal("125")), "taxPercent"),
    (lambda: Discount(Decimal("10")), "discounts"),
    (lambda: Payment("Card", 10.5), "payment value"),
    (lambda: Receipt("r", "1", datetime(2026, 1, 1, 12), "1", "SEK", MatchKey("x"), (item(),)), "createdDate"),
    (lambda: ContactUpdate(), None),
])
def test_invalid_input_is_refused_with_the_field_named(build, field):
    with pytest.raises(InputError) as caught:
        build()
    assert caught.value.field == field
    assert str(caught.value)


@pytest.mark.parametrize(("typed", "expected"), [
    ("070-123 45 67", "+46701234567"), ("+46 70 123 45 67", "+46701234567"), ("0046701234567", "+46701234567"),
    ("(070) 123.45.67", "+46701234567"),   # a bare 46701234567 is no mobile: tests/core/domain/test_mobiles.py
])
def test_mobile_numbers_are_normalised_to_e164(typed, expected):
    assert ContactKey.mobile(typed).value == expected


def test_norwegian_default_country():
    assert ContactKey.mobile("912 34 567", default_country_code="+47").value == "+4791234567"


async def test_the_client_refuses_bad_arguments_without_sending(client, recorder):
    with pytest.raises(InputError):
        await client.identify("anna@example.se")  # a bare string is not a ContactKey
    with pytest.raises(InputError):
        await client.get_contact("")
    with pytest.raises(InputError):
        await client.purchase_history("x", count=1000)
    with pytest.raises(InputError):
        await client.post_receipt_json({"uniqueReceiptId": "x"})
    with pytest.raises(InputError):
        await client.order_action("o", "ConfirmOrder", "")
    assert recorder.requests == []
