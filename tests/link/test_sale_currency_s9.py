"""A sale in a currency other than the till's reaches Engage with its rate to the group currency, or is refused
naming the field (a POS integrator's review: a EUR sale on a SEK till was committed and sent with no
exchangeRateToGroupCurrency, so Engage would count euros as kronor). The till knows the rate of its own currency
(configured); none is needed in the group's own currency; any other the POS gives with its commit or receipt.
Over loopback HTTP against the simulator."""

from __future__ import annotations

from dataclasses import replace

from pos_engage.core.journal.entry import EntryKind
from pos_engage.core.till.pos_commit_input import created_now
from tests.link.conftest import served
from tests.link.test_bad_input import problem_of


def sale(currency: str) -> dict:
    return {"currency": currency, "lines": [
        {"lineId": "1", "sku": "1", "name": "Scarf", "quantity": 1, "lineTotal": 4990, "vatPercent": 24}]}


def commit(number: str, **extra) -> dict:
    return {"receiptNumber": number, "createdDate": created_now(), "total": 4990,
            "payments": [{"method": "Card", "amount": 4990}], **extra}


async def committed_receipt(rig, sale_id: str, body: dict) -> dict:
    answer = await rig.http.post(f"/v1/sales/{sale_id}/commit", json=body, headers={"Idempotency-Key": sale_id})
    assert answer.status_code == 200, answer.text
    return rig.service.journal.get(answer.json()["receipt"]["journalEntries"][0]).payload["receipt"]


async def test_a_sale_in_a_currency_the_till_has_no_rate_for_needs_the_pos_rate(tenant, tmp_path):
    async with served(tenant, tmp_path / "journal.sqlite3", anonymous_contact="walk-in") as rig:   # a SEK till
        assert (await rig.http.put("/v1/sales/eur", json=sale("EUR"))).status_code == 200
        refused = problem_of(await rig.http.post("/v1/sales/eur/commit", json=commit("E1"),
                                                 headers={"Idempotency-Key": "e1"}), 422, "InvalidCommit")
        assert [e["field"] for e in refused["errors"]] == ["exchangeRateToGroupCurrency"]
        assert "EUR" in refused["detail"] and "SEK" in refused["detail"] and refused["errors"][0]["reason"]
        assert rig.service.journal.count(kinds=[EntryKind.RECEIPT]) == 0
        receipt = await committed_receipt(rig, "eur", commit("E1", exchangeRateToGroupCurrency=11.42))
        assert (receipt["currency"], receipt["exchangeRateToGroupCurrency"]) == ("EUR", 11.42)
        # the till's own currency needs nothing from the POS: the group's is the till's
        assert (await rig.http.put("/v1/sales/sek", json=sale("SEK"))).status_code == 200
        assert "exchangeRateToGroupCurrency" not in await committed_receipt(rig, "sek", commit("S1"))


async def test_the_tills_rate_goes_with_its_own_currency_only(tenant, tmp_path):
    async with served(tenant, tmp_path / "journal.sqlite3", anonymous_contact="walk-in") as rig:
        rig.service.config = replace(rig.service.config, currency="SEK", group_currency="EUR",
                                     exchange_rate_to_group_currency=0.087)
        for sale_id, currency in (("sek", "SEK"), ("eur", "EUR")):
            assert (await rig.http.put(f"/v1/sales/{sale_id}", json=sale(currency))).status_code == 200
        assert (await committed_receipt(rig, "sek", commit("S1")))["exchangeRateToGroupCurrency"] == 0.087
        # a sale in the group's own currency: no rate (the till's is kronor's, not euros')
        assert "exchangeRateToGroupCurrency" not in await committed_receipt(rig, "eur", commit("E1"))


async def test_a_finished_receipt_in_another_currency_needs_its_rate(tenant, tmp_path):
    receipt = {"uniqueReceiptId": "12-till-a-x1", "receiptNumber": "X1", "createdDate": created_now(),
               "storeExternalId": "12", "currency": "EUR",
               "contact": {"matchKey": "walk-in", "matchKeyType": "ExternalId"},
               "totalGrossPrice": 49.9, "paymentMethods": [{"type": "Card", "value": 49.9}],
               "items": [{"type": "PURCHASE", "sku": "1", "articleName": "Scarf", "quantity": 1,
                          "grossPaidPrice": 49.9, "taxAmount": 9.66, "taxPercent": 24}]}
    async with served(tenant, tmp_path / "journal.sqlite3") as rig:
        refused = problem_of(await rig.http.post("/v1/receipts", json=receipt, headers={"Idempotency-Key": "x1"}),
                             422, "InvalidInput")
        assert [e["field"] for e in refused["errors"]] == ["exchangeRateToGroupCurrency"]
        assert rig.service.journal.count() == 0
        answer = await rig.http.post("/v1/receipts", json={**receipt, "exchangeRateToGroupCurrency": 11.42},
                                     headers={"Idempotency-Key": "x2"})
        assert answer.status_code == 201, answer.text
        stored = rig.service.journal.get(answer.json()["journalEntries"][0]).payload["receipt"]
        assert stored["exchangeRateToGroupCurrency"] == 11.42
