"""What a cashier's review of the window's own basket found (session 11, left open) and session 12 fixed, with the
real window, bridge and in-process simulator (offscreen): a refused card payment is said where the cashier who
pressed Pay is looking, on screen at 1024x768 and in an 800x600 strip; F1 says the tenders are moved between with
the arrow keys; the return dialog's search field shows its whole placeholder at the size it opens at on a 1024x768
screen; "Keep as Engage has it" leaves the customer's points shown; a lookup that finds nobody does not leave the
previous customer's card on screen as if it were the current one; an 800x600 strip gives its footer's empty room to
the basket's lines."""

from __future__ import annotations

from decimal import Decimal

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QDialog, QLabel

from tests.qt.test_linked_small_s9 import on_screen
from tests.qt.test_window import add_line, choose_method


def laid_out(qtbot, window, width: int, height: int) -> None:
    """The window at this size (asked twice, as test_fit does: the first resize turns the layout compact, whose
    minimum lets the second one through)."""
    for _ in range(2):
        window.resize(width, height)
        qtbot.wait(20)
    assert window.size().toTuple() == (width, height)


@pytest.mark.parametrize(("width", "height"), [(1024, 768), (800, 600)])
@pytest.mark.parametrize("key", ["button", "F9"])
def test_a_refused_card_payment_is_said_beside_the_payment_and_on_screen(qtbot, window, width, height, key):
    laid_out(qtbot, window, width, height)
    add_line(qtbot, window, "1001", "T-shirt", "100")
    choose_method(window, "Card")
    window.basket.amount.setText("1000")
    if key == "button":
        window.basket.take_payment_button.click()
    else:
        qtbot.keyClick(window, Qt.Key.Key_F9)
    QApplication.processEvents()
    said = window.basket.sale_status
    assert "Only 100.00 remains" in window.basket.refusal() == said.text() and window.bridge.basket.payments == []
    assert said.property("tone") == "warning"
    assert window.customer.message.text() == ""   # not under the customer, across the window or scrolled away
    assert on_screen(window, said)
    # Beside what was pressed: in the basket's column, right below "to pay" and Finish.
    finish = window.basket.finish_button
    assert said.mapTo(window, QPoint(0, 0)).x() >= window.basket_stack.mapTo(window, QPoint(0, 0)).x() - 20
    below = said.mapTo(window, QPoint(0, 0)).y() - finish.mapTo(window, QPoint(0, finish.height())).y()
    assert 0 <= below <= 80
    window.basket.amount.setText("40")
    window.basket.take_payment_button.click()   # the next payment works: the refusal goes
    assert window.basket.refusal() == "" and window.bridge.basket.paid_so_far == Decimal("40.00")


def test_a_refusal_shown_and_gone_does_not_move_the_basket(qtbot, window):
    add_line(qtbot, window, "1001", "T-shirt", "100")
    watched = (window.basket.table, window.basket.finish_button, window.basket.sku, window.basket.amount)

    def places() -> list[tuple[int, int]]:
        QApplication.processEvents()
        return [part.mapTo(window, QPoint(0, 0)).toTuple() for part in watched]

    before = places()
    window.basket.show_problem("Only 100.00 remains; Card cannot pay more than that")
    assert places() == before
    window.basket.clear_problem()
    assert places() == before


def test_f1_says_the_payment_methods_are_moved_between_with_the_arrow_keys(qtbot, window):
    add_line(qtbot, window, "1001", "T-shirt", "100")
    card = window.basket.tender_buttons["Card"]
    card.setFocus()
    qtbot.keyClick(card, Qt.Key.Key_Right)
    assert window.basket.method() == "Cash"   # what the help says is what the keys do
    qtbot.keyClick(window, Qt.Key.Key_F1)
    listed = [label.text() for label in window.help_box.findChildren(QLabel)]
    window.help_box.close()
    row = listed.index("<b>← / →</b>")
    assert "payment methods" in listed[row + 1]


