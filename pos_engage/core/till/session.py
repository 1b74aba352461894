"""The sale session: one sale that the shop's POS and the companion's window drive together (issue 16).

The POS owns the basket (its lines, with its own line ids and line totals), the payment and the slip; the companion
owns the customer and the offers. A session holds both, with a ``version`` that grows with every change so either
side can wait for the other (long polling: :meth:`SaleSession.wait_for_change`). Every rule is the till's own:
identifying, applying and removing offers, voiding and committing go through TillService and the journal's offer
ledger, exactly as at the window; this module only keeps the POS's basket and its fields.

Money is an integer in the sale currency's minor units (öre, cents) at this door and a Decimal inside the till;
:func:`to_minor` / :func:`from_minor` are the only conversions. A line's price is the POS's line total, never a
unit price rebuilt here. A weighed line's fractional quantity goes to Engage as the POS gave it. Fields of
Engage's receipt model that the POS sends
(``articleGroup``, ``marginPercent``, ``extraData``, ``taxDetails``...) pass through to the receipt unchanged; what
the companion adds (contact, its discounts, used promotions and vouchers) is added beside them.

Committing is the POS's: the total it charged and its payments must equal the session's ``toPay`` (else
SaleProblem ``TotalsDiffer``, a conflict, with both figures, and nothing is journaled). The receipt and every
redemption are journaled in one transaction before the answer (TillService.commit). An offer Engage refuses at
that moment (used elsewhere) is kept on the receipt the POS has already charged and left to the manager as a
conflict (TillService.keep_refused): the customer has paid what the POS showed.

Both transports use this: the HTTP link (pos_engage.link) and the inbox's answer and commit files.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import re
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any

from pos_engage.core import texts
from pos_engage.core.config_checks import CURRENCIES
from pos_engage.core.domain import Payment, Promotion, RewardVoucher
from pos_engage.core.engage.wire.common import parse_time
from pos_engage.core.engage.wire.sales import receipt_passthrough
from pos_engage.core.errors import InputError
from pos_engage.core.journal import payloads
from pos_engage.core.journal.offer_ledger import OfferAlreadyUsed
from pos_engage.core.till.basket import Basket, BasketLine
from pos_engage.core.till.offer_rules import OfflineRules, offline_refusal
from pos_engage.core.till.outcomes import Customer, Found
from pos_engage.core.till.pos_json import plain

SALE_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
LINE_ID = re.compile(r"[A-Za-z0-9._:/-]{1,64}")
MAX_LINES = 1000
MAX_AMOUNT = 10**11                      # a billion kronor in öre: more is a POS bug, not a sale
# Minor units per currency: ISO 4217's exponent. Three-decimal currencies (KWD, BHD...) are not sold in: the
# till computes in hundredths.
ZERO_DECIMALS = frozenset(("BIF", "CLP", "DJF", "GNF", "ISK", "JPY", "KMF", "KRW", "PYG", "RWF", "UGX", "VND",
                           "VUV", "XAF", "XOF", "XPF"))
THREE_DECIMALS = frozenset(("BHD", "IQD", "JOD", "KWD", "LYD", "OMR", "TND"))
KEEP_CLOSED = 500                        # committed and voided sessions answered (a retry, a late GET)
_CONTROL = re.compile("[\x00-\x1f\x7f]")

# Engage's receipt model (voyado-swagger.json): the fields a POS may send that pass through unchanged.
ITEM_FIELDS = {"articleGroup": "text", "marginPercent": "number", "packQuantity": "number", "extraData": "extra",
               "awardsBonus": "bool"}
RECEIPT_FIELDS = {"taxDetails": "taxDetails", "extraData": "extra", "exchangeRateToGroupCurrency": "number",
                  "usedPromotions": "usedPromotions", "usedBonusChecks": "usedBonusChecks"}
PAYMENT_FIELDS = {"description": "text", "extraData": "extra"}
_OBJECTS = {"taxDetails": {"description": "text", "value": "number", "percent": "number",
                           "totalIncludingTax": "number", "totalExcludingTax": "number"},
            "usedPromotions": {"promotionId": "text", "couponId": "text"},
            "usedBonusChecks": {"checkNumber": "text"},
            "extra": {"name": "text", "value": "text"}}


class SaleProblem(InputError):
    """What the POS must change (``kind`` invalid), a sale it named that is not here (not_found), or a state that
    does not allow it (conflict). ``code`` is stable; ``errors`` names each field and why."""

    def __init__(self, message: str, *, code: str, kind: str = "invalid", errors: list[dict] | None = None,
                 extra: dict | None = None) -> None:
        super().__init__(message)
        self.code = code
        self.kind = kind
        self.errors = errors or []
        self.extra = extra or {}


def exponent(currency: str) -> int:
    return 0 if currency in ZERO_DECIMALS else 2


_QUANTUM = {0: Decimal(1), 2: Decimal("0.01")}


def from_minor(amount: int, currency: str) -> Decimal:
    places = exponent(currency)
    return Decimal(amount).scaleb(-places).quantize(_QUANTUM[places])


def to_minor(amount: Decimal, currency: str) -> int:
    return int((amount.scaleb(exponent(currency))).to_integral_value())


# ---------------------------------------------------------------------- reading what the POS sends


class _Errors:
    """Collects every field's problem so the POS hears them all at once."""

    def __init__(self) -> None:
        self.items: list[dict] = []

    def add(self, where: str, reason: str) -> None:
        self.items.append({"field": where, "reason": reason})

    def raise_if_any(self, message: str, code: str = "InvalidSale") -> None:
        if self.items:
            first = self.items[0]
            raise SaleProblem(f"{message}: {first['field']} {first['reason']}" if len(self.items) == 1 else
                              texts.tr("{message}: {count} fields are wrong (see errors)", message=message,
                                       count=len(self.items)), code=code, errors=self.items)


