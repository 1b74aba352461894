"""What the POS link's docs promise a POS vendor, held to the code (helper D wrote a POS from the docs alone and
found where they left him guessing): every problem ``code`` the code can answer is in docs/pos-link.md's table
(read from the source, so a new code cannot go undocumented), every member a problem carries and every field the
state sends is declared in the OpenAPI, and the limits, the receipts route's major units, cash change, offers that
take nothing off and the retry of a commit behave as the docs say. Over real loopback HTTP against the simulator."""

from __future__ import annotations

import ast
import asyncio
import copy
import inspect
import json
import os
import re
import socket
import stat
import time
import uuid
from pathlib import Path

import jsonschema
import pytest

from pos_engage.core.journal.entry import EntryKind
from pos_engage.core.till.pos_commit_input import created_now
from pos_engage.link import app, schemas
from pos_engage.link.openapi import document
from tests.link.conftest import ANNA, served
from tests.link.test_bad_input import problem_of

ROOT = Path(__file__).resolve().parents[2]
DOC = (ROOT / "docs" / "pos-link.md").read_text(encoding="utf-8")
README = (ROOT / "README.md").read_text(encoding="utf-8")
PACKAGE = ROOT / "pos_engage"
# Where the link's answers come from: the link itself, the till's sale sessions, the POS's input and files, strict
# JSON, and the receipts the POS builds (the brief of helper E, and core/till/receipts.py for ReceiptIdUsed).
SOURCES = sorted({*(PACKAGE / "link").glob("*.py"), *(PACKAGE / "core" / "till").glob("session*.py"),
                  *(PACKAGE / "core" / "till").glob("pos_*.py"), PACKAGE / "core" / "till" / "sale_session.py",
                  PACKAGE / "core" / "till" / "sale_files.py", PACKAGE / "core" / "till" / "receipts.py"})
CODE = re.compile(r"[A-Z][A-Za-z]+")


def key() -> dict[str, str]:
    return {"Idempotency-Key": uuid.uuid4().hex}


# ---------------------------------------------------------------------- the codes in the source


def _strings(node: ast.AST) -> set[str]:
    return {n.value for n in ast.walk(node) if isinstance(n, ast.Constant) and isinstance(n.value, str)}


def codes_in(tree: ast.AST) -> set[str]:
    """Every problem code a module can answer, however it is written there: ``code="X"`` (SaleProblem, JsonRefused),
    ``problems.problem(403, "X", ...)``, ``code = {...}.get(..., "X")`` (a code chosen from a table), a ``code``
    parameter's default (``raise_if_any``), and ``getattr(error, "code", None) or "X"``."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            found |= {s for k in node.keywords if k.arg == "code" for s in _strings(k.value)}
            name = node.func.attr if isinstance(node.func, ast.Attribute) else getattr(node.func, "id", "")
            if name in ("problem", "body") and len(node.args) > 1 and isinstance(node.args[1], ast.Constant):
                found.add(node.args[1].value)
        elif isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and t.id == "code" for t in targets) and node.value is not None:
                found |= _strings(node.value)
        elif isinstance(node, ast.arguments):
            positional = node.posonlyargs + node.args
            for arg, default in zip(positional[len(positional) - len(node.defaults):], node.defaults, strict=True):
                if arg.arg == "code":
                    found |= _strings(default)
            for arg, default in zip(node.kwonlyargs, node.kw_defaults, strict=True):
                if arg.arg == "code" and default is not None:
                    found |= _strings(default)
        elif isinstance(node, ast.BoolOp) and isinstance(node.op, ast.Or):
            first = node.values[0]
            if isinstance(first, ast.Call) and getattr(first.func, "id", "") == "getattr" and \
                    len(first.args) > 1 and getattr(first.args[1], "value", None) == "code":
                found |= {s for value in node.values[1:] for s in _strings(value)}
    return {code for code in found if CODE.fullmatch(code)}


def answered_codes() -> set[str]:
    return set().union(*(codes_in(ast.parse(path.read_text(encoding="utf-8"))) for path in SOURCES))


def table_rows() -> dict[str, str]:
    """docs/pos-link.md's Problem codes table: each row by its code."""
    section = DOC.split("### Problem codes", 1)[1].split("\n## ", 1)[0]
    rows = {}
    for line in section.splitlines():
        match = re.match(r"\| `([A-Za-z]+)`", line)
        if match:
            rows[match.group(1)] = line
    return rows


