"""The payment methods the till offers, as sent to Engage, and what the cashier reads for each.

A module of its own, light, because the till window lists them before the rest of the till is loaded. A gift
voucher is money the customer bought earlier, so it is tender; Engage's reward vouchers are discounts and never
appear here.
"""

from pos_engage.core import texts

PAYMENT_METHODS = ("Card", "Cash", "Swish", "GiftVoucher")
METHOD_WORDS = {"Card": texts.tr("Card"), "Cash": texts.tr("Cash"), "Swish": texts.tr("Swish"),
                "GiftVoucher": texts.tr("Gift voucher")}
