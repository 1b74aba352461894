"""Fidelity (issue 16): a receipt the POS built reaches Engage with every field of Engage's receipt model it carried,
unchanged; what the companion adds is added, never substituted; what breaks Engage's rules is refused with the field.

The oracle is Voyado's own swagger (../shared/voyado-swagger.json, models ``Receipt`` and every model it reaches):
the generated receipts are built field by field from that file when it is beside the checkout (else from the copy
below, taken from it), so a field the swagger has and the generator does not know fails the test. What reaches the
simulator (``sim_state.received.receipts``) is compared with the input, through the passthrough and the journal,
and through ``pos-engage receipt submit`` in a real process against the simulator on loopback.
"""

from __future__ import annotations

import asyncio
import copy
import json
import os
import string
import subprocess
import sys
import uuid
from datetime import datetime, timedelta, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from pos_engage.core.engage import wire
from pos_engage.core.engage.client import EngageClient
from pos_engage.core.engage.wire.common import match_key_to_json
from pos_engage.core.engage.wire.receipt_model import ENUMS, MODELS
from pos_engage.core.errors import InputError
from pos_engage.core.export import xml_export
from pos_engage.core.journal import payloads
from pos_engage.core.journal.store import Journal
from pos_engage.sim.state import DEMO_API_KEY, SimState
from pos_engage.sim.transport import SimTransport

SWAGGER = Path(__file__).resolve().parents[3] / ".." / "shared" / "voyado-swagger.json"
RECEIPT_MODELS = ("Receipt", "ReceiptContact", "ReceiptItem", "ReceiptItemDiscount", "ReceiptPaymentMethod",
                  "ReceiptExtraDataItem", "ReceiptTaxDetail", "ReceiptUsedBonusCheck", "ReceiptUsedPromotion")
# A copy of the swagger's receipt models (field -> required), for a checkout without ../shared.
COPY = {
    "Receipt": {"contact": True, "uniqueReceiptId": True, "receiptNumber": True, "createdDate": True,
                "storeExternalId": True, "currency": True, "totalGrossPrice": True, "paymentMethods": True,
                "items": True, "exchangeRateToGroupCurrency": False, "taxDetails": False, "usedBonusChecks": False,
                "usedPromotions": False, "extraData": False},
    "ReceiptContact": {"matchKey": True, "matchKeyType": True, "contactType": False},
    "ReceiptItem": {"type": True, "sku": True, "quantity": True, "grossPaidPrice": True, "taxAmount": True,
                    "taxPercent": True, "articleNumber": True, "articleName": True, "packQuantity": False,
                    "extraData": False, "articleGroup": False, "marginPercent": False, "awardsBonus": False,
                    "discounts": False},
    "ReceiptItemDiscount": {"value": True, "type": False, "description": False},
    "ReceiptPaymentMethod": {"type": True, "value": True, "description": False, "extraData": False},
    "ReceiptExtraDataItem": {"name": False, "value": False},
    "ReceiptTaxDetail": {"description": False, "value": False, "percent": False, "totalIncludingTax": False,
                         "totalExcludingTax": False},
    "ReceiptUsedBonusCheck": {"checkNumber": False},
    "ReceiptUsedPromotion": {"promotionId": False, "couponId": False},
}


def swagger_fields() -> dict[str, dict[str, bool]]:
    """Each receipt model's fields and whether each is required, from Voyado's swagger when it is here."""
    if not SWAGGER.exists():
        return COPY
    models = json.loads(SWAGGER.read_text(encoding="utf-8"))["models"]
    return {name: {field: spec["required"] for field, spec in models[name]["fields"].items()}
            for name in RECEIPT_MODELS}


FIELDS = swagger_fields()


def test_the_passthroughs_model_is_voyados():
    """wire's own table (what it checks types against) is the swagger's, field for field."""
    assert {m: {f: r for f, (_, _, r) in MODELS[m].items()} for m in RECEIPT_MODELS} == FIELDS
    if SWAGGER.exists():
        models = json.loads(SWAGGER.read_text(encoding="utf-8"))["models"]
        for name in RECEIPT_MODELS:
            for field, spec in models[name]["fields"].items():
                kind, is_list, _ = MODELS[name][field]
                assert (kind, is_list) == (spec["type"], spec["list"]), (name, field)
                if spec.get("enum"):
                    assert ENUMS[kind] == tuple(spec["enum"])


# ------------------------------------------------------------------ generated receipts

