"""Personal identity numbers a customer gives at the till: the Swedish personnummer (and samordningsnummer) and the
Finnish henkilötunnus, Engage's ``socialSecurityNumber`` key (engage-api.md 2.1).

Normal forms (what is looked up and stored; Engage documents no format of its own, engage-api.md 2.1, so we send the
form each country's own registers use):

- Swedish: 12 digits ``YYYYMMDDNNNN``, without a separator. The 10-digit forms (``YYMMDD-NNNN``, ``YYMMDD+NNNN``,
  ``YYMMDDNNNN``) and ``YYYYMMDD-NNNN`` all become it, so one person is always one key. The century of a 10-digit
  form is the one that puts the birth date in the last hundred years, or, after ``+`` (the sign of a person 100
  years old or older), the hundred years before that. The check digit is the Luhn digit of the 10 digits
  ``YYMMDDNNN``. A samordningsnummer (coordination number) is the same with 60 added to the day.
- Finnish: ``DDMMYYCZZZQ`` in capitals, as written: ``C`` is the century sign (``+`` 1800s; ``-`` and, since 2023,
  ``U``-``Y`` 1900s; ``A`` and, since 2023, ``B``-``F`` 2000s), ``ZZZ`` the individual number and ``Q`` the
  check character (the nine digits ``DDMMYYZZZ`` modulo 31, in ``0123456789ABCDEFHJKLMNPRSTUVWXY``).

A number that has the shape of one but a wrong check digit, or a date that cannot be, is refused with its own
message, so the cashier asks again instead of looking up a number that cannot exist.
"""

from __future__ import annotations

import re
from datetime import date

from pos_engage.core import texts
from pos_engage.core.domain.check_digits import luhn_ok
from pos_engage.core.errors import InputError

FIELD = "socialSecurityNumber"
# Swedish: 12 digits, optionally YYYYMMDD-NNNN; or 10 digits with an optional - or + before the last four.
_SE_12 = re.compile(r"(?P<year>(?:18|19|20)\d\d)(?P<month>\d\d)(?P<day>\d\d)-?(?P<serial>\d{4})")
_SE_10 = re.compile(r"(?P<year>\d\d)(?P<month>\d\d)(?P<day>\d\d)(?P<sign>[-+]?)(?P<serial>\d{4})")
_FI = re.compile(r"(?P<day>\d\d)(?P<month>\d\d)(?P<year>\d\d)(?P<sign>[-+A-FU-Y])(?P<serial>\d{3})(?P<check>[0-9A-Y])",
                 re.IGNORECASE)
_FI_CENTURY = {"+": 1800, "-": 1900, "U": 1900, "V": 1900, "W": 1900, "X": 1900, "Y": 1900,
               "A": 2000, "B": 2000, "C": 2000, "D": 2000, "E": 2000, "F": 2000}
_FI_CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"

class ImpossibleDate(InputError):
    """The number's date cannot be a birth date (no such day, or in the future)."""


class WrongCheckDigit(InputError):
    """The number's check digit (check character) is not the one its other digits give."""


def looks_like(text: str) -> bool:
    """True when the text has the shape of a personnummer or henkilötunnus (12 digits starting 18-20 with a
    plausible month and day, 10 digits with a separator, or the Finnish form); a bare 10-digit number counts only
    when its month and day could be a date (``plausible_bare``)."""
    compact = text.replace(" ", "")
    if _FI.fullmatch(compact):
        return True
    found = _SE_12.fullmatch(compact)
    if found:
        return True
    found = _SE_10.fullmatch(compact)
    if not found:
        return False
    return bool(found.group("sign")) or _plausible(found.group("month"), found.group("day"))


def _plausible(month: str, day: str) -> bool:
    """Month 01-12 and day 01-31, or 61-91 (a samordningsnummer): what a bare 10-digit personnummer starts with."""
    return 1 <= int(month) <= 12 and (1 <= int(day) <= 31 or 61 <= int(day) <= 91)


