"""Translations: the window in Swedish, and no user-facing string left untranslated."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from lxml import etree
from PySide6.QtCore import QTranslator

from pos_engage.qt import i18n
from pos_engage.qt.bridge import TillBridge
from pos_engage.qt.views.main_window import MainWindow

TS = Path(i18n.__file__).parent.parent / "resources" / "translations" / "pos_engage_sv.ts"


def test_the_window_in_swedish(qtbot, qapp, till):
    qm = i18n.compiled("sv")
    assert qm is not None and qm.exists()
    translator = QTranslator()
    assert translator.load(str(qm))
    qapp.installTranslator(translator)
    try:
        window = MainWindow(TillBridge(till.service, till.monitor), demo=True)
        qtbot.addWidget(window)
        assert window.basket.finish_button.text() == "Avsluta köp  (F9)"
        # The cashier reads the method in Swedish; Engage still receives the method's own code.
        assert (window.basket.payment.currentText(), window.basket.payment.currentData()) == ("Kort", "Card")
        assert [a.text() for a in window.menuBar().actions()][:1] == ["&Försäljning"]
        window.bridge.refresh_status()
        assert "Engage ansluten" in window.connectivity_label.text()
        window.open_order_form()  # a text of the window's orders part (window_orders.py), same context
        assert window.customer.message.text() == "Korgen är tom: lägg först till det kunden beställer"
        window.bridge.shutdown()
    finally:
        qapp.removeTranslator(translator)


def test_language_choice():
    assert i18n.choose_language("sv") == "sv"
    assert i18n.choose_language("en") == "en"
    assert i18n.choose_language("xx") in i18n.LANGUAGES


def test_every_string_in_the_code_has_a_swedish_translation(tmp_path):
    lupdate = Path(sys.executable).parent / "pyside6-lupdate"
    lupdate = str(lupdate) if lupdate.exists() else shutil.which("pyside6-lupdate")
    sources = [str(p) for p in (Path(i18n.__file__).parent).rglob("*.py")]
    fresh = tmp_path / "fresh.ts"
    subprocess.run([lupdate, *sources, "-ts", str(fresh)], check=True, capture_output=True, timeout=120)
    in_code = {(m.getparent().findtext("name"), m.findtext("source")) for m in etree.parse(str(fresh)).iter("message")}
    shipped = {(m.getparent().findtext("name"), m.findtext("source")): m.find("translation")
               for m in etree.parse(str(TS)).iter("message")}
    missing = sorted(key for key in in_code if key not in shipped or shipped[key].get("type") == "unfinished"
                     or not (shipped[key].text or "").strip())
    assert len(in_code) > 90
    assert missing == [], f"translate these in {TS.name}: {missing}"
