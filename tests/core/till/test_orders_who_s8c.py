"""Every change of an order records who made it (the person at the till when it was saved: OrderDesk.at_till,
TillService.at_till in the till) and where: the window, the one door orders have, unless a door journaling says
otherwise. A new customer's registration and the order's redemptions say it too. Against the simulator, on a real
journal."""

from __future__ import annotations

from pos_engage.core.domain import Address
from pos_engage.core.domain.order_life import OrderStage
from pos_engage.core.journal.entry import EntryKind, Origin, journaling_from
from pos_engage.core.till.orders import OrderDesk
from tests.core.till.test_orders import basket, desk_for, known_customer


def sources(journal, order_id: str) -> dict[tuple[EntryKind, str], tuple]:
    return {(e.kind, e.idempotency_key.rsplit(":", 1)[-1]): (e.rung_by, e.origin)
            for e in journal.order_entries(order_id)}


async def test_each_change_records_the_person_at_the_till_then_and_the_window(client, journal, showcase):
    desk = desk_for(client, journal)
    at_till = {"now": "Omar Said (2002)"}
    desk = OrderDesk(desk.config, client, journal, at_till=lambda: at_till["now"])
    customer = await known_customer(client, journal, showcase)
    order_id = desk.create(basket(), customer, Address(), delivery_method="Home delivery").order.order_id
    at_till["now"] = "till 3"   # shared from now on: the till is named
    desk.change_stage(order_id, OrderStage.IN_PROGRESS)
    assert set(sources(journal, order_id).values()) == {("Omar Said (2002)", Origin.WINDOW), ("till 3", Origin.WINDOW)}
    assert sources(journal, order_id)[(EntryKind.ORDER_CREATE, "1")] == ("Omar Said (2002)", Origin.WINDOW)
    assert sources(journal, order_id)[(EntryKind.ORDER_UPDATE, "2")] == ("till 3", Origin.WINDOW)


async def test_a_new_customers_registration_says_it_too_and_a_door_that_said_wins(client, journal):
    desk = OrderDesk(desk_for(client, journal).config, client, journal, at_till=lambda: "Anna Berg (1001)")
    view = desk.create(basket(), None, Address("Sigrid", "Ek", email="sigrid@example.se"))
    entries = journal.order_entries(view.order.order_id)
    registration = journal.get(next(e.depends_on for e in entries if e.depends_on is not None))
    assert registration.kind is EntryKind.REGISTER_CONTACT
    assert (registration.rung_by, registration.origin) == ("Anna Berg (1001)", Origin.WINDOW)
    with journaling_from(Origin.COMMAND_LINE, "IT (9)"):
        desk.change_stage(view.order.order_id, OrderStage.CANCELLED)
    assert sources(journal, view.order.order_id)[(EntryKind.ORDER_UPDATE, "2")] == ("IT (9)", Origin.COMMAND_LINE)


async def test_a_desk_told_nobody_records_the_window_and_nobody(client, journal, showcase):
    desk = desk_for(client, journal)   # as a headless till builds it: nobody signed in
    customer = await known_customer(client, journal, showcase)
    order_id = desk.create(basket(), customer, Address()).order.order_id
    assert set(sources(journal, order_id).values()) == {(None, Origin.WINDOW)}
