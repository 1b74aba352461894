"""Seeded demo data: Swedish and Norwegian contacts, promotions of every value type, vouchers and history.

The first few contacts are fixed showcase customers (the README, training and tests name them); the rest are
generated from the seed. The same seed and clock always give the same data.
"""

from __future__ import annotations

import base64
import random
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

FIRST_NAMES_SE = ["Anna", "Erik", "Maja", "Lars", "Karin", "Johan", "Elsa", "Nils", "Ingrid", "Oskar", "Astrid",
                  "Gustav", "Sofia", "Axel", "Linnéa", "Björn", "Åsa", "Märta"]
LAST_NAMES_SE = ["Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson",
                 "Svensson", "Gustafsson", "Lindqvist", "Åberg", "Öberg", "Sjöström"]
FIRST_NAMES_NO = ["Ola", "Kari", "Ingrid", "Henrik", "Solveig", "Sindre", "Nora", "Jonas", "Eirik", "Ragnhild",
                  "Håkon", "Bjørg"]
LAST_NAMES_NO = ["Nordmann", "Hansen", "Johansen", "Olsen", "Larsen", "Andersen", "Pedersen", "Nilsen",
                 "Berg", "Haugen", "Bakke", "Sørensen", "Dahl", "Strøm"]

# Promotion templates: every valueType a till must show and apply.
PROMOTION_TEMPLATES: list[dict[str, Any]] = [
    {"name": "20% off everything", "heading": "20 % off today", "valueType": "PERCENT", "value": 20,
     "description": "Valid on all full-price items."},
    {"name": "50 kr off", "heading": "50 kr off your purchase", "valueType": "MONEY",
     "value": {"amount": 50, "currency": "SEK"}, "description": "On purchases over 300 kr."},
    {"name": "Free coffee", "heading": "A coffee on us", "valueType": "MANUAL", "value": "COFFEE",
     "instruction": "Hand the customer a coffee voucher from the drawer.", "description": "One per visit."},
    {"name": "Partner offer", "heading": "10 % at our partner", "valueType": "EXTERNALOFFER", "value": "PARTNER-2026",
     "description": "Give the customer the code printed on the receipt."},
    {"name": "Birthday 15%", "heading": "Happy birthday!", "valueType": "PERCENT", "value": 15,
     "description": "Birthday month discount."},
]
ARTICLES = [("1001", "T-shirt organic", 199), ("1002", "Wool jacket", 1299), ("1003", "Jeans slim", 799),
            ("1004", "Socks 3-pack", 99), ("1005", "Scarf", 249)]


def new_id(rng: random.Random) -> str:
    return str(uuid.UUID(int=rng.getrandbits(128), version=4))


def new_version_tag(rng: random.Random) -> str:
    return base64.b64encode(rng.getrandbits(128).to_bytes(16, "big")).decode("ascii")


def card_number(sequence: int) -> str:
    """EAN-13 style loyalty card number (7350 prefix + sequence + check digit)."""
    body = f"7350{sequence:08d}"
    total = sum(int(d) * (3 if i % 2 else 1) for i, d in enumerate(body))
    return body + str((10 - total % 10) % 10)


@dataclass
class DemoData:
    """The simulator's tenant: contacts, promotions, vouchers, transactions and loyalty cards."""

    contacts: dict[str, dict[str, Any]] = field(default_factory=dict)
    promotions: dict[str, dict[str, Any]] = field(default_factory=dict)
    vouchers: dict[str, dict[str, Any]] = field(default_factory=dict)
    transactions: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    cards: dict[str, str] = field(default_factory=dict)  # card number -> contact id
    next_member_number: int = 100001
    point_accounts: dict[str, list[dict[str, Any]]] = field(default_factory=dict)  # contact id -> its accounts
    point_definitions: list[dict[str, Any]] = field(default_factory=list)          # the tenant's kinds of points


