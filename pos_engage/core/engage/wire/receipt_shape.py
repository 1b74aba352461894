"""Whether a POS's receipt JSON fits Engage's receipt model: each field's JSON type, numbers Engage's decimals can
hold, text that can be sent as UTF-8, nesting within a bound; and the body as the journal stores it.

Separate from Engage's rules on a receipt's figures and lines (receipt_checks.py): these checks look at each
value alone, against the swagger model (receipt_model.py), before anything reads the receipt as a sale. Each check
comes twice: a quick walk that only answers whether the body passes (``_encodable_at_once``, ``_shape_fits``: a
receipt has hundreds of values), and a walk that names the field and the reason (``_encodable``, ``_check_shape``),
run only on a body the quick one refused. tests/core/engage/test_receipt_quick_checks.py holds the two equal.
"""

from __future__ import annotations

import math
from decimal import Decimal, InvalidOperation
from typing import Any

from pos_engage.core import texts
from pos_engage.core.domain.checks import encodes_as_utf8
from pos_engage.core.engage.wire.receipt_model import ENUMS, FRACTIONS_ACCEPTED, MODELS, NUMBERS_AS_TEXT_ACCEPTED
from pos_engage.core.errors import InputError

_FOLDED_ENUMS = {kind: frozenset(member.lower() for member in members) for kind, members in ENUMS.items()}
# Deeper than any receipt goes: a POS's JSON nested past this is refused, not walked.
MAX_DEPTH = 32


def _refuse(where: str, problem: str) -> InputError:
    """A refusal naming the field by its place in the receipt (``items[2].quantity``) and saying why."""
    return InputError(texts.tr("{field}: {problem}", field=where, problem=problem), field=where)


def _missing(where: str) -> InputError:
    return InputError(texts.tr("{field} is missing", field=where), field=where)


# Engage's amounts are .NET decimals (at most about 7.9e28), and the till works a line out to the cent in 28
# digits: a number from 10**26 up is refused as too large (a POS's bug, never a sale), never left to fail halfway
# through a computation (a 500 over the link).
TOO_LARGE = 10**26


def _small_enough(value: Any) -> bool:
    """A number (int, float, Decimal, or numeric text) below :data:`TOO_LARGE`; what is not a number is the type
    checks' to refuse."""
    try:
        return abs(Decimal(value) if isinstance(value, str) else value) < TOO_LARGE
    except (TypeError, ArithmeticError):
        return True


def _is_number(value: Any) -> bool:
    """A JSON number: json.loads gives int or float; the POS link reads fractions as Decimal (link/pos_json)."""
    if isinstance(value, Decimal):
        return value.is_finite()
    if isinstance(value, bool):
        return False
    # An int is finite however large (math.isfinite would overflow turning 10**400 into a float); TOO_LARGE
    # refuses the large ones by name.
    return isinstance(value, int) or (isinstance(value, float) and math.isfinite(value))


# Values _plain_json passes as they are, without a call for each (most of a receipt).
_PLAIN = frozenset({str, int, float, bool, type(None)})


def _plain_json(value: Any, converted: list | None = None) -> Any:
    """The body as the journal stores it: a Decimal read by the POS link becomes the JSON number it was (a float's
    shortest repr holds every digit a POS writes: 33.333 stays 33.333). ``converted``: each Decimal changed is
    appended to it (so the caller knows whether the copy still equals the original)."""
    if isinstance(value, Decimal):
        if converted is not None:
            converted.append(value)
        return int(value) if value == value.to_integral_value() and value.as_tuple().exponent >= 0 else float(value)
    if isinstance(value, dict):
        return {name: inner if type(inner) in _PLAIN else _plain_json(inner, converted)
                for name, inner in value.items()}
    if isinstance(value, list):
        return [inner if type(inner) in _PLAIN else _plain_json(inner, converted) for inner in value]
    return value


def _decimal(value: Any) -> Decimal:
    """A JSON number (or numeric text where accepted) exactly as written: str(float) is its shortest repr."""
    try:
        return Decimal(str(value))
    except InvalidOperation:  # shape checks ran first; a caller's own bug shows as this
        raise InputError(texts.tr("{value} is not a number", value=repr(value))) from None


def _encodable_at_once(value: Any, depth: int = 0) -> bool:
    """What :func:`_encodable` checks (depth, every text and name), walked without naming each place (a receipt
    has hundreds of values); only a receipt that breaks a rule is walked again by it, to name the field."""
    if depth > MAX_DEPTH:
        return False
    if isinstance(value, str):
        return value.isascii() or encodes_as_utf8(value)
    inner_depth = depth + 1
    if isinstance(value, dict):
        for name in value:
            if inner_depth > MAX_DEPTH or (isinstance(name, str) and not (name.isascii() or encodes_as_utf8(name))):
                return False
        value = value.values()
    elif not isinstance(value, list):
        return True
    for inner in value:
        if isinstance(inner, dict | list):
            if not _encodable_at_once(inner, inner_depth):
                return False
        elif inner_depth > MAX_DEPTH or (isinstance(inner, str) and not (inner.isascii() or encodes_as_utf8(inner))):
            return False
    return True


