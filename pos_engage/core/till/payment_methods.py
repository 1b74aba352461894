"""The payment methods the till offers, as sent to Engage, and what the cashier reads for each.

A module of its own, light, because the till window lists them before the rest of the till is loaded. A gift
voucher is money the customer bought earlier, so it is tender; Engage's reward vouchers are discounts and never
appear here.

Which tenders a till offers is the store's (``till.payment_methods``: Engage's payment ``type`` is a free string):
a file that leaves it out gets its currency's (config_files asks for_currency), since Swish is a Swedish payment
that a Finnish or Danish till cannot take. A type the till has no word for ("MobilePay") is shown as the store
wrote it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pos_engage.core import texts

if TYPE_CHECKING:
    from pos_engage.core.config import Config

# Every type the till has a word for; the till's own list is payment_methods(config).
PAYMENT_METHODS = ("Card", "Cash", "Swish", "GiftVoucher")
METHOD_WORDS = {"Card": texts.tr("Card"), "Cash": texts.tr("Cash"), "Swish": texts.tr("Swish"),
                "GiftVoucher": texts.tr("Gift voucher")}
# The tenders a till offers when the configuration lists none, by its currency (ISO 4217); OTHER for the rest.
BY_CURRENCY: dict[str, tuple[str, ...]] = {"SEK": PAYMENT_METHODS}
OTHER = ("Card", "Cash", "GiftVoucher")


def for_currency(currency: str) -> tuple[str, ...]:
    """The tenders a till in ``currency`` offers when its configuration lists none."""
    return BY_CURRENCY.get(currency.upper(), OTHER)


def payment_methods(config: Config) -> tuple[str, ...]:
    """The tenders this till offers, in the order shown; the first is the default (a new sale's, a refund's). The
    loaded configuration holds them (its own, or its currency's: for_currency)."""
    return tuple(config.till.payment_methods) or for_currency(config.currency)


def method_word(method: str) -> str:
    """What the cashier reads for ``method``: the till's word, or the type as the store wrote it."""
    return METHOD_WORDS.get(method, method)
