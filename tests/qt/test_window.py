"""The till window as a cashier uses it: keyboard and scanner first, against the in-process simulator."""

from __future__ import annotations

import time

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from pos_engage.core.journal.entry import EntryStatus
from pos_engage.qt.i18n import money


def showcase(till) -> dict:
    return {c["name"].split()[0]: c for c in till.sim_state.showcase()["contacts"]}


def lookups(till) -> int:
    return sum(1 for r in till.sim_state.received.requests if r["path"] == "/api/v3/contacts/id")


def enter(qtbot, widget, text: str) -> None:
    """Input that arrives as a whole (pasted, autofilled), then Enter."""
    widget.setFocus()
    widget.setText(text)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def type_slowly(qtbot, widget, text: str, delay: int = 60) -> None:
    """A person types: a pause between keys (a scanner would not pause)."""
    widget.setFocus()
    widget.clear()
    for char in text:
        qtbot.keyClicks(widget, char)
        qtbot.wait(delay)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def scan(qtbot, widget, code: str) -> None:
    """A keyboard-wedge scanner: the whole code in one burst, then Enter."""
    widget.setFocus()
    widget.clear()
    qtbot.keyClicks(widget, code)
    qtbot.keyClick(widget, Qt.Key.Key_Return)


def identified(qtbot, window, action) -> object:
    with qtbot.waitSignal(window.bridge.identified, timeout=10_000) as blocker:
        action()
    return blocker.args[0]


def add_line(qtbot, window, sku: str, name: str, price: str, quantity: int = 1) -> None:
    basket = window.basket
    basket.sku.setText(sku)
    basket.article.setText(name)
    basket.quantity.setValue(quantity)
    basket.price.setText(price)
    qtbot.keyClick(basket.price, Qt.Key.Key_Return)


def test_the_identify_input_has_focus_and_the_demo_marker_shows(window):
    assert QApplication.focusWidget() is window.customer.input
    assert "DEMO" in window.windowTitle()


def test_tab_goes_through_the_till_in_reading_order_and_skips_what_cannot_be_used_yet(qtbot, window):
    seen = []
    for _ in range(13):
        focused = QApplication.focusWidget()
        seen.append(focused.accessibleName())
        qtbot.keyClick(focused, Qt.Key.Key_Tab)
    # Customer side, then the basket left to right, top to bottom; with an empty basket the payment buttons
    # and Finish are disabled, so Tab comes round to the identify input again. The tenders are one stop (the arrow
    # keys choose among them); the touch-only − / + and keypad buttons are not in the way.
    assert seen == ["Customer card, email or mobile", "Find customer", "Promotions and vouchers", "Article number",
                    "Article name", "Quantity (negative for a return)", "Unit price including VAT", "VAT rate",
                    "Add line", "Basket", "Pay by Card", "Amount paid by this method",
                    "Customer card, email or mobile"]


def test_identify_by_scanning_a_card_shows_the_customer_and_promotions(qtbot, window, till):
    anna = showcase(till)["Anna"]
    outcome = identified(qtbot, window, lambda: scan(qtbot, window.customer.input, anna["cardNumber"]))
    assert outcome.found.value == "found"
    assert window.customer.name.text() == "Anna Andersson"
    assert "Member" in window.customer.details.text() and anna["memberNumber"] in window.customer.details.text()
    texts = [window.customer.offers.item(i).text() for i in range(window.customer.offers.count())]
    assert any("20 %" in t for t in texts) and any("50.00\u00a0SEK" in t for t in texts)  # amounts as the locale writes
    assert any("voucher" in t for t in texts)
    vouchers = outcome.customer.vouchers
    worth = sum(v.value.amount for v in vouchers)
    assert vouchers and f"{len(vouchers)} voucher" in window.customer.details.text()
    assert f"worth {money(worth, vouchers[0].value.currency)}" in window.customer.details.text()


def test_typed_email_and_mobile_identify_too_and_the_cache_saves_the_lookup(qtbot, window, till):
    anna = showcase(till)["Anna"]
    first = identified(qtbot, window, lambda: enter(qtbot, window.customer.input, anna["email"]))
    assert first.found.value == "found" and not first.from_cache
    before = lookups(till)
    assert before == 1
    identified(qtbot, window, lambda: enter(qtbot, window.customer.input, anna["email"]))
    assert lookups(till) == before  # known customer: no lookup call
    outcome = identified(qtbot, window, lambda: enter(qtbot, window.customer.input, "070-123 45 67"))
    assert outcome.customer.contact.id == anna["id"]


