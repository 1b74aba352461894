"""Finding the original sale of a return: in this till's journal, or in the customer's purchase history in Engage.

Where the original comes from: this till's journal (``sales_index``, migration 0008: by the receipt number printed
on the slip or the uniqueReceiptId its barcode holds; its lines are the journaled receipt's, so a sale older than
the retention is found there no more), or, for a sale made at another till or long ago, the customer's purchase
history in Engage (``client.purchase_history``, fetched only when the cashier asks). Either way the sale comes with
what has been returned of each line already (``returned_lines``) and the offers it took for good (the offer ledger).
A sale this till made without a customer is not indexed (its receipt was never journaled: only its id was kept), so
its number is answered with what it was and the one way left, the manager's return without the original.

:class:`OriginalFinder` holds these questions; returns.py's ReturnDesk is one (it inherits them and uses
``_with_returned`` again inside the return's transaction). Kept apart from the desk because finding only reads,
while the desk writes the return.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from typing import Any

from pos_engage.core import texts
from pos_engage.core.config import Config
from pos_engage.core.domain import Transaction
from pos_engage.core.engage.client import EngageClient
from pos_engage.core.errors import EngageError, InputError
from pos_engage.core.journal.store import Journal
from pos_engage.core.till import scan
from pos_engage.core.till.outcomes import Customer
from pos_engage.core.till.return_pricing import OriginalLine, OriginalSale, UsedOffer

# A sale in this till's journal: its index row and its receipt entry's payload (NULL once pruned).
_INDEXED = ("SELECT s.unique_receipt_id, s.receipt_number, s.contact_id, e.payload FROM sales_index s "
            "JOIN entries e ON e.id = s.entry_id")
HISTORY_PAGES = 5          # at most 500 of the customer's purchases are looked through


@dataclass(frozen=True)
class FindOutcome:
    """The sales a number matched: none (``message`` says so), one, or several to pick from."""

    sales: tuple[OriginalSale, ...] = ()
    message: str = ""
    unreachable: bool = False     # Engage could not be asked (try again), rather than "no such sale"



def _decimal(value: Any) -> Decimal | None:
    if value is None or isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def _whole(value: Any) -> int:
    return int(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else 0


def _measured(value: Any) -> Decimal | None:
    """A weighed line's quantity (the POS sends weighed goods as a fraction, 0.512), or None for whole units."""
    number = _decimal(value)
    return abs(number) if number is not None and number != number.to_integral_value() else None


def _lines_of_receipt(receipt: dict[str, Any]) -> list[OriginalLine]:
    lines = []
    for index, item in enumerate(receipt.get("items") or []):
        if not isinstance(item, dict):
            continue
        kind = str(item.get("type") or "PURCHASE").upper()
        measured = _measured(item.get("quantity"))
        lines.append(OriginalLine(
            index=index, sku=str(item.get("sku") or ""), name=str(item.get("articleName") or item.get("sku") or "?"),
            quantity=0 if measured is not None else abs(_whole(item.get("quantity"))), measured=measured,
            paid=_decimal(item.get("grossPaidPrice")),
            tax_percent=_decimal(item.get("taxPercent")) or Decimal(0),
            discounts=tuple(str(d.get("description") or "") for d in item.get("discounts") or []
                            if isinstance(d, dict)),
            returnable_type=kind == "PURCHASE"))
    return lines


