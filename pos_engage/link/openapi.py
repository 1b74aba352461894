"""The OpenAPI 3.1 document of the POS link, built from the served routes (app.ROUTES) and their schemas, so it
cannot say something the till does not do. docs/pos-link-openapi.json is a copy a test keeps equal."""

from __future__ import annotations

from typing import Any

from pos_engage.link import schemas
from pos_engage.link.app import ROUTES, RouteSpec

API_VERSION = "1.0.0"   # the contract's version (/v1), not the product's: the docs copy stays equal
DESCRIPTION = (
    "The two-way channel between the shop's POS and pos-engage, on loopback (docs/pos-link.md). Money is an "
    "integer in the sale currency's minor units, **except `POST /v1/receipts`**, which takes Engage's own receipt "
    "with Engage's decimals in major units (348.00 for 348 kronor). Errors are RFC 9457 problem details with a "
    "stable `code` (every code, its status and what the POS should do: docs/pos-link.md, Problem codes); an "
    "unknown path is a 404 `NoSuchRoute` and another method on a known path a 405 `MethodNotAllowed` with an `Allow` "
    "header naming the methods it takes (both before the token is looked at; components.responses describe them). "
    "Every POST takes an `Idempotency-Key` (required where marked): the same key and body "
    "answer the first result again (header `Idempotent-Replayed: true`), the same key with another request is a "
    "422; only a successful answer is kept. Requests with an `Origin` header are refused (no CORS). Bodies are at "
    "most 1 MiB (1,048,576 bytes), nested at most 32 levels below the body, lists at most 5,000 items (a sale at "
    "most 1,000 lines); a key given twice in one object, a lone surrogate, a whole number of more than 30 digits "
    "and a number beyond a double's range are refused. Engage's fields passed through (extraData, articleGroup, "
    "...) are texts of at most 4,000 characters. `waitSeconds` above 60 is taken as 60. A return is a sale whose "
    "PUT names the original sale "
    "(`returnOf`) and whose lines name its lines (`originalLine`, a negative `quantity`): each line refunds what "
    "was paid for it, `toPay` is negative and the commit pays it back; a return without the original needs a "
    "manager, in the companion's window (`ReturnNeedsManager`). `GET /v1/events` is a server-sent event stream of "
    "every sale's changes, for a POS that would rather listen than long-poll.")


# What an operation's one-line summary (app.ROUTES) cannot hold, by handler.
DESCRIPTIONS = {
    "post_receipt": "**Money in major units**: this route takes Engage's own receipt JSON, whose money is Engage's "
                    "decimals (`totalGrossPrice: 348.00` for 348 kronor), NOT the integers in minor units (öre, "
                    "cents) of the rest of the link. A receipt sent in öre is taken (its figures agree with each "
                    "other) and reaches Engage 100 times too large. Engage's rules check it, the field named when "
                    "refused (422 `InvalidInput`); the store and currency are the till's when left out.",
    "get_sale": "Long polling: `waitSeconds` above 60 is taken as 60; without it the wait is 25 seconds. A sale the "
                "till no longer holds is a 404 `SaleNotFound` (open when the till restarted: send its PUT again) "
                "or, committed, a 409 `SaleCommitted` with its `uniqueReceiptId`.",
    "commit": "Retry a commit whose answer was lost with the SAME `Idempotency-Key`: it answers the first result "
              "(`Idempotent-Replayed: true`), also after a restart, for 7 days. With a new key the same body "
              "answers the committed state while the till holds the sale, and a 409 `SaleCommitted` (with "
              "`uniqueReceiptId`) once it does not (after a restart): both mean committed, once.",
}


