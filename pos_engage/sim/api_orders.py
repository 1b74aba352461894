"""Simulated v3 orders: asynchronous jobs, a 302 to the order when done, versionTags, and order actions.

ASSUMPTIONS (Part A decision 9, Part B 11.10): create/replace answer 202 {"jobId"} with a Location header; a job
answers 200 {"status": "Pending"} for ``order_job_polls`` polls, then 302 to the order, or 200
{"status": "Failed", "error": {...}}; an action with a stale versionTag is 404; an order with no contact is 422.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import Response
from starlette.routing import Route

from pos_engage.sim.http import answer, engage_route, json_body
from pos_engage.sim.rules import Rejected, aware_time
from pos_engage.sim.state import SimState
from pos_engage.sim.swagger_rules import enum_member


def _job_error(order: dict[str, Any]) -> dict[str, str] | None:
    """Problems Engage finds while processing the job (reported by the job, not by the POST)."""
    line_items = order.get("lineItems")
    if not isinstance(line_items, dict) or not isinstance(line_items.get("items"), list) or not line_items["items"]:
        return {"errorCode": "InvalidOrder", "message": "lineItems.items must hold at least one line"}
    for index, item in enumerate(line_items["items"]):
        if not item.get("sku") or not isinstance(item.get("quantity"), int):
            return {"errorCode": "InvalidOrder", "message": f"lineItems.items[{index}] needs sku and quantity"}
    return None


def routes(state: SimState) -> list[Route]:
    def start_job(order: Any, order_id: str | None = None) -> Response:
        if not isinstance(order, dict):
            raise Rejected(400, "InvalidOrder", "the order must be a JSON object")
        order_id = order_id or order.get("orderId")
        if not order_id or not isinstance(order_id, str):
            raise Rejected(400, "InvalidOrder", "orderId is required")
        contact = order.get("contact")
        if not isinstance(contact, dict) or not contact.get("matchKey") or not contact.get("matchKeyType"):
            raise Rejected(400, "InvalidOrder", "contact.matchKey and contact.matchKeyType are required")
        if not isinstance(contact["matchKey"], str):
            raise Rejected(400, "InvalidOrder", "contact.matchKey must be text")
        # ASSUMPTION: v3 orders are not in the swagger we have; their contact takes v2's OrderContact key types
        # (the documented example sends "Email").
        if enum_member("OrderContactMatchKeyType", contact["matchKeyType"]) is None:
            raise Rejected(400, "InvalidOrder", f"contact.matchKeyType: unknown type {contact['matchKeyType']}")
        aware_time(order.get("createdAt", ""), "createdAt", "InvalidOrder")
        job_id = state.new_id()
        state.jobs[job_id] = {"jobId": job_id, "orderId": order_id, "order": order,
                              "pollsLeft": state.order_job_polls, "done": False, "error": None}
        location = f"/api/v3/orders/jobs/{job_id}"
        return answer({"jobId": job_id}, 202, headers={"Location": location})

    def finish_job(job: dict[str, Any]) -> None:
        job["done"] = True
        forced = state.faults.order_job_failure
        job["error"] = ({"errorCode": forced, "message": "simulated order job failure"} if forced
                        else _job_error(job["order"]))
        if job["error"]:
            return
        order = dict(job["order"])
        action = order.pop("action", None)
        contact_id = state.match_contact(order["contact"])
        stored = {**order, "orderId": job["orderId"], "contactId": contact_id, "versionTag": state.new_version_tag(),
                  "discardedActions": []}
        state.orders[job["orderId"]] = stored
        state.received.order_writes.append({"orderId": job["orderId"], "status": order.get("status"),
                                            "externalStatus": order.get("externalStatus"),
                                            "versionTag": stored["versionTag"], "contactId": contact_id})
        if action:
            if contact_id is None:
                stored["discardedActions"].append({**action, "reason": "OrderHasNoContact"})
            else:
                state.received.order_actions.append({"orderId": job["orderId"], "action": action.get("action"),
                                                     "versionTag": stored["versionTag"], "embedded": True})

    @engage_route
    async def create(request: Request):
        return start_job(await json_body(request))

    @engage_route
    async def replace(request: Request):
        order_id = request.path_params["order_id"]
        if order_id not in state.orders:
            raise Rejected(404, "OrderNotFound", "no order with that id")
        return start_job(await json_body(request), order_id)

    @engage_route
    async def job_status(request: Request):
        job = state.jobs.get(request.path_params["job_id"])
        if job is None:
            raise Rejected(404, "JobNotFound", "no job with that id")
        if not job["done"]:
            if job["pollsLeft"] > 0:
                job["pollsLeft"] -= 1
                return answer({"jobId": job["jobId"], "status": "Pending"})
            finish_job(job)
        if job["error"]:
            return answer({"jobId": job["jobId"], "status": "Failed", "error": job["error"]})
        return Response(status_code=302, headers={"Location": f"/api/v3/orders/{job['orderId']}"})

    @engage_route
    async def get_order(request: Request):
        order = state.orders.get(request.path_params["order_id"])
        owner = request.query_params.get("contactId")
        if order is None or (owner and order["contactId"] != owner):
            raise Rejected(404, "OrderNotFound", "no order with that id")
        return answer(order)

    @engage_route
    async def list_orders(request: Request):
        contact_id = request.query_params.get("contactId", "")
        items = [o for o in state.orders.values() if o["contactId"] == contact_id]
        return answer({"items": items, "links": {}})

    @engage_route
    async def action(request: Request):
        body = await json_body(request)
        if not isinstance(body, dict) or not body.get("action") or not body.get("versionTag"):
            raise Rejected(400, "InvalidAction", "action and versionTag are required")
        order = state.orders.get(request.path_params["order_id"])
        if order is None or order["versionTag"] != body["versionTag"]:
            raise Rejected(404, "OrderNotFound", "no order with that id and versionTag")
        if order["contactId"] is None:
            raise Rejected(422, "OrderHasNoContact", "the order has no contact to communicate with")
        state.received.order_actions.append({"orderId": order["orderId"], "action": body["action"],
                                             "versionTag": body["versionTag"], "embedded": False})
        return answer(None, 202)

    return [
        Route("/api/v3/orders", create, methods=["POST"]),
        Route("/api/v3/orders", list_orders, methods=["GET"]),
        Route("/api/v3/orders/jobs/{job_id}", job_status, methods=["GET"]),
        Route("/api/v3/orders/{order_id}", get_order, methods=["GET"]),
        Route("/api/v3/orders/{order_id}", replace, methods=["PUT"]),
        Route("/api/v3/orders/{order_id}/action", action, methods=["POST"]),
    ]