def _integer(value: Any, where: str, errors: _Errors, *, low: int = -MAX_AMOUNT, high: int = MAX_AMOUNT) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int):
        shown = "text" if isinstance(value, str) else "a fraction" if isinstance(value, Decimal) else \
            "missing" if value is None else type(value).__name__
        errors.add(where, texts.tr("must be an integer in minor units (öre, cents), not {shown}", shown=shown))
        return None
    if not low <= value <= high:
        errors.add(where, texts.tr("must be between {low} and {high}", low=low, high=high))
        return None
    return value


def _text(value: Any, where: str, errors: _Errors, *, max_length: int = 200, required: bool = True,
          single_line: bool = True) -> str | None:
    if value is None and not required:
        return None
    if not isinstance(value, str) or (required and not value.strip()):
        errors.add(where, texts.tr("must be a non-empty text") if required else texts.tr("must be a text"))
        return None
    if len(value) > max_length:
        errors.add(where, texts.tr("is longer than {limit} characters", limit=max_length))
        return None
    if single_line and _CONTROL.search(value):
        errors.add(where, texts.tr("holds a control character"))
        return None
    return value


def _number(value: Any, where: str, errors: _Errors) -> Decimal | None:
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        errors.add(where, texts.tr("must be a number"))
        return None
    return Decimal(value)


def _pass_through(value: Any, kind: str, where: str, errors: _Errors) -> Any:
    """One of Engage's own fields, checked for its type only, returned as it came."""
    if kind == "text":
        if not isinstance(value, str) or len(value) > 4000:
            errors.add(where, texts.tr("must be a text"))
        return value
    if kind == "number":
        _number(value, where, errors)
        return value
    if kind == "bool":
        if not isinstance(value, bool):
            errors.add(where, texts.tr("must be true or false"))
        return value
    shape = _OBJECTS[kind]
    if not isinstance(value, list) or len(value) > 200:
        errors.add(where, texts.tr("must be a list (at most 200 items)"))
        return value
    for index, item in enumerate(value):
        if not isinstance(item, dict):
            errors.add(f"{where}[{index}]", texts.tr("must be an object"))
            continue
        for name, inner in item.items():
            if name not in shape:
                errors.add(f"{where}[{index}].{name}", texts.tr("is not a field of Engage's {kind}", kind=kind))
            elif inner is not None:
                _pass_through(inner, shape[name], f"{where}[{index}].{name}", errors)
    return value


@dataclass(frozen=True)
class PosLine:
    """A line as the POS rang it up: what the till computes with, and the POS's own fields for the receipt."""

    line_id: str
    sku: str
    name: str                          # exactly as the POS wrote it (Engage gets this)
    article_number: str | None
    quantity: int | Decimal            # negative: a return
    line_total: int                    # minor units, the sign of the quantity
    vat_percent: Decimal
    pos_discounts: tuple[dict, ...]    # {amount (minor, taken off), description, type}
    extra: dict                        # Engage receipt item fields passed through

    def basket_line(self, currency: str) -> BasketLine:
        shown = _CONTROL.sub(" ", self.name).strip() or self.sku   # the screen's copy; Engage gets the POS's
        return BasketLine.priced(self.line_id, self.sku, shown, self.quantity,
                                 from_minor(abs(self.line_total), currency), self.vat_percent)


@dataclass(frozen=True)
class PosBasket:
    """A PUT's body: the currency, the lines and the key the POS scanned (if any)."""

    currency: str
    lines: tuple[PosLine, ...]
    customer_key: str | None


_LINE_KEYS = {"lineId", "sku", "articleNumber", "name", "quantity", "lineTotal", "vatPercent", "posDiscounts"}


