"""Every main view and dialog fits at 1024×768, 800×600 and as a 480 px strip beside the POS, in English and
Swedish: no control outside its window, no text cut off where the whole of it fits (a label or a button narrower
than its own text). The oracle is Qt's own size hints for the translated texts, not sizes we wrote down."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, QTranslator
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QDialog,
    QLabel,
    QLineEdit,
    QScrollArea,
    QWidget,
)

from pos_engage.qt import i18n
from pos_engage.qt.bridge import TillBridge
from pos_engage.qt.order_bridge import OrderBridge
from pos_engage.qt.views.main_window import MainWindow

SIZES = ((1024, 768), (800, 600), (480, 800))
PRICE_TYPED = "12 999,90"   # a price or the cash given, as a cashier types it


@pytest.fixture(params=("en", "sv"))
def language(request, qapp):
    translator = None
    if request.param == "sv":
        translator = QTranslator()
        assert translator.load(str(i18n.compiled("sv")))
        qapp.installTranslator(translator)
    i18n.current = request.param
    yield request.param
    i18n.current = "en"
    if translator is not None:
        qapp.removeTranslator(translator)


@pytest.fixture
def till_window(qtbot, till, language):
    bridge = TillBridge(till.service, till.monitor)
    main = MainWindow(bridge, orders=OrderBridge(till.orders, till.deliver_now), demo=True, cashier="test-cashier")
    qtbot.addWidget(main)
    yield main
    qtbot.waitUntil(lambda: not bridge.busy, timeout=10_000)
    bridge.shutdown()
    main.close()


def inside(widget: QWidget, top: QWidget) -> tuple[QWidget | None, bool]:
    """The scroll area between ``widget`` and ``top`` (None if none), and whether an item view holds it."""
    parent = widget.parentWidget()
    while parent is not None and parent is not top:
        if isinstance(parent, QAbstractItemView):
            return parent, True
        if isinstance(parent, QScrollArea):
            return (parent if parent.viewport().isAncestorOf(widget) else None), False
        parent = parent.parentWidget()
    return None, False


def problems_of(top: QWidget) -> list[str]:
    """What does not fit in ``top`` as it is now laid out."""
    found = []
    bounds = top.rect()
    for child in top.findChildren(QWidget):
        if not child.isVisibleTo(top) or child.width() <= 0 or child.isWindow():
            continue
        area, in_view = inside(child, top)
        if in_view:
            continue   # a table's or a list's cells scroll inside it
        name = f"{type(child).__name__} {child.objectName() or child.accessibleName() or ''}".strip()
        if area is not None:  # scrolled content: it may go down, never sideways
            left = child.mapTo(area.viewport(), QPoint(0, 0)).x()
            if left < 0 or left + child.width() > area.viewport().width() + 1:
                found.append(f"{name} is off to the side of its scroll area")
            if area.horizontalScrollBar().isVisible():
                found.append(f"{type(area).__name__} scrolls sideways")
        else:
            place = QRect(child.mapTo(top, QPoint(0, 0)), child.size())
            if not bounds.contains(place):
                found.append(f"{name} at {place.getRect()} is outside {bounds.getRect()}")
        if isinstance(child, QLabel) and child.text() and not child.wordWrap() and \
                child.sizeHint().width() > child.width() + 1:
            found.append(f"label '{child.text()}' is cut: {child.width()} of {child.sizeHint().width()} px")
        if isinstance(child, QLabel) and child.text() and child.wordWrap() and \
                child.heightForWidth(child.width()) > child.height() + 1:
            needed = child.heightForWidth(child.width())
            found.append(f"label '{child.text()}' is cut: {child.height()} of {needed} px high")
        if isinstance(child, QLineEdit) and (cut := cut_field(child)):
            found.append(cut)
        if isinstance(child, QAbstractButton) and child.text() and \
                child.fontMetrics().horizontalAdvance(child.text().replace("&", "")) > child.width():
            found.append(f"button '{child.text()}' is cut at {child.width()} px")
    return found


def cut_field(field: QLineEdit) -> str:
    """Whether ``field`` is too narrow for what it says it is for (its placeholder) or, for a field a cashier types
    into (property ``typed``, set by the test), for what was typed: in a Swedish strip the price field was squeezed
    to 54 px and showed half a price. Its padding and frame are what its own size hint adds to the 17 characters Qt
    sizes a line edit for. (A setting's long path may scroll inside its field: it is not checked.)"""
    metrics = field.fontMetrics()
    frame = field.sizeHint().width() - 17 * metrics.horizontalAdvance("x")
    for text in (field.placeholderText(), field.text() if field.property("typed") else ""):
        if text and metrics.horizontalAdvance(text) + frame > field.width() + 1:
            return f"field '{field.accessibleName()}' cuts '{text}': {field.width()} of " \
                   f"{metrics.horizontalAdvance(text) + frame} px"
    return ""


def laid_out(qtbot, widget: QWidget, width: int, height: int) -> QWidget:
    widget.resize(width, height)
    widget.show()
    qtbot.waitExposed(widget)
    # Exactly this size: a window that will not go that small (its minimum is wider) does not fit, and a first show
    # that leaves it wider than asked (the wide layout's minimum, before it turned compact) must not pass for a fit.
    qtbot.wait(20)
    widget.resize(width, height)
    qtbot.wait(20)
    assert widget.size().toTuple() == (width, height), f"{widget.size().toTuple()} instead of {(width, height)}"
    return widget


@pytest.mark.parametrize("framed", [False, True])
@pytest.mark.parametrize(("width", "height"), SIZES)
def test_the_till_window_fits(qtbot, till_window, till, width, height, framed):
    from pos_engage.qt.views.main_window import FRAME_ROOM

    # The whole screen (a kiosk till without a window manager), or less a window manager's title bar.
    window = laid_out(qtbot, till_window, width, height - FRAME_ROOM if framed else height)
    assert window.compact == (width < 1000)
    assert not (found := problems_of(window)), "\n".join(found)
    # What a cashier types must show whole: an article's number, a price, the cash given.
    typed = {window.basket.sku: "7310865004703", window.basket.price: PRICE_TYPED,
             window.basket.amount: PRICE_TYPED}
    for field, text in typed.items():
        field.setProperty("typed", True)
        field.setText(text)
    assert not (found := problems_of(window)), "\n".join(found)
    for field in typed:
        field.clear()
    # A customer with offers and a basket being paid: the fullest the till gets.
    anna = {c["name"].split()[0]: c for c in till.sim_state.showcase()["contacts"]}["Anna"]
    with qtbot.waitSignal(window.bridge.identified, timeout=10_000):
        window.customer.input.setText(anna["cardNumber"])
        window.customer.find_button.click()
    basket = window.basket
    for sku, name, price in (("1002", "Wool jacket with a long name for a narrow strip", "1299"),
                             ("1004", "Socks", "49.50")):
        basket.sku.setText(sku)
        basket.article.setText(name)
        basket.price.setText(price)
        basket.add_button.click()
    window.customer.offers.toggle(window.customer.offers.item(0))
    basket.tender_buttons["Cash"].click()
    basket.keypad_button.click()
    window.bridge.take_payment("GiftVoucher", __import__("decimal").Decimal("100"))
    qtbot.wait(20)
    assert not (found := problems_of(window)), "\n".join(found)
    if width >= 1000:  # wide: the totals and Finish are on screen without scrolling
        viewport = window.centralWidget()   # wide: no scrolling at all
        assert window.scroll is None or not window.scroll.verticalScrollBar().isVisible()
        for part in (window.basket.finish_button, window.basket.to_pay_label, window.basket.total_label):
            place = QRect(part.mapTo(viewport, QPoint(0, 0)), part.size())
            assert viewport.rect().contains(place), part.accessibleName()


def dialogs(window: MainWindow) -> dict:
    from pos_engage.qt.views.register_dialog import RegisterDialog
    from pos_engage.qt.views.settings_dialog import SettingsDialog
    from pos_engage.qt.views.sign_in_dialog import CodeDialog

    window.open_queue()
    window.queue_view.hide()
    window.open_orders()
    window.orders_panel.hide()
    window.basket.sku.setText("1")
    window.basket.price.setText("10")
    window.basket.add_button.click()
    window.open_order_form()
    window.order_form.hide()
    return {
        "register": RegisterDialog("", "cashier", window),
        "settings": SettingsDialog(window.bridge.service.config, on_test=lambda *_: None,
                                   on_save=lambda *_: None, parent=window),
        "sign in": CodeDialog(window, staff_number=True, check=lambda *_: None),
        "queue": window.queue_view,
        "orders": window.orders_panel,
        "order form": window.order_form,
    }


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_every_dialog_and_manager_window_fits(qtbot, till_window, width, height):
    laid_out(qtbot, till_window, width, height)
    for name, dialog in dialogs(till_window).items():
        laid_out(qtbot, dialog, min(width, dialog.sizeHint().width()), min(height - 40, dialog.sizeHint().height()))
        hint = dialog.minimumSizeHint()
        assert hint.width() <= width and hint.height() <= height - 40, f"{name} needs {hint.toTuple()}"
        assert not (found := problems_of(dialog)), name + ":\n" + "\n".join(found)
        if name == "queue":   # its buttons are there, on screen, and only the allowed ones usable
            buttons = (*dialog.entry_buttons, *dialog.queue_buttons)
            assert all(button.isVisible() for button in buttons)
            assert not dialog.retry_button.isEnabled()   # nothing selected: nothing to retry
        if isinstance(dialog, QDialog):
            dialog.reject()
        else:
            dialog.hide()


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_the_questions_fit(qtbot, till_window, width, height):
    window = laid_out(qtbot, till_window, width, height)
    window.show_help()
    help_box = window.help_box   # F1 fits the screen, its Close button on it (a strip cut it off in Swedish)
    laid_out(qtbot, help_box, min(width, help_box.width()), min(height - 40, help_box.height()))
    assert not (found := problems_of(help_box)), "help:\n" + "\n".join(found)
    window.basket.sku.setText("1")
    window.basket.price.setText("10")
    window.basket.add_button.click()
    window.help_box.close()
    window.new_sale()  # asks first
    for box in (window.confirm_box,):
        assert box.sizeHint().width() <= width and box.sizeHint().height() <= height
        box.reject()


def test_the_window_opens_sized_to_its_screen_and_remembers_where_it_was(qtbot, till_window, tmp_path):
    from PySide6.QtCore import QSettings

    settings = QSettings(str(tmp_path / "window.ini"), QSettings.Format.IniFormat)
    till_window.place_on_screen(settings)   # nothing kept yet: the screen it is on decides
    room = till_window.screen().availableGeometry()
    assert till_window.width() <= room.width() and till_window.height() <= room.height()
    assert till_window.compact == (till_window.width() < 1000)   # laid out for that size before it is shown
    till_window.show()
    till_window.resize(480, 500)   # the cashier made it a strip beside the POS
    qtbot.wait(20)
    till_window.close()            # closing keeps where it was
    till_window.resize(1200, 700)
    till_window.place_on_screen(settings)
    assert till_window.width() == 480 and till_window.compact


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_the_registration_fits_with_what_to_correct_shown(qtbot, till_window, width, height):
    """The errors a registration shows under its fields wrap in a strip: the dialog grows for them instead of
    cutting each to its first line (seen under Xvfb at 480 px in Swedish)."""
    laid_out(qtbot, till_window, width, height)
    till_window.open_register("sigrid@example")
    dialog = till_window.register_dialog
    qtbot.waitExposed(dialog)
    dialog.inputs["first_name"].setText("Sigrid")
    dialog.inputs["last_name"].setText("Ek")
    dialog.inputs["mobile_phone"].setText("0705")
    assert dialog.contact() is None
    qtbot.wait(20)
    assert any(error.isVisible() for error in dialog.errors.values())
    assert dialog.height() <= height
    assert not (found := problems_of(dialog)), "\n".join(found)
    dialog.reject()


@pytest.mark.parametrize(("width", "height"), SIZES)
def test_the_queues_plain_words_column_is_first_and_wide(qtbot, till_window, width, height):
    """Stretched, "What to do" got what the other columns left: about 40 px at 1024 px (seen under Xvfb)."""
    from pos_engage.qt.views.queue_table import WHAT_TO_DO_LEAST
    from pos_engage.qt.views.queue_view import CUSTOMER, WHAT_TO_DO, WHAT_TO_DO_WIDTH

    laid_out(qtbot, till_window, width, height)
    till_window.open_queue()
    view = laid_out(qtbot, till_window.queue_view, width, height - 40)
    view.refresh()
    header = view.table.horizontalHeader()
    assert header.logicalIndex(0) == WHAT_TO_DO
    # At 1024 px at least WHAT_TO_DO_WIDTH; narrower, what is left beside what, when, status and who (session 9:
    # at 800 px who was reached only by scrolling), never less than WHAT_TO_DO_LEAST.
    assert header.sectionSize(WHAT_TO_DO) >= (WHAT_TO_DO_WIDTH if width >= 1024 else WHAT_TO_DO_LEAST)
    assert WHAT_TO_DO_WIDTH >= 200
    assert header.sectionSize(CUSTOMER) <= 110   # the masked customer narrow (its whole value is the tooltip)
    # More rows than the six the issue counted: the table takes most of the height, the details the rest; in a
    # smaller window the table gives up rows (down to FEWEST_ROWS) for the details' lines (helper-58's review: at
    # 800x600 they showed three, the fourth cut mid-text).
    from pos_engage.qt.views.queue_fit import FEWEST_ROWS

    rows_in_view = view.table.viewport().height() // view.table.verticalHeader().defaultSectionSize()
    assert rows_in_view >= (7 if (width, height) == (1024, 768) else FEWEST_ROWS), rows_in_view
    lines = view.details.viewport().height() // view.details.fontMetrics().lineSpacing()
    assert lines >= 6, lines
    view.hide()
