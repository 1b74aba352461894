"""Whom a receipt the POS built names as its customer (a receipt file in the inbox, issue 16 Fidelity), and whether
that is the customer the cashier identified at the till.

A receipt file may carry its own ``contact`` (the POS scanned her card, or took her email). Before, a sale finished
with nobody identified in the window was counted as a sale without a customer and nothing reached Engage, although
the POS had named her; and one finished with her identified by another key (the POS's email, the till's contact id)
was refused as "another customer". Now the POS's contact goes to Engage as it wrote it when nobody is identified,
and, when she is, it is hers if her contact holds the same key of the same kind (her email, mobile, member number or
contact id, or the key she gave at the till); only a key of hers that differs, or one the till cannot tell, is
refused as another customer (wire.ReceiptAdditions), nothing sent.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from pos_engage.core.domain import MatchKey, MatchKeyType
from pos_engage.core.domain.contacts import KeyKind
from pos_engage.core.errors import InputError
from pos_engage.core.till.outcomes import Customer

# The kind of key a customer gave at the till, as the match key type a receipt names it by.
_GIVEN = {KeyKind.EMAIL: MatchKeyType.EMAIL, KeyKind.MOBILE: MatchKeyType.MOBILE_PHONE,
          KeyKind.SOCIAL_SECURITY_NUMBER: MatchKeyType.SOCIAL_SECURITY_NUMBER}


def pos_contact(finish_receipt: Callable[[dict], dict] | None) -> Mapping[str, Any] | None:
    """The contact the POS's own receipt names (``finish_receipt.pos_contact``, set by the inbox's finisher), or
    None: no receipt of the POS's, or one that leaves the customer to the till."""
    contact = getattr(finish_receipt, "pos_contact", None)
    if not isinstance(contact, Mapping) or not str(contact.get("matchKey") or "").strip():
        return None
    return contact


def as_the_pos_named(customer: Customer, named: Mapping[str, Any]) -> MatchKey | None:
    """The POS's own contact, when it names ``customer`` by a key of hers the till knows; else None (the till's
    own match key stands, and a POS's contact that differs is refused as another customer)."""
    try:
        kind = MatchKeyType.parse(str(named.get("matchKeyType") or ""))
    except InputError:   # a type Engage does not have: the receipt's own check names it
        return None
    value = str(named["matchKey"]).strip()
    known: dict[MatchKeyType, str] = {}
    if customer.key is not None and customer.key.kind in _GIVEN:
        known[_GIVEN[customer.key.kind]] = customer.key.value
    contact = customer.contact
    if contact is not None:
        for name, of_hers in ((MatchKeyType.CONTACT_ID, contact.id), (MatchKeyType.EMAIL, contact.email),
                              (MatchKeyType.MOBILE_PHONE, contact.mobile_phone),
                              (MatchKeyType.MEMBER_NUMBER, contact.member_number)):
            if of_hers:
                known[name] = of_hers
    hers = known.get(kind)
    if hers is None or hers.strip().lower() != value.lower():
        return None
    return MatchKey(value, kind)
