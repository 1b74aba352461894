"""A dimmed offer card says why in the till's language: core's sentence, with its values, shown through qt/texts.shown
(a Swedish card said "Kan inte användas nu: Engage is offline, and this store never uses manual offers …")."""

from __future__ import annotations

from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QListWidget, QListWidgetItem

from pos_engage.core import texts
from pos_engage.qt import i18n
from pos_engage.qt.views.customer_offers import show_availability


def test_a_dimmed_cards_reason_is_in_swedish_in_a_swedish_till(qtbot, qapp):
    translator = QTranslator()
    assert translator.load(str(i18n.compiled("sv")))
    qapp.installTranslator(translator)
    try:
        cards = QListWidget()   # the offer list owns its cards, as the panel's does
        qtbot.addWidget(cards)
        item = QListWidgetItem("50 kr off your purchase", cards)
        why = texts.tr("Engage is offline, and this store never uses {kind} offline",
                       kind=texts.tr("manual offers (given by hand)"))
        show_availability(item, why)
        assert item.text().endswith("Engage är offline, och butiken använder aldrig manuella erbjudanden (ges för "
                                    "hand) offline")
        assert "Engage is offline" not in item.text() and "Engage is offline" not in item.toolTip()
    finally:
        qapp.removeTranslator(translator)
