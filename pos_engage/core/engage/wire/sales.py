"""Receipts on the wire, both ways: exact when the till builds one, passed through when the POS built it.

**A receipt the till built** (its own basket, ``Basket.to_receipt``) is written by :func:`receipt_to_json`.

**A receipt the POS built** (``POST /v1/receipts``, ``pos-engage receipt submit``, a receipt file in the inbox, a
committed POS-link sale) passes through (issue 16, Fidelity): :func:`read_receipt` checks the POS's JSON against
Engage's receipt model (``Receipt`` and its parts in Voyado's swagger, receipt_model.py; receipt_shape.py) and
Engage's rules (receipt_checks.py), and keeps it **as it is**: every field it carries reaches Engage unchanged,
fields Engage's model does not name too (Engage ignores them; a tenant may map them). What the companion adds
(:class:`~pos_engage.core.engage.wire.receipt_additions.ReceiptAdditions`: the customer, the offers applied as line
discounts, ``usedPromotions``/``usedBonusChecks``) is added, never substituted. What contradicts Engage's rules is
refused with the field and the reason (:class:`~pos_engage.core.errors.InputError` with ``field`` a path such as
``items[2].quantity``), never changed.

This module holds the entry points; the model, the checks and the additions are separate modules so each can be
read (and tested) on its own. Only a required field the POS left out is added, and only where Engage can take it
from the receipt itself (receipt_model.DERIVED). The caller may add receipt fields it knows
(``ReceiptAdditions.defaults``: the store, the time, a new uniqueReceiptId), again only where the POS left them out.
"""

from __future__ import annotations

import copy
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from pos_engage.core import texts
from pos_engage.core.domain import ItemType, Receipt, ReceiptItem
from pos_engage.core.engage.wire.common import format_time, match_key_to_json, money, payment_to_json
from pos_engage.core.engage.wire.receipt_additions import ReceiptAdditions
from pos_engage.core.engage.wire.receipt_checks import _derive, _view
from pos_engage.core.engage.wire.receipt_shape import (
    _check_shape,
    _encodable,
    _encodable_at_once,
    _plain_json,
    _shape_fits,
)
from pos_engage.core.errors import InputError

# ------------------------------------------------------------------ the till's own receipts


def _quantity_json(quantity: int | Decimal) -> int | float:
    return quantity if isinstance(quantity, int) else float(quantity)


def _item_to_json(item: ReceiptItem) -> dict[str, Any]:
    body: dict[str, Any] = {
        "type": item.type.value,
        "sku": item.sku,
        "articleNumber": item.article_number,
        "articleName": item.article_name,
        # Returns: negative quantity, positive price (engage-api.md 4.3).
        "quantity": _quantity_json(-item.quantity if item.type is ItemType.RETURN else item.quantity),
        "grossPaidPrice": money(item.gross_paid_price),
        "taxAmount": money(item.tax_amount),
        "taxPercent": money(item.tax_percent),
        "awardsBonus": item.awards_bonus,
    }
    if item.article_group:
        body["articleGroup"] = item.article_group
    if item.discounts:
        body["discounts"] = [
            {"value": money(d.value), "type": d.type, "description": d.description} for d in item.discounts
        ]
    if item.extra_data:
        body["extraData"] = [{"name": n, "value": v} for n, v in item.extra_data]
    return body


def receipt_to_json(receipt: Receipt) -> dict[str, Any]:
    """Engage's JSON for ``receipt``: the POS's own JSON (with what the companion added) when it came from the
    POS (``receipt.source_json``, see :func:`read_receipt`), else built from the till's receipt."""
    if receipt.source_json is not None:
        return copy.deepcopy(dict(receipt.source_json))
    body: dict[str, Any] = {
        "contact": match_key_to_json(receipt.contact),
        "uniqueReceiptId": receipt.unique_receipt_id,
        "receiptNumber": receipt.receipt_number,
        "createdDate": format_time(receipt.created_date),
        "storeExternalId": receipt.store_external_id,
        "currency": receipt.currency,
        "totalGrossPrice": money(receipt.total_gross_price),
        "paymentMethods": [payment_to_json(p) for p in receipt.payments],
        "items": [_item_to_json(i) for i in receipt.items],
    }
    if receipt.used_promotions:
        body["usedPromotions"] = [{"promotionId": p} for p in receipt.used_promotions]
    if receipt.used_bonus_checks:
        body["usedBonusChecks"] = [{"checkNumber": c} for c in receipt.used_bonus_checks]
    return body


