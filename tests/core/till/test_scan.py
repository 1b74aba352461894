"""One input for cards, emails and mobiles; scanner noise stripped; typed input never mistaken for a card."""

from __future__ import annotations

import pytest

from pos_engage.core.domain import KeyKind
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
    ("+47 912 34 567", KeyKind.MOBILE, "+4791234567"),
])
def test_classify(raw, kind, value):
    assert (classify(raw).key.kind, classify(raw).key.value) == (kind, value)


def test_a_burst_is_a_card_or_an_email_never_a_phone_number():
    with pytest.raises(InputError, match="not a loyalty card"):
        classify("0701234567", scanned=True)  # a product barcode in the wrong field looks like this
    assert classify("fast.typist@example.se", scanned=True).label == "email"


def test_configured_card_patterns():
    assert classify("ABC-123", card_patterns=[r"ABC-\d{3}"]).label == "card"
    with pytest.raises(InputError):  # 13 digits are no card here, and no valid mobile number either
        classify("7350000000016", card_patterns=[r"ABC-\d{3}"])


@pytest.mark.parametrize("raw", ["", "   ", "\x1b\x1b", "hello", "anna@", "12"])
def test_unusable_input_gets_a_clear_message(raw):
    with pytest.raises(InputError) as caught:
        classify(raw)
    assert str(caught.value)


def test_clean_keeps_the_meaningful_part():
    assert clean("]C1 12345 \n") == "12345"
