"""Input checks shared by the domain value objects: money, times, emails, mobiles and scanned keys.

Each check raises :class:`InputError` naming the field, so bad input is refused before any request is made.
"""

from __future__ import annotations

import re
from datetime import datetime
from decimal import Decimal, InvalidOperation

from pos_engage.core import texts
from pos_engage.core.errors import InputError

# Deliberately simple: one @, a dot in the domain, no spaces. Engage does the authoritative check (400
# InvalidEmailAddress); this one only catches what a cashier can fix before the customer walks away.
_EMAIL = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")
_E164 = re.compile(r"^\+[1-9]\d{6,14}$")
_PHONE_NOISE = re.compile(r"[\s\-().]")
# Unicode category Cc is exactly these two ranges; one regex scan is far cheaper than a per-character lookup.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


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


def require_text(value: object, field: str, *, max_length: int = 200) -> str:
    """A non-empty, single-line string without control characters."""
    if not isinstance(value, str):
        raise InputError(texts.tr("{field} must be text", field=field), field=field)
    text = value.strip()
    if not text:
        raise InputError(texts.tr("{field} is empty", field=field), field=field)
    if len(text) > max_length:
        raise InputError(texts.tr("{field} is longer than {limit} characters", field=field, limit=max_length),
                         field=field)
    if _CONTROL.search(text):
        raise InputError(texts.tr("{field} contains control characters", field=field), field=field)
    return text


def normalise_email(value: object, field: str = "email") -> str:
    """Trimmed and lower-cased, so the same person always gives the same lookup key."""
    text = require_text(value, field, max_length=254).lower()
    if not _EMAIL.match(text):
        raise InputError(texts.tr("'{text}' is not a valid email address", text=text), field=field)
    return text


def normalise_mobile(value: object, default_country_code: str = "+46", field: str = "mobilePhone") -> str:
    """E.164 (+46701234567): spaces and dashes dropped, 00 and a national leading 0 turned into the code."""
    text = require_text(value, field, max_length=32)
    digits = _PHONE_NOISE.sub("", text)
    if digits.startswith("00"):
        digits = "+" + digits[2:]
    elif digits.startswith("0"):
        digits = default_country_code + digits[1:]
    elif not digits.startswith("+"):
        # Ten or more digits: already international, written without the plus (4670...). Fewer: a national
        # number without a trunk 0, as Norway writes them (912 34 567).
        digits = ("+" if len(digits) >= 10 else default_country_code) + digits
    if not _E164.match(digits):
        raise InputError(texts.tr("'{text}' is not a valid mobile number (expected a number like +46 70 123 45 67)",
                                  text=text), field=field)
    return digits


def is_email(text: str) -> bool:
    """True when the text looks like an email address (used to classify typed input)."""
    return bool(_EMAIL.match(text.strip().lower()))


def is_mobile(text: str, default_country_code: str = "+46") -> bool:
    """True when the text normalises to a plausible E.164 number."""
    try:
        normalise_mobile(text, default_country_code)
    except InputError:
        return False
    return True


def mask(value: str) -> str:
    """Personal data as every screen and log shows it: enough to tell customers apart, not enough to read out.

    An email keeps its first letter and its domain (``a***@example.se``); anything else (a mobile, a card or
    member number) keeps a leading ``+`` and its last digits, at most four and never more than half of it, with
    at least three stars, so a short value's length is hidden too (``+*******4567``, ``***34``)."""
    value = str(value)
    if "@" in value:
        name, _, domain = value.partition("@")
        return f"{name[:1]}***@{domain}"
    sign, body = ("+", value[1:]) if value.startswith("+") else ("", value)
    shown = min(4, len(body) // 2)
    return f"{sign}{'*' * max(len(body) - shown, 3)}{body[len(body) - shown:] if shown else ''}"
