"""Showing what core says (``pos_engage.core.texts``) in the till's language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from pos_engage.core.texts import CONTEXT, Text, message_of


def shown(message: BaseException | str) -> str:
    """``message`` (or an error's) in the installed language; text that is not ours (Engage's own words) as it is."""
    text = message_of(message)
    if not isinstance(text, Text):
        return str(text)
    values = {name: shown(value) if isinstance(value, Text) else value for name, value in text.values.items()}
    translated = QCoreApplication.translate(CONTEXT, text.template)
    try:
        return translated.format(**values) if values else translated
    except (KeyError, IndexError, ValueError):  # a translation that lost a {place}: English rather than nothing
        return str(text)
