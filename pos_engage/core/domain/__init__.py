"""Domain value objects: frozen, validated at construction, Decimal money, times with offsets."""

from pos_engage.core.domain.contacts import (
    Contact,
    ContactKey,
    ContactType,
    ContactUpdate,
    KeyKind,
    NewContact,
    Preferences,
)
from pos_engage.core.domain.orders import (
    Address,
    CommunicationItem,
    Delivery,
    JobState,
    Order,
    OrderCommunication,
    OrderJob,
    OrderJobStatus,
    OrderLine,
    StoredOrder,
)
from pos_engage.core.domain.promotions import (
    Money,
    Page,
    Promotion,
    RedemptionChannel,
    RewardVoucher,
    Transaction,
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
    "ValueType",
]
