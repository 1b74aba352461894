"""Input checks shared by the domain value objects: money, times, emails, mobiles and scanned keys.

Each check raises :class:`InputError` naming the field, so bad input is refused before any request is made.
"""

from __future__ import annotations

import re
from datetime import datetime
from decimal import Decimal, InvalidOperation

from pos_engage.core import texts
from pos_engage.core.domain import personal_numbers
from pos_engage.core.errors import InputError

# Deliberately simple: one @, a dot in the domain, no spaces. Engage does the authoritative check (400
# InvalidEmailAddress); this one only catches what a cashier can fix before the customer walks away.
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")
_DIALLED = re.compile(r"\+?\d{1,17}")  # what may be dialled: digits, a leading + (a longer one is no number)
_PHONE_NOISE = re.compile(r"[\s\-().]")
# Unicode category Cc is exactly these two ranges; one regex scan is far cheaper than a per-character lookup.
# The rule of every single-line text the till keeps (a POS's sku, a receipt's line, a contact's name).
CONTROL_CHARACTERS = re.compile("[\x00-\x1f\x7f-\x9f]")


def encodes_as_utf8(text: str) -> bool:
    """Whether ``text`` can be sent as UTF-8: it cannot when it holds a lone surrogate (``"\\ud800"``), which
    only a JSON escape makes, and which is no character at all."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def require_money(value: object, field: str) -> Decimal:
    """Money is Decimal (or int); a float would carry binary rounding errors onto a receipt."""
    if isinstance(value, bool) or not isinstance(value, (Decimal, int)):
        raise InputError(f"{field} must be a Decimal amount, not {type(value).__name__}", field=field)
    amount = Decimal(value)
    if not amount.is_finite():
        raise InputError(f"{field} must be a finite amount", field=field)
    return amount


def parse_money(text: object, field: str) -> Decimal:
    """Money from JSON or a file: a number or a numeric string ('.' as separator)."""
    if isinstance(text, bool) or text is None:
        raise InputError(texts.tr("{field} is missing or not a number", field=field), field=field)
    try:
        amount = Decimal(str(text))
    except InvalidOperation:
        raise InputError(texts.tr("{field} is not a number: {text}", field=field, text=repr(text)),
                         field=field) from None
    if not amount.is_finite():
        raise InputError(texts.tr("{field} must be a finite amount", field=field), field=field)
    return amount


def require_aware(value: object, field: str) -> datetime:
    """Engage wants local time with its offset; a naive time would be read in the wrong zone."""
    if not isinstance(value, datetime):
        raise InputError(f"{field} must be a datetime", field=field)
    if value.tzinfo is None or value.utcoffset() is None:
        raise InputError(f"{field} must carry a UTC offset (local time with offset)", field=field)
    return value


def bounded_text(value: object, field: str, *, max_length: int = 200) -> str:
    """A string, stripped, not empty and at most ``max_length`` long: what every kind of text field asks first."""
    if not isinstance(value, str):
        raise InputError(texts.tr("{field} must be text", field=field), field=field)
    text = value.strip()
    if not text:
        raise InputError(texts.tr("{field} is empty", field=field), field=field)
    if len(text) > max_length:
        raise InputError(texts.tr("{field} is longer than {limit} characters", field=field, limit=max_length),
                         field=field)
    return text


def require_text(value: object, field: str, *, max_length: int = 200) -> str:
    """A non-empty, single-line string without control characters."""
    text = bounded_text(value, field, max_length=max_length)
    if CONTROL_CHARACTERS.search(text):
        raise InputError(texts.tr("{field} contains control characters", field=field), field=field)
    return text


def normalise_email(value: object, field: str = "email") -> str:
    """Trimmed and lower-cased, so the same person always gives the same lookup key."""
    text = require_text(value, field, max_length=254).lower()
    if not _EMAIL.match(text):
        raise InputError(texts.tr("'{text}' is not a valid email address", text=text), field=field)
    return text


def normalise_mobile(value: object, default_country_code: str = "+46", field: str = "mobilePhone") -> str:
    """E.164 (+46701234567) of a mobile number, by the numbering plan of its country.

    Spaces, dashes, dots and brackets are dropped; ``00`` is the international prefix. A number with ``+`` or
    ``00`` keeps its own country; any other is national, in the country of ``default_country_code`` (the till's):
    ``070 123 45 67`` in Sweden, ``912 34 567`` in Norway, ``20 12 34 56`` in Denmark, ``040 123 4567`` in
    Finland. A bare number is never read as international (``46701234567`` is no Swedish number without its
    ``+``), and a number must be one of its country's mobile numbers in length and range (``12345`` is none)."""
    text = require_text(value, field, max_length=32)
    digits = _PHONE_NOISE.sub("", text)
    if digits.startswith("00"):
        digits = "+" + digits[2:]
    e164 = _mobile_e164(digits, default_country_code) if _DIALLED.fullmatch(digits) else None
    if e164 is None:
        raise InputError(texts.tr("'{text}' is not a valid mobile number (expected a number like +46 70 123 45 67)",
                                  text=text), field=field)
    return e164


def _mobile_e164(digits: str, default_country_code: str) -> str | None:
    """The E.164 form when ``digits`` (``+`` and digits, or digits) is a mobile number, else None.

    Google's libphonenumber (the ``phonenumbers`` port) holds every country's numbering plan, kept up to date as
    plans change; it is imported here, at the first number, so the till's window is painted without it."""
    import phonenumbers
    from phonenumbers import PhoneNumberType

    if digits.startswith("+"):
        region = None
    else:
        region = phonenumbers.region_code_for_country_code(int(default_country_code.lstrip("+") or 0))
        if region == phonenumbers.UNKNOWN_REGION:
            return None
    try:
        number = phonenumbers.parse(digits, region, keep_raw_input=True)
    except phonenumbers.NumberParseException:
        return None
    if region is not None and number.country_code_source != phonenumbers.CountryCodeSource.FROM_DEFAULT_COUNTRY:
        return None  # a national number that libphonenumber would read as international (46701234567)
    if not phonenumbers.is_valid_number(number):
        return None
    if phonenumbers.number_type(number) not in (PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE):
        return None  # a landline (08-123 456 78) takes no text message: not a mobilePhone
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def is_email(text: str) -> bool:
    """True when the text looks like an email address (used to classify typed input)."""
    return bool(_EMAIL.match(text.strip().lower()))


def is_mobile(text: str, default_country_code: str = "+46") -> bool:
    """True when the text is a mobile number (``normalise_mobile`` takes it)."""
    try:
        normalise_mobile(text, default_country_code)
    except InputError:
        return False
    return True


def mask(value: str) -> str:
    """Personal data as every screen and log shows it: enough to tell customers apart, not enough to read out.

    An email keeps its first letter and its domain (``a***@example.se``); anything else (a mobile, a card or
    member number) keeps a leading ``+`` and its last digits, at most four and never more than half of it, with
    at least three stars, so a short value's length is hidden too (``+*******4567``, ``***34``). A personnummer
    or henkilötunnus keeps only its last two characters (``**********34``): its last four are what make it a
    person's."""
    value = str(value)
    if personal_numbers.is_personal_number(value):
        return personal_numbers.masked(value)
    if "@" in value:
        name, _, domain = value.partition("@")
        return f"{name[:1]}***@{domain}"
    sign, body = ("+", value[1:]) if value.startswith("+") else ("", value)
    shown = min(4, len(body) // 2)
    return f"{sign}{'*' * max(len(body) - shown, 3)}{body[len(body) - shown:] if shown else ''}"


def initials(first_name: str, last_name: str) -> str:
    """A customer's name as a screen shows it before she is known to be the one at the till: her initials
    (``K. B.``), enough for the cashier to ask "Karin?", not enough to read her name out; ``?`` without a name."""
    return " ".join(f"{name.strip()[0].upper()}." for name in (first_name, last_name) if name and name.strip()) or "?"


def mask_name(name: str) -> str:
    """One stored name (a first or last name) masked as an email's own part is: its first letter (``B***``)."""
    name = (name or "").strip()
    return f"{name[:1]}***" if name else ""