def _operation(spec: RouteSpec) -> dict[str, Any]:
    parameters: list[dict[str, Any]] = [
        {"name": name[1:-1], "in": "path", "required": True,
         "schema": {"type": "string", "pattern": "^[A-Za-z0-9._-]{1,64}$"} if name == "{posSaleId}" else
         {"type": "string", "minLength": 1}}
        for name in spec.path.split("/") if name.startswith("{")]
    parameters += [{"name": name, "in": "query", "required": False, "schema": schema, "description": text}
                   for name, schema, text in spec.query]
    if spec.method == "POST":
        parameters.append({"name": "Idempotency-Key", "in": "header", "required": spec.key_required,
                           "schema": {"type": "string", "pattern": "^[\\x21-\\x7e]{1,255}$"},
                           "description": "A new key per request; the same key when retrying it."})
    responses: dict[str, Any] = {str(spec.status): {"description": "OK", "content": {
        spec.media_type: {"schema": spec.answer}}}}
    if spec.method == "POST":   # a retry with the same key and body answers the first result again (app.py, _once)
        responses[str(spec.status)]["headers"] = {"Idempotent-Replayed": {"$ref": "#/components/headers/Replayed"}}
    for status in spec.errors:
        responses[str(status)] = {"$ref": "#/components/responses/Problem"}
    # Any route: the till cannot write its journal or reach what it needs right now (link/app.py answers it).
    responses["503"] = {"$ref": "#/components/responses/NotReady"}
    # Any route: a fault in the till itself (link/app.py's last resort), named so a POS's generated client knows it.
    responses["500"] = {"$ref": "#/components/responses/InternalError"}
    operation: dict[str, Any] = {"operationId": spec.handler, "summary": spec.summary, "parameters": parameters,
                                 "responses": responses}
    if spec.handler in DESCRIPTIONS:
        operation["description"] = DESCRIPTIONS[spec.handler]
    if spec.request is not None:
        operation["requestBody"] = {"required": True, "content": {"application/json": {"schema": spec.request}}}
    return operation


def document() -> dict[str, Any]:
    paths: dict[str, dict[str, Any]] = {}
    for spec in ROUTES:
        paths.setdefault(spec.path, {})[spec.method.lower()] = _operation(spec)
    return {
        "openapi": "3.1.0",
        "info": {"title": "pos-engage POS link", "version": API_VERSION, "description": DESCRIPTION},
        "servers": [{"url": "http://127.0.0.1:8765"}],
        "security": [{"bearer": []}],
        "paths": paths,
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer",
                                           "description": "pos-engage configure --pos-link-token-new"}},
            "schemas": {"Problem": schemas.PROBLEM, "FileProblem": schemas.FILE_PROBLEM,
                        "EventsHello": schemas.EVENTS_HELLO, "EventsOverflow": schemas.EVENTS_OVERFLOW},
            "headers": {"Replayed": {"description": "`true` when the answer is the first result of this "
                                                    "Idempotency-Key, sent again (a retry); absent otherwise.",
                                     "required": False, "schema": {"type": "string", "enum": ["true"]}}},
            "responses": {
                "NoSuchRoute": {"description": "404 NoSuchRoute: the path is not a route of the link (answered "
                                               "before the token is looked at).", "content": {
                    "application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
                "MethodNotAllowed": {"description": "405 MethodNotAllowed: the path is a route, the method is not "
                                                    "one of its (answered before the token is looked at).",
                                     "headers": {"Allow": {"description": "The methods the path takes.",
                                                           "schema": {"type": "string"}}},
                                     "content": {"application/problem+json": {
                                         "schema": {"$ref": "#/components/schemas/Problem"}}}},
                "Problem": {"description": "A problem (RFC 9457)", "content": {
                    "application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}},
                "InternalError": {"description": "500 InternalError: a fault in the till; nothing was lost (what "
                                                 "was journaled stays). Report it with the till's log.",
                                  "content": {"application/problem+json": {
                                      "schema": {"$ref": "#/components/schemas/Problem"}}}},
                "NotReady": {"description": "Not ready yet (the journal cannot be written right now, Engage is "
                                            "needed and unreachable): try again after Retry-After seconds.",
                             "headers": {"Retry-After": {"description": "Seconds to wait before trying again.",
                                                         "schema": {"type": "integer", "minimum": 0}}},
                             "content": {"application/problem+json": {
                                 "schema": {"$ref": "#/components/schemas/Problem"}}}}},
        },
    }


def text() -> str:
    """The document as docs/pos-link-openapi.json holds it."""
    import json

    return json.dumps(document(), indent=2, ensure_ascii=False) + "\n"


if __name__ == "__main__":  # python -m pos_engage.link.openapi > docs/pos-link-openapi.json
    import sys

    sys.stdout.write(text())
