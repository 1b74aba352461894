"""Engage's validation rules as the simulator applies them, written from the contract, not shared with the client.

ASSUMPTION markers name behaviour Voyado does not document (engage-api.md Part B section 11) that the
simulator decides per Part A, so they are easy to find and correct when real answers are known.
"""

from __future__ import annotations

import re
from datetime import datetime
from decimal import Decimal, InvalidOperation
from typing import Any

from pos_engage.sim.swagger_rules import model_problems

EMAIL_RE = re.compile(r"^[^@\s]+@[^@\s]+\.[^@\s.]{2,}$")
# Engage requires the country code on mobile numbers (+46...).
PHONE_RE = re.compile(r"^\+[1-9]\d{6,14}$")
GUID_RE = re.compile(r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
CONTACT_TYPES = ("Member", "Contact")
# ASSUMPTION (engage-api.md 2.1 names the key, not its format): a socialSecurityNumber is a Swedish personnummer as
# 12 digits YYYYMMDDNNNN (the Luhn digit over the last ten) or a Finnish henkilötunnus DDMMYYCZZZQ (the check
# character of DDMMYYZZZ modulo 31); anything else is 400 InvalidSocialSecurityNumber, as the lookup documents.
_SE_PERSONAL = re.compile(r"^(?:18|19|20)\d{2}(0[1-9]|1[0-2])(\d{2})\d{4}$")
_FI_PERSONAL = re.compile(r"^(\d{2})(0[1-9]|1[0-2])\d{2}[-+A-FU-Y](\d{3})([0-9A-Y])$")
_FI_CHECK = "0123456789ABCDEFHJKLMNPRSTUVWXY"
REDEMPTION_CHANNELS = ("POS", "ECOM", "OTHER")


def is_personal_number(value: Any) -> bool:
    """A socialSecurityNumber as this tenant takes it (see above); the date's day is checked loosely (01-31, or
    61-91 for a samordningsnummer), the check digit exactly."""
    if not isinstance(value, str):
        return False
    swedish = _SE_PERSONAL.match(value)
    if swedish:
        day = int(swedish.group(2))
        digits = [int(d) for d in value[2:]]
        total = sum(d * 2 - 9 * (d * 2 > 9) if i % 2 == 0 else d for i, d in enumerate(digits))
        return (1 <= day <= 31 or 61 <= day <= 91) and total % 10 == 0
    finnish = _FI_PERSONAL.match(value)
    if finnish:
        return 1 <= int(finnish.group(1)) <= 31 and \
            _FI_CHECK[int(value[:6] + finnish.group(3)) % 31] == finnish.group(4)
    return False


class Rejected(Exception):
    """An Engage error answer: status, errorCode, message and optional per-field errors."""

    def __init__(self, status: int, code: str, message: str, errors: dict[str, list[str]] | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.errors = status, code, message, errors

    def body(self) -> dict[str, Any]:
        # ASSUMPTION (Part A decision 1): Engage's error body is {"errorCode", "message"}; field errors for 422
        # are added as "errors" in the ASP.NET ModelState shape.
        body: dict[str, Any] = {"errorCode": self.code, "message": self.message}
        if self.errors:
            body["errors"] = self.errors
        return body


def decimal(value: Any, field: str, code: str = "InvalidReceipt") -> Decimal:
    if isinstance(value, bool) or value is None:
        raise Rejected(400, code, f"{field} must be a number")
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        raise Rejected(400, code, f"{field} must be a number") from None
    if not number.is_finite():
        raise Rejected(400, code, f"{field} must be a number")
    return number


def aware_time(value: Any, field: str, code: str) -> datetime:
    try:
        parsed = datetime.fromisoformat(str(value))
    except ValueError:
        raise Rejected(400, code, f"{field} is not an ISO 8601 date") from None
    if parsed.tzinfo is None:
        raise Rejected(400, code, f"{field} must carry a UTC offset")
    return parsed


def contact_field_errors(body: dict[str, Any], *, require_key: bool) -> dict[str, list[str]]:
    """Per-field problems in a create or update body."""
    errors: dict[str, list[str]] = {}
    email = body.get("email")
    if email not in (None, "") and (not isinstance(email, str) or not EMAIL_RE.match(email)):
        errors["email"] = ["The email address is not valid"]
    mobile = body.get("mobilePhone")
    if mobile not in (None, "") and (not isinstance(mobile, str) or not PHONE_RE.match(mobile)):
        errors["mobilePhone"] = ["The mobile number must include the country code, e.g. +46701234567"]
    personal = body.get("socialSecurityNumber")
    if personal not in (None, "") and not is_personal_number(personal):
        errors["socialSecurityNumber"] = ["The personal number is not valid (YYYYMMDDNNNN or DDMMYYCZZZQ)"]
    if require_key and not email and not mobile:
        errors["email"] = ["An email address or a mobile number is required"]
    for name in ("firstName", "lastName"):
        value = body.get(name)
        if value is not None and (not isinstance(value, str) or len(value) > 100):
            errors[name] = [f"{name} must be text of at most 100 characters"]
    return errors


def _refuse_model_problems(model: str, body: Any, code: str) -> None:
    """400 naming every field that breaks Voyado's swagger model (required, type, enum), the first in the message."""
    problems = model_problems(model, body)
    if problems:
        first, why = next(iter(problems.items()))
        more = f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""
        # ASSUMPTION (Part A decision 1): field errors come as "errors" in the ASP.NET ModelState shape.
        raise Rejected(400, code, f"{first} {why}{more}", {path: [text] for path, text in problems.items()})


def check_receipt(receipt: Any) -> None:
    """Voyado's Receipt model, then our rules: an offset on createdDate, at least one line, a known contact type,
    and totalGrossPrice == the signed sum of the lines (to 0.01, Part A decision 5)."""
    _refuse_model_problems("Receipt", receipt, "InvalidReceipt")
    contact_type = receipt["contact"].get("contactType")
    if contact_type not in (None, "") and str(contact_type).lower() not in (t.lower() for t in CONTACT_TYPES):
        raise Rejected(400, "InvalidReceipt", f"contact.contactType: unknown contact type {contact_type}")
    aware_time(receipt["createdDate"], "createdDate", "InvalidReceipt")
    items = receipt["items"]
    if not items:
        raise Rejected(400, "InvalidReceipt", "items must hold at least one line")
    total = Decimal(0)
    for item in items:
        price = decimal(item["grossPaidPrice"], "grossPaidPrice")
        # Returns come both ways in the wild (docs: negative quantity, positive price; some integrators: all
        # positive). The sign of a return's contribution is taken from its type.
        total += -abs(price) if item["type"].upper() == "RETURN" else price
    stated = decimal(receipt["totalGrossPrice"], "totalGrossPrice")
    if abs(stated - total) > Decimal("0.01"):
        raise Rejected(400, "InvalidReceipt",
                       f"totalGrossPrice {stated} does not equal the sum of the items' grossPaidPrice ({total})")


def check_v2_order(order: Any) -> None:
    """Voyado's Order model (400), then the always-on v2 order validations (422, engage-api.md 5.1)."""
    _refuse_model_problems("Order", order, "InvalidOrder")
    aware_time(order["createdDate"], "createdDate", "InvalidOrder")
    for index, item in enumerate(order["items"]):
        quantity, kind = item["quantity"], item["type"].upper()
        if (kind == "RETURN" and quantity >= 0) or (kind == "PURCHASE" and quantity <= 0):
            raise Rejected(422, "InvalidOrder", f"items[{index}]: a purchase has quantity > 0, a return < 0")
        for discount in item.get("discounts") or []:
            if discount["value"] >= 0:
                raise Rejected(422, "InvalidOrder", f"items[{index}]: discount values must be negative")
