"""One input for cards, emails, personal numbers and mobiles; scanner noise stripped; typed input never mistaken
for a card; a product barcode told as one; the overlaps between keys decided one way, every time."""

from __future__ import annotations

import pytest

from pos_engage.core.config import CardRule
from pos_engage.core.domain import KeyKind
from pos_engage.core.domain.check_digits import gs1_ok
from pos_engage.core.errors import InputError
from pos_engage.core.till.scan import classify, clean


@pytest.mark.parametrize(("raw", "kind", "value"), [
    ("7350000000016", KeyKind.CUSTOM_KEY, "7350000000016"),
    ("]E07350000000016\r", KeyKind.CUSTOM_KEY, "7350000000016"),      # symbology prefix + CR from a wedge
    ("\x027350000000016\x03", KeyKind.CUSTOM_KEY, "7350000000016"),   # STX/ETX framing
    (";7350000000016?", KeyKind.CUSTOM_KEY, "7350000000016"),         # magnetic track delimiters
    ("100001", KeyKind.CUSTOM_KEY, "100001"),                          # member number
    ("  Anna.Andersson@Example.se ", KeyKind.EMAIL, "anna.andersson@example.se"),
    ("070-123 45 67", KeyKind.MOBILE, "+46701234567"),
    ("0701234567", KeyKind.MOBILE, "+46701234567"),   # also a date and Luhn-shaped: the mobile wins (scan.py)
    ("+47 912 34 567", KeyKind.MOBILE, "+4791234567"),
    ("0046 70 123 45 67", KeyKind.MOBILE, "+46701234567"),
    ("19811218-9876", KeyKind.SOCIAL_SECURITY_NUMBER, "198112189876"),
    ("198112189876", KeyKind.SOCIAL_SECURITY_NUMBER, "198112189876"),
    ("811218-9876", KeyKind.SOCIAL_SECURITY_NUMBER, "198112189876"),
    ("8112189876", KeyKind.SOCIAL_SECURITY_NUMBER, "198112189876"),
    ("811218+9876", KeyKind.SOCIAL_SECURITY_NUMBER, "188112189876"),    # + : a hundred years or older
    ("811278-9873", KeyKind.SOCIAL_SECURITY_NUMBER, "198112789873"),    # samordningsnummer: day + 60
    ("131052-308T", KeyKind.SOCIAL_SECURITY_NUMBER, "131052-308T"),     # henkilötunnus (DVV's example)
    ("010594Y9021", KeyKind.SOCIAL_SECURITY_NUMBER, "010594Y9021"),     # 2023 century sign Y (1900s)
])
def test_classify(raw, kind, value):
    assert (classify(raw).key.kind, classify(raw).key.value) == (kind, value)


def test_a_burst_is_a_card_or_an_email_never_a_phone_number():
    with pytest.raises(InputError, match="not a loyalty card"):
        classify("0701234567", scanned=True)  # a product barcode in the wrong field looks like this
    assert classify("fast.typist@example.se", scanned=True).label == "email"


def test_configured_card_patterns():
    assert classify("ABC-123", card_patterns=[r"ABC-\d{3}"], cards=()).label == "card"
    with pytest.raises(InputError):  # 13 digits are no card here, and no valid mobile number either
        classify("7350000000016", card_patterns=[r"ABC-\d{3}"], cards=())


@pytest.mark.parametrize("raw", ["", "   ", "\x1b\x1b", "hello", "anna@", "12", "12345"])
def test_unusable_input_gets_a_clear_message(raw):
    with pytest.raises(InputError) as caught:
        classify(raw)
    assert str(caught.value)


def test_clean_keeps_the_meaningful_part():
    assert clean("]C1 12345 \n") == "12345"


# ---------------------------------------------------------------------- cards and products

def test_the_demo_card_has_a_valid_gs1_check_digit_and_is_a_card_by_default():
    assert gs1_ok("7350000000016")
    assert classify("7350000000016", scanned=True).key.value == "7350000000016"


@pytest.mark.parametrize("scanned", [True, False])
@pytest.mark.parametrize("barcode", ["5701234567899",    # EAN-13 (the issue's 5701234567892 with its right digit)
                                     "96385074",         # EAN-8
                                     "036000291452",     # UPC-A
                                     "7310865004703"])   # a Swedish company's EAN-13 (735/73 is Sweden's GS1 range)
def test_a_product_barcode_is_no_loyalty_card(barcode, scanned):
    with pytest.raises(InputError, match="this is a product barcode, not a loyalty card"):
        classify(barcode, scanned=scanned)