class OriginalFinder:
    """The questions that find a return's original sale (the ReturnDesk's own: it sets these attributes)."""

    config: Config
    client: EngageClient
    journal: Journal

    def find(self, raw: str) -> FindOutcome:
        """The sales of this till's journal with that receipt number (typed) or uniqueReceiptId (the slip's
        barcode, scanned: the scanner's prefix and Enter are cleaned off as everywhere)."""
        number = self._number(raw)
        rows = self.journal.connection.execute(
            f"{_INDEXED} WHERE s.receipt_number = ? UNION {_INDEXED} WHERE s.unique_receipt_id = ?",
            (number, number)).fetchall()
        sales = [self._from_index(row) for row in rows if row["payload"]]
        purchases = [sale for sale in sales if any(line.returnable_type for line in sale.lines)]
        if not purchases:
            if len(rows) > len(sales):
                return FindOutcome(message=texts.tr("Receipt {number} is older than this till keeps its sales: find "
                                                    "it in the customer's purchases in Engage", number=number))
            if sales:
                return FindOutcome(message=texts.tr("Receipt {number} is a return, not a sale: find the sale it "
                                                    "returned", number=number))
            if self._without_customer(number):
                return FindOutcome(message=texts.tr(
                    "Receipt {number} was a sale without a customer: the till counted it but did not keep its lines, "
                    "so it cannot be returned against. Open “No original sale (a manager approves)”, type "
                    "the articles and the price paid, and press “Manager's approval and refund”",
                    number=number))
            return FindOutcome(message=texts.tr("No sale at this till has receipt number {number}: check the number "
                                                "on the slip, or look in the customer's purchases in Engage",
                                                number=number))
        purchases.sort(key=lambda sale: sale.created, reverse=True)
        if len(purchases) > 1:
            return FindOutcome(tuple(purchases), texts.tr("{count} sales have receipt number {number}: pick the "
                                                          "customer's by its date and total", count=len(purchases),
                                                          number=number))
        return FindOutcome(tuple(purchases))

    def _without_customer(self, number: str) -> bool:
        """Whether this till sold ``number`` without a customer: such a sale (no catch-all contact set) journals no
        receipt, only its id (anonymous_sales, migration 0012), so it has no lines to return against. The slip's
        barcode holds that id; the number printed on it is the id less "store-till-" (basket.py's receipt)."""
        prefix = f"{self.config.store_external_id}-{self.config.till_id}-"
        return self.journal.sold_without_customer(number, prefix + number)

    @staticmethod
    def _number(raw: str) -> str:
        if len(raw or "") > scan.MAX_INPUT:
            raise InputError(texts.tr("That is too long for a receipt number ({count} characters)",
                                      count=len(raw)), field="receipt")
        number = scan.clean(raw)
        if not number:
            raise InputError(texts.tr("Type the receipt number or scan the slip's barcode"), field="receipt")
        return number

    def _from_index(self, row: Any) -> OriginalSale:
        receipt = json.loads(row["payload"]).get("receipt") or {}
        original_id = row["unique_receipt_id"]
        return OriginalSale(
            original_id=original_id, receipt_number=row["receipt_number"], created=str(receipt.get("createdDate", "")),
            currency=str(receipt.get("currency") or self.config.currency), contact_id=row["contact_id"],
            lines=tuple(self._with_returned(original_id, _lines_of_receipt(receipt))),
            offers=tuple(self._offers_of(original_id, receipt)), source="journal")

    def refreshed(self, original: OriginalSale) -> OriginalSale:
        """The same sale with what has been returned of it by now (another return may have come since)."""
        return replace(original, lines=tuple(self._with_returned(original.original_id, list(original.lines))))

    def _with_returned(self, original_id: str, lines: list[OriginalLine], db: Any = None) -> list[OriginalLine]:
        rows = (db or self.journal.connection).execute(
            "SELECT line, quantity, refund FROM returned_lines WHERE original_id = ?", (original_id,)).fetchall()
        returned: dict[int, tuple[int, Decimal]] = {}
        for row in rows:
            quantity, refund = returned.get(row["line"], (0, Decimal("0.00")))
            returned[row["line"]] = (quantity + row["quantity"], refund + Decimal(row["refund"]))
        return [replace(line, returned=returned.get(line.index, (0, Decimal(0)))[0],
                        refunded=returned.get(line.index, (0, Decimal("0.00")))[1]) for line in lines]

    def _offers_of(self, original_id: str, receipt: dict[str, Any]) -> list[UsedOffer]:
        """The offers the sale took for good in this till's ledger (a conflict was not the sale's to give back)."""
        rows = self.journal.connection.execute(
            "SELECT l.offer_id, l.kind, l.entry_id, e.payload FROM offer_ledger l LEFT JOIN entries e "
            "ON e.id = l.entry_id WHERE l.sale_id = ? AND l.status = 'committed' ORDER BY l.offer_id",
            (original_id,)).fetchall()
        used_promotions = [str(p.get("promotionId")) for p in receipt.get("usedPromotions") or []
                           if isinstance(p, dict) and p.get("promotionId")]
        offers = []
        for row in rows:
            payload = json.loads(row["payload"]) if row["payload"] else {}
            template = str(payload.get("promotionId") or "")
            if row["kind"] == "promotion" and not template and len(used_promotions) == 1:
                template = used_promotions[0]  # the entry was pruned: the receipt names the one template
            offers.append(UsedOffer(row["offer_id"], row["kind"], template, row["entry_id"]))
        return offers

    async def find_in_history(self, customer: Customer, number: str = "") -> FindOutcome:
        """The customer's purchases in Engage (sales at any till), fetched only now, when the cashier asks;
        ``number`` narrows them to that transaction or receipt number."""
        if customer.contact is None:
            return FindOutcome(message=texts.tr("Engage cannot be reached or does not know the customer yet: her "
                                                "purchases cannot be looked up now"), unreachable=customer.offline)
        wanted = self._number(number) if number.strip() else ""
        found: list[OriginalSale] = []
        try:
            offset = 0
            for _ in range(HISTORY_PAGES):
                page = await self.client.purchase_history(customer.contact.id, offset=offset, count=100)
                found += [self._from_history(t, customer.contact.id) for t in page.items
                          if not wanted or wanted in (t.transaction_number, t.external_id)]
                if not page.has_more or not page.items:
                    break
                offset += len(page.items)
        except EngageError as problem:
            return FindOutcome(message=texts.tr("The customer's purchases could not be fetched from Engage ({why}): "
                                                "try again, or find the sale by its receipt number",
                                                why=problem.describe()), unreachable=True)
        found = [sale for sale in found if any(line.returnable_type for line in sale.lines)]
        if not found:
            return FindOutcome(message=texts.tr("No purchase of {name} in Engage has number {number}",
                                                name=customer.name, number=wanted) if wanted else
                               texts.tr("Engage holds no purchases of {name} to return", name=customer.name))
        return FindOutcome(tuple(found), texts.tr("{count} purchases of {name}: pick the one being returned",
                                                  count=len(found), name=customer.name) if len(found) > 1 else "")

    def _from_history(self, transaction: Transaction, contact_id: str) -> OriginalSale:
        """A purchase from Engage. When it came from this till (its externalId is a receipt this journal holds),
        the journal's own record is used, with its offers; returned quantities are this till's either way."""
        if transaction.external_id:
            row = self.journal.connection.execute(f"{_INDEXED} WHERE s.unique_receipt_id = ?",
                                                  (transaction.external_id,)).fetchone()
            if row is not None and row["payload"]:
                return self._from_index(row)
        original_id = transaction.external_id or f"engage:{transaction.id}"
        lines = [OriginalLine(index=i, sku=line.sku or "?", name=line.name or line.sku or "?",
                              quantity=abs(line.quantity), paid=abs(line.gross_paid_price)
                              if line.gross_paid_price is not None else None,
                              tax_percent=line.tax_percent if line.tax_percent is not None else Decimal(0),
                              returnable_type=line.type == "PURCHASE" and line.quantity > 0)
                 for i, line in enumerate(transaction.lines)]
        return OriginalSale(original_id, transaction.transaction_number or transaction.id,
                            transaction.created_date.isoformat() if transaction.created_date else "",
                            transaction.currency, contact_id, tuple(self._with_returned(original_id, lines)),
                            source="engage")
