"""A POS vendor's integrator (R16) went through the contract's bad-input list over loopback HTTP. What it found:

- an Idempotency-Key with a space (``a b``) was refused as not "1 to 255 printable ASCII characters", which it is
  (the space is printable ASCII): the detail now says what the docs say, no spaces, so the POS can act on it;
- an offer the customer's earlier sale redeemed was a 404 OfferNotFound, which the docs' row did not say (it read
  as the OfferAlreadyUsed case);
- the README did not say how to see that the receipt reached Engage under `serve --demo`, nor that no inbox folder
  is set by default (the folder protocol then reads nothing)."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from pos_engage.core.till.pos_commit_input import created_now
from tests.link.conftest import ANNA
from tests.link.test_bad_input import SALE, problem_of

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text(encoding="utf-8")
DOCS = (ROOT / "docs" / "pos-link.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("bad", ["a b", "x" * 256, "tab\tkey"])
async def test_a_refused_idempotency_key_says_spaces_are_not_taken(rig, bad):
    await rig.http.put("/v1/sales/k1", json=SALE)
    body = problem_of(await rig.http.post("/v1/sales/k1/void", headers={"Idempotency-Key": bad}), 400,
                      "InvalidIdempotencyKey")
    assert "without spaces" in body["detail"], body["detail"]


async def test_an_offer_redeemed_by_a_committed_sale_is_not_found_as_the_docs_say(rig):
    await rig.http.put("/v1/sales/k2", json=SALE)
    state = (await rig.http.post("/v1/sales/k2/customer", json={"key": ANNA})).json()
    offer = next(o["offerId"] for o in state["offers"] if o["title"] == "50 kr off your purchase")
    state = (await rig.http.post(f"/v1/sales/k2/offers/{offer}")).json()
    to_pay = state["totals"]["toPay"]
    committed = await rig.http.post("/v1/sales/k2/commit", headers={"Idempotency-Key": "k2"}, json={
        "receiptNumber": "k2", "createdDate": created_now(), "total": to_pay,
        "payments": [{"method": "Card", "amount": to_pay}]})
    assert committed.json()["status"] == "committed"
    await rig.http.put("/v1/sales/k3", json=SALE)
    await rig.http.post("/v1/sales/k3/customer", json={"key": ANNA})
    problem_of(await rig.http.post(f"/v1/sales/k3/offers/{offer}"), 404, "OfferNotFound")
    row = next(line for line in DOCS.splitlines() if line.startswith("| `OfferNotFound`"))
    assert "redeemed already" in row   # what the POS got: the docs' row for it says why


def test_the_readme_says_how_to_see_the_receipt_reached_engage_and_that_folders_need_an_inbox():
    integrators = README.split("## For POS integrators", 1)[1].split("\n## ", 1)[0]
    assert "`.venv/bin/pos-engage --demo journal list`" in integrators
    snippet = re.search(r'`(\{"till": \{"inbox_dir": [^`]*\}\})`', integrators)
    assert snippet and json.loads(snippet.group(1))["till"]["inbox_dir"]
    assert "none is set by default" in integrators


def test_the_command_the_readme_names_lists_the_demo_journal(tmp_path):
    env = {**os.environ, "HOME": str(tmp_path), "POS_ENGAGE_DATA_DIR": str(tmp_path / "data")}
    done = subprocess.run([sys.executable, "-m", "pos_engage", "--demo", "journal", "list"], env=env,
                          capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stderr