def _line(raw: Any, where: str, errors: _Errors) -> PosLine | None:
    if not isinstance(raw, dict):
        errors.add(where, texts.tr("must be an object"))
        return None
    before = len(errors.items)
    line_id = raw.get("lineId")
    if not isinstance(line_id, str) or not LINE_ID.fullmatch(line_id):
        errors.add(f"{where}.lineId", texts.tr("must be 1 to 64 letters, digits or . _ : / -"))
    # The usual line passes _text's checks at once; its field's name is spelled out only for a refusal.
    sku = raw.get("sku")
    if not (type(sku) is str and len(sku) <= 64 and sku.strip() and not _CONTROL.search(sku)):
        sku = _text(sku, f"{where}.sku", errors, max_length=64)
    name = raw.get("name")
    if not (type(name) is str and len(name) <= 200 and name.strip()):
        name = _text(name, f"{where}.name", errors, max_length=200, single_line=False)
    article_number = raw.get("articleNumber")
    if article_number is not None:
        article_number = _text(article_number, f"{where}.articleNumber", errors, max_length=100, required=False)
    quantity = raw.get("quantity")
    if isinstance(quantity, bool) or not isinstance(quantity, int | Decimal) or quantity == 0 \
            or abs(quantity) > 100_000:
        errors.add(f"{where}.quantity", texts.tr("must be a number other than 0 (negative for a return; a "
                                                 "fraction for weighed goods)"))
        quantity = None
    elif isinstance(quantity, Decimal) and quantity == quantity.to_integral_value():
        quantity = int(quantity)
    elif isinstance(quantity, Decimal) and quantity.as_tuple().exponent < -3:
        errors.add(f"{where}.quantity", texts.tr("has more than 3 decimals"))
    total = raw.get("lineTotal")
    if type(total) is not int or not -MAX_AMOUNT <= total <= MAX_AMOUNT:   # else _integer's checks pass
        total = _integer(total, f"{where}.lineTotal", errors)
    if total is not None and quantity is not None and ((quantity < 0 < total) or (total < 0 < quantity)):
        errors.add(f"{where}.lineTotal", texts.tr("has the sign of the quantity: negative for a return (money "
                                                  "paid back), else zero or more"))
    vat = raw.get("vatPercent")
    vat = Decimal(vat) if type(vat) is int or type(vat) is Decimal else \
        _number(vat, f"{where}.vatPercent", errors)
    if vat is not None and not 0 <= vat <= 100:
        errors.add(f"{where}.vatPercent", texts.tr("must be between 0 and 100"))
    discounts = []
    raw_discounts = raw.get("posDiscounts", [])
    if not isinstance(raw_discounts, list) or len(raw_discounts) > 50:
        errors.add(f"{where}.posDiscounts", texts.tr("must be a list (at most 50)"))
        raw_discounts = []
    for index, discount in enumerate(raw_discounts):
        at = f"{where}.posDiscounts[{index}]"
        if not isinstance(discount, dict) or set(discount) - {"amount", "description", "type"}:
            errors.add(at, texts.tr("must be an object with amount, description and type"))
            continue
        amount = _integer(discount.get("amount"), f"{at}.amount", errors, low=0)
        description = _text(discount.get("description", ""), f"{at}.description", errors, required=False)
        kind = _text(discount.get("type", ""), f"{at}.type", errors, required=False)
        discounts.append({"amount": amount, "description": description or "", "type": kind or ""})
    extra = {}
    for key, value in () if raw.keys() <= _LINE_KEYS else raw.items():   # the usual line: only the link's fields
        if key in _LINE_KEYS:
            continue
        if key not in ITEM_FIELDS:
            errors.add(f"{where}.{key}", texts.tr("is not a line field of the POS link nor of Engage's receipt "
                                                  "item"))
            continue
        extra[key] = _pass_through(value, ITEM_FIELDS[key], f"{where}.{key}", errors)
    if len(errors.items) > before:
        return None
    return PosLine(line_id, sku, name, article_number, quantity, total, vat, tuple(discounts), extra)


