"""Engage's calls for the customer's offers and purchases: her promotions and reward vouchers (list, redeem, give
back, assign) and her purchase history.

A base class of EngageClient, using its request helpers (``_send``, ``_read``, ``_parsed``), as client_contacts.py
and client_orders.py are. Kept apart from the client's transport and its contact and receipt calls because these
are one concept: what the customer may use at the till, what she has used, and what she bought.
"""

from __future__ import annotations

from pos_engage.core.domain import Page, Promotion, RewardVoucher, Transaction
from pos_engage.core.domain.checks import require_text
from pos_engage.core.engage import responses, wire
from pos_engage.core.engage.urls import segment
from pos_engage.core.errors import InputError


class OffersAndHistory:
    """Promotions, reward vouchers and purchase history; mixed into EngageClient."""

    async def list_promotions(self, contact_id: str) -> tuple[Promotion, ...]:
        """Every promotion assigned for use in a store (redeemed and expired ones included: see is_usable_at_pos)."""
        answer = await self._read(f"/api/v2/contacts/{segment(contact_id, 'contactId')}/promotions",
                                  params={"redemptionChannelType": "POS"}, expected=responses.LIST)
        return self._parsed(answer, wire.promotions_from_json, "promotions")

    async def redeem_promotion(self, assignment_id: str) -> None:
        """Use a promotion (by its assignment id, not the template id). A second redeem is 409."""
        await self._send("POST", f"/api/v3/promotion-assignments/{segment(assignment_id, 'assignmentId')}/redeem",
                         body={"redemptionChannel": "POS"}, expected=responses.REDEEMED)

    async def list_reward_vouchers(self, contact_id: str, *, available_only: bool = True) -> Page[RewardVoucher]:
        path = "/api/v3/reward-vouchers/available" if available_only else "/api/v3/reward-vouchers"
        answer = await self._read(path, params={"contactId": require_text(contact_id, "contactId")})
        return self._parsed(answer, lambda p: wire.page_from_json(p, wire.voucher_from_json), "reward vouchers")

    async def redeem_reward_voucher(self, voucher_id: str) -> None:
        await self._send("POST", f"/api/v3/reward-vouchers/{segment(voucher_id, 'rewardVoucherId')}/redeem",
                         expected=responses.REDEEMED)

    async def reactivate_reward_voucher(self, voucher_id: str) -> None:
        """Give a redeemed voucher back (a return of the sale it paid for). Voyado documents it in v2 only
        (engage-api.md 3.5; the swagger's PromotionsService): 200 with a bare string."""
        await self._send("POST", f"/api/v2/promotions/reward-vouchers/{segment(voucher_id, 'id')}/reactivate",
                         expected=responses.REACTIVATED)

    async def assign_promotion(self, contact_id: str, promotion_id: str) -> None:
        """Assign a multichannel promotion (the template) to a contact: a new assignment (engage-api.md 3.2, v2)."""
        await self._send("POST", f"/api/v2/contacts/{segment(contact_id, 'contactId')}/promotions/"
                                 f"{segment(promotion_id, 'promotionId')}/assign", expected=responses.REDEEMED)

    async def purchase_history(self, contact_id: str, *, offset: int = 0, count: int = 20) -> Page[Transaction]:
        if offset < 0 or not 1 <= count <= 100:
            raise InputError("offset must be >= 0 and count between 1 and 100")
        answer = await self._read(f"/api/v2/contacts/{segment(contact_id, 'contactId')}/transactions",
                                  params={"offset": str(offset), "count": str(count)})
        return self._parsed(answer, lambda p: wire.page_from_json(p, wire.transaction_from_json), "purchase history")