def normalise(value: str, *, prefer: str = "SE", today: date | None = None) -> str:
    """The normal form (module docstring) of a Swedish or Finnish personal number, or InputError with what is
    wrong: not one at all, an impossible date, or a wrong check digit.

    ``DDMMYY-NNNN`` (Finnish, a digit as check character) and ``YYMMDD-NNNN`` (Swedish) look alike, and a few
    numbers are valid both ways: the country ``prefer`` (the till's, "SE" or "FI") decides those; otherwise the
    one whose date and check digit hold, and if neither, the preferred one's complaint (the other's when only
    the other's date can be)."""
    today = today or date.today()
    compact = str(value).strip().replace(" ", "")
    finnish = _FI.fullmatch(compact)
    if finnish and not _SE_10.fullmatch(compact):
        return _finnish(finnish, compact, today)
    if not finnish:
        return _swedish(compact, today)
    readings = [lambda: _swedish(compact, today), lambda: _finnish(finnish, compact, today)]
    if prefer == "FI":
        readings.reverse()
    problems: list[InputError] = []
    for reading in readings:
        try:
            return reading()
        except InputError as problem:
            problems.append(problem)
    first, second = problems
    raise (second if isinstance(first, ImpossibleDate) and not isinstance(second, ImpossibleDate) else first)


def _swedish(compact: str, today: date) -> str:
    swedish = _SE_12.fullmatch(compact)
    if swedish:
        year = int(swedish.group("year"))
    else:
        swedish = _SE_10.fullmatch(compact)
        if not swedish:
            raise InputError(texts.tr("This is not a personnummer: write it as YYYYMMDD-NNNN or YYMMDD-NNNN"),
                             field=FIELD)
        year = None
    month, day, serial = swedish.group("month"), swedish.group("day"), swedish.group("serial")
    birthday = int(day) - 60 if int(day) > 60 else int(day)
    if year is None:
        year = _century(swedish, int(month), birthday, today)
    born = _date(year, int(month), birthday)
    if born is None or born > today:
        raise ImpossibleDate(texts.tr("The personnummer's date is impossible: check the number"), field=FIELD)
    if not luhn_ok(f"{year % 100:02d}{month}{day}{serial}"):
        raise WrongCheckDigit(texts.tr("The personnummer's check digit is wrong: check the number"), field=FIELD)
    return f"{year:04d}{month}{day}{serial}"


def _century(found: re.Match, month: int, day: int, today: date) -> int:
    """The full year of a 10-digit form: the one ending in YY that puts the birth date in the last hundred years
    (a birthday later in the year YY of this century is a hundred years ago), and with ``+`` (100 years or older)
    a hundred years before that."""
    year = today.year - (today.year - int(found.group("year"))) % 100
    born = _date(year, month, day) or _date(year, month, 28 if month == 2 else 1)  # an impossible day: told later
    if born is not None and born > today:
        year -= 100
    return year - 100 if found.group("sign") == "+" else year


def _date(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _finnish(found: re.Match, compact: str, today: date) -> str:
    sign = found.group("sign").upper()
    day, month, short = int(found.group("day")), int(found.group("month")), int(found.group("year"))
    born = _date(_FI_CENTURY[sign] + short, month, day)
    if born is None or born > today:
        raise ImpossibleDate(texts.tr("The henkilötunnus's date is impossible: check the number"), field=FIELD)
    number = int(f"{found.group('day')}{found.group('month')}{found.group('year')}{found.group('serial')}")
    if _FI_CHECK[number % 31] != found.group("check").upper():
        raise WrongCheckDigit(texts.tr("The henkilötunnus's check character is wrong: check the number"), field=FIELD)
    return compact.upper()


def is_personal_number(text: str) -> bool:
    """True when the text is a valid personnummer or henkilötunnus (shape, date and check digit)."""
    try:
        normalise(text, prefer="SE")
    except InputError:
        return False
    return True


def masked(value: str) -> str:
    """A personal number as screens and logs show it: only its last two characters, the rest as stars (the date
    is personal data, and the last four digits are what makes the number a person's)."""
    body = str(value)
    return "*" * max(len(body) - 2, 3) + body[-2:]
