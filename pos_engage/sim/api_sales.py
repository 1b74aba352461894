"""Simulated receipts (deduplicated by uniqueReceiptId), v2 order communication (never deduplicated) and bulk
contacts."""

from __future__ import annotations

from starlette.requests import Request
from starlette.routing import Route

from pos_engage.sim.http import answer, engage_route, json_body
from pos_engage.sim.rules import Rejected, check_receipt, check_v2_order, contact_field_errors
from pos_engage.sim.state import SimState

BULK_LIMIT = 4000


def routes(state: SimState) -> list[Route]:
    @engage_route
    async def post_receipt(request: Request):
        receipt = await json_body(request)
        check_receipt(receipt)
        unique_id = str(receipt["uniqueReceiptId"])
        received = state.received
        received.receipt_posts[unique_id] += 1
        if unique_id in received.receipts:
            # Engage ignores a repeated uniqueReceiptId and never books it twice (Part A decision 4).
            return answer(None, 202)
        received.receipts[unique_id] = receipt
        contact_id = state.match_contact(receipt["contact"])
        received.receipt_contacts[unique_id] = contact_id
        if contact_id is None:
            # ASSUMPTION (Part A decision 5): an unmatched receipt is accepted and recorded as unmatched.
            received.unmatched_receipts.append(unique_id)
        else:
            state.transactions[contact_id].insert(0, {
                "id": state.new_id(), "transactionNumber": str(receipt.get("receiptNumber", unique_id)),
                "createdDate": receipt["createdDate"], "storeName": f"Store {receipt['storeExternalId']}",
                "numberOfItems": sum(abs(int(i["quantity"])) for i in receipt["items"]),
                "netPriceSum": receipt["totalGrossPrice"], "localCurrency": receipt["currency"],
                "groupCurrency": "SEK", "storeType": "Store", "lineItems": receipt["items"], "externalId": unique_id,
            })
        return answer(None, 202)

    @engage_route
    async def post_v2_order(request: Request):
        order = await json_body(request)
        check_v2_order(order)
        # v2 orders store nothing and dedup nothing: every POST triggers the communication again.
        state.received.communications.append({
            "orderNumber": order["orderNumber"], "orderStatus": order["orderStatus"],
            "contactId": state.match_contact(order["contact"]),
        })
        return answer({"statusCode": 202, "request": order}, 202)

    @engage_route
    async def bulk_create(request: Request):
        contacts = await json_body(request)
        if not isinstance(contacts, list) or not contacts:
            raise Rejected(400, "NoData", "the body must be a non-empty JSON array of contacts")
        if len(contacts) > BULK_LIMIT:
            raise Rejected(400, "TooManyContacts", f"at most {BULK_LIMIT} contacts per request")
        contact_type = request.query_params.get("contactType") or "Member"
        errors, created = [], 0
        for index, body in enumerate(contacts):
            if not isinstance(body, dict):
                errors.append({"index": index, "errorCode": "NoData", "message": "not a JSON object"})
                continue
            problems = contact_field_errors(body, require_key=True)
            duplicate = any(body.get(k) and state.find(k, body[k]) for k in ("email", "mobilePhone"))
            if problems or duplicate:
                errors.append({"index": index, "errorCode": "ValidationError" if problems else
                               "ApprovedContactWithKeyExists", "message": "; ".join(
                                   f"{k}: {v[0]}" for k, v in problems.items()) or "a contact with that key exists"})
                continue
            state.create_contact(body, contact_type=contact_type, source="Bulk", store=None)
            created += 1
        batch_id = state.new_id()
        # ASSUMPTION (Part B 11.11): the batch status shape is not documented; this one is ours.
        state.batches[batch_id] = {"batchId": batch_id, "status": "Completed", "totalCount": len(contacts),
                                   "succeededCount": created, "failedCount": len(errors), "errors": errors}
        return answer(batch_id, 202)

    @engage_route
    async def bulk_status(request: Request):
        batch = state.batches.get(request.query_params.get("batchId", ""))
        if batch is None:
            raise Rejected(404, "BatchNotFound", "no batch with that id")
        if state.faults.bulk_pending:
            return answer({"batchId": batch["batchId"], "status": "InProgress", "totalCount": batch["totalCount"]})
        return answer(batch)

    return [
        Route("/api/v3/receipts", post_receipt, methods=["POST"]),
        Route("/api/v2/receipts", post_receipt, methods=["POST"]),
        Route("/api/v2/orders", post_v2_order, methods=["POST"]),
        Route("/api/v2/contacts/bulk", bulk_create, methods=["POST"]),
        Route("/api/v2/contacts/bulk/status", bulk_status, methods=["GET"]),
    ]