IDS = st.text(string.ascii_letters + string.digits + "-_", min_size=1, max_size=16)
# Text a person reads: anything JSON carries but a lone surrogate, with the cases the issue names made likely.
FREE = st.one_of(st.sampled_from(["Mjölk\t1 l", "\u200fשלום\u200f", "Keps 🧢 röd", "a\u202eb", "<&>\"'"]),
                 st.text(st.characters(blacklist_categories=("Cs",)), max_size=24))
NAMES = FREE.filter(lambda t: t.strip() and len(t.strip()) <= 200)
CENTS = st.integers(0, 500_000)
NUMBERS = st.one_of(st.integers(-1000, 1000), st.floats(-1e6, 1e6, allow_nan=False).map(lambda f: round(f, 4)))


def amount(cents: int) -> float:
    return float(Decimal(cents) / 100)


@st.composite
def model(draw, name: str, fill: dict[str, Any]) -> dict[str, Any]:
    """One ``name`` object: required fields always, each optional field or not; ``fill`` gives each field's values
    (a field the swagger has and ``fill`` lacks is a KeyError: the generator must know every field)."""
    body: dict[str, Any] = {}
    for field, required in FIELDS[name].items():
        if required or draw(st.booleans()):
            body[field] = draw(fill[field])
    return body


def extra_data():
    return st.lists(model("ReceiptExtraDataItem", {"name": FREE, "value": FREE}), max_size=3)


@st.composite
def item(draw) -> dict[str, Any]:
    kind = draw(st.sampled_from(ENUMS["ReceiptItemType"]))
    if kind == "PURCHASE":
        quantity = draw(st.one_of(st.integers(1, 50),
                                  st.decimals(Decimal("0.001"), Decimal("99.999"), places=3).map(float)))
        price = amount(draw(CENTS))
    elif kind == "RETURN":  # both conventions: negative quantity (the docs), positive (integrators)
        quantity = draw(st.integers(1, 9)) * draw(st.sampled_from([-1, 1]))
        price = amount(draw(CENTS)) * draw(st.sampled_from([-1, 1]))
    else:
        quantity, price = draw(st.integers(1, 3)), amount(draw(st.integers(-50_000, 50_000)))
    discount = model("ReceiptItemDiscount", {"value": st.integers(-100_000, 0).map(amount), "type": FREE,
                                             "description": FREE})
    return draw(model("ReceiptItem", {
        "type": st.just(kind), "sku": IDS, "quantity": st.just(quantity), "grossPaidPrice": st.just(price),
        "taxAmount": CENTS.map(amount), "taxPercent": st.sampled_from([0, 6, 12, 25, 25.5]),
        "articleNumber": IDS, "articleName": NAMES, "packQuantity": st.floats(0.001, 1000).map(lambda f: round(f, 3)),
        "extraData": extra_data(), "articleGroup": FREE,
        "marginPercent": st.one_of(st.floats(-100, 100).map(lambda f: round(f, 2)), st.just("25.00")),
        "awardsBonus": st.booleans(), "discounts": st.lists(discount, max_size=3)}))


def signed(line: dict[str, Any]) -> Decimal:
    price = Decimal(str(line["grossPaidPrice"]))
    return -abs(price) if line["type"] == "RETURN" else price


@st.composite
def receipts(draw) -> dict[str, Any]:
    """An Engage receipt a POS could build: every optional field of every part present or not."""
    lines = draw(st.lists(item(), min_size=1, max_size=6))
    total = sum((signed(line) for line in lines), Decimal(0))
    cents = int(total * 100)
    cuts = sorted(draw(st.lists(st.integers(0, abs(cents)), max_size=2)))  # split into up to 3 tenders
    parts = [(b - a) * (1 if cents >= 0 else -1) for a, b in zip([0, *cuts], [*cuts, abs(cents)], strict=True)]
    payments = [draw(model("ReceiptPaymentMethod", {
        "type": st.sampled_from(["Card", "Cash", "Swish", "bonuscheck"]), "value": st.just(amount(part)),
        "description": FREE, "extraData": extra_data()})) for part in parts]
    offset = timezone(timedelta(minutes=draw(st.integers(-12 * 60, 14 * 60))))
    created = datetime(2026, 11, 27, 10, 0, tzinfo=offset) + timedelta(seconds=draw(st.integers(0, 86_400)))
    key_type = draw(st.sampled_from([*ENUMS["ReceiptContactMatchKeyType"], "contactId", "email"]))
    return draw(model("Receipt", {
        "contact": model("ReceiptContact", {"matchKey": IDS, "matchKeyType": st.just(key_type),
                                            "contactType": st.sampled_from(["Member", "Contact"])}),
        "uniqueReceiptId": IDS.map(lambda i: f"{i}-{uuid.uuid4().hex[:8]}"), "receiptNumber": IDS,
        "createdDate": st.just(created.isoformat()), "storeExternalId": IDS,
        "currency": st.sampled_from(["SEK", "NOK", "EUR", "sek"]), "totalGrossPrice": st.just(float(total)),
        "paymentMethods": st.just(payments), "items": st.just(lines),
        "exchangeRateToGroupCurrency": st.floats(0.01, 100).map(lambda f: round(f, 6)),
        "taxDetails": st.lists(model("ReceiptTaxDetail", {
            "description": FREE, "value": NUMBERS, "percent": st.sampled_from([0, 6, 12, 25]),
            "totalIncludingTax": NUMBERS, "totalExcludingTax": NUMBERS}), max_size=3),
        "usedBonusChecks": st.lists(model("ReceiptUsedBonusCheck", {"checkNumber": IDS}), max_size=2),
        "usedPromotions": st.lists(model("ReceiptUsedPromotion", {"promotionId": IDS, "couponId": IDS}), max_size=2),
        "extraData": extra_data()}))


