"""Engage's error bodies, in whatever shape they come."""

from __future__ import annotations

import json

from pos_engage.core.engage.wire.common import get, text
from pos_engage.core.engage.wire.contacts import field_name

# Error codes that name the field they are about (engage-api.md 2.2), for field-level messages.
_CODE_FIELDS = {
    "InvalidEmailAddress": "email",
    "InvalidPhoneNumber": "mobile_phone",
    "InvalidSocialSecurityNumber": "social_security_number",
    "InvalidContactType": "contact_type",
}


def parse_error_body(raw: str) -> tuple[str | None, str | None, dict[str, str]]:
    """Engage's error code, message and field errors from whatever the body is (Part A decision 1).

    Accepts {"errorCode","message"}, ProblemDetails {"title","detail","errors"}, ASP.NET {"Message"},
    a bare JSON string, or plain text. Never raises.
    """
    raw = (raw or "").strip()
    if not raw:
        return None, None, {}
    try:
        payload = json.loads(raw)
    except ValueError:
        return None, raw[:300], {}
    if isinstance(payload, str):
        return (payload, None, {}) if payload.isidentifier() else (None, payload[:300], {})
    if not isinstance(payload, dict):
        return None, raw[:300], {}
    code = get(payload, "errorCode", "code", "error", "title")
    message = get(payload, "message", "detail")
    field_errors: dict[str, str] = {}
    errors = get(payload, "errors", "modelState")
    if isinstance(errors, dict):
        for name, messages in errors.items():
            if isinstance(messages, list):
                messages = "; ".join(text(m) for m in messages)
            field_errors[field_name(text(name).split(".")[-1])] = text(messages)
    code = text(code) or None
    if code in _CODE_FIELDS and _CODE_FIELDS[code] not in field_errors:
        field_errors[_CODE_FIELDS[code]] = text(message) or code
    return code, (text(message) or None), field_errors
