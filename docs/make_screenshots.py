"""Real screenshots of the till window for the README: run under Xvfb with a window manager, captured with
ImageMagick, at the screen size given and in the language given.

    Xvfb :7 -screen 0 1024x768x24 & DISPLAY=:7 openbox &
    DISPLAY=:7 QT_QPA_PLATFORM=xcb python docs/make_screenshots.py --language sv [--out DIR] [--prefix screen]

Each main screen is saved as <prefix>-<screen>-<language>-<width>x<height>.png (docs/screens.sh runs every size
and language); at 1280x800 in English the README's own names are written too. Needs Debian's xvfb, openbox and
imagemagick (see shared/toolchain.md). Drives the real window on the embedded simulator through the states shown.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

import qasync
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from pos_engage.app import build_till
from pos_engage.core.config import Config, JournalSettings, OrderSettings
from pos_engage.core.domain import Address
from pos_engage.core.domain.order_life import OrderStage
from pos_engage.core.journal.entry import EntryKind
from pos_engage.core.till.basket import BasketLine
from pos_engage.qt import i18n
from pos_engage.qt.bridge import TillBridge
from pos_engage.qt.order_bridge import OrderBridge
from pos_engage.qt.style import apply_style
from pos_engage.qt.views.main_window import MainWindow
from pos_engage.sim.state import SimState

HERE = Path(__file__).resolve().parent
OUT = HERE  # --out
TAG = ""    # -<language>-<width>x<height>, set in __main__
README_NAMES = False   # English at 1280x800: also the README's names
README_SV = False      # Swedish at 1280x800: the README's Swedish till


async def settle(seconds: float = 0.6) -> None:
    await asyncio.sleep(seconds)
    QApplication.processEvents()


def shot(name: str, readme: str = "") -> None:
    target = OUT / f"screen-{name}{TAG}.png"
    subprocess.run(["import", "-window", "root", str(target)], check=True)
    print(target)
    if README_NAMES and readme:
        subprocess.run(["cp", str(target), str(OUT / f"{readme}.png")], check=True)
    if README_SV and name == "customer":
        subprocess.run(["cp", str(target), str(OUT / "screenshot-customer-sv.png")], check=True)


def tap(widget) -> None:
    """A left click in the middle of ``widget``, as a finger or the mouse gives it."""
    QTest.mouseClick(widget, Qt.MouseButton.LeftButton)


def new_card(first_twelve: str) -> str:
    """A demo card number (GS1 check digit), as a new physical card carries it."""
    total = sum(int(digit) * (3 if index % 2 else 1) for index, digit in enumerate(first_twelve))
    return first_twelve + str((10 - total % 10) % 10)


async def type_and_find(window, text: str) -> None:
    # Set as typed, not sent as key presses: keys that arrive as fast as QTest sends them are a scanner's to the
    # identify field (a scanned "070 888 88 88" is refused as no card of the store).
    window.customer.input.setText(text)
    tap(window.customer.find_button)
    await settle(1.0)


async def main() -> None:
    config = Config(store_external_id="12", till_id="3", journal=JournalSettings(retry_schedule=(2.0,)),
                    orders=OrderSettings(job_poll_schedule=(0.1,)))
    till = build_till(config, demo=True, journal_path=Path(tempfile.mkdtemp()) / "journal.sqlite3",
                      sim_state=SimState(seed=1))
    bridge = TillBridge(till.service, till.monitor)
    orders = OrderBridge(till.orders, till.deliver_now)
    window = MainWindow(bridge, orders=orders, demo=True, cashier="karin",
                        on_outage_toggled=lambda on: till.sim_state.faults.update({"down": on}))
    from PySide6.QtCore import QSettings

    from pos_engage.qt.views.main_window import sized_to_screen

    # As the till opens on a screen it has not been on before (no geometry kept yet).
    window.place_on_screen(QSettings(str(Path(tempfile.mkdtemp()) / "window.ini"), QSettings.Format.IniFormat))
    window.show()
    anna = till.sim_state.showcase()["contacts"][0]
    await settle()
    shot("identify", "screenshot-identify")

    # As a cashier does it: typed into the identify field, then a tap on Find (real mouse events, not calls).
    # Two customers share this mobile: the pick list, masked until one is chosen.
    await type_and_find(window, "070 888 88 88")
    shot("picklist")

    await type_and_find(window, anna["email"])
    for sku, name, price, quantity in (("1002", "Wool jacket", "1299", 1), ("1004", "Socks 3-pack", "99", 2)):
        basket = window.basket
        basket.sku.setText(sku)
        basket.article.setText(name)
        basket.price.setText(price)
        basket.quantity.setValue(quantity)
        tap(basket.add_button)
        await settle(0.3)
    offers = window.customer.offers
    for row in range(offers.count()):
        if "20 %" in offers.item(row).text():   # the offer is applied by a tap on its card
            offers.scrollToItem(offers.item(row))
            QTest.mouseClick(offers.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                             offers.visualItemRect(offers.item(row)).center())
            break
    await settle()
    bridge.take_payment("GiftVoucher", Decimal("200"))  # a split payment: the rest by card on finishing
    await settle()
    tap(window.basket.tender_buttons["Cash"])   # cash for the rest: quick amounts shown
    await settle()
    shot("customer", "screenshot-customer")
    # The customer gives a round note: a tap on the largest quick-cash amount offered.
    tap([button for button in window.basket.quick_buttons if button.isVisible()][-1])
    await settle(0.3)
    tap(window.basket.finish_button)   # the cash given is taken first, the change stays on screen
    await settle(1.5)
    shot("change")

    # The customer's orders: one placed in the web shop (Engage holds it), one made from this basket.
    till.sim_state.orders["WEB-20417"] = {
        "orderId": "WEB-20417", "contactId": anna["id"], "status": "InProgress", "externalStatus": "Picking",
        "contact": {"matchKey": anna["email"], "matchKeyType": "email"}, "currencyCode": "SEK",
        "createdAt": "2026-11-21T18:12:00+01:00", "versionTag": "web-1",
        "lineItems": {"items": [{"type": "PURCHASE", "sku": "2001", "name": "Winter boots", "quantity": 1,
                                 "totalPrice": 1499.0, "taxPercent": 25.0}]}}
    await type_and_find(window, anna["cardNumber"])
    bridge.add_line(BasketLine("1002", "Wool jacket", 1, Decimal("1299.00")))
    window.open_orders()
    await settle(1.0)
    customer = bridge.customer
    orders.create(bridge.basket.copy(), customer, Address(street="Storgatan 1", zip_code="41101",
                                                               city="Göteborg"), "Home delivery", "Card")
    await settle(3.0)
    view = window.orders_panel.selected()
    orders.move(view, OrderStage.IN_PROGRESS.value)
    await settle(2.0)
    sized_to_screen(window.orders_panel, 1160, 660)
    await settle(1.0)
    shot("orders", "screenshot-orders")
    window.orders_panel.close()

    window._start_next_sale()
    await settle()
    window.open_register("sigrid@example")
    dialog = window.register_dialog
    dialog.inputs["first_name"].setText("Sigrid")
    dialog.inputs["last_name"].setText("Ek")
    dialog.inputs["mobile_phone"].setText("0705")
    dialog.inputs["card_number"].setText(new_card("735000000123"))   # a new loyalty card handed out
    dialog.contact()  # shows what to correct, as the Register button does
    await settle()
    shot("register", "screenshot-register-error")
    dialog.inputs["email"].setText("sigrid.ek@example.se")
    dialog.inputs["mobile_phone"].setText("070 512 34 56")
    tap(dialog.ok_button)   # registered with her new card: the customer card shows her
    await settle(1.5)
    shot("registered")

    window._start_next_sale()
    window.outage_action.setChecked(True)
    for n in range(3):
        window.customer.input.setText(anna["cardNumber"])
        bridge.identify(anna["cardNumber"], True)
        await settle(0.8)
        bridge.add_line(BasketLine("1001", "T-shirt organic", 1, Decimal("199.00")))
        bridge.finish("Card")
        await settle(1.0 if n < 2 else 5.0)
    window.customer.input.setText(anna["cardNumber"])
    bridge.identify(anna["cardNumber"], True)
    await settle(1.0)
    bridge.add_line(BasketLine("1003", "Jeans slim", 1, Decimal("799.00")))
    await settle()
    shot("offline", "screenshot-offline")

    # The manager's queue, with the sales that waited during the outage and one Engage rejected.
    till.journal.enqueue(EntryKind.RECEIPT, {"receipt": {"uniqueReceiptId": "12-3-bad"}},
                         idempotency_key="receipt:12-3-bad")
    window.outage_action.setChecked(False)
    till.monitor.last_probe_at = 0
    await till.replayer.replay_once()
    await till.replayer.replay_once()
    window.open_queue()
    sized_to_screen(window.queue_view, 1200, 720)
    window.queue_view.table.selectRow(0)
    await settle(1.0)
    shot("queue", "screenshot-queue")
    window.queue_view.close()
    bridge.shutdown()
    window.close()
    till.journal.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description="Screenshots of the till window")
    parser.add_argument("--language", default="en", help="en (the README's) or sv")
    parser.add_argument("--out", type=Path, default=HERE, help="folder for the PNG files (default: docs/)")
    args = parser.parse_args()
    OUT = args.out
    application = QApplication.instance() or QApplication(sys.argv[:1])
    size = application.primaryScreen().size()
    TAG = f"-{args.language}-{size.width()}x{size.height()}"
    README_NAMES = args.language == "en" and (size.width(), size.height()) == (1280, 800)
    README_SV = args.language == "sv" and (size.width(), size.height()) == (1280, 800)
    OUT.mkdir(parents=True, exist_ok=True)
    apply_style(application)
    i18n.install(application, args.language)
    qasync.run(main())
    # PySide6 aborts now and then while the interpreter tears its objects down (bool_dealloc), which stopped
    # docs/screens.sh (set -e) before the other sizes: every screenshot is written by now.
    sys.stdout.flush()
    os._exit(0)
