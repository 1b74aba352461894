"""Export: valid files, contacts before transactions, the 20,000 cap, hostile text, and never both paths."""

from __future__ import annotations

from decimal import Decimal

import pytest
from lxml import etree

from pos_engage.core.domain import Discount, MatchKey, MatchKeyType, NewContact, Payment, Receipt, ReceiptItem
from pos_engage.core.export import xml_export
from pos_engage.core.export.exporter import export_queue, recover
from pos_engage.core.journal import payloads
from pos_engage.core.journal.entry import EntryKind, EntryStatus
from tests.core.conftest import sale

NS = {"t": xml_export.TRANSACTIONS_NS, "c": xml_export.CONTACTS_NS}


def export(journal, folder, **options):
    return export_queue(journal, folder, store="12", till="3", actor="manager", clock=journal.clock, **options)


def hostile_sale(unique_id: str, text: str) -> Receipt:
    base = sale(unique_id)
    item = ReceiptItem("1001", text, 1, Decimal("100"), Decimal("25"),
                       discounts=(Discount(Decimal("-10"), text, "promotion"),))
    return Receipt(base.unique_receipt_id, base.receipt_number, base.created_date, "12", "SEK", base.contact,
                   (item,), payments=(Payment("Card", Decimal("100"), text),))


def test_files_validate_and_contacts_come_first(journal, tmp_path):
    journal.record([payloads.registration(NewContact(first_name="Åsa", email="asa@example.se"),
                                          store_external_id="12"),
                    payloads.receipt(sale("r1", MatchKey("asa@example.se", MatchKeyType.EMAIL)), depends_on_index=0)])
    journal.record([payloads.receipt(sale("r2", MatchKey("c-2"))),
                    payloads.promotion_redemption("a-9", contact_id="c-2")], sale_id="sale-2")
    result = export(journal, tmp_path / "out")
    names = [f.name for f in result.files]
    assert names[0].endswith("_12-3_contacts.xml") and names[0][:14].isdigit()
    assert all(n.endswith("_transactions.xml") for n in names[1:])
    for path in result.files:
        kind = "contacts" if path.name.endswith("contacts.xml") else "transactions"
        assert xml_export.schema(kind).validate(etree.parse(str(path)))
    assert result.exported == 4  # the redemption travels with its sale's receipt
    assert {e.status for e in journal.entries()} == {EntryStatus.EXPORTED}
    assert journal.claim_due() == []  # exported entries are never sent by API afterwards
    assert journal.audit_log()[-1]["action"] == "export"


def test_one_match_key_type_per_transactions_file(journal, tmp_path):
    journal.record([payloads.receipt(sale("r1", MatchKey("c-1")))])
    journal.record([payloads.receipt(sale("r2", MatchKey("a@example.se", MatchKeyType.EMAIL)))])
    journal.record([payloads.receipt(sale("r3", MatchKey("c-3")))])
    result = export(journal, tmp_path / "out")
    types = [{e.text for e in etree.parse(str(f)).iterfind(".//t:matchKeyType", NS)} for f in result.files]
    assert sorted(map(sorted, types)) == [["contactId"], ["email"]]


def test_files_are_split_at_the_cap(journal, tmp_path):
    for n in range(7):
        journal.record([payloads.receipt(sale(f"r{n}", MatchKey(f"c-{n}")))])
    result = export(journal, tmp_path / "out", max_per_file=3)
    counts = [len(etree.parse(str(f)).findall(".//t:transaction", NS)) for f in result.files]
    assert counts == [3, 3, 1]
    assert len({f.name for f in result.files}) == 3