def test_typed_digits_are_not_taken_for_a_scan(qtbot, window):
    outcome = identified(qtbot, window, lambda: type_slowly(qtbot, window.customer.input, "0701234567"))
    assert outcome.found.value == "found"  # typed slowly: classified as a mobile, not refused as a "scan"


def test_multiple_matches_ask_for_a_better_key(qtbot, window, till):
    karin = showcase(till)["Karin"]
    identified(qtbot, window, lambda: enter(qtbot, window.customer.input, karin["mobilePhone"]))
    assert "Several customers" in window.customer.message.text()


def test_not_found_opens_registration_prefilled_and_shows_engages_field_errors(qtbot, window, till):
    identified(qtbot, window, lambda: enter(qtbot, window.customer.input, "sigrid@example.se"))
    assert window.customer.register_button.isVisible()
    qtbot.mouseClick(window.customer.register_button, Qt.MouseButton.LeftButton)
    dialog = window.register_dialog
    assert dialog.inputs["email"].text() == "sigrid@example.se"
    dialog.inputs["first_name"].setText("Sigrid")
    dialog.inputs["mobile_phone"].setText("12")  # caught before anything is sent
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.errors["mobile_phone"].isVisible() and "mobile" in dialog.errors["mobile_phone"].text()
    dialog.inputs["mobile_phone"].setText("0705551234")
    dialog.accepts_email.setChecked(True)
    with qtbot.waitSignal(window.bridge.registered, timeout=10_000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)  # a double click
    assert window.customer.name.text() == "Sigrid"
    registrations = [r for r in till.sim_state.received.registrations if r["email"] == "sigrid@example.se"]
    assert len(registrations) == 1
    assert till.journal.audit_log()[-1]["action"] == "consent"


def test_engages_own_validation_error_lands_on_the_field(qtbot, window, till):
    window.open_register("")
    dialog = window.register_dialog
    dialog.inputs["first_name"].setText("X" * 101)
    dialog.inputs["email"].setText("long@example.se")
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.errors["first_name"].isVisible()  # the domain refuses > 100 characters before sending


def test_duplicate_registration_adopts_the_existing_customer(qtbot, window, till):
    anna = showcase(till)["Anna"]
    window.open_register(anna["email"])
    dialog = window.register_dialog
    dialog.inputs["first_name"].setText("Anna")
    with qtbot.waitSignal(window.bridge.registered, timeout=10_000) as blocker:
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert blocker.args[0].customer.contact.id == anna["id"] and not blocker.args[0].created
    assert "already registered" in window.customer.message.text()


def apply_first(qtbot, window, value_text: str):
    offers = window.customer.offers
    for row in range(offers.count()):
        item = offers.item(row)
        if value_text in item.text():
            item.setCheckState(Qt.CheckState.Checked)
            return item.data(Qt.ItemDataRole.UserRole)
    raise AssertionError(f"no offer with {value_text}")


def test_apply_finish_redeems_once_and_books_the_receipt(qtbot, window, till):
    anna = showcase(till)["Anna"]
    identified(qtbot, window, lambda: scan(qtbot, window.customer.input, anna["cardNumber"]))
    add_line(qtbot, window, "1002", "Wool jacket", "1299")
    add_line(qtbot, window, "1004", "Socks", "49.50", quantity=2)
    assert "1,398.00" in window.basket.total_label.text()
    promotion = apply_first(qtbot, window, "20 %")
    assert "1,118.40" in window.basket.total_label.text() and "279.60" in window.basket.discount_label.text()
    with qtbot.waitSignal(window.bridge.sale_delivered, timeout=15_000) as blocker:
        qtbot.keyClick(window, Qt.Key.Key_F9)
    receipt_id, status = blocker.args
    assert status == "sent" and "sent to Engage" in window.basket.sale_status.text()
    booked = till.sim_state.received.receipts[receipt_id]
    assert booked["totalGrossPrice"] == 1118.4 and booked["usedPromotions"] == [{"promotionId": promotion.promotion_id}]
    assert [r["assignmentId"] for r in till.sim_state.received.redemptions] == [promotion.id]
    assert window.basket.table.rowCount() == 0  # ready for the next customer


def choose_method(window, method: str) -> None:
    window.basket.tender_buttons[method].click()


