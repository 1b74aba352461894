"""What the companion adds to a receipt the POS built: the customer, the offers' discounts, redemptions, payments.

Separate from the checks (receipt_checks.py) because it is the one place that changes a POS's receipt, and it
only adds: :class:`ReceiptAdditions` is added, never substituted; the line's ``grossPaidPrice`` and
``totalGrossPrice`` then fall by the discounts added, as Engage wants (4.4: what was actually paid).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from pos_engage.core import texts
from pos_engage.core.engage.wire.receipt_checks import _number_json, _present
from pos_engage.core.engage.wire.receipt_shape import _decimal, _refuse


@dataclass(frozen=True)
class ReceiptAdditions:
    """What the companion adds to a receipt the POS built, in Engage's JSON. Added, never substituted.

    - ``contact``: ``{matchKey, matchKeyType[, contactType]}`` of the customer identified at the companion; set
      when the POS's receipt names nobody. A POS receipt naming the same key keeps its own; another customer is
      refused (field ``contact``): the sale would be booked on someone the cashier did not identify.
    - ``line_discounts``: per line (its index in the POS's ``items``), the discounts of the offers applied, each
      ``{value (negative), type, description}``: appended to the line's own ``discounts``, and its
      ``grossPaidPrice`` (and ``totalGrossPrice``) fall by them.
    - ``used_promotions`` / ``used_bonus_checks``: ``{promotionId}`` / ``{checkNumber}`` entries appended (one
      the POS listed already is not listed twice).
    - ``extra_payments``: payments taken at the companion for what the POS left to pay (the inbox), appended.
    - ``payments_taken_again``: the cashier cleared the POS's payments and took them all again at the companion
      (the inbox, after an offer changed the total): these are the receipt's payments. None: the POS's stand.
    - ``defaults``: receipt fields the caller knows (storeExternalId, createdDate, uniqueReceiptId, currency)
      set only where the POS left them out.
    """

    contact: Mapping[str, Any] | None = None
    line_discounts: Mapping[int, Sequence[Mapping[str, Any]]] = field(default_factory=dict)
    used_promotions: Sequence[Mapping[str, Any]] = ()
    used_bonus_checks: Sequence[Mapping[str, Any]] = ()
    extra_payments: Sequence[Mapping[str, Any]] = ()
    payments_taken_again: Sequence[Mapping[str, Any]] | None = None
    defaults: Mapping[str, Any] = field(default_factory=dict)

    @classmethod
    def of_companion(cls, companion: Mapping[str, Any], **more: Any) -> ReceiptAdditions:
        """What the companion's own receipt of the same sale adds (``receipt_to_json`` of ``Basket.to_receipt``,
        its lines in the POS's order and carrying only the companion's discounts): its contact, each line's
        discounts, usedPromotions and usedBonusChecks. ``more``: the other fields, e.g. ``extra_payments``."""
        items = companion.get("items") or []
        return cls(contact=companion.get("contact"),
                   line_discounts={i: tuple(item.get("discounts") or ()) for i, item in enumerate(items)
                                   if item.get("discounts")},
                   used_promotions=tuple(companion.get("usedPromotions") or ()),
                   used_bonus_checks=tuple(companion.get("usedBonusChecks") or ()), **more)

    def apply(self, body: dict) -> None:
        """Add to ``body`` (the POS's JSON, a copy), in place."""
        for name, value in self.defaults.items():
            if not _present(body, name):
                body[name] = value
        if self.contact is not None:
            self._add_contact(body)
        items = body.get("items") if isinstance(body.get("items"), list) else []
        added = Decimal(0)
        for index, discounts in sorted(self.line_discounts.items()):
            if not discounts:
                continue
            if not 0 <= index < len(items) or not isinstance(items[index], dict):
                raise _refuse(f"items[{index}]", texts.tr("the companion discounts a line the POS's receipt does not "
                                                          "have"))
            item = items[index]
            if str(item.get("type", "PURCHASE")).strip().upper() != "PURCHASE":
                raise _refuse(f"items[{index}]", texts.tr("only a PURCHASE line takes an offer's discount"))
            cut = sum((_decimal(d["value"]) for d in discounts), Decimal(0))
            if cut > 0:
                raise _refuse(f"items[{index}].discounts", texts.tr("a discount is the negative amount taken off"))
            item["discounts"] = [*(item.get("discounts") or []), *(dict(d) for d in discounts)]
            item["grossPaidPrice"] = _number_json(_decimal(item["grossPaidPrice"]) + cut)
            if "taxAmount" in item:  # the VAT of what is now paid; the POS's own figure otherwise
                del item["taxAmount"]
            added += cut
        if added and body.get("totalGrossPrice") is not None:
            body["totalGrossPrice"] = _number_json(_decimal(body["totalGrossPrice"]) + added)
        _append_new(body, "usedPromotions", self.used_promotions, "promotionId")
        _append_new(body, "usedBonusChecks", self.used_bonus_checks, "checkNumber")
        if self.payments_taken_again is not None:
            body["paymentMethods"] = [dict(p) for p in self.payments_taken_again]
        if self.extra_payments:
            body["paymentMethods"] = [*(body.get("paymentMethods") or []), *(dict(p) for p in self.extra_payments)]

    def _add_contact(self, body: dict) -> None:
        ours = dict(self.contact)
        theirs = body.get("contact")
        if not isinstance(theirs, dict) or not _present(theirs, "matchKey"):
            body["contact"] = ours
            return
        if str(theirs.get("matchKey")).strip().lower() != str(ours.get("matchKey")).strip().lower():
            raise _refuse("contact", texts.tr("the POS's receipt names another customer ({theirs}) than the one "
                                              "identified at the companion ({ours})",
                                              theirs=_masked(theirs.get("matchKey")),
                                              ours=_masked(ours.get("matchKey"))))


def _masked(key: Any) -> str:
    text = str(key)
    return text if len(text) <= 4 else "…" + text[-4:]


def _append_new(body: dict, name: str, entries: Sequence[Mapping[str, Any]], key: str) -> None:
    if not entries:
        return
    present = list(body.get(name) or [])
    known = {str(e.get(key)) for e in present if isinstance(e, dict)}
    for entry in entries:
        if str(entry.get(key)) not in known:
            present.append(dict(entry))
            known.add(str(entry.get(key)))
    body[name] = present
