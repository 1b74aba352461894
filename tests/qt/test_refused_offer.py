"""An offer Engage refuses at commit (used at another till meanwhile) in the real window: the cashier is asked in
plain words and can remove it before the receipt is final, or keep it (the manager sees the conflict)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from pos_engage.core.journal.entry import EntryStatus
from tests.qt.test_window import add_line, apply_first, identified, scan, showcase


def used_at_another_till(till, promotion_id: str) -> None:
    promotion = till.sim_state.promotions[promotion_id]
    promotion["redeemed"], promotion["redeemedOn"] = True, "2026-11-27T10:00:00.123456+00:00"


@pytest.mark.parametrize("remove", [True, False])
def test_a_refused_offer_is_explained_and_the_cashier_decides(qtbot, window, till, remove):
    anna = showcase(till)["Anna"]
    identified(qtbot, window, lambda: scan(qtbot, window.customer.input, anna["cardNumber"]))
    add_line(qtbot, window, "1002", "Wool jacket", "1299")
    promotion = apply_first(qtbot, window, "20 %")
    used_at_another_till(till, promotion.id)
    with qtbot.waitSignal(window.bridge.offers_refused, timeout=10_000) as refused:
        qtbot.keyClick(window, Qt.Key.Key_F9)
    sale = refused.args[0]
    box = window.basket.refused_box
    qtbot.waitUntil(box.isVisible, timeout=5000)
    assert "already used at another till" in box.text() and promotion.heading in box.text()
    assert sale.receipt_id not in till.sim_state.received.receipts  # held: not final yet
    button = next(b for b in box.buttons() if b.text() == ("Remove it" if remove else "Keep it"))
    with qtbot.waitSignal(window.bridge.sale_delivered, timeout=15_000):
        qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    booked = till.sim_state.received.receipts[sale.receipt_id]
    assert booked["totalGrossPrice"] == (1299.0 if remove else 1039.2)
    redemption = till.journal.get(sale.refused[0].entry_id)
    assert redemption.status is (EntryStatus.RESOLVED if remove else EntryStatus.CONFLICT)
    assert window.basket.table.rowCount() == 0 and window.bridge.held_sale is None
