"""The rule each configuration key is held to (``config.RULES`` names one for every key).

A check takes a value that already has the key's type and yields what is wrong with it as ``(suffix, complaint)``:
the suffix is ``""`` for the value itself or ``"[2]"`` for one item of a list, and the complaint says what is
allowed and what was found ("must be one of allow, deny, allow_up_to — not 'denny'"), in IT's words. The loader
puts the key path in front, so every line names the key to change.

Light on purpose: the till reads its configuration before its window is painted, so only ``re`` and ``math``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator
from typing import Any

Complaints = Iterator[tuple[str, str]]
Check = Callable[[Any], Complaints]

# Voyado's swagger, ReceiptContact.matchKeyType and OrderContact.matchKeyType (the same enum in both). Engage
# compares them without regard to case, so "cardId" is as good as "CardId".
MATCH_KEY_TYPES = ("Email", "SocialSecurityNumber", "MobilePhone", "CardId", "ExternalId", "MemberNumber",
                   "ContactId", "MemberNumberWithCardNumberAsFallback")
# Voyado's swagger, ApiPromotionRedemptionChannelModel.valueType (also core.domain.promotions.ValueType).
PROMOTION_VALUE_TYPES = ("PERCENT", "MONEY", "EXTERNALOFFER", "MANUAL", "SWIPE")
# ISO 4217 currencies in use (2025): the codes a till can sell in. Left out on purpose: fund and accounting
# units (BOV, CHE, CHW, CLF, COU, MXV, USN, UYI, UYW, XDR, XSU, XUA), precious metals (XAG, XAU, XPD, XPT), the
# bond-market units XBA-XBD, the codes for testing and for "no currency" (XTS, XXX), and the kuna (HRK, replaced
# by the euro in 2023). XCG (Caribbean guilder, 2025) and ZWG (Zimbabwe Gold, 2024) are newer than some
# systems' lists; ANG, SLL and ZWL stay while they are still being exchanged.
CURRENCIES = frozenset((
    "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT", "BGN", "BHD", "BIF",
    "BMD", "BND", "BOB", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD", "CAD", "CDF", "CHF", "CLP", "CNY", "COP", "CRC",
    "CUC", "CUP", "CVE", "CZK", "DJF", "DKK", "DOP", "DZD", "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP", "GEL",
    "GHS", "GIP", "GMD", "GNF", "GTQ", "GYD", "HKD", "HNL", "HTG", "HUF", "IDR", "ILS", "INR", "IQD", "IRR", "ISK",
    "JMD", "JOD", "JPY", "KES", "KGS", "KHR", "KMF", "KPW", "KRW", "KWD", "KYD", "KZT", "LAK", "LBP", "LKR", "LRD",
    "LSL", "LYD", "MAD", "MDL", "MGA", "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK", "MXN", "MYR", "MZN",
    "NAD", "NGN", "NIO", "NOK", "NPR", "NZD", "OMR", "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "PYG", "QAR", "RON",
    "RSD", "RUB", "RWF", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLE", "SLL", "SOS", "SRD", "SSP", "STN",
    "SVC", "SYP", "SZL", "THB", "TJS", "TMT", "TND", "TOP", "TRY", "TTD", "TWD", "TZS", "UAH", "UGX", "USD", "UYU",
    "UZS", "VED", "VES", "VND", "VUV", "WST", "XAF", "XCD", "XCG", "XOF", "XPF", "YER", "ZAR", "ZMW", "ZWG", "ZWL",
))

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_SAFE_ID = re.compile(r"[A-Za-z0-9_-]{1,64}")
_HOST = re.compile(r"[A-Za-z0-9.-]{1,253}|\[?[0-9A-Fa-f:.]{2,45}\]?")
_HOST_KEY = re.compile(r"(ssh-|ecdsa-|sk-)[A-Za-z0-9@.-]+ [A-Za-z0-9+/]{16,}={0,2}( [^\x00-\x1f]*)?")


def shown(value: Any) -> str:
    """A value as IT writes it in the file: texts in quotes (control characters made visible), anything else as
    JSON (true, null, [1, 2]); shortened, so a pasted key or a whole file does not flood the line."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # what was written: the number 30, not the 30.0 it is kept as
    if isinstance(value, str):
        text = "'" + _CONTROL.sub(lambda found: repr(found.group(0))[1:-1], value) + "'"
    else:
        import json  # only for a mistake

        text = json.dumps(value, ensure_ascii=False)
    return text if len(text) <= 80 else text[:77] + "..."


