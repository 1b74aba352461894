"""A POS vendor's integrator (R16) went through the contract's bad-input list over loopback HTTP. What it found:

- an Idempotency-Key with a space (``a b``) was refused as not "1 to 255 printable ASCII characters", which it is
  (the space is printable ASCII): the detail now says what the docs say, no spaces, so the POS can act on it."""

from __future__ import annotations

import pytest

from tests.link.test_bad_input import SALE, problem_of


@pytest.mark.parametrize("bad", ["a b", "x" * 256, "tab\tkey"])
async def test_a_refused_idempotency_key_says_spaces_are_not_taken(rig, bad):
    await rig.http.put("/v1/sales/k1", json=SALE)
    body = problem_of(await rig.http.post("/v1/sales/k1/void", headers={"Idempotency-Key": bad}), 400,
                      "InvalidIdempotencyKey")
    assert "without spaces" in body["detail"], body["detail"]