def test_the_extraction_finds_the_codes_each_way_of_writing_one_gives():
    """The oracle of the next test reads the source: it must see each way a code is written, else a code written
    a new way would go unseen."""
    codes = answered_codes()
    assert {"TotalsDiffer", "SaleCommitted", "TooLarge"} <= codes            # code="X"
    assert {"Unauthorized", "HostRefused", "IdempotencyKeyReused"} <= codes  # problems.problem(status, "X")
    assert {"CustomerNotFound", "SeveralCustomers", "NoSuchRoute", "MethodNotAllowed", "HttpError"} <= codes
    assert "InvalidSale" in codes      # raise_if_any's default
    assert "InvalidInput" in codes     # getattr(error, "code", None) or "InvalidInput"
    assert codes_in(ast.parse("def f(code='NewCode'): pass\nx = g(code='Other')")) == {"NewCode", "Other"}
    assert len(codes) >= 45


def test_every_code_the_link_can_answer_is_in_the_docs_table():
    rows = table_rows()
    missing = sorted(answered_codes() - set(rows))
    assert not missing, f"docs/pos-link.md, Problem codes, lacks a row for: {missing}"
    for code, row in rows.items():   # code | status | when | what the POS does
        cells = [cell.strip() for cell in row.strip("|").split("|")]
        assert len(cells) == 4 and all(cells), (code, row)


def test_every_code_in_the_table_is_one_the_link_answers():
    """No row for a code the link does not answer (a renamed code), except those the coordinator is landing now
    (marked TODO-COORD, which the coordinator removes with the change)."""
    stale = sorted(code for code, row in table_rows().items()
                   if "TODO-COORD" not in row and code not in answered_codes())
    assert not stale, f"docs/pos-link.md lists codes the link never answers: {stale}"


def test_the_statuses_in_the_table_are_the_ones_answered():
    """The status column against the code: a SaleProblem's kind decides its status (app._STATUS_OF_KIND)."""
    rows = table_rows()
    for code, status in {"SaleNotFound": "404", "SaleCommitted": "409", "TotalsDiffer": "409",
                         "InvalidSale": "422", "TooLarge": "413", "InvalidJson": "400", "Unauthorized": "401",
                         "HostRefused": "403", "MethodNotAllowed": "405", "JournalUnavailable": "503",
                         "IdempotencyKeyMissing": "400", "IdempotencyKeyReused": "422"}.items():
        assert rows[code].split("|")[2].strip() == status, code


# ---------------------------------------------------------------------- the members a problem carries


def extra_members() -> set[str]:
    """The keys of every ``extra={...}`` a problem is raised with."""
    keys: set[str] = set()
    for path in SOURCES:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.keyword) and node.arg == "extra" and isinstance(node.value, ast.Dict):
                keys |= {k.value for k in node.value.keys if isinstance(k, ast.Constant)}
    return keys


def test_every_member_a_problem_carries_is_declared_and_every_declared_one_is_sent():
    declared = set(schemas.PROBLEM["properties"]) | set(schemas.FILE_PROBLEM["properties"])
    sent = extra_members()
    assert {"toPay", "total", "payments", "version", "uniqueReceiptId", "candidates", "saleFile"} <= sent
    assert sent <= declared, sent - declared
    assert set(schemas.PROBLEM_EXTRA) <= sent


def strict(schema: dict) -> dict:
    """The schema refusing any member it does not declare: an answer that passes sends nothing undocumented."""
    return {**schema, "additionalProperties": False}


