"""Domain value objects: frozen, validated at construction, Decimal money, times with offsets.

The order classes load on first use (PEP 562): the till window is drawn before anything touches an order,
and their dataclasses are a tenth of the window's start.
"""

import importlib

from pos_engage.core.domain.contacts import (
    Contact,
    ContactKey,
    ContactType,
    ContactUpdate,
    KeyKind,
    NewContact,
    Preferences,
)
from pos_engage.core.domain.promotions import (
    Money,
    Page,
    Promotion,
    RedemptionChannel,
    RewardVoucher,
    Transaction,
    TransactionLine,
    ValueType,
)
from pos_engage.core.domain.sales import (
    Discount,
    ItemType,
    MatchKey,
    MatchKeyType,
    Payment,
    Receipt,
    ReceiptItem,
)

__all__ = [
    "Address", "CommunicationItem", "Contact", "ContactKey", "ContactType", "ContactUpdate", "Delivery",
    "Discount", "ItemType", "JobState", "KeyKind", "MatchKey", "MatchKeyType", "Money", "NewContact", "Order",
    "OrderCommunication", "OrderJob", "OrderJobStatus", "OrderLine", "Page", "Payment", "Preferences",
    "Promotion", "Receipt", "ReceiptItem", "RedemptionChannel", "RewardVoucher", "StoredOrder", "Transaction",
    "TransactionLine", "ValueType",
]


_LAZY = {name: "pos_engage.core.domain.orders" for name in (
    "Address", "CommunicationItem", "Delivery", "JobState", "Order", "OrderCommunication", "OrderJob",
    "OrderJobStatus", "OrderLine", "StoredOrder")}


def __getattr__(name: str):
    if name in _LAZY:
        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
