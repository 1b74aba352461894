"""Linked mode on a small screen (session 9's review): at 800×600 and 1024×768, with a POS's sale of four lines,
Anna identified and one offer applied (as the review drove it), the cashier sees the POS's lines (four at least),
the customer's card, her offers (to tap, not only reachable with F4) and "To pay", without scrolling the window;
the totals say what the discount is (the offers', the POS's own being already out of "before"); a shared till is
named in the till's words; a sale's status line appearing moves no button."""

from __future__ import annotations

import asyncio
from dataclasses import replace

import pytest
from PySide6.QtCore import QRect, Qt, QTranslator

from pos_engage.core.errors import PosEngageError
from pos_engage.core.till.session import SaleSessions
from pos_engage.qt import i18n
from pos_engage.qt.link_bridge import LinkBridge
from tests.qt.test_linked_mode import done
from tests.qt.test_linked_review_lines import SALE
from tests.qt.test_window import add_line, identified, scan, showcase

SIZES = [(800, 600), (1024, 768)]


def linked_with_one_offer(qtbot, window, till, at: tuple[int, int], sale_id: str = "pos-9101"):
    """The window at ``at``, the POS's four lines, Anna identified in the window and her first offer that applies."""
    window.resize(*at)
    qtbot.waitUntil(lambda: window.compact == (at[0] < 1000), timeout=2_000)
    qtbot.wait(50)
    window.resize(*at)   # offscreen, the first resize kept the wide layout's least width (858 px)
    qtbot.waitUntil(lambda: window.width() == at[0], timeout=2_000)
    sessions = SaleSessions(till.service)
    link = LinkBridge(sessions, window.bridge, window)
    session = done(qtbot, asyncio.ensure_future(sessions.put(sale_id, SALE)))
    anna = showcase(till)["Anna"]
    identified(qtbot, window, lambda: scan(qtbot, window.customer.input, anna["cardNumber"]))
    qtbot.waitUntil(lambda: session.customer is not None, timeout=10_000)
    offers = [*session.customer.promotions, *session.customer.vouchers]
    for offer in offers:
        try:
            done(qtbot, asyncio.ensure_future(sessions.apply(session, offer.id)))
            break
        except PosEngageError:
            continue   # one that does not apply to this basket: the next
    qtbot.waitUntil(lambda: bool(session.basket.discounts), timeout=5_000)
    window.focus_identify()
    qtbot.wait(50)   # laid out for the new texts
    return link, session


def on_screen(window, widget, rect: QRect | None = None) -> bool:
    """``rect`` of ``widget`` (all of it by default) is inside the window and, in a strip, inside the strip's view
    as it is scrolled now: seen without scrolling."""
    rect = rect if rect is not None else widget.rect()
    if not widget.isVisible():
        return False
    top_left = widget.mapTo(window, rect.topLeft())
    inside = QRect(top_left, rect.size())
    if not window.rect().contains(inside):
        return False
    if window.scroll is not None and window.scroll.isAncestorOf(widget):
        view = window.scroll.viewport()
        top = widget.mapTo(view, rect.topLeft()).y()
        return top >= 0 and top + rect.height() <= view.height()
    return True


def rows_in_view(table) -> int:
    """How many of the table's rows are shown whole in its viewport as it is scrolled now."""
    height = table.viewport().height()
    return sum(1 for row in range(table.rowCount())
               if table.rowViewportPosition(row) >= 0
               and table.rowViewportPosition(row) + table.rowHeight(row) <= height)


@pytest.mark.parametrize("at", SIZES)
def test_the_lines_the_card_the_offers_and_to_pay_are_all_in_view(qtbot, window, till, at):
    link, _session = linked_with_one_offer(qtbot, window, till, at)
    customer, panel = window.customer, link.panel
    if window.scroll is not None:
        assert window.scroll.verticalScrollBar().maximum() == 0, "the window scrolls: something is below the fold"
    # Which sale, from the POS: its heading wide; in a strip the first line of its status, below what scrolls.
    said = panel.status if window.compact else panel.heading
    assert on_screen(window, said) and said.text().startswith("Sale pos-9101 from the POS")
    assert on_screen(window, panel.lines)
    assert on_screen(window, customer.card)
    assert on_screen(window, customer.name)
    assert on_screen(window, customer.edit_button)
    assert on_screen(window, panel.totals) and "To\xa0pay" in panel.totals.text()
    # The offers: their title and at least the first card whole, to tap without F4.
    offers = customer.offers
    assert on_screen(window, customer.offers_title)
    assert offers.count() >= 2
    first = offers.visualItemRect(offers.item(0))
    assert on_screen(window, offers.viewport(), first), "the first offer cannot be seen without scrolling"
    # More offers than room: the list says so with its scroll bar, in view.
    if offers.verticalScrollBar().maximum() > 0:
        assert on_screen(window, offers.verticalScrollBar())