async def _sold(rig, sale_id: str, number: str) -> dict:
    sale = {"currency": "SEK", "customerKey": ANNA, "lines": [
        {"lineId": "1", "sku": "1002", "name": "Wool jacket", "quantity": 1, "lineTotal": 129900, "vatPercent": 25}]}
    state = (await rig.http.put(f"/v1/sales/{sale_id}", json=sale)).json()
    to_pay = state["totals"]["toPay"]
    done = await rig.http.post(f"/v1/sales/{sale_id}/commit", headers=key(), json={
        "receiptNumber": number, "createdDate": created_now(), "total": to_pay,
        "payments": [{"method": "Card", "amount": to_pay}]})
    assert done.status_code == 200, done.text
    return done.json()


async def test_the_problems_with_members_of_their_own_send_only_what_the_openapi_declares(tenant, tmp_path):
    path = tmp_path / "journal.sqlite3"
    problem = strict(document()["components"]["schemas"]["Problem"])
    async with served(tenant, path) as rig:
        state = (await rig.http.put("/v1/sales/t1", json={"currency": "SEK", "lines": [
            {"lineId": "1", "sku": "1", "name": "Socks", "quantity": 1, "lineTotal": 5000, "vatPercent": 25}]})).json()
        differ = problem_of(await rig.http.post("/v1/sales/t1/commit", headers=key(), json={
            "receiptNumber": "T1", "createdDate": created_now(), "total": 4000,
            "payments": [{"method": "Card", "amount": 4000}]}), 409, "TotalsDiffer")
        jsonschema.validate(differ, problem)
        assert (differ["toPay"], differ["total"], differ["payments"], differ["version"]) == \
            (5000, 4000, 4000, state["version"])

        first = await _sold(rig, "s1", "R-5")
        await _sold(rig, "s2", "R-5")   # the POS's numbering started again
        several = problem_of(await rig.http.put("/v1/sales/ret", json={"returnOf": {"receiptNumber": "R-5"},
                                                                       "lines": []}), 422, "SeveralSales")
        jsonschema.validate(several, problem)
        item = strict(schemas.PROBLEM_EXTRA["candidates"]["items"])
        for candidate in several["candidates"]:
            jsonschema.validate(candidate, item)
        assert first["receipt"]["uniqueReceiptId"] in {c["uniqueReceiptId"] for c in several["candidates"]}
    async with served(tenant, path) as rig:   # the till restarted: it no longer holds s1
        committed = problem_of(await rig.http.get("/v1/sales/s1"), 409, "SaleCommitted")
        jsonschema.validate(committed, problem)
        assert committed["uniqueReceiptId"] == first["receipt"]["uniqueReceiptId"]


# ---------------------------------------------------------------------- what the OpenAPI describes


async def test_a_lines_discounts_are_the_items_the_openapi_declares(rig):
    state = (await rig.http.put("/v1/sales/d1", json={"currency": "SEK", "customerKey": ANNA, "lines": [
        {"lineId": "1", "sku": "1", "name": "Socks", "quantity": 1, "lineTotal": 20000, "vatPercent": 25}]})).json()
    percent = next(o for o in state["offers"] if o["percent"] and o["applicable"])
    state = (await rig.http.post(f"/v1/sales/d1/offers/{percent['offerId']}", headers=key())).json()
    item = strict(schemas.SALE_STATE["properties"]["lines"]["items"]["properties"]["discounts"]["items"])
    (discount,) = state["lines"][0]["discounts"]
    jsonschema.validate(discount, item)
    assert set(discount) == set(item["properties"])
    assert discount["offerId"] == percent["offerId"] and discount["amount"] == state["totals"]["discounts"] > 0