def test_the_schema_itself_refuses_more_than_20000_records():
    assert xml_export.MAX_RECORDS_PER_FILE == 20_000
    fragment = xml_export.transaction_fragment(
        {"contact": {"matchKey": "c", "matchKeyType": "contactId"}, "uniqueReceiptId": "u", "receiptNumber": "1",
         "createdDate": "2026-11-23T12:00:00+01:00", "storeExternalId": "1", "currency": "SEK",
         "totalGrossPrice": 1, "paymentMethods": [],
         "items": [{"type": "PURCHASE", "sku": "s", "articleNumber": "s", "articleName": "n", "quantity": 1,
                    "grossPaidPrice": 1, "taxAmount": 0.2, "taxPercent": 25}]})
    import copy
    root = xml_export.transactions_document(copy.deepcopy(fragment) for _ in range(20_001))
    with pytest.raises(ValueError, match="schema"):
        xml_export.serialise(root, "transactions")


@pytest.mark.parametrize("text", ['<&>"\' and ]]>', "emoji 😀🧦", "مرحبا بالعالم", "Åsa Öberg-Sjöström",
                                  "שלום (RTL) mixed"])
def test_xml_hostile_text_round_trips(journal, tmp_path, text):
    journal.record([payloads.receipt(hostile_sale("r-hostile", text))])
    result = export(journal, tmp_path / "out")
    tree = etree.parse(str(result.files[0]))
    assert tree.find(".//t:articleName", NS).text == text
    assert tree.find(".//t:discount/t:description", NS).text == text
    assert tree.find(".//t:paymentMethod/t:description", NS).text == text


def test_control_characters_are_refused_with_a_message_and_stay_queued(journal, tmp_path):
    good = journal.record([payloads.receipt(sale("good"))])[0]
    bad_payload = payloads.receipt(sale("bad")).payload
    bad_payload["receipt"]["items"][0]["articleName"] = "scanner junk \x1b[0m"
    bad = journal.enqueue(EntryKind.RECEIPT, bad_payload, idempotency_key="receipt:bad")
    result = export(journal, tmp_path / "out")
    assert result.exported == 1
    assert result.skipped and result.skipped[0][0] == bad.id and "control characters" in result.skipped[0][1]
    assert journal.get(good.id).status is EntryStatus.EXPORTED
    assert journal.get(bad.id).status is EntryStatus.PENDING


def test_a_receipt_waits_for_a_registration_that_cannot_be_exported(journal, tmp_path):
    registration, receipt = journal.record([
        payloads.registration(NewContact(email="x@example.se"), store_external_id="1"),
        payloads.receipt(sale("r-x", MatchKey("x@example.se", MatchKeyType.EMAIL)), depends_on_index=0)])
    journal.claim_due()
    from pos_engage.core.journal.claims import Settlement
    journal.settle([Settlement(registration.id, EntryStatus.NEEDS_ATTENTION, error="rejected")])
    result = export(journal, tmp_path / "out")
    assert result.files == []
    assert journal.get(receipt.id).status is EntryStatus.PENDING


def test_updates_of_an_exported_registration_are_folded_into_it(journal, tmp_path):
    from pos_engage.core.domain import ContactUpdate
    journal.record([payloads.registration(NewContact(first_name="A", email="a@example.se"), store_external_id="1"),
                    payloads.contact_update(None, ContactUpdate(city="Lund"), depends_on_index=0)])
    result = export(journal, tmp_path / "out")
    member = etree.parse(str(result.files[0])).find(".//c:member", NS)
    assert member.find("c:city", NS).text == "Lund" and member.find("c:email", NS).text == "a@example.se"
    assert result.exported == 2


def test_a_crash_before_the_manifest_commits_leaves_the_entries_queued(journal, tmp_path):
    entry = journal.record([payloads.receipt(sale("r-crash"))])[0]
    folder = tmp_path / "out"

    def crash() -> None:
        raise KeyboardInterrupt("power cut")

    with pytest.raises(KeyboardInterrupt):
        export(journal, folder, _after_write=crash)
    assert journal.get(entry.id).status is EntryStatus.PENDING
    assert list(folder.glob("*.xml")) == []  # no final file: it cannot be uploaded by mistake
    assert len(list(folder.glob("*.xml.tmp"))) == 1
    notes = recover(journal, folder)
    assert list(folder.iterdir()) == [] and "still in the queue" in notes[0]
    # Later: exported once, by file, and never also by API.
    result = export(journal, folder)
    assert journal.get(entry.id).status is EntryStatus.EXPORTED and len(result.files) == 1
    assert journal.claim_due() == []


