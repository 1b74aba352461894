"""One input for everything the cashier or the scanner types: a loyalty card, an email or a mobile number.

Keyboard-wedge scanners type fast and end with Enter; some add a symbology prefix (``]E0``), track delimiters
(``%...?``, ``;...?``) or control characters. All of that is stripped before the input is classified.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from pos_engage.core import texts
from pos_engage.core.domain import ContactKey, KeyKind
from pos_engage.core.domain.checks import is_email, is_mobile
from pos_engage.core.errors import InputError

# EAN-13 loyalty cards and six-digit member numbers, unless the tenant configures its own patterns.
DEFAULT_CARD_PATTERNS = (r"\d{13}", r"\d{6}")
_SYMBOLOGY = re.compile(r"^\][A-Za-z][0-9]")            # AIM symbology identifier, e.g. ]E0, ]C1
_NOISE = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_TRACK = re.compile(r"^[%;](.*)\?$")                      # magnetic track delimiters
# What the cashier reads for each kind of key ("No customer with that email").
KIND_WORDS = {KeyKind.CUSTOM_KEY: texts.tr("card"), KeyKind.EMAIL: texts.tr("email"),
              KeyKind.MOBILE: texts.tr("mobile"), KeyKind.SOCIAL_SECURITY_NUMBER: texts.tr("personal number")}


def clean(raw: str) -> str:
    text = _NOISE.sub("", raw or "").strip()
    text = _SYMBOLOGY.sub("", text)
    track = _TRACK.match(text)
    return (track.group(1) if track else text).strip()


@dataclass(frozen=True)
class Classified:
    """What the identify input was taken for: the lookup key and the word the cashier sees."""

    key: ContactKey
    label: str          # what the cashier sees: "card", "email", "mobile"


def classify(raw: str, *, scanned: bool = False, default_country_code: str = "+46",
             card_patterns: Sequence[str] = DEFAULT_CARD_PATTERNS) -> Classified:
    """A lookup key from what was typed or scanned. A scan is only ever a card."""
    text = clean(raw)
    if not text:
        raise InputError(texts.tr("Nothing was scanned or typed"), field="identifier")
    compact = text.replace(" ", "")
    if any(re.fullmatch(pattern, compact) for pattern in card_patterns):
        return Classified(ContactKey.custom(compact), KIND_WORDS[KeyKind.CUSTOM_KEY])
    if scanned and not ("@" in text and is_email(text)):
        # A burst that is no card: a product barcode in the wrong field reads like a phone number, so only an
        # email (which no scanner types) is taken from a burst.
        raise InputError(texts.tr("'{text}' is not a loyalty card this store knows: scan again or type the number",
                                  text=text), field="identifier")
    if "@" in text:
        if not is_email(text):
            raise InputError(texts.tr("'{text}' is not a valid email address", text=text), field="identifier")
        return Classified(ContactKey.email(text), KIND_WORDS[KeyKind.EMAIL])
    bare_digits = compact.isdigit() and not compact.startswith("0")
    if bare_digits and len(compact) > 9:
        # A long bare number that matches no card pattern is a card from elsewhere or a mistype far more often
        # than a mobile written without its +.
        raise InputError(texts.tr("'{text}' is not a card number this store uses; a mobile number starts with + "
                                  "or 0", text=text), field="identifier")
    if is_mobile(text, default_country_code):
        return Classified(ContactKey.mobile(text, default_country_code), KIND_WORDS[KeyKind.MOBILE])
    raise InputError(texts.tr("'{text}' is not a card number, an email address or a mobile number", text=text),
                     field="identifier")
