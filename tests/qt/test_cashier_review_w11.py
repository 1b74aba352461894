"""A cashier's review of the window's own basket (session 11), with the real window, bridge and in-process
simulator (offscreen): F12 over a customer found by mistake starts the next sale at once (a question there caught
the scanner's next burst), Enter by habit on "Engage already holds this customer" keeps Engage's details, and the
registration dialog grown by that question stays on the screen; a line's quantity changes with + / − from the
keyboard (its buttons are the finger's), and after Delete the next line is selected; a sale that said "queued" says
"sent" once the queue has delivered it, unless a newer message took its place; a receipt found for a return puts the
focus on how many come back, and Tab goes through each line's box to how the refund is paid."""

from __future__ import annotations

from PySide6.QtCore import Qt

from tests.qt.test_register_dialog import submit
from tests.qt.test_window import _replay, add_line, enter, identified, scan, showcase


def test_f12_with_only_a_customer_starts_the_next_sale_without_a_question(qtbot, window, till):
    anna = showcase(till)["Anna"]
    identified(qtbot, window, lambda: scan(qtbot, window.customer.input, anna["cardNumber"]))
    qtbot.keyClick(window, Qt.Key.Key_F12)
    assert getattr(window, "confirm_box", None) is None   # no dialog to swallow the next scan
    assert window.bridge.customer is None and window.customer.name.text() != "Anna Andersson"
    assert window.customer.input.hasFocus()
    voids = [row for row in till.journal.audit_log() if row["action"] == "void"]
    assert len(voids) == 1 and voids[0]["detail"].startswith("0 lines")   # still audited


def test_enter_on_an_existing_members_question_keeps_her_details(qtbot, window, till):
    anna = showcase(till)["Anna"]
    held = till.sim_state.contacts[anna["id"]]
    window.open_register(anna["email"])
    dialog = window.register_dialog
    dialog.inputs["first_name"].setText("Lisa")
    dialog.inputs["last_name"].setText("Ek")
    submit(qtbot, window, dialog)
    assert dialog.no_button.hasFocus() and not dialog.yes_button.isDefault()
    with qtbot.waitSignal(window.bridge.registered, timeout=10_000):
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Return)
    assert held["attributes"]["firstName"] == "Anna" and held["attributes"]["lastName"] == "Andersson"
    assert not [r for r in till.sim_state.received.requests if r["method"] == "PATCH"]


def test_a_subscriber_upgrade_is_still_the_default_answer(qtbot, window, till):
    erik = showcase(till)["Erik"]
    window.open_register(erik["email"])
    dialog = window.register_dialog
    dialog.inputs["first_name"].setText("Erik")
    dialog.inputs["last_name"].setText("Svensson")
    submit(qtbot, window, dialog)
    assert dialog.yes_button.hasFocus() and dialog.yes_button.text() == "Upgrade to member and save"
    dialog.reject()


def test_the_registration_dialog_grown_by_the_question_stays_on_the_screen(qtbot, window, till):
    anna = showcase(till)["Anna"]
    window.open_register(anna["email"])
    dialog = window.register_dialog
    area = dialog.screen().availableGeometry()
    dialog.move(dialog.x(), area.bottom() - dialog.frameGeometry().height() - 5)   # opened low, as at 1024x768
    for name, text in (("first_name", "Lisa"), ("last_name", "Ek"), ("mobile_phone", "070 123 45 99"),
                       ("zip_code", "111 22")):
        dialog.inputs[name].setText(text)
    submit(qtbot, window, dialog)
    assert dialog.question.isVisible()
    assert dialog.frameGeometry().bottom() <= area.bottom()
    assert dialog.no_button.geometry().bottom() <= dialog.height()
    dialog.reject()


