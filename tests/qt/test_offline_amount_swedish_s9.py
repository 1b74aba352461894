"""An offline rule's limit in money reads as every amount on a Swedish screen does: decimal comma and currency
("högst 50,00 SEK på ett köp"), not "50.00" of nothing. Core's sentence shown through qt/texts.shown with the
Swedish translation installed."""

from __future__ import annotations

from decimal import Decimal

from PySide6.QtCore import QTranslator

from pos_engage.core.config import TillSettings
from pos_engage.core.domain import Money, RewardVoucher
from pos_engage.core.till.offer_rules import OfflineRules, offline_refusal
from pos_engage.qt import i18n
from pos_engage.qt.texts import shown


def test_the_offline_limits_amount_is_written_as_swedish_money(qapp, monkeypatch):
    translator = QTranslator()
    assert translator.load(str(i18n.compiled("sv")))
    qapp.installTranslator(translator)
    monkeypatch.setattr(i18n, "current", "sv")
    try:
        voucher = RewardVoucher("v", "1", "Bonus check", Money(Decimal("100"), "SEK"))
        sale = OfflineRules.of(TillSettings(offline_redemption="allow_up_to", offline_max=1250.0,
                                            offline_voucher_max=2000.0))
        assert shown(offline_refusal(sale, voucher, Decimal("1300"))) == \
            "Engage är offline, och butiken drar då av högst 1\u202f250,00\u00a0SEK på ett köp"
        vouchers = OfflineRules.of(TillSettings(offline_voucher_max=50.0))
        assert shown(offline_refusal(vouchers, voucher, Decimal("100"))) == \
            "Engage är offline, och butiken tar då emot värdecheckar på högst 50,00\u00a0SEK"
    finally:
        qapp.removeTranslator(translator)