def one_of(*allowed: str, ignore_case: bool = False) -> Check:
    folded = {word.casefold() for word in allowed}

    def check(value: str) -> Complaints:
        if value not in allowed and not (ignore_case and value.casefold() in folded):
            words = ", ".join(repr(word) if word == "" else word for word in allowed)
            yield "", f"must be one of {words}{' (in any case)' if ignore_case else ''} — not {shown(value)}"
    return check


def each(check: Check, *, required: bool = False, nothing: str = "at least one", unique: bool = False) -> Check:
    """A list whose every item passes ``check``; ``required``: an empty list is wrong too; ``unique``: an item
    listed twice is wrong (a tender shown twice)."""
    def check_list(values: tuple) -> Complaints:
        if required and not values:
            yield "", f"must hold {nothing} — not an empty list"
        for index, value in enumerate(values):
            for suffix, complaint in check(value):
                yield f"[{index}]{suffix}", complaint
            if unique and value in values[:index]:
                yield f"[{index}]", f"must name each item once — not {shown(value)} twice"
    return check_list


def number(*, at_least: float | None = None, above: float | None = None, at_most: float | None = None,
           unit: str = "", note: str = "") -> Check:
    """A finite number in a range (JSON's NaN and Infinity, which Python reads, are refused too)."""
    limits = [f"at least {at_least:g}" if at_least is not None else "", f"above {above:g}" if above is not None else "",
              f"at most {at_most:g}" if at_most is not None else ""]
    wanted = "a number" + (f" of {unit}" if unit else "") + ", " + " and ".join(limit for limit in limits if limit)
    wanted += f" ({note})" if note else ""

    def check(value: float) -> Complaints:
        if not math.isfinite(value) or (at_least is not None and value < at_least) or \
                (above is not None and value <= above) or (at_most is not None and value > at_most):
            yield "", f"must be {wanted} — not {shown(value)}"
    return check


def whole(low: int, high: int, *, note: str = "") -> Check:
    def check(value: int) -> Complaints:
        if not low <= value <= high:
            yield "", f"must be a whole number from {low} to {high}{f' ({note})' if note else ''} — not {shown(value)}"
    return check


def seconds_schedule() -> Check:
    """Waits in seconds, one after the other (the last repeats): at least one, each above 0."""
    return each(number(above=0, unit="seconds"), required=True, nothing="at least one wait in seconds")


def text(*, required: bool = False, max_length: int = 200, what: str = "a text") -> Check:
    """Free text (a folder, a status word, a name): no line breaks or other control characters, which no file
    name, header or status can hold; ``required``: not empty either."""
    def check(value: str) -> Complaints:
        if required and not value.strip():
            yield "", f"must be {what}, not empty"
        elif _CONTROL.search(value) or len(value) > max_length or value != value.strip():
            yield "", (f"must be {what} of at most {max_length} characters, without line breaks, control "
                       f"characters or spaces around it — not {shown(value)}")
    return check


def matches(pattern: str, wanted: str, *, empty_allowed: bool = False) -> Check:
    compiled = re.compile(pattern)

    def check(value: str) -> Complaints:
        if not (empty_allowed and value == "") and not compiled.fullmatch(value):
            yield "", f"must be {wanted} — not {shown(value)}"
    return check


def safe_id(what: str) -> Check:
    """An id that goes into file names and receipt ids: nothing a file system or a receipt id cannot hold."""
    def check(value: str) -> Complaints:
        if not _SAFE_ID.fullmatch(value):
            yield "", (f"must be {what}: 1 to 64 letters A-Z, digits, '-' or '_' (it is part of file names and "
                       f"receipt ids) — not {shown(value)}")
    return check


def currency(*, empty_allowed: bool = False) -> Check:
    def check(value: str) -> Complaints:
        if value not in CURRENCIES and not (empty_allowed and value == ""):
            empty = " (or empty)" if empty_allowed else ""
            yield "", (f"must be an ISO 4217 currency code in capitals, such as SEK, NOK or EUR{empty} — not "
                       f"{shown(value)}")
    return check


