"""Translations: the window in Swedish, and no user-facing string left untranslated."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
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
        assert (window.basket.tender_buttons["Card"].text(), window.basket.method()) == ("Kort", "Card")
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
    package = Path(i18n.__file__).parent.parent
    sources = [str(p) for folder in ("qt", "core") for p in (package / folder).rglob("*.py")]
    fresh = tmp_path / "fresh.ts"
    subprocess.run([lupdate, *sources, "-ts", str(fresh)], check=True, capture_output=True, timeout=120)
    in_code = {(m.getparent().findtext("name"), m.findtext("source")) for m in etree.parse(str(fresh)).iter("message")}
    shipped = {(m.getparent().findtext("name"), m.findtext("source")): m.find("translation")
               for m in etree.parse(str(TS)).iter("message")}
    missing = sorted(key for key in in_code if key not in shipped or shipped[key].get("type") == "unfinished"
                     or not (shipped[key].text or "").strip())
    assert len(in_code) > 200
    assert sum(1 for context, _ in in_code if context == "texts") > 100  # core's texts (pos_engage.core.texts)
    assert missing == [], f"translate these in {TS.name}: {missing}"


def test_every_text_core_writes_for_a_person_is_one_lupdate_can_read():
    # lupdate reads texts.tr("literal", ...) only: a template built at run time would never be translated.
    import ast

    package = Path(i18n.__file__).parent.parent
    unreadable = []
    for path in (package / "core").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr == "tr"
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "texts"
                    and not (node.args and isinstance(node.args[0], ast.Constant)
                             and isinstance(node.args[0].value, str))):
                unreadable.append(f"{path.name}:{node.lineno}")
            # lupdate takes the name before ".tr" as the context: a bare tr() would be looked up in the wrong one.
            if isinstance(node, ast.ImportFrom) and node.module == "pos_engage.core.texts" and \
                    any(alias.name == "tr" for alias in node.names):
                unreadable.append(f"{path.name}:{node.lineno} imports tr")
    assert unreadable == []


def test_what_core_says_is_shown_in_swedish_with_its_values(qtbot, qapp, till):
    from pos_engage.core import texts
    from pos_engage.core.errors import InputError
    from pos_engage.core.till import scan
    from pos_engage.qt.texts import shown

    translator = QTranslator()
    assert translator.load(str(i18n.compiled("sv")))
    qapp.installTranslator(translator)
    # What i18n.install sets with the translator: dates in the language's own way (Swedish ISO). Left English, the
    # cards' check below passed only on days when an offer happened to expire on the 20th to the 29th.
    before, i18n.current = i18n.current, "sv"
    try:
        assert shown(texts.tr("No customer with that {kind}", kind=scan.KIND_WORDS[scan.KeyKind.MOBILE])) == \
            "Ingen kund hittades (mobilnummer)"
        with pytest.raises(InputError) as raised:
            scan.classify("nonsense")
        assert str(raised.value).startswith("'nonsense' is not")  # logs and the command line keep English
        assert shown(raised.value) == "'nonsense' är varken ett kortnummer, en e-postadress eller ett mobilnummer"
        assert shown("Engage's own words") == "Engage's own words"  # not ours to translate
        from datetime import datetime
        from decimal import Decimal

        from pos_engage.core.domain.order_life import OrderedItem, OrderStage, TillOrder

        now = datetime.now().astimezone()
        order = TillOrder("o-1", OrderStage.SHIPPED, (OrderedItem("1001", "T-shirt", 1, Decimal(99)),), now, now)
        with pytest.raises(InputError) as refused:
            order.moved_to(OrderStage.CREATED, now)
        assert shown(refused.value) == "Order o-1 är Skickad; den kan bli: Levererad"
        window = MainWindow(TillBridge(till.service, till.monitor), demo=True)
        qtbot.addWidget(window)
        with qtbot.waitSignal(window.bridge.identified, timeout=10_000):
            window.customer.input.setText("12 ab")
            window.customer.find_button.click()
        assert window.customer.message.text() == \
            "'12 ab' är varken ett kortnummer, en e-postadress eller ett mobilnummer"
        anna = till.sim_state.showcase()["contacts"][0]
        with qtbot.waitSignal(window.bridge.identified, timeout=10_000):
            window.customer.input.setText(anna["email"])
            window.customer.find_button.click()
        cards = [window.customer.offers.item(i).text() for i in range(window.customer.offers.count())]
        assert any(re.search(r"går ut 20\d\d-\d\d-\d\d", card) for card in cards)
        assert any("värdecheck" in card for card in cards)
        assert "värdecheck" in window.customer.details.text() and "till ett värde av" in window.customer.details.text()
        window.bridge.shutdown()
    finally:
        qapp.removeTranslator(translator)
        i18n.current = before


def test_a_translation_that_lost_a_value_shows_the_english_rather_than_nothing(qapp):
    from pos_engage.core import texts
    from pos_engage.qt.texts import shown

    class LostAPlace(QTranslator):
        def translate(self, context, source, disambiguation=None, n=-1):
            return "Bara {kvar} återstår" if context == "texts" else ""

    translator = LostAPlace()
    qapp.installTranslator(translator)
    try:
        text = texts.tr("Only {remaining} remains; {method} cannot pay more than that", remaining="5.00",
                        method="Card")
        assert shown(texts.tr("Nothing remains to be paid")) == "Bara {kvar} återstår"  # the translator is in use
        assert shown(text) == "Only 5.00 remains; Card cannot pay more than that"
    finally:
        qapp.removeTranslator(translator)


def test_no_text_to_translate_is_written_inside_an_f_string():
    # lupdate does not read inside an f-string: tr("...") or translate("Context", "...") there is never extracted,
    # so the Swedish window shows it in English and the test above cannot tell (it reads what lupdate reads). The
    # customer card's "Member number" was lost so.
    import ast

    package = Path(i18n.__file__).parent.parent
    hidden = []
    for path in (*(package / "qt").rglob("*.py"), *(package / "core").rglob("*.py"), package / "window.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.JoinedStr):
                continue
            for call in ast.walk(node):
                name = getattr(getattr(call, "func", None), "attr", None) or getattr(getattr(call, "func", None),
                                                                                    "id", None)
                # The text is tr's first argument, translate's second (its first is the context).
                text = call.args[{"tr": 0, "translate": 1}[name]] if isinstance(call, ast.Call) and name in (
                    "tr", "translate") and len(call.args) > {"tr": 0, "translate": 1}[name] else None
                if isinstance(text, ast.Constant) and isinstance(text.value, str):
                    hidden.append(f"{path.name}:{call.lineno}")
    assert hidden == [], f"take these texts out of their f-strings, so that lupdate reads them: {hidden}"


def test_an_amount_in_what_core_says_is_written_as_the_tills_language_writes_money(qapp):
    import copy
    from decimal import Decimal

    from pos_engage.core import texts
    from pos_engage.qt.texts import shown

    said = texts.tr("Receipt {number} — {amount}", number="2003", amount=texts.Amount(Decimal("1874.29"), "SEK"))
    assert said == "Receipt 2003 — 1874.29 SEK"   # logs, the command line
    assert copy.deepcopy(said) == said and isinstance(copy.deepcopy(said).values["amount"], texts.Amount)
    before = i18n.current
    try:
        i18n.current = "sv"
        assert shown(said) == "Receipt 2003 — 1\u202f874,29\u00a0SEK"   # the grouping and decimal comma of Swedish
    finally:
        i18n.current = before


def test_a_translation_compiled_for_an_earlier_ts_is_never_used_whatever_its_time(tmp_path, monkeypatch):
    """An update ships a new .ts; a .qm compiled from the one before, newer by its time (the update kept the .ts's
    older time), must not be loaded: the new strings would show in English."""
    monkeypatch.setattr("platformdirs.user_cache_dir", lambda *_args, **_kwargs: str(tmp_path))
    stale = tmp_path / "pos_engage_sv.qm"   # the name the cache had before
    stale.write_bytes(b"not this one")
    earlier = tmp_path / "pos_engage_sv-0123456789abcdef.qm"   # another .ts content's
    earlier.write_bytes(b"nor this one")
    qm = i18n.compiled("sv")
    assert qm is not None and qm.parent == tmp_path and qm not in (stale, earlier)
    assert QTranslator().load(str(qm))
    assert not stale.exists() and not earlier.exists()   # the caches of earlier contents go
    assert i18n.compiled("sv") == qm   # compiled once per content