# ------------------------------------------------------------------ what the companion adds, as the oracle sees it


@st.composite
def additions(draw, receipt: dict[str, Any]) -> tuple[dict[str, Any], wire.ReceiptAdditions]:
    """A POS receipt before the companion's offers (its payments already the amount after them, as the POS charged),
    and what the companion adds: the customer when the POS named none, offers on purchase lines, the promotions."""
    pos = copy.deepcopy(receipt)
    contact = None
    if draw(st.booleans()):
        contact = {"matchKey": draw(IDS), "matchKeyType": "contactId"}
        del pos["contact"]
    line_discounts: dict[int, tuple[dict[str, Any], ...]] = {}
    cut_total = Decimal(0)
    for index, line in enumerate(pos["items"]):
        price = Decimal(str(line["grossPaidPrice"]))
        if line["type"] == "PURCHASE" and price > 0 and draw(st.booleans()):
            cut = draw(st.integers(1, int(price * 100))) / Decimal(100)
            line_discounts[index] = ({"value": float(-cut), "type": "promotion", "description": "10 % på allt"},)
            cut_total += cut
    if cut_total:  # the POS charged the total after the offers: its first payment was that much less
        pos["paymentMethods"] = copy.deepcopy(pos["paymentMethods"]) or [{"type": "Card", "value": 0}]
        first = pos["paymentMethods"][0]
        first["value"] = float(Decimal(str(first["value"])) - cut_total)
    promotions = tuple({"promotionId": draw(IDS)} for _ in range(len(line_discounts)))
    return pos, wire.ReceiptAdditions(contact=contact, line_discounts=line_discounts, used_promotions=promotions)


def expected(pos: dict[str, Any], added: wire.ReceiptAdditions) -> dict[str, Any]:
    """The POS's receipt plus the additions, written out field by field (independent of the passthrough's code)."""
    out = copy.deepcopy(pos)
    if added.contact is not None and "contact" not in out:
        out["contact"] = dict(added.contact)
    cut_total = Decimal(0)
    for index, discounts in added.line_discounts.items():
        line = out["items"][index]
        cut = sum((Decimal(str(d["value"])) for d in discounts), Decimal(0))
        line["discounts"] = [*line.get("discounts", []), *discounts]
        line["grossPaidPrice"] = Decimal(str(line["grossPaidPrice"])) + cut
        line.pop("taxAmount")  # Engage's VAT of what is now paid: checked separately
        cut_total += cut
    out["totalGrossPrice"] = Decimal(str(out["totalGrossPrice"])) + cut_total
    for promotion in added.used_promotions:  # one the receipt lists already is not listed twice
        if all(p.get("promotionId") != promotion["promotionId"] for p in out.get("usedPromotions", [])):
            out["usedPromotions"] = [*out.get("usedPromotions", []), dict(promotion)]
    return out


def same(sent: dict[str, Any], wanted: dict[str, Any], added: wire.ReceiptAdditions) -> None:
    got = copy.deepcopy(sent)
    for index in added.line_discounts:
        line = got["items"][index]
        gross, rate = Decimal(str(line["grossPaidPrice"])), Decimal(str(line["taxPercent"])) / 100
        assert Decimal(str(line.pop("taxAmount"))) == (gross - gross / (1 + rate)).quantize(Decimal("0.01"))
        line["grossPaidPrice"] = gross
    got["totalGrossPrice"] = Decimal(str(got["totalGrossPrice"]))
    assert got == wanted


# ------------------------------------------------------------------ through the passthrough, the journal, the client