async def test_a_replay_sends_the_header_the_openapi_declares_on_every_post(rig):
    doc = document()
    for item in doc["paths"].values():
        if "post" in item:
            (ok,) = [answer for status, answer in item["post"]["responses"].items() if status.startswith("2")]
            assert ok["headers"]["Idempotent-Replayed"] == {"$ref": "#/components/headers/Replayed"}
    assert doc["components"]["headers"]["Replayed"]["schema"] == {"type": "string", "enum": ["true"]}
    assert (await rig.http.put("/v1/sales/k1", json={"currency": "SEK", "lines": []})).status_code == 200
    first = await rig.http.post("/v1/sales/k1/void", headers={"Idempotency-Key": "void-k1"})
    again = await rig.http.post("/v1/sales/k1/void", headers={"Idempotency-Key": "void-k1"})
    assert "idempotent-replayed" not in first.headers and again.headers["idempotent-replayed"] == "true"
    assert again.content == first.content


async def test_another_method_and_an_unknown_path_answer_the_problems_the_openapi_declares(rig):
    responses = document()["components"]["responses"]
    for method, path, status, name in (("PATCH", "/v1/sales/x1", 405, "MethodNotAllowed"),
                                       ("GET", "/v1/nothing", 404, "NoSuchRoute")):
        answer = await rig.http.request(method, path, headers={"Authorization": "Bearer wrong"})   # before the token
        body = problem_of(answer, status, name)
        assert name in responses and f"{status} {name}" in responses[name]["description"]
        jsonschema.validate(body, strict(schemas.PROBLEM))


def test_the_openapi_says_where_money_is_in_major_units():
    doc = document()
    operation = doc["paths"]["/v1/receipts"]["post"]
    assert "major units" in operation["description"] and "348.00" in operation["description"]
    body = operation["requestBody"]["content"]["application/json"]["schema"]
    assert "MONEY IN MAJOR UNITS" in body["description"]
    items = body["properties"]["items"]["items"]["properties"]
    for field in (body["properties"]["totalGrossPrice"], body["properties"]["paymentMethods"]["items"]["properties"]
                  ["value"], items["grossPaidPrice"], items["taxAmount"], items["discounts"]["items"]["properties"]
                  ["value"]):
        assert field["type"] == "number" and "MAJOR UNITS" in field["description"]
    assert "except `POST /v1/receipts`" in doc["info"]["description"]


def test_the_docs_say_it_where_the_route_is_listed_and_in_money():
    row = next(line for line in DOC.splitlines() if line.startswith("| `POST /v1/receipts`"))
    assert "major units" in row and "348.00" in row and "NOT the integers in minor units" in row
    money = DOC.split("## Money, errors, retries", 1)[1].split("\n## ", 1)[0]
    assert "**Except `POST /v1/receipts`**" in money and "100 times too large" in money
    integrators = README.split("## For POS integrators", 1)[1].split("\n## ", 1)[0]
    assert "except in `POST /v1/receipts`" in integrators


async def test_the_documented_receipt_is_taken_in_major_units_and_reaches_engage_as_written(rig):
    """The docs' example (348.00) fits the OpenAPI's body and reaches Engage as 348.00: the route takes Engage's
    decimals, not öre."""
    receipt = json.loads((ROOT / "docs" / "examples" / "receipt.json").read_text(encoding="utf-8"))
    jsonschema.validate(receipt, schemas.RECEIPT_POST)
    answer = await rig.http.post("/v1/receipts", json=receipt, headers=key())
    assert answer.status_code == 201, answer.text
    await rig.service.deliver_now()
    booked = rig.tenant.received.receipts[receipt["uniqueReceiptId"]]
    assert booked["totalGrossPrice"] == 348.0 and booked["paymentMethods"][0]["value"] == 300.0
    left_out = {k: v for k, v in copy.deepcopy(receipt).items() if k not in ("storeExternalId", "currency")}
    left_out["uniqueReceiptId"] = "1-1-left-out"
    jsonschema.validate(left_out, schemas.RECEIPT_POST)   # not required: the till's are filled in
    assert (await rig.http.post("/v1/receipts", json=left_out, headers=key())).status_code == 201
    for field in schemas.RECEIPT_POST["required"]:
        missing = {k: v for k, v in receipt.items() if k != field}
        problem_of(await rig.http.post("/v1/receipts", json=missing, headers=key()), 422, "InvalidInput")


# ---------------------------------------------------------------------- the limits


