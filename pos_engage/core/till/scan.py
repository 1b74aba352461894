"""One input for everything the cashier or the scanner types: a loyalty card, an email, a personal number
(personnummer, henkilötunnus) or a mobile number.

Keyboard-wedge scanners type fast and end with Enter; some add a symbology prefix (``]E0``), track delimiters
(``%...?``, ``;...?``) or control characters. All of that is stripped before the input is classified.

What is taken for what, in this order:

1. a card: the tenant's ``till.cards`` (prefix, length, check digit) or ``till.card_patterns`` (regular
   expressions). A number with a card's prefix and length but a wrong check digit is a misread, and said so.
2. a scan (a burst from the scanner) is otherwise only ever an email; a product barcode (EAN-13, EAN-8, UPC-A,
   GTIN-14 with a valid GS1 check digit) is told as one, anything else as no card of this store.
3. typed: an email (an ``@``), a personal number (its shape, then its date and check digit, each with its own
   message), a mobile number of the till's country or with its own country code. Where the two overlap, ten bare
   digits that are a mobile number of the till's country (0701234567) are the mobile, as cashiers type them every
   day, and so is a mobile written like a personnummer (070123-4567) that is no valid one; a personnummer of
   someone born 2000-2009 is written with its ``-`` or as 12 digits, and a valid ``YYMMDD-NNNN`` is the
   personnummer. A number valid in both Sweden and Finland is read as the till's country's.
4. a product barcode typed by hand is told as one too.
5. a code (:class:`Code`, only through :func:`read`): what is none of the keys above but has a code's shape, such
   as an EXTERNALOFFER or MANUAL promotion's code (``PARTNER-2026``) or a reward voucher's number. The till matches
   it against the identified customer's offers (TillService.use_code). Anything else is refused with what it is
   not. Control characters inside a code (not the scanner's prefix or its Enter) and an input longer than any key
   or code (``MAX_INPUT``) are refused with their own message, never matched or cut down.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from pos_engage.core import texts
from pos_engage.core.config import CardRule, TillSettings
from pos_engage.core.domain import ContactKey, KeyKind, personal_numbers
from pos_engage.core.domain.check_digits import gs1_ok, is_gs1_product_code, luhn_ok
from pos_engage.core.domain.checks import is_email, is_mobile
from pos_engage.core.errors import InputError

# Six-digit member numbers and the demo tenant's cards, unless the tenant configures its own (config.TillSettings).
DEFAULT_CARD_PATTERNS = TillSettings().card_patterns
DEFAULT_CARDS = TillSettings().cards
_CHECKS = {"luhn": luhn_ok, "gs1": gs1_ok, "none": lambda _digits: True}
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


# The longest thing a cashier or a scanner brings to this input: an email (254) is the longest key.
MAX_INPUT = 254
# A promotion code or a voucher number: letters and digits, with the separators codes are printed with.
_CODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_\-./#+]{1,63}")
_INNER_CONTROL = re.compile(r"[^\s\x00-\x1f\x7f-\x9f][\x00-\x1f\x7f-\x9f]+[^\s\x00-\x1f\x7f-\x9f]")


class NotAKey(InputError):
    """What was typed or scanned is none of the customer's keys (nothing more specific is wrong with it)."""


@dataclass(frozen=True)
class Code:
    """A code the customer shows (a promotion's code, a voucher number): matched against the customer's offers."""

    text: str

    def matches(self, other: str | None) -> bool:
        """Codes are compared without regard to case or the spaces a person types in them."""
        return bool(other) and self.text.replace(" ", "").casefold() == other.replace(" ", "").casefold()

    def looks_printed(self) -> bool:
        """Shaped as offer codes are printed: a voucher's number (digits only), or a promotion's code in capitals
        (``PARTNER-2026``, ``SUMMER20``). Only what it is called when no customer is identified yet hangs on it
        (codes.identify_first): a word in lower case (``hej123``) is a name or an email half typed far more often
        than a code, and calling it one sent the cashier after a customer for it. A code the customer holds is
        matched whatever its case (:meth:`matches`)."""
        compact = self.text.replace(" ", "")
        return compact.isdigit() or (any(c.isalpha() for c in compact) and compact == compact.upper())


@dataclass(frozen=True)
class Classified:
    """What the identify input was taken for: the lookup key and the word the cashier sees."""

    key: ContactKey
    label: str          # what the cashier sees: "card", "email", "mobile"


def classify(raw: str, *, scanned: bool = False, default_country_code: str = "+46",
             card_patterns: Sequence[str] = DEFAULT_CARD_PATTERNS,
             cards: Sequence[CardRule] = DEFAULT_CARDS) -> Classified:
    """A lookup key from what was typed or scanned (the order is in the module's docstring)."""
    text = clean(raw)
    if not text:
        raise InputError(texts.tr("Nothing was scanned or typed"), field="identifier")
    compact = text.replace(" ", "")
    card, misread = _card(compact, card_patterns, cards)
    if card is not None:
        return Classified(card, KIND_WORDS[KeyKind.CUSTOM_KEY])
    if scanned and not ("@" in text and is_email(text)):
        # A burst that is no card: a product barcode in the wrong field reads like a phone number, so only an
        # email (which no scanner types) is taken from a burst.
        _refuse_card(text, compact, misread)
        raise NotAKey(texts.tr("'{text}' is not a loyalty card this store knows: scan again or type the number",
                               text=text), field="identifier")
    if "@" in text:
        if not is_email(text):
            raise InputError(texts.tr("'{text}' is not a valid email address", text=text), field="identifier")
        return Classified(ContactKey.email(text), KIND_WORDS[KeyKind.EMAIL])
    if personal_numbers.looks_like(compact):
        personal = _personal_number(text, compact, default_country_code)
        if personal is not None:
            return personal
    if is_mobile(text, default_country_code):
        return Classified(ContactKey.mobile(text, default_country_code), KIND_WORDS[KeyKind.MOBILE])
    _refuse_card(text, compact, misread)
    if compact.isdigit() and not compact.startswith("0") and len(compact) > 9:
        # A long bare number that matches no card is a card from elsewhere or a mistype far more often than a
        # mobile written without its +.
        raise NotAKey(texts.tr("'{text}' is not a card number this store uses; a mobile number starts with + "
                               "or 0", text=text), field="identifier")
    raise NotAKey(texts.tr("'{text}' is not a card number, an email address or a mobile number", text=text),
                  field="identifier")