def parse_basket(body: Any) -> PosBasket:
    """A PUT's body, every field checked (SaleProblem ``InvalidSale`` listing them all)."""
    errors = _Errors()
    if not isinstance(body, dict):
        raise SaleProblem(texts.tr("The sale must be a JSON object"), code="InvalidSale")
    for key in set(body) - {"currency", "lines", "customerKey"}:
        errors.add(key, texts.tr("is not a field of the sale"))
    currency = body.get("currency")
    if not isinstance(currency, str) or currency not in CURRENCIES:
        errors.add("currency", texts.tr("must be an ISO 4217 code in capitals, such as SEK or EUR"))
    elif currency in THREE_DECIMALS:
        errors.add("currency", texts.tr("has three decimals; the till sells in currencies with at most two"))
    lines = body.get("lines", [])
    if not isinstance(lines, list):
        errors.add("lines", texts.tr("must be a list"))
        lines = []
    if len(lines) > MAX_LINES:
        raise SaleProblem(texts.tr("A sale has at most {limit} lines; this one has {count}", limit=MAX_LINES,
                                   count=len(lines)), code="TooManyLines",
                          errors=[{"field": "lines", "reason": texts.tr("at most {limit}", limit=MAX_LINES)}])
    parsed, seen = [], set()
    for index, raw in enumerate(lines):
        line = _line(raw, f"lines[{index}]", errors)
        if line is None:
            continue
        if line.line_id in seen:
            errors.add(f"lines[{index}].lineId", texts.tr("{line} is used by another line of this sale",
                                                          line=line.line_id))
        seen.add(line.line_id)
        parsed.append(line)
    key = body.get("customerKey")
    if key is not None:
        key = _text(key, "customerKey", errors, max_length=200)
    errors.raise_if_any(texts.tr("The sale cannot be taken"))
    return PosBasket(currency, tuple(parsed), key)


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
    if not isinstance(raw_payments, list) or not 1 <= len(raw_payments) <= 50:
        errors.add("payments", texts.tr("must be a list of 1 to 50 payments"))
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


# ---------------------------------------------------------------------- the session


def _money_value(amount: Decimal) -> float:
    return float(amount.quantize(Decimal("0.01")))