def test_a_split_payment_with_cash_change_reaches_engage_as_the_payment_lines(qtbot, window, till):
    add_line(qtbot, window, "1001", "T-shirt", "249")
    choose_method(window, "GiftVoucher")
    window.basket.amount.setText("100")
    qtbot.keyClick(window, Qt.Key.Key_F8)
    assert "149.00" in window.basket.to_pay_label.text()
    choose_method(window, "Cash")
    qtbot.keyClick(window, Qt.Key.Key_F8)  # no amount typed: F8 goes to the amount field
    assert QApplication.focusWidget() is window.basket.amount
    qtbot.keyClicks(window.basket.amount, "200")
    qtbot.keyClick(window.basket.amount, Qt.Key.Key_Return)
    assert "51.00" in window.basket.change_label.text()  # change to give back
    assert not window.basket.take_payment_button.isEnabled()  # nothing remains
    with qtbot.waitSignal(window.bridge.sale_delivered, timeout=15_000) as blocker:
        qtbot.keyClick(window, Qt.Key.Key_F9)
    booked = till.sim_state.received.receipts[blocker.args[0]]
    assert [(p["type"], p["value"]) for p in booked["paymentMethods"]] == [("GiftVoucher", 100), ("Cash", 149)]


def test_a_card_payment_above_what_remains_is_refused_and_cleared_payments_start_again(qtbot, window, till):
    add_line(qtbot, window, "1001", "T-shirt", "100")
    choose_method(window, "Card")
    window.basket.amount.setText("150")
    window.basket.take_payment_button.click()
    assert "Only 100.00 remains" in window.basket.refusal()   # beside the payment
    assert window.bridge.basket.payments == []
    window.basket.amount.setText("40,50")
    window.basket.take_payment_button.click()
    assert window.basket.clear_payments_button.isEnabled()
    window.basket.clear_payments_button.click()
    assert window.bridge.basket.payments == [] and window.basket.payments_label.text() == ""


def test_void_releases_the_reservation(qtbot, window, till):
    anna = showcase(till)["Anna"]
    identified(qtbot, window, lambda: scan(qtbot, window.customer.input, anna["cardNumber"]))
    add_line(qtbot, window, "1002", "Wool jacket", "1299")
    apply_first(qtbot, window, "20 %")
    qtbot.keyClick(window, Qt.Key.Key_F12)  # new sale: voids this one, once the cashier says so
    window.confirm_box.yes_button.click()
    assert window.bridge.basket.discounts == [] and window.basket.table.rowCount() == 0
    qtbot.wait(200)
    assert till.sim_state.received.redemptions == []
    assert till.journal.count() == 0


def test_an_offline_sale_is_queued_and_delivered_after_the_outage(qtbot, window, till):
    anna = showcase(till)["Anna"]
    window.outage_action.setChecked(True)
    outcome = identified(qtbot, window, lambda: enter(qtbot, window.customer.input, anna["email"]))
    assert outcome.customer.offline and "matched later" in window.customer.message.text()
    add_line(qtbot, window, "1001", "T-shirt", "199")
    with qtbot.waitSignal(window.bridge.sale_delivered, timeout=15_000) as blocker:
        qtbot.keyClick(window, Qt.Key.Key_F9)
    receipt_id, status = blocker.args
    assert status == "queued" and "queued" in window.basket.sale_status.text()
    window.bridge.refresh_status()
    assert "1 waiting" in window.queue_label.text() and "offline" in window.connectivity_label.text().lower()
    window.outage_action.setChecked(False)
    till.monitor.last_probe_at = 0  # the next background pass may probe at once
    qtbot.waitUntil(lambda: till.service.status_of((1,)) == "sent" or _replay(qtbot, till), timeout=15_000)
    assert till.sim_state.received.receipts[receipt_id]["contact"]["matchKeyType"] == "email"
    window.bridge.refresh_status()
    assert "empty" in window.queue_label.text()
    assert till.journal.get(1).status is EntryStatus.DELIVERED


def test_after_finishing_the_next_customer_can_be_typed_at_once_and_the_delivery_does_not_disturb_it(qtbot,
                                                                                                      window, till):
    add_line(qtbot, window, "1001", "T-shirt", "199")
    till.sim_state.faults.update({"latency": 1.0})  # Engage is slow: the sale is safe long before it is sent
    with qtbot.waitSignal(window.bridge.sale_delivered, timeout=15_000):
        with qtbot.waitSignal(window.bridge.sale_recorded, timeout=5_000):
            qtbot.keyClick(window, Qt.Key.Key_F9)
        assert QApplication.focusWidget() is window.customer.input
        qtbot.keyClicks(window.customer.input, "next.cust")
    qtbot.keyClicks(window.customer.input, "omer@example.se")
    assert window.customer.input.text() == "next.customer@example.se"


