"""Simulated promotions, reward vouchers, point accounts and purchase history, with Engage's redeem rules (409 on a
second use).

Strict like Engage: a redeem needs a valid channel (promotions), refuses an expired, already used or wrong-channel
offer with Engage's 409 codes, and stamps ``redeemedOn`` (to the microsecond, as .NET does). It also keeps what
Engage itself never tells: which API key (which till) redeemed each offer, and every redeem request that reached
processing, so a test can tell a till's own redemption from another's (``received.redemptions``).
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from starlette.requests import Request
from starlette.routing import Route

from pos_engage.sim.api_contacts import contact_or_404
from pos_engage.sim.http import answer, engage_route, json_body
from pos_engage.sim.rules import REDEMPTION_CHANNELS, Rejected
from pos_engage.sim.state import SimState

PUBLIC_PROMOTION_FIELDS = ("id", "promotionId", "externalId", "type", "name", "expiresOn", "heading", "description",
                           "redeemed", "redeemedOn", "imageUrl", "link", "redemptionChannels")


def _now() -> datetime:
    return datetime.now(UTC).astimezone()


def _expired(expires_on: str | None) -> bool:
    return bool(expires_on) and datetime.fromisoformat(expires_on) <= _now()


def _paged(request: Request, items: list) -> dict:
    offset = max(int(request.query_params.get("offset", 0) or 0), 0)
    count = min(max(int(request.query_params.get("count", 100) or 100), 1), 100)
    page = items[offset:offset + count]
    return {"count": len(page), "offset": offset, "items": page, "totalCount": len(items)}


def _caller(request: Request) -> str:
    """Which till asked: its API key (the simulator may be given one key per till)."""
    return request.headers.get("apikey") or request.headers.get("x-api-key") or ""


def routes(state: SimState) -> list[Route]:
    def _note_attempt(request: Request, kind: str, offer_id: str) -> None:
        # Every redeem that reached processing, refused or not: a test's record of who tried what, and when.
        state.redeem_attempts.append({"kind": kind, "id": offer_id, "by": _caller(request),
                                      "at": _now().isoformat()})

    @engage_route
    async def list_promotions(request: Request):
        contact = contact_or_404(state, request.path_params["contact_id"])
        channel = (request.query_params.get("redemptionChannelType") or "").upper()
        if channel and channel not in REDEMPTION_CHANNELS:
            raise Rejected(400, "NotAValidRedemptionChannel", f"unknown channel {channel}")
        result = []
        for promotion in state.promotions.values():
            if promotion["contactId"] != contact["id"]:
                continue
            if channel and not any(c["type"] == channel for c in promotion["redemptionChannels"]):
                continue
            result.append({k: promotion[k] for k in PUBLIC_PROMOTION_FIELDS})
        return answer(result)

    @engage_route
    async def redeem_promotion(request: Request):
        body = await json_body(request)
        channel = str((body or {}).get("redemptionChannel", "")).upper() if isinstance(body, dict) else ""
        if channel not in REDEMPTION_CHANNELS:
            raise Rejected(400, "NotAValidRedemptionChannel", "redemptionChannel must be POS, ECOM or OTHER")
        promotion = state.promotions.get(request.path_params["assignment_id"])
        if promotion is None:
            raise Rejected(404, "PromotionNotFound", "no promotion assignment with that id")
        _note_attempt(request, "promotion", promotion["id"])
        if promotion["redeemed"]:
            raise Rejected(409, "PromotionAlreadyRedeemed", "the promotion has already been redeemed")
        if _expired(promotion["expiresOn"]):
            raise Rejected(409, "PromotionExpired", "the promotion has expired")
        if not any(c["type"] == channel for c in promotion["redemptionChannels"]):
            raise Rejected(409, "PromotionNotValidForRedemptionChannel", f"not valid for {channel}")
        promotion["redeemed"] = True
        promotion["redeemedOn"] = _now().isoformat(timespec="microseconds")
        state.received.redemptions.append({"assignmentId": promotion["id"], "contactId": promotion["contactId"],
                                           "channel": channel, "by": _caller(request),
                                           "redeemedOn": promotion["redeemedOn"]})
        return answer({})  # ASSUMPTION (Part B 3.3): the 200 body is untyped; {} is sent.

    def vouchers_of(request: Request, which: str) -> list:
        contact_id = request.query_params.get("contactId", "")
        contact_or_404(state, contact_id)
        vouchers = [v for v in state.vouchers.values() if v["contactId"] == contact_id]
        if which == "available":
            vouchers = [v for v in vouchers if not v["redeemed"] and not _expired(v["expiresOn"])]
        elif which == "redeemed":
            vouchers = [v for v in vouchers if v["redeemed"]]
        return [{k: v for k, v in voucher.items() if k != "contactId"} for voucher in vouchers]

    @engage_route
    async def list_vouchers(request: Request):
        which = request.path_params.get("which", "all")
        if which not in ("all", "available", "redeemed"):
            raise Rejected(404, "NotFound", f"no such listing: {which}")
        return answer(_paged(request, vouchers_of(request, which)))

    @engage_route
    async def redeem_voucher(request: Request):
        voucher = state.vouchers.get(request.path_params["voucher_id"])
        if voucher is None:
            raise Rejected(404, "RewardVoucherNotFound", "no reward voucher with that id")
        _note_attempt(request, "voucher", voucher["id"])
        if voucher["redeemed"]:
            raise Rejected(409, "RewardVoucherAlreadyRedeemed", "the reward voucher has already been used")
        if _expired(voucher["expiresOn"]):
            raise Rejected(409, "RewardVoucherExpired", "the reward voucher has expired")
        voucher["redeemed"] = True
        voucher["redeemedOn"] = _now().isoformat(timespec="microseconds")
        state.received.voucher_redemptions.append({"voucherId": voucher["id"], "contactId": voucher["contactId"],
                                                   "by": _caller(request), "redeemedOn": voucher["redeemedOn"]})
        return answer({})

    @engage_route
    async def reactivate_voucher(request: Request):
        """v2 (engage-api.md 3.5, the swagger's PromotionsService): a redeemed voucher becomes usable again, as
        before its use. ASSUMPTION: the refusals are not documented; these follow the redeem route's words (404 for
        an unknown voucher, 409 for one that is not redeemed or has expired since)."""
        voucher = state.vouchers.get(request.path_params["voucher_id"])
        if voucher is None:
            raise Rejected(404, "RewardVoucherNotFound", "no reward voucher with that id")
        _note_attempt(request, "reactivate", voucher["id"])
        if not voucher["redeemed"]:
            raise Rejected(409, "RewardVoucherNotRedeemed", "the reward voucher is not redeemed")
        if _expired(voucher["expiresOn"]):
            raise Rejected(409, "RewardVoucherExpired", "the reward voucher has expired")
        voucher["redeemed"] = False
        voucher["redeemedOn"] = None
        state.received.voucher_reactivations.append({"voucherId": voucher["id"], "contactId": voucher["contactId"],
                                                     "by": _caller(request), "at": _now().isoformat()})
        return answer("OK")  # the swagger's return type: a string

    @engage_route
    async def assign_promotion(request: Request):
        """v2 assign (engage-api.md 3.2): a new assignment of the template to the contact, valid as the
        template's other assignments are (their channels; 30 days, an ASSUMPTION)."""
        contact = contact_or_404(state, request.path_params["contact_id"])
        template_id = request.path_params["promotion_id"]
        template = next((p for p in state.promotions.values() if p["promotionId"] == template_id), None)
        if template is None:
            raise Rejected(404, "PromotionNotFound", "no promotion with that id")
        assignment_id = state.new_id()
        expires = (_now() + timedelta(days=30)).isoformat(timespec="seconds")
        state.promotions[assignment_id] = {**template, "id": assignment_id, "contactId": contact["id"],
                                           "redeemed": False, "redeemedOn": None, "expiresOn": expires}
        state.received.promotion_assignments.append({"assignmentId": assignment_id, "promotionId": template_id,
                                                     "contactId": contact["id"], "by": _caller(request)})
        return answer({"id": assignment_id, "promotionId": template_id})

    @engage_route
    async def transactions(request: Request):
        contact = contact_or_404(state, request.path_params["contact_id"])
        return answer(_paged(request, state.transactions.get(contact["id"], [])))

    def _points_switch() -> None:
        if state.point_accounts_failure:
            raise Rejected(state.point_accounts_failure, "InternalServerError", "point accounts are not available")

    @engage_route
    async def point_accounts(request: Request):
        """v2 ``GET /point-accounts?contactId=`` (swagger: PointAccountModelsResult, contactId required). ASSUMPTION:
        a missing contactId is 400 InvalidContactId like the other contact routes; an unknown contact 404; a
        contact without accounts an empty page."""
        _points_switch()
        contact_id = request.query_params.get("contactId", "")
        if not contact_id:
            raise Rejected(400, "InvalidContactId", "contactId is required")
        contact = contact_or_404(state, contact_id)
        return answer(_paged(request, [dict(a) for a in state.point_accounts.get(contact["id"], [])]))

    @engage_route
    async def point_definitions(request: Request):
        """v2 ``GET /point-accounts/definitions``: the swagger's answer is a bare list of PointDefinitionModel."""
        _points_switch()
        return answer(_paged(request, [dict(d) for d in state.point_definitions])["items"])

    return [
        Route("/api/v2/point-accounts", point_accounts, methods=["GET"]),
        Route("/api/v2/point-accounts/definitions", point_definitions, methods=["GET"]),
        Route("/api/v2/contacts/{contact_id}/promotions", list_promotions, methods=["GET"]),
        Route("/api/v3/promotion-assignments/{assignment_id}/redeem", redeem_promotion, methods=["POST"]),
        Route("/api/v3/reward-vouchers", list_vouchers, methods=["GET"]),
        Route("/api/v3/reward-vouchers/{which:str}", list_vouchers, methods=["GET"]),
        Route("/api/v3/reward-vouchers/{voucher_id}/redeem", redeem_voucher, methods=["POST"]),
        Route("/api/v2/contacts/{contact_id}/transactions", transactions, methods=["GET"]),
        Route("/api/v2/promotions/reward-vouchers/{voucher_id}/reactivate", reactivate_voucher, methods=["POST"]),
        Route("/api/v2/contacts/{contact_id}/promotions/{promotion_id}/assign", assign_promotion, methods=["POST"]),
    ]
