"""503 with Retry-After ("not ready yet", docs/pos-link.md) is what the link answers when the till cannot write its
journal, and the OpenAPI document says so on every route, so a POS generated from it knows to retry."""

from __future__ import annotations

import uuid

from pos_engage.core.office.entries import JournalError
from pos_engage.link.openapi import document

SALE = {"currency": "SEK", "lines": [
    {"lineId": "1", "sku": "1001", "name": "T-shirt", "quantity": 1, "lineTotal": 19900, "vatPercent": 25}]}


def test_every_route_documents_503_with_retry_after():
    built = document()
    not_ready = built["components"]["responses"]["NotReady"]
    assert "Retry-After" in not_ready["headers"]
    assert "application/problem+json" in not_ready["content"]
    for path, item in built["paths"].items():
        for method, operation in item.items():
            assert operation["responses"]["503"] == {"$ref": "#/components/responses/NotReady"}, (method, path)


async def test_a_journal_that_cannot_be_written_answers_503_with_retry_after_and_the_retry_works(rig, monkeypatch):
    put = rig.sessions.put

    async def full_disk(*args, **kwargs):
        raise JournalError("database or disk is full")

    monkeypatch.setattr(rig.sessions, "put", full_disk)
    answer = await rig.http.put("/v1/sales/s1", json=SALE)
    assert answer.status_code == 503 and answer.headers["content-type"] == "application/problem+json"
    assert int(answer.headers["retry-after"]) > 0 and answer.json()["code"] == "JournalUnavailable"
    assert "disk" not in answer.text                    # the cashier's words; the log has the cause

    monkeypatch.setattr(rig.sessions, "put", put)
    assert (await rig.http.put("/v1/sales/s1", json=SALE)).status_code == 200
    key = {"Idempotency-Key": uuid.uuid4().hex}
    assert (await rig.http.post("/v1/sales/s1/void", headers=key)).json()["status"] == "voided"
