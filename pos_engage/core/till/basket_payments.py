"""The basket's payments (tender), a part of Basket: the parts paid so far (cash, a gift voucher, ...), and the
method chosen when the sale is finished pays what remains, so the payments always add up to the total. Cash that
pays what remains is rounded to the coins there are (cash_rounding.py: 29.69 SEK is 30.00 in cash): the change is
worked out from the rounded amount, and the Cash payment books what it paid of the sale; by how much the store
rounded is kept (``cash_rounded``) while the payments are, for the cashier to see why 30.00 was taken for 29.69.

BasketPayments uses Basket's ``payments``, ``cash_step``, ``cash_rounded``, ``methods`` and ``total``.
"""

from __future__ import annotations

from decimal import Decimal

from pos_engage.core import texts
from pos_engage.core.domain import Payment
from pos_engage.core.domain.checks import require_money
from pos_engage.core.errors import InputError
from pos_engage.core.till.cash_rounding import round_cash
from pos_engage.core.till.payment_methods import method_word

CENT = Decimal("0.01")


class BasketPayments:
    """Basket's payments part (Basket's fields ``payments``, ``cash_step``, ``cash_rounded`` and ``methods``, its
    ``total``)."""

    payments: list[Payment]
    cash_step: Decimal | None
    cash_rounded: Decimal
    methods: tuple[str, ...]
    total: Decimal

    @property
    def paid_so_far(self) -> Decimal:
        return sum((p.value for p in self.payments), Decimal("0.00"))

    @property
    def remaining(self) -> Decimal:
        """What is still to pay (negative: still to pay back on a return)."""
        return self.total - self.paid_so_far

    @property
    def cash_due(self) -> Decimal:
        """What remains, as it is paid in cash: rounded to the coins there are (negative: given back)."""
        return round_cash(self.remaining, self.cash_step)

    @property
    def cash_rounding(self) -> Decimal:
        """How much paying what remains in cash rounds it by (+0.31 for 29.69 paid with 30.00 SEK)."""
        remaining = self.remaining   # worked out once: each is a pass over the lines' discounts
        return round_cash(remaining, self.cash_step) - remaining

    def add_payment(self, method: str, amount: Decimal | None = None) -> Decimal:
        """Record part of the payment; ``None`` pays the rest. Returns the change to give back: cash may be more
        than what remains, any other method may not. A refund (negative total) is paid back the same way.

        Cash that pays what remains pays it as rounded (``cash_due``): 30.00 given for 29.69 pays it with no
        change, 50.00 gives 20.00 back, and 29.00 pays 29.30. The payment recorded is what remained (29.69): the
        rounding is the store's, as the change is (cash_rounding.py). Any other cash amount is one coins can make
        (29.40 is refused where cash is paid in whole kronor). Cash that pays the rest keeps by how much the store
        rounded (``cash_rounded``: +0.31), said beside the payments until they are cleared or the sale ends."""
        if method not in self.methods:
            raise InputError(f"unknown payment method {method!r}", field="payment")
        remaining = self.remaining
        # What paying the rest takes: cash rounded to the coins there are, any other tender to the öre.
        rest = round_cash(remaining, self.cash_step) if method == "Cash" else remaining
        if remaining == 0:
            raise InputError(texts.tr("Nothing remains to be paid"), field="payment")
        sign = Decimal(1) if remaining > 0 else Decimal(-1)
        given = None if amount is None else require_money(amount, "amount").quantize(CENT)
        if given is not None and given <= 0:
            raise InputError(texts.tr("The amount must be above zero"), field="amount")
        due = abs(rest)
        if given is None or min(due, abs(remaining)) <= given <= max(due, abs(remaining)):
            # The rest, paid: the amount as rounded, or typed to the öre; anything between the two gives no change
            self.payments.append(Payment(method, remaining))
            self.cash_rounded = rest - remaining
            return Decimal("0.00")
        if method == "Cash" and self.cash_step and given % self.cash_step:
            # Coins cannot make it: a part in öre would leave a rest that rounds to nothing, and change in öre
            # cannot be given. (The amount that remains, typed to the öre, pays the rest above.)
            lower = given - given % self.cash_step
            raise InputError(texts.tr("Cash must be whole coins: {given} cannot be paid in cash; type {lower} or "
                                      "{higher}", given=texts.Amount(given), lower=texts.Amount(lower),
                                      higher=texts.Amount(lower + self.cash_step)), field="amount")
        if given > due:
            if method != "Cash" or sign < 0:
                raise InputError(texts.tr("Only {remaining} remains; {method} cannot pay more than that",
                                          remaining=texts.Amount(due), method=method_word(method)),
                                 field="amount")
            self.payments.append(Payment(method, remaining))
            self.cash_rounded = rest - remaining
            return round_cash(given - due, self.cash_step)   # what the coins can give back
        self.payments.append(Payment(method, sign * given))
        return Decimal("0.00")

    def remove_payments(self) -> None:
        self.payments.clear()
        self.cash_rounded = Decimal("0.00")

    def final_payments(self, method: str) -> tuple[Payment, ...]:
        """The payments as the receipt will carry them: what was recorded, and ``method`` for the rest."""
        if method not in self.methods:
            raise InputError(f"unknown payment method {method!r}", field="payment")
        total, paid = self.total, self.paid_so_far
        remaining = total - paid
        if paid and (paid * total < 0 or abs(paid) > abs(total)):  # the basket changed after a payment was taken
            raise InputError(texts.tr("The payments ({paid}) are more than the total ({total}): clear the payments "
                                      "and take them again", paid=f"{self.paid_so_far:.2f}", total=f"{total:.2f}"),
                             field="payment")
        payments = list(self.payments)
        if remaining != 0 or not payments:
            payments.append(Payment(method, remaining))
        return tuple(payments)