def _replay(qtbot, till) -> bool:
    """Drive one background delivery pass on the qasync loop (what the app's replayer task does)."""
    import asyncio
    task = asyncio.ensure_future(till.replayer.replay_once())
    qtbot.waitUntil(task.done, timeout=10_000)
    return False


def test_the_window_keeps_processing_events_while_engage_is_slow(qtbot, window, till):
    till.sim_state.faults.update({"latency": 2.0})
    ticks = []
    from PySide6.QtCore import QTimer
    timer = QTimer()
    timer.setInterval(50)
    timer.timeout.connect(lambda: ticks.append(time.monotonic()))
    timer.start()
    anna = showcase(till)["Anna"]
    with qtbot.waitSignal(window.bridge.identified, timeout=20_000):
        enter(qtbot, window.customer.input, anna["email"])
        qtbot.waitUntil(lambda: bool(window.busy_label.text()), timeout=1000)  # it says it is working...
    timer.stop()
    assert len(ticks) >= 20  # ...and kept handling events during the 2 s lookup: never frozen


def test_help_lists_the_shortcuts(qtbot, window):
    qtbot.keyClick(window, Qt.Key.Key_F1)
    assert "F9" in window.help_box.text() and "Finish" in window.help_box.text()
    window.help_box.close()


def test_every_control_has_an_accessible_name(window):
    from PySide6.QtWidgets import QAbstractButton, QLineEdit, QListWidget, QSpinBox, QTableWidget
    controls = [w for kind in (QLineEdit, QAbstractButton, QListWidget, QSpinBox, QTableWidget)
                for w in window.findChildren(kind) if w.isVisible()]
    assert controls
    unnamed = [w for w in controls if not w.accessibleName() and not (
        isinstance(w, QAbstractButton) and w.text()) and w.objectName() != "qt_spinbox_lineedit"]
    assert unnamed == [], [(w.objectName(), w.parent().objectName(), type(w.parent()).__name__) for w in unnamed]


def test_a_bad_price_is_explained_not_lost(qtbot, window):
    add_line(qtbot, window, "1001", "T-shirt", "12,3,4")
    assert "not a number" in window.basket.refusal()
    assert window.basket.table.rowCount() == 0 and window.basket.sku.text() == "1001"


def test_a_typed_article_takes_the_vat_rate_the_cashier_picks_and_the_receipt_carries_it(qtbot, window, till):
    vat = window.basket.vat
    assert [vat.itemText(i) for i in range(vat.count())] == ["25 %", "12 %", "6 %", "0 %"]  # the configured rates
    add_line(qtbot, window, "2001", "Book", "150")
    window.basket.sku.setText("3001")
    window.basket.article.setText("Bread")
    window.basket.price.setText("40")
    window.basket.vat.setCurrentIndex(1)
    qtbot.keyClick(window.basket.price, Qt.Key.Key_Return)
    assert [window.basket.table.item(row, 4).text() for row in range(2)] == ["25 %", "12 %"]
    assert window.basket.vat.currentIndex() == 0  # the next article starts at the usual rate again
    with qtbot.waitSignal(window.bridge.sale_delivered, timeout=15_000) as blocker:
        qtbot.keyClick(window, Qt.Key.Key_F9)
    items = till.sim_state.received.receipts[blocker.args[0]]["items"]
    assert [(item["sku"], item["taxPercent"]) for item in items] == [("2001", 25.0), ("3001", 12.0)]


