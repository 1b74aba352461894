"""Wire primitives: times, money, tolerant field access, and the shapes shared by receipts and orders."""

from __future__ import annotations

import json
from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal
from typing import Any

from pos_engage.core.config import MatchKeyTypes
from pos_engage.core.domain import ContactKey, KeyKind, MatchKey, MatchKeyType, Payment
from pos_engage.core.errors import InputError


def format_time(value: datetime) -> str:
    """Local time with its offset, as Engage asks (never converted to UTC)."""
    return value.isoformat(timespec="seconds")


def parse_time(value: object) -> datetime | None:
    if not value or not isinstance(value, str):
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        return None


def money(value: Decimal) -> float:
    """A JSON number. Amounts are quantized to cents first, and a float's shortest repr of such a number is
    exactly its decimal digits, so nothing is lost on the way out."""
    return float(value.quantize(Decimal("0.01")))


def dumps(payload: Any) -> bytes:
    return json.dumps(payload, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def text(value: object) -> str:
    return value if isinstance(value, str) else ("" if value is None else str(value))


def boolean(value: object) -> bool:
    if isinstance(value, str):
        return value.strip().lower() == "true"
    return bool(value)


def get(obj: Mapping, *names: str, default: Any = None) -> Any:
    """First present key, case-insensitively (Engage mixes camelCase and PascalCase)."""
    if not isinstance(obj, dict):  # what json.loads gives; a plain type check, not an ABC's
        return default
    for name in names:  # the exact spelling first: almost always a hit, and no dict to build
        if name in obj:
            return obj[name]
    lowered = {k.lower(): v for k, v in obj.items()}
    for name in names:
        if name.lower() in lowered:
            return lowered[name.lower()]
    return default


def required(payload: Mapping, name: str) -> Any:
    value = get(payload, name)
    if value is None or value == "":
        raise InputError(f"{name} is missing", field=name)
    return value


def match_key_to_json(key: MatchKey) -> dict[str, str]:
    body = {"matchKey": key.value, "matchKeyType": key.type.value}
    if key.contact_type:
        body["contactType"] = key.contact_type
    return body


def contact_match_key(contact_id: str, types: MatchKeyTypes | None = None) -> MatchKey:
    """A receipt or order for a contact whose Engage id is known."""
    return MatchKey(contact_id, MatchKeyType.parse((types or MatchKeyTypes()).contact_id))


def match_key_for(key: ContactKey, types: MatchKeyTypes | None = None) -> MatchKey:
    """A receipt or order for a customer known only by the key they gave (offline, or not registered yet), with
    the matchKeyType the tenant matches that kind of key by (``engage.match_key_types``; the defaults are Voyado's
    swagger enum). A scanned or typed card is a ``CardId``, never a member number: a real tenant looks a card
    number up among cards. Sent in the enum's camelCase (Engage compares enum names case-insensitively)."""
    types = types or MatchKeyTypes()
    configured = {KeyKind.EMAIL: types.email, KeyKind.MOBILE: types.mobile, KeyKind.CUSTOM_KEY: types.card,
                  KeyKind.SOCIAL_SECURITY_NUMBER: types.social_security_number}[key.kind]
    return MatchKey(key.value, MatchKeyType.parse(configured))


def payment_to_json(payment: Payment) -> dict[str, Any]:
    body: dict[str, Any] = {"type": payment.type, "value": money(payment.value)}
    if payment.description:
        body["description"] = payment.description
    return body
