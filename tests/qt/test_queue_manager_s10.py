"""The manager's queue as a store manager used it after an outage (session 10, in the real window under openbox at
800×600 and 1024×768, English and Swedish, a journal of some 2,700 entries): the filter "Needs attention or conflict"
listed the three conflicts with their kind cut ("promotio…", "voucher r…", in Swedish "inlösen a…"), the columns
still fitted to the receipts and registrations listed before; Tab into the list left the details empty and the first
Down selected the second conflict, passing over the first; and the details began in lower case ("promotion
redemption #1360 — conflict"). Offscreen, in the queue the till's window opens."""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import Qt

from pos_engage.core import credentials
from pos_engage.core.journal import payloads
from pos_engage.core.journal.claims import Settlement
from pos_engage.core.journal.entry import EntryStatus, Origin, Source
from pos_engage.core.office.people import it_person
from pos_engage.core.office.queue import ManagerActions
from pos_engage.core.pin import hash_pin
from pos_engage.qt.views.queue_table import KIND, MUST_SEE, WHAT_TO_DO
from tests.core.conftest import sale
from tests.qt.test_queue_columns_s8e import CONTACT, whole

OMAR = Source(Origin.POS_HTTP, "Omar Said (2002)")
PIN = "4826"


def after_an_outage(journal) -> list[int]:
    """Sales whose offers Engage refused as used elsewhere (the conflicts' ids, returned), then more receipts than
    the list's first page (newest first: "All" lists receipts only)."""
    conflicts = []
    for n, kind in enumerate(("promotion", "voucher", "promotion")):
        sale_id = f"12-3-pos-{8100 + n}"
        receipt = replace(payloads.receipt(sale(sale_id, CONTACT, "499.00")), source=OMAR)
        offer = (payloads.promotion_redemption(f"as-{n}", contact_id=CONTACT.value, promotion_id=f"p-{n}",
                                               sale_id=sale_id) if kind == "promotion" else
                 payloads.voucher_redemption(f"v-{n}", contact_id=CONTACT.value, sale_id=sale_id))
        _, used = journal.commit_sale([receipt, replace(offer, source=OMAR)], sale_id=sale_id).entries
        conflicts.append(used.id)
    journal.claim_due()
    journal.settle([Settlement(entry, EntryStatus.CONFLICT, error_code="PromotionAlreadyRedeemed",
                               error="409: PromotionAlreadyRedeemed: the promotion has already been redeemed")
                    for entry in conflicts])
    journal.record([replace(payloads.receipt(sale(f"12-3-pos-{8200 + n}")), source=OMAR) for n in range(210)])
    return conflicts


def opened(qtbot, window, till, width: int, height: int):
    conflicts = after_an_outage(till.journal)
    window.resize(width, height)
    window.open_queue()
    view = window.queue_view
    view.resize(width, height - 40)   # openbox: the screen less the title bar
    qtbot.waitExposed(view)
    qtbot.wait(20)
    return view, conflicts


def test_the_conflicts_filtered_have_their_kind_whole(qtbot, window, till):
    view, _ = opened(qtbot, window, till, 800, 600)
    assert not whole(view, KIND)
    view.status_filter.setCurrentIndex(1)   # Needs attention or conflict
    qtbot.wait(20)
    assert view.model.rowCount() == 3
    assert whole(view, KIND) == []          # "promotion redemption", "voucher redemption" whole
    assert all(not whole(view, column) for column in MUST_SEE)
    view.hide()


def test_the_list_taking_the_keyboard_selects_its_first_entry(qtbot, window, till):
    view, _ = opened(qtbot, window, till, 800, 600)
    view.status_filter.setCurrentIndex(1)
    view.status_filter.setFocus()
    qtbot.keyClick(view.status_filter, Qt.Key.Key_Tab)   # to the kind
    qtbot.keyClick(view.kind_filter, Qt.Key.Key_Tab)     # to the list
    assert view.table.hasFocus()
    first = view.model.entry_id(0)
    assert view.selected_id() == first and view.table.selectionModel().isRowSelected(0)
    assert f"#{first} " in view.details.toPlainText().splitlines()[0]
    qtbot.keyClick(view.table, Qt.Key.Key_Down)
    assert view.selected_id() == view.model.entry_id(1)
    view.hide()


def test_the_details_begin_with_a_capital(qtbot, window, till):
    view, _ = opened(qtbot, window, till, 1024, 768)
    view.status_filter.setCurrentIndex(1)
    view.table.selectRow(0)
    headline = view.details.toPlainText().splitlines()[0]
    assert headline.startswith("Promotion redemption #") or headline.startswith("Voucher redemption #"), headline
    view.hide()


def test_an_entry_retried_out_of_the_filter_takes_its_details_and_buttons_with_it(qtbot, window, till,
                                                                                  memory_keyring):
    credentials.set_secret(credentials.MANAGER_PIN_HASH, hash_pin(PIN))
    view, _ = opened(qtbot, window, till, 800, 600)
    view.status_filter.setCurrentIndex(1)
    view.table.selectRow(0)
    retried = view.selected_id()
    view.ask_pin = lambda: PIN   # the till's manager PIN (no staff list here), as the code dialog answers
    view.retry_button.click()
    assert view.message.text() == f"Entry {retried} will be sent again"
    assert till.journal.get(retried).status is not EntryStatus.CONFLICT
    assert view.model.rowCount() == 2 and retried not in {view.model.entry_id(r) for r in range(2)}
    assert f"#{retried} " not in view.details.toPlainText()
    assert not view.retry_button.isEnabled() and not view.resolve_button.isEnabled()
    view.hide()


def test_an_entry_it_set_aside_says_who_and_why_before_the_attempts(qtbot, window, till):
    conflicts = after_an_outage(till.journal)
    ManagerActions(till.journal, till="3").resolve(conflicts[0], person=it_person("Erik Ek"),
                                                   reason="booked by hand in Engage")
    window.resize(1024, 768)
    window.open_queue()
    view = window.queue_view
    view.status_filter.setCurrentIndex(5)   # Resolved
    assert view.model.rowCount() == 1
    view.table.selectRow(0)
    # Not "Closed by a manager": IT closed it, by name, without a code.
    assert "manager" not in view.model.data(view.model.index(0, WHAT_TO_DO))
    lines = view.details.toPlainText().splitlines()
    audit, attempts = lines.index("Audit:"), lines.index("Attempts:")
    assert audit < attempts   # who did what first: at 1024×768 it was below the fold, after every attempt
    assert lines[audit + 1].endswith("by IT: Erik Ek, without a PIN: booked by hand in Engage")
    view.hide()
