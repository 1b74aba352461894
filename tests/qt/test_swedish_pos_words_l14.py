"""Swedish keeps the shop's POS and this companion apart: a text about the POS says "kassasystemet" (its link
"POS-länken"), never "kassan", which the window also uses for the till itself (Kassa 3) and once used for the
companion too ("i kassan medan den är kopplad": the POS or this window?). Read from the shipped .ts."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

TS = Path(__file__).parents[2] / "pos_engage" / "resources" / "translations" / "pos_engage_sv.ts"
AMBIGUOUS = re.compile(r"\b[Kk]assans?\b|[Kk]assalänk")


def pos_entries(path: Path = TS) -> list[tuple[str, str]]:
    """(English, Swedish) of every text that speaks of the POS."""
    found = []
    for message in ET.parse(path).getroot().iter("message"):  # noqa: S314 - our own shipped file
        source, translation = message.findtext("source") or "", message.findtext("translation") or ""
        if re.search(r"\bPOS\b", source):
            found.append((source, translation))
    return found


def test_a_text_about_the_pos_never_calls_it_kassan():
    entries = pos_entries()
    assert len(entries) > 30
    ambiguous = [(en, sv) for en, sv in entries if AMBIGUOUS.search(sv)]
    assert ambiguous == []
    assert ("Sale from the POS", "Köp från kassasystemet") in entries
