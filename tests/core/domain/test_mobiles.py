"""Mobile numbers by the till's country: a national number takes the till's country code, an international one keeps
its own, each country's lengths and ranges hold, and nothing else is taken for a mobile.

The oracle is each country's numbering plan as its regulator publishes it (PTS, Nkom, the Danish Agency for Data
Supply, Traficom), written here as generators of national mobile numbers, not the library the till parses with."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pos_engage.core.domain import KeyKind, personal_numbers
from pos_engage.core.domain.checks import is_mobile, normalise_mobile
from pos_engage.core.errors import InputError
from pos_engage.core.till.scan import classify


def digits(n: int) -> st.SearchStrategy[str]:
    return st.text("0123456789", min_size=n, max_size=n)


# National mobile numbers as the cashier types them (trunk 0 where the country has one) -> (country code, E.164).
COUNTRIES = {
    # Sweden: 070, 072, 073, 076, 079 and seven digits.
    "SE": ("+46", st.builds(lambda p, rest: f"07{p}{rest}", st.sampled_from("02369"), digits(7))),
    # Norway: eight digits, mobiles from 4 (40, 41, 46-48) and 9; no trunk prefix. The 45 block is only partly
    # mobile (4536xxxx is not allocated), so it is left out rather than guessed.
    "NO": ("+47", st.builds(lambda p, rest: f"{p}{rest}", st.sampled_from(["40", "41", "46", "47", "48", "9"]),
                            digits(6)).map(lambda n: n if len(n) == 8 else n + "0")),
    # Denmark: eight digits; the 2x block is mobile, its third digit never 0.
    "DK": ("+45", st.builds(lambda second, third, rest: f"2{second}{third}{rest}", st.sampled_from("0123459"),
                            st.sampled_from("123456789"), digits(5))),
    # Finland: 040-046 and 050, then seven digits.
    "FI": ("+358", st.builds(lambda p, rest: f"0{p}{rest}", st.sampled_from(["40", "41", "44", "45", "46", "50"]),
                             digits(7))),
}


def e164(code: str, national: str) -> str:
    return code + (national[1:] if national.startswith("0") else national)


def spaced(draw, number: str) -> str:
    """The number with the spaces and dashes a customer reads it out with."""
    cuts = sorted(draw(st.sets(st.integers(1, len(number) - 1), max_size=3)))
    parts = [number[i:j] for i, j in zip([0, *cuts], [*cuts, len(number)], strict=True)]
    return draw(st.sampled_from([" ", "-"])).join(parts)


@pytest.mark.parametrize("country", sorted(COUNTRIES))
@settings(deadline=None, max_examples=150)
@given(data=st.data())
def test_a_national_mobile_round_trips_to_e164_and_is_never_a_personal_number_or_a_card(country, data):
    code, numbers = COUNTRIES[country]
    national = data.draw(numbers)
    written = spaced(data.draw, national)
    expected = e164(code, national)
    assert normalise_mobile(written, code) == expected
    classified = classify(written, default_country_code=code)
    if re.fullmatch(r"\d{6}-\d{4}", written) and personal_numbers.is_personal_number(written):
        # The one overlap (scan.py): written exactly as a personnummer (YYMMDD-NNNN) and valid as one, it is one.
        assert classified.key.kind is KeyKind.SOCIAL_SECURITY_NUMBER
        return
    assert (classified.key.kind, classified.key.value) == (KeyKind.MOBILE, expected)
    # The E.164 form is the same number at any till, and normalising it again changes nothing.
    for other in ("+46", "+47", "+45", "+358", "+1"):
        assert normalise_mobile(expected, other) == expected
        assert classify(expected, default_country_code=other).key.value == expected
        assert classify("00" + expected[1:], default_country_code=other).key.value == expected


@pytest.mark.parametrize("country", sorted(COUNTRIES))
@settings(deadline=None, max_examples=50)
@given(data=st.data())
def test_a_national_number_without_its_country_code_is_not_international(country, data):
    code, numbers = COUNTRIES[country]
    national = data.draw(numbers)
    bare_international = e164(code, national)[1:]   # 46701234567: the + forgotten
    with pytest.raises(InputError):
        normalise_mobile(bare_international, code)


@pytest.mark.parametrize(("text", "code"), [
    ("12345", "+46"), ("070 123 45", "+46"), ("070 123 45 678", "+46"), ("08-123 456 78", "+46"),
    ("912 34 56", "+47"), ("2212 3456 7", "+45"), ("09 123 4567", "+358"), ("+46 12345", "+46"),
    ("+999 123 456 789", "+46"), ("0701234567", "+999"), ("+46 70 123 45 67 89 01 23", "+46"), ("+", "+46"),
    ("070 ABC", "+46"),
])
def test_what_is_no_mobile_is_refused(text, code):
    assert not is_mobile(text, code)
    with pytest.raises(InputError, match="is not a valid mobile number"):
        normalise_mobile(text, code)


def test_the_window_is_painted_and_a_key_classified_without_loading_the_phone_number_tables():
    # The tables load at the first number that needs them, never before the window shows (test_architecture).
    script = ("import sys\n"
              "from pos_engage import cli, configuration, window\n"
              "cli.window_options(['--demo'])\n"
              "from pos_engage.qt.views import main_window\n"
              "from pos_engage.core.till import scan\n"
              "scan.classify('anna@example.se'); scan.classify('7350000000016')\n"
              "before = 'phonenumbers' in sys.modules\n"
              "scan.classify('070 123 45 67')\n"
              "print(before, 'phonenumbers' in sys.modules)\n")
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                            env=os.environ | {"QT_QPA_PLATFORM": "offscreen"})
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "True"]
