"""What an unknown text typed with no customer identified is called (session 13): an offer code only when it is
shaped as one is printed (scan.Code.looks_printed), otherwise no customer was found by it."""

from __future__ import annotations

import pytest

from pos_engage.core.till import codes
from pos_engage.core.till.scan import Code, read


@pytest.mark.parametrize("text", ["PARTNER-2026", "SUMMER20", "VIP", "123456789", "WELCOME 10"])
def test_a_code_shaped_as_printed_is_called_an_offer_code(text):
    assert Code(text).looks_printed()
    assert "is an offer code: identify the customer first" in codes.identify_first(Code(text)).message


@pytest.mark.parametrize("text", ["hej123", "anna", "Erik", "partner-2026x", "Ab12"])
def test_other_text_is_said_as_no_customer_found(text):
    assert isinstance(read(text), Code)   # none of the keys, with a code's characters: read as a code
    message = codes.identify_first(Code(text)).message
    assert message.startswith(f"No customer found by '{text}'") and "offer code" not in message