def test_plus_and_minus_change_the_selected_lines_quantity_and_delete_selects_the_next(qtbot, window):
    add_line(qtbot, window, "1001", "T-shirt", "249")
    add_line(qtbot, window, "2001", "Cheese", "149")
    add_line(qtbot, window, "1002", "Wool jacket", "1299")
    table = window.basket.table
    table.setFocus()
    table.setCurrentCell(0, 1)
    qtbot.keyClick(table, Qt.Key.Key_Plus)
    qtbot.keyClick(table, Qt.Key.Key_Plus)
    assert window.bridge.basket.lines[0].quantity == 3
    qtbot.keyClick(table, Qt.Key.Key_Minus)
    assert window.bridge.basket.lines[0].quantity == 2 and table.currentRow() == 0
    table.setCurrentCell(1, 1)
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert [line.name for line in window.bridge.basket.lines] == ["T-shirt", "Wool jacket"]
    assert table.currentRow() == 1   # the jacket, now where the cheese was
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    assert [line.name for line in window.bridge.basket.lines] == ["T-shirt"] and table.currentRow() == 0


def queued_sale(qtbot, window, till) -> str:
    anna = showcase(till)["Anna"]
    window.outage_action.setChecked(True)
    identified(qtbot, window, lambda: enter(qtbot, window.customer.input, anna["email"]))
    add_line(qtbot, window, "1001", "T-shirt", "199")
    with qtbot.waitSignal(window.bridge.sale_delivered, timeout=15_000) as blocker:
        qtbot.keyClick(window, Qt.Key.Key_F9)
    assert blocker.args[1] == "queued" and "queued" in window.basket.sale_status.text()
    window.outage_action.setChecked(False)
    till.monitor.last_probe_at = 0
    qtbot.waitUntil(lambda: till.service.status_of((1,)) == "sent" or _replay(qtbot, till), timeout=15_000)
    return window.basket.sale_status.text()


def test_a_queued_sales_line_says_sent_once_the_queue_delivered_it(qtbot, window, till):
    queued_sale(qtbot, window, till)
    window.bridge.refresh_status()   # what the status bar's refresh does after a delivery pass
    assert window.basket.sale_status.text().startswith("✔") and "sent to Engage" in window.basket.sale_status.text()
    assert "empty" in window.queue_label.text()


def test_a_newer_message_is_not_overwritten_by_the_queued_sale_delivered(qtbot, window, till):
    window.outage_action.setChecked(True)
    anna = showcase(till)["Anna"]
    identified(qtbot, window, lambda: enter(qtbot, window.customer.input, anna["email"]))
    add_line(qtbot, window, "1001", "T-shirt", "199")
    with qtbot.waitSignal(window.bridge.sale_delivered, timeout=15_000):
        qtbot.keyClick(window, Qt.Key.Key_F9)
    queued_text = window.basket.sale_status.text()
    window.basket.sale_status.setText("something newer")
    window.outage_action.setChecked(False)
    till.monitor.last_probe_at = 0
    qtbot.waitUntil(lambda: till.service.status_of((1,)) == "sent" or _replay(qtbot, till), timeout=15_000)
    window.bridge.refresh_status()
    assert "queued" in queued_text and window.basket.sale_status.text() == "something newer"


def test_a_receipt_found_for_a_return_puts_the_focus_on_how_many_come_back(qtbot, window, till):
    from tests.qt.test_returns import open_returns, sold

    booked = sold(qtbot, window, till)
    dialog = open_returns(qtbot, window)
    qtbot.keyClicks(dialog.number, booked["receiptNumber"])
    qtbot.keyClick(dialog.number, Qt.Key.Key_Return)
    first = dialog.lines.cellWidget(0, 4)
    assert dialog.focusWidget() in (first, first.lineEdit())   # the dialog's focus (offscreen: not activated)
    qtbot.keyClicks(dialog.focusWidget(), "1")   # the 0 shown is selected: typing replaces it
    assert first.value() == 1 and dialog.return_button.isEnabled()
    dialog.close()


