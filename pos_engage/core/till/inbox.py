"""The POS inbox: a folder where the till's POS drops a basket (or a finished Engage receipt) for the
companion to pick up, attach a customer and promotions to, and finish.

Files are never lost: a good one is claimed into ``processing/`` and moved to ``done/`` once its sale is
journaled; a bad one is moved to ``rejected/`` with a ``.reason.txt`` beside it saying what is wrong.

A basket file: ``{"basket": {"currency": "SEK", "lines": [{"sku", "name", "quantity", "unitPrice",
"taxPercent"}]}}``. A receipt file is an Engage v3 receipt; its uniqueReceiptId is kept.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

from pos_engage.core import texts
from pos_engage.core.domain.checks import parse_money
from pos_engage.core.engage import wire
from pos_engage.core.errors import InputError
from pos_engage.core.till.basket import Basket, BasketLine

MAX_FILE_BYTES = 1024 * 1024


@dataclass(frozen=True)
class InboxBasket:
    """A basket or receipt the POS dropped into the inbox, taken in for the cashier to finish."""

    path: Path                 # where it is while being worked on (processing/)
    basket: Basket
    source: str                # "basket" | "receipt"


def _basket_from(payload: object) -> tuple[Basket, str]:
    if not isinstance(payload, dict):
        raise InputError("the file must hold a JSON object")
    if "basket" in payload:
        body = payload["basket"]
        if not isinstance(body, dict) or not isinstance(body.get("lines"), list) or not body["lines"]:
            raise InputError("basket.lines must be a non-empty list")
        lines = []
        for index, line in enumerate(body["lines"]):
            if not isinstance(line, dict):
                raise InputError(f"basket.lines[{index}] must be an object")
            try:
                lines.append(BasketLine(str(line.get("sku", "")), str(line.get("name") or line.get("sku", "")),
                                        line.get("quantity"), parse_money(line.get("unitPrice"), "unitPrice"),
                                        parse_money(line.get("taxPercent", 25), "taxPercent")))
            except InputError as problem:
                raise InputError(f"basket.lines[{index}]: {problem}") from problem
        return Basket(lines, currency=str(body.get("currency") or "SEK")), "basket"
    receipt = wire.receipt_from_json(payload)  # checked field by field
    lines = [BasketLine(item.sku, item.article_name, -item.quantity if item.type.value == "RETURN" else item.quantity,
                        (item.gross_paid_price / item.quantity).quantize(Decimal("0.01")), item.tax_percent)
             for item in receipt.items]
    # The POS has taken the payment already: its payment lines are kept as they are.
    return Basket(lines, currency=receipt.currency, unique_id=receipt.unique_receipt_id,
                  payments=list(receipt.payments)), "receipt"


class Inbox:
    def __init__(self, folder: Path) -> None:
        self.folder = Path(folder)
        for sub in ("processing", "done", "rejected"):
            (self.folder / sub).mkdir(parents=True, exist_ok=True)

    def _move(self, path: Path, sub: str) -> Path:
        target = self.folder / sub / path.name
        counter = 1
        while target.exists():
            target = self.folder / sub / f"{path.stem}-{counter}{path.suffix}"
            counter += 1
        os.replace(path, target)
        return target

    def _reject(self, path: Path, reason: str) -> None:
        moved = self._move(path, "rejected")
        moved.with_name(moved.name + ".reason.txt").write_text(reason + "\n", encoding="utf-8")

    def take(self) -> tuple[InboxBasket | None, list[str]]:
        """The oldest good file, claimed; and messages about files set aside as unusable."""
        rejected: list[str] = []
        candidates = sorted((p for p in self.folder.glob("*.json") if p.is_file()), key=lambda p: p.stat().st_mtime)
        for path in candidates:
            try:
                if path.stat().st_size > MAX_FILE_BYTES:
                    raise InputError("the file is larger than 1 MB")
                payload = json.loads(path.read_text(encoding="utf-8"))
                basket, source = _basket_from(payload)
            except (InputError, ValueError, UnicodeDecodeError) as problem:
                self._reject(path, f"{path.name} was set aside: {problem}")  # for whoever fixes the POS's file
                rejected.append(texts.tr("{file} from the POS was set aside: {problem} (see {folder})",
                                         file=path.name, problem=texts.message_of(problem),
                                         folder=str(self.folder / "rejected")))
                continue
            return InboxBasket(self._move(path, "processing"), basket, source), rejected
        return None, rejected

    def finished(self, item: InboxBasket) -> None:
        """The sale is journaled: the file's job is done."""
        if item.path.exists():
            self._move(item.path, "done")

    def voided(self, item: InboxBasket, reason: str) -> None:
        """The cashier voided the sale: the file is set aside with the reason (never silently dropped)."""
        if item.path.exists():
            self._reject(item.path, f"{item.path.name} was voided at the till: {reason}")