def test_a_crash_after_the_manifest_commits_is_finished_by_recovery(journal, tmp_path):
    entry = journal.record([payloads.receipt(sale("r-late"))])[0]
    folder = tmp_path / "out"
    result = export(journal, folder)
    final = result.files[0]
    # Put the world back to "committed, not yet renamed".
    final.rename(final.with_name(final.name + ".tmp"))
    journal.connection.execute("UPDATE exports SET state = 'writing'")
    notes = recover(journal, folder)
    assert final.exists() and "finished" in notes[0]
    assert journal.connection.execute("SELECT state FROM exports").fetchone()[0] == "ready"
    assert journal.get(entry.id).status is EntryStatus.EXPORTED


def test_an_export_folder_that_cannot_be_created_is_a_clear_error(journal, tmp_path):
    from pos_engage.core.journal.errors import JournalError
    blocker = tmp_path / "file"
    blocker.write_text("x")
    journal.record([payloads.receipt(sale("r"))])
    with pytest.raises(JournalError, match="export folder"):
        export(journal, blocker / "out")


def test_stopping_an_export_before_its_commit_leaves_everything_queued(journal, tmp_path):
    for n in range(7):
        journal.record([payloads.receipt(sale(f"r{n}", MatchKey(f"c-{n}")))])
    seen = []
    result = export(journal, tmp_path / "out", max_per_file=3, progress=lambda done, total: seen.append(done),
                    should_stop=lambda: len(seen) >= 1)
    assert result.stopped and result.files == [] and seen == [1]
    assert "still in the queue" in result.summary()
    assert list((tmp_path / "out").iterdir()) == []  # the file already written is gone again
    assert {e.status for e in journal.entries()} == {EntryStatus.PENDING}


def test_exporting_selected_entries_takes_their_redemptions_along(journal, tmp_path):
    receipt, redemption = journal.record([payloads.receipt(sale("s1", MatchKey("c-1"))),
                                          payloads.promotion_redemption("a-1", contact_id="c-1")], sale_id="sale-1")
    other = journal.record([payloads.receipt(sale("s2", MatchKey("c-2")))])[0]
    result = export(journal, tmp_path / "out", only={receipt.id})
    assert result.exported == 2
    assert journal.get(redemption.id).status is EntryStatus.EXPORTED
    assert journal.get(other.id).status is EntryStatus.PENDING


