"""OrderDesk: the till's order use cases. Create an order from the basket, move it through its life, take
returns, cancel, list a customer's orders. None touches the UI; none waits for Engage.

Each change is one version of the whole order, saved with the journal entries that send it in one
transaction: to Engage (v3: the order, then its action once the job has given the versionTag; v2: the order
event), and to the second orders platform when it is on. The entries share the order's lane, so a change
never overtakes the creation. A customer Engage does not know yet is registered first (or adopted, if the
registration finds them): the order names the contact that registration returns.

Offers (issue 12): the promotions and vouchers applied to the basket are the order's. They are redeemed with it and
taken in the offer ledger in the transaction that journals the order's first version, exactly as a committed sale's
are: an offer an order used is never applied or redeemed again at this till (refused, OfferAlreadyUsed, if another
sale or order used it first), and the open basket the order was made from gives its reservations up in that same
transaction. A cancelled or returned order keeps its offers used: Engage's contract gives an order no way to hand a
redemption back (orders are not transactions), so nothing is reactivated and nothing can be used twice.

Who made each change and where (entry.Source): every entry of a change records the person at the till when it was
saved (``at_till``: TillService.at_till, which the window sets as people sign in and out) and the till's window,
the one door orders have, unless a door journaling now says otherwise (``journaling_from``), so the manager's queue
names them as it names a sale's.
"""

from __future__ import annotations

import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import datetime

from pos_engage.core import texts
from pos_engage.core.config import Config
from pos_engage.core.domain import Address, Delivery, KeyKind, NewContact
from pos_engage.core.domain.order_life import OrderedItem, OrderStage, TillOrder
from pos_engage.core.engage.client import EngageClient
from pos_engage.core.errors import EngageError, InputError
from pos_engage.core.journal import payloads
from pos_engage.core.journal.entry import (
    EntryKind,
    EntryStatus,
    JournalEntry,
    NewEntry,
    Origin,
    Source,
    source_or,
)
from pos_engage.core.journal.offer_ledger import OfferToCommit
from pos_engage.core.journal.order_book import OrderRecord
from pos_engage.core.journal.store import Journal
from pos_engage.core.marketing import wire as marketing_wire
from pos_engage.core.till.basket import Basket
from pos_engage.core.till.order_forms import (
    engage_order,
    from_record,
    mapping_for,
    order_event,
    till_order_from_engage,
    to_record,
)
from pos_engage.core.till.outcomes import Customer

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ChangeState:
    """Where one version of an order got to: Engage, and the second platform (None when it is off)."""

    change: int
    stage: str
    engage: str                   # sent | queued | needs_attention | conflict | exported | resolved
    engage_detail: str = ""       # Engage's message when something is wrong
    marketing: str | None = None
    marketing_detail: str = ""


@dataclass(frozen=True)
class OrderView:
    """An order as the Orders panel shows it: its current state and how far each change got."""

    order: TillOrder
    changes: tuple[ChangeState, ...] = ()
    engage_raw: dict | None = None  # listed by Engage, not yet known at this till: adopt(engage_raw) to change it

    @property
    def latest(self) -> ChangeState | None:
        return self.changes[-1] if self.changes else None


_STATUS_WORD = {EntryStatus.DELIVERED: "sent", EntryStatus.PENDING: "queued", EntryStatus.IN_FLIGHT: "queued",
                EntryStatus.WAITING_RETRY: "queued", EntryStatus.NEEDS_ATTENTION: "needs_attention",
                EntryStatus.CONFLICT: "conflict", EntryStatus.EXPORTED: "exported",
                EntryStatus.RESOLVED: "resolved"}
_WORST = ("needs_attention", "conflict", "queued", "resolved", "exported", "sent")


def _change_of(entry: JournalEntry) -> int | None:
    tail = entry.idempotency_key.rsplit(":", 1)[-1]
    return int(tail) if tail.isdigit() else None