def deliver(state: SimState, body: dict[str, Any]) -> dict[str, Any]:
    """``body`` sent as the replayer sends a journaled receipt; what the simulator booked."""
    async def send() -> None:
        async with EngageClient("https://engage.test", DEMO_API_KEY, transport=SimTransport(state)) as client:
            await client.post_receipt_body(body)
    asyncio.run(send())
    return state.received.receipts[body["uniqueReceiptId"]]


def test_every_field_the_pos_wrote_reaches_engage_unchanged(tmp_path):
    state = SimState(seed=7)
    with Journal.open(tmp_path / "journal.sqlite3") as journal:

        @settings(max_examples=150, deadline=None)
        @given(receipts())
        def check(receipt):
            before = copy.deepcopy(receipt)
            assert wire.receipt_passthrough(receipt) == receipt and receipt == before  # nothing added, nothing changed
            raw = wire.read_receipt(receipt)
            (entry,) = journal.record([payloads.receipt(raw.receipt)])
            journaled = journal.get(entry.id).payload["receipt"]  # read back from SQLite
            assert journaled == receipt
            assert deliver(state, journaled) == receipt

        check()


def test_what_the_companion_adds_is_added_never_substituted():
    state = SimState(seed=7)

    @settings(max_examples=150, deadline=None)
    @given(st.data())
    def check(data):
        pos, added = data.draw(additions(data.draw(receipts())))
        body = wire.receipt_passthrough(pos, additions=added)
        same(body, expected(pos, added), added)
        same(deliver(state, body), expected(pos, added), added)

    check()


def test_a_receipt_with_every_optional_field_keeps_each_one():
    """The fields a POS's receipt lost on the way to Engage before issue 16, each kept."""
    receipt = full_receipt()
    state = SimState(seed=7)
    booked = deliver(state, payloads.receipt(wire.receipt_from_json(receipt)).payload["receipt"])
    assert booked == receipt
    for path in ("taxDetails", "extraData", "exchangeRateToGroupCurrency", "items.0.marginPercent",
                 "items.0.packQuantity", "items.0.articleGroup", "items.0.extraData", "items.0.discounts",
                 "paymentMethods.0.extraData", "usedPromotions.0.couponId", "usedPromotions", "usedBonusChecks"):
        assert dig(booked, path) == dig(receipt, path) is not None, path


def dig(body: Any, path: str) -> Any:
    for step in path.split("."):
        body = body[int(step)] if step.isdigit() else body.get(step)
    return body


def full_receipt(**changes) -> dict[str, Any]:
    body = {
        "contact": {"matchKey": "4711", "matchKeyType": "MemberNumber", "contactType": "Member"},
        "uniqueReceiptId": f"pos-{uuid.uuid4().hex[:8]}", "receiptNumber": "77",
        "createdDate": "2026-11-27T10:00:00+01:00", "storeExternalId": "12", "currency": "SEK",
        "exchangeRateToGroupCurrency": 1.0, "totalGrossPrice": 112.35,
        "paymentMethods": [{"type": "Card", "value": 100.0, "description": "Debit",
                            "extraData": [{"name": "cardIssuer", "value": "Visa"}]},
                           {"type": "Cash", "value": 12.35}],
        "items": [{"type": "PURCHASE", "sku": "1001", "articleNumber": "A-1001", "articleName": "Tröja\tblå",
                   "articleGroup": "Tops", "quantity": 3, "grossPaidPrice": 100.0, "taxAmount": 20.0,
                   "taxPercent": 25.0, "packQuantity": 1.0, "marginPercent": "25.00", "awardsBonus": False,
                   "extraData": [{"name": "size", "value": "M"}],
                   "discounts": [{"value": -20.0, "type": "pos", "description": "3 för 2 \u200fמבצע"}]},
                  {"type": "PURCHASE", "sku": "2002", "articleNumber": "2002", "articleName": "Ost 🧀 (vägd)",
                   "quantity": 0.348, "grossPaidPrice": 12.35, "taxAmount": 0.7, "taxPercent": 6}],
        "taxDetails": [{"description": "Moms 25 %", "value": 20.0, "percent": 25, "totalIncludingTax": 100.0,
                        "totalExcludingTax": 80.0}],
        "usedPromotions": [{"promotionId": "p-1", "couponId": "c-9"}],
        "usedBonusChecks": [{"checkNumber": "2342"}],
        "extraData": [{"name": "posTerminal", "value": "3"}],
    }
    return body | changes


# ------------------------------------------------------------------ refused with the field and the reason


