"""Showing what core says (``pos_engage.core.texts``) in the till's language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from pos_engage.core.texts import CONTEXT, Amount, Listing, Text, message_of


def shown(message: BaseException | str) -> str:
    """``message`` (or an error's) in the installed language; text that is not ours (Engage's own words) as it is."""
    text = message_of(message)
    if not isinstance(text, Text):
        return str(text)
    values = {name: _shown_value(value) for name, value in text.values.items()}
    translated = QCoreApplication.translate(CONTEXT, text.template)
    try:
        return translated.format(**values) if values else translated
    except (KeyError, IndexError, ValueError):  # a translation that lost a {place}: English rather than nothing
        return str(text)


def _shown_value(value: object) -> object:
    if isinstance(value, Amount):
        from pos_engage.qt import i18n

        return i18n.money(value.value, value.currency)
    if isinstance(value, Text):
        return shown(value)
    if isinstance(value, Listing):
        return ", ".join(shown(word) if isinstance(word, Text) else str(word) for word in value)
    return value