@pytest.mark.parametrize("at", SIZES)
def test_the_pos_s_lines_show_four_rows_at_least_once_an_offer_is_applied(qtbot, window, till, at):
    link, _session = linked_with_one_offer(qtbot, window, till, at)
    table = link.panel.lines
    assert table.rowCount() == 4
    assert rows_in_view(table) >= 4, [table.rowHeight(r) for r in range(4)] + [table.viewport().height()]


# ---------------------------------------------------------------------------------------------- what the words say


def test_the_totals_call_the_discount_the_offers_the_pos_s_own_being_already_out_of_before(qtbot, window, till):
    link, session = linked_with_one_offer(qtbot, window, till, (1024, 768), "pos-9102")
    state = link.sessions.state(session)
    text = link.panel.totals.text()
    # "Discounts" read as every discount, the POS's own "kampanj −100" too; "before" is after the POS's own.
    assert "Discounts" not in text and "Offers\xa0−" in text.replace(" ", "\xa0"), text
    assert state["totals"]["before"] == sum(line["lineTotal"] for line in SALE["lines"])
    offers_off = sum(d["amount"] for line in state["lines"] for d in line["discounts"])
    assert state["totals"]["discounts"] == offers_off > 0


@pytest.fixture
def shared_till(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_CONFIG_DIRS", str(tmp_path / "etc-xdg"))   # no staff list: nobody signs in


@pytest.mark.parametrize("at", SIZES)
def test_a_shared_till_is_named_in_the_till_s_words_not_by_its_journal_actor(qtbot, shared_till, window, till, at):
    window.resize(*at)
    qtbot.waitUntil(lambda: window.compact == (at[0] < 1000), timeout=2_000)
    label = window.person_label
    # "Shared till: till 3" (Swedish "Delad kassa: till 3"): the till named twice, once by an untranslated actor.
    assert "till 3" not in label.text() and "till 3" not in label.toolTip()
    assert label.toolTip() == "Till 3 (shared, no sign-in)"
    assert label.text() == ("Till 3" if window.compact else "Till 3 (shared, no sign-in)")
    assert window.cashier == "test-cashier"   # whom the journal records is unchanged (the window was told)


# ---------------------------------------------------------------------------------------------- nothing jumps


@pytest.mark.parametrize("at", SIZES)
@pytest.mark.parametrize("language", ["en", "sv"])
def test_the_status_of_a_sale_without_a_customer_moves_no_button(qtbot, qapp, monkeypatch, window, till, at,
                                                                 language):
    """The window's own sale, no customer, a store without a catch-all contact: its status says so in two lines
    where the status had one; Finish and the lines stay where they were."""
    if language == "sv":
        translator = QTranslator()
        assert translator.load(str(i18n.compiled("sv")))
        qapp.installTranslator(translator)
        monkeypatch.setattr(i18n, "current", "sv")
    try:
        config = till.service.config
        till.service.config = replace(config, till=replace(config.till, anonymous_contact=""))   # none configured
        window.resize(*at)
        qtbot.wait(50)
        window.resize(*at)
        qtbot.waitUntil(lambda: window.width() == at[0], timeout=2_000)
        add_line(qtbot, window, "1004", "Socks", "49")
        qtbot.wait(50)
        basket = window.basket
        status = basket.sale_status
        if window.scroll is not None:   # the strip as the cashier left it: at its top, where the next scan goes
            window.scroll.verticalScrollBar().setValue(0)

        def places():
            return [w.mapTo(window, w.rect().topLeft()).y() for w in (basket.finish_button, status, basket.lines)]

        before = places()
        with qtbot.waitSignal(window.bridge.sale_delivered, timeout=10_000):
            qtbot.keyClick(window, Qt.Key.Key_F9)
        if window.scroll is not None:
            window.scroll.verticalScrollBar().setValue(0)
        qtbot.wait(50)
        assert "Engage" in status.text()
        assert status.height() > status.fontMetrics().lineSpacing() * 1.5, "one line only: nothing to learn here"
        assert places() == before
    finally:
        if language == "sv":
            qapp.removeTranslator(translator)


@pytest.mark.parametrize("at", SIZES)
def test_in_linked_mode_a_message_and_register_show_in_view_and_move_nothing(qtbot, window, till, at):
    """Beside the field and Find at 800×600 (the row of their own is given to the POS's lines): a key nobody has
    says so, Register beside it, in view, and the POS's lines, the card and the offers stay where they were."""
    link, _session = linked_with_one_offer(qtbot, window, till, at, "pos-9103")
    customer = window.customer

    def places():   # and the field as wide as it was, Find where it was
        return [w.mapTo(window, w.rect().topLeft()).y() for w in (link.panel.lines, customer.card, customer.offers)
                ] + [customer.input.width(), customer.find_button.mapTo(window, customer.find_button.rect().topLeft())]

    before = places()
    identified(qtbot, window, lambda: scan(qtbot, customer.input, "nobody.here@example.se"))
    qtbot.wait(50)
    assert "No customer found" in customer.message.text()
    assert on_screen(window, customer.message) and on_screen(window, customer.register_button)
    if window.scroll is not None:
        assert window.scroll.verticalScrollBar().maximum() == 0
    assert places() == before
    window.resize(1280, 800)   # wide again: the message and Register below the field, as ever
    qtbot.waitUntil(lambda: not window.compact, timeout=2_000)
    row = customer.message_row
    assert row.isVisible() and row.isAncestorOf(customer.message) and row.isAncestorOf(customer.register_button)
    assert customer.register_button.isVisible()
    assert customer.message.mapTo(window, customer.message.rect().topLeft()).y() > \
        customer.input.mapTo(window, customer.input.rect().bottomLeft()).y()


@pytest.mark.parametrize("at", SIZES)
def test_once_the_pos_voided_the_sale_nothing_is_cut(qtbot, window, till, at):
    """The customer goes with the sale: the card without one is low, and the offers' title and list beside it were
    squeezed below their least height (half the title cut off at 800×600)."""
    link, session = linked_with_one_offer(qtbot, window, till, at, "pos-9104")
    done(qtbot, asyncio.ensure_future(link.sessions.void(session.pos_sale_id)))
    qtbot.waitUntil(lambda: window.customer.name.text() == "No customer", timeout=5_000)
    qtbot.wait(50)
    customer = window.customer
    title = customer.offers_title
    assert title.height() >= title.heightForWidth(title.width()), "the offers' title is cut"
    assert customer.offers.height() >= customer.offers.minimumHeight()
    assert on_screen(window, title) and on_screen(window, customer.offers)
    said = link.panel.status if window.compact else link.panel.heading
    assert on_screen(window, said) and "voided" in said.text().lower()
    if window.scroll is not None:
        assert window.scroll.verticalScrollBar().maximum() == 0


def test_in_linked_mode_at_800x600_customers_sharing_a_key_are_listed_below_the_field(qtbot, window, till):
    link, _session = linked_with_one_offer(qtbot, window, till, (800, 600), "pos-9105")
    customer = window.customer
    with qtbot.waitSignal(window.bridge.identified, timeout=10_000):
        customer.input.setText("070 888 88 88")   # Maja and Nils Lind (test_customer_card)
        customer.find_button.click()
    qtbot.wait(50)
    listed = customer.candidates
    assert listed is not None and listed.isVisible() and listed.count() == 2
    below = customer.input.mapTo(window, customer.input.rect().bottomLeft()).y()
    assert listed.mapTo(window, listed.rect().topLeft()).y() > below, "the pick list is above the identify field"
    assert link.panel.lines.isVisible()


def test_wide_again_and_back_the_card_and_offers_go_where_each_layout_has_them(qtbot, window, till):
    link, _session = linked_with_one_offer(qtbot, window, till, (800, 600), "pos-9106")
    customer = window.customer

    def top(widget):
        return widget.mapTo(window, widget.rect().topLeft())

    assert top(customer.card).y() == top(customer.offers_title).y()   # side by side
    window.resize(1280, 800)
    qtbot.waitUntil(lambda: not window.compact, timeout=2_000)
    qtbot.wait(50)
    assert top(customer.card).y() < top(customer.offers_title).y() < top(customer.offers).y()   # one below the other
    assert customer.offers.height() > 3 * customer.offers.fontMetrics().lineSpacing()   # the column's rest
    assert customer.message_row.isVisible() and customer.message_row.isAncestorOf(customer.message)
    assert top(customer.message).y() > top(customer.input).y()
    assert window.basket_stack.isVisible() and window.basket_stack.isAncestorOf(link.panel)
    assert link.panel.heading.isVisible() and link.panel.heading.text() == "Sale pos-9106 from the POS"
    window.resize(800, 600)
    qtbot.waitUntil(lambda: window.compact, timeout=2_000)
    qtbot.wait(50)
    assert top(customer.card).y() == top(customer.offers_title).y()
    assert window.scroll.verticalScrollBar().maximum() == 0
    first = customer.offers.visualItemRect(customer.offers.item(0))
    assert on_screen(window, customer.offers.viewport(), first)