@pytest.mark.parametrize(("change", "field", "words"), [
    (lambda r: r["items"][0].update(quantity=-1), "items[0].quantity", "PURCHASE"),
    (lambda r: r["items"][0].update(quantity=0), "items[0].quantity", "not 0"),
    (lambda r: r["paymentMethods"][1].update(value=12.34), "paymentMethods", "add up to 112.34"),
    (lambda r: r.update(totalGrossPrice=112.5), "totalGrossPrice", "sum of the lines"),
    (lambda r: r["items"][0].update(grossPaidPrice="100.00"), "items[0].grossPaidPrice", "number"),
    (lambda r: r["items"][0]["discounts"][0].update(value=20.0), "items[0].discounts[0].value", "negative"),
    (lambda r: r["items"][1].update(articleName="Ost \ud800"), "items[1].articleName", "surrogate"),
    (lambda r: r["items"][1].update(quantity="0.348"), "items[1].quantity", "number"),
    (lambda r: r["items"][0].update(type="GIFT"), "items[0].type", "PURCHASE, RETURN, ADJUSTMENT"),
    (lambda r: r.update(taxDetails={"value": 1}), "taxDetails", "list"),
])
def test_what_breaks_engages_rules_is_refused_naming_the_field_never_changed(change, field, words):
    receipt = full_receipt()
    change(receipt)
    before = copy.deepcopy(receipt)
    with pytest.raises(InputError) as refused:
        wire.receipt_passthrough(receipt)
    assert refused.value.field == field and words in str(refused.value) and field in str(refused.value)
    assert receipt == before


def test_a_return_and_weighed_goods_and_three_for_one_hundred_pass_as_written():
    receipt = full_receipt()
    assert wire.receipt_passthrough(receipt)["items"][0]["grossPaidPrice"] == 100.0
    assert wire.receipt_passthrough(receipt)["items"][1]["quantity"] == 0.348
    refund = full_receipt(totalGrossPrice=-100.0, paymentMethods=[{"type": "Card", "value": -100.0}],
                          items=[{**full_receipt()["items"][0], "type": "RETURN", "quantity": -3}])
    assert wire.receipt_passthrough(refund) == refund


def test_another_customer_than_the_one_the_pos_named_is_refused():
    added = wire.ReceiptAdditions(contact={"matchKey": "someone-else", "matchKeyType": "contactId"})
    with pytest.raises(InputError) as refused:
        wire.receipt_passthrough(full_receipt(), additions=added)
    assert refused.value.field == "contact"
    same_person = wire.ReceiptAdditions(contact={"matchKey": "4711", "matchKeyType": "contactId"})
    assert wire.receipt_passthrough(full_receipt(), additions=same_person)["contact"]["matchKeyType"] == "MemberNumber"


# ------------------------------------------------------------------ the XML export: what a file cannot carry


def test_the_xml_export_names_the_field_a_character_it_cannot_carry_is_in():
    readable = full_receipt()
    fragment = xml_export.transaction_fragment(wire.receipt_passthrough(readable))
    names = [e.text for e in fragment.iter(f"{{{xml_export.TRANSACTIONS_NS}}}articleName")]
    assert names == ["Tröja\tblå", "Ost 🧀 (vägd)"]  # a tab, emoji, RTL marks: written as they are
    broken = full_receipt()
    broken["items"][1]["articleName"] = "Ost\x01"
    body = wire.receipt_passthrough(broken)  # Engage's API carries it: passed on unchanged
    assert body["items"][1]["articleName"] == "Ost\x01"
    with pytest.raises(xml_export.NotExportable) as refused:
        xml_export.transaction_fragment(body)
    assert "items[1].articleName" in str(refused.value) and "U+0001" in str(refused.value)
    broken = full_receipt()
    broken["paymentMethods"][0]["description"] = "\x1b[0m"
    with pytest.raises(xml_export.NotExportable, match=r"paymentMethods\[0\]\.description"):
        xml_export.transaction_fragment(wire.receipt_passthrough(broken))


# ------------------------------------------------------------------ pos-engage receipt submit, a real process


@pytest.fixture
def submit_env(tmp_path, sim_server):
    config = tmp_path / "config.json"
    config.write_text(json.dumps({"store_external_id": "42", "till_id": "7",
                                  "engage": {"base_url": sim_server.base_url, "timeout_background": 5.0},
                                  "journal": {"retry_schedule": [0.05]}}))
    return tmp_path, os.environ | {"POS_ENGAGE_CONFIG": str(config), "POS_ENGAGE_DATA_DIR": str(tmp_path / "data"),
                                   "POS_ENGAGE_API_KEY": "sim-demo-key"}


def submit(folder: Path, env: dict[str, str], receipt: Any) -> subprocess.CompletedProcess:
    path = folder / f"receipt-{uuid.uuid4().hex[:6]}.json"
    path.write_text(json.dumps(receipt), encoding="utf-8")
    return subprocess.run([sys.executable, "-m", "pos_engage", "receipt", "submit", str(path)], env=env,
                          capture_output=True, text=True, timeout=60)