async def test_an_order_changed_during_the_outage_goes_by_file_as_its_latest_version_and_its_email_follows_later(
        journal, tmp_path, client, sim_state, showcase):
    from pos_engage.core.config import Config
    from pos_engage.core.domain import Address
    from pos_engage.core.domain.order_life import OrderStage
    from pos_engage.core.engage.online import OnlineMonitor
    from pos_engage.core.journal.order_delivery import JobPolling
    from pos_engage.core.journal.replayer import Replayer
    from pos_engage.core.till.basket import Basket, BasketLine
    from pos_engage.core.till.orders import OrderDesk
    from pos_engage.core.till.outcomes import Customer

    anna = showcase["Anna"]
    customer = Customer(None, await client.get_contact(anna["id"]))
    desk = OrderDesk(Config(store_external_id="12", till_id="3"), client, journal)
    order_id = desk.create(Basket([BasketLine("1002", "Wool jacket", 1, Decimal("1299"))]), customer,
                           Address()).order.order_id
    desk.change_stage(order_id, OrderStage.IN_PROGRESS)

    result = export(journal, tmp_path / "out")
    (orders_file,) = [f for f in result.files if f.name.endswith("_12-3_orders.xml")]
    document = etree.parse(str(orders_file))
    assert xml_export.schema("orders").validate(document)
    ns = {"o": xml_export.ORDERS_NS}
    assert [e.text for e in document.iterfind(".//o:order/o:status", ns)] == ["InProgress"]  # the latest version
    assert document.findtext(".//o:contact/o:matchKey", namespaces=ns) == anna["id"]
    statuses = {e.kind: e.status for e in journal.order_entries(order_id)}
    assert statuses[EntryKind.ORDER_CREATE] is EntryStatus.EXPORTED
    assert statuses[EntryKind.ORDER_UPDATE] is EntryStatus.EXPORTED
    assert statuses[EntryKind.ORDER_ACTION] is EntryStatus.PENDING  # an email has no file form

    replayer = Replayer(journal, client, monitor=OnlineMonitor(), rate_per_second=None, schedule=(0.0,),
                        job_polling=JobPolling(schedule=(0.0,)))
    await replayer.replay_once()
    action = next(e for e in journal.order_entries(order_id) if e.kind is EntryKind.ORDER_ACTION)
    assert action.status is EntryStatus.WAITING_RETRY and "not imported it yet" in action.last_error
    assert sim_state.received.order_actions == []
    # Engage imports the file: the order now has a versionTag, and the email goes for it.
    sim_state.orders[order_id] = {"orderId": order_id, "contactId": anna["id"], "versionTag": "imported-1"}
    journal.wake_waiting()
    await replayer.replay_once()
    assert [(a["action"], a["versionTag"]) for a in sim_state.received.order_actions] == [
        ("ConfirmOrder", "imported-1")]


# ---------------------------------------------------------------------- unknown outcomes are asked about first


def usable_promotion_of(sim_state, contact_id):
    from datetime import UTC, datetime
    now = datetime.now(UTC).isoformat()
    return next(p for p in sim_state.promotions.values()
                if p["contactId"] == contact_id and not p["redeemed"] and p["expiresOn"] > now)


def a_sale_with_a_redemption(journal, sim_state, anna, name: str):
    promotion = usable_promotion_of(sim_state, anna["id"])
    receipt, redemption = journal.record(
        [payloads.receipt(sale(name, MatchKey(anna["id"]))),
         payloads.promotion_redemption(promotion["id"], contact_id=anna["id"], sale_id=name)], sale_id=name)
    return promotion, receipt, redemption


async def export_asking(journal, folder, client):
    from pos_engage.core.export.ask_first import export_checked
    from pos_engage.core.journal.lease import DeliveryLease
    lease = DeliveryLease.of(journal)
    try:
        return await export_checked(journal, folder, client, lease, store="12", till="3", actor="manager",
                                    clock=journal.clock)
    finally:
        lease.release()


async def test_an_unknown_outcome_that_engage_processed_never_also_goes_by_file(
        journal, tmp_path, client, sim_state, showcase):
    from pos_engage.core.engage.online import OnlineMonitor
    from pos_engage.core.journal.replayer import Replayer
    promotion, receipt, redemption = a_sale_with_a_redemption(journal, sim_state, showcase["Anna"], "lost-answer")
    sim_state.faults.update({"drop_after_rate": 1.0})  # Engage does it, the answer never arrives
    replayer = Replayer(journal, client, monitor=OnlineMonitor(offline_after=100), rate_per_second=None)
    await replayer.replay_once()
    replayer.close()
    assert journal.get(redemption.id).check_first and sim_state.promotions[promotion["id"]]["redeemed"]
    assert journal.get(receipt.id).check_first and "lost-answer" in sim_state.received.receipts
    sim_state.faults.update({"drop_after_rate": 0.0})
    plain = export(journal, tmp_path / "blind")  # without asking: held back, with the reason
    assert redemption.id in dict(plain.skipped) and "may have reached Engage" in dict(plain.skipped)[redemption.id]
    assert journal.get(redemption.id).status is EntryStatus.WAITING_RETRY

    result = await export_asking(journal, tmp_path / "out", client)
    reasons = dict(result.skipped)
    # The redemption: Engage shows it used while our answer was lost: a person decides (never resent, never filed).
    assert journal.get(redemption.id).status is EntryStatus.CONFLICT
    assert journal.get(redemption.id).last_error_code == "RedeemedWhileAnswerLost"
    # The receipt: Engage cannot be asked about a receipt, so it goes again by API (Engage drops the repeat).
    assert journal.get(receipt.id).status is EntryStatus.WAITING_RETRY and result.exported == 0
    assert "cannot be asked" in reasons[receipt.id]
    assert [r["assignmentId"] for r in sim_state.received.redemptions] == [promotion["id"]]