def _encodable(value: Any, where: str, depth: int = 0) -> None:
    """Every text anywhere in the POS's JSON (names too, fields Engage ignores too) can be sent as UTF-8."""
    if depth > MAX_DEPTH:
        raise _refuse(where or "receipt", texts.tr("nested deeper than {depth} levels", depth=MAX_DEPTH))
    if isinstance(value, str):
        if not encodes_as_utf8(value):
            raise _refuse(where or "receipt", texts.tr("holds a lone surrogate (a broken character) that cannot "
                                                       "be sent"))
    elif isinstance(value, dict):
        for name, inner in value.items():
            _encodable(name, where or "receipt", depth + 1)
            _encodable(inner, f"{where}.{name}" if where else str(name), depth + 1)
    elif isinstance(value, list):
        for index, inner in enumerate(value):
            _encodable(inner, f"{where}[{index}]", depth + 1)


def _value_problem(model: str, name: str, kind: str, value: Any) -> str | None:
    """Why one JSON value does not fit its swagger type, or None."""
    if kind in ENUMS:
        folded = value.strip().lower() if isinstance(value, str) else None
        if folded in _FOLDED_ENUMS[kind]:
            return None
        return texts.tr("must be one of {members}", members=", ".join(ENUMS[kind]))
    if kind == "str":
        return None if isinstance(value, str) else texts.tr("must be text")
    if kind == "int":
        if (model, name) in FRACTIONS_ACCEPTED:
            problem = None if _is_number(value) else texts.tr("must be a number")
        else:
            problem = None if isinstance(value, int) and not isinstance(value, bool) else \
                texts.tr("must be a whole number")
        return problem or _size_problem(value)
    if kind == "float":
        if _is_number(value) or ((model, name) in NUMBERS_AS_TEXT_ACCEPTED and _numeric_text(value)):
            return _size_problem(value)
        return texts.tr("must be a number (a JSON number, not text)")
    if kind == "bool":
        return None if isinstance(value, bool) else texts.tr("must be true or false")
    raise KeyError(kind)


def _size_problem(value: Any) -> str | None:
    return None if _small_enough(value) else texts.tr("is too large a number (at most 10^26)")


def _numeric_text(value: Any) -> bool:
    try:
        return isinstance(value, str) and Decimal(value).is_finite()
    except InvalidOperation:
        return False


def _check_shape(model: str, body: Any, where: str) -> None:
    """``body`` fits swagger model ``model``: each field Engage names has its type (a field it does not name passes
    as it is). Required fields are checked later, after what may be derived is added."""
    if not isinstance(body, dict):
        raise _refuse(where or "receipt", texts.tr("must be a JSON object"))
    for name, (kind, is_list, _required) in MODELS[model].items():
        value = body.get(name)
        if value is None:
            continue
        at = f"{where}.{name}" if where else name
        if is_list and not isinstance(value, list):
            raise _refuse(at, texts.tr("must be a list"))
        for index, element in enumerate(value if is_list else [value]):
            here = f"{at}[{index}]" if is_list else at
            if kind in MODELS:
                _check_shape(kind, element, here)
            elif element is None:
                raise _refuse(here, texts.tr("must not be null"))
            else:
                problem = _value_problem(model, name, kind, element)
                if problem:
                    raise _refuse(here, problem)


def _fits_predicate(model: str, name: str, kind: str) -> Any:
    """A test of one value (not None) of field ``name`` that is True exactly when :func:`_value_problem` finds
    nothing, with the field's rule decided once instead of at every value."""
    if kind in ENUMS:
        folded = _FOLDED_ENUMS[kind]
        return lambda value: isinstance(value, str) and value.strip().lower() in folded
    if kind == "str":
        return lambda value: isinstance(value, str)
    if kind == "int" and (model, name) not in FRACTIONS_ACCEPTED:
        return lambda value: isinstance(value, int) and not isinstance(value, bool) and -TOO_LARGE < value < TOO_LARGE
    if kind in ("int", "float"):
        text_too = kind == "float" and (model, name) in NUMBERS_AS_TEXT_ACCEPTED
        return lambda value: ((type(value) is int or math.isfinite(value) if type(value) in (int, float)
                               else _is_number(value)) or (
            text_too and _numeric_text(value))) and _small_enough(value)
    if kind == "bool":
        return lambda value: isinstance(value, bool)
    raise KeyError(kind)


# Each model's fields as _shape_fits walks them: (name, is_list, the model of its values or None, the test of a
# value that is not a model).
_FITS: dict[str, tuple[tuple[str, bool, str | None, Any], ...]] = {
    model: tuple((name, is_list, kind if kind in MODELS else None,
                  None if kind in MODELS else _fits_predicate(model, name, kind))
                 for name, (kind, is_list, _required) in fields.items())
    for model, fields in MODELS.items()}


def _shape_fits(model: str, body: Any) -> bool:
    """Whether :func:`_check_shape` finds nothing, asked without naming each place; only a receipt it would
    refuse is walked again by it, to name the field."""
    if not isinstance(body, dict):
        return False
    for name, is_list, inner_model, fits in _FITS[model]:
        value = body.get(name)
        if value is None:
            continue
        if is_list:
            if not isinstance(value, list):
                return False
        else:
            value = (value,)
        if inner_model is not None:
            for element in value:
                if not _shape_fits(inner_model, element):
                    return False
        else:
            for element in value:
                if element is None or not fits(element):
                    return False
    return True