def needs_rate(receipt: dict) -> bool:
    """A receipt in a currency other than the till's (SEK, also its group's) that carries no rate to the group's:
    the doors refuse it (core/config.rate_unknown), as Engage would count it in kronor as it is."""
    return receipt["currency"].upper() != "SEK" and "exchangeRateToGroupCurrency" not in receipt


@pytest.mark.network
def test_receipt_submit_delivers_every_field_unchanged(submit_env, sim_state):
    folder, env = submit_env

    @settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
    @given(receipts())
    def check(receipt):
        result = submit(folder, env, receipt)
        if needs_rate(receipt):   # the till (SEK, its group's too) knows no rate for it: refused, naming the field
            assert result.returncode == 2 and "exchangeRateToGroupCurrency" in result.stderr
            assert receipt["uniqueReceiptId"] not in sim_state.received.receipts
            return
        assert result.returncode == 0 and "sent to Engage" in result.stdout, result.stderr
        assert sim_state.received.receipts[receipt["uniqueReceiptId"]] == receipt

    check()


@pytest.mark.network
def test_receipt_submit_refuses_a_negative_purchase_by_its_field_and_passes_a_tab(submit_env, sim_state):
    folder, env = submit_env
    bad = full_receipt()
    bad["items"][0]["quantity"] = -1
    refused = submit(folder, env, bad)
    assert refused.returncode == 2 and "items[0].quantity" in refused.stderr and "PURCHASE" in refused.stderr
    assert sim_state.received.receipts == {}
    good = full_receipt()
    result = submit(folder, env, good)
    assert result.returncode == 0, result.stderr
    assert sim_state.received.receipts[good["uniqueReceiptId"]]["items"][0]["articleName"] == "Tröja\tblå"


# ------------------------------------------------------------------ a receipt file in the inbox, finished at the till

ANNA = "anna.andersson@example.se"


@pytest.fixture
async def till(tmp_path):
    """A till on the simulator (in process), its journal a real SQLite file."""
    import random

    from pos_engage.core.config import Config
    from pos_engage.core.engage.online import OnlineMonitor
    from pos_engage.core.journal.replayer import Replayer
    from pos_engage.core.till.service import TillService

    state = SimState(seed=7)
    monitor = OnlineMonitor(probe_interval=0.0)
    async with EngageClient("https://engage.test", DEMO_API_KEY, transport=SimTransport(state),
                            monitor=monitor) as client:
        with Journal.open(tmp_path / "journal.sqlite3") as journal:
            replayer = Replayer(journal, client, monitor=monitor, rate_per_second=None, schedule=(0.0,),
                                rng=random.Random(1))
            service = TillService(Config(store_external_id="12", till_id="7"), client, journal, replayer)
            try:
                yield service, state
            finally:
                await service.redemptions_settled()


def inbox_receipt() -> dict[str, Any]:
    """What a POS drops: 3 articles for 100.00 with its own line discount, paid 100.00; no customer yet."""
    body = full_receipt(totalGrossPrice=100.0, paymentMethods=[
        {"type": "Card", "value": 100.0, "extraData": [{"name": "cardIssuer", "value": "Visa"}]}])
    body["items"] = body["items"][:1]
    del body["contact"]
    return body


async def test_a_receipt_file_of_three_for_one_hundred_is_finished_as_the_pos_wrote_it(till, tmp_path):
    from pos_engage.core.till.inbox import Inbox

    service, state = till
    inbox = Inbox(tmp_path / "inbox")
    pos = inbox_receipt()
    (tmp_path / "inbox" / "sale.json").write_text(json.dumps(pos), encoding="utf-8")
    item, rejected = inbox.take()
    assert rejected == [] and item.basket.total == Decimal("100.00")  # never 3 x 33.33
    assert item.basket.lines[0].name == "Tröja blå"  # the screen shows a space; the receipt keeps the tab
    anna = (await service.identify(ANNA)).customer
    sale = await service.commit(item.basket, anna, finish_receipt=item.finish_receipt)
    await service.deliver_now()
    booked = state.received.receipts[sale.receipt_id]
    contact = match_key_to_json(anna.match_key_with(service.config.engage.match_key_types))
    assert booked == pos | {"contact": contact}  # the POS's receipt, every field, and the customer added


