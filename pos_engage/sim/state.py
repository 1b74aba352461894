"""The simulator's in-memory tenant: contacts with their lookup indexes, promotions, vouchers, receipts, orders,
and a record of everything received, so tests can prove exactly-once delivery."""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from pos_engage.sim.data import DemoBuilder, DemoData, new_id, new_version_tag
from pos_engage.sim.faults import FaultDice, Faults, RateLimiter, RequestCounter

DEMO_API_KEY = "sim-demo-key"
INDEXED = ("email", "mobilePhone", "customKey", "socialSecurityNumber", "memberNumber", "cardNumber", "externalId")
# matchKeyType (lower case) -> the contact attribute it is matched on.
MATCH_ATTRIBUTES = {"email": "email", "mobilephone": "mobilePhone", "socialsecuritynumber": "socialSecurityNumber",
                    "membernumber": "memberNumber", "cardid": "cardNumber", "externalid": "externalId"}


@dataclass
class Received:
    """What reached the simulator and took effect."""

    receipts: dict[str, dict[str, Any]] = field(default_factory=dict)   # uniqueReceiptId -> first receipt
    receipt_posts: Counter = field(default_factory=Counter)            # uniqueReceiptId -> POSTs received
    unmatched_receipts: list[str] = field(default_factory=list)
    receipt_contacts: dict[str, str | None] = field(default_factory=dict)  # uniqueReceiptId -> matched contact id
    redemptions: list[dict[str, Any]] = field(default_factory=list)
    voucher_redemptions: list[dict[str, Any]] = field(default_factory=list)
    voucher_reactivations: list[dict[str, Any]] = field(default_factory=list)   # vouchers given back (returns)
    promotion_assignments: list[dict[str, Any]] = field(default_factory=list)   # promotions assigned by API
    registrations: list[dict[str, Any]] = field(default_factory=list)
    updates: list[dict[str, Any]] = field(default_factory=list)
    communications: list[dict[str, Any]] = field(default_factory=list)  # v2 order communications
    order_actions: list[dict[str, Any]] = field(default_factory=list)
    order_writes: list[dict[str, Any]] = field(default_factory=list)   # each processed order version, in order
    requests: list[dict[str, Any]] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        return {
            "receipts": sorted(self.receipts),
            "receipt_posts": dict(self.receipt_posts),
            "duplicate_receipts": sum(n - 1 for n in self.receipt_posts.values()),
            "unmatched_receipts": list(self.unmatched_receipts),
            "receipt_contacts": dict(self.receipt_contacts),
            "redemptions": list(self.redemptions),
            "voucher_redemptions": list(self.voucher_redemptions),
            "registrations": list(self.registrations),
            "updates": list(self.updates),
            "communications": list(self.communications),
            "order_actions": list(self.order_actions),
            "order_writes": list(self.order_writes),
        }