async def test_an_unknown_outcome_engage_never_got_is_kept_for_the_api_when_it_cannot_be_asked(
        journal, tmp_path, client, sim_state, showcase):
    promotion, receipt, redemption = a_sale_with_a_redemption(journal, sim_state, showcase["Anna"], "never-sent")
    assert len(journal.claim_due()) == 2
    assert journal.recover_in_flight() == 2  # the till stopped before anything went out: outcome unknown
    result = await export_asking(journal, tmp_path / "out", client)
    # The redemption is asked about (unused: it could go by file); the receipt cannot be asked about, so the sale
    # stays for the API (safe to resend) rather than risk both channels.
    reasons = dict(result.skipped)
    assert result.found_delivered == [] and result.exported == 0
    assert "cannot be asked" in reasons[receipt.id]
    assert {journal.get(e.id).status for e in (receipt, redemption)} == {EntryStatus.PENDING}
    assert not sim_state.promotions[promotion["id"]]["redeemed"] and sim_state.received.redemptions == []


async def test_with_engage_down_an_unknown_outcome_stays_in_the_queue_with_its_sale(
        journal, tmp_path, client, sim_state, showcase):
    _, receipt, redemption = a_sale_with_a_redemption(journal, sim_state, showcase["Anna"], "down")
    journal.claim_due()
    journal.recover_in_flight()
    other = journal.record([payloads.receipt(sale("unrelated", MatchKey(showcase["Anna"]["id"])))])[0]  # never sent
    sim_state.faults.update({"down": True})
    result = await export_asking(journal, tmp_path / "out", client)
    reasons = dict(result.skipped)
    assert "asking Engage failed" in reasons[redemption.id]
    assert "cannot be asked" in reasons[receipt.id]  # its own attempt may have reached Engage too
    assert journal.get(redemption.id).status is EntryStatus.PENDING and journal.get(redemption.id).check_first
    assert journal.get(receipt.id).status is EntryStatus.PENDING
    assert journal.get(other.id).status is EntryStatus.EXPORTED  # a receipt is safe by either path (its id dedups)


async def test_an_export_while_another_process_delivers_asks_nothing_and_holds_back(
        journal, journal_path, clock, tmp_path, client, sim_state, showcase):
    from pos_engage.core.journal.lease import DeliveryLease
    from pos_engage.core.journal.store import Journal
    _, _, redemption = a_sale_with_a_redemption(journal, sim_state, showcase["Anna"], "busy")
    journal.claim_due()
    journal.recover_in_flight()
    with Journal.open(journal_path, clock=clock) as window:
        assert DeliveryLease.of(window).acquire()
        result = await export_asking(journal, tmp_path / "out", client)
    assert "is delivering this journal" in dict(result.skipped)[redemption.id]
    assert sim_state.received.requests == []


def test_two_exports_in_the_same_second_name_their_files_apart(journal, tmp_path):
    journal.record([payloads.receipt(sale("first"))])
    first = export(journal, tmp_path / "out")
    journal.record([payloads.receipt(sale("second"))])
    second = export(journal, tmp_path / "out")  # the journal's clock has not moved
    assert [p.name for p in second.files] == [first.files[0].name.replace("_transactions", "-2_transactions")]
    assert all(p.exists() for p in first.files + second.files)