# ------------------------------------------------------------------ the POS's receipts: the entry points


@dataclass(frozen=True)
class RawReceipt:
    """A receipt the POS built, checked: ``body`` is the JSON Engage receives (the POS's, unchanged, plus what
    was added); ``receipt`` is its checked view (totals, lines, the contact), whose ``source_json`` is ``body``.
    Journal it with ``payloads.receipt(raw.receipt)``: the journal keeps ``body`` exactly."""

    body: dict[str, Any]
    receipt: Receipt


def read_receipt(payload: object, *, additions: ReceiptAdditions | None = None,
                 to_finish: bool = False) -> RawReceipt:
    """Check a receipt the POS built (Engage's v3 receipt JSON) and add what the companion adds.

    The POS's own fields are checked first (so a refusal names the POS's field), then ``additions`` are added,
    the derivable required fields filled in (:data:`DERIVED`), and Engage's rules checked on the whole. Raises
    InputError naming the field (``items[2].quantity``) and the reason; ``payload`` is never modified.
    ``to_finish``: a receipt the cashier finishes at the companion (an inbox file): it may leave the customer and
    part of the payment to the till; they are checked when it is finished (with its additions), not here."""
    body = _checked_body(payload, additions)
    return RawReceipt(body, _view(body, to_finish=to_finish))


def _checked_body(payload: object, additions: ReceiptAdditions | None) -> dict[str, Any]:
    """The POS's fields checked, a copy with ``additions`` and the derivable fields added, and the whole checked
    again (Engage's rules are :func:`_view`'s)."""
    if not isinstance(payload, dict):
        raise InputError(texts.tr("a receipt is a JSON object"), field="receipt")
    if not _encodable_at_once(payload):
        _encodable(payload, "")
    if not _shape_fits("Receipt", payload):
        _check_shape("Receipt", payload, "")
    converted: list = []
    body = _plain_json(payload, converted)  # a copy: the caller's payload is never modified
    if additions is not None:
        additions.apply(body)
    # The whole is checked again only when something changed it: a body equal to the payload just checked
    # (no Decimal turned into its JSON number, nothing added or derived) would pass the same checks again.
    if _derive(body) or converted or additions is not None:
        if not _encodable_at_once(body):
            _encodable(body, "")
        if not _shape_fits("Receipt", body):
            _check_shape("Receipt", body, "")
    return body


def receipt_passthrough(payload: object, *, additions: ReceiptAdditions | None = None) -> dict[str, Any]:
    """The JSON to journal and send for a receipt the POS built: ``payload`` as it is plus ``additions``, checked
    (:func:`read_receipt`). Every field of Engage's receipt model it carried reaches Engage unchanged.

    For ``POST /v1/receipts``: ``receipt_passthrough(body)`` (or ``read_receipt(body).receipt`` for
    ``payloads.receipt``). For a committed POS-link sale, build the POS's receipt (its lines with their own
    ``grossPaidPrice`` = line total before the offers, its ``discounts``, pass-through fields; its payments,
    ``totalGrossPrice`` before the offers) and add the companion's receipt of the same sale:
    ``receipt_passthrough(pos_body, additions=ReceiptAdditions.of_companion(companion_json))`` — a
    ``sale_commit.ReceiptFinisher``: :func:`finisher`.

    The same checks and refusals as :func:`read_receipt`, without building the receipt's view (nothing here
    reads it: the body is what is journaled and sent)."""
    body = _checked_body(payload, additions)
    _view(body, to_finish=False, view=False)
    return body


def finisher(pos_body: Mapping[str, Any], **more: Any) -> Callable[[dict], dict]:
    """A ``TillService`` receipt finisher: the POS's receipt plus what the companion's receipt adds."""
    def finish(companion: dict) -> dict:
        return receipt_passthrough(dict(pos_body), additions=ReceiptAdditions.of_companion(companion, **more))
    return finish


def receipt_from_json(payload: object) -> Receipt:
    """A receipt from a file or the POS, checked (:func:`read_receipt`); ``receipt_to_json`` of it is the POS's
    JSON as it was, with only the derivable required fields it left out added."""
    return read_receipt(payload).receipt