def test_tab_goes_through_each_lines_comes_back_box_then_to_the_refund_method(qtbot, window, till):
    from tests.qt.test_returns import open_returns, sold

    booked = sold(qtbot, window, till)
    dialog = open_returns(qtbot, window)
    qtbot.keyClicks(dialog.number, booked["receiptNumber"])
    qtbot.keyClick(dialog.number, Qt.Key.Key_Return)
    spins = [dialog.lines.cellWidget(row, 4) for row in range(2)]
    visited = []
    dialog.lines.setFocus()
    for _ in range(3):
        qtbot.keyClick(dialog.focusWidget(), Qt.Key.Key_Tab)
        visited.append(dialog.focusWidget())
    assert visited[0] in (spins[0], spins[0].lineEdit()) and visited[1] in (spins[1], spins[1].lineEdit())
    assert visited[2] is dialog.method
    dialog.close()


def test_the_return_dialog_in_swedish_fits_an_800_px_screen_with_swedish_words_and_amounts(qtbot, qapp, window,
                                                                                            till, monkeypatch):
    from PySide6.QtCore import QTranslator

    from pos_engage.qt import i18n
    from tests.qt.test_returns import open_returns, sold

    booked = sold(qtbot, window, till)
    translator = QTranslator()
    assert translator.load(str(i18n.compiled("sv")))
    qapp.installTranslator(translator)
    monkeypatch.setattr(i18n, "current", "sv")
    try:
        dialog = open_returns(qtbot, window)
        qtbot.keyClicks(dialog.number, booked["receiptNumber"])
        qtbot.keyClick(dialog.number, Qt.Key.Key_Return)
        dialog.lines.cellWidget(1, 4).setValue(2)
        qtbot.wait(50)   # the layout's own growth, if any, happens on the event loop
        area = dialog.screen().availableGeometry()
        assert area.width() <= 800   # the offscreen screen: what an 800x600 till has across
        assert dialog.frameGeometry().right() <= area.right()
        assert dialog.minimumSizeHint().width() <= area.width()
        assert "318,40" in dialog.refund.text() and dialog.lines.item(1, 3).text() == "318,40"
        assert dialog.method.itemText(0) == "Kort" and dialog.method.itemData(0) == "Card"
        header = dialog.lines.horizontalHeader()
        assert dialog.lines.columnWidth(4) >= header.sectionSizeHint(4)   # "Lämnas tillbaka" whole
        dialog.close()
    finally:
        qapp.removeTranslator(translator)


def test_a_short_screen_hides_the_frozen_form_for_the_question_and_its_answers(qtbot, window, till):
    anna = showcase(till)["Anna"]
    window.open_register(anna["email"])
    dialog = window.register_dialog
    dialog._room = lambda: 560   # an 800x600 screen, a title bar left
    for name, text in (("first_name", "Lisa"), ("last_name", "Ek"), ("mobile_phone", "070 123 45 99"),
                       ("zip_code", "111 22")):
        dialog.inputs[name].setText(text)
    submit(qtbot, window, dialog)
    assert dialog.question.isVisible() and "Lisa" in dialog.question.text()   # the changes are in the question
    assert not any(widget.isVisible() for widget in dialog.form_widgets())
    assert dialog.layout().totalHeightForWidth(dialog.width()) <= 560
    dialog.resize(dialog.width(), 700)   # grown for the form before the question came
    dialog._hide_form()
    assert dialog.height() <= 560
    dialog.reject()


def test_a_tall_screen_keeps_the_frozen_form_beside_the_question(qtbot, window, till):
    anna = showcase(till)["Anna"]
    window.open_register(anna["email"])
    dialog = window.register_dialog
    dialog._room = lambda: 2000
    dialog.inputs["first_name"].setText("Lisa")
    submit(qtbot, window, dialog)
    assert dialog.question.isVisible() and dialog.inputs["first_name"].isVisible()
    dialog.reject()
