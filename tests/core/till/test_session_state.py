"""A sale session's state (what GET /v1/sales/{id} answers) says what the basket says, however it is computed: each
line's total and discount, the applied offers' discounts and the totals are the basket's own figures in minor units
(Basket.paid, Basket.total), and each offer's applicable/whyNot is what trying it alone on a copy of the basket
gives. Trying the offers leaves the basket as it was."""

from __future__ import annotations

import json
from decimal import Decimal
from types import SimpleNamespace

from hypothesis import given, settings
from hypothesis import strategies as st

from pos_engage.core.config import TillSettings
from pos_engage.core.domain import ContactKey, Money, Promotion, RedemptionChannel, RewardVoucher, ValueType
from pos_engage.core.errors import InputError
from pos_engage.core.till.basket import Basket
from pos_engage.core.till.offer_rules import OfflineRules, offline_refusal
from pos_engage.core.till.outcomes import Customer
from pos_engage.core.till.pos_money import to_minor
from pos_engage.core.till.pos_sale_input import parse_basket
from pos_engage.core.till.sale_session import SaleSession
from pos_engage.core.till.session import SaleSessions


def promotion(pid: str, value_type: ValueType, *, percent=None, amount=None) -> Promotion:
    return Promotion(pid, f"t-{pid}", pid, channels=(RedemptionChannel("POS", value_type, percent=percent,
                                                                       amount=amount),))


def offer_of(kind: str, value: Decimal, n: int, currency: str) -> Promotion | RewardVoucher:
    if kind == "percent":
        return promotion(f"p{n}", ValueType.PERCENT, percent=value)
    if kind == "money":
        return promotion(f"m{n}", ValueType.MONEY, amount=Money(value, currency))
    return RewardVoucher(f"v{n}", str(n), f"Voucher {n}", Money(value, currency))


quantities = st.one_of(st.integers(min_value=-3, max_value=5).filter(bool),
                       st.decimals(min_value=Decimal("0.001"), max_value=Decimal("9"), places=3))
pos_lines = st.lists(st.tuples(quantities, st.integers(min_value=0, max_value=500_000)), max_size=8)
offers = st.lists(st.tuples(st.sampled_from(["percent", "money", "voucher"]),
                            st.decimals(min_value=Decimal("0"), max_value=Decimal("3000"), places=0)),
                  max_size=5)


@settings(deadline=None, max_examples=200)
@given(currency=st.sampled_from(["SEK", "JPY"]), lines=pos_lines, applied=offers, shown=offers,
       per_line=st.integers(min_value=0, max_value=2), offline=st.booleans())
def test_the_state_is_the_baskets_figures(currency, lines, applied, shown, per_line, offline):
    body = {"currency": currency, "lines": [
        {"lineId": f"l{i}", "sku": f"{1000 + i}", "name": f"Article {i}", "quantity": quantity,
         "lineTotal": -total if quantity < 0 else total, "vatPercent": 25}
        for i, (quantity, total) in enumerate(lines)]}
    basket = parse_basket(body)
    session = SaleSession("s", Basket(currency=currency, unique_id="u", percent_promotions_per_line=per_line))
    session.lines = basket.lines
    session.basket.lines = [line.basket_line(currency) for line in basket.lines]
    for n, (kind, value) in enumerate(applied):
        try:
            offer = offer_of(kind, value, n, currency)
            if isinstance(offer, Promotion):
                session.basket.apply_promotion(offer)
            else:
                session.basket.apply_voucher(offer)
        except InputError:
            pass
    own = [offer_of(kind, value, n, currency) for n, (kind, value) in enumerate(shown, start=len(applied))]
    session.customer = Customer(ContactKey.email("anna@example.se"), None,
                                tuple(o for o in own if isinstance(o, Promotion)),
                                tuple(o for o in own if isinstance(o, RewardVoucher)), offline=offline)
    discounts_before = list(session.basket.discounts)
    rules = OfflineRules.of(TillSettings(offline_redemption="allow_up_to", offline_max=500))

    state = session.state(rules, per_line)

    cuts = session.basket.line_discounts()
    for index, (line, answered) in enumerate(zip(session.basket.lines, state["lines"], strict=True)):
        sign = -1 if line.is_return else 1
        assert answered["lineTotal"] == sign * to_minor(session.basket.paid(index, cuts), currency)
        assert answered["discountTotal"] == to_minor(-sum((a for _, a in cuts[index]), Decimal(0)), currency)
        assert [d["amount"] for d in answered["discounts"]] == [to_minor(-a, currency) for _, a in cuts[index]]
    assert state["totals"]["toPay"] == (to_minor(session.basket.total, currency) if lines else 0)
    assert state["totals"]["before"] - state["totals"]["discounts"] == state["totals"]["toPay"]
    for discount in session.basket.discounts:
        shown_cuts = next(a["discounts"] for a in state["applied"] if a["offerId"] == discount.source_id)
        assert [c["amount"] for c in shown_cuts] == [to_minor(-a, currency) for per in cuts for d, a in per
                                                     if d is discount]
    for offer, answered in zip((*session.customer.promotions, *session.customer.vouchers), state["offers"],
                               strict=True):
        alone = session.basket.copy()
        alone.percent_promotions_per_line = per_line
        try:
            alone.apply_promotion(offer) if isinstance(offer, Promotion) else alone.apply_voucher(offer)
            # Without a contact from Engage (an offline customer) the store's offline rules decide too.
            why = offline_refusal(rules, offer, alone.discount_total, alone.currency) \
                if offline or not session.customer.contact else None
        except InputError as refused:
            why = str(refused)
        assert (answered["applicable"], answered["whyNot"]) == (why is None, why)
    assert session.basket.discounts == discounts_before


def test_the_state_is_computed_once_per_version_and_never_answered_stale():
    sessions = SaleSessions(SimpleNamespace(config=SimpleNamespace(till=TillSettings()),
                                            journal=SimpleNamespace(release_orphaned_reservations=lambda: 0)))
    body = {"currency": "SEK", "lines": [{"lineId": "1", "sku": "1001", "name": "Socks", "quantity": 2,
                                          "lineTotal": 9900, "vatPercent": 25}]}
    session = SaleSession("s", Basket(currency="SEK", unique_id="u"))
    session.lines = parse_basket(body).lines
    session.basket.lines = [line.basket_line("SEK") for line in session.lines]
    first = sessions.state(session)
    assert sessions.state(session) is first                     # the same version: the same answer
    assert json.loads(sessions.state_json(session)) == first
    assert sessions.state_json(session) is sessions.state_json(session)

    session.changed()                                           # a change the sale's use cases notify
    assert sessions.state(session) is not first
    assert sessions.state(session)["version"] == first["version"] + 1

    # A change that did not grow the version (a half-done update) is still answered as it is.
    body["lines"][0]["lineTotal"] = 5000
    session.lines = parse_basket(body).lines
    session.basket.lines = [line.basket_line("SEK") for line in session.lines]
    assert sessions.state(session)["totals"]["toPay"] == 5000
    session.messages.append("Engage is not answering")
    assert sessions.state(session)["messages"] == ["Engage is not answering"]
    assert json.loads(sessions.state_json(session))["messages"] == ["Engage is not answering"]
