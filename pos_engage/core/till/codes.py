"""Codes a customer shows at the till: a promotion's code (an EXTERNALOFFER or MANUAL offer, ``PARTNER-2026``) or
a reward voucher's number. A code selects the identified customer's offer it belongs to, which is then applied like
any offer the cashier picks (TillService.apply: reserved in the offer ledger, redeemed once at commit).

A code belongs to a customer's offer only: the same code is printed for every customer given that promotion, so
without an identified customer there is nothing to select, and a code this customer does not hold is unknown here.
"""

from __future__ import annotations

from dataclasses import dataclass

from pos_engage.core import texts
from pos_engage.core.domain import Promotion, RewardVoucher, ValueType
from pos_engage.core.domain.check_digits import GS1_LENGTHS
from pos_engage.core.till.basket import AppliedDiscount
from pos_engage.core.till.outcomes import Customer
from pos_engage.core.till.scan import Code

# Value types whose POS value is a code the customer can show (engage-api.md 3.1: EXTERNALOFFER and MANUAL are
# strings, e.g. a discount code).
CODE_VALUE_TYPES = frozenset({ValueType.EXTERNALOFFER, ValueType.MANUAL})


@dataclass(frozen=True)
class CodeOutcome:
    """What a code did: the offer it selected and applied, or why nothing was (``message``)."""

    code: str
    applied: AppliedDiscount | None = None
    offer: Promotion | RewardVoucher | None = None
    message: str = ""


def offer_with(code: Code, customer: Customer) -> Promotion | RewardVoucher | None:
    """The customer's usable offer this code belongs to (a voucher's number, or a promotion's code on its POS
    channel), or None."""
    for promotion in customer.promotions:
        channel = promotion.pos_channel
        if channel is not None and channel.value_type in CODE_VALUE_TYPES and code.matches(channel.code):
            return promotion
    return next((voucher for voucher in customer.vouchers if code.matches(voucher.voucher_number)), None)


def identify_first(code: Code) -> CodeOutcome:
    if code.text.isdigit() and len(code.text) in GS1_LENGTHS:
        # A barcode's length but no valid product code and no card of this store (5701234567892): most likely a
        # misread or a barcode from elsewhere, perhaps a voucher's number. Not called an offer code outright.
        return CodeOutcome(code.text, message=texts.tr("'{code}' is no card of this store and no product barcode; "
                                                       "if it is a voucher or offer code, identify the customer "
                                                       "first, then scan it again", code=code.text))
    if not code.looks_printed():
        # Said as a lookup that found nobody says it: nothing about offers for what is no code's shape.
        return CodeOutcome(code.text, message=texts.tr("No customer found by '{code}': it is no card number, email "
                                                       "address or mobile number", code=code.text))
    return CodeOutcome(code.text, message=texts.tr("'{code}' is an offer code: identify the customer first (card, "
                                                   "email, mobile or personal number), then scan or type the code "
                                                   "again", code=code.text))


def unknown(code: Code, customer: Customer) -> CodeOutcome:
    if customer.without_engage:
        return CodeOutcome(code.text, message=texts.tr("'{code}' cannot be checked: Engage cannot be reached, so "
                                                       "this customer's offers are not known", code=code.text))
    return CodeOutcome(code.text, message=texts.tr("'{code}' is not a code of any offer {name} can use today "
                                                   "(unknown, used or expired)", code=code.text, name=customer.name))


def selected(code: Code, offer: Promotion | RewardVoucher, applied: AppliedDiscount) -> CodeOutcome:
    return CodeOutcome(code.text, applied, offer, texts.tr("'{code}' selected the offer '{name}'", code=code.text,
                                                           name=applied.description))