class DemoBuilder:
    """Builds the demo tenant from a seed and a clock."""

    def __init__(self, seed: int, now: datetime) -> None:
        self.rng = random.Random(seed)
        self.now = now
        self.data = DemoData()
        self.template_ids = [new_id(self.rng) for _ in PROMOTION_TEMPLATES]

    def build(self, generated: int = 56) -> DemoData:
        self._showcase()
        for _ in range(generated):
            norwegian = self.rng.random() < 0.35
            first = self.rng.choice(FIRST_NAMES_NO if norwegian else FIRST_NAMES_SE)
            last = self.rng.choice(LAST_NAMES_NO if norwegian else LAST_NAMES_SE)
            member = self.rng.random() < 0.75
            contact_id = self.add_contact(
                first, last, country="NO" if norwegian else "SE", member=member,
                mobile=f"+47{self.rng.randint(40000000, 99999999)}" if norwegian
                else f"+4670{self.rng.randint(1000000, 9999999)}",
            )
            if member:
                for template in self.rng.sample(range(len(PROMOTION_TEMPLATES)), k=self.rng.randint(0, 3)):
                    state = self.rng.choice(["active", "active", "expired", "redeemed"])
                    self.assign(contact_id, template, state=state)
                if self.rng.random() < 0.4:
                    self.voucher(contact_id, 100 if not norwegian else 50, "NOK" if norwegian else "SEK")
                self.history(contact_id, self.rng.randint(0, 6), "NOK" if norwegian else "SEK")
        self._shared_across_types()
        self._points()
        return self.data

    def _shared_across_types(self) -> None:
        """A Member and a newsletter Contact sharing a mobile: Engage names each when asked per contact type, so the
        till lists them to pick from. (Built after the generated contacts: the seed gives those what it always did.)"""
        self.add_contact("Maja", "Lind", email="maja.lind@example.se", mobile="+46708888888", country="SE",
                         member=True, card=card_number(5))
        self.add_contact("Nils", "Lind", email="nils.lind@example.se", mobile="+46708888888", country="SE",
                         member=False)

    def _points(self) -> None:
        """Every Member has a bonus point account (Engage's point accounts, PointAccountModel); Ola has climate
        points too. Balances follow the member number, so the seed's random draws stay as they were."""
        data = self.data
        data.point_definitions = [{"id": 1, "name": "Bonus points", "description": "1 point per krona"},
                                  {"id": 2, "name": "Climate points", "description": "For repairs and returns"}]
        account_id = 5001
        for contact_id, contact in data.contacts.items():
            number = contact["attributes"].get("memberNumber")
            if contact["meta"]["contactType"] != "Member" or not number:
                continue
            data.point_accounts[contact_id] = [self._account(account_id, contact_id, 1, int(number) * 37 % 4000)]
            account_id += 1
        anna, ola = list(data.contacts)[:2]
        data.point_accounts[anna] = [self._account(5000, anna, 1, 1250, pending=40)]
        data.contacts[anna]["attributes"]["memberLevel"] = "Gold"
        data.point_accounts[ola].append(self._account(account_id, ola, 2, 75))

    def _account(self, account_id: int, contact_id: str, definition: int, balance: int,
                 pending: int = 0) -> dict[str, Any]:
        return {"id": account_id, "contactId": contact_id, "definitionId": definition, "balance": float(balance),
                "pendingPoints": float(pending),
                "balanceExpires": (self.now + timedelta(days=365)).replace(microsecond=0).isoformat()}

    def _showcase(self) -> None:
        anna = self.add_contact("Anna", "Andersson", email="anna.andersson@example.se", mobile="+46701234567",
                                country="SE", member=True, card=card_number(1))
        for index in range(len(PROMOTION_TEMPLATES)):
            self.assign(anna, index, state="active")
        self.assign(anna, 0, state="expired")
        self.assign(anna, 1, state="redeemed")
        self.voucher(anna, 100, "SEK")
        self.voucher(anna, 50, "SEK", redeemed=True)
        self.history(anna, 5, "SEK")
        # Her personnummer: Skatteverket's well-known test number (Tolvan Tolvansson's), nobody's real one.
        self.data.contacts[anna]["attributes"]["socialSecurityNumber"] = "191212121212"
        ola = self.add_contact("Ola", "Nordmann", email="ola.nordmann@example.no", mobile="+4791234567",
                               country="NO", member=True, card=card_number(2))
        self.assign(ola, 1, state="active", currency="NOK")
        self.history(ola, 2, "NOK")
        # A newsletter subscriber: a Contact, not yet a Member (the till can upgrade her).
        self.add_contact("Erik", "Svensson", email="erik.svensson@example.se", mobile="+46707654321",
                         country="SE", member=False)
        # A family sharing one mobile number: a lookup by that number is 409 MultipleMatches.
        self.add_contact("Karin", "Berg", email="karin.berg@example.se", mobile="+46709999999", country="SE",
                         member=True, card=card_number(3))
        self.add_contact("Lars", "Berg", email="lars.berg@example.se", mobile="+46709999999", country="SE",
                         member=True, card=card_number(4))

    def add_contact(self, first: str, last: str, *, country: str, member: bool, mobile: str,
                    email: str | None = None, card: str | None = None) -> str:
        data = self.data
        contact_id = new_id(self.rng)
        if email is None:
            local = f"{first}.{last}".lower().translate(str.maketrans("åäöøæé", "aaooae"))
            email = f"{local}{len(data.contacts)}@example.{country.lower()}"
        attributes: dict[str, Any] = {
            "firstName": first, "lastName": last, "email": email, "mobilePhone": mobile,
            "countryCode": country, "zipCode": f"{self.rng.randint(100, 999)} {self.rng.randint(10, 99)}",
            "city": "Stockholm" if country == "SE" else "Oslo",
        }
        if member:
            attributes["memberNumber"] = str(data.next_member_number)
            data.next_member_number += 1
            card = card or card_number(1000 + len(data.contacts))
            data.cards[card] = contact_id
            attributes["cardNumber"] = card
        created = self.now - timedelta(days=self.rng.randint(30, 1500))
        data.contacts[contact_id] = {
            "id": contact_id,
            "attributes": attributes,
            "meta": {"contactType": "Member" if member else "Contact", "createdOn": created.isoformat(),
                     "modifiedOn": created.isoformat(), "source": "Demo", "createdInStore": "1"},
            "preferences": {"acceptsEmail": self.rng.random() < 0.7, "acceptsSms": self.rng.random() < 0.4,
                            "acceptsPostal": False},
            "consents": [],
        }
        data.transactions[contact_id] = []
        return contact_id

    def assign(self, contact_id: str, template: int, *, state: str, currency: str = "SEK") -> str:
        spec = PROMOTION_TEMPLATES[template]
        assignment_id = new_id(self.rng)
        expires = self.now + timedelta(days=self.rng.randint(5, 60))
        if state == "expired":
            expires = self.now - timedelta(days=self.rng.randint(1, 20))
        value = spec["value"]
        if isinstance(value, dict):
            value = {**value, "currency": currency}
        self.data.promotions[assignment_id] = {
            "id": assignment_id, "promotionId": self.template_ids[template], "externalId": None,
            "type": "Multichannel", "name": spec["name"], "heading": spec["heading"],
            "description": spec["description"], "expiresOn": expires.isoformat(timespec="seconds"),
            "redeemed": state == "redeemed",
            "redeemedOn": (self.now - timedelta(days=3)).isoformat(timespec="seconds") if state == "redeemed" else None,
            "imageUrl": None, "link": None, "contactId": contact_id,
            "redemptionChannels": [
                {"type": "POS", "valueType": spec["valueType"], "value": value,
                 "instruction": spec.get("instruction")},
                {"type": "ECOM", "valueType": spec["valueType"], "value": value, "instruction": None},
            ],
        }
        return assignment_id

    def voucher(self, contact_id: str, amount: int, currency: str, *, redeemed: bool = False) -> str:
        voucher_id = new_id(self.rng)
        self.data.vouchers[voucher_id] = {
            "id": voucher_id, "voucherNumber": str(self.rng.randint(10**8, 10**9 - 1)),
            "name": f"Reward voucher {amount} {currency}", "contactId": contact_id,
            "redeemed": redeemed, "redeemedOn": self.now.isoformat(timespec="seconds") if redeemed else None,
            "expiresOn": (self.now + timedelta(days=90)).isoformat(timespec="seconds"),
            "value": {"currency": currency, "amount": amount},
            "localValues": [{"currency": currency, "amount": amount}],
            "points": amount * 10,
        }
        return voucher_id

    def history(self, contact_id: str, count: int, currency: str) -> None:
        for _ in range(count):
            sku, name, price = self.rng.choice(ARTICLES)
            quantity = self.rng.randint(1, 3)
            when = self.now - timedelta(days=self.rng.randint(1, 700))
            self.data.transactions[contact_id].append({
                "id": new_id(self.rng), "transactionNumber": str(self.rng.randint(10**6, 10**7)),
                "createdDate": when.isoformat(timespec="seconds"), "storeName": "Demo store",
                "numberOfItems": quantity, "netPriceSum": price * quantity * 0.8, "localCurrency": currency,
                "groupCurrency": "SEK", "storeType": "Store",
                "lineItems": [{"sku": sku, "articleName": name, "quantity": quantity}], "externalId": None,
            })
        self.data.transactions[contact_id].sort(key=lambda t: t["createdDate"], reverse=True)
