"""Orders at the till against the simulator: the v3 job -> 302 -> versionTag -> action flow, changes in order,
a stale versionTag, a failed job, a discarded embedded action, the v2 event never sent twice, a new customer
registered first, returns, and the customer's orders listed from the till and from Engage."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest

from pos_engage.core.config import Config, JournalSettings, MarketingSettings, OrderSettings
from pos_engage.core.domain import Address, ContactKey, MatchKey, MatchKeyType, Order, OrderLine
from pos_engage.core.domain.order_life import OrderStage
from pos_engage.core.engage.online import OnlineMonitor
from pos_engage.core.errors import InputError
from pos_engage.core.journal import payloads
from pos_engage.core.journal.entry import EntryKind, EntryStatus
from pos_engage.core.journal.order_delivery import JobPolling
from pos_engage.core.journal.replayer import Replayer
from pos_engage.core.till.basket import Basket, BasketLine
from pos_engage.core.till.orders import OrderDesk
from pos_engage.core.till.outcomes import Customer

FAST = JobPolling(schedule=(0.0,), timeout=5.0)
CET = timezone(timedelta(hours=1))


def desk_for(client, journal, **orders) -> OrderDesk:
    config = Config(store_external_id="12", till_id="3", journal=JournalSettings(retry_schedule=(0.01,)),
                    orders=OrderSettings(**orders))
    return OrderDesk(config, client, journal)


def replayer_for(client, journal) -> Replayer:
    return Replayer(journal, client, monitor=OnlineMonitor(), rate_per_second=None, schedule=(0.0,),
                    job_polling=FAST)


def basket() -> Basket:
    return Basket([BasketLine("1002", "Wool jacket", 1, Decimal("1299")), BasketLine("1004", "Socks", 2,
                                                                                      Decimal("49.50"))])


async def known_customer(client, journal, showcase) -> Customer:
    anna = showcase["Anna"]
    contact = await client.get_contact(anna["id"])
    return Customer(ContactKey.email(anna["email"]), contact)


async def drain(replayer: Replayer) -> None:
    for _ in range(20):
        report = await replayer.replay_once()
        if not report.claimed:
            return


async def test_create_follows_the_job_to_the_versiontag_and_the_action_sends_exactly_one_email(
        client, journal, sim_state, showcase):
    desk = desk_for(client, journal)
    customer = await known_customer(client, journal, showcase)
    view = desk.create(basket(), customer, Address(), delivery_method="Home delivery")
    order_id = view.order.order_id
    assert [c.engage for c in view.changes] == ["queued"]
    assert [e.kind for e in journal.order_entries(order_id)] == [EntryKind.ORDER_CREATE, EntryKind.ORDER_ACTION]

    await drain(replayer_for(client, journal))

    stored = sim_state.orders[order_id]
    assert stored["contactId"] == showcase["Anna"]["id"] and stored["status"] == "Created"
    assert sim_state.received.order_actions == [
        {"orderId": order_id, "action": "ConfirmOrder", "versionTag": stored["versionTag"], "embedded": False}]
    write, action = journal.order_entries(order_id)
    assert write.result["versionTag"] == stored["versionTag"]  # kept from the 302's order
    assert action.status is EntryStatus.DELIVERED
    assert desk.view(order_id).latest.engage == "sent"


async def test_changes_made_offline_reach_engage_in_order_after_the_outage(client, journal, sim_state, showcase):
    desk = desk_for(client, journal)
    customer = await known_customer(client, journal, showcase)
    replayer = replayer_for(client, journal)
    sim_state.faults.update({"down": True})
    order_id = desk.create(basket(), customer, Address()).order.order_id
    for stage in (OrderStage.IN_PROGRESS, OrderStage.READY_FOR_PICKUP, OrderStage.DELIVERED):
        desk.change_stage(order_id, stage)
    await replayer.replay_once()
    assert sim_state.received.order_writes == []
    assert {c.engage for c in desk.view(order_id).changes} == {"queued"}

    sim_state.faults.update({"down": False})
    replayer.monitor.last_probe_at = 0
    for _ in range(30):
        await replayer.replay_once()
        if all(e.status is EntryStatus.DELIVERED for e in journal.order_entries(order_id)):
            break
    writes = [(w["status"], w["externalStatus"]) for w in sim_state.received.order_writes]
    assert writes == [("Created", "Received"), ("InProgress", "Picking"), ("InProgress", "ReadyForPickup"),
                      ("Completed", "Delivered")]
    # Each email went for the version it belongs to: the tag of the write just before it.
    tags = [w["versionTag"] for w in sim_state.received.order_writes]
    actions = sim_state.received.order_actions
    assert [(a["action"], a["versionTag"]) for a in actions] == [
        ("ConfirmOrder", tags[0]), ("OrderReadyForPickup", tags[2]), ("OrderDelivered", tags[3])]
    assert [c.engage for c in desk.view(order_id).changes] == ["sent"] * 4


async def test_a_stale_versiontag_is_read_again_and_the_action_retried_once(client, journal, sim_state, showcase):
    desk = desk_for(client, journal)
    customer = await known_customer(client, journal, showcase)
    replayer = replayer_for(client, journal)
    order_id = desk.create(basket(), customer, Address()).order.order_id
    await replayer.replay_once()  # the order and its job; the action waits for it in the lane
    sim_state.orders[order_id]["versionTag"] = "changed-by-the-web-shop"  # another change landed meanwhile
    await drain(replayer)
    action = journal.order_entries(order_id)[1]
    assert action.status is EntryStatus.DELIVERED and action.result["retriedWithVersionTag"]
    assert [(a["action"], a["versionTag"]) for a in sim_state.received.order_actions] == [
        ("ConfirmOrder", "changed-by-the-web-shop")]


async def test_a_failed_job_goes_to_the_manager_with_engages_message_and_no_email(client, journal, sim_state,
                                                                                  showcase):
    desk = desk_for(client, journal)
    customer = await known_customer(client, journal, showcase)
    sim_state.faults.update({"order_job_failure": "InvalidOrder"})
    order_id = desk.create(basket(), customer, Address()).order.order_id
    await drain(replayer_for(client, journal))
    write, action = journal.order_entries(order_id)
    assert write.status is EntryStatus.NEEDS_ATTENTION and write.last_error_code == "OrderJobFailed"
    assert "InvalidOrder" in write.last_error and "simulated order job failure" in write.last_error
    assert action.status is EntryStatus.PENDING  # never sent without the order's versionTag
    assert sim_state.received.order_actions == []
    latest = desk.view(order_id).latest
    assert latest.engage == "needs_attention" and "InvalidOrder" in latest.engage_detail


async def test_an_embedded_action_engage_discards_is_reported_not_taken_for_sent(client, journal, sim_state):
    order = Order("12-3-nobody", MatchKey("nobody@example.se", MatchKeyType.EMAIL), "12", "Created", "SEK",
                  datetime(2026, 11, 24, 10, tzinfo=CET), (OrderLine("1001", "T-shirt", 1, Decimal("199")),))
    journal.record([payloads.order_write(order, change=1, action={"action": "ConfirmOrder"})])
    await drain(replayer_for(client, journal))
    (write,) = journal.order_entries("12-3-nobody")
    assert write.status is EntryStatus.NEEDS_ATTENTION and write.last_error_code == "OrderActionDiscarded"
    assert "OrderHasNoContact" in write.last_error and "no email" in write.last_error
    assert sim_state.received.order_actions == []


async def test_the_embedded_mode_sends_the_action_inside_the_order(client, journal, sim_state, showcase):
    desk = desk_for(client, journal, action_mode="embedded")
    customer = await known_customer(client, journal, showcase)
    order_id = desk.create(basket(), customer, Address()).order.order_id
    assert [e.kind for e in journal.order_entries(order_id)] == [EntryKind.ORDER_CREATE]
    await drain(replayer_for(client, journal))
    assert [(a["action"], a["embedded"]) for a in sim_state.received.order_actions] == [("ConfirmOrder", True)]


async def test_a_new_customer_is_registered_first_and_the_order_names_the_new_contact(client, journal, sim_state):
    desk = desk_for(client, journal)
    who = Address(first_name="Sigrid", last_name="Ek", email="Sigrid.Ek@Example.se", street="Storgatan 1",
                       zip_code="41101", city="Göteborg")
    view = desk.create(basket(), None, who)
    order_id = view.order.order_id
    assert view.order.email == "sigrid.ek@example.se"
    first = journal.get(journal.order_entries(order_id)[0].depends_on)
    assert first.kind is EntryKind.REGISTER_CONTACT
    await drain(replayer_for(client, journal))
    new_id = journal.get(first.id).result["contactId"]
    assert sim_state.orders[order_id]["contactId"] == new_id
    assert sim_state.orders[order_id]["contact"] == {"matchKey": new_id, "matchKeyType": "contactId"}
    assert [a["action"] for a in sim_state.received.order_actions] == ["ConfirmOrder"]
    assert desk.view(order_id).order.contact_id == new_id  # later changes name the contact directly
    assert journal.cached_contact(ContactKey.email("sigrid.ek@example.se")) == new_id


async def test_an_existing_customer_with_a_known_id_needs_no_registration(client, journal, showcase):
    desk = desk_for(client, journal)
    customer = await known_customer(client, journal, showcase)
    order_id = desk.create(basket(), customer, Address()).order.order_id
    kinds = {e.kind for e in journal.entries(limit=50)}
    assert EntryKind.REGISTER_CONTACT not in kinds
    assert journal.order_entries(order_id)[0].payload["order"]["contact"]["matchKey"] == showcase["Anna"]["id"]


async def test_partial_then_full_returns_send_return_lines(client, journal, sim_state, showcase):
    desk = desk_for(client, journal)
    customer = await known_customer(client, journal, showcase)
    order_id = desk.create(basket(), customer, Address()).order.order_id
    for stage in (OrderStage.IN_PROGRESS, OrderStage.SHIPPED, OrderStage.DELIVERED):
        desk.change_stage(order_id, stage)
    with pytest.raises(InputError, match="at most 2"):
        desk.return_lines(order_id, {"1004": 3})
    view = desk.return_lines(order_id, {"1004": 1})
    assert view.order.stage is OrderStage.PARTIALLY_RETURNED and view.order.total == Decimal("1348.50")
    view = desk.return_lines(order_id, {"1002": 1, "1004": 1})
    assert view.order.stage is OrderStage.RETURNED and view.order.total == 0
    await drain(replayer_for(client, journal))
    lines = sim_state.orders[order_id]["lineItems"]["items"]
    assert [(line["sku"], line["type"], line["quantity"]) for line in lines] == [
        ("1002", "PURCHASE", 1), ("1004", "PURCHASE", 2), ("1002", "RETURN", -1), ("1004", "RETURN", -2)]
    assert sim_state.orders[order_id]["status"] == "Returned"
    with pytest.raises(InputError, match="it is closed"):
        desk.cancel(order_id)


async def test_the_customers_orders_come_from_the_till_and_from_engage_and_a_web_order_can_be_changed(
        client, journal, sim_state, showcase):
    desk = desk_for(client, journal)
    customer = await known_customer(client, journal, showcase)
    ours = desk.create(basket(), customer, Address()).order.order_id
    await drain(replayer_for(client, journal))
    sim_state.orders["WEB-77"] = {  # placed in the web shop: Engage holds it, this till never saw it
        "orderId": "WEB-77", "contactId": customer.contact.id, "status": "InProgress", "externalStatus": "Picking",
        "contact": {"matchKey": customer.contact.email, "matchKeyType": "email"}, "currencyCode": "SEK",
        "createdAt": "2026-11-20T10:00:00+01:00", "versionTag": "web-1",
        "lineItems": {"items": [{"type": "PURCHASE", "sku": "2001", "name": "Boots", "quantity": 1,
                                 "totalPrice": 999.0, "taxPercent": 25.0}]}}
    views = await desk.list_for(customer)
    assert {v.order.order_id for v in views} == {ours, "WEB-77"}
    web = next(v for v in views if v.order.order_id == "WEB-77")
    assert web.engage_raw is not None and web.order.stage is OrderStage.IN_PROGRESS
    desk.adopt(web.engage_raw)
    changed = desk.change_stage("WEB-77", OrderStage.READY_FOR_PICKUP)
    assert [e.kind for e in journal.order_entries("WEB-77")] == [EntryKind.ORDER_UPDATE, EntryKind.ORDER_ACTION]
    await drain(replayer_for(client, journal))
    assert sim_state.orders["WEB-77"]["externalStatus"] == "ReadyForPickup"
    assert ("WEB-77", "OrderReadyForPickup") in [(a["orderId"], a["action"]) for a in sim_state.received.order_actions]
    assert changed.order.changes == 2


async def test_v2_sends_one_event_per_step_with_an_action_and_never_repeats_it_after_a_dropped_connection(
        client, journal, sim_state, showcase):
    desk = desk_for(client, journal, api="v2")
    customer = await known_customer(client, journal, showcase)
    replayer = replayer_for(client, journal)
    order_id = desk.create(basket(), customer, Address()).order.order_id
    desk.change_stage(order_id, OrderStage.IN_PROGRESS)  # no action configured for this step: no event
    assert [e.kind for e in journal.order_entries(order_id)] == [EntryKind.ORDER_COMMUNICATION]
    sim_state.faults.update({"drop_after_rate": 1.0})  # processed, then the connection drops: outcome unknown
    await replayer.replay_once()
    sim_state.faults.update({"drop_after_rate": 0.0})
    await drain(replayer)
    (event,) = journal.order_entries(order_id)
    assert event.status is EntryStatus.NEEDS_ATTENTION  # a person checks with the customer: no blind resend
    assert [c["orderNumber"] for c in sim_state.received.communications] == [order_id]  # exactly one email


async def test_an_order_without_email_or_mobile_is_refused_before_anything_is_saved(client, journal):
    desk = desk_for(client, journal)
    with pytest.raises(InputError, match="email address or a mobile number"):
        desk.create(basket(), None, Address(first_name="No", last_name="Contact"))
    assert journal.count() == 0


async def test_with_the_marketing_platform_on_each_change_also_journals_its_order(client, journal, showcase):
    desk = desk_for(client, journal, second_backend=MarketingSettings(base_url="https://marketing.example",
                                                                      product_url="https://shop.example/p/{sku}"))
    customer = await known_customer(client, journal, showcase)
    order_id = desk.create(basket(), customer, Address()).order.order_id
    marketing = [e for e in journal.order_entries(order_id) if e.kind is EntryKind.MARKETING_ORDER]
    body = marketing[0].payload["order"]
    assert body["externalOrderId"] == order_id and body["status"] == "INITIALIZED"
    assert body["items"][0]["url"] == "https://shop.example/p/1002" and body["totalCost"] == 1398.0
    assert desk.view(order_id).latest.marketing == "queued"


async def test_a_double_saved_version_is_one_change_and_a_stale_one_is_refused(client, journal, showcase):
    desk = desk_for(client, journal)
    customer = await known_customer(client, journal, showcase)
    view = desk.create(basket(), customer, Address())
    order = view.order
    moved = order.moved_to(OrderStage.IN_PROGRESS, order.changed_at)
    entries = desk._entries_for(moved, registration=None, depends_on=None)
    from pos_engage.core.till.order_forms import to_record
    for _ in range(2):  # the same version saved twice (a retried click)
        journal.save_order(order.order_id, stage=moved.stage.value, changes=2, body=to_record(moved), entries=entries)
    assert len(journal.order_entries(order.order_id)) == 3  # create + action, then one update
    with pytest.raises(InputError, match="changed meanwhile"):
        journal.save_order(order.order_id, stage="cancelled", changes=4,
                           body=to_record(replace(moved, changes=4)), entries=[])


async def test_a_promotion_applied_to_the_basket_is_redeemed_with_the_order(client, journal, sim_state, showcase):
    desk = desk_for(client, journal)
    customer = await known_customer(client, journal, showcase)
    promotions = await client.list_promotions(customer.contact.id)
    offer = next(p for p in promotions if p.pos_channel and p.pos_channel.percent and not p.redeemed)
    order_basket = basket()
    order_basket.apply_promotion(offer)
    view = desk.create(order_basket, customer, Address())
    assert view.order.total < basket().total  # the order carries the discounted prices
    await drain(replayer_for(client, journal))
    assert [r["assignmentId"] for r in sim_state.received.redemptions] == [offer.id]
    anonymous = basket()
    anonymous.apply_promotion(offer)
    with pytest.raises(InputError, match="need the customer identified"):
        desk.create(anonymous, None, Address(email="x@example.se"))


async def test_the_job_is_polled_with_backoff_and_a_job_that_never_finishes_is_sent_again_later(client, journal,
                                                                                               sim_state, showcase):
    from pos_engage.core.errors import EngageUnavailable
    from pos_engage.core.journal.order_delivery import follow_order_job

    waits: list[float] = []
    now = [0.0]

    async def sleep(seconds: float) -> None:  # the test's clock: no real waiting
        waits.append(seconds)
        now[0] += seconds

    polling = JobPolling(schedule=(0.5, 1.0, 2.0), timeout=6.0, sleep=sleep, clock=lambda: now[0])
    order = Order("12-3-slow", MatchKey(showcase["Anna"]["id"]), "12", "Created", "SEK",
                  datetime(2026, 11, 24, 10, tzinfo=CET), (OrderLine("1001", "T-shirt", 1, Decimal("199")),))
    sim_state.order_job_polls = 4
    stored = await follow_order_job(client, await client.create_order(order), polling)
    assert waits == [0.5, 1.0, 2.0, 2.0] and stored.version_tag == sim_state.orders["12-3-slow"]["versionTag"]

    waits.clear()
    sim_state.order_job_polls = 1_000
    with pytest.raises(EngageUnavailable, match="has not finished order job") as raised:
        await follow_order_job(client, await client.create_order(order), polling)
    assert raised.value.code == "OrderJobPending" and sum(waits) <= 6.0


# ---------------------------------------------------------------------- a full replace never erases (issue 12)


def order_bodies(recorder, order_id: str) -> list[dict]:
    """Each version Engage got: the create (POST), then the full replacements (PUT), in order."""
    return [r.json() for r in recorder.requests
            if (r.method, r.url.path) in (("POST", "/api/v3/orders"), ("PUT", f"/api/v3/orders/{order_id}"))
            and r.json().get("orderId") == order_id]


def carried(before: dict, after: dict, *, changed: set[str]) -> dict[str, tuple]:
    """What version ``after`` lost or altered of ``before``, field by field, leaving out what the cashier changed."""
    def leaves(body, path=""):
        if isinstance(body, dict):
            return {k: v for name, value in body.items() for k, v in leaves(value, f"{path}{name}.").items()}
        if isinstance(body, list):
            return {k: v for i, value in enumerate(body) for k, v in leaves(value, f"{path[:-1]}[{i}].").items()}
        return {path[:-1]: body}

    later = leaves(after)
    return {path: (value, later.get(path)) for path, value in leaves(before).items()
            if path.split(".")[0] not in changed and later.get(path) != value}


@pytest.mark.parametrize("who", ["known customer", "new customer"])
async def test_version_two_of_an_order_carries_everything_version_one_sent(client, journal, recorder, showcase, who):
    desk = desk_for(client, journal)
    customer = await known_customer(client, journal, showcase) if who == "known customer" else None
    form = Address("Nils", "Ny", "Gatan 1", "111 22", "Stockholm", "SE", "nils.ny@example.se", "+46705550101") \
        if customer is None else Address(street="Storgatan 5", city="Malmö")
    order_id = desk.create(basket(), customer, form, delivery_method="Home delivery").order.order_id
    desk.change_stage(order_id, OrderStage.IN_PROGRESS)
    await drain(replayer_for(client, journal))
    first, second = order_bodies(recorder, order_id)
    assert first["billingAddress"]["email"] and first["billingAddress"]["mobilePhone"]
    # What the cashier changed is the status; everything else is sent again exactly as version 1 sent it.
    assert carried(first, second, changed={"status", "externalStatus", "lastChangedAt", "action"}) == {}


async def test_a_record_written_before_the_fix_still_sends_the_billing_email_and_mobile_again(client, journal,
                                                                                          recorder, showcase):
    desk = desk_for(client, journal)
    order_id = desk.create(basket(), await known_customer(client, journal, showcase), Address()).order.order_id
    record = journal.order(order_id)
    old_body = dict(record.body, billingAddress={k: v for k, v in record.body["billingAddress"].items()
                                                 if k not in ("email", "mobilePhone")})
    journal.save_order(order_id, stage=record.stage, changes=record.changes, body=old_body, entries=[],
                       contact_id=record.contact_id)
    desk.change_stage(order_id, OrderStage.IN_PROGRESS)
    await drain(replayer_for(client, journal))
    first, second = order_bodies(recorder, order_id)
    assert second["billingAddress"] == first["billingAddress"]
    assert second["billingAddress"]["email"] == showcase["Anna"]["email"]


async def test_the_first_change_of_a_web_order_carries_what_engage_holds(client, journal, recorder, sim_state,
                                                                         showcase):
    desk = desk_for(client, journal)
    customer = await known_customer(client, journal, showcase)
    address = {"firstname": "Anna", "lastname": "Andersson", "street": "Webbvägen 2", "zipCode": "211 20",
               "city": "Malmö", "countryCode": "SE", "email": customer.contact.email, "mobilePhone": "+46701112233"}
    sim_state.orders["WEB-88"] = {
        "orderId": "WEB-88", "contactId": customer.contact.id, "status": "InProgress", "externalStatus": "Picking",
        "contact": {"matchKey": customer.contact.email, "matchKeyType": "Email"}, "currencyCode": "SEK",
        "createdAt": "2026-11-20T10:00:00+01:00", "versionTag": "web-1", "billingAddress": address,
        "payments": {"items": [{"type": "Klarna", "value": 999.0, "description": "Invoice 30 days"}]},
        "delivery": {"method": "Postnord", "trackingNumber": "PN123", "trackingUri": "https://track.invalid/PN123",
                     "deliveryDate": "2026-11-25T12:00:00+01:00"},
        "lineItems": {"items": [{"type": "PURCHASE", "sku": "2001", "name": "Boots", "quantity": 1,
                                 "totalPrice": 999.0, "taxPercent": 25.0}]}}
    web = next(v for v in await desk.list_for(customer) if v.order.order_id == "WEB-88")
    desk.adopt(web.engage_raw)
    desk.change_stage("WEB-88", OrderStage.READY_FOR_PICKUP)
    await drain(replayer_for(client, journal))
    (replaced,) = order_bodies(recorder, "WEB-88")
    assert replaced["billingAddress"] == address
    assert replaced["payments"] == {"items": [{"type": "Klarna", "value": 999.0, "description": "Invoice 30 days"}]}
    assert replaced["delivery"] == {"method": "Postnord", "trackingNumber": "PN123",
                                    "trackingUri": "https://track.invalid/PN123",
                                    "deliveryDate": "2026-11-25T12:00:00+01:00"}
    assert sim_state.orders["WEB-88"]["billingAddress"] == address

