"""The queue window as the manager review drove it at 1024×768 (screenshots 22, 23, 28, 29): "What to do" cut to
"Engage did not answer; it …", the Status column cut at the right edge, the details three lines high, and Escape
leaving the window open (the cashier's next typing went into it)."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from pos_engage.core.journal import payloads
from pos_engage.core.journal.claims import Settlement
from pos_engage.core.journal.entry import EntryStatus
from pos_engage.qt.views.queue_fit import DETAILS_LINES
from pos_engage.qt.views.queue_table import STATUS, WHAT_TO_DO
from tests.core.conftest import sale


def waiting(journal, unique_id: str) -> None:
    entry = journal.record([payloads.receipt(sale(unique_id))])[0]
    journal.claim_due()
    journal.settle([Settlement(entry.id, EntryStatus.WAITING_RETRY, error_code="EngageUnavailable",
                               error="Cannot connect to Engage (connection refused)")])


def opened_at_1024x768(qtbot, window):
    window.resize(1024, 768)
    window.open_queue()
    view = window.queue_view
    view.resize(1024, 728)   # the screen less the title bar and the panel
    qtbot.waitExposed(view)
    qtbot.wait(20)
    return view


def test_status_and_what_to_do_are_readable_at_1024x768(qtbot, window, till):
    waiting(till.journal, "r-1")
    view = opened_at_1024x768(qtbot, window)
    table, header = view.table, view.table.horizontalHeader()
    # The status whole, inside the table's visible part (it was cut at the right edge).
    status_end = header.sectionViewportPosition(STATUS) + header.sectionSize(STATUS)
    assert status_end <= table.viewport().width()
    status_text = view.model.data(view.model.index(0, STATUS))
    assert status_text == "waiting to retry"
    assert header.sectionSize(STATUS) >= table.fontMetrics().horizontalAdvance(status_text)
    # "What to do" whole for an entry Engage did not answer (it showed "Engage did not answer; it …").
    what = view.model.data(view.model.index(0, WHAT_TO_DO))
    assert what == "Engage did not answer; it will be tried again by itself."
    assert header.sectionViewportPosition(WHAT_TO_DO) == 0
    assert header.sectionSize(WHAT_TO_DO) >= table.fontMetrics().horizontalAdvance(what) + 12
    # A longer text than any width: its cell's tooltip holds it whole.
    assert view.model.data(view.model.index(0, WHAT_TO_DO), Qt.ItemDataRole.ToolTipRole) == what
    view.hide()


def test_the_details_pane_is_tall_enough_at_1024x768(qtbot, window, till):
    waiting(till.journal, "r-2")
    view = opened_at_1024x768(qtbot, window)
    lines = view.details.viewport().height() // view.details.fontMetrics().lineSpacing()
    assert lines >= DETAILS_LINES, lines
    rows = view.table.viewport().height() // view.table.verticalHeader().defaultSectionSize()
    assert rows >= 7, rows   # the table keeps its rows (tests/qt/test_fit.py)
    view.hide()


def test_escape_closes_the_queue_and_the_till_gets_the_keyboard_back(qtbot, window, till):
    waiting(till.journal, "r-3")
    view = opened_at_1024x768(qtbot, window)
    view.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is view)
    view.table.setFocus()
    qtbot.keyClick(view.table, Qt.Key.Key_Escape)
    assert not view.isVisible()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)
    # What the cashier types next goes to the till, not the queue.
    qtbot.waitUntil(lambda: QApplication.focusWidget() is not None
                    and QApplication.focusWidget().window() is window)


def test_escape_in_a_dialog_of_the_queue_closes_only_the_dialog(qtbot, window, till):
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QInputDialog

    from pos_engage.qt.views.queue_dialogs import ask_reason_dialog

    waiting(till.journal, "r-4")
    view = opened_at_1024x768(qtbot, window)
    view.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is view)
    seen = []

    def escape_in_the_dialog():
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QInputDialog):
            QTimer.singleShot(20, escape_in_the_dialog)
            return
        seen.append(dialog)
        qtbot.keyClick(QApplication.focusWidget() or dialog, Qt.Key.Key_Escape)

    QTimer.singleShot(20, escape_in_the_dialog)
    assert ask_reason_dialog(view) is None
    assert seen and view.isVisible()
    view.hide()


def test_what_to_do_is_wide_from_the_first_showing(qtbot, till, tmp_path):
    """Opened once, never refreshed: the column was sized before the table had its width (260 px under X)."""
    from pos_engage.core.office.queue import ManagerActions
    from pos_engage.qt.models.journal_model import JournalModel
    from pos_engage.qt.views.queue_view import QueueView

    waiting(till.journal, "r-5")
    view = QueueView(JournalModel(till.journal), ManagerActions(till.journal, till="3", pin_store=lambda: None),
                     export_folder=tmp_path / "exports", store="12", till="3")
    qtbot.addWidget(view)
    view.resize(1024, 728)
    view.show()
    qtbot.waitExposed(view)
    what = view.model.data(view.model.index(0, WHAT_TO_DO))
    assert view.table.columnWidth(WHAT_TO_DO) >= view.table.fontMetrics().horizontalAdvance(what) + 12