async def test_a_body_of_one_mebibyte_is_taken_and_one_byte_more_is_too_large(rig):
    assert "1,048,576 bytes" in DOC and "1,048,576 bytes" in document()["info"]["description"]
    sale = json.dumps({"currency": "SEK", "lines": [
        {"lineId": "1", "sku": "1", "name": "Socks", "quantity": 1, "lineTotal": 100, "vatPercent": 25}]})
    exactly = (sale + " " * (1_048_576 - len(sale))).encode()
    assert len(exactly) == 1_048_576
    taken = await rig.http.put("/v1/sales/big", content=exactly, headers={"Content-Type": "application/json"})
    assert taken.status_code == 200, taken.text
    problem_of(await rig.http.put("/v1/sales/big", content=exactly + b" ",
                                  headers={"Content-Type": "application/json"}), 413, "TooLarge")


async def test_a_text_passed_through_is_at_most_4000_characters(rig):
    assert "4,000 characters" in DOC
    assert schemas.LINE["properties"]["extraData"]["items"]["properties"]["value"]["maxLength"] == 4000

    def sale(value: str) -> dict:
        return {"currency": "SEK", "lines": [{"lineId": "1", "sku": "1", "name": "Socks", "quantity": 1,
                                              "lineTotal": 100, "vatPercent": 25,
                                              "extraData": [{"name": "note", "value": value}]}]}

    assert (await rig.http.put("/v1/sales/x4000", json=sale("x" * 4000))).status_code == 200
    refused = problem_of(await rig.http.put("/v1/sales/x4001", json=sale("x" * 4001)), 422, "InvalidSale")
    assert refused["errors"][0]["field"] == "lines[0].extraData[0].value"


async def test_a_wait_above_the_limit_is_taken_as_the_limit_not_refused(rig, monkeypatch):
    """The docs: waitSeconds above 60 is taken as 60 (the limit made 1 s here, so the test does not wait a minute)."""
    assert app.MAX_WAIT_SECONDS == 60 and "more than 60 is taken as 60" in DOC
    monkeypatch.setattr(app, "MAX_WAIT_SECONDS", 1)
    state = (await rig.http.put("/v1/sales/w1", json={"currency": "SEK", "lines": []})).json()
    started = time.monotonic()
    answer = await rig.http.get("/v1/sales/w1", params={"afterVersion": state["version"], "waitSeconds": 600})
    assert answer.status_code == 200 and answer.json()["version"] == state["version"]
    assert 0.9 < time.monotonic() - started < 5


async def test_a_request_without_a_host_header_gets_the_web_servers_plain_400(rig):
    assert 'Invalid HTTP request received.' in DOC
    port = int(rig.server.url.rsplit(":", 1)[1].strip("/"))

    def ask() -> bytes:
        with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
            sock.sendall(b"GET /v1/status HTTP/1.1\r\nAuthorization: Bearer x\r\nConnection: close\r\n\r\n")
            answer = b""
            while chunk := sock.recv(4096):
                answer += chunk
        return answer

    answer = await asyncio.to_thread(ask)
    assert answer.startswith(b"HTTP/1.1 400") and b"text/plain" in answer
    assert answer.endswith(b"Invalid HTTP request received.")


# ---------------------------------------------------------------------- cash change, offers, retries


@pytest.mark.parametrize("payments", [[("Cash", 16000)], [("Cash", 20000), ("Cash", -4000)]])
async def test_cash_change_is_reported_either_way_the_docs_say_and_reaches_engage_as_sent(rig, payments):
    assert (await rig.http.put("/v1/sales/c1", json={"currency": "SEK", "customerKey": ANNA, "lines": [
        {"lineId": "1", "sku": "1", "name": "Socks", "quantity": 1, "lineTotal": 16000,
         "vatPercent": 25}]})).status_code == 200
    done = await rig.http.post("/v1/sales/c1/commit", headers=key(), json={
        "receiptNumber": "C1", "createdDate": created_now(), "total": 16000,
        "payments": [{"method": method, "amount": amount} for method, amount in payments]})
    assert done.status_code == 200, done.text
    await rig.service.deliver_now()
    booked = rig.tenant.received.receipts["12-till-a-c1"]
    assert [(p["type"], p["value"]) for p in booked["paymentMethods"]] == [(m, a / 100) for m, a in payments]
    assert "Cash -4000" in DOC and '"amount": 16000' in DOC