def _order_of(record: OrderRecord) -> TillOrder:
    """The till's order from its record; the contact id learned since it was written counts."""
    order = from_record(record.body)
    return replace(order, contact_id=record.contact_id) if record.contact_id and not order.contact_id else order


def _waits_for(record: OrderRecord, order: TillOrder) -> int | None:
    """The registration a change must follow while Engage's contact id is not known yet."""
    return record.registration_entry if not order.contact_id else None


def _key_value(customer: Customer | None, kind: KeyKind) -> str:
    """The customer's key when it is of this kind (an email or a mobile number), else empty."""
    return customer.key.value if customer is not None and customer.key.kind is kind else ""


def _worst(states: list[tuple[str, str]]) -> tuple[str, str]:
    return min(states, key=lambda s: _WORST.index(s[0])) if states else ("sent", "")


class OrderDesk:
    def __init__(self, config: Config, client: EngageClient, journal: Journal, *,
                 clock: Callable[[], datetime] = lambda: datetime.now().astimezone(),
                 at_till: Callable[[], str | None] = lambda: None) -> None:
        self.config = config
        self.client = client
        self.journal = journal
        self.clock = clock
        self.at_till = at_till   # who is at the till now (TillService.at_till); asked at each change

    @property
    def settings(self):
        return self.config.orders

    @property
    def marketing_on(self) -> bool:
        return bool(self.settings.second_backend.base_url)

    # ------------------------------------------------------------------ changes

    def create(self, basket: Basket, customer: Customer | None, contact: Address, *,
               delivery_method: str = "Pickup", payment_method: str = "Card") -> OrderView:
        """A new order from the basket's purchases (prices after discounts), for the identified customer or the
        one given on the form. Journaled, not yet sent: ``deliver`` sends it."""
        if not basket.lines:
            raise InputError(texts.tr("The basket is empty: add what the customer orders"))
        if any(line.is_return for line in basket.lines):
            raise InputError(texts.tr("An order is for articles to deliver: returns belong to a sale or to an "
                                      "order's Return lines"), field="lines")
        per_line = basket.line_discounts()
        items = tuple(OrderedItem(line.sku, line.name, line.quantity,
                                  basket.paid(index, per_line) / line.quantity, line.tax_percent)
                      for index, line in enumerate(basket.lines))
        known = customer.contact if customer is not None else None
        # A customer registered offline has no contact yet: the email or mobile she registered with is her key.
        email = contact.email or (known.email if known else _key_value(customer, KeyKind.EMAIL))
        mobile = contact.mobile_phone or (known.mobile_phone if known else _key_value(customer, KeyKind.MOBILE))
        new_contact = None
        if known is None:  # Engage does not know them yet (or is offline): register first, or adopt on a match
            new_contact = NewContact(first_name=contact.first_name, last_name=contact.last_name, email=email,
                                     mobile_phone=mobile, zip_code=contact.zip_code)
            email, mobile = new_contact.email, new_contact.mobile_phone  # normalised (E.164, lower case)
        now = self.clock()
        order = TillOrder(
            order_id=f"{self.config.store_external_id}-{self.config.till_id}-{now:%Y%m%d%H%M%S}-"
                     f"{secrets.token_hex(2)}",
            stage=OrderStage.CREATED, items=items, created_at=now, changed_at=now, currency=basket.currency,
            contact_id=known.id if known else None, email=email, mobile_phone=mobile,
            delivery=Delivery(delivery_method) if delivery_method else None,
            billing_address=Address(contact.first_name or (known.first_name if known else ""),
                                    contact.last_name or (known.last_name if known else ""), contact.street,
                                    contact.zip_code, contact.city, contact.country_code or "SE", email, mobile),
            payments=basket.final_payments(payment_method))
        registration: NewEntry | None = None
        depends_on = customer.registration_entry if customer is not None else None
        if new_contact is not None and depends_on is None:
            registration = payloads.registration(new_contact, store_external_id=self.config.store_external_id,
                                                 source="POS order")
        key = customer.key if customer is not None else (new_contact.key() if new_contact else None)
        return self._save(order, registration=registration, depends_on=depends_on, key=key,
                          redemptions=self._redemptions(basket, known, order.order_id), offers_from=basket.unique_id)

    @staticmethod
    def _redemptions(basket: Basket, known, order_id: str) -> list[tuple[NewEntry, str, str]]:
        """Promotions and vouchers applied to the basket are used by the order: redeemed with it, each keyed by
        the order (two orders, or an order and a sale, never share one redemption). With each: the offer and its
        kind, for the ledger."""
        if basket.discounts and known is None:
            raise InputError(texts.tr("Promotions and vouchers need the customer identified in Engage: remove "
                                      "them, or identify the customer, before making the order"), field="promotions")
        return [(payloads.promotion_redemption(d.source_id, contact_id=known.id, promotion_id=d.template_id,
                                               sale_id=order_id)
                 if d.kind == "promotion" else
                 payloads.voucher_redemption(d.source_id, contact_id=known.id, sale_id=order_id), d.source_id, d.kind)
                for d in basket.discounts]

    def change_stage(self, order_id: str, stage: OrderStage) -> OrderView:
        record = self._record(order_id)
        order = _order_of(record)
        return self._save(order.moved_to(stage, self.clock()), depends_on=_waits_for(record, order))

    def cancel(self, order_id: str) -> OrderView:
        return self.change_stage(order_id, OrderStage.CANCELLED)

    def return_lines(self, order_id: str, returns: dict[str, int]) -> OrderView:
        record = self._record(order_id)
        order = _order_of(record)
        return self._save(order.with_returns(returns, self.clock()), depends_on=_waits_for(record, order))

    def adopt(self, raw: dict) -> OrderView:
        """An order Engage holds but this till has not changed yet (a web order picked up here): kept locally as
        Engage's version, so the till's first change replaces it."""
        order = till_order_from_engage(raw, self.settings.statuses, now=self.clock())
        if self.journal.order(order.order_id) is None:
            self.journal.save_order(order.order_id, stage=order.stage.value, changes=1, body=to_record(order),
                                    entries=[], contact_id=order.contact_id)
        return self.view(order.order_id)

    def _record(self, order_id: str) -> OrderRecord:
        record = self.journal.order(order_id)
        if record is None:
            raise InputError(texts.tr("This till does not know order {order}", order=order_id))
        return record

    def _entries_for(self, order: TillOrder, *, registration: NewEntry | None, depends_on: int | None
                     ) -> list[NewEntry]:
        """What sends this version: Engage's entries (registration first if needed), the platform's entry."""
        settings, store = self.settings, self.config.store_external_id
        types = self.config.engage.match_key_types
        mapping = mapping_for(settings.statuses, order.stage)
        entries: list[NewEntry] = [registration] if registration is not None else []
        first = 0 if registration is not None else None
        if settings.api == "v3":
            embedded = ({"action": mapping.action, "language": settings.language}
                        if mapping.action and settings.action_mode == "embedded" else None)
            entries.append(payloads.order_write(engage_order(order, mapping, store=store, types=types),
                                                change=order.changes,
                                                action=embedded, depends_on=depends_on, depends_on_index=first))
            if mapping.action and settings.action_mode == "separate":
                entries.append(payloads.order_action(order.order_id, mapping.action, change=order.changes,
                                                     language=settings.language, depends_on_index=len(entries) - 1))
        elif mapping.action:  # v2: the event is what sends the email; a step without an action sends nothing
            event = order_event(order, mapping, store=store, language=settings.language, types=types)
            entries.append(payloads.order_communication(event, change=order.changes, depends_on=depends_on,
                                                        depends_on_index=first))
        if self.marketing_on:
            backend = settings.second_backend
            body = marketing_wire.order_json(order, mapping.marketing_status, product_url=backend.product_url,
                                             image_url=backend.image_url)
            entries.append(payloads.marketing_order(body, order_id=order.order_id, change=order.changes))
        return entries

    def _save(self, order: TillOrder, *, registration: NewEntry | None = None, depends_on: int | None = None,
              key=None, redemptions: list[tuple[NewEntry, str, str]] = (),
              offers_from: str | None = None) -> OrderView:
        entries = self._entries_for(order, registration=registration, depends_on=depends_on)
        offers = [OfferToCommit(offer_id, kind, len(entries) + index)
                  for index, (_, offer_id, kind) in enumerate(redemptions)]
        entries += [entry for entry, _, _ in redemptions]
        source = self._source()   # on each entry's own row: the registration and redemptions say it too
        entries = [replace(entry, source=entry.source or source) for entry in entries]
        self.journal.save_order(order.order_id, stage=order.stage.value, changes=order.changes,
                                body=to_record(order), entries=entries, contact_id=order.contact_id, key=key,
                                registration_entry_index=0 if registration is not None else None,
                                offers=offers, offers_from=offers_from)
        log.info("order %s: version %d (%s) journaled with %d entries", order.order_id, order.changes,
                 order.stage.value, len(entries))
        return self.view(order.order_id)

    def _source(self) -> Source:
        """Who saved the change (whoever is at the till now) and where: the door journaling now, if one said
        (journaling_from), else the window (module docstring)."""
        return source_or(Origin.WINDOW, self.at_till())

    # ------------------------------------------------------------------ reading

    def view(self, order_id: str) -> OrderView:
        """The order with, per version, whether it reached Engage (and the platform)."""
        return self._view_of(self._record(order_id))

    def _view_of(self, record: OrderRecord) -> OrderView:
        order = _order_of(record)
        if record.registration_entry and not order.contact_id:
            registration = self.journal.get(record.registration_entry)
            contact_id = (registration.result or {}).get("contactId") \
                if registration.status is EntryStatus.DELIVERED else None
            if contact_id:  # the contact it waited for exists now: later changes name it
                self.journal.set_order_contact(order.order_id, contact_id)
                order = replace(order, contact_id=contact_id)
        entries = self.journal.order_entries(order.order_id)
        per_change: dict[int, dict[str, list[tuple[str, str]]]] = {}
        stages: dict[int, str] = {}
        for entry in entries:
            change = _change_of(entry)
            if change is None:
                continue
            side = "marketing" if entry.kind is EntryKind.MARKETING_ORDER else "engage"
            word = _STATUS_WORD[entry.status]
            per_change.setdefault(change, {"engage": [], "marketing": []})[side].append(
                (word, entry.last_error or ""))
            if entry.kind in (EntryKind.ORDER_CREATE, EntryKind.ORDER_UPDATE):
                stages[change] = (entry.payload or {}).get("order", {}).get("status", "")
        changes = []
        for change in sorted(per_change):
            sides = per_change[change]
            engage, engage_detail = _worst(sides["engage"])
            marketing = _worst(sides["marketing"]) if sides["marketing"] else None
            changes.append(ChangeState(change, stages.get(change, ""), engage, engage_detail,
                                       marketing[0] if marketing else None, marketing[1] if marketing else ""))
        return OrderView(order, tuple(changes))

    async def list_for(self, customer: Customer) -> list[OrderView]:
        """The customer's orders: those this till knows, and (v3, online) those Engage holds for them."""
        contact_id = customer.contact.id if customer.contact else None
        views = [self._view_of(r) for r in self.journal.orders_for(contact_id=contact_id, key=customer.key)]
        known = {v.order.order_id for v in views}
        if contact_id and self.settings.api == "v3" and not customer.offline:
            try:
                stored = await self.client.list_orders(contact_id)
            except EngageError as problem:  # the till's own list still shows
                log.warning("orders of a contact not listed by Engage: %s", problem.describe())
                stored = ()
            for item in stored:
                if item.order_id in known:
                    continue
                try:
                    order = till_order_from_engage(item.raw, self.settings.statuses, now=self.clock())
                except (InputError, KeyError, ValueError) as problem:
                    log.warning("an order from Engage cannot be shown: %s", problem)
                    continue
                views.append(OrderView(order, (), engage_raw=item.raw))
        return views

