"""Which offers a till may use while Engage is offline, by kind and value (config ``till.offline_*``).

Offline, nobody can ask Engage whether an offer is still unused, so the store decides how much it risks: every
offer (``allow``), none (``deny``), or offers up to a value (``allow_up_to``: percent promotions up to
``offline_percent_max`` %, single vouchers up to ``offline_voucher_max``, and all discounts of the sale together up
to ``offline_max``). Value types in ``offline_never`` (codes for a partner, manual gifts, swipes) are never used
offline. A value this till does not know (a typo such as ``"denny"``) refuses, and says which setting did.
Each refusal says the store's rule in the cashier's words (the kind of offer, the limit), so the cashier can tell
the customer why; only a setting the till cannot read is named by its key, for IT. A limit in money is said with
its currency, as every amount the till shows (``texts.Amount``: "200.00 SEK", and "200,00 SEK" on a Swedish
screen): the sale's, or else the offer's own (an offer in another currency never reaches these rules).
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from pos_engage.core import texts
from pos_engage.core.config import TillSettings
from pos_engage.core.domain import Promotion, RewardVoucher, ValueType

POLICIES = ("allow", "deny", "allow_up_to")


def _kind_words(value_type: str) -> str:
    """A promotion's value type (Voyado's word, as in till.offline_never) as the cashier says it."""
    words = {"EXTERNALOFFER": texts.tr("partner offers (external codes)"),
             "MANUAL": texts.tr("manual offers (given by hand)"),
             "SWIPE": texts.tr("swipe offers"),
             "PERCENT": texts.tr("percent promotions"),
             "MONEY": texts.tr("amount-off promotions")}
    return words.get(value_type, value_type)


@dataclass(frozen=True)
class OfflineRules:
    policy: str
    total_max: Decimal
    percent_max: Decimal
    voucher_max: Decimal
    never: frozenset[str]

    @classmethod
    def of(cls, till: TillSettings) -> OfflineRules:
        return cls(str(till.offline_redemption).strip().lower(), Decimal(str(till.offline_max)),
                   Decimal(str(till.offline_percent_max)), Decimal(str(till.offline_voucher_max)),
                   frozenset(str(kind).strip().upper() for kind in till.offline_never))


def _offer_currency(offer: Promotion | RewardVoucher) -> str:
    """The currency an offer's own value is in ("" for a percent or a code: they have none)."""
    if isinstance(offer, RewardVoucher):
        return offer.value.currency
    channel = offer.pos_channel
    return channel.amount.currency if channel is not None and channel.amount is not None else ""


def offline_refusal(rules: OfflineRules, offer: Promotion | RewardVoucher, discount_total: Decimal,
                    currency: str = "") -> str | None:
    """Why ``offer`` may not be used while Engage is offline (``discount_total``: the sale's discounts with the
    offer applied, in ``currency``, the sale's), or None when the store's rules allow it."""
    currency = currency or _offer_currency(offer)
    if rules.policy not in POLICIES:
        return texts.tr("Engage is offline, and the setting till.offline_redemption is '{value}', which this till "
                        "does not know (allow, deny or allow_up_to): offers are refused until it is corrected",
                        value=rules.policy)
    if rules.policy == "deny":
        return texts.tr("Engage is offline, and this store uses no offers until Engage answers again")
    if isinstance(offer, Promotion):
        channel = offer.pos_channel
        value_type = channel.value_type if channel is not None else ValueType.MANUAL
        if value_type.value in rules.never:
            return texts.tr("Engage is offline, and this store never uses {kind} offline",
                            kind=_kind_words(value_type.value))
        if rules.policy == "allow":
            return None
        if value_type is ValueType.PERCENT and channel is not None and channel.percent is not None \
                and channel.percent > rules.percent_max:
            return texts.tr("Engage is offline, and this store then takes at most {limit} % off with a promotion",
                            limit=f"{rules.percent_max.normalize():f}")
    elif rules.policy == "allow":
        return None
    elif offer.value.amount > rules.voucher_max:
        return texts.tr("Engage is offline, and this store then takes vouchers worth at most {limit}",
                        limit=texts.Amount(rules.voucher_max, currency))
    if rules.policy == "allow_up_to" and discount_total > rules.total_max:
        return texts.tr("Engage is offline, and this store then takes at most {limit} off a sale",
                        limit=texts.Amount(rules.total_max, currency))
    return None
