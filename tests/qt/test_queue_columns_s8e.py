"""The manager's queue as helper-58's screenshots found it (session 8e): at 1024×768 the 'Rung up by' column was off
the right edge and, scrolled to, cut to "Omar Said (2002…" (where the entry came from never showed); the kind was
cut ("promotion rede…", "inlösen av erbju…"); at 800×600 the details showed three lines and a fourth cut mid-text.
In the real window, offscreen, at the sizes openbox gives the queue's window."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt, QTranslator

from pos_engage.core.domain import MatchKey, MatchKeyType
from pos_engage.core.journal import payloads
from pos_engage.core.journal.claims import Settlement
from pos_engage.core.journal.entry import EntryStatus, Origin, Source
from pos_engage.qt import i18n
from pos_engage.qt.views.queue_fit import FEWEST_ROWS
from pos_engage.qt.views.queue_table import KIND, MUST_SEE, STATUS, WHAT_TO_DO, WHAT_TO_DO_WIDTH, WHO
from tests.core.conftest import sale

CONTACT = MatchKey("9b810e76-6ec9-4286-a3ca-828dd5f4b3b2", MatchKeyType.CONTACT_ID)
# What the entry is, what it was, who rang it up where, what to do, and the summary's first line.
READABLE_LINES = 6
TEXT_MARGINS = 6   # an item view's text margins (3 px each side): a column narrower than the text and these elides it


def the_demos_entries(journal) -> None:
    """What helper-58's demo left: a POS sale over HTTP with an offer Engage refused (it needs attention), a window
    sale by Omar Said, and a sale at the shared till 1 from the POS link's folders."""
    by = "Omar Said (2002)"
    pos = replace(payloads.receipt(sale("12-3-pos-5802", CONTACT, "1838.55")), source=Source(Origin.POS_HTTP, by))
    offer = replace(payloads.promotion_redemption("as-1", contact_id=CONTACT.value, promotion_id="p-1",
                                                  sale_id="12-3-pos-5802"), source=Source(Origin.POS_HTTP, by))
    _, refused = journal.commit_sale([pos, offer], sale_id="12-3-pos-5802").entries
    journal.claim_due()
    journal.settle([Settlement(refused.id, EntryStatus.NEEDS_ATTENTION, error_code="PromotionNotFound",
                               error="404: PromotionNotFound: no such promotion")])
    journal.record([replace(payloads.receipt(sale("12-3-20261128003957-0b1957", CONTACT, "1299.00")),
                            source=Source(Origin.WINDOW, by))])
    journal.record([replace(payloads.receipt(sale("12-3-pos-5990", CONTACT, "349.00")),
                            source=Source(Origin.POS_FOLDER, "till 1"))])


def opened(qtbot, window, width: int, height: int):
    window.resize(width, height)
    window.open_queue()
    view = window.queue_view
    view.resize(width, height)   # openbox: the screen less the title bar
    qtbot.waitExposed(view)
    qtbot.wait(20)
    return view


def whole(view, column: int) -> list[str]:
    """The column's texts its width cuts (none: each is read whole)."""
    table, model = view.table, view.model
    width = table.horizontalHeader().sectionSize(column)
    # As drawn: the column's own delegate may say it in fewer words (when: "02:54" for today's).
    delegate = table.itemDelegateForColumn(column) or table.itemDelegate()
    texts = [delegate.displayText(model.data(model.index(row, column)) or "", table.locale())
             for row in range(model.rowCount())]
    return [text for text in texts if table.fontMetrics().horizontalAdvance(text) + TEXT_MARGINS > width]


def in_sight(view, column: int) -> bool:
    header = view.table.horizontalHeader()
    start = header.sectionViewportPosition(column)
    return start >= 0 and start + header.sectionSize(column) <= view.table.viewport().width()


def test_who_rang_it_up_and_where_is_in_sight_and_whole_at_1024x768(qtbot, window, till):
    the_demos_entries(till.journal)
    view = opened(qtbot, window, 1024, 728)
    assert WHO in MUST_SEE
    model = view.model
    words = {model.data(model.index(row, WHO)) for row in range(model.rowCount())}
    assert words == {"Omar Said · POS link", "Omar Said · window", "till 1 · POS link"}
    assert in_sight(view, WHO), "who rang it up is off the right edge"
    assert whole(view, WHO) == []
    # The staff number and how the POS link was reached: the cell's tooltip, whole.
    tips = {model.data(model.index(row, WHO), Qt.ItemDataRole.ToolTipRole) for row in range(model.rowCount())}
    assert "Rung up by Omar Said (2002), at the POS, through the POS link (HTTP)" in tips
    assert "Rung up at the POS, through the POS link's folders; till 1 is shared, nobody signs in" in tips
    # The kind and the status whole too, and "What to do" still first, "Waiting to be sent." whole in it.
    for column in MUST_SEE:
        assert in_sight(view, column) and whole(view, column) == [], column
    assert "promotion redemption" in {model.data(model.index(row, KIND)) for row in range(model.rowCount())}
    assert "needs attention" in {model.data(model.index(row, STATUS)) for row in range(model.rowCount())}
    assert view.table.horizontalHeader().sectionViewportPosition(WHAT_TO_DO) == 0
    assert view.table.columnWidth(WHAT_TO_DO) >= WHAT_TO_DO_WIDTH
    assert view.table.fontMetrics().horizontalAdvance("Waiting to be sent.") + TEXT_MARGINS <= WHAT_TO_DO_WIDTH
    view.hide()


def test_in_swedish_the_kind_and_who_are_whole_at_1024x768(qtbot, qapp, window, till, tmp_path, monkeypatch):
    # Compiled afresh from this checkout's .ts (the user's cached .qm may come from another copy).
    monkeypatch.setattr("platformdirs.user_cache_dir", lambda *_args, **_kwargs: str(tmp_path))
    the_demos_entries(till.journal)
    translator = QTranslator()
    assert translator.load(str(i18n.compiled("sv")))
    qapp.installTranslator(translator)
    try:
        view = opened(qtbot, window, 1024, 728)
        model = view.model
        assert "inlösen av erbjudande" in {model.data(model.index(row, KIND)) for row in range(model.rowCount())}
        assert "Omar Said · fönstret" in {model.data(model.index(row, WHO)) for row in range(model.rowCount())}
        for column in (KIND, WHO):
            assert in_sight(view, column) and whole(view, column) == [], column
        view.hide()
    finally:
        qapp.removeTranslator(translator)


def test_the_details_are_readable_at_800x600(qtbot, window, till):
    the_demos_entries(till.journal)
    view = opened(qtbot, window, 800, 560)   # 800×600 less openbox's title bar
    view.table.selectRow(0)
    lines = view.details.viewport().height() // view.details.fontMetrics().lineSpacing()
    # DETAILS_LINES where the table keeps FEWEST_ROWS rows besides; under the queue's three rows of buttons that is
    # six whole lines (it was three and a fourth cut mid-text).
    assert lines >= READABLE_LINES, lines
    rows = view.table.viewport().height() // view.table.verticalHeader().defaultSectionSize()
    assert rows >= FEWEST_ROWS, rows
    # What the entry is and who rang it up where: among the lines in sight.
    shown = view.details.toPlainText().splitlines()[:READABLE_LINES]
    assert any(line.startswith("Rung up at the POS") and "till 1 is shared" in line for line in shown)
    # Who rang it up is whole once scrolled to (the details and the tooltip say it in full).
    assert whole(view, WHO) == []
    view.hide()