async def test_an_offer_with_no_percent_nor_value_takes_nothing_off_and_is_redeemed_at_the_commit(rig):
    assert "An offer with neither `percent` nor `value`" in DOC
    state = (await rig.http.put("/v1/sales/g1", json={"currency": "SEK", "customerKey": ANNA, "lines": [
        {"lineId": "1", "sku": "1", "name": "Socks", "quantity": 1, "lineTotal": 5000, "vatPercent": 25}]})).json()
    gift = next(o for o in state["offers"] if o["percent"] is None and o["value"] is None and o["applicable"])
    applied = (await rig.http.post(f"/v1/sales/g1/offers/{gift['offerId']}", headers=key())).json()
    assert [a["offerId"] for a in applied["applied"]] == [gift["offerId"]] and applied["applied"][0]["discounts"] == []
    assert applied["totals"] == state["totals"] and applied["lines"][0]["discounts"] == []
    done = await rig.http.post("/v1/sales/g1/commit", headers=key(), json={
        "receiptNumber": "G1", "createdDate": created_now(), "total": 5000,
        "payments": [{"method": "Card", "amount": 5000}]})
    assert done.status_code == 200, done.text
    await rig.service.deliver_now()
    assert any(r.get("assignmentId") == gift["offerId"] for r in rig.tenant.received.redemptions)


async def test_a_commit_sent_again_answers_as_the_docs_say_before_and_after_a_restart(tenant, tmp_path):
    """The same key answers the first result, before and after a restart; a new key answers the committed state
    while the till holds the sale and 409 SaleCommitted once it does not: one receipt all along."""
    path = tmp_path / "journal.sqlite3"
    sale = {"currency": "SEK", "customerKey": ANNA, "lines": [
        {"lineId": "1", "sku": "1", "name": "Socks", "quantity": 1, "lineTotal": 5000, "vatPercent": 25}]}
    body = {"receiptNumber": "N-1", "createdDate": created_now(), "total": 5000,
            "payments": [{"method": "Card", "amount": 5000}]}
    async with served(tenant, path) as rig:
        assert (await rig.http.put("/v1/sales/n1", json=sale)).status_code == 200
        first = await rig.http.post("/v1/sales/n1/commit", headers={"Idempotency-Key": "n1-commit"}, json=body)
        assert first.status_code == 200 and first.json()["status"] == "committed", first.text
        held = await rig.http.post("/v1/sales/n1/commit", headers=key(), json=body)
        assert held.status_code == 200 and held.json()["status"] == "committed"
        assert "idempotent-replayed" not in held.headers
        problem_of(await rig.http.post("/v1/sales/n1/commit", headers=key(), json={**body, "receiptNumber": "N-2"}),
                   409, "SaleCommitted")
    async with served(tenant, path) as rig:   # the till restarted
        replayed = await rig.http.post("/v1/sales/n1/commit", headers={"Idempotency-Key": "n1-commit"}, json=body)
        assert replayed.headers["idempotent-replayed"] == "true" and replayed.content == first.content
        after = problem_of(await rig.http.post("/v1/sales/n1/commit", headers=key(), json=body), 409,
                           "SaleCommitted")
        assert after["uniqueReceiptId"] == first.json()["receipt"]["uniqueReceiptId"]
        assert rig.service.journal.count(kinds=[EntryKind.RECEIPT]) == 1
    assert "same `Idempotency-Key`" in DOC and "(200, without\n`Idempotent-Replayed`)" in DOC


# ---------------------------------------------------------------------- folders