def yes_no() -> Check:
    """A JSON true or false (the type check has refused anything else already)."""
    def check(value: bool) -> Complaints:
        if not isinstance(value, bool):
            yield "", f"must be true or false — not {shown(value)}"
    return check


def card_pattern() -> Check:
    """A regular expression a whole card number must match; one that matches nothing typed at all would take an
    empty input for a card."""
    def check(value: str) -> Complaints:
        try:
            compiled = re.compile(value)
        except re.error as problem:
            yield "", f"must be a regular expression — not {shown(value)} ({problem})"
            return
        if compiled.fullmatch(""):
            yield "", (f"must be a regular expression that needs at least one character (like \\d{{13}}) — not "
                       f"{shown(value)}, which matches an empty input")
    return check


def card_rule(checks: tuple[str, ...]) -> Check:
    """One kind of card, an object {"prefix": digits, "length": 1-64, "check": one of ``checks``}: the number's
    length holds its prefix and, with a check, at least one digit before the check digit. Told as one line per
    card, naming what to change."""
    example = '{"prefix": "735", "length": 13, "check": "gs1"}'

    def check(value: dict) -> Complaints:
        unknown = sorted(set(value) - {"prefix", "length", "check"})
        prefix, length, method = value.get("prefix"), value.get("length"), value.get("check", "none")
        if unknown:
            problem = f"has no {', '.join(unknown)} (a card has prefix, length and check)"
        elif not isinstance(prefix, str) or not re.fullmatch(r"[0-9]{0,32}", prefix):
            problem = f"needs a prefix of digits (\"\" for any) — not {shown(prefix)}"
        elif isinstance(length, bool) or not isinstance(length, int) or not 1 <= length <= 64:
            problem = f"needs a length, a whole number of digits from 1 to 64 — not {shown(length)}"
        elif method not in checks:
            problem = f"needs a check of {', '.join(checks)} — not {shown(method)}"
        elif length < len(prefix) + (2 if method != "none" else 1):
            problem = (f"needs a length longer than its prefix {shown(prefix)}"
                       f"{' and its check digit' if method != 'none' else ''} — not {length}")
        else:
            return
        yield "", f"must be a card like {example}: this one {problem}"
    return check


def engage_address(what: str, empty_means: str, example: str) -> Check:
    """Empty, or the https:// address the API key may be sent to (http:// only to this machine)."""
    def check(value: str) -> Complaints:
        if value == "":
            return
        from pos_engage.core.engage.auth import check_base_url  # not needed to read a demo till's configuration
        from pos_engage.core.errors import ConfigError

        try:
            check_base_url(value, what=what, example=example)
        except ConfigError as problem:
            yield "", f"must be empty ({empty_means}) or an address like {example} — not {shown(value)}: {problem}"
    return check


def web_link(example: str) -> Check:
    """Empty, or an http(s) link a customer's email may point to."""
    link = re.compile(r"https?://[^\s/?#]+[^\s]*")

    def check(value: str) -> Complaints:
        if value and not link.fullmatch(value):
            yield "", f"must be empty or a web address like {example} — not {shown(value)}"
    return check


def host() -> Check:
    def check(value: str) -> Complaints:
        if value and not _HOST.fullmatch(value):
            yield "", (f"must be empty or a host name or address such as ftp.voyado.com (without sftp://, a port "
                       f"or a folder) — not {shown(value)}")
    return check


def host_key() -> Check:
    def check(value: str) -> Complaints:
        if value and not _HOST_KEY.fullmatch(value):
            yield "", (f"must be empty or the server's public key on one line, like 'ssh-ed25519 AAAAC3Nz...' "
                       f"— not {shown(value)}")
    return check


def remote_folder() -> Check:
    plain = text(required=True, what="a folder on the file server")

    def check(value: str) -> Complaints:
        complaints = list(plain(value))
        yield from complaints
        if not complaints and ".." in value.replace("\\", "/").split("/"):
            yield "", f"must be a folder on the file server without '..' — not {shown(value)}"
    return check


def metrics_file() -> Check:
    path = text(max_length=4096, what="a file path")

    def check(value: str) -> Complaints:
        complaints = list(path(value))
        yield from complaints
        if not complaints and value and not value.endswith(".prom"):
            yield "", (f"must be empty or a file ending in .prom (node_exporter reads only those) — not "
                       f"{shown(value)}")
    return check
