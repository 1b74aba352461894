"""The payment methods the till offers, as sent to Engage (the screen shows them translated).

A module of its own, with no imports, because the till window lists them before the rest of the till is
loaded. A gift voucher is money the customer bought earlier, so it is tender; Engage's reward vouchers are
discounts and never appear here.
"""

PAYMENT_METHODS = ("Card", "Cash", "Swish", "GiftVoucher")