async def test_folder_files_are_moved_under_the_names_the_docs_give_and_are_the_tills_users_only(rig, tmp_path):
    """done/ and rejected/ names (`<folder>-<name>`, `-1` for a repeat), and who may read: under the umask the
    command line sets (077), the folders the till makes are 0700 and the files it writes 0600."""
    from pos_engage import cli
    from pos_engage.core.till.sale_files import SaleFiles

    assert "os.umask(0o077)" in inspect.getsource(cli._main)   # main wraps it (a closed stdout ends quietly)
    assert "`done/sales-pos-1001.json`" in DOC and "(`sales-pos-1001-1.json`)" in DOC and "(0600)" in DOC
    sale = {"currency": "SEK", "lines": [
        {"lineId": "1", "sku": "1", "name": "Socks", "quantity": 1, "lineTotal": 100, "vatPercent": 25}]}
    before = os.umask(0o077)
    try:
        files = SaleFiles(tmp_path / "inbox", rig.sessions)
        for total in (100, 200):
            sale["lines"][0]["lineTotal"] = total
            written = files.folder / "sales" / "pos-1001.json.tmp"
            written.write_text(json.dumps(sale), encoding="utf-8")
            written.rename(files.folder / "sales" / "pos-1001.json")
            assert await files.poll_once() == 1
        (files.folder / "sales" / "pos-1002.json").write_text("{broken", encoding="utf-8")
        os.utime(files.folder / "sales" / "pos-1002.json", (time.time() - 60, time.time() - 60))
        await files.poll_once()
    finally:
        os.umask(before)
    folder = files.folder
    assert sorted(p.name for p in (folder / "done").iterdir()) == ["sales-pos-1001-1.json", "sales-pos-1001.json"]
    assert sorted(p.name for p in (folder / "rejected").iterdir()) == ["sales-pos-1002.json",
                                                                        "sales-pos-1002.json.reason.txt"]
    for sub in ("sales", "commits", "voids", "answers", "done", "rejected"):
        assert stat.S_IMODE((folder / sub).stat().st_mode) == 0o700, sub
    written_by_till = [folder / "answers" / "pos-1001.json", folder / "answers" / "pos-1002.problem.json",
                       folder / "rejected" / "sales-pos-1002.json.reason.txt"]
    assert all(stat.S_IMODE(path.stat().st_mode) == 0o600 for path in written_by_till)
    problem = json.loads((folder / "answers" / "pos-1002.problem.json").read_text(encoding="utf-8"))
    jsonschema.validate(problem, strict(schemas.FILE_PROBLEM))
    assert problem["file"] == "sales/pos-1002.json" and problem["code"] == "InvalidJson"   # with its folder


async def test_an_offer_another_sale_takes_and_gives_back_by_a_void_is_said_in_this_sale(rig):
    """The docs: an offer another sale takes becomes not applicable here, applicable again when that sale gives it
    back (a void too), each change growing this sale's version."""
    assert "(takes it off, is voided)" in DOC
    sale = {"currency": "SEK", "customerKey": ANNA, "lines": [
        {"lineId": "1", "sku": "1", "name": "Socks", "quantity": 1, "lineTotal": 20000, "vatPercent": 25}]}
    mine = (await rig.http.put("/v1/sales/v2", json=sale)).json()
    offer = next(o["offerId"] for o in mine["offers"] if o["applicable"] and o["percent"])
    assert (await rig.http.put("/v1/sales/v1", json=sale)).status_code == 200
    assert (await rig.http.post(f"/v1/sales/v1/offers/{offer}")).status_code == 200
    taken = (await rig.http.get("/v1/sales/v2", params={"afterVersion": mine["version"], "waitSeconds": 5})).json()
    assert taken["version"] > mine["version"]
    assert not next(o for o in taken["offers"] if o["offerId"] == offer)["applicable"]
    assert (await rig.http.post("/v1/sales/v1/void")).status_code == 200
    freed = (await rig.http.get("/v1/sales/v2", params={"afterVersion": taken["version"], "waitSeconds": 5})).json()
    assert freed["version"] > taken["version"]
    assert next(o for o in freed["offers"] if o["offerId"] == offer)["applicable"]
