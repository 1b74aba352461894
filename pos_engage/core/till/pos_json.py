"""JSON from the shop's POS, read strictly: the same rules for the HTTP link and for files in the inbox.

Refused with a stable code (a POS vendor's program can branch on it) and a sentence saying what is wrong: more than
1 MB, text that is not UTF-8 (a byte order mark is fine), a key given twice in one object (which one would win is
up to each parser), a lone surrogate (``"\\ud800"``: not text, and no Engage field can carry it), nesting deeper than
``MAX_DEPTH``, a list longer than ``MAX_ITEMS``, NaN or Infinity, a number no JSON number of Engage's can be (a
whole number of more than ``MAX_DIGITS`` digits, or beyond a double's range: ``1e999999`` turned into an integer for
Engage took the till's loop 20 s, and one beyond a double's range ended in a 500). Numbers with a fraction or an
exponent are read as Decimal, never as binary floats, so no amount is rounded on the way in.
"""

from __future__ import annotations

import json
import math
import re
from decimal import Decimal
from typing import Any

import orjson

from pos_engage.core import texts
from pos_engage.core.domain.checks import encodes_as_utf8
from pos_engage.core.errors import InputError

MAX_BYTES = 1024 * 1024
MAX_DEPTH = 32
MAX_ITEMS = 5000            # a basket of 10,000 lines is refused before any line is looked at
MAX_DIGITS = 30             # a whole number's: far beyond any amount, quantity or id a POS sends
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")
_INT_LIMIT = 10**MAX_DIGITS


class JsonRefused(InputError):
    """The body or file is not JSON the link takes; ``code`` names the rule."""

    def __init__(self, message: str, *, code: str, field: str | None = None) -> None:
        super().__init__(message, field=field)
        self.code = code


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    built = dict(pairs)   # in C; only an object with a key given twice comes out shorter, and is looked at again
    if len(built) == len(pairs):
        return built
    seen: dict[str, Any] = {}
    for key, value in pairs:
        if key in seen:
            raise JsonRefused(texts.tr("The key \"{key}\" is given twice in one object", key=key[:64]),
                              code="DuplicateKey", field=key[:64])
        seen[key] = value
    return seen


def _constant(name: str) -> Any:
    raise JsonRefused(texts.tr("{name} is not a number JSON allows", name=name), code="InvalidJson")


def _number_refused(value: int | Decimal, path: str) -> JsonRefused:
    text = str(value)
    return JsonRefused(texts.tr("{number} is not a number the link takes (at most {digits} digits, within a "
                                "double's range)", number=text[:24] + ("..." if len(text) > 24 else ""),
                                digits=MAX_DIGITS), code="InvalidNumber", field=path or None)


def _decimal_fine(value: Decimal) -> bool:
    """Within a double's range (below 10**308 at once; float() of 1e999999 is inf at once, it goes by the text)."""
    return value.adjusted() < 308 or not math.isinf(float(value))


def _check(value: Any, depth: int, path: str, texts_too: bool = True) -> None:
    """Depth, list sizes, numbers and (``texts_too``) surrogates, walked without recursion on Python's stack beyond
    MAX_DEPTH. The depth is an object's or a list's, as the quick walk counts it (a text or number inside the
    deepest list allowed is fine)."""
    if isinstance(value, dict | list) and depth > MAX_DEPTH:
        raise JsonRefused(texts.tr("The JSON is nested deeper than {depth} levels", depth=MAX_DEPTH),
                          code="TooDeep", field=path or None)
    if isinstance(value, str):
        if texts_too and not encodes_as_utf8(value):
            raise JsonRefused(texts.tr("{field} holds a lone surrogate (\\ud800-\\udfff), which is not text",
                                       field=path or "the body"), code="InvalidText", field=path or None)
    elif type(value) is int:
        if not -_INT_LIMIT < value < _INT_LIMIT:
            raise _number_refused(value, path)
    elif isinstance(value, Decimal):
        if not _decimal_fine(value):
            raise _number_refused(value, path)
    elif isinstance(value, dict):
        for key, item in value.items():
            if texts_too and not encodes_as_utf8(key):
                raise JsonRefused(texts.tr("A key holds a lone surrogate, which is not text"), code="InvalidText")
            _check(item, depth + 1, f"{path}.{key}" if path else key, texts_too)
    elif isinstance(value, list):
        if len(value) > MAX_ITEMS:
            raise JsonRefused(texts.tr("{field} has {count} items; at most {limit} are taken",
                                       field=path or "the body", count=len(value), limit=MAX_ITEMS),
                              code="TooManyItems", field=path or None)
        for index, item in enumerate(value):
            _check(item, depth + 1, f"{path}[{index}]", texts_too)


