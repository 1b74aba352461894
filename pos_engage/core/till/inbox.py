"""The POS inbox: a folder where the till's POS drops a basket (or a finished Engage receipt) for the
companion to pick up, attach a customer and promotions to, and finish.

Files are never lost: a good one is claimed into ``processing/`` and moved to ``done/`` once its sale is
journaled; a bad one is moved to ``rejected/`` with a ``.reason.txt`` beside it saying what is wrong, and the files
behind it are taken as usual. A file that cannot be read and was changed in the last seconds is left for the next
poll (it may still be written; POS software should write ``name.json.tmp`` and rename it to ``name.json``); one
set aside as unreadable that changes afterwards (its writer only paused) is put back and read again
(pos_files.Unreadable), and one whose move is refused (held open by its writer, on Windows) is left for the next
poll without holding up the files behind it.
The POS link's own files (``sales/``, ``commits/``, ``answers/``) are core/till/sale_files.py's.

A basket file: ``{"basket": {"currency": "SEK", "lines": [{"sku", "name", "quantity", "unitPrice",
"taxPercent"}]}}``. A receipt file is an Engage v3 receipt the POS built (issue 16, Fidelity): its lines keep their
own totals (3 for 100.00 stays 100.00, never a unit price rounded and multiplied again), weighed goods their
fractional quantity, and the receipt reaches Engage with every field it carried, unchanged; the customer, the
offers and the payments taken at the till are added (``InboxBasket.finish_receipt``, wire.ReceiptAdditions). It
may leave the customer and part of the payment to the till; what it names is checked when it is taken.
"""

from __future__ import annotations

import os
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from pos_engage.core import texts
from pos_engage.core.domain.checks import parse_money
from pos_engage.core.engage import wire
from pos_engage.core.errors import InputError
from pos_engage.core.till import pos_json
from pos_engage.core.till.basket import Basket, BasketLine
from pos_engage.core.till.pos_files import SETTLE_SECONDS, Unreadable, loose_file_refusal

MAX_FILE_BYTES = 1024 * 1024
# Shown on the till's screen only: a tab in the POS's article name is a space there (the receipt keeps the tab).
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f]+")


@dataclass(frozen=True)
class InboxBasket:
    """A basket or receipt the POS dropped into the inbox, taken in for the cashier to finish."""

    path: Path                 # where it is while being worked on (processing/)
    basket: Basket
    source: str                # "basket" | "receipt"
    # A receipt file: the POS's receipt plus what the till's own receipt of the sale adds, for
    # TillService.commit(finish_receipt=...) so every field the POS wrote is journaled as it wrote it.
    finish_receipt: Callable[[dict], dict] | None = None


def _finisher(pos_body: dict[str, Any]) -> Callable[[dict], dict]:
    """The POS's receipt with what the till's receipt of the same sale adds: its customer, the offers on the lines,
    and payments: the POS's stay; what the cashier took for the rest is added; if the cashier cleared the POS's
    payments and took them again (an offer changed the total), those are the receipt's payments."""
    def paid(payments: list) -> list[tuple[str, Decimal]]:
        return [(str(p.get("type")), Decimal(str(p.get("value")))) for p in payments]

    def finish(companion: dict) -> dict:
        theirs, ours = pos_body.get("paymentMethods") or [], companion.get("paymentMethods") or []
        if paid(ours[:len(theirs)]) == paid(theirs):
            more: dict[str, Any] = {"extra_payments": tuple(ours[len(theirs):])}
        else:
            more = {"payments_taken_again": tuple(ours)}
        return wire.receipt_passthrough(pos_body, additions=wire.ReceiptAdditions.of_companion(companion, **more))
    # Whom the POS's receipt names, for the sale's commit to post it to her (core/till/pos_named_customer.py).
    finish.pos_contact = pos_body.get("contact") if isinstance(pos_body.get("contact"), dict) else None
    return finish


