"""The simulator's redeem rules with raw HTTP: Engage's 409 codes, redeemedOn to the microsecond, and what only the
simulator knows (which API key redeemed, every redeem that reached processing) so tests can tell who redeemed."""

from __future__ import annotations

from datetime import datetime

import httpx
import pytest

from pos_engage.sim.state import SimState
from pos_engage.sim.transport import SimTransport


@pytest.fixture
def tenant() -> SimState:
    return SimState(seed=7, api_keys=("till-a", "till-b"))


def headers(key: str) -> dict[str, str]:
    return {"apikey": key, "Content-Type": "application/json"}


@pytest.fixture
async def raw(tenant):
    async with httpx.AsyncClient(transport=SimTransport(tenant), base_url="http://sim") as http:
        yield http


def usable(tenant: SimState, what: str) -> dict:
    table = tenant.promotions if what == "promotion" else tenant.vouchers
    return next(o for o in table.values() if not o["redeemed"] and o["expiresOn"] > datetime.now().astimezone()
                .isoformat())


async def test_a_promotion_is_redeemed_once_and_the_simulator_knows_by_whom(raw, tenant):
    promotion = usable(tenant, "promotion")
    path = f"/api/v3/promotion-assignments/{promotion['id']}/redeem"
    first = await raw.post(path, json={"redemptionChannel": "POS"}, headers=headers("till-b"))
    second = await raw.post(path, json={"redemptionChannel": "POS"}, headers=headers("till-a"))
    assert first.status_code == 200
    assert second.status_code == 409 and second.json()["errorCode"] == "PromotionAlreadyRedeemed"
    stamp = datetime.fromisoformat(promotion["redeemedOn"])
    assert stamp.tzinfo is not None and "." in promotion["redeemedOn"]  # to the microsecond, like .NET
    assert [(r["assignmentId"], r["by"]) for r in tenant.received.redemptions] == [(promotion["id"], "till-b")]
    assert [(a["id"], a["by"]) for a in tenant.redeem_attempts] == [(promotion["id"], "till-b"),
                                                                     (promotion["id"], "till-a")]
    listed = await raw.get(f"/api/v2/contacts/{promotion['contactId']}/promotions", headers=headers("till-a"))
    entry = next(p for p in listed.json() if p["id"] == promotion["id"])
    assert entry["redeemed"] and entry["redeemedOn"] == promotion["redeemedOn"] and "by" not in entry


async def test_a_voucher_is_redeemed_once_and_its_redeemer_is_not_shown_to_tills(raw, tenant):
    voucher = usable(tenant, "voucher")
    path = f"/api/v3/reward-vouchers/{voucher['id']}/redeem"
    assert (await raw.post(path, headers=headers("till-a"))).status_code == 200
    again = await raw.post(path, headers=headers("till-a"))
    assert again.status_code == 409 and again.json()["errorCode"] == "RewardVoucherAlreadyRedeemed"
    assert [v["by"] for v in tenant.received.voucher_redemptions] == ["till-a"]
    listed = await raw.get("/api/v3/reward-vouchers", params={"contactId": voucher["contactId"]},
                           headers=headers("till-b"))
    item = next(v for v in listed.json()["items"] if v["id"] == voucher["id"])
    assert item["redeemed"] and set(item) == set(voucher) - {"contactId"}


async def test_a_redeem_failed_by_a_fault_never_reached_processing(raw, tenant):
    promotion = usable(tenant, "promotion")
    tenant.faults.update({"fail_next": 1})
    answer = await raw.post(f"/api/v3/promotion-assignments/{promotion['id']}/redeem",
                            json={"redemptionChannel": "POS"}, headers=headers("till-a"))
    assert answer.status_code == 500 and not promotion["redeemed"] and tenant.redeem_attempts == []
