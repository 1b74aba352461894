"""A POS's commit as it arrives (issue 16): what it charged, how it was paid, and its receipt fields, read and
checked before anything changes (every field wrong is named, as pos_sale_input.py names a basket's).

Shared by the HTTP link's commit and a folder's commit file, for a sale and a return alike (session_ending.py,
session_returns.py). ``totals_differ`` is the refusal of a commit whose figures are not the session's.

A sale the customer's offers pay in full has nothing to pay: its commit may say ``"payments": []`` (total 0), and
is read as one payment of 0 by NOTHING_TO_PAY_METHOD. That is what the till's own window sends for such a sale
(Basket.final_payments: one payment of what remains, 0, by the method chosen), and Engage's receipt model requires
paymentMethods, so the receipt keeps one. An empty list with any other total is refused, as it always was.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from pos_engage.core import texts
from pos_engage.core.engage.wire.common import parse_time
from pos_engage.core.till.payment_methods import PAYMENT_METHODS
from pos_engage.core.till.pos_json import plain
from pos_engage.core.till.pos_money import from_minor
from pos_engage.core.till.pos_sale_input import (
    PAYMENT_FIELDS,
    RECEIPT_FIELDS,
    SaleProblem,
    _Errors,
    _integer,
    _pass_through,
    _text,
)

# The method of the one payment of 0 a commit with nothing to pay is booked with: the till's first (its default).
NOTHING_TO_PAY_METHOD = PAYMENT_METHODS[0]


@dataclass(frozen=True)
class PosCommit:
    """A commit's body: what the POS charged, how it was paid, and its receipt fields."""

    receipt_number: str
    created_date: str
    payments: tuple[dict, ...]          # {method, amount (minor), ...Engage payment fields}
    total: int
    extra: dict                         # Engage receipt fields passed through
    fingerprint: str


def parse_commit(body: Any) -> PosCommit:
    errors = _Errors()
    if not isinstance(body, dict):
        raise SaleProblem(texts.tr("The commit must be a JSON object"), code="InvalidCommit")
    number = _text(body.get("receiptNumber"), "receiptNumber", errors, max_length=100)
    created = body.get("createdDate")
    when = parse_time(created) if isinstance(created, str) else None
    if when is None or when.utcoffset() is None:
        errors.add("createdDate", texts.tr("must be an ISO 8601 time with its offset, such as "
                                           "2026-11-27T14:05:00+01:00"))
    total = _integer(body.get("total"), "total", errors)
    payments = []
    raw_payments = body.get("payments")
    if raw_payments == [] and total == 0:   # nothing to pay (total read as the integer 0): one payment of 0
        raw_payments = [{"method": NOTHING_TO_PAY_METHOD, "amount": 0}]
    elif not isinstance(raw_payments, list) or not 1 <= len(raw_payments) <= 50:
        errors.add("payments", texts.tr("must be a list of 1 to 50 payments (empty only when the total is 0)"))
        raw_payments = []
    for index, raw in enumerate(raw_payments):
        at = f"payments[{index}]"
        if not isinstance(raw, dict):
            errors.add(at, texts.tr("must be an object"))
            continue
        method = _text(raw.get("method"), f"{at}.method", errors, max_length=50)
        amount = _integer(raw.get("amount"), f"{at}.amount", errors)
        payment = {"method": method, "amount": amount}
        for key, value in raw.items():
            if key in ("method", "amount"):
                continue
            if key not in PAYMENT_FIELDS:
                errors.add(f"{at}.{key}", texts.tr("is not a payment field of the POS link nor of Engage's"))
                continue
            payment[key] = _pass_through(value, PAYMENT_FIELDS[key], f"{at}.{key}", errors)
        payments.append(payment)
    extra = {}
    for key, value in body.items():
        if key in ("receiptNumber", "createdDate", "payments", "total"):
            continue
        if key not in RECEIPT_FIELDS:
            errors.add(key, texts.tr("is not a commit field of the POS link nor of Engage's receipt"))
            continue
        extra[key] = _pass_through(value, RECEIPT_FIELDS[key], key, errors)
    errors.raise_if_any(texts.tr("The commit cannot be taken"), code="InvalidCommit")
    fingerprint = hashlib.sha256(json.dumps(plain(body), sort_keys=True, ensure_ascii=False).encode()).hexdigest()
    return PosCommit(number, created, tuple(payments), total, extra, fingerprint)


def totals_differ(total: int, paid: int, to_pay: int, currency: str, version: int) -> SaleProblem:
    """A commit (a sale's or a return's) whose total or payments are not the session's toPay: 409, with the
    figures as the cashier reads them in the message and in minor units beside it for the POS."""
    def shown(minor: int) -> str:
        return f"{from_minor(minor, currency)} {currency}"

    return SaleProblem(texts.tr("The POS charged {total} (payments {paid}), but the sale's total to pay is {to_pay}: "
                                "update the sale or the payments", total=shown(total), paid=shown(paid),
                                to_pay=shown(to_pay)),
                       code="TotalsDiffer", kind="conflict",
                       extra={"toPay": to_pay, "total": total, "payments": paid, "version": version})


def created_now() -> str:
    """A createdDate for a commit: now, local time with its offset (the reference POS, tests)."""
    return datetime.now().astimezone().isoformat(timespec="seconds")
