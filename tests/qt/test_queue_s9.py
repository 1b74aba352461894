"""The store manager's queue as session 9's screenshots found it (Xvfb and openbox, 1024×768 and 800×600): the queue
fell behind the till's window after each manager's code; at 800×600 who rang an entry up was only reached by
scrolling sideways; the window named a sale "Sale 1-1-20261128023302-29d3a9" where the queue named it "Receipt
20261128023302-29d3a9". In the real window, offscreen, against the simulator."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt, QTimer, QTranslator
from PySide6.QtWidgets import QApplication

from pos_engage.core.journal import payloads
from pos_engage.qt import i18n
from pos_engage.qt.views.queue_table import CREATED, KIND, STATUS, WHAT_TO_DO, WHO
from tests.core.conftest import sale
from tests.qt.test_queue_columns_s8e import TEXT_MARGINS, in_sight, opened, the_demos_entries, whole
from tests.qt.test_queue_who_s8 import ring_up
from tests.qt.test_sign_in import sign_in_with_the_keypad, staff

__all__ = ["staff"]

# What a manager must see of every entry without scrolling: what it is, when, its status and who rang it up where.
WHAT_WHEN_STATUS_WHO = (KIND, CREATED, STATUS, WHO)


def signed_in(qtbot, window) -> None:
    dialog = window.sign_in_dialog
    sign_in_with_the_keypad(qtbot, dialog, "2002", "246810")
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5_000)


def the_managers_code_when_asked(qtbot, answered: list) -> None:
    """Anna Berg's staff number and code typed into the code dialog the queue opens, and OK (while exec() runs)."""

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None or not hasattr(dialog, "ok_button"):
            QTimer.singleShot(20, answer)
            return
        dialog.staff.setText("1001")
        dialog.code.setText("482913")
        qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
        answered.append(dialog)

    QTimer.singleShot(20, answer)


def test_the_queue_stays_in_front_after_a_managers_code(qtbot, staff, window, till):
    signed_in(qtbot, window)
    till.journal.record([payloads.receipt(sale("12-3-pos-5901"))])
    window.open_queue()
    view = window.queue_view
    qtbot.waitExposed(view)
    view.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is view, timeout=2_000)
    view.table.selectRow(0)
    answered = []
    the_managers_code_when_asked(qtbot, answered)
    view.unmask_button.click()   # returns once the dialog has closed
    assert answered and view.unmasked
    # The till's window took the focus back as the dialog closed (under openbox: in front of the queue).
    qtbot.wait(100)
    assert QApplication.activeWindow() is view
    assert view.isVisible() and not window.isActiveWindow()


def test_the_queue_stays_in_front_after_a_cancelled_code(qtbot, staff, window, till):
    signed_in(qtbot, window)
    window.open_queue()
    view = window.queue_view
    qtbot.waitExposed(view)
    view.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is view, timeout=2_000)

    def cancel() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(20, cancel)
            return
        dialog.reject()

    QTimer.singleShot(20, cancel)
    view.export_button.click()
    qtbot.wait(100)
    assert QApplication.activeWindow() is view


@pytest.mark.parametrize("language", ["en", "sv"])
def test_what_when_status_and_who_are_in_sight_at_800x600(qtbot, qapp, window, till, tmp_path, monkeypatch,
                                                        language):
    monkeypatch.setattr("platformdirs.user_cache_dir", lambda *_args, **_kwargs: str(tmp_path))
    the_demos_entries(till.journal)
    translator = QTranslator()
    if language == "sv":
        assert translator.load(str(i18n.compiled("sv")))
        qapp.installTranslator(translator)
    try:
        view = opened(qtbot, window, 800, 560)   # 800×600 less openbox's title bar
        for column in WHAT_WHEN_STATUS_WHO:
            assert in_sight(view, column), (column, view.model.headerData(column, Qt.Orientation.Horizontal))
            assert whole(view, column) == [], column
        # "What to do" still first, and its short words whole ("Sent to Engage." beside the rest).
        header = view.table.horizontalHeader()
        assert header.sectionViewportPosition(WHAT_TO_DO) == 0 and in_sight(view, WHAT_TO_DO)
        assert view.table.fontMetrics().horizontalAdvance(view.tr("Sent to Engage.")) + TEXT_MARGINS \
            <= view.table.columnWidth(WHAT_TO_DO)
        view.hide()
    finally:
        qapp.removeTranslator(translator)


def test_what_when_status_and_who_are_in_sight_at_1024x768(qtbot, window, till):
    the_demos_entries(till.journal)
    view = opened(qtbot, window, 1024, 728)
    for column in WHAT_WHEN_STATUS_WHO:
        assert in_sight(view, column) and whole(view, column) == [], column
    view.hide()


def test_the_window_names_the_sale_as_the_queue_does(qtbot, window, till):
    receipt_id = ring_up(qtbot, window)
    said = window.basket.sale_status.text()
    window.open_queue()
    view = window.queue_view
    row = next(r for r in range(view.model.rowCount())
               if till.journal.get(view.model.entry_id(r)).idempotency_key == f"receipt:{receipt_id}")
    view.table.selectRow(row)
    # The description, not the headline above it ("Receipt #1 — delivered", the kind as the list says it).
    described = next(line for line in view.details.toPlainText().splitlines()
                     if line.startswith("Receipt ") and " #" not in line)
    name = described.split(" — ")[0]            # "Receipt 20261128023302-29d3a9"
    assert said.startswith(f"✔ {name}: sent to Engage"), (said, described)
    assert receipt_id not in said               # not "Sale 12-3-20261128023302-29d3a9"
    view.hide()


def test_when_is_said_without_what_every_row_shares(qtbot, till):
    from datetime import datetime, timedelta

    from PySide6.QtCore import QLocale

    from pos_engage.qt.views.queue_table import WhenInFewWords

    now = datetime.now()
    when = WhenInFewWords()
    assert when.displayText(f"{now:%Y-%m-%d} 00:39", QLocale()) == "00:39"
    earlier = now.replace(month=1, day=2) if (now.month, now.day) != (1, 2) else now.replace(month=1, day=3)
    assert when.displayText(f"{earlier:%Y-%m-%d} 23:10", QLocale()) == f"{earlier:%m-%d} 23:10"
    older = now - timedelta(days=400)
    assert when.displayText(f"{older:%Y-%m-%d} 16:02", QLocale()) == f"{older:%Y-%m-%d} 16:02"
    assert when.displayText("", QLocale()) == ""
