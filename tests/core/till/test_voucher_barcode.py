"""A reward voucher whose number is printed as a GS1 barcode (issue 15, codes): scanned with the customer
identified, it must select her voucher, not be refused as a product barcode. Retailers print vouchers in GS1's
coupon range (prefix 99), so a voucher number is often a valid EAN-13.

Found by the review of issue 15: TillService.identify now takes a refused input that is exactly one of the
identified customer's voucher numbers or offer codes as that code.
"""

from __future__ import annotations

import pytest

from pos_engage.core.domain.check_digits import gs1_ok
from pos_engage.core.till.outcomes import Found
from pos_engage.sim.state import SimState
from tests.core.till.test_codes import ANNA, jacket, till_on

COUPON = "9912345678909"   # GS1's coupon range, a valid check digit


@pytest.fixture
def tenant() -> SimState:
    return SimState(seed=7, api_keys=("till-a",))


async def test_a_voucher_with_an_ean13_number_scanned_selects_it(tenant, tmp_path):
    assert gs1_ok(COUPON)
    async with till_on(tenant, tmp_path / "j.sqlite3") as till:
        anna = (await till.identify(ANNA)).customer
        tenant.vouchers[anna.vouchers[0].id]["voucherNumber"] = COUPON
        anna = (await till.identify(ANNA)).customer
        basket = jacket()
        outcome = await till.identify(COUPON, scanned=True, basket=basket, customer=anna)
        assert outcome.found is Found.CODE, outcome.message
        assert outcome.code.offer.voucher_number == COUPON and basket.discounts[0].kind == "voucher"


async def test_without_a_customer_the_same_number_is_still_a_product_barcode(tenant, tmp_path):
    async with till_on(tenant, tmp_path / "j.sqlite3") as till:
        outcome = await till.identify(COUPON, scanned=True)
        assert outcome.found is Found.INVALID and "product barcode" in outcome.message