def read(raw: str, *, scanned: bool = False, default_country_code: str = "+46",
         card_patterns: Sequence[str] = DEFAULT_CARD_PATTERNS,
         cards: Sequence[CardRule] = DEFAULT_CARDS) -> Classified | Code:
    """What the one input holds: a customer's key (:func:`classify`, tried first), else a code. A text that is
    neither is refused with what it is not, as :func:`classify` says it."""
    if len(raw or "") > MAX_INPUT:
        raise InputError(texts.tr("{count} characters were scanned or typed: that is no card, email, mobile number "
                                  "or code (at most {most}); clear the field and try again",
                                  count=len(raw), most=MAX_INPUT), field="identifier")
    inner = _INNER_CONTROL.search((raw or "").strip())
    try:
        return classify(raw, scanned=scanned, default_country_code=default_country_code,
                        card_patterns=card_patterns, cards=cards)
    except NotAKey as refused:
        # Only "none of the keys" makes room for a code: a key's own refusal (a card's check digit, a product
        # barcode, a personal number's check digit) stands.
        text = clean(raw)
        if "@" in text or not _CODE.fullmatch(text) or personal_numbers.looks_like(text.replace(" ", "")):
            raise
        if inner is not None:
            # A code is matched exactly: a control character inside one is a scanner set up wrong or a damaged
            # code, and taking it out silently could select another offer.
            raise InputError(texts.tr("'{text}' holds control characters inside it: scan the code again or type "
                                      "it", text=text), field="identifier") from refused
        return Code(text)


def as_code(raw: str) -> Code | None:
    """The input taken as a code and nothing else (for a text that also has a key's shape, e.g. a voucher printed
    as an EAN-13): None when it cannot be one (too long, a control character inside, not a code's characters)."""
    text = clean(raw)
    if len(raw or "") > MAX_INPUT or _INNER_CONTROL.search((raw or "").strip()) or not _CODE.fullmatch(text):
        return None
    return Code(text)


def card_number(raw: str, *, card_patterns: Sequence[str] = DEFAULT_CARD_PATTERNS,
                cards: Sequence[CardRule] = DEFAULT_CARDS) -> str:
    """A loyalty card number for a registration's card field, by the same rules identify takes a card by (a scan
    into the field is cleaned the same way). Anything else is refused naming the field ``card_number``: a wrong
    check digit as a misread, a product barcode as one, any other text as no card of this store."""
    text = clean(raw)
    if not text:
        raise InputError(texts.tr("Nothing was scanned or typed"), field="card_number")
    compact = text.replace(" ", "")
    card, misread = _card(compact, card_patterns, cards)
    if card is not None:
        return card.value
    try:
        _refuse_card(text, compact, misread)
    except InputError as refused:
        raise InputError(texts.message_of(refused), field="card_number") from None
    raise InputError(texts.tr("'{text}' is not a card number this store uses", text=text), field="card_number")


def _personal_number(text: str, compact: str, default_country_code: str) -> Classified | None:
    """The personal number the input is, or None when it is rather a mobile number of the till's country: ten
    bare digits starting with 0 (0701234567), or a mobile written like a personnummer whose date or check digit
    fails (070123-4567). Otherwise a personal number that is wrong says what is wrong."""
    mobile = is_mobile(text, default_country_code)
    if mobile and compact.isdigit():
        return None
    prefer = "FI" if default_country_code == "+358" else "SE"   # for a number valid in both countries
    try:
        key = ContactKey.social_security_number(compact, prefer)
    except InputError:
        if mobile:
            return None
        raise
    return Classified(key, KIND_WORDS[KeyKind.SOCIAL_SECURITY_NUMBER])


def _card(compact: str, card_patterns: Sequence[str], cards: Sequence[CardRule]) -> tuple[ContactKey | None, bool]:
    """The card key when the input is one of the tenant's cards; else (None, whether it had a card's prefix and
    length but a wrong check digit: a misread or a mistype)."""
    misread = False
    for rule in cards:
        if len(compact) == rule.length and compact.isdigit() and compact.startswith(rule.prefix):
            if _CHECKS[rule.check](compact):
                return ContactKey.custom(compact), False
            misread = True
    if any(re.fullmatch(pattern, compact) for pattern in card_patterns):
        return ContactKey.custom(compact), False
    return None, misread


def _refuse_card(text: str, compact: str, misread: bool) -> None:
    """A number with a card's shape but a wrong check digit, or a product's barcode, is told as such."""
    if misread:
        raise InputError(texts.tr("The check digit of card number '{text}' is wrong: scan the card again or type "
                                  "the number", text=text), field="identifier")
    if compact.isdigit() and is_gs1_product_code(compact):
        raise InputError(texts.tr("'{text}': this is a product barcode, not a loyalty card", text=text),
                         field="identifier")