def _receipt_basket(payload: object) -> tuple[Basket, Callable[[dict], dict]]:
    """A receipt file as the sale the cashier finishes: each line at the POS's own total."""
    raw = wire.read_receipt(payload, to_finish=True)  # checked field by field; the payment is checked at the end
    lines = []
    for index, item in enumerate(raw.receipt.items):
        quantity = -item.quantity if item.type.value == "RETURN" else item.quantity
        shown = _UNPRINTABLE.sub(" ", item.article_name).strip() or item.sku
        try:
            lines.append(BasketLine.priced(str(index), item.sku, shown, quantity, item.gross_paid_price,
                                           item.tax_percent))
        except InputError as problem:
            raise InputError(texts.tr("items[{index}]: {problem}", index=index, problem=texts.message_of(problem)),
                             field=f"items[{index}]") from problem
    # The POS has taken the payment already (or part of it): its payment lines are kept as they are.
    basket = Basket(lines, currency=raw.receipt.currency, unique_id=raw.receipt.unique_receipt_id,
                    payments=list(raw.receipt.payments))
    return basket, _finisher(raw.body)


def _basket_from(payload: object) -> tuple[Basket, str, Callable[[dict], dict] | None]:
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
        return Basket(lines, currency=str(body.get("currency") or "SEK")), "basket", None
    basket, finish = _receipt_basket(payload)
    return basket, "receipt", finish


class Inbox:
    """``linked``: the till is set up for a linked POS (returns.pos_link_set_up): its window has no basket of its
    own to finish a file in, so a basket or receipt file dropped here is set aside saying where the POS link's
    folders take a sale (sales/, commits/: sale_files.py), not loaded into a sale nobody can see or finish."""

    def __init__(self, folder: Path, *, linked: bool = False) -> None:
        self.folder = Path(folder)
        self.linked = linked
        for sub in ("processing", "done", "rejected"):
            (self.folder / sub).mkdir(parents=True, exist_ok=True)
        self.unreadable = Unreadable()

    def _move(self, path: Path, sub: str) -> Path:
        target = self.folder / sub / path.name
        counter = 1
        while target.exists():
            target = self.folder / sub / f"{path.stem}-{counter}{path.suffix}"
            counter += 1
        os.replace(path, target)
        return target

    def _reject(self, path: Path, reason: str) -> tuple[Path, Path]:
        moved = self._move(path, "rejected")
        written = moved.with_name(moved.name + ".reason.txt")
        written.write_text(reason + "\n", encoding="utf-8")
        return moved, written

    def take(self) -> tuple[InboxBasket | None, list[str]]:
        """The oldest good file, claimed; and messages about files set aside as unusable."""
        rejected: list[str] = []
        self.unreadable.take_back()
        candidates = sorted((p for p in self.folder.glob("*.json") if p.is_file()), key=lambda p: p.stat().st_mtime)
        for path in candidates:
            try:
                if self.linked:
                    if time.time() - path.stat().st_mtime < SETTLE_SECONDS:
                        continue   # perhaps still being written: set aside whole, once it is complete
                    raise InputError(loose_file_refusal())
                if path.stat().st_size > MAX_FILE_BYTES:
                    raise InputError(texts.tr("the file is larger than 1 MiB (1,048,576 bytes)"))
                raw = path.read_bytes()
                try:  # the POS link's strict reading: a BOM is fine; too deep, not UTF-8 or broken is refused
                    payload = pos_json.plain(pos_json.loads(raw))
                except pos_json.JsonRefused:
                    if time.time() - path.stat().st_mtime < SETTLE_SECONDS:
                        continue  # perhaps still being written (no write-then-rename): the next poll looks again
                    raise
                basket, source, finish = _basket_from(payload)
            except (InputError, ValueError, UnicodeDecodeError) as problem:
                try:   # for whoever fixes the POS's file
                    before = path.stat()
                    moved, reason = self._reject(path, f"{path.name} was set aside: {problem}")
                except OSError:   # held open by its writer (Windows), or gone: the next poll looks again
                    continue
                if isinstance(problem, pos_json.JsonRefused):   # unreadable: perhaps its writer only paused
                    self.unreadable.note(moved, path, reason, before)
                rejected.append(texts.tr("{file} from the POS was set aside: {problem} (see {folder})",
                                         file=path.name, problem=texts.message_of(problem),
                                         folder=str(self.folder / "rejected")))
                continue
            return InboxBasket(self._move(path, "processing"), basket, source, finish), rejected
        return None, rejected

    def finished(self, item: InboxBasket) -> None:
        """The sale is journaled: the file's job is done."""
        if item.path.exists():
            self._move(item.path, "done")

    def voided(self, item: InboxBasket, reason: str) -> None:
        """The cashier voided the sale: the file is set aside with the reason (never silently dropped)."""
        if item.path.exists():
            self._reject(item.path, f"{item.path.name} was voided at the till: {reason}")