@pytest.mark.parametrize(("screen", "language"), [((1024, 768), "en"), ((800, 600), "en"), ((800, 600), "sv")])
def test_the_return_dialogs_search_field_shows_its_whole_placeholder(qtbot, window, screen, language):
    from PySide6.QtCore import QTranslator

    from pos_engage.qt import i18n
    from tests.qt.test_fit import cut_field, problems_of

    translator = QTranslator()
    if language == "sv":
        assert translator.load(str(i18n.compiled("sv")))
        QApplication.instance().installTranslator(translator)
    try:
        window.open_return()
        dialog = window.findChild(QDialog, "returnDialog")
        # The size it opens at on that screen (sized_to_screen: 760 x 520, less a title bar's room).
        width, height = min(760, screen[0] - 4), min(520, screen[1] - 40)
        for _ in range(2):
            dialog.resize(width, height)
            qtbot.wait(20)
        assert dialog.size().toTuple() == (width, height)
        assert cut_field(dialog.number) == ""
        assert not (found := problems_of(dialog)), "\n".join(found)
        assert dialog.lines.height() >= 180   # room left for the lines to pick from
        dialog.close()
    finally:
        QApplication.instance().removeTranslator(translator)


def points_line(window) -> str:
    lines = [line for line in window.customer.details.text().splitlines() if line.startswith("Points")]
    assert len(lines) == 1, window.customer.details.text()
    return lines[0]


def test_keep_as_engage_has_it_shows_her_points_as_identifying_her_does(qtbot, window, till):
    from tests.qt.test_register_dialog import submit
    from tests.qt.test_window import identified, scan, showcase

    anna = showcase(till)["Anna"]
    window.open_register(anna["email"])
    dialog = window.register_dialog
    dialog.inputs["first_name"].setText("Lisa")
    dialog.inputs["last_name"].setText("Ek")
    submit(qtbot, window, dialog)   # Engage holds her already: the question
    with qtbot.waitSignal(window.bridge.registered, timeout=10_000):
        qtbot.mouseClick(dialog.no_button, Qt.MouseButton.LeftButton)   # "Keep as Engage has it"
    assert window.customer.name.text() == "Anna Andersson"
    kept = points_line(window)
    qtbot.keyClick(window, Qt.Key.Key_F12)   # the next sale: found by her card, as a cashier usually does
    identified(qtbot, window, lambda: scan(qtbot, window.customer.input, anna["cardNumber"]))
    assert kept == points_line(window) and "Points: 1,250" in kept


def test_a_lookup_that_finds_nobody_does_not_show_the_previous_customers_card_as_found(qtbot, window, till):
    from tests.qt.test_window import enter, identified, scan, showcase

    anna = showcase(till)["Anna"]
    identified(qtbot, window, lambda: scan(qtbot, window.customer.input, anna["cardNumber"]))
    assert window.customer.name.text() == "Anna Andersson"
    identified(qtbot, window, lambda: enter(qtbot, window.customer.input, "nobody.here@example.se"))
    # Nothing of hers on the sale yet: she is taken off it, and the card says so.
    assert window.bridge.customer is None
    assert window.customer.name.text() == "No customer" and window.customer.details.text() == ""
    assert window.customer.offers.count() == 0
    assert window.customer.message.text() == "No customer found. Register them?"
    assert window.customer.register_button.isVisible()


def test_a_sale_under_way_keeps_its_customer_and_says_so_when_a_lookup_finds_nobody(qtbot, window, till):
    from tests.qt.test_window import enter, identified, scan, showcase

    anna = showcase(till)["Anna"]
    identified(qtbot, window, lambda: scan(qtbot, window.customer.input, anna["cardNumber"]))
    add_line(qtbot, window, "1001", "T-shirt", "199")
    identified(qtbot, window, lambda: enter(qtbot, window.customer.input, "nobody.here@example.se"))
    assert window.bridge.customer is not None and window.bridge.customer.contact.id == anna["id"]
    assert window.customer.name.text() == "Anna Andersson"   # the sale's customer, never lost without a word
    assert window.customer.message.text() == "No customer found; the sale stays with Anna Andersson"
    assert window.customer.register_button.isVisible()
    window.customer.register_button.click()   # registering someone else takes her offers off: asked first, as F3
    assert window.confirm_box is not None and "Anna Andersson is the customer of this sale" in window.confirm_box.text()
    window.confirm_box.no_button.click()
    assert window.bridge.customer.contact.id == anna["id"]