async def test_an_offer_on_a_receipt_file_is_added_beside_the_pos_discount(till, tmp_path):
    from pos_engage.core.till.inbox import Inbox

    service, state = till
    inbox = Inbox(tmp_path / "inbox")
    pos = inbox_receipt()
    (tmp_path / "inbox" / "sale.json").write_text(json.dumps(pos), encoding="utf-8")
    item, _ = inbox.take()
    anna = (await service.identify(ANNA)).customer
    offer = next(p for p in anna.promotions if p.pos_channel.value_type.value == "PERCENT")
    service.apply(item.basket, offer, anna)
    item.basket.remove_payments()  # the total changed: the cashier takes the payment again
    sale = await service.commit(item.basket, anna, finish_receipt=item.finish_receipt)
    await service.deliver_now()
    booked = state.received.receipts[sale.receipt_id]
    line = booked["items"][0]
    assert line["discounts"][0] == pos["items"][0]["discounts"][0]  # the POS's own, kept first
    assert line["discounts"][1]["type"] == "promotion" and line["discounts"][1]["value"] < 0
    paid = Decimal(str(line["grossPaidPrice"]))
    assert paid == Decimal("100") + Decimal(str(line["discounts"][1]["value"])) == sale.total
    assert [p["value"] for p in booked["paymentMethods"]] == [float(sale.total)]  # taken again at the till
    assert {"promotionId": offer.promotion_id} in booked["usedPromotions"]
    assert booked["usedPromotions"][0] == pos["usedPromotions"][0]  # the POS's, with its couponId
    for name in ("taxDetails", "extraData", "exchangeRateToGroupCurrency", "receiptNumber", "createdDate"):
        assert booked[name] == pos[name], name
    for name in ("marginPercent", "packQuantity", "articleGroup", "extraData", "articleName", "quantity"):
        assert line[name] == pos["items"][0][name], name


# ------------------------------------------------------------------ POST /v1/receipts, over real loopback HTTP


def test_post_v1_receipts_delivers_every_field_unchanged(tmp_path):
    """The POS link served on 127.0.0.1 (uvicorn) over a till wired to the simulator, a new server per example."""
    from tests.link.conftest import served

    tenant = SimState(seed=7, api_keys=("till-a",))

    @settings(max_examples=25, deadline=None)
    @given(receipts())
    def check(receipt):
        async def post() -> None:
            async with served(tenant, tmp_path / "journal.sqlite3") as rig:
                answer = await rig.http.post("/v1/receipts", json=receipt,
                                             headers={"Idempotency-Key": uuid.uuid4().hex})
                if needs_rate(receipt):   # the till knows no rate for its currency: refused, naming the field
                    assert answer.status_code == 422
                    assert [e["field"] for e in answer.json()["errors"]] == ["exchangeRateToGroupCurrency"]
                    return
                assert answer.status_code == 201, answer.text
                await rig.service.deliver_now()
        asyncio.run(post())
        if not needs_rate(receipt):
            assert tenant.received.receipts[receipt["uniqueReceiptId"]] == receipt

    check()


def test_post_v1_receipts_refuses_a_negative_purchase_naming_the_field(tmp_path):
    from tests.link.conftest import served

    tenant = SimState(seed=7, api_keys=("till-a",))
    bad = full_receipt()
    bad["items"][0]["quantity"] = -1

    async def post():
        async with served(tenant, tmp_path / "journal.sqlite3") as rig:
            return await rig.http.post("/v1/receipts", json=bad, headers={"Idempotency-Key": uuid.uuid4().hex})
    answer = asyncio.run(post())
    assert answer.status_code == 422 and answer.headers["content-type"] == "application/problem+json"
    assert [e["field"] for e in answer.json()["errors"]] == ["items[0].quantity"]
    assert "PURCHASE" in answer.json()["detail"]
    assert tenant.received.receipts == {}


@pytest.mark.parametrize(("change", "field"), [
    (lambda b: b.update(createdDate="2026-11-27 10:00:00+01:00"), "createdDate"),  # ISO 8601, not xs:dateTime
    (lambda b: b["items"][0]["extraData"].append({"value": "no name"}), "items[0].extraData[1]"),
    (lambda b: b["items"][1].update(articleGroup="g" * 300), "items[1].articleGroup"),
])
def test_what_the_file_schema_cannot_take_stays_queued_naming_the_field(change, field):
    """The API takes these as the POS wrote them; the file would fail whole, so the one receipt is refused."""
    body = wire.receipt_passthrough(full_receipt())
    change(body)
    assert wire.receipt_passthrough(body) == body
    with pytest.raises(xml_export.NotExportable) as refused:
        xml_export.transaction_fragment(body)
    assert str(refused.value).startswith(f"{field} cannot be written")