def test_edit_sends_only_what_changed_and_upgrade_makes_a_member(qtbot, window, till):
    erik = showcase(till)["Erik"]
    identified(qtbot, window, lambda: enter(qtbot, window.customer.input, erik["email"]))
    assert window.customer.upgrade_button.isVisible() and "not a member" in window.customer.details.text()
    qtbot.mouseClick(window.customer.edit_button, Qt.MouseButton.LeftButton)
    dialog = window.register_dialog
    assert dialog.inputs["email"].text() == erik["email"] and not dialog.accepts_email.isVisible()
    dialog.inputs["last_name"].setText("Svensson-Lind")
    with qtbot.waitSignal(window.bridge.registered, timeout=10_000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert till.sim_state.received.updates[-1]["fields"] == ["lastName"]
    assert window.customer.name.text() == "Erik Svensson-Lind"
    with qtbot.waitSignal(window.bridge.registered, timeout=10_000):
        qtbot.mouseClick(window.customer.upgrade_button, Qt.MouseButton.LeftButton)
    assert "Member number" in window.customer.details.text() and not window.customer.upgrade_button.isVisible()
    assert till.sim_state.contacts[erik["id"]]["meta"]["contactType"] == "Member"


def test_a_basket_from_the_pos_inbox_is_finished_at_the_till(qtbot, till, tmp_path):
    import json

    from pos_engage.core.till.inbox import Inbox
    from pos_engage.qt.bridge import TillBridge
    from pos_engage.qt.views.main_window import MainWindow
    folder = tmp_path / "inbox"
    inbox = Inbox(folder)
    bridge = TillBridge(till.service, till.monitor, inbox=inbox, cashier="karin")
    main = MainWindow(bridge, demo=True)
    qtbot.addWidget(main)
    main.show()
    (folder / "bad.json").write_text("{oops")
    (folder / "pos-sale.json").write_text(json.dumps({"basket": {"lines": [
        {"sku": "1002", "name": "Wool jacket", "quantity": 1, "unitPrice": "1299.00"}]}}))
    qtbot.waitUntil(lambda: main.basket.table.rowCount() == 1, timeout=5000)
    assert "pos-sale.json" in main.basket.sale_status.text()
    anna = showcase(till)["Anna"]
    identified(qtbot, main, lambda: scan(qtbot, main.customer.input, anna["cardNumber"]))
    with qtbot.waitSignal(bridge.sale_delivered, timeout=15_000) as blocker:
        qtbot.keyClick(main, Qt.Key.Key_F9)
    assert blocker.args[1] == "sent" and (folder / "done" / "pos-sale.json").exists()
    # Written just now, the broken file might still have been growing: it is set aside once it has stood 2 s,
    # at a poll while the till is free (it never held the good file back).
    qtbot.waitUntil(lambda: (folder / "rejected" / "bad.json.reason.txt").exists(), timeout=5000)
    bridge.shutdown()
    main.close()


def test_registration_uses_the_stores_country_for_mobiles(qtbot, window, till):
    from dataclasses import replace
    till.service.config = replace(till.service.config, default_country_code="+47")
    window.country_code = "+47"
    window.open_register("")
    dialog = window.register_dialog
    dialog.inputs["first_name"].setText("Kari")
    dialog.inputs["mobile_phone"].setText("912 34 560")
    with qtbot.waitSignal(window.bridge.registered, timeout=10_000):
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert till.sim_state.received.registrations[-1]["mobilePhone"] == "+4791234560"


def test_the_manager_opens_the_queue_from_the_till_and_it_follows_the_journal(qtbot, window, till):
    qtbot.keyClick(window, Qt.Key.Key_M, Qt.KeyboardModifier.ControlModifier)
    queue = window.queue_view
    assert queue.isVisible() and queue.model.rowCount() == 0
    add_line(qtbot, window, "1001", "T-shirt", "199")
    till.sim_state.faults.update({"down": True})
    with qtbot.waitSignal(window.bridge.sale_delivered, timeout=15_000):
        qtbot.keyClick(window, Qt.Key.Key_F9)
    window.bridge.refresh_status()
    qtbot.waitUntil(lambda: queue.model.rowCount() == 1, timeout=5000)
    queue.close()


def test_the_window_shows_starting_until_the_till_is_attached_and_a_scan_typed_meanwhile_still_identifies(
        qtbot, till):
    from pos_engage.qt.bridge import TillBridge
    from pos_engage.qt.views.main_window import MainWindow

    window = MainWindow(demo=True, cashier="test-cashier")  # shown before the client and journal are loaded
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    assert "Starting" in window.connectivity_label.text()
    anna = showcase(till)["Anna"]
    qtbot.keyClicks(window.customer.input, anna["cardNumber"])  # the cashier scans at once
    bridge = TillBridge(till.service, till.monitor)
    window.attach(bridge)
    assert "Engage" in window.connectivity_label.toolTip()  # the strip's status bar says it short, the tip whole
    outcome = identified(qtbot, window, lambda: qtbot.keyClick(window.customer.input, Qt.Key.Key_Return))
    assert outcome.found.value == "found" and window.customer.name.text() == "Anna Andersson"
    qtbot.waitUntil(lambda: not bridge.busy, timeout=10_000)
    bridge.shutdown()
    window.close()