@dataclass
class SaleSession:
    """One sale. Change it only through :class:`SaleSessions` (its lock orders the POS's and the window's
    changes; every change grows ``version`` and wakes whoever waits)."""

    pos_sale_id: str | None
    basket: Basket
    lines: tuple[PosLine, ...] = ()
    customer: Customer | None = None
    customer_key: str | None = None
    status: str = "open"                 # open | committed | voided
    version: int = 1
    messages: list[str] = field(default_factory=list)
    receipt: dict | None = None
    commit_fingerprint: str | None = None
    closed_at: float | None = None
    lock: asyncio.Lock = field(default_factory=asyncio.Lock, repr=False)
    _changed: asyncio.Event = field(default_factory=asyncio.Event, repr=False)
    _answered: tuple | None = field(default=None, repr=False, compare=False)   # SaleSessions.state's last

    @property
    def currency(self) -> str:
        return self.basket.currency

    def changed(self) -> None:
        self.version += 1
        self._changed.set()
        self._changed = asyncio.Event()

    async def wait_for_change(self, after_version: int, seconds: float) -> None:
        """Return once ``version`` is above ``after_version``, or after ``seconds``."""
        deadline = asyncio.get_running_loop().time() + max(0.0, seconds)
        while self.version <= after_version:
            left = deadline - asyncio.get_running_loop().time()
            if left <= 0:
                return
            try:
                await asyncio.wait_for(self._changed.wait(), left)
            except TimeoutError:
                return

    # -------------------------------------------------------------- what either side reads

    def offer(self, offer_id: str) -> Promotion | RewardVoucher | None:
        if self.customer is None:
            return None
        return next((o for o in (*self.customer.promotions, *self.customer.vouchers) if o.id == offer_id), None)

    def why_not(self, offer: Promotion | RewardVoucher, rules: OfflineRules, per_line: int,
                trial: Basket | None = None, held: dict[str, str] | None = None) -> str | None:
        """Why this offer cannot be applied now (None: it can): another sale used or holds it (``held``, the offer
        ledger's word), else by trying it on a copy of the basket (``trial``: one made for trying several offers,
        left with the basket's own discounts again)."""
        if any(d.source_id == offer.id for d in self.basket.discounts):
            return None
        if held and offer.id in held:
            return held[offer.id]
        trial = trial or self.basket.copy()
        trial.percent_promotions_per_line = per_line
        try:
            trial.apply_promotion(offer) if isinstance(offer, Promotion) else trial.apply_voucher(offer)
        except InputError as refused:
            return texts.message_of(refused)
        try:
            if self.customer is not None and (self.customer.offline or self.customer.contact is None):
                return offline_refusal(rules, offer, trial.discount_total)
            return None
        finally:
            trial.discounts = list(self.basket.discounts)

    def state(self, rules: OfflineRules | None = None, per_line: int = 1,
              held: dict[str, str] | None = None) -> dict[str, Any]:
        """What ``GET /v1/sales/{posSaleId}`` answers (and the answer file holds); ``held``: the customer's offers
        another sale used or holds, with why (OfferLedger.held_elsewhere)."""
        currency, basket = self.currency, self.basket
        # The discounts are spread once and the total summed from them (Basket.total spreads them again).
        per_line_cuts = basket.line_discounts()
        lines, applied = [], {d.source_id: [] for d in basket.discounts}
        total = Decimal("0.00")
        places = exponent(currency)   # to_minor's, taken once: int(amount.scaleb(places).to_integral_value())
        for index, (pos, line) in enumerate(zip(self.lines, basket.lines, strict=True)):
            cuts = per_line_cuts[index]
            paid = basket.paid(index, per_line_cuts)
            returned = line.is_return
            total += -paid if returned else paid
            discounts = []
            for discount, amount in cuts:
                minor = int((-amount).scaleb(places).to_integral_value())
                discounts.append({"offerId": discount.source_id, "title": discount.description, "amount": minor})
                applied[discount.source_id].append({"lineId": pos.line_id, "amount": minor})
            if not cuts:
                cut = 0
            elif len(cuts) == 1:
                cut = discounts[0]["amount"]
            else:
                cut = int((-sum((a for _, a in cuts), Decimal(0))).scaleb(places).to_integral_value())
            quantity = pos.quantity
            lines.append({"lineId": pos.line_id, "sku": pos.sku, "name": pos.name,
                          "quantity": quantity if type(quantity) is int else plain(quantity),
                          "lineTotalBefore": pos.line_total, "discountTotal": cut,
                          "lineTotal": (-1 if returned else 1) * int(paid.scaleb(places).to_integral_value()),
                          "discounts": discounts})
        before = sum((pos.line_total for pos in self.lines), 0)
        to_pay = to_minor(total, currency) if self.lines else 0
        offers = []
        customer = None
        if self.customer is not None:
            contact = self.customer.contact
            customer = {"name": self.customer.name, "memberNumber": contact.member_number if contact else None,
                        "contactType": contact.contact_type if contact else None, "key": self.customer.key.masked(),
                        "offline": self.customer.offline}
            if rules is None:
                from pos_engage.core.config import TillSettings

                rules = OfflineRules.of(TillSettings())
            trial = self.basket.copy() if self.status == "open" else None
            # A closed sale takes nothing more: its offers are listed, none of them applicable.
            closed = None if trial is not None else (
                texts.tr("The sale is committed: nothing more can be applied") if self.status == "committed"
                else texts.tr("The sale was voided: nothing can be applied"))
            for offer in (*self.customer.promotions, *self.customer.vouchers):
                reason = self.why_not(offer, rules, per_line, trial, held) if trial is not None else closed
                offers.append(_offer_json(offer, reason))
        return {
            "posSaleId": self.pos_sale_id, "version": self.version, "status": self.status, "currency": currency,
            "customer": customer, "offers": offers,
            "applied": [{"offerId": d.source_id, "kind": d.kind, "title": d.description,
                         "discounts": applied[d.source_id]} for d in self.basket.discounts],
            "lines": lines,
            "totals": {"before": before, "discounts": before - to_pay, "toPay": to_pay},
            "messages": list(self.messages), "receipt": self.receipt,
        }

    # -------------------------------------------------------------- the receipt the POS commits

    def receipt_finisher(self, commit: PosCommit) -> Callable[[dict], dict]:
        """Adds the POS's fields to the receipt TillService builds (its lines are this session's, in order)."""
        lines, currency = self.lines, self.currency

        def finish(receipt: dict) -> dict:
            body = dict(receipt)
            body["receiptNumber"] = commit.receipt_number
            body["createdDate"] = commit.created_date
            body["paymentMethods"] = [
                {"type": p["method"], "value": _money_value(from_minor(p["amount"], currency)),
                 **{k: plain(v) for k, v in p.items() if k not in ("method", "amount")}} for p in commit.payments]
            items = []
            for pos, item in zip(lines, body["items"], strict=True):
                item = dict(item)
                item["articleName"] = pos.name
                if pos.article_number:
                    item["articleNumber"] = pos.article_number
                # The POS's quantity as it is, a return negative (Engage's convention); weighed goods keep their
                # fraction (issue 16, Fidelity: accepted although the swagger types it int, see wire/sales.py).
                item["quantity"] = plain(pos.quantity)
                ours = item.get("discounts", [])
                theirs = [{"value": -_money_value(from_minor(d["amount"], currency)), "type": d["type"],
                           "description": d["description"]} for d in pos.pos_discounts]
                if theirs or ours:
                    item["discounts"] = theirs + ours
                item.update({k: plain(v) for k, v in pos.extra.items()})
                items.append(item)
            body["items"] = items
            for key, value in commit.extra.items():
                if key in ("usedPromotions", "usedBonusChecks"):
                    body[key] = plain(value) + body.get(key, [])   # the POS's own, then the companion's
                else:
                    body[key] = plain(value)
            # Checked against Engage's receipt model and rules before it is journaled (issue 16, Fidelity): a
            # pass-through field of the wrong type is refused now, naming it, not stuck in the queue later.
            return receipt_passthrough(body)

        return finish