def test_the_xml_export_carries_every_field_of_the_pos_receipt():
    body = wire.receipt_passthrough(full_receipt())
    fragment = xml_export.transaction_fragment(body)
    ns = {"t": xml_export.TRANSACTIONS_NS}
    assert fragment.findtext("t:exchangeRateToGroupCurrency", namespaces=ns) == "1.0"
    assert fragment.findtext("t:taxDetails/t:taxDetail/t:totalExcludingTax", namespaces=ns) == "80.0"
    assert fragment.find("t:extraData/t:item", ns).attrib["name"] == "posTerminal"
    assert fragment.find("t:paymentMethods/t:paymentMethod/t:extraData/t:item", ns).text == "Visa"
    first = fragment.find("t:items/t:item", ns)
    assert (first.findtext("t:packQuantity", namespaces=ns), first.findtext("t:marginPercent", namespaces=ns)) == (
        "1.0", "25.00")
    assert fragment.findtext("t:items/t:item[2]/t:quantity", namespaces=ns) == "0.348"
    assert fragment.findtext("t:usedPromotions/t:usedPromotion/t:couponId", namespaces=ns) == "c-9"
    assert fragment.findtext("t:usedBonusChecks/t:usedBonusCheck/t:checkNumber", namespaces=ns) == "2342"


@settings(max_examples=150, deadline=None)
@given(receipts())
def test_every_receipt_the_passthrough_takes_is_written_or_refused_by_the_export_naming_a_field(receipt):
    body = wire.receipt_passthrough(receipt)
    problem = None
    try:
        fragment = xml_export.transaction_fragment(body)
    except xml_export.NotExportable as refused:  # a character or a length only a file cannot take
        problem = str(refused)
    if problem is None:
        assert xml_export.schema("transactions").validate(fragment.getparent())
    else:
        assert " holds U+" in problem or "cannot be written" in problem


def named_receipt(email: str) -> dict[str, Any]:
    """A receipt file whose POS names its customer by her email (a store-style review found both cases below)."""
    return {**inbox_receipt(), "contact": {"matchKey": email, "matchKeyType": "Email"}}


async def test_a_receipt_file_naming_its_customer_reaches_engage_with_nobody_identified(till, tmp_path):
    # Before: counted as a sale without a customer and never sent, although the POS named her.
    from pos_engage.core.till.inbox import Inbox

    service, state = till
    pos = named_receipt(ANNA)
    (tmp_path / "inbox").mkdir(exist_ok=True)
    (tmp_path / "inbox" / "sale.json").write_text(json.dumps(pos), encoding="utf-8")
    item, _ = Inbox(tmp_path / "inbox").take()
    sale = await service.commit(item.basket, None, finish_receipt=item.finish_receipt)
    assert sale.posted
    await service.deliver_now()
    assert state.received.receipts[sale.receipt_id] == pos   # every field, the contact as the POS wrote it


async def test_a_receipt_file_naming_the_identified_customer_by_another_key_is_hers(till, tmp_path):
    # Before: the till's contact id and the POS's email were compared as text: "another customer", nothing sent.
    from pos_engage.core.till.inbox import Inbox

    service, state = till
    pos = named_receipt(ANNA.upper())   # Engage compares keys case-insensitively
    (tmp_path / "inbox").mkdir(exist_ok=True)
    (tmp_path / "inbox" / "sale.json").write_text(json.dumps(pos), encoding="utf-8")
    item, _ = Inbox(tmp_path / "inbox").take()
    anna = (await service.identify(ANNA)).customer
    assert anna.match_key_with(service.config.engage.match_key_types).value != ANNA   # the till books by her id
    offer = next(p for p in anna.promotions if p.pos_channel.value_type.value == "PERCENT")
    service.apply(item.basket, offer, anna)
    item.basket.remove_payments()
    sale = await service.commit(item.basket, anna, finish_receipt=item.finish_receipt)
    await service.deliver_now()
    booked = state.received.receipts[sale.receipt_id]
    assert booked["contact"] == pos["contact"]   # the POS's, unchanged
    assert {"promotionId": offer.promotion_id} in booked["usedPromotions"]


async def test_a_receipt_file_naming_someone_else_than_the_identified_customer_is_refused(till, tmp_path):
    from pos_engage.core.till.inbox import Inbox

    service, state = till
    (tmp_path / "inbox").mkdir(exist_ok=True)
    (tmp_path / "inbox" / "sale.json").write_text(json.dumps(named_receipt("someone.else@example.se")),
                                                  encoding="utf-8")
    item, _ = Inbox(tmp_path / "inbox").take()
    anna = (await service.identify(ANNA)).customer
    with pytest.raises(InputError, match="another customer"):
        await service.commit(item.basket, anna, finish_receipt=item.finish_receipt)
    assert state.received.receipts == {}
