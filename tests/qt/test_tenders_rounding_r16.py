"""The till window's own basket, its payment part (review R16): the cash rounding is still said once cash has paid
the rest; in a 480 px strip it stays next to "to pay" (below what scrolls); and the tenders are the till's (no
Swish on a Finnish till, the store's own MobilePay on a Danish one), in the basket and in the return dialog."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest
from PySide6.QtWidgets import QLabel

from pos_engage.app import build_till
from pos_engage.core import config_files
from pos_engage.core.till.payment_methods import payment_methods
from pos_engage.qt.bridge import TillBridge
from pos_engage.qt.views.main_window import FRAME_ROOM, MainWindow
from pos_engage.qt.views.return_dialog import open_return_dialog
from pos_engage.sim.state import SimState
from tests.qt.test_change_in_view import in_view
from tests.qt.test_window import add_line


def rounding_said(window) -> list[str]:
    """The labels on screen that say the cash rounding (a strip lends the basket's totals to its footer)."""
    return [label.text() for label in window.findChildren(QLabel)
            if "Cash rounding" in label.text() and label.isVisible()]


def test_the_cash_rounding_is_still_said_once_cash_paid_the_rest(qtbot, window):
    add_line(qtbot, window, "1004", "Soap", "29.69")
    window.basket.tender_buttons["Cash"].click()
    assert "30.00" in window.basket.to_pay_label.text() and rounding_said(window) == ["Cash rounding +0.31"]
    window.basket.amount.setText("50")
    window.basket.take_payment()
    qtbot.waitUntil(lambda: bool(window.bridge.basket.payments), timeout=5000)
    assert "20.00" in window.basket.change_label.text()
    payments = window.basket.payments_label.text()
    assert "Paid: Cash 29.69" in payments and "Cash rounding +0.31" in payments   # why 30,00 was taken
    window.basket.tender_buttons["Card"].click()
    assert "Cash rounding +0.31" in window.basket.payments_label.text()   # what was done, whatever is chosen now
    window.bridge.clear_payments()
    qtbot.waitUntil(lambda: not window.bridge.basket.payments, timeout=5000)
    assert rounding_said(window) == []   # card chosen, nothing paid in cash: no rounding


def test_in_a_480_strip_the_cash_rounding_stays_next_to_to_pay(qtbot, window):
    for _ in range(2):   # the first resize turns the layout, whose narrower minimum the second one may use
        window.resize(480, 800 - FRAME_ROOM)
        qtbot.wait(20)
    assert window.compact and window.width() == 480
    add_line(qtbot, window, "1004", "Soap", "29.69")
    window.basket.tender_buttons["Cash"].click()
    qtbot.wait(20)
    window.scroll.verticalScrollBar().setValue(0)   # the cashier scrolled up to the customer
    qtbot.wait(20)
    labels = [label for label in window.findChildren(QLabel) if "Cash rounding +0.31" in label.text()]
    assert len(labels) == 1, [label.text() for label in labels]   # said once
    assert (why := in_view(labels[0], window)) is None, why
    assert (why := in_view(window.basket.to_pay_label, window)) is None, why
    window.basket.amount.setText("50")
    window.basket.take_payment()
    qtbot.waitUntil(lambda: bool(window.bridge.basket.payments), timeout=5000)
    window.scroll.verticalScrollBar().setValue(0)
    qtbot.wait(20)
    labels = [label for label in window.findChildren(QLabel) if "Cash rounding +0.31" in label.text()]
    assert len(labels) == 1 and (why := in_view(labels[0], window)) is None, why
    assert (why := in_view(window.basket.change_label, window)) is None, why


@pytest.fixture
def till_of(qloop, tmp_path):
    made = []

    def make(currency: str, **till_settings):
        # Loaded as the till loads its file: a currency's tenders are filled in when the file lists none.
        target = tmp_path / f"{currency}.json"
        target.write_text(json.dumps({"store_external_id": "12", "till_id": "3", "currency": currency,
                                      "journal": {"retry_schedule": [0.05], "rate_limit": 0},
                                      "till": {"anonymous_contact": "walk-in", **till_settings}}), encoding="utf-8")
        config = config_files.load([target], env={})
        parts = build_till(config, demo=True, journal_path=tmp_path / f"{currency}.sqlite3",
                           sim_state=SimState(seed=7))
        made.append(parts)
        return parts

    yield make
    for parts in made:
        parts.journal.close()


@pytest.fixture
def window_of(qtbot):
    """Makes the window as the till's start makes it, closed after the test (its deliveries ended first)."""
    opened: list[MainWindow] = []

    def make(till, *, built_early: bool) -> MainWindow:
        opened.append(main := _window(qtbot, till, built_early=built_early))
        return main

    yield make
    for window in opened:
        qtbot.waitUntil(lambda w=window: not w.bridge.busy, timeout=10_000)
        window.bridge.shutdown()
        window.close()


def _window(qtbot, till, *, built_early: bool) -> MainWindow:
    """built_early: built from the configuration, the till attached after the first paint (pos_engage.window);
    else with its till at once."""
    bridge = TillBridge(till.service, till.monitor)
    if built_early:
        main = MainWindow(demo=True, cashier="test-cashier", payment_methods=payment_methods(till.service.config))
        tenders = [button.text() for button in main.basket.tender_buttons.values()]
        assert tenders == [button.text() for button in main.basket.tenders.buttons()]
        main.first_tenders = tenders
        main.attach(bridge)
    else:
        main = MainWindow(bridge, demo=True, cashier="test-cashier")
    qtbot.addWidget(main)
    main.resize(1280, 800)
    main.show()
    qtbot.waitExposed(main)
    return main


def tenders_shown(window) -> list[str]:
    return [button.text() for button in window.basket.tenders.buttons() if button.isVisible()]


@pytest.mark.parametrize("built_early", [True, False])
def test_a_finnish_till_offers_no_swish_in_the_basket_nor_for_a_refund(qtbot, till_of, window_of, built_early):
    window = window_of(till_of("EUR"), built_early=built_early)
    if built_early:
        assert window.first_tenders == ["Card", "Cash", "Gift voucher"]   # the first paint too
    assert tenders_shown(window) == ["Card", "Cash", "Gift voucher"]
    assert window.basket.method() == "Card"
    dialog = open_return_dialog(window)
    assert [dialog.method.itemData(i) for i in range(dialog.method.count())] == ["Card", "Cash", "GiftVoucher"]
    dialog.close()


def test_a_danish_till_with_its_own_list_shows_and_takes_mobilepay(qtbot, till_of, window_of):
    window = window_of(till_of("DKK", payment_methods=["Card", "Cash", "MobilePay"]), built_early=True)
    assert tenders_shown(window) == ["Card", "Cash", "MobilePay"]
    add_line(qtbot, window, "1004", "Socks", "49")
    window.basket.tender_buttons["MobilePay"].click()
    window.basket.take_payment()
    qtbot.waitUntil(lambda: bool(window.bridge.basket.payments), timeout=5000)
    assert window.bridge.basket.payments[0].type == "MobilePay"
    assert window.bridge.basket.payments[0].value == Decimal("49.00")
    assert "Paid: MobilePay 49.00" in window.basket.payments_label.text()
    dialog = open_return_dialog(window)
    assert [dialog.method.itemText(i) for i in range(dialog.method.count())] == ["Card", "Cash", "MobilePay"]
    dialog.close()