def _offer_json(offer: Promotion | RewardVoucher, why_not: str | None) -> dict[str, Any]:
    if isinstance(offer, Promotion):
        channel = offer.pos_channel
        amount = channel.amount if channel is not None else None
        currency = amount.currency.upper() if amount is not None else None
        return {"offerId": offer.id, "kind": "promotion", "title": offer.heading or offer.name,
                "percent": float(channel.percent) if channel is not None and channel.percent is not None else None,
                "value": to_minor(amount.amount, currency) if amount is not None else None,
                "currency": currency, "expiresOn": offer.expires_on.isoformat() if offer.expires_on else None,
                "applicable": why_not is None, "whyNot": why_not}
    currency = offer.value.currency.upper()
    return {"offerId": offer.id, "kind": "voucher", "title": offer.name or offer.voucher_number, "percent": None,
            "value": to_minor(offer.value.amount, currency), "currency": currency,
            "expiresOn": offer.expires_on.isoformat() if offer.expires_on else None,
            "applicable": why_not is None, "whyNot": why_not}


class SaleSessions:
    """The open sales of this till, by the POS's id, and the use cases on them.

    ``listeners`` are called (synchronously, on the loop) after every change with the session: the window's bridge
    redraws, the inbox rewrites the answer file. A listener's failure is its own (logged, never the sale's)."""

    def __init__(self, till, *, clock: Callable[[], float] = time.time) -> None:
        self.till = till                      # TillService
        self.clock = clock
        self._sessions: OrderedDict[str, SaleSession] = OrderedDict()
        self.listeners: list[Callable[[SaleSession], None]] = []

    # -------------------------------------------------------------- reading

    def get(self, pos_sale_id: str) -> SaleSession:
        session = self._sessions.get(pos_sale_id)
        if session is None:
            raise SaleProblem(texts.tr("No sale {sale} at this till", sale=pos_sale_id), code="SaleNotFound",
                              kind="not_found")
        return session

    def open_sessions(self) -> list[SaleSession]:
        return [s for s in self._sessions.values() if s.status == "open"]

    def state(self, session: SaleSession) -> dict[str, Any]:
        """The sale's state, computed once per version: the POS's answer, its long polls, the answer file and the
        window all read the same dict (read it, never change it). Besides the version, what the state is made of
        is compared too (by identity, cheap), so a change that did not grow the version is never answered stale."""
        return self._answer(session)[1]

    def state_json(self, session: SaleSession) -> bytes:
        """:meth:`state` as the UTF-8 JSON the link answers, encoded once per version too."""
        key, state, encoded = self._answer(session)
        if encoded is None:
            encoded = json.dumps(state, ensure_ascii=False).encode()
            session._answered = (key, state, encoded)
        return encoded

    def _answer(self, session: SaleSession) -> tuple[tuple, dict[str, Any], bytes | None]:
        till = self.till.config.till
        rules, per_line = OfflineRules.of(till), max(0, int(till.percent_promotions_per_line))
        basket = session.basket
        key = (session.version, session.status, rules, per_line, session.customer, session.lines,
               tuple(basket.lines), tuple(basket.discounts), basket.currency, tuple(session.messages),
               session.receipt)
        answered = session._answered
        if answered is not None and answered[0] == key:
            return answered
        held = None
        if session.customer is not None and session.status == "open":
            offers = (*session.customer.promotions, *session.customer.vouchers)
            held = self.till.journal.held_elsewhere([offer.id for offer in offers], basket.unique_id)
        session._answered = (key, session.state(rules, per_line, held), None)
        return session._answered

    def _notify(self, session: SaleSession) -> None:
        session.changed()
        for listener in list(self.listeners):
            try:
                listener(session)
            except Exception:  # a redraw or a file write must not undo the sale's change
                import logging

                logging.getLogger(__name__).exception("a listener of sale %s failed", session.pos_sale_id)

    def _forget_old(self) -> None:
        if len(self._sessions) <= KEEP_CLOSED:   # nothing to forget: no walk over the sessions per new sale
            return
        closed = [key for key, s in self._sessions.items() if s.status != "open"]
        for key in closed[:max(0, len(closed) - KEEP_CLOSED)]:
            del self._sessions[key]

    @staticmethod
    def _open(session: SaleSession) -> None:
        if session.status == "committed":
            raise SaleProblem(texts.tr("Sale {sale} is committed already", sale=session.pos_sale_id),
                              code="SaleCommitted", kind="conflict")
        if session.status == "voided":
            raise SaleProblem(texts.tr("Sale {sale} was voided", sale=session.pos_sale_id), code="SaleVoided",
                              kind="conflict")

    # -------------------------------------------------------------- the POS's basket

    def receipt_id_of(self, pos_sale_id: str) -> str:
        """The uniqueReceiptId a new sale of this posSaleId gets (store-till-posSaleId), refused (409 SaleIdUsed)
        when this till journaled a receipt under it before: the session that committed it was forgotten since (a
        restart, or many sales later), and a second sale under that id would be dropped as a repeat, by the journal
        and by Engage alike, while the POS was told it was committed."""
        config = self.till.config
        unique_id = f"{config.store_external_id}-{config.till_id}-{pos_sale_id}"
        if self.till.journal.by_key(payloads.receipt_key(unique_id)) is not None:
            raise SaleProblem(texts.tr("Sale {sale} was committed at this till before: a new sale needs a posSaleId "
                                       "of its own", sale=pos_sale_id), code="SaleIdUsed", kind="conflict")
        return unique_id

    async def put(self, pos_sale_id: str, body: Any) -> SaleSession:
        """Open the sale or replace its basket; applied offers are spread again over the new lines."""
        if not SALE_ID.fullmatch(pos_sale_id or ""):
            raise SaleProblem(texts.tr("posSaleId must be 1 to 64 letters, digits or . _ -"), code="InvalidSaleId")
        from pos_engage.core.till import session_returns  # issue 15: a return (returnOf) is session_returns.py's

        if session_returns.is_return(body, self._sessions.get(pos_sale_id)):
            return await session_returns.put(self, pos_sale_id, body)
        basket = parse_basket(body)
        session_returns.refuse_without_original(basket)
        session = self._sessions.get(pos_sale_id)
        if session is None:
            session = SaleSession(pos_sale_id, Basket(currency=basket.currency,
                                                      unique_id=self.receipt_id_of(pos_sale_id)))
            self._sessions[pos_sale_id] = session
            self._forget_old()
        async with session.lock:
            self._open(session)
            if session.basket.discounts and basket.currency != session.currency:
                raise SaleProblem(texts.tr("The sale's currency cannot change while offers are applied ({old} "
                                           "to {new}): remove them first", old=session.currency,
                                           new=basket.currency), code="CurrencyChange", kind="conflict")
            session.lines = basket.lines
            session.basket.currency = basket.currency
            session.basket.lines = [line.basket_line(basket.currency) for line in basket.lines]
            session.messages = []
            if basket.customer_key and basket.customer_key != session.customer_key:
                await self._identify(session, basket.customer_key)
            self._notify(session)
        return session

    # -------------------------------------------------------------- the customer and the offers

    async def identify(self, pos_sale_id: str, key: Any) -> SaleSession:
        session = self.get(pos_sale_id)
        errors = _Errors()
        key = _text(key, "key", errors, max_length=200)
        errors.raise_if_any(texts.tr("The customer key cannot be taken"), code="InvalidKey")
        async with session.lock:
            self._open(session)
            await self._identify(session, key)
            self._notify(session)
        return session

    async def _identify(self, session: SaleSession, key: str) -> None:
        outcome = await self.till.identify(key)
        if outcome.found not in (Found.FOUND, Found.OFFLINE) or outcome.customer is None:
            code = {Found.NOT_FOUND: "CustomerNotFound", Found.MULTIPLE: "SeveralCustomers"}.get(outcome.found,
                                                                                                  "InvalidKey")
            message = outcome.message
            if outcome.several is not None and outcome.several.candidates:   # the list is the window's (issue 14)
                message = texts.tr("Several customers share that key: the cashier types it in the till's window and "
                                   "picks the customer there, which makes them this sale's customer")
            raise SaleProblem(message or texts.tr("No customer with that key"), code=code,
                              errors=[{"field": "key", "reason": message}])
        self._attach(session, outcome.customer, key)
        if outcome.message:
            session.messages.append(outcome.message)

    def _attach(self, session: SaleSession, customer: Customer | None, key: str | None) -> None:
        """Another customer: the offers of the one before leave the sale (they were theirs)."""
        same = (customer is not None and session.customer is not None
                and customer.key == session.customer.key)
        if not same:
            for discount in list(session.basket.discounts):
                self.till.remove_offer(session.basket, discount.source_id)
        session.customer, session.customer_key = customer, key

    async def set_customer(self, session: SaleSession, customer: Customer | None, key: str | None = None) -> None:
        """The cashier identified (or took off) the customer in the window."""
        async with session.lock:
            self._open(session)
            self._attach(session, customer, key)
            self._notify(session)

    async def apply(self, pos_sale_id: str | SaleSession, offer_id: str) -> SaleSession:
        session = pos_sale_id if isinstance(pos_sale_id, SaleSession) else self.get(pos_sale_id)
        async with session.lock:
            self._apply(session, offer_id)
        return session

    def _apply(self, session: SaleSession, offer_id: str) -> None:
        """The rules of applying an offer, for the POS's sale (under its lock) and the till's own (till_sale)."""
        self._open(session)
        offer = session.offer(offer_id)
        if offer is None:
            raise SaleProblem(texts.tr("Offer {offer} is not one of this customer's offers", offer=offer_id)
                              if session.customer else
                              texts.tr("Identify the customer before applying an offer"),
                              code="OfferNotFound", kind="not_found" if session.customer else "conflict")
        if any(d.source_id == offer_id for d in session.basket.discounts):
            return   # applied already: the same answer (a POS that retries)
        try:
            self.till.apply(session.basket, offer, session.customer)
        except OfferAlreadyUsed as used:
            raise SaleProblem(texts.message_of(used), code="OfferAlreadyUsed", kind="conflict") from used
        except InputError as refused:
            raise SaleProblem(texts.message_of(refused), code="OfferNotApplicable") from refused
        self._notify(session)

    async def remove_offer(self, pos_sale_id: str | SaleSession, offer_id: str) -> SaleSession:
        session = pos_sale_id if isinstance(pos_sale_id, SaleSession) else self.get(pos_sale_id)
        async with session.lock:
            self._remove_offer(session, offer_id)
        return session

    def _remove_offer(self, session: SaleSession, offer_id: str) -> None:
        self._open(session)
        if any(d.source_id == offer_id for d in session.basket.discounts):
            self.till.remove_offer(session.basket, offer_id)
            self._notify(session)

    # -------------------------------------------------------------- ending the sale

    async def void(self, pos_sale_id: str) -> SaleSession:
        session = self.get(pos_sale_id)
        async with session.lock:
            if session.status == "voided":
                return session
            self._open(session)
            self.till.void(session.basket)
            session.basket.discounts.clear()
            session.status, session.closed_at = "voided", self.clock()
            self._notify(session)
        return session

    async def commit(self, pos_sale_id: str, body: Any) -> SaleSession:
        """The POS took the money: journal the receipt and its redemptions in one transaction, then answer.

        The same commit again answers the same (nothing is journaled twice); another commit of a committed sale,
        or one whose figures differ from ``toPay``, is a conflict and nothing is journaled."""
        session = self.get(pos_sale_id)
        from pos_engage.core.till import session_returns  # issue 15: a return is committed by session_returns.py

        if isinstance(session, session_returns.ReturnSession):
            return await session_returns.commit(self, session, body)
        commit = parse_commit(body)
        async with session.lock:
            if session.status == "committed" and session.commit_fingerprint == commit.fingerprint:
                return session
            self._open(session)
            if not session.lines:
                raise SaleProblem(texts.tr("The sale has no lines"), code="EmptySale", kind="conflict")
            currency = session.currency
            to_pay = to_minor(session.basket.total, currency)
            paid = sum(p["amount"] for p in commit.payments)
            if commit.total != to_pay or paid != to_pay:
                raise SaleProblem(
                    texts.tr("The POS charged {total} (payments {paid}) but the sale's total to pay is {to_pay} "
                             "{currency} (minor units): update the sale or the payments",
                             total=commit.total, paid=paid, to_pay=to_pay, currency=currency),
                    code="TotalsDiffer", kind="conflict",
                    extra={"toPay": to_pay, "total": commit.total, "payments": paid, "version": session.version})
            session.basket.payments = [Payment(p["method"], from_minor(p["amount"], currency))
                                       for p in commit.payments]
            try:
                outcome = await self.till.commit(session.basket, session.customer,
                                                 finish_receipt=session.receipt_finisher(commit))
            except OfferAlreadyUsed as used:
                session.basket.payments = []
                raise SaleProblem(texts.message_of(used), code="OfferAlreadyUsed", kind="conflict") from used
            except InputError as refused:
                session.basket.payments = []
                raise SaleProblem(texts.message_of(refused), code="InvalidCommit") from refused
            if outcome.refused:
                outcome = self.till.keep_refused(outcome)
            if outcome.message:
                session.messages.append(outcome.message)
            session.status, session.closed_at = "committed", self.clock()
            session.commit_fingerprint = commit.fingerprint
            session.receipt = {"uniqueReceiptId": outcome.receipt_id, "journalEntries": list(outcome.entry_ids),
                               "delivered": bool(outcome.entry_ids) and self.till.status_of(outcome.entry_ids)
                               == "sent", "posted": outcome.posted,
                               "refusedOffers": [r.offer_id for r in outcome.refused]}
            self._notify(session)
        return session


def created_now() -> str:
    """A createdDate for a commit: now, local time with its offset (the reference POS, tests)."""
    return datetime.now().astimezone().isoformat(timespec="seconds")