@pytest.mark.parametrize(("width", "height", "rows"), [(800, 600, 4.2), (1024, 768, 4.9), (1280, 800, 5.5)])
def test_the_basket_lines_get_the_room_the_footer_left_empty(qtbot, window, width, height, rows):
    """At 800x600 the strip's footer kept ~90 px empty below "to pay" (the change's room and the status's) and the
    lines were 192 px, 3.2 lines, whatever the view's height; 1024x768 and 1280x800 showed 4.0 and 4.6 lines."""
    from pos_engage.qt.views.basket_lines import ROW_HEIGHT

    laid_out(qtbot, window, width, height)
    for number in range(6):
        add_line(qtbot, window, f"10{number}", f"Article {number}", "100")
    qtbot.wait(50)
    table = window.basket.table
    assert table.viewport().height() / ROW_HEIGHT >= rows
    if window.compact:
        assert window.footer.height() <= 120   # 159 before
        # Scrolled to the article entry, the entry and the lines fill the strip's view, no more.
        window.scroll.ensureWidgetVisible(window.basket.sku, 0, 8)
        qtbot.wait(20)
        assert on_screen(window, window.basket.sku) and on_screen(window, window.basket.lines)


@pytest.mark.parametrize(("width", "height"), [(800, 600), (1024, 768)])
def test_the_change_takes_the_place_of_to_pay_and_finish_stays_where_it_was(qtbot, window, width, height):
    laid_out(qtbot, window, width, height)
    add_line(qtbot, window, "1001", "Cap", "51.60")
    finish = window.basket.finish_button
    qtbot.wait(50)
    before = finish.mapTo(window, QPoint(0, 0))
    choose_method(window, "Cash")
    window.basket.amount.setText("100")
    with qtbot.waitSignal(window.bridge.sale_delivered, timeout=15_000):
        qtbot.keyClick(window, Qt.Key.Key_F9)
    QApplication.processEvents()
    change = window.basket.change_label
    # 100 kr for 51.60: 52 kr in cash (cash_rounding.py), so 48 kr back
    assert "48.00" in change.text() and change.isVisible() and not window.basket.to_pay_label.isVisible()
    assert on_screen(window, change)
    assert finish.mapTo(window, QPoint(0, 0)) == before
    add_line(qtbot, window, "1001", "Cap", "51.60")   # the next customer: "to pay" is back in its place
    assert not change.isVisible() and "51.60" in window.basket.to_pay_label.text()
    assert finish.mapTo(window, QPoint(0, 0)) == before


def test_a_queued_sale_sent_while_the_next_sale_shows_a_refusal_says_sent_once_the_refusal_goes(qtbot, window, till):
    from tests.qt.test_cashier_review_w11 import queued_sale

    queued = queued_sale(qtbot, window, till)   # "↻ Receipt …: queued", and the queue has sent it since
    add_line(qtbot, window, "1001", "T-shirt", "100")   # the next customer
    window.basket.amount.setText("1000")
    window.basket.take_payment_button.click()
    assert "Only 100.00 remains" in window.basket.refusal()
    window.bridge.refresh_status()   # the status bar's refresh after the delivery pass
    assert "Only 100.00 remains" in window.basket.sale_status.text()   # the refusal is not overwritten
    assert window.basket.last_sale_status().startswith("✔") and queued.startswith("↻")
    window.basket.amount.setText("40")
    window.basket.take_payment_button.click()   # the refusal goes: the last sale's news is back, as it is now
    assert window.basket.sale_status.text().startswith("✔") and "sent to Engage" in window.basket.sale_status.text()