def _plain_keys(value: Any, depth: int) -> int:
    """How many keys the objects in ``value`` hold, or -1 if it breaks (or may break) a rule :func:`_check` looks
    at: nesting deeper than MAX_DEPTH, a list longer than MAX_ITEMS, a whole number of more than MAX_DIGITS digits,
    a Decimal beyond a double's range, or a float (orjson reads a number with a fraction or an exponent as a binary
    float: such a body is read again by the standard library, as Decimal). Walked without naming each place: the
    usual body passes; one that does not is read and walked again by the strict path, which names the field. (Only
    plain dicts and lists are built, so their exact types are asked: a third of the time of isinstance.)"""
    if depth > MAX_DEPTH:
        return -1
    if type(value) is dict:
        keys = len(value)
        value = value.values()
    elif len(value) > MAX_ITEMS:
        return -1
    else:
        keys = 0
    for item in value:
        kind = type(item)
        if kind is str:
            continue
        if kind is int:
            if not -_INT_LIMIT < item < _INT_LIMIT:
                return -1
        elif kind is dict or kind is list:
            inner = _plain_keys(item, depth + 1)
            if inner < 0:
                return -1
            keys += inner
        # A float: orjson's reading of a number with a fraction or an exponent; a Decimal: the strict path's.
        elif kind is float or (kind is Decimal and not _decimal_fine(item)):
            return -1
    return keys


def _quick(raw: bytes) -> Any:
    """The body read by orjson (~5 us for a 20-line sale, against ~20 us for the standard library with the duplicate
    key hook), when that is the same as the strict reading: otherwise ``_STRICT``, and :func:`loads` reads it the
    strict way, which finds and names what is wrong. Any text orjson refuses (not UTF-8, a lone surrogate, NaN, a
    number beyond 64 bits or a double's range, too deep for it) goes the strict way, and so does a body whose
    numbers are not all whole (read as Decimal there). A key given twice is what orjson does not refuse (the last
    one wins): each key in the text is followed by one ':', so when the text holds no more ':' than the objects
    read hold keys, no key was given twice (a ':' inside a text, as in a line id "a:b", only sends the body the
    strict way)."""
    try:
        value = orjson.loads(raw)
    except orjson.JSONDecodeError:
        return _STRICT
    if type(value) is not dict and type(value) is not list:
        return _STRICT
    keys = _plain_keys(value, 0)
    if keys < 0 or raw.count(b":") != keys:
        return _STRICT
    return value


_STRICT = object()


def loads(raw: bytes) -> Any:
    """The POS's JSON, or JsonRefused saying which rule it breaks."""
    if len(raw) > MAX_BYTES:
        raise JsonRefused(texts.tr("The body is larger than 1 MiB (1,048,576 bytes)"), code="TooLarge")
    if raw.startswith(b"\xef\xbb\xbf"):  # Windows tools write a byte order mark: harmless
        raw = raw[3:]
    value = _quick(raw)
    if value is not _STRICT:
        return value
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as problem:
        raise JsonRefused(texts.tr("The text is not UTF-8 (byte {at})", at=problem.start),
                          code="InvalidEncoding") from None
    try:
        value = json.loads(text, object_pairs_hook=_no_duplicates, parse_float=Decimal, parse_constant=_constant)
    except RecursionError:
        raise JsonRefused(texts.tr("The JSON is nested deeper than {depth} levels", depth=MAX_DEPTH),
                          code="TooDeep") from None
    except JsonRefused:
        raise
    except ValueError as problem:
        raise JsonRefused(texts.tr("The body is not JSON: {problem}", problem=str(problem)),
                          code="InvalidJson") from None
    # UTF-8 cannot carry a surrogate: only a \uD800-\uDFFF escape makes one, so texts are looked at only then.
    texts_too = _SURROGATE_ESCAPE.search(text) is not None
    if texts_too or type(value) not in (dict, list) or _plain_keys(value, 0) < 0:   # numbers too
        _check(value, 0, "", texts_too=texts_too)
    return value


def dumps(value: Any) -> bytes:
    """``value`` as UTF-8 JSON, what the link answers and the answer files hold: orjson (a sale's state with 20
    lines in about 8 us, against 75 us for the standard library's encoder, the largest part of an answer after
    the use case). What orjson cannot write (an integer beyond 64 bits a POS passed through) is written by the
    standard library instead, as the same JSON; what neither can write raises TypeError, as json.dumps does."""
    try:
        return orjson.dumps(value)
    except TypeError:   # orjson.JSONEncodeError is a TypeError
        return json.dumps(value, ensure_ascii=False, separators=(",", ":")).encode()


def decoded(data: bytes) -> Any:
    """What :func:`dumps` wrote of a sale's state, read back as it was (the till's own JSON: not the POS's, which
    :func:`loads` reads strictly). orjson reads an integer beyond 64 bits as a float, not as the integer: a state
    holds none (its amounts are within MAX_AMOUNT, its counts and versions small; the POS's own pass-through fields
    are not in it), so what it reads is what was written. A text orjson refuses is read by the standard library."""
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError:
        return json.loads(data)


def plain(value: Any) -> Any:
    """Decimals back to JSON numbers (Engage's own fields passed through: it reads them as numbers)."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() and "." not in str(value) else float(value)
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list):
        return [plain(item) for item in value]
    return value
