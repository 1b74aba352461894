"""Several customers share the key a POS sends: the POS link says the cashier picks in the till's window (the list
is the window's: it is masked and tapped there), and a pick there becomes the POS sale's customer."""

from __future__ import annotations

import uuid

from tests.link.test_bad_input import SALE, problem_of


async def test_a_key_several_customers_share_is_for_the_cashier_to_pick_in_the_window(rig):
    await rig.http.put("/v1/sales/s1", json=SALE)
    answer = await rig.http.post("/v1/sales/s1/customer", json={"key": "+46708888888"},
                                 headers={"Idempotency-Key": uuid.uuid4().hex})
    body = problem_of(answer, 422, "SeveralCustomers")
    assert "window" in body["detail"] and body["errors"][0]["field"] == "key"
    assert "another (her email or card)" in body["detail"]   # a headless till has no window to pick in
    for secret in ("Maja", "Nils", "maja.lind", "nils.lind"):   # nobody's details go to the POS
        assert secret not in answer.text
    session = rig.sessions.get("s1")
    listed = await rig.service.identify("+46708888888")   # the cashier types it in the window and picks her
    await rig.sessions.set_customer(session, (await rig.service.pick(listed.several.candidates[0])).customer)
    state = (await rig.http.get("/v1/sales/s1")).json()
    assert state["customer"]["name"] in ("Maja Lind", "Nils Lind")


async def test_two_members_sharing_a_key_still_ask_for_another_key(rig):
    await rig.http.put("/v1/sales/s1", json=SALE)
    answer = await rig.http.post("/v1/sales/s1/customer", json={"key": "+46709999999"},
                                 headers={"Idempotency-Key": uuid.uuid4().hex})
    assert "email" in problem_of(answer, 422, "SeveralCustomers")["detail"]