def test_the_issues_barcode_is_no_card_either_and_is_never_offered_for_registration():
    # 5701234567892's GS1 check digit is wrong (9 is right): no product, and since 13 digits are no longer a card
    # by default, no card either. It is refused, never looked up (which offered it for registration).
    for scanned in (True, False):
        with pytest.raises(InputError, match=r"not a (loyalty card|card number)"):
            classify("5701234567892", scanned=scanned)


@pytest.mark.parametrize("scanned", [True, False])
def test_a_card_with_a_bad_check_digit_is_refused_as_a_misread(scanned):
    with pytest.raises(InputError, match="check digit of card number '7350000000017' is wrong"):
        classify("7350000000017", scanned=scanned)


@pytest.mark.parametrize(("number", "check", "taken"), [
    ("4000001234567899", "luhn", True), ("4000001234567890", "luhn", False),
    ("7350000000016", "gs1", True), ("7350000000023", "gs1", True), ("7350000000024", "gs1", False),
    ("5500000000000001", "none", True),
])
def test_a_card_rule_takes_its_prefix_length_and_check_digit(number, check, taken):
    rule = CardRule(number[:4], len(number), check)
    if taken:
        assert classify(number, cards=[rule], card_patterns=()).key.kind is KeyKind.CUSTOM_KEY
    else:
        with pytest.raises(InputError, match="check digit"):
            classify(number, cards=[rule], card_patterns=())


def test_a_tenants_card_that_is_also_a_product_code_is_its_card():
    # A tenant whose cards are EAN-13 in its own GS1 range says so; the product rule never hides its cards.
    assert classify("5701234567899", cards=[CardRule("570", 13, "gs1")]).label == "card"


def test_thirteen_digits_are_no_card_unless_a_rule_says_so():
    with pytest.raises(InputError):
        classify("1234567890123")


# ---------------------------------------------------------------------- personal numbers

@pytest.mark.parametrize("raw", ["19811218-9875", "811218-9875", "8112189875", "131052-308X", "19850101-1234"])
def test_a_personal_number_with_a_wrong_check_digit_is_told_so(raw):
    with pytest.raises(InputError, match=r"check (digit|character) is wrong: check the number"):
        classify(raw)


@pytest.mark.parametrize("raw", ["851301-1234", "850230-1234", "19850230-1234", "851232-1234", "20991231-1234",
                                 "311302-123A", "290223-123B"])   # 2023 is no leap year; 2123 has not come
def test_a_personal_number_with_an_impossible_date_is_told_so(raw):
    with pytest.raises(InputError, match="date is impossible: check the number"):
        classify(raw)


@pytest.mark.parametrize("raw", ["19850101-1234", "850101-1234", "198501011234"])
def test_the_issues_personal_numbers_are_never_mobiles(raw):
    # They were +198501011234, +8501011234 and refused; their check digit is wrong, and the message says that.
    with pytest.raises(InputError, match="personnummer's check digit is wrong"):
        classify(raw)


def test_a_personal_number_in_a_scan_is_no_card():
    with pytest.raises(InputError, match="not a loyalty card"):
        classify("198112189876", scanned=True)


# ---------------------------------------------------------------------- mobiles by the till's country

@pytest.mark.parametrize(("raw", "code", "value"), [
    ("070 123 45 67", "+46", "+46701234567"),
    ("912 34 567", "+47", "+4791234567"),
    ("41 23 45 67", "+47", "+4741234567"),
    ("20 12 34 56", "+45", "+4520123456"),
    ("040 123 4567", "+358", "+358401234567"),
    ("050 123 4567", "+358", "+358501234567"),
    ("+46 70 123 45 67", "+47", "+46701234567"),     # an international number keeps its country
    ("0046701234567", "+358", "+46701234567"),
])
def test_a_national_mobile_takes_the_tills_country(raw, code, value):
    classified = classify(raw, default_country_code=code)
    assert (classified.key.kind, classified.key.value) == (KeyKind.MOBILE, value)


@pytest.mark.parametrize(("raw", "code"), [
    ("12345", "+46"),            # it was +4612345
    ("46701234567", "+46"),      # international only with + or 00
    ("4791234567", "+47"),
    ("08 123 456 78", "+46"),    # a Stockholm landline takes no text message
    ("0701234567", "+47"),       # a Swedish mobile typed nationally at a Norwegian till
    ("912 34 56", "+47"),        # seven digits: one short
])
def test_what_is_no_mobile_of_the_tills_country_is_refused(raw, code):
    with pytest.raises(InputError):
        assert classify(raw, default_country_code=code).key.kind is not KeyKind.MOBILE
