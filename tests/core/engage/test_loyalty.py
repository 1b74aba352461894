"""Client + simulator: promotions (usable, redeem once), reward vouchers, purchase history."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from pos_engage.core.domain import ValueType
from pos_engage.core.errors import EngageNotFound, PromotionAlreadyRedeemed


def now() -> datetime:
    return datetime.now(UTC)


async def test_promotions_cover_every_value_type_and_hide_spent_ones(client, showcase):
    promotions = await client.list_promotions(showcase["Anna"]["id"])
    usable = [p for p in promotions if p.is_usable_at_pos(now())]
    assert {p.pos_channel.value_type for p in usable} == {ValueType.PERCENT, ValueType.MONEY, ValueType.MANUAL,
                                                         ValueType.EXTERNALOFFER}
    assert any(p.redeemed for p in promotions)  # already used: listed by Engage, not offered by the till
    assert any(p.expires_on and p.expires_on < now() and not p.redeemed for p in promotions)
    assert len(usable) < len(promotions)
    money = next(p for p in usable if p.pos_channel.value_type is ValueType.MONEY)
    assert money.pos_channel.amount.currency == "SEK" and money.pos_channel.amount.amount == 50
    manual = next(p for p in usable if p.pos_channel.value_type is ValueType.MANUAL)
    assert manual.pos_channel.instruction


async def test_redeem_once_then_already_redeemed(client, showcase, sim_state):
    promotion = next(p for p in await client.list_promotions(showcase["Anna"]["id"]) if p.is_usable_at_pos(now()))
    await client.redeem_promotion(promotion.id)
    with pytest.raises(PromotionAlreadyRedeemed) as caught:
        await client.redeem_promotion(promotion.id)
    assert caught.value.code == "PromotionAlreadyRedeemed"
    assert [r["assignmentId"] for r in sim_state.received.redemptions] == [promotion.id]
    after = {p.id: p for p in await client.list_promotions(showcase["Anna"]["id"])}
    assert after[promotion.id].redeemed


async def test_redeeming_an_expired_promotion_is_a_named_conflict(client, showcase):
    expired = next(p for p in await client.list_promotions(showcase["Anna"]["id"])
                   if p.expires_on < now() and not p.redeemed)
    with pytest.raises(PromotionAlreadyRedeemed) as caught:
        await client.redeem_promotion(expired.id)
    assert caught.value.code == "PromotionExpired"


async def test_redeeming_an_unknown_promotion_is_not_found(client):
    with pytest.raises(EngageNotFound) as caught:
        await client.redeem_promotion("00000000-0000-4000-8000-000000000001")
    assert caught.value.code == "PromotionNotFound"


async def test_reward_vouchers_available_and_redeem_once(client, showcase, sim_state):
    page = await client.list_reward_vouchers(showcase["Anna"]["id"])
    everything = await client.list_reward_vouchers(showcase["Anna"]["id"], available_only=False)
    assert page.total_count == 1 and everything.total_count == 2
    voucher = page.items[0]
    assert voucher.value.amount == 100 and voucher.value.currency == "SEK" and voucher.is_usable(now())
    await client.redeem_reward_voucher(voucher.id)
    with pytest.raises(PromotionAlreadyRedeemed) as caught:
        await client.redeem_reward_voucher(voucher.id)
    assert caught.value.code == "RewardVoucherAlreadyRedeemed"
    assert (await client.list_reward_vouchers(showcase["Anna"]["id"])).total_count == 0
    assert len(sim_state.received.voucher_redemptions) == 1


async def test_unknown_voucher_is_not_found(client):
    with pytest.raises(EngageNotFound) as caught:
        await client.redeem_reward_voucher("00000000-0000-4000-8000-000000000002")
    assert caught.value.code == "RewardVoucherNotFound"


async def test_purchase_history_is_paged(client, showcase):
    first = await client.purchase_history(showcase["Anna"]["id"], offset=0, count=2)
    rest = await client.purchase_history(showcase["Anna"]["id"], offset=2, count=10)
    assert first.total_count == 5 and len(first.items) == 2 and first.has_more
    assert len(rest.items) == 3 and not rest.has_more
    assert {t.id for t in first.items}.isdisjoint({t.id for t in rest.items})
    assert all(t.currency == "SEK" and t.net_price_sum > 0 for t in first.items + rest.items)