class SimState:
    """One simulated Engage tenant."""

    def __init__(self, *, seed: int = 1, api_keys: tuple[str, ...] = (DEMO_API_KEY,), now: datetime | None = None,
                 faults: Faults | None = None, order_job_polls: int = 1) -> None:
        self.seed = seed
        self.api_keys = set(api_keys)
        self.now = now or datetime.now(UTC).astimezone()
        self.faults = faults or Faults()
        self.dice = FaultDice(seed)
        self.limiter = RateLimiter()
        self.request_counter = RequestCounter()
        self.order_job_polls = order_job_polls
        self.rng = random.Random(seed + 1)
        self.reset()

    def reset(self) -> None:
        demo: DemoData = DemoBuilder(self.seed, self.now).build()
        self.contacts = demo.contacts
        self.promotions = demo.promotions
        self.vouchers = demo.vouchers
        self.transactions = demo.transactions
        self.next_member_number = demo.next_member_number
        self.point_accounts = demo.point_accounts
        self.point_definitions = demo.point_definitions
        # A test's switch, no fault of Engage's own: the point-account routes answer this status (e.g. 503).
        self.point_accounts_failure: int | None = None
        # customKey is what the contact lookup takes (this tenant maps it to member number or card number); the
        # receipt's matchKeyTypes each use their own attribute: a card number is not a member number.
        self.index: dict[str, dict[str, set[str]]] = {name: defaultdict(set) for name in INDEXED}
        for card, contact_id in demo.cards.items():
            self.index["customKey"][card].add(contact_id)
            self.index["cardNumber"][card].add(contact_id)
        for contact in self.contacts.values():
            self._index(contact)
        self.orders: dict[str, dict[str, Any]] = {}
        self.jobs: dict[str, dict[str, Any]] = {}
        self.batches: dict[str, dict[str, Any]] = {}
        self.received = Received()
        self.request_counter.clear()
        self.redeem_attempts: list[dict[str, Any]] = []   # every redeem that reached processing (api_loyalty)

    # ------------------------------------------------------------------ contacts

    def _index(self, contact: dict[str, Any]) -> None:
        attributes = contact["attributes"]
        if attributes.get("email"):
            self.index["email"][attributes["email"].lower()].add(contact["id"])
        if attributes.get("mobilePhone"):
            self.index["mobilePhone"][attributes["mobilePhone"]].add(contact["id"])
        # customKey finds a member number and a card number both (this tenant maps it to either).
        for name in ("memberNumber", "cardNumber"):
            if isinstance(attributes.get(name), str) and attributes[name]:
                self.index["customKey"][attributes[name]].add(contact["id"])
        for name in ("memberNumber", "cardNumber", "externalId", "socialSecurityNumber"):
            if isinstance(attributes.get(name), str) and attributes[name]:
                self.index[name][attributes[name]].add(contact["id"])

    def _unindex(self, contact: dict[str, Any]) -> None:
        for ids in (ids for table in self.index.values() for ids in table.values()):
            ids.discard(contact["id"])

    def find(self, attribute: str, value: str) -> set[str]:
        key = value.lower() if attribute == "email" else value
        return set(self.index[attribute].get(key, ()))

    def match_contact(self, contact: dict[str, Any]) -> str | None:
        """The one contact a receipt's or order's ``contact`` names, the way a real tenant matches it.

        matchKeyType is compared case-insensitively (engage-api.md 4.2) and each type looks at its own attribute
        only: MemberNumber never finds a card number, CardId never a member number,
        MemberNumberWithCardNumberAsFallback tries the member number first. No match, or more than one, is None.
        """
        key, kind = contact.get("matchKey"), str(contact.get("matchKeyType", "")).lower()
        if not isinstance(key, str) or not key:
            return None
        if kind == "contactid":
            return key if key in self.contacts else None
        if kind == "membernumberwithcardnumberasfallback":
            return self._one("memberNumber", key, contact) or self._one("cardNumber", key, contact)
        attribute = MATCH_ATTRIBUTES.get(kind)
        return self._one(attribute, key, contact) if attribute else None

    def _one(self, attribute: str, key: str, contact: dict[str, Any]) -> str | None:
        # ASSUMPTION (engage-api.md 4.2: "contactType defaults to Member"): a key other than the contact id finds
        # contacts of the receipt's contactType only, Member when it names none.
        wanted = str(contact.get("contactType") or "Member").lower()
        ids = {i for i in self.find(attribute, key) if self.contacts[i]["meta"]["contactType"].lower() == wanted}
        return next(iter(ids)) if len(ids) == 1 else None

    def create_contact(self, body: dict[str, Any], *, contact_type: str, source: str | None,
                       store: str | None) -> dict[str, Any]:
        contact_id = new_id(self.rng)
        attributes = {k: v for k, v in body.items() if k not in ("contactType", "preferences")}
        if contact_type == "Member":
            attributes["memberNumber"] = str(self.next_member_number)
            self.next_member_number += 1
        if store:
            attributes.setdefault("createdInStore", store)
        stamp = datetime.now(UTC).astimezone().isoformat()
        contact = {
            "id": contact_id, "attributes": attributes,
            "meta": {"contactType": contact_type, "createdOn": stamp, "modifiedOn": stamp, "source": source},
            "preferences": {name: bool((body.get("preferences") or {}).get(name))
                            for name in ("acceptsEmail", "acceptsSms", "acceptsPostal")},
            "consents": [],
        }
        self.contacts[contact_id] = contact
        self.transactions[contact_id] = []
        self._index(contact)
        self.received.registrations.append({"contactId": contact_id, "source": source, "storeExternalId": store,
                                            "email": attributes.get("email"),
                                            "mobilePhone": attributes.get("mobilePhone")})
        return contact

    def update_contact(self, contact: dict[str, Any], changes: dict[str, Any]) -> None:
        self._unindex(contact)
        for name, value in changes.items():
            if name == "preferences" and isinstance(value, dict):
                contact["preferences"].update({k: bool(v) for k, v in value.items()})
            else:
                contact["attributes"][name] = value
        contact["meta"]["modifiedOn"] = datetime.now(UTC).astimezone().isoformat()
        self._index(contact)
        self.received.updates.append({"contactId": contact["id"], "fields": sorted(changes)})

    def set_contact_type(self, contact: dict[str, Any], contact_type: str) -> None:
        if contact_type == "Member" and not contact["attributes"].get("memberNumber"):
            contact["attributes"]["memberNumber"] = str(self.next_member_number)
            self.next_member_number += 1
            self._index(contact)
        contact["meta"]["contactType"] = contact_type

    def new_version_tag(self) -> str:
        return new_version_tag(self.rng)

    def new_id(self) -> str:
        return new_id(self.rng)

    def showcase(self) -> dict[str, Any]:
        """Well-known demo customers for the README, training and tests."""
        first = list(self.contacts.values())[:5]
        return {"apiKey": sorted(self.api_keys)[0], "contacts": [
            {"id": c["id"], "name": f"{c['attributes']['firstName']} {c['attributes']['lastName']}",
             "contactType": c["meta"]["contactType"], "email": c["attributes"]["email"],
             "mobilePhone": c["attributes"]["mobilePhone"], "memberNumber": c["attributes"].get("memberNumber"),
             "cardNumber": c["attributes"].get("cardNumber")} for c in first]}
